"""CT003 duplicate-key: the same key twice in one JSON object.

**What**: an object in a settings file that has a key twice (both positions are given).

**Why**: Claude Code keeps the last value and silently ignores the earlier one. Usually the
earlier one is what someone meant to change (two ``"model"`` lines after a merge, a second
``"permissions"`` block that hides the first one's rules).

FAIL::

    {
      "model": "claude-opus-4-7",
      "model": "claude-sonnet-4-6"
    }

PASS::

    {
      "model": "claude-sonnet-4-6"
    }

**Fix** (unsafe): delete the earlier occurrences, keeping the last one, which is what Claude
Code uses today. Unsafe because the value deleted may be the one the author meant (or a
block whose entries should have been merged by hand).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Iterator

from claude_tiers.lint.base import JSON_KINDS, Finding, LintContext, finding

if TYPE_CHECKING:
    from claude_tiers.jsonio import Node

CODE = "CT003"
NAME = "duplicate-key"
SEVERITY = "error"
APPLIES_TO = JSON_KINDS
FIX = "unsafe"
_SELF = sys.modules[__name__]


def check(ctx: LintContext) -> Iterator[Finding]:
    """Report every earlier occurrence of a duplicated key, pointing at the one that wins."""
    if ctx.doc is None or not ctx.doc.has_duplicates:
        return
    for dup in ctx.doc.duplicates:
        key = dup.pointer.rsplit("/", 1)[-1].replace("~1", "/").replace("~0", "~")
        yield finding(_SELF, ctx, dup.pointer,
                      f'duplicate key "{key}" (again at line {dup.line}, column {dup.column}): '
                      "Claude Code keeps the last value and silently ignores this one",
                      at=(dup.first_line, dup.first_column))


def _rebuild(text: str, node: Node) -> str:
    """The node's text with every earlier duplicate member removed (recursively)."""
    if node.kind == "object" and node.members:
        last = {key: index for index, (key, _, _) in enumerate(node.members)}
        members = node.members
        out = [text[node.start:members[0][1]]]
        first = True
        for index, (key, key_start, value) in enumerate(members):
            if last[key] != index:
                continue
            if not first:
                out.append(text[members[index - 1][2].end:key_start])
            first = False
            out.append(text[key_start:value.start])
            out.append(_rebuild(text, value))
        out.append(text[members[-1][2].end:node.end])
        return "".join(out)
    if node.kind == "array" and node.items:
        items = node.items
        out = [text[node.start:items[0].start]]
        for index, item in enumerate(items):
            if index:
                out.append(text[items[index - 1].end:item.start])
            out.append(_rebuild(text, item))
        out.append(text[items[-1].end:node.end])
        return "".join(out)
    return text[node.start:node.end]


def fix(ctx: LintContext, found: Finding) -> str | None:
    """The text with the earlier occurrences of every duplicated key deleted."""
    doc = ctx.doc
    if doc is None or not doc.has_duplicates:
        return None
    tree = doc.tree
    return doc.text[:tree.start] + _rebuild(doc.text, tree) + doc.text[tree.end:]
