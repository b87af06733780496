"""Finding the Claude Code files under some paths: the one discovery for every command.

Directories are searched for the files Claude Code reads (``.claude/settings.json``,
``.claude/settings.local.json``, ``managed-settings.json``, ``managed-settings.d/*.json``,
``.claude/agents/**/*.md``, ``.claude/commands/**/*.md``, ``.claude/skills/*/SKILL.md``)
and for the files people create by mistake that it never reads (``claude_settings.json``,
``.claude/settings.jsonc``, flat ``.claude/skills/*.md``). Backups and leftovers
(``settings.json.bak``) are not matched. ``node_modules``, ``.git``, virtualenvs, vendored
folders (``vendor/``, ``third_party/``) and git-ignored files are skipped.

Inside a git work tree one ``git ls-files`` call lists the candidates (much faster than
walking 10,000 projects, and it honours ``.gitignore``); elsewhere a pruned ``os.scandir``
walk does. Files named explicitly are always linted, whatever their name.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple, Sequence

from claude_tiers.errors import UserError
from claude_tiers.lint.base import (AGENT, CLAUDE_JSON, COMMAND, FLAT_SKILL, LOCAL_SETTINGS,
                                    MANAGED_SETTINGS, SETTINGS, SKILL, UNREAD_SETTINGS,
                                    USER_SETTINGS)


class Target(NamedTuple):
    """One file to look at."""

    path: str  # the path to open
    kind: str  # a file kind of claude_tiers.lint.base
    display: str  # the path as shown to the user
    project_root: str | None  # the folder holding the file's .claude/ (None when not in one)
    tracked: bool | None = None  # tracked by git (None: not in a git work tree, or unknown)


# (kind, pattern over a posix path relative to the searched folder). Order matters: first match.
PATTERNS: tuple[tuple[str, str], ...] = (
    (SETTINGS, r"\.claude/settings\.json"),
    (LOCAL_SETTINGS, r"\.claude/settings\.local\.json"),
    (UNREAD_SETTINGS, r"\.claude/settings\.jsonc"),
    (UNREAD_SETTINGS, r"claude_settings\.json"),
    (MANAGED_SETTINGS, r"managed-settings\.json"),
    (MANAGED_SETTINGS, r"managed-settings\.d/[^/.][^/]*\.json"),
    (AGENT, r"\.claude/agents/(?:[^/]+/)*[^/]+\.md"),
    (COMMAND, r"\.claude/commands/(?:[^/]+/)*[^/]+\.md"),
    (SKILL, r"\.claude/skills/[^/]+/SKILL\.md"),
    (FLAT_SKILL, r"\.claude/skills/[^/]+\.md"),
)

EXCLUDED_DIRS = frozenset({
    "node_modules", ".git", ".hg", ".svn", "vendor", "third_party", ".venv", "venv",
    "virtualenv", ".virtualenv", ".tox", ".nox", "site-packages", "__pypackages__",
    "__pycache__", ".mypy_cache", ".pytest_cache",
})
"""Folder names never searched (their contents are someone else's files)."""

_EXCLUDED_COMPONENT = "|".join(re.escape(d) for d in sorted(EXCLUDED_DIRS))
# Claude Code's own worktree copies live in .claude/worktrees/: copies, not projects.
EXCLUDE_REGEX = rf"(?:^|/)(?:{_EXCLUDED_COMPONENT}|\.claude/worktrees)/"
"""Paths under an excluded folder (also used as the pre-commit hook's ``exclude:``)."""

_KIND_RES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rf"(?:^|/){pattern}\Z")) for kind, pattern in PATTERNS)
# One combined regex: a cheap first filter over tens of thousands of paths.
_ANY = re.compile(r"(?:^|/)(?:" + "|".join(p for _, p in PATTERNS) + r")\Z")
_EXCLUDED = re.compile(EXCLUDE_REGEX)


def files_regex() -> str:
    """A regex matching every discovered kind (the pre-commit hook's ``files:``)."""
    return _ANY.pattern


