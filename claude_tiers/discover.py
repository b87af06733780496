"""Finding the Claude Code files under some paths: the one discovery for every command.

Directories are searched for the files Claude Code reads (``.claude/settings.json``,
``.claude/settings.local.json``, ``managed-settings.json``, ``managed-settings.d/*.json``,
``.claude/agents/**/*.md``, ``.claude/commands/**/*.md``, ``.claude/skills/*/SKILL.md``)
and for the files people create by mistake that it never reads (``claude_settings.json``,
``.claude/settings.jsonc``, flat ``.claude/skills/*.md``). Backups and leftovers
(``settings.json.bak``) are not matched. ``node_modules``, ``.git``, virtualenvs (by name or
by ``pyvenv.cfg``), vendored folders (``vendor/``, ``third_party/``) and git-ignored files are
skipped below a searched folder; a folder named explicitly is searched whatever it is, and a
``.claude`` folder (or a subfolder of one) is searched as that part of its project. Claude Code
reads ``.claude/settings.local.json`` even when git ignores it, so it is linted next to every
``.claude`` found.

Inside a git work tree one ``git ls-files`` call per repository lists the candidates (much
faster than walking 10,000 projects, and it honours ``.gitignore``); nested repositories and
submodules get their own; elsewhere a pruned ``os.scandir`` walk does. Files named explicitly
are always linted, whatever their name; one Claude Code never reads (``notes.txt``,
``settings.json.bak``) is also checked as the settings file its name points to
(:func:`linted_as`), so that a candidate can be checked before it is renamed.
"""

import os
import re
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, NamedTuple, Sequence

if TYPE_CHECKING:
    from pathlib import Path

from claude_tiers.errors import UserError
from claude_tiers.lazyre import LazyPattern
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
    # A file named explicitly that Claude Code never reads (notes.txt, settings.json.bak): the
    # kind whose rules it is also checked against when it holds a JSON object (None otherwise).
    lint_as: str | None = None


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

# One combined regex: a cheap first filter over tens of thousands of paths.
_FILES_REGEX = r"(?:^|/)(?:" + "|".join(p for _, p in PATTERNS) + r")\Z"
# Compiled on first use: linting files named on the command line (the pre-commit hook) needs
# none of them (:func:`_name_kind`). Hot loops bind ``.compiled``.
_ANY = LazyPattern(_FILES_REGEX)
_EXCLUDED = LazyPattern(EXCLUDE_REGEX)
_STAGED = LazyPattern(r"([0-7]{6}) [0-9a-f]{40,64} [0-3]\t")
_KIND_RES: list[tuple[str, "re.Pattern[str]"]] = []
_MARKDOWN_KINDS = frozenset(kind for kind, pattern in PATTERNS if pattern.endswith(r"\.md"))


def files_regex() -> str:
    """A regex matching every discovered kind (the pre-commit hook's ``files:``)."""
    return _FILES_REGEX


def kind_of(relpath: str, *, skip: bool = True) -> str | None:
    """The kind of a path found by discovery (posix, relative), or None when it is not linted.

    ``skip=False``: also for a path under a skipped folder (one named explicitly).
    """
    if not _ANY.search(relpath) or (skip and _EXCLUDED.search(relpath)):
        return None
    if not _KIND_RES:
        _KIND_RES.extend((kind, re.compile(rf"(?:^|/){pattern}\Z")) for kind, pattern in PATTERNS)
    # Every pattern ends in its file's extension, so a Markdown path is tried against the
    # Markdown patterns only, in the same order: the same first match, fewer searches.
    markdown = relpath.endswith(".md")
    for kind, regex in _KIND_RES:
        if (kind in _MARKDOWN_KINDS) == markdown and regex.search(relpath):
            return kind
    return None  # pragma: no cover - "any" matched, so one of them does


def _md_name(name: str) -> bool:
    return len(name) > 3 and name.endswith(".md")


