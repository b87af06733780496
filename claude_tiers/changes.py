"""Semantic differences between two JSON values: the one place that uses deepdiff.

``compute(old, new)`` returns :class:`Change` records by JSON path: keys ``added``, ``removed``
or ``changed``, and list entries ``added`` or ``removed`` one by one (permission rules, hook
groups, ``availableModels``...), matched by strict JSON equality whatever their position.
Key order and formatting never count; ``1``, ``1.0`` and ``true`` are different values.
``fallbackModel`` is an ordered chain, so a change to it is one ``changed`` record.
A whole object that appears or disappears is split into its leaves (``env: added {...}``
becomes one ``env.NAME`` record per variable, an added ``permissions`` object one entry
record per rule); only empty objects and lists, and ordered lists, stay whole.

deepdiff is imported inside :func:`compute` (it costs ~100 ms) and none of its types leave
this module.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Iterable

__all__ = ["Change", "compute", "invert", "ORDERED_KEYS", "format_path"]

ORDERED_KEYS = frozenset({"fallbackModel"})
"""Lists whose order matters: compared whole, reported as one ``changed`` record."""

_PLAIN = re.compile(r"[A-Za-z0-9_$@/:*()-]+\Z")


@dataclass(frozen=True)
class Change:
    """One semantic difference. ``old``/``new`` are None on the side where nothing is."""

    path: str  # "permissions.allow", "env.ANTHROPIC_MODEL", "model"
    kind: str  # "added" | "removed" | "changed"
    old: Any = None
    new: Any = None
    parts: tuple[str, ...] = ()
    entry: bool = False  # a list entry (added/removed from the list at ``path``)
    section: str = "settings"  # "settings", "effective" (the model Claude Code runs), "agents"

    def as_json(self) -> dict[str, Any]:
        """A JSON-ready dict: section, path, kind, old, new, entry."""
        return {"section": self.section, "path": self.path, "kind": self.kind, "old": self.old,
                "new": self.new, "entry": self.entry}


def format_path(parts: Iterable[str]) -> str:
    """``("permissions", "allow")`` -> ``permissions.allow``; odd keys are quoted: ``hooks["a.b"]``."""
    out = ""
    for part in parts:
        if _PLAIN.match(part):
            out += ("." if out else "") + part
        else:
            out += "[" + json.dumps(part, ensure_ascii=False) + "]"
    return out or "(root)"


class _Entries(dict):  # type: ignore[type-arg]
    """A list seen as a set: canonical JSON of each entry -> the entry."""


class _Whole(str):
    """An ordered list compared whole (its canonical JSON); ``raw`` is the list."""

    raw: Any


def _canonical(value: Any, key: str | None = None) -> str:
    """JSON text that is the same for semantically equal values (list order and repeats ignored)."""
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(k, ensure_ascii=False)}:{_canonical(v, k)}"
                              for k, v in sorted(value.items())) + "}"
    if isinstance(value, list):
        items = [_canonical(v) for v in value]
        return "[" + ",".join(items if key in ORDERED_KEYS else sorted(set(items))) + "]"
    return json.dumps(value, ensure_ascii=False)


def _prepare(value: Any, key: str | None) -> Any:
    if isinstance(value, dict):
        return {k: _prepare(v, k) for k, v in value.items()}
    if isinstance(value, list):
        if key in ORDERED_KEYS:
            whole = _Whole(_canonical(value, key))
            whole.raw = value
            return whole
        entries = _Entries()
        for item in value:
            entries.setdefault(_canonical(item), _prepare(item, None))
        return entries
    return value


def _raw(value: Any) -> Any:
    if isinstance(value, _Whole):
        return value.raw
    if isinstance(value, _Entries):
        return [_raw(v) for v in value.values()]
    if isinstance(value, dict):
        return {k: _raw(v) for k, v in value.items()}
    return value


def _sort_key(c: Change) -> tuple[Any, ...]:
    return (c.section, c.parts, {"removed": 0, "changed": 1, "added": 2}[c.kind], _canonical(c.old), _canonical(c.new))


def compute(old: Any, new: Any) -> list[Change]:
    """Every semantic difference from ``old`` to ``new`` (two parsed JSON values), sorted by path."""
    from deepdiff import DeepDiff

    a, b = _prepare(old, None), _prepare(new, None)
    options: dict[str, Any] = {"view": "tree", "ignore_order": False, "verbose_level": 2,
                               "ignore_numeric_type_changes": False, "ignore_string_type_changes": False}
    try:  # deepdiff 8+ reports a dict with few shared keys whole unless told not to
        diff = DeepDiff(a, b, threshold_to_diff_deeper=0, **options)
    except ValueError:  # deepdiff 7: always diffs deeper
        diff = DeepDiff(a, b, **options)
    out: list[Change] = []
    for report, levels in diff.items():
        for level in levels:
            path = [str(p) for p in level.path(output_format="list")]
            parent_old = level.up.t1 if level.up is not None else None
            parent_new = level.up.t2 if level.up is not None else None
            in_list = isinstance(parent_old, _Entries) or isinstance(parent_new, _Entries)
            if in_list:
                list_path = tuple(path[:-1])
                if report == "dictionary_item_added":
                    out.append(Change(format_path(list_path), "added", None, _raw(level.t2), list_path, True))
                elif report == "dictionary_item_removed":
                    out.append(Change(format_path(list_path), "removed", _raw(level.t1), None, list_path, True))
                continue  # same canonical key means equal entries: nothing else can differ
            parts = tuple(path)
            if report == "dictionary_item_added":
                out.extend(_split(parts, "added", _raw(level.t2)))
            elif report == "dictionary_item_removed":
                out.extend(_split(parts, "removed", _raw(level.t1)))
            elif report in ("values_changed", "type_changes"):
                out.append(Change(format_path(parts), "changed", _raw(level.t1), _raw(level.t2), parts))
            else:  # pragma: no cover - other reports cannot arise from plain JSON
                out.append(Change(format_path(parts), "changed", _raw(level.t1), _raw(level.t2), parts))
    out.sort(key=_sort_key)
    return out


def _split(parts: tuple[str, ...], kind: str, value: Any) -> list[Change]:
    """An added or removed value as leaf records: objects per key, lists per entry."""
    out: list[Change] = []
    stack: list[tuple[tuple[str, ...], Any]] = [(parts, value)]
    while stack:  # no recursion: a deeply nested object splits like any other
        here, item = stack.pop()
        key = here[-1] if here else None
        if isinstance(item, dict) and item:
            stack.extend((here + (str(k),), v) for k, v in item.items())
        elif isinstance(item, list) and item and key not in ORDERED_KEYS:
            seen: set[str] = set()
            for entry in item:
                canon = _canonical(entry)
                if canon not in seen:
                    seen.add(canon)
                    out.append(Change(format_path(here), kind, entry if kind == "removed" else None,
                                      entry if kind == "added" else None, here, True))
        else:
            out.append(Change(format_path(here), kind, item if kind == "removed" else None,
                              item if kind == "added" else None, here))
    return out


def invert(changes: Iterable[Change]) -> list[Change]:
    """The changes from ``new`` back to ``old`` (``compute(b, a) == invert(compute(a, b))``)."""
    flip = {"added": "removed", "removed": "added", "changed": "changed"}
    out = [Change(c.path, flip[c.kind], c.new, c.old, c.parts, c.entry, c.section) for c in changes]
    out.sort(key=_sort_key)
    return out
