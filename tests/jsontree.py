"""Walking parsed JSON in tests: every path of a value, for properties that pick one."""

from __future__ import annotations

from typing import Any, Iterator


def paths(value: object, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path of ``value`` (keys, and list indexes as ints), the root's ``()`` first."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths(item, prefix + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from paths(item, prefix + (index,))
