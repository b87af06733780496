"""Pure merge of a preset's settings fragment into settings data.

Objects merge key by key, scalars are replaced, lists are unioned (the file's order
kept, new entries appended once), except the keys of :data:`REPLACED_WHOLE`, and
``remove`` deletes keys or JSON pointers. Nothing here touches files; inputs are never
mutated. Results share the unchanged parts of the input (copy on write), and nothing
recurses over the input, so a file nested hundreds of levels deep merges like any other.
"""

from __future__ import annotations

from typing import Any, Iterable

from claude_tiers.jsonio import same, split_pointer

JSON = Any

REPLACED_WHOLE: dict[tuple[str, ...], str] = {
    ("fallbackModel",): "Claude Code does not merge fallback chains: the highest-precedence "
                        "file supplies the whole chain (at most 3 entries); a union could also "
                        "exceed the 3 entries the schema allows (facts 1.3)",
}
"""Settings paths whose value a preset replaces as a whole instead of merging, with why."""


def copy_json(value: JSON) -> JSON:
    """A deep copy of parsed JSON, without recursion (any depth)."""
    if not isinstance(value, (dict, list)):
        return value
    root: JSON = {} if isinstance(value, dict) else []
    stack: list[tuple[JSON, JSON]] = [(value, root)]
    while stack:
        source, target = stack.pop()
        items = source.items() if isinstance(source, dict) else enumerate(source)
        for key, item in items:
            if isinstance(item, (dict, list)):
                child: JSON = {} if isinstance(item, dict) else []
                stack.append((item, child))
            else:
                child = item
            if isinstance(target, dict):
                target[key] = child
            else:
                target.append(child)
    return root


def merge(base: JSON, fragment: JSON, path: tuple[str, ...] = ()) -> JSON:
    """``base`` with ``fragment`` merged in (a new value; neither input changes).

    Recursion follows the fragment only (a preset is a few levels deep); parts of ``base``
    the fragment does not touch are shared, not copied.
    """
    if path in REPLACED_WHOLE:
        return copy_json(fragment)
    if isinstance(base, dict) and isinstance(fragment, dict):
        out = dict(base)
        for key, value in fragment.items():
            out[key] = merge(base[key], value, (*path, key)) if key in base else copy_json(value)
        return out
    if isinstance(base, list) and isinstance(fragment, list):
        out_list = list(base)
        for item in fragment:
            if not any(same(item, existing) for existing in out_list):
                out_list.append(copy_json(item))
        return out_list
    return copy_json(fragment)


def remove(data: dict[str, JSON], targets: Iterable[str]) -> dict[str, JSON]:
    """``data`` without the listed top-level keys or ``/json/pointers`` (missing ones are ignored).

    Only the containers on the way to a removed value are copied.
    """
    out: dict[str, JSON] = dict(data)
    for target in targets:
        parts = split_pointer(target) if target.startswith("/") else [target]
        if not parts:
            continue
        # Walk down, copying each container on the path (the input stays untouched).
        parent: JSON = out
        for part in parts[:-1]:
            if isinstance(parent, dict) and part in parent and isinstance(parent[part], (dict, list)):
                parent[part] = child = (dict if isinstance(parent[part], dict) else list)(parent[part])
                parent = child
            elif isinstance(parent, list) and part.isdigit() and int(part) < len(parent) \
                    and isinstance(parent[int(part)], (dict, list)):
                item = parent[int(part)]
                parent[int(part)] = child = dict(item) if isinstance(item, dict) else list(item)
                parent = child
            else:
                parent = None
                break
        last = parts[-1]
        if isinstance(parent, dict):
            parent.pop(last, None)
        elif isinstance(parent, list) and last.isdigit() and int(last) < len(parent):
            del parent[int(last)]
    return out