def kind_of(relpath: str) -> str | None:
    """The kind of a path found by discovery (posix, relative), or None when it is not linted."""
    if not _ANY.search(relpath) or _EXCLUDED.search(relpath):
        return None
    for kind, regex in _KIND_RES:
        if regex.search(relpath):
            return kind
    return None  # pragma: no cover - _ANY matched, so one of them does


def infer_kind(path: str | os.PathLike[str]) -> str:
    """The kind of an explicitly named file: from its name and location, whatever the name."""
    posix = Path(os.path.abspath(path)).as_posix()
    name = posix.rsplit("/", 1)[-1]
    found = kind_of(posix)
    if found == SETTINGS and _is_user_dir(posix.rsplit("/", 1)[0]):
        return USER_SETTINGS
    if found is not None:
        return found
    if name == ".claude.json":
        return CLAUDE_JSON
    if name.endswith(".md"):
        parts = posix.split("/")
        if name == "SKILL.md":
            return SKILL
        if "agents" in parts[:-1]:
            return AGENT
        if "skills" in parts[:-1]:
            return FLAT_SKILL
        return COMMAND
    if name.endswith(".json"):
        if name == "settings.local.json":
            return LOCAL_SETTINGS
        if "managed-settings" in name or posix.endswith(f"managed-settings.d/{name}"):
            return MANAGED_SETTINGS
        if name == "settings.json" and _is_user_dir(posix.rsplit("/", 1)[0]):
            return USER_SETTINGS
        return SETTINGS
    return UNREAD_SETTINGS


def _is_user_dir(folder: str) -> bool:
    from claude_tiers.scopes import user_config_dir

    return os.path.abspath(folder) == os.path.abspath(user_config_dir())


def project_root_of(path: str) -> str | None:
    """The folder holding the ``.claude/`` a path is in (or ``claude_settings.json``'s folder)."""
    posix = path.replace(os.sep, "/")
    index = posix.rfind("/.claude/")
    if index >= 0:
        return posix[:index] or "/"
    if posix.startswith(".claude/"):
        return "."
    if posix.endswith("claude_settings.json"):
        return os.path.dirname(posix) or "."
    return None


def _display(base: str, rel: str) -> str:
    return rel if base in (".", "") else os.path.normpath(os.path.join(base, rel))


