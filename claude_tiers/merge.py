"""Pure merge of a preset's settings fragment into settings data.

Objects merge key by key, scalars are replaced, lists are unioned (the file's order
kept, new entries appended once), and ``remove`` deletes keys or JSON pointers.
Nothing here touches files; inputs are never mutated.
"""

from __future__ import annotations

import copy
from typing import Any, Iterable

from claude_tiers.jsonio import same, split_pointer

JSON = Any


def merge(base: JSON, fragment: JSON) -> JSON:
    """``base`` with ``fragment`` merged in (a new value; neither input changes)."""
    if isinstance(base, dict) and isinstance(fragment, dict):
        out = {key: value for key, value in base.items()}
        for key, value in fragment.items():
            out[key] = merge(base[key], value) if key in base else copy.deepcopy(value)
        return out
    if isinstance(base, list) and isinstance(fragment, list):
        out_list = list(base)
        for item in fragment:
            if not any(same(item, existing) for existing in out_list):
                out_list.append(copy.deepcopy(item))
        return out_list
    return copy.deepcopy(fragment)


def remove(data: dict[str, JSON], targets: Iterable[str]) -> dict[str, JSON]:
    """``data`` without the listed top-level keys or ``/json/pointers`` (missing ones are ignored)."""
    out: dict[str, JSON] = copy.deepcopy(data)
    for target in targets:
        parts = split_pointer(target) if target.startswith("/") else [target]
        parent: JSON = out
        for part in parts[:-1]:
            if isinstance(parent, dict) and part in parent:
                parent = parent[part]
            elif isinstance(parent, list) and part.isdigit() and int(part) < len(parent):
                parent = parent[int(part)]
            else:
                parent = None
                break
        last = parts[-1] if parts else None
        if last is None:
            continue
        if isinstance(parent, dict):
            parent.pop(last, None)
        elif isinstance(parent, list) and last.isdigit() and int(last) < len(parent):
            del parent[int(last)]
    return out
