"""Fixes that reach beyond one file's text: merge into another file, move, untrack.

A rule's ``fix`` stays pure: instead of touching the disk it returns a :class:`FileOps`
describing what to do, and the engine carries it out (or, with ``--diff``, describes it).
"""

from typing import Any, NamedTuple, Union


class MergeInto(NamedTuple):
    """Merge ``data`` into the settings file ``target`` (created when absent), then delete
    ``source``. Refused when a key would change a value ``target`` already has."""

    source: str
    target: str
    data: dict[str, Any]


class Move(NamedTuple):
    """Rename ``source`` to ``destination`` (refused when the destination exists)."""

    source: str
    destination: str


class Untrack(NamedTuple):
    """``git rm --cached path`` and append ``pattern`` to ``gitignore`` unless it is there."""

    path: str
    gitignore: str
    pattern: str


FileOp = Union[MergeInto, Move, Untrack]


class FileOps(NamedTuple):
    """What a cross-file fix does; ``summary`` is one line for the report and for ``--diff``."""

    code: str
    summary: str
    ops: tuple[FileOp, ...]
