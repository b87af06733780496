"""Small helpers shared by the key, permission, hook and secret rules (CT11x, CT3xx, CT4xx, CT5xx)."""

from __future__ import annotations

import copy
import json
from typing import Any

from claude_tiers.jsonio import split_pointer
from claude_tiers.lint.base import LintContext


def schema_flagged(ctx: LintContext, pointer: str) -> bool:
    """Does the schema (reported by CT100/CT101) already flag this value or something inside it?

    Rules use it to stay silent where the schema's message already says what Claude Code does.
    """
    prefix = pointer + "/"
    return any(issue.pointer == pointer or issue.pointer.startswith(prefix)
               for issue in ctx.schema_issues())


def schema_issue_at(ctx: LintContext, pointer: str) -> bool:
    """Does the schema flag exactly this value?"""
    return any(issue.pointer == pointer for issue in ctx.schema_issues())


def get_at(data: Any, pointer: str) -> Any:
    """The value at a JSON pointer, or None when absent."""
    node = data
    for part in split_pointer(pointer):
        if isinstance(node, dict):
            if part not in node:
                return None
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node


def clone(data: dict[str, Any]) -> dict[str, Any]:
    """A deep copy of settings data, for a fix to change."""
    return copy.deepcopy(data)


def quote(value: Any, limit: int = 80) -> str:
    """A value as JSON text for a message, shortened."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[:limit - 4] + '..."'


def line_of(ctx: LintContext, pointer: str) -> int:
    """The line of a pointer (for messages naming another entry)."""
    return ctx.position(pointer)[0]


def keeps_file(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """False when ``new`` would make Claude Code drop a file it loads with ``old``: a fix that
    moves a value where the schema rejects it must not turn a warning into a lost file.

    Top-level keys are validated independently (bar :func:`schema.linked_keys`), so only the
    keys that differ are validated; the whole of ``old`` only when that alone cannot tell.
    """
    from claude_tiers import schema

    missing = object()
    keys = {k for k in old.keys() | new.keys() if old.get(k, missing) != new.get(k, missing)}
    keys |= schema.linked_keys() & (old.keys() | new.keys())

    def drops(data: dict[str, Any]) -> bool:
        return schema.verdict(schema.validate({k: v for k, v in data.items() if k in keys})) \
            == "dropped"

    if not drops(new) or drops(old):
        return True
    return schema.verdict(schema.validate(old)) == "dropped"  # dropped by unchanged keys already


def remove_rule(data: dict[str, Any], pointer: str, raw: object) -> dict[str, Any] | None:
    """``data`` without the permission rule at ``pointer`` (None when it is no longer there)."""
    return replace_rule(data, pointer, raw, None)


def replace_rule(data: dict[str, Any], pointer: str, raw: object,
                 new_rule: str | None) -> dict[str, Any] | None:
    """``data`` with the permission rule at ``pointer`` replaced by ``new_rule`` (removed when
    None, or when ``new_rule`` is already in the same list). None when the rule at ``pointer``
    is no longer ``raw``."""
    if not isinstance(raw, str) or get_at(data, pointer) != raw:
        return None
    new = clone(data)
    _, name, index = pointer.rsplit("/", 2)
    items = new["permissions"][name]
    if new_rule is None or new_rule in items:
        del items[int(index)]
    else:
        items[int(index)] = new_rule
    return new


def shown(text: str, limit: int = 90) -> str:
    """A rule or value as it may appear in a message: credentials masked, newlines escaped,
    long text shortened."""
    from claude_tiers.redact import redact

    text = redact(text).replace("\r", "\\r").replace("\n", "\\n")
    return text if len(text) <= limit else text[:limit - 3] + "..."


def excerpt(text: str, width: int = 70) -> str:
    """A short, redacted excerpt of ``text`` around its first masked credential."""
    from claude_tiers.redact import MASK

    masked = shown(text, limit=10**9)
    at = masked.find(MASK)
    if at < 0 or len(masked) <= width:
        return shown(masked, width)
    start = max(0, at - width // 2)
    end = min(len(masked), start + width)
    start = max(0, end - width)
    return ("..." if start else "") + masked[start:end] + ("..." if end < len(masked) else "")


def rename_key_text(ctx: LintContext, pointer: str, new_key: str) -> str | None:
    """The file text with the key at ``pointer`` renamed in place (its value, position and
    formatting untouched), or None when that cannot be done safely."""
    from json.decoder import scanstring  # type: ignore[attr-defined]

    from claude_tiers.jsonio import join_pointer

    doc = ctx.doc
    if doc is None or doc.has_duplicates:
        return None
    parts = split_pointer(pointer)
    if not parts:
        return None
    parent = doc.node_at(join_pointer(parts[:-1]))
    if parent is None or parent.kind != "object" or any(k == new_key for k, _, _ in parent.members):
        return None
    found = [start for key, start, _ in parent.members if key == parts[-1]]
    if len(found) != 1 or doc.text[found[0]] != '"':
        return None
    start = found[0]
    _, end = scanstring(doc.text, start + 1)
    replacement = json.dumps(new_key, ensure_ascii=doc.style.ensure_ascii)
    return doc.text[:start] + replacement + doc.text[end:]


def replace_scalar_text(ctx: LintContext, pointer: str, value: Any) -> str | None:
    """The file text with the scalar at ``pointer`` replaced in place (nothing else touched)."""
    doc = ctx.doc
    if doc is None or doc.has_duplicates:
        return None
    node = doc.node_at(pointer)
    if node is None or node.kind != "scalar":
        return None
    replacement = json.dumps(value, ensure_ascii=doc.style.ensure_ascii)
    return doc.text[:node.start] + replacement + doc.text[node.end:]