def _name_kind(posix: str) -> str | None:
    """``kind_of(posix, skip=False)`` with string methods, for a file named explicitly (a
    normalized path): the same answer (tests/test_discover.py checks), no regex compiled."""
    parts = posix.split("/")
    last = parts[-1]
    tail = parts[-2:]
    if tail == [".claude", "settings.json"]:
        return SETTINGS
    if tail == [".claude", "settings.local.json"]:
        return LOCAL_SETTINGS
    if tail == [".claude", "settings.jsonc"] or last == "claude_settings.json":
        return UNREAD_SETTINGS
    if last == "managed-settings.json" or (
            len(parts) > 1 and parts[-2] == "managed-settings.d" and len(last) > 5
            and last[0] != "." and last.endswith(".json")):
        return MANAGED_SETTINGS
    for sub, kind in (("agents", AGENT), ("commands", COMMAND)):
        for i in range(len(parts) - 2):
            if parts[i] == ".claude" and parts[i + 1] == sub and _md_name(last) \
                    and all(parts[i + 2:]):
                return kind
    if parts[-4:-2] == [".claude", "skills"] and parts[-2] and last == "SKILL.md":
        return SKILL
    if parts[-3:-1] == [".claude", "skills"] and _md_name(last):
        return FLAT_SKILL
    return None


def infer_kind(path: str | os.PathLike[str]) -> str:
    """The kind of an explicitly named file: from its name and location, whatever the name."""
    posix = _posix_abspath(path)
    name = posix.rsplit("/", 1)[-1]
    found = _name_kind(posix)
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


def linted_as(path: str | os.PathLike[str]) -> str:
    """The settings kind an unread file named explicitly is checked as: the one its name
    points to (``settings.local.json.bak`` local, ``managed-settings.json.orig`` managed, a
    ``settings.json~`` in the user folder user settings), project settings otherwise."""
    posix = _posix_abspath(path)
    folder, name = posix.rsplit("/", 1)
    if name.startswith("settings.local."):
        return LOCAL_SETTINGS
    if name.startswith("managed-settings"):
        return MANAGED_SETTINGS
    if name.startswith("settings.") and _is_user_dir(folder):
        return USER_SETTINGS
    return SETTINGS


def _is_user_dir(folder: str) -> bool:
    from claude_tiers.scopes import user_config_folder

    return os.path.abspath(folder) == os.path.abspath(user_config_folder())


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


def _posix_abspath(path: str | os.PathLike[str]) -> str:
    return os.path.abspath(path).replace(os.sep, "/")


def _claude_prefix(folder: str) -> str:
    """How the files of ``folder`` are named relative to their project: ``.claude/agents/`` for
    a project's ``.claude/agents`` folder, ``managed-settings.d/`` for a drop-in folder, else ``""``.

    The patterns name files from the folder holding ``.claude/``; a folder named inside
    ``.claude`` is searched as that part of its project.
    """
    parts = _posix_abspath(folder).split("/")[1:]  # as Path.parts, less the root
    for index in range(len(parts) - 1, -1, -1):
        if parts[index] == ".claude":
            return "".join(f"{p}/" for p in parts[index:])
    if parts and parts[-1] == "managed-settings.d":
        return "managed-settings.d/"
    return ""


def _ls_files(folder: str, keep: Callable[[str], None], *listings: Sequence[str]) -> bool:
    """Feed each entry of ``git ls-files -z OPTIONS``, for each OPTIONS of ``listings``, in
    ``folder`` to ``keep`` as git writes it.

    The listings run at the same time and are read one after the other: git's search for
    untracked files (most of its time on a large tree) overlaps the parsing of the tracked
    ones. A listing is never held whole: only what ``keep`` keeps stays in memory. False when
    git fails (the caller then discards what it kept).
    """
    import subprocess

    procs: list[subprocess.Popen[bytes]] = []
    try:
        for options in listings:
            procs.append(subprocess.Popen(["git", "-C", folder, "ls-files", "-z", *options],
                                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL))
    except OSError:
        for proc in procs:
            proc.kill()
            proc.wait()
        return False
    ok = True
    try:
        for proc in procs:
            rest = b""
            with proc:
                stdout = proc.stdout
                assert stdout is not None
                while chunk := stdout.read(1 << 16):
                    entries = (rest + chunk).split(b"\0")
                    rest = entries.pop()
                    for entry in entries:
                        keep(entry.decode("utf-8", "surrogateescape"))
            if rest:
                keep(rest.decode("utf-8", "surrogateescape"))
            ok = ok and proc.returncode == 0
    finally:
        for proc in procs:
            if proc.returncode is None:
                proc.kill()
                proc.wait()
    return ok