def _git_listing(folder: str) -> list[tuple[str, bool]] | None:
    """(relative path, tracked) of every non-ignored file under ``folder``; None outside git."""
    import subprocess

    try:
        proc = subprocess.run(
            ["git", "-C", folder, "ls-files", "-z", "-t", "--cached", "--others",
             "--exclude-standard"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=False)
    except OSError:
        return None
    if proc.returncode != 0:
        return None
    out: list[tuple[str, bool]] = []
    text = proc.stdout.decode("utf-8", "surrogateescape")
    for entry in text.split("\0"):
        rel = entry[2:]
        if not rel or not _ANY.search(rel):
            continue
        out.append((rel, entry[0] != "?"))
    return out


def _walk(folder: str) -> Iterator[str]:
    """Relative posix paths of candidate files under ``folder`` (pruned, symlinks not followed)."""
    stack = [""]
    while stack:
        rel = stack.pop()
        try:
            with os.scandir(os.path.join(folder, rel) if rel else folder) as entries:
                for entry in entries:
                    child = f"{rel}/{entry.name}" if rel else entry.name
                    if entry.is_dir(follow_symlinks=False):
                        if entry.name not in EXCLUDED_DIRS and not child.endswith(".claude/worktrees"):
                            stack.append(child)
                    elif _ANY.search(child):
                        yield child
        except OSError:
            continue


def _search(folder: str) -> Iterator[Target]:
    listing = _git_listing(folder)
    if listing is None:
        found: Iterable[tuple[str, bool | None]] = ((rel, None) for rel in _walk(folder))
    else:
        found = listing
    seen: set[str] = set()
    rows: list[tuple[str, str, bool | None]] = []
    for rel, tracked in found:
        if rel in seen:
            continue
        seen.add(rel)
        kind = kind_of(rel)
        if kind is None:
            continue
        rows.append((rel, kind, tracked))
    rows.sort()
    for rel, kind, tracked in rows:
        path = os.path.join(folder, rel)
        if tracked and not os.path.lexists(path):
            continue  # deleted in the work tree but still in the index
        if kind == SETTINGS and _is_user_dir(os.path.dirname(os.path.abspath(path))):
            kind = USER_SETTINGS
        display = _display(folder, rel)
        yield Target(path, kind, display, project_root_of(display), tracked)


def git_tracked(path: str) -> bool | None:
    """Whether one file is tracked by git (None when it is not in a git work tree)."""
    import subprocess

    folder, name = os.path.split(os.path.abspath(path))
    try:
        proc = subprocess.run(["git", "-C", folder, "ls-files", "-z", "--", name],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=False)
    except OSError:
        return None
    if proc.returncode != 0:
        return None
    return bool(proc.stdout.strip(b"\0"))


def discover(paths: Sequence[str | os.PathLike[str]] = (".",)) -> Iterator[Target]:
    """Every file to lint under ``paths`` (folders searched, files taken as named), once each.

    Raises UserError (before yielding anything) when a path does not exist.
    """
    names = [os.fspath(p) for p in paths] or ["."]
    missing = [n for n in names if not os.path.lexists(n)]
    if missing:
        raise UserError(f"no such file or directory: {', '.join(missing)}")
    seen: set[str] = set()
    for name in names:
        targets: Iterable[Target]
        if os.path.isdir(name):
            targets = _search(name)
        else:
            kind = infer_kind(name)
            tracked = git_tracked(name) if kind == LOCAL_SETTINGS else None
            display = os.path.normpath(name)
            targets = [Target(name, kind, display, project_root_of(display), tracked)]
        for target in targets:
            key = os.path.abspath(target.path)
            if key in seen:
                continue
            seen.add(key)
            yield target


def find_projects(root: str | os.PathLike[str]) -> list[Path]:
    """Every project under ``root``: a folder that has a ``.claude/`` folder (sorted).

    A ``.claude`` that is a symlink counts too, so that callers can report (and not follow)
    one that links outside the repository.
    """
    folder = os.fspath(root)
    projects: set[str] = set()
    listing = _git_listing_all(folder)
    if listing is not None:
        for rel in listing:
            if _EXCLUDED.search(rel):
                continue
            if rel == ".claude" or rel.endswith("/.claude"):  # a symlink, listed as a file
                projects.add(rel[:-len(".claude")].rstrip("/") or ".")
                continue
            index = rel.rfind(".claude/")
            while index >= 0:
                if index == 0 or rel[index - 1] == "/":
                    projects.add(rel[:index].rstrip("/") or ".")
                    break
                index = rel.rfind(".claude/", 0, index)
    else:
        stack = [""]
        while stack:
            rel = stack.pop()
            try:
                with os.scandir(os.path.join(folder, rel) if rel else folder) as entries:
                    for entry in entries:
                        if entry.name == ".claude" and entry.is_symlink():
                            projects.add(rel or ".")
                            continue
                        if not entry.is_dir(follow_symlinks=False):
                            continue
                        child = f"{rel}/{entry.name}" if rel else entry.name
                        if entry.name == ".claude":
                            projects.add(rel or ".")
                        elif entry.name not in EXCLUDED_DIRS:
                            stack.append(child)
            except OSError:
                continue
    return sorted(Path(folder) / p if p != "." else Path(folder) for p in projects)


def _git_listing_all(folder: str) -> list[str] | None:
    import subprocess

    try:
        proc = subprocess.run(["git", "-C", folder, "ls-files", "-z", "--cached", "--others",
                               "--exclude-standard"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=False)
    except OSError:
        return None
    if proc.returncode != 0:
        return None
    return [p for p in proc.stdout.decode("utf-8", "surrogateescape").split("\0")
            if ".claude/" in p or p == ".claude" or p.endswith("/.claude")]
