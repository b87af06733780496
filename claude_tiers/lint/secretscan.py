"""Where settings data holds credentials, for the CT5xx rules. Values never leave this module
unmasked: findings carry the JSON pointer and a redacted excerpt only.

A value is a credential when it has a known token format or an assignment such as
``PASSWORD=...`` (:func:`claude_tiers.redact.looks_secret_value`), or when the variable or
header naming it says so (:func:`claude_tiers.redact.looks_secret_name`) and it is not a
reference (``$VAR``, ``${VAR}``, ``%VAR%``), a flag value (``true``, ``1``) or a placeholder
(``your-api-key``, ``<token>``, ``changeme``).
"""

import re
from functools import lru_cache
from typing import Any, Iterator, NamedTuple

from claude_tiers.jsonio import join_pointer
from claude_tiers.lazyre import LazyPattern
from claude_tiers.lint.base import (LOCAL_SETTINGS, MANAGED_SETTINGS, SETTINGS,
                                    USER_SETTINGS, LintContext)
from claude_tiers.redact import looks_secret_name, tokens_in

_PLACEHOLDER = LazyPattern(
    r"^\s*$|^(true|false|yes|no|on|off|null|none|\d{1,5})$|^[$%]|\$\{|^<.*>$|"
    r"your[-_ ]|changeme|change[-_]me|replace[-_]?me|placeholder|example|dummy|redacted|"
    r"\.\.\.|\*{3,}|^(test|fake|secret|password|token|key|todo)$", re.I)
_LOWER_X = re.compile(r"x{4,}")  # "sk-ant-xxxx"; capital X runs stand for redacted real tokens
_NAMED_MAPS = frozenset({"env", "headers"})


def is_placeholder(value: str) -> bool:
    """A reference, flag or placeholder rather than a credential.

    Lowercase ``xxxx`` is a placeholder; a run of capital ``X`` is what redacted copies of real
    files hold in place of the real token, so it still counts as a credential.
    """
    return bool(_PLACEHOLDER.search(value) or _LOWER_X.search(value))


@lru_cache(maxsize=512)
def credentials_in(text: str) -> tuple[str, ...]:
    """The credential values inside a string (placeholders left out).

    Remembered per string: a monorepo's settings repeat the same commands and values, and
    scanning a string costs 20 times a lookup. (Only in memory: nothing leaves the process.)
    """
    return tuple(found for found in tokens_in(text) if not is_placeholder(found))


_AUTH_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie"})
_VAR_REFERENCE = re.compile(r"\$\{?[A-Za-z_][A-Za-z0-9_]*\}?")


def secret_by_name(name: str, value: object) -> bool:
    """A variable or header whose name says credential, holding a real-looking value (not one
    that only refers to a variable, as in ``"Bearer $MY_TOKEN"``)."""
    if not isinstance(value, str) or len(value) < 6:
        return False
    if not (looks_secret_name(name) or name.lower() in _AUTH_HEADERS):  # the cheaper test first
        return False
    return not (is_placeholder(value) or _VAR_REFERENCE.search(value))


class Hit(NamedTuple):
    """A credential found at ``pointer``."""

    pointer: str
    label: str  # e.g. "env.ANTHROPIC_AUTH_TOKEN", "hooks.Stop[0].hooks[0].command"
    by_name: bool  # found because of the variable's name (the value may look harmless)


def env_hits(data: dict[str, Any]) -> Iterator[Hit]:
    """Credentials in the top-level ``env`` object."""
    env = data.get("env")
    if not isinstance(env, dict):
        return
    for name, value in env.items():
        if not isinstance(value, str):
            continue
        if secret_by_name(str(name), value):
            yield Hit(join_pointer(("env", name)), f"env.{name}", True)
        elif credentials_in(value):
            yield Hit(join_pointer(("env", name)), f"env.{name}", False)