def _git_listing(folder: str, prefix: str = "") -> list[tuple[str, bool]] | None:
    """(relative path, tracked) of every non-ignored candidate under ``folder``; None outside
    git, or when git lists nothing at all (an ignored folder, named explicitly: walked instead).

    Nested repositories and submodules are listed by their own ``git ls-files``; files inside a
    virtualenv (a folder holding ``pyvenv.cfg``) are left out, and so are tracked files deleted
    in the work tree (git says which: ``-t -d`` tags them ``R``, so no file is stat'ed here).
    """
    out: list[tuple[str, bool]] = []
    venvs: list[str] = []
    deleted: set[str] = set()
    staged_re, any_re = _STAGED.compiled, _ANY.compiled
    listed = False

    def keep(entry: str) -> None:
        nonlocal listed
        listed = True
        tag, entry = entry[:2], entry[2:]  # "H " cached, "? " other, "R " deleted, ...
        staged = staged_re.match(entry)
        rel = entry[staged.end():] if staged else entry
        if not rel:
            return
        if tag == "R ":
            deleted.add(rel)
            return
        if rel.endswith("/") or (staged and staged.group(1) == "160000"):
            out.extend(_nested_listing(folder, rel.rstrip("/"), prefix))
            return
        if rel.endswith("/pyvenv.cfg"):  # not the named folder's own: it is searched
            venvs.append(rel[:-len("pyvenv.cfg")])
        if any_re.search(prefix + rel):
            if tag == "S " and not os.path.lexists(os.path.join(folder, rel)):
                return  # skip-worktree (sparse checkout): absent here, and not "deleted"
            out.append((rel, staged is not None))

    if not _ls_files(folder, keep, ("-s", "-t", "--cached", "--deleted"),
                     ("-t", "--others", "--exclude-standard")) or not listed:
        return None
    if venvs or deleted:
        out = [(rel, tracked) for rel, tracked in out
               if not (tracked and rel in deleted) and not any(rel.startswith(v) for v in venvs)]
    return out


def _nested_listing(folder: str, sub: str, prefix: str) -> list[tuple[str, bool]]:
    """The candidates of a nested repository or submodule at ``sub`` (relative to ``folder``)."""
    if _EXCLUDED.search(sub + "/"):
        return []
    path = os.path.join(folder, sub)
    if not os.path.lexists(os.path.join(path, ".git")):
        return []  # a submodule that is not checked out
    listing = _git_listing(path, f"{prefix}{sub}/")
    if listing is None:
        return [(f"{sub}/{rel}", False) for rel in _walk(path, f"{prefix}{sub}/")]
    return [(f"{sub}/{rel}", tracked) for rel, tracked in listing]


def _walk(folder: str, prefix: str = "") -> Iterator[str]:
    """Relative posix paths of candidate files under ``folder`` (pruned, symlinks not followed).

    Skipped below ``folder`` (the folder itself was named, so it is searched whatever it is):
    the folders of :data:`EXCLUDED_DIRS`, ``.claude/worktrees`` and virtualenvs (``pyvenv.cfg``).
    """
    any_re = _ANY.compiled
    stack = [""]
    while stack:
        rel = stack.pop()
        try:
            with os.scandir(os.path.join(folder, rel) if rel else folder) as it:
                entries = list(it)
        except OSError:
            continue
        if rel and any(e.name == "pyvenv.cfg" for e in entries):
            continue  # a virtualenv, whatever its name
        for entry in entries:
            child = f"{rel}/{entry.name}" if rel else entry.name
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                continue
            if is_dir:
                if entry.name not in EXCLUDED_DIRS and not child.endswith(".claude/worktrees"):
                    stack.append(child)
            elif any_re.search(prefix + child):
                yield child


