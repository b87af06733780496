"""What applying a preset changes: pure functions over data (no files, no printing).

``plan_settings`` computes the new settings data; ``describe_changes`` says what changed
in the language of tiers (``model claude-opus-4-7 (tier 3) -> claude-sonnet-4-6 (tier 1)``);
``unified_diff`` renders a redacted line diff for ``--dry-run`` and ``--check``.
"""

from __future__ import annotations

import difflib
import re
from typing import Any, Callable, Mapping

from claude_tiers.jsonio import printable, same
from claude_tiers.merge import merge, remove
from claude_tiers.presets import Preset
from claude_tiers.redact import MASK, looks_secret_name, looks_secret_value, redact

JSON = Any
MODEL_KEYS = ("model", "advisorModel")


def plan_settings(data: dict[str, JSON], preset: Preset) -> dict[str, JSON]:
    """``data`` after the preset: its ``remove`` entries deleted, then its ``settings`` merged."""
    result: dict[str, JSON] = merge(remove(data, preset.remove), preset.settings)
    return result


def tier_models(overrides: Mapping[int, str] | None = None) -> dict[int, str]:
    """Tier number -> model id, from the catalog, with a policy's remaps applied."""
    from claude_tiers.catalog import load_catalog

    catalog = load_catalog()
    return {tier: catalog.tier_model(tier, _str_keys(overrides)) for tier in (1, 2, 3)}


def _str_keys(overrides: Mapping[int, str] | None) -> dict[str, str] | None:
    return {str(k): v for k, v in overrides.items()} if overrides else None


def model_label(value: JSON, overrides: Mapping[int, str] | None = None) -> str:
    """``claude-sonnet-4-6 (tier 1)``; the bare value when it has no tier; ``(unset)`` for None."""
    if value is None:
        return "(unset)"
    if not isinstance(value, str):
        return repr(value)
    from claude_tiers.catalog import load_catalog

    tier = load_catalog().tier_of(value, _str_keys(overrides))
    return f"{value} (tier {tier})" if tier else value


def _show(value: JSON, key: str) -> str:
    if isinstance(value, str):
        if looks_secret_name(key) or looks_secret_value(value):
            return MASK
        return value
    if isinstance(value, (dict, list)):
        return f"{{{len(value)} keys}}" if isinstance(value, dict) else f"[{len(value)} items]"
    return "null" if value is None else str(value).lower() if isinstance(value, bool) else str(value)


Label = Callable[[JSON], str]
"""How a change phrase names a model value (``claude-sonnet-4-6 (tier 1)``)."""


def describe_changes(old: JSON, new: JSON, overrides: Mapping[int, str] | None = None,
                     prefix: str = "", label: Label | None = None) -> list[str]:
    """Short phrases for every change between two settings values (secrets masked).

    Models are named by ``label`` (default :func:`model_label` with ``overrides``; a policy run
    passes its own, so that tiers read as the policy numbers them).
    """
    if label is None:
        def label(value: JSON) -> str:
            return model_label(value, overrides)
    return _describe(old, new, prefix, label)


def _describe(old: JSON, new: JSON, prefix: str, label: Label) -> list[str]:
    if same(old, new):
        return []
    if isinstance(old, dict) and isinstance(new, dict):
        phrases: list[str] = []
        for key in new:
            path = f"{prefix}{key}"
            if key not in old:
                phrases.append(_added(path, key, new[key], label))
            else:
                phrases.extend(_describe(old[key], new[key], path + ".", label))
        phrases.extend(f"removed {prefix}{key}" for key in old if key not in new)
        return phrases
    name = prefix[:-1]
    if isinstance(old, list) and isinstance(new, list):
        plus = sum(1 for item in new if not any(same(item, o) for o in old))
        minus = sum(1 for item in old if not any(same(item, n) for n in new))
        return [f"{name} +{plus} -{minus}" if minus else f"{name} +{plus}"]
    key = name.rsplit(".", 1)[-1]
    if key in MODEL_KEYS or key.endswith("_MODEL"):
        return [f"{name} {label(old)} -> {label(new)}"]
    return [f"{name} {_show(old, key)} -> {_show(new, key)}"]


def _added(path: str, key: str, value: JSON, label: Label) -> str:
    if key in MODEL_KEYS or key.endswith("_MODEL"):
        return f"{path} (unset) -> {label(value)}"
    if isinstance(value, dict) and value:
        inner = ", ".join(_added(f"{path}.{k}", k, v, label) for k, v in value.items())
        return inner
    return f"added {path} = {_show(value, key)}"


def _lines(text: str) -> list[str]:
    """Lines split on ``\\n`` only, as git does (``\\r`` and U+2028 stay inside a line)."""
    return _LINE.findall(text)


_LINE = re.compile(r"[^\n]*\n|[^\n]+\Z")

REDACTED_NOTE = ("# claude-tiers: secrets are masked as {mask} in hunk(s) {hunks} of this file, "
                 "so git apply rejects them (their lines differ from the file; git apply --reject "
                 "applies the other hunks)\n")


def unified_diff(old_text: str, new_text: str, path: str, secrets: set[str]) -> str:
    """A unified diff ``a/PATH`` -> ``b/PATH`` with every secret masked, as ``git apply`` reads it.

    Line endings are kept byte for byte (a CRLF file gives CRLF lines), so the patch applies
    to the file as it is. A hunk whose lines had to be masked cannot apply; a comment line
    before the file's header names those hunks (git apply skips such leading lines).
    """
    old_lines, new_lines = _lines(old_text), _lines(new_text)
    for lines in (old_lines, new_lines):
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n\\ No newline at end of file\n"
    fromfile = f"a/{path}" if old_text else "/dev/null"
    out: list[str] = []
    masked: list[int] = []
    hunk = 0
    for line in difflib.unified_diff(old_lines, new_lines, fromfile, f"b/{path}"):
        if line.startswith("@@"):
            hunk += 1
        shown = redact(line, secrets)
        if shown != line and hunk and hunk not in masked:
            masked.append(hunk)
        out.append(shown)
    text = "".join(out)
    if masked and text:
        text = REDACTED_NOTE.format(mask=MASK, hunks=", ".join(map(str, masked))) + text
    return printable(text)
