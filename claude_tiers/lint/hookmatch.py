"""Hook groups and matchers as Claude Code 2.1.330 reads them, for the CT4xx rules.

A ``matcher`` of ``"*"``, ``""`` or none matches everything; one made only of letters, digits,
``_``, ``-``, spaces, ``,`` and ``|`` is an exact name or a list of names (spaces around names
are ignored); anything else is an unanchored JavaScript regular expression. Matching is
case-sensitive. Observed with 2.1.330: ``"agent"`` and ``"AGENT"`` never match the ``Agent``
tool, ``"Task"`` does (the old name), ``"Bash | Agent"`` and ``"Agent,Bash"`` do, a matcher
that is not a valid regular expression (``"start("``) never matches, and neither does one in
permission-rule syntax (``"Agent(x)"``).
"""

import re
from typing import Any, Iterator, NamedTuple

from claude_tiers.jsonio import join_pointer

TOOL_EVENTS = frozenset({"PreToolUse", "PostToolUse", "PostToolUseFailure", "PermissionRequest",
                         "PermissionDenied"})
"""Events whose matcher is compared with tool names."""

_EXACT = re.compile(r"[A-Za-z0-9_\- ,|]+")


class Group(NamedTuple):
    """One matcher group of a hook event."""

    event: str
    position: int  # in its list
    pointer: str  # of the group object
    matcher: Any  # the raw value (None when absent)
    handlers: list[Any]


def groups_of(data: dict[str, Any]) -> Iterator[Group]:
    """Every matcher group of the file's ``hooks``."""
    hooks = data.get("hooks")
    if not isinstance(hooks, dict):
        return
    for event, groups in hooks.items():
        if not isinstance(groups, list):
            continue
        for index, group in enumerate(groups):
            if not isinstance(group, dict):
                continue
            handlers = group.get("hooks")
            yield Group(event, index, join_pointer(("hooks", event, str(index))),
                        group.get("matcher"),
                        handlers if isinstance(handlers, list) else [])


def matches_all(matcher: str) -> bool:
    """``"*"`` and ``""`` match everything."""
    return matcher.strip() in ("", "*")


def is_exact(matcher: str) -> bool:
    """Is the matcher a name or list of names (not a regular expression)?"""
    return bool(_EXACT.fullmatch(matcher))


def names_of(matcher: str) -> list[str]:
    """The names of an exact matcher (``"Edit | Write"`` -> ``["Edit", "Write"]``)."""
    return [name.strip() for name in re.split(r"[|,]", matcher) if name.strip()]


def regex_words(matcher: str) -> list[str]:
    """The top-level alternatives of a regex matcher that are plain words."""
    if "(" in matcher or "[" in matcher:
        return []
    return [w for w in matcher.split("|") if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", w)]


def js_regex_error(matcher: str) -> str | None:
    """Why a matcher is not a valid (JavaScript) regular expression, or None.

    Python's ``re`` stands in for JavaScript's; the syntax both share covers real matchers.
    JavaScript's named groups ``(?<name>...)`` are translated first.
    """
    source = re.sub(r"\(\?<(?=[A-Za-z_])", "(?P<", matcher)
    try:
        re.compile(source)
    except re.error as exc:
        return str(exc.msg) if hasattr(exc, "msg") else str(exc)
    return None


def search(matcher: str, name: str) -> bool:
    """Does a (valid) regex matcher match a tool name?"""
    source = re.sub(r"\(\?<(?=[A-Za-z_])", "(?P<", matcher)
    try:
        return re.search(source, name) is not None
    except re.error:
        return False