def _search(folder: str) -> Iterator[Target]:
    """The targets under a folder, sorted by display path (so by ``rel``: one prefix for all).

    Until a target is yielded, only its relative path and a shared (kind, tracked) pair are
    held: a Target costs five times as much, and a 10,000-project tree has 28,000 of them.
    """
    prefix = _claude_prefix(folder)
    listing = _git_listing(folder, prefix)
    listed = listing is not None
    if listing is None:
        in_git = _in_work_tree(folder)
        found: Iterable[tuple[str, bool | None]] = (
            (rel, False if in_git else None) for rel in _walk(folder, prefix))
    else:
        found = listing
    depth = prefix.count("/")
    anchor = os.path.normpath(os.path.join(folder, *([".."] * depth))) if depth else folder
    rows: dict[str, tuple[str, bool | None]] = {}
    pairs: dict[tuple[str, bool | None], tuple[str, bool | None]] = {}
    for rel, tracked in found:
        if rel in rows:
            continue
        kind = _kind_below(prefix, rel)
        if kind is not None:
            pair = (kind, tracked)
            rows[rel] = pairs.setdefault(pair, pair)
    del listing, found
    if listed:
        _add_unlisted_settings(folder, prefix, rows)
    # Only a folder holding the user's Claude folder can hold user settings: one comparison of
    # strings here rather than an abspath of every settings file.
    from claude_tiers.scopes import user_config_folder

    here = os.path.abspath(folder)
    user_dir = os.path.abspath(user_config_folder())
    may_hold_user = user_dir == here or user_dir.startswith(here.rstrip(os.sep) + os.sep)
    for rel in sorted(rows):
        kind, tracked = rows[rel]
        path = os.path.join(folder, rel)
        if kind == SETTINGS and may_hold_user and _is_user_dir(os.path.dirname(
                os.path.abspath(path))):
            kind = USER_SETTINGS
        root_rel = project_root_of(prefix + rel)
        root = None if root_rel is None else _display(anchor, root_rel)
        yield Target(path, kind, _display(folder, rel), root, tracked)


def _kind_below(prefix: str, rel: str) -> str | None:
    """The kind of ``rel`` under a searched folder named ``prefix`` in its project.

    The skip lists apply below the folder only: a folder named explicitly is searched.
    """
    if _EXCLUDED.search(rel):
        return None
    # = kind_of(prefix + rel, skip=False) (a property test checks it), with string methods:
    # three times as fast on the 28,000 paths of the 10k benchmark tree
    return _name_kind(prefix + rel)


def _add_unlisted_settings(folder: str, prefix: str, rows: dict[str, tuple[str, bool | None]]
                           ) -> None:
    """Add the settings files git does not list next to every ``.claude`` found.

    Claude Code reads ``.claude/settings.local.json`` whether git ignores it or not, and it is
    where personal approvals (with their secrets) and tier raises live; git never lists a FIFO
    or a socket, which must be reported rather than silently passed over.
    """
    roots = {project_root_of(prefix + rel) for rel in rows if "/.claude/" in f"/{prefix}{rel}"}
    if prefix.startswith(".claude/") or (not prefix and os.path.isdir(os.path.join(folder,
                                                                                   ".claude"))):
        roots.add(".")  # the searched project itself, whose other files git may all ignore
    for root in roots:
        if root is None:
            continue
        base = ".claude/" if root == "." else f"{root}/.claude/"
        for name, kind in (("settings.json", SETTINGS), ("settings.local.json", LOCAL_SETTINGS)):
            wanted = base + name
            if not wanted.startswith(prefix):
                continue
            rel = wanted[len(prefix):]
            if rel not in rows and os.path.lexists(os.path.join(folder, rel)) \
                    and not os.path.isdir(os.path.join(folder, rel)):
                rows[rel] = (kind, False)