def other_hits(data: dict[str, Any]) -> Iterator[Hit]:
    """Credentials anywhere but ``env`` and the permission lists."""
    for key, value in data.items():
        if key == "env":
            continue
        if key == "permissions" and isinstance(value, dict):
            rest = {k: v for k, v in value.items() if k not in ("allow", "ask", "deny")}
            yield from _walk(rest, ("permissions",))
            continue
        yield from _walk(value, (key,))


def _walk(value: Any, parts: tuple[str, ...]) -> Iterator[Hit]:
    if isinstance(value, dict):
        named = parts[-1] in _NAMED_MAPS if parts else False
        for key, item in value.items():
            here = parts + (str(key),)
            if named and secret_by_name(str(key), item):
                yield Hit(join_pointer(here), _label(here), True)
                continue
            yield from _walk(item, here)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, parts + (str(index),))
    elif isinstance(value, str) and credentials_in(value):
        yield Hit(join_pointer(parts), _label(parts), False)


def _label(parts: tuple[str, ...]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if part.isdigit() else (f".{part}" if out else part)
    return out


def _role(ctx: LintContext) -> str:
    """``"local"`` / ``"project"`` for the settings files Claude Code reads from a project,
    ``"loose"`` for any other file linted as settings (``s.json``, ``notes.txt``)."""
    posix = ctx.display.replace("\\", "/")
    if ctx.kind == LOCAL_SETTINGS and posix.rsplit("/", 1)[-1] == "settings.local.json":
        return "local"
    if ctx.kind == SETTINGS and ("/" + posix).endswith("/.claude/settings.json"):
        return "project"
    return "loose"


def severity(ctx: LintContext) -> str:
    """How bad a credential in this file is: committed files are errors."""
    if ctx.kind == USER_SETTINGS:
        return "info"
    if ctx.kind == MANAGED_SETTINGS:
        return "warning"
    state = ctx.git_state()
    if state == "tracked":
        return "error"
    role = _role(ctx)
    if role == "local":
        return "warning"
    if state is None or (role == "project" and state == "outside"):
        return "error"  # meant to be committed, or nothing says it is not
    return "warning"


def exposure(ctx: LintContext) -> str:
    """Who can read the file, for the message: from its kind and how git sees it."""
    if ctx.kind == USER_SETTINGS:
        return "stored in plain text in your home folder"
    if ctx.kind == MANAGED_SETTINGS:
        return "deployed in plain text to every managed machine"
    state, role = ctx.git_state(), _role(ctx)
    name = ctx.display.replace("\\", "/").rsplit("/", 1)[-1]
    readable = "readable by anyone who has the file (a copy, a backup, a shared machine)"
    if role == "local":
        return {
            "tracked": "this local settings file is tracked by git, so anyone who can read the "
                       "repository can use it",
            "ignored": f"stored in plain text in a personal settings file that git ignores: not "
                       f"committed, but {readable}",
            "untracked": "stored in plain text in a personal settings file that git does not "
                         "ignore: one `git add -A` would commit it (add it to .gitignore)",
            "outside": f"stored in plain text in a personal settings file, {readable}",
        }.get(state or "", "stored in plain text in a personal file that one `git add -A` would "
                           "commit (check that .claude/settings.local.json is git-ignored)")
    if role == "project":
        return {
            "ignored": "in a project settings file that git ignores: not committed, but "
                       f"{readable}",
            "untracked": "in a project settings file that is meant to be committed (it is not "
                         "yet: one `git add -A` would)",
            "outside": "in a project settings file, which is meant to be committed and shared",
        }.get(state or "", "in a committed project settings file: anyone who can read the "
                           "repository can use it")
    return {
        "tracked": f"stored in plain text in {name}, which git tracks: anyone who can read the "
                   "repository can use it",
        "ignored": f"stored in plain text in {name}, which git ignores: not committed, but "
                   f"{readable}",
        "untracked": f"stored in plain text in {name}, which git does not ignore: one "
                     "`git add -A` would commit it",
        "outside": f"stored in plain text in {name}, {readable}",
    }.get(state or "", f"stored in plain text in {name}: if it is committed, anyone who can "
                       "read the repository can use it")
