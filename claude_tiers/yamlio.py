"""The one YAML wrapper (ruamel.yaml, imported only when YAML is really read).

``load_yaml`` parses YAML 1.2 safely, refuses duplicate keys, and turns every parser error
into a :class:`DocumentError` with a line and a column.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from claude_tiers.errors import DocumentError


def load_yaml(text: str, path: str, line_offset: int = 0) -> Any:
    """Parse YAML text safely; timestamps stay strings. Errors carry file:line:col."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="safe", pure=True)
    yaml.allow_duplicate_keys = False
    yaml.Constructor = _string_dates()
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


@lru_cache(maxsize=None)
def _string_dates() -> Any:
    """ruamel's safe constructor, with dates and timestamps kept as the strings written: a
    preset, a configuration or frontmatter never means a datetime object. (Removing the
    timestamp constructor instead made every unquoted date an error.)"""
    from ruamel.yaml.constructor import SafeConstructor

    class StringDates(SafeConstructor):
        pass

    StringDates.add_constructor("tag:yaml.org,2002:timestamp", SafeConstructor.construct_yaml_str)
    return StringDates


def positions(text: str, line_offset: int = 0) -> dict[tuple[str, ...], tuple[int, int]]:
    """1-based (line, column) of every mapping key and sequence item, by path of string parts.

    ``("settings", "model")`` is the ``model:`` key under ``settings:``; list items use their
    index (``("remove", "0")``). Empty when the text does not parse (errors come from
    :func:`load_yaml`). Built without recursion, only when a message needs a position.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.nodes import MappingNode, Node, SequenceNode

    try:
        root = YAML(typ="safe", pure=True).compose(text)
    except YAMLError:
        return {}
    found: dict[tuple[str, ...], tuple[int, int]] = {}
    stack: list[tuple[tuple[str, ...], Node]] = [((), root)] if root is not None else []
    while stack:
        path, node = stack.pop()
        if isinstance(node, MappingNode):
            for key, value in node.value:
                sub = (*path, str(key.value))
                found.setdefault(sub, (key.start_mark.line + 1 + line_offset,
                                       key.start_mark.column + 1))
                stack.append((sub, value))
        elif isinstance(node, SequenceNode):
            for index, item in enumerate(node.value):
                sub = (*path, str(index))
                found.setdefault(sub, (item.start_mark.line + 1 + line_offset,
                                       item.start_mark.column + 1))
                stack.append((sub, item))
    return found


def position_of(found: dict[tuple[str, ...], tuple[int, int]],
                path: tuple[str, ...]) -> tuple[int, int]:
    """The position of ``path`` or of its nearest parent present in ``found`` ((0, 0) if none)."""
    for end in range(len(path), 0, -1):
        if path[:end] in found:
            return found[path[:end]]
    return 0, 0
