"""The one YAML wrapper (ruamel.yaml, imported only when YAML is really read).

``load_yaml`` parses YAML 1.2 safely, refuses duplicate keys, and turns every parser error
into a :class:`DocumentError` with a line and a column.
"""

from __future__ import annotations

from typing import Any

from claude_tiers.errors import DocumentError


def load_yaml(text: str, path: str, line_offset: int = 0) -> Any:
    """Parse YAML text safely; timestamps stay strings. Errors carry file:line:col."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="safe", pure=True)
    yaml.allow_duplicate_keys = False
    # Dates stay strings: a preset or frontmatter never means a datetime object.
    yaml.constructor.yaml_constructors.pop("tag:yaml.org,2002:timestamp", None)
    try:
        return yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + line_offset) if mark is not None else 0
        col = (mark.column + 1) if mark is not None else 0
        problem = exc.problem or exc.context or "invalid YAML"
        raise DocumentError(path, "invalid-yaml", f"invalid YAML: {problem}", line, col) from None
    except YAMLError as exc:
        raise DocumentError(path, "invalid-yaml", f"invalid YAML: {exc}") from None
