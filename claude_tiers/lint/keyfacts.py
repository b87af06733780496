"""Facts about settings keys for the CT11x rules, read from the bundled schema's annotations.

The schema (``schemas/claude-code-settings.schema.json``) is the one place that knows each
key's scope (``x-scope``: ``any``, ``managed``, ``user-managed``, ``user-local-managed``,
``global-config``), deprecation (``x-deprecated``, ``x-replacement``, ``x-deprecated-since``)
and removal (``x-removed``). This module only adds what a schema cannot say: the names people
invent for real keys, and how to tell an environment variable from a settings key.
"""

import re
from functools import lru_cache
from typing import Any, Callable, Iterator, NamedTuple

from claude_tiers.jsonio import join_pointer
from claude_tiers.lint.base import (LOCAL_SETTINGS, MANAGED_SETTINGS, SETTINGS, USER_SETTINGS,
                                    last_file_memo)

ENV_NAME = re.compile(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$")
"""An environment variable's name (``MAX_THINKING_TOKENS``); no settings key looks like one."""

SCOPE_TEXT = {
    "managed": "managed settings",
    "user-managed": "user (~/.claude/settings.json) or managed settings",
    "user-local-managed": "user, local (.claude/settings.local.json) or managed settings",
    "global-config": "~/.claude.json (global config)",
}

KIND_TEXT = {
    SETTINGS: "shared project settings (.claude/settings.json)",
    LOCAL_SETTINGS: "local project settings (.claude/settings.local.json)",
    USER_SETTINGS: "user settings (~/.claude/settings.json)",
    MANAGED_SETTINGS: "managed settings",
}

_READ_IN = {
    "any": frozenset({SETTINGS, LOCAL_SETTINGS, USER_SETTINGS, MANAGED_SETTINGS}),
    "managed": frozenset({MANAGED_SETTINGS}),
    "user-managed": frozenset({USER_SETTINGS, MANAGED_SETTINGS}),
    "user-local-managed": frozenset({USER_SETTINGS, LOCAL_SETTINGS, MANAGED_SETTINGS}),
    "global-config": frozenset(),
}


def read_in(scope: str, kind: str) -> bool:
    """Does Claude Code read a key of ``scope`` from a file of ``kind``?"""
    return kind in _READ_IN.get(scope, _READ_IN["any"])


@lru_cache(maxsize=4096)
def notes_of(parts: tuple[str, ...]) -> dict[str, object]:
    """The schema annotations of a key path (cached)."""
    from claude_tiers import schema

    # schema.annotations shadows the __future__ feature name, which confuses type checkers
    read: Callable[[tuple[str, ...]], dict[str, object]] = getattr(schema, "annotations")
    return dict(read(parts))


@lru_cache(maxsize=256)
def known_keys(parts: tuple[str, ...] = ()) -> frozenset[str]:
    """The property names the schema defines at a key path (the top level by default)."""
    from claude_tiers import schema

    return schema.known_keys(at=parts) if parts else schema.known_keys()


def permission_keys() -> frozenset[str]:
    """The keys Claude Code reads inside ``permissions``."""
    return known_keys(("permissions",))


def env_names() -> frozenset[str]:
    """Environment variables the schema documents (may be empty)."""
    return known_keys(("env",))


def looks_env_name(key: str) -> bool:
    """A key that is an environment variable's name, not a settings key."""
    return bool(ENV_NAME.match(key)) or key in env_names()


class KeyAt(NamedTuple):
    """A known key found in the data, with its annotations."""

    parts: tuple[str, ...]
    pointer: str
    value: Any
    notes: dict[str, object]


def walk_known(data: dict[str, Any]) -> Iterator[KeyAt]:
    """Every key of ``data`` the schema defines (top level and objects nested up to
    :data:`DEPTH` levels), with its notes.

    Descends only into objects whose keys the schema lists (``sandbox.network``...), not into
    free-form maps such as ``env`` or ``hooks``.
    """
    return iter(_known_keys_of(data))


DEPTH = 3


@last_file_memo(lambda data: (data,))
def _known_keys_of(data: dict[str, Any]) -> tuple[KeyAt, ...]:
    return tuple(_walk(data, (), DEPTH))


def _walk(obj: dict[str, Any], parts: tuple[str, ...], depth: int) -> Iterator[KeyAt]:
    names = known_keys(parts)
    for key, value in obj.items():
        if key not in names:
            continue
        here = parts + (key,)
        yield KeyAt(here, join_pointer(here), value, notes_of(here))
        if isinstance(value, dict) and depth > 1 and known_keys(here):
            yield from _walk(value, here, depth - 1)


def dotted(parts: tuple[str, ...]) -> str:
    """``("sandbox", "bwrapPath")`` -> ``sandbox.bwrapPath``."""
    return ".".join(parts)


def suggest(name: str, candidates: frozenset[str] | set[str]) -> str | None:
    """The one known name ``name`` is most likely a typo of, or None."""
    lowered = {c.lower(): c for c in candidates}
    if name.lower() in lowered:
        return lowered[name.lower()]
    squashed = {re.sub(r"[_\-\s]", "", c.lower()): c for c in candidates}
    key = re.sub(r"[_\-\s]", "", name.lower())
    if key in squashed:
        return squashed[key]
    import difflib

    swapped = [c for c in candidates if len(c) == len(name) > 2 and sorted(c) == sorted(name)]
    if len(swapped) == 1:  # letters swapped: "dney" -> "deny"
        return swapped[0]
    close = difflib.get_close_matches(name, sorted(candidates), n=2, cutoff=0.8)
    if len(close) == 1:
        return close[0]
    if len(close) == 2:
        first = difflib.SequenceMatcher(None, name, close[0]).ratio()
        second = difflib.SequenceMatcher(None, name, close[1]).ratio()
        return close[0] if first - second >= 0.05 else None
    return None


# ------------------------------------------------------------------------------ invented keys


class Invented(NamedTuple):
    """A key people write for a real setting (seen in READMEs, blog posts and real files)."""

    target: tuple[str, ...] | None  # where the value belongs (None: no one-to-one place)
    hint: str  # what to write instead
    fixable: bool  # moving the value there is safe


INVENTED: dict[str, Invented] = {
    "defaultModel": Invented(("model",), 'the key is "model"', True),
    "baseUrl": Invented(("env", "ANTHROPIC_BASE_URL"), 'set "env": {"ANTHROPIC_BASE_URL": ...}',
                        True),
    "baseURL": Invented(("env", "ANTHROPIC_BASE_URL"), 'set "env": {"ANTHROPIC_BASE_URL": ...}',
                        True),
    "allowedTools": Invented(("permissions", "allow"),
                             'allow rules go in "permissions": {"allow": [...]} '
                             "(--allowedTools is a command-line flag)", False),
    "disallowedTools": Invented(("permissions", "deny"),
                                'deny rules go in "permissions": {"deny": [...]} '
                                "(--disallowedTools is a command-line flag)", True),
    "ignorePatterns": Invented(None, 'replaced by "permissions": {"deny": ["Read(<pattern>)"]} '
                               "rules", False),
    "apiKey": Invented(None, 'use "apiKeyHelper" (a command that prints the key) or '
                       "the ANTHROPIC_API_KEY environment variable", False),
    "anthropicApiKey": Invented(None, 'use "apiKeyHelper" (a command that prints the key) or '
                                "the ANTHROPIC_API_KEY environment variable", False),
    "instructions": Invented(None, "instructions go in CLAUDE.md", False),
    "customInstructions": Invented(None, "instructions go in CLAUDE.md", False),
    "systemPrompt": Invented(None, "instructions go in CLAUDE.md (or an output style)", False),
}
"""Invented key -> where its value belongs. The CT111 rule owns these keys."""

MCP_KEYS = frozenset({"mcpServers"})
"""Keys Claude Code reads from .mcp.json or ~/.claude.json, never from a settings file."""

TOP_ONLY_IN_PERMISSIONS = frozenset({"disableAutoMode"})
"""Permission keys Claude Code also accepts at the top level."""


def top_key_class(key: str) -> str:
    """What a top-level key is: ``known``, ``invented``, ``permission`` (belongs under
    ``permissions``), ``env`` (an environment variable's name), ``mcp`` or ``unknown``."""
    if key in known_keys():
        return "known"
    if key in INVENTED:
        return "invented"
    if key in permission_keys():
        return "permission"
    if key in MCP_KEYS:
        return "mcp"
    if looks_env_name(key):
        return "env"
    return "unknown"


def permissions_key_class(key: str) -> str:
    """What a key inside ``permissions`` is: ``known``, ``top`` (a top-level key) or ``unknown``."""
    if key in permission_keys():
        return "known"
    if key in known_keys() and key not in ("$schema",):
        return "top"
    return "unknown"


def merge_into(parent: dict[str, Any], key: str, value: Any) -> bool:
    """Put ``value`` at ``parent[key]`` without losing what is there; False on a conflict.

    Absent: set. Equal: nothing to do. Two lists: append the missing items. Two objects:
    merge key by key, recursively. Anything else is a conflict.
    """
    if key not in parent:
        parent[key] = value
        return True
    current = parent[key]
    if current == value:
        return True
    if isinstance(current, list) and isinstance(value, list):
        current.extend(item for item in value if item not in current)
        return True
    if isinstance(current, dict) and isinstance(value, dict):
        staged = dict(current)
        for sub, item in value.items():
            if not merge_into(staged, sub, item):
                return False
        parent[key] = staged
        return True
    return False


def env_text(value: Any) -> str | None:
    """A scalar as an environment variable's value (``100`` -> ``"100"``), None for others."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return None