def _in_work_tree(folder: str) -> bool:
    import subprocess

    try:
        proc = subprocess.run(["git", "-C", folder, "rev-parse", "--is-inside-work-tree"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=False)
    except OSError:
        return False
    return proc.returncode == 0 and proc.stdout.strip() == b"true"


def git_state(path: str) -> str | None:
    """How git sees one file: ``"tracked"``, ``"ignored"``, ``"untracked"`` (neither: one
    ``git add -A`` would commit it) or ``"outside"`` (not in a git work tree); None when git
    cannot say (not installed)."""
    import subprocess

    folder, name = os.path.split(os.path.abspath(path))
    try:
        listed = subprocess.run(["git", "-C", folder, "ls-files", "-z", "--", name],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=False)
        if listed.returncode != 0:
            return "outside"
        if listed.stdout.strip(b"\0"):
            return "tracked"
        ignored = subprocess.run(["git", "-C", folder, "check-ignore", "-q", "--", name],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                 check=False)
    except OSError:
        return None
    return {0: "ignored", 1: "untracked"}.get(ignored.returncode)


def is_inside(path: str | os.PathLike[str], root: str | os.PathLike[str]) -> bool:
    """Whether ``path``, links resolved, is ``root`` or lies below it (links resolved too)."""
    real = os.path.realpath(path)
    base = os.path.realpath(root)
    return real == base or real.startswith(base.rstrip(os.sep) + os.sep)


LINKED_OUT = "a link to a file outside its repository"  # why such a file is not quoted


def outside_link(path: str | os.PathLike[str]) -> str | None:
    """Where ``path`` leads through symbolic links (its own or a folder's), when that is outside
    the repository holding it (its git work tree; outside git, the folder holding its
    ``.claude/``); None when it stays inside."""
    folder = os.path.dirname(os.path.abspath(path))
    base = work_tree_top(folder) or project_root_of(folder + "/") or folder
    return None if is_inside(path, base) else os.path.realpath(path)


_WORK_TREES: dict[str, str | None] = {}


def work_tree_top(folder: str | os.PathLike[str]) -> str | None:
    """The top folder of the git work tree holding ``folder`` (None outside git), asked of
    git once a folder."""
    key = os.fspath(folder)
    if key not in _WORK_TREES:
        import subprocess

        try:
            done = subprocess.run(["git", "-C", key, "rev-parse", "--show-toplevel"],
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                  check=False)
            top = done.stdout.decode("utf-8", "surrogateescape").strip() \
                if done.returncode == 0 else ""
        except OSError:
            top = ""
        _WORK_TREES[key] = top or None
    return _WORK_TREES[key]


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


def _named(name: str) -> Iterator[Target]:
    """The targets of one path given by the user: a folder's, sorted by display path, or the
    file itself."""
    if os.path.isdir(name):
        yield from _search(name)
        return
    kind = infer_kind(name)
    tracked = git_tracked(name) if kind == LOCAL_SETTINGS else None
    display = os.path.normpath(name)
    lint_as = linted_as(name) if kind == UNREAD_SETTINGS else None
    yield Target(name, kind, display, project_root_of(display), tracked, lint_as)


def discover(paths: Sequence[str | os.PathLike[str]] = (".",)) -> Iterator[Target]:
    """Every file to lint under ``paths`` (folders searched, files taken as named), once each,
    sorted by display path.

    The targets stream: a folder's are yielded as they are made (several paths are merged), so
    a run over 10,000 projects never holds them all. Raises UserError (before yielding
    anything) when a path does not exist.
    """
    import heapq

    names = [os.fspath(p) for p in paths] or ["."]
    missing = [n for n in names if not os.path.lexists(n)]
    if missing:
        raise UserError(f"no such file or directory: {', '.join(missing)}")
    if len(names) == 1:
        yield from _named(names[0])  # one folder never lists a file twice
        return
    seen: set[str] = set()
    for target in heapq.merge(*(_named(n) for n in names), key=lambda t: t.display):
        key = os.path.abspath(target.path)
        if key not in seen:
            seen.add(key)
            yield target


def definition_files(root: str | os.PathLike[str], kind: str = AGENT, *,
                     claude_dir: bool = False,
                     unlisted: "list[tuple[Path, str]] | None" = None,
                     irregular: "list[Path] | None" = None) -> "list[Path]":
    """The agent (``kind=AGENT``) or command (``COMMAND``) files of the project at ``root``.

    ``<root>/.claude/agents/**/*.md`` (or ``commands``), sorted by path as a string (code-point
    order: of two files of one folder that give the same agent ``name``, Claude Code 2.1.330
    uses the later), as Claude Code loads them: subfolders included, git-ignored files too,
    symlinked folders not followed, only regular files (a FIFO or a socket named ``x.md`` is
    left out: opening one would hang). The one listing for every command that reads agents or
    commands (lint, explain, apply, init, diff).

    ``claude_dir``: ``root`` is itself the folder holding ``agents/`` and ``commands/`` (a
    ``.claude`` folder, the user's config folder ``~/.claude`` or ``CLAUDE_CONFIG_DIR``).
    ``unlisted`` receives the folders that exist but cannot be listed, with the reason;
    ``irregular`` the entries named ``*.md`` that are not regular files (a FIFO, a symlink to a
    folder or to nothing), for commands that report them rather than pass them over.
    """
    from pathlib import Path

    sub = {AGENT: "agents", COMMAND: "commands"}.get(kind)
    if sub is None:
        raise ValueError(f"definition_files: kind must be {AGENT!r} or {COMMAND!r}, not {kind!r}")
    base = os.path.join(os.fspath(root), sub) if claude_dir else \
        os.path.join(os.fspath(root), ".claude", sub)
    found: list[str] = []
    odd: list[str] = []
    stack = [base]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError as exc:
            if unlisted is not None and not (folder == base and isinstance(
                    exc, (FileNotFoundError, NotADirectoryError))):
                unlisted.append((Path(folder), exc.strerror or str(exc)))
            continue
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                elif entry.name.endswith(".md"):
                    (found if entry.is_file() else odd).append(entry.path)
            except OSError:
                continue
    if irregular is not None:
        irregular.extend(Path(p) for p in sorted(odd))
    return [Path(p) for p in sorted(found)]


def find_projects(root: str | os.PathLike[str]) -> "list[Path]":
    """Every project under ``root``: a folder that has a ``.claude/`` folder (sorted)."""
    from pathlib import Path

    folder = os.fspath(root)
    return sorted(Path(folder) / p if p != "." else Path(folder) for p in project_folders(folder))


def project_folders(root: str | os.PathLike[str]) -> set[str]:
    """Every project under ``root`` as a posix path relative to it (``.`` for ``root``).

    A ``.claude`` that is a symlink counts too, so that callers can report (and not follow)
    one that links outside the repository. Inside git only the project names are kept as the
    listing streams, never the listing.
    """
    folder = os.fspath(root)
    projects: set[str] = set()
    excluded = _EXCLUDED.compiled

    def keep(rel: str) -> None:
        if ".claude" not in rel or excluded.search(rel):
            return
        if rel == ".claude" or rel.endswith("/.claude"):  # a symlink, listed as a file
            projects.add(rel[:-len(".claude")].rstrip("/") or ".")
            return
        index = rel.rfind(".claude/")
        while index >= 0:
            if index == 0 or rel[index - 1] == "/":
                projects.add(rel[:index].rstrip("/") or ".")
                return
            index = rel.rfind(".claude/", 0, index)

    if _ls_files(folder, keep, ("--cached",), ("--others", "--exclude-standard")):
        return projects
    projects.clear()  # git failed part way: walk instead
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
    return projects
