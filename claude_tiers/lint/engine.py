"""The lint engine: parse each file once, run the rules for its kind, fix, report.

Per file: read and parse it (a read or parse failure is kept on the context for the CT0xx
rules, and then only those run), run every selected rule whose ``APPLIES_TO`` has the file's
kind, apply severity overrides, sort. Fixing is a loop: lint, apply the first wanted fix
(``safe``, and ``unsafe`` with ``--unsafe-fixes``), re-parse, and again, until nothing more
can be fixed or :data:`MAX_FIX_STEPS` is reached; the result is written once, atomically,
and the report shows what remains. Fixes are pure: a rule returns new settings data (the
engine renders it with :func:`claude_tiers.jsonio.render`, a minimal edit), new text, or a
:class:`~claude_tiers.lint.fileops.FileOps` the engine carries out.

Many files are linted by a pool of worker processes (fork, chunks of files) and by this process
between its reports; a handful are linted in this process alone, so a single-file pre-commit
run pays no pool start-up.
"""

import os
from typing import (TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping, NamedTuple,
                    Sequence, TypeVar)

from claude_tiers.discover import Target, outside_link, project_root_of
from claude_tiers.errors import DocumentError, TiersError
from claude_tiers.lint import registry
from claude_tiers.lint.base import (AGENT, COMMAND, FLAT_SKILL, FRONTMATTER_KINDS, JSON_KINDS,
                                    LOCAL_SETTINGS, MANAGED_SETTINGS, SETTINGS, SKILL,
                                    UNREAD_SETTINGS, Finding, LintContext)
from claude_tiers.lint.fileops import FileOps
from claude_tiers.lint.selection import Selection

if TYPE_CHECKING:
    import multiprocessing.pool

    from claude_tiers import jsonio

T = TypeVar("T")

MAX_FIX_STEPS = 50
"""At most this many single fixes per file (a guard against fixes that undo each other)."""

POOL_MIN_FILES = 48
"""Below this many files the pool's start-up costs more than it saves."""

CHUNK = 64

CHUNK_WARM = 256
"""Files a chunk when the lint cache has a database: most files are then answered from it
in ~15 us, and bigger chunks cut the round trips (10k projects: 1.23 s -> 1.04 s); a cold
run keeps small chunks, which balance the work between the processes (1k projects cold:
1.6 s with 64, 1.86 s with 256)."""

_DEFAULT_NAMES = {
    SETTINGS: ".claude/settings.json",
    LOCAL_SETTINGS: ".claude/settings.local.json",
    MANAGED_SETTINGS: "managed-settings.json",
    UNREAD_SETTINGS: "claude_settings.json",
    AGENT: ".claude/agents/agent.md",
    COMMAND: ".claude/commands/command.md",
    SKILL: ".claude/skills/skill/SKILL.md",
    FLAT_SKILL: ".claude/skills/skill.md",
}


class RuleCrashed(Exception):
    """A rule raised: a bug in claude-tiers (reported as an internal error, exit 3)."""


class FileResult(NamedTuple):
    """The outcome for one file."""

    display: str
    kind: str
    findings: tuple[Finding, ...]
    fixed: bool = False  # the file (or a file its fixes touch) was changed on disk
    diff: str = ""  # with --diff: what fixing would change
    notes: tuple[str, ...] = ()  # what cross-file fixes did, or why a write was refused
    touched: tuple[str, ...] = ()  # other files its fixes created or changed (to lint again)
    cache_entry: Any = None  # what the lint cache keeps of a file linted anew (cache.Entry)


class RunOptions(NamedTuple):
    """How to lint: which rules, whether and how to fix, where the configuration lives."""

    selection: Selection = Selection()
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False  # compute fixes, show them, write nothing
    root: str | None = None  # per-file-ignores globs are relative to this folder (config's)
    jobs: int | None = None  # worker processes; None: the number of usable cores
    policy: Any = None  # a claude_tiers.policy.Policy: the CT7xx rules check files against it
    use_cache: bool = False  # keep results in the lint cache (runs of POOL_MIN_FILES or more)
    cache: Any = None  # the run's claude_tiers.lint.cache.LintCache (set by run())


# ----------------------------------------------------------------------------- contexts


def _kind_default_name(kind: str) -> str:
    return _DEFAULT_NAMES.get(kind, "settings.json")


def context_from_bytes(raw: bytes | str, *, kind: str, display: str,
                       path: str | os.PathLike[str] | None = None,
                       git_tracked: bool | None = None, project_root: str | None = None,
                       agents: Callable[[], dict[str, dict[str, Any]]] | None = None,
                       env: Callable[[], dict[str, str]] | None = None,
                       git_state: Callable[[], str | None] | None = None,
                       lint_as: str | None = None) -> LintContext:
    """Parse file content into a LintContext (a parse failure lands in ``ctx.error``).

    ``lint_as`` (an unread file named explicitly): when the content is a JSON object, it is
    also parsed as that kind of settings file, into ``ctx.candidate``.
    """
    ctx = LintContext(path=display if path is None else os.fspath(path), display=display,
                      kind=kind, git_tracked=git_tracked, project_root=project_root)
    if agents is not None:
        ctx.project_agents = agents
    if env is not None:
        ctx.project_env = env
    if git_state is not None:
        ctx.git_state = git_state
    try:
        if kind in JSON_KINDS:
            ctx.doc, ctx.tolerated = _parse_json(raw, display, kind)
        elif kind in FRONTMATTER_KINDS:
            from claude_tiers import frontmatter

            if isinstance(raw, bytes):
                try:
                    text = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise DocumentError(display, "not-utf8", "not valid UTF-8 "
                                        f"(byte 0x{raw[exc.start]:02x})") from None
            else:
                text = raw
            ctx.frontmatter = frontmatter.parse(text, display)
    except DocumentError as exc:
        ctx.error = exc
    if lint_as is not None and kind == UNREAD_SETTINGS:
        ctx.lint_as = lint_as
        if ctx.doc is not None:
            ctx.candidate = context_from_bytes(raw, kind=lint_as, display=display, path=path,
                                               git_tracked=git_tracked,
                                               project_root=project_root, agents=agents,
                                               env=env, git_state=ctx.git_state)
    return ctx


def _parse_json(raw: bytes | str, display: str, kind: str = ""
                ) -> "tuple[jsonio.Document, DocumentError | None]":
    """Parse settings JSON as Claude Code does: strict, except for what it tolerates.

    Observed (tests/oracle/validation_cases.json, 2.1.330): a UTF-8 BOM is skipped and the file
    loads; an empty or whitespace-only file loads as ``{}``. Both are parsed here the same way
    and handed to CT001 as ``ctx.tolerated``; every other defect raises.
    """
    from claude_tiers import jsonio

    try:
        return jsonio.parse(raw, display), None
    except DocumentError as exc:
        if exc.kind == "bom":
            body = raw[3:] if isinstance(raw, bytes) else raw[1:]
            if not body.strip():
                exc = DocumentError(display, "empty", "file holds only a byte order mark",
                                    1, 1)
                return jsonio.parse("{}", display), exc
            return jsonio.parse(body, display), exc
        if exc.kind == "empty":
            note = DocumentError(display, "empty", "file is empty or only whitespace", 1, 1)
            return jsonio.parse("{}", display), note
        if kind == UNREAD_SETTINGS and exc.kind in ("comment", "trailing-comma"):
            # Never read by Claude Code (CT004): understood as JSONC, so that it can be merged.
            from claude_tiers.lint import jsonc

            text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            try:
                return jsonio.parse(jsonc.strip(text), display), None
            except DocumentError:
                pass
        raise


def read_file(path: str, display: str, kind: str) -> bytes:
    """The bytes of a regular file, at most ``jsonio.MAX_BYTES``; DocumentError otherwise.

    Opened non-blocking and checked with ``fstat`` before reading: a FIFO, socket or device
    named like a settings file is reported, never read (reading a FIFO blocks for ever). A
    symbolic link is followed only to a file inside its repository (:func:`outside_link`):
    a repository's link could point at any file of the machine linting it, and parse errors
    quote what they find.
    """
    import stat

    from claude_tiers import jsonio

    limit = jsonio.MAX_BYTES
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        try:
            fd = os.open(path, flags | getattr(os, "O_NOFOLLOW", 0))  # regular files: one call
        except OSError as exc:
            import errno

            if exc.errno not in (errno.ELOOP, errno.EMLINK) or not os.path.islink(path):
                raise
            outside = outside_link(path)
            if outside is not None:
                raise DocumentError(display, "outside-link", "is a symbolic link to a file "
                                    f"outside its repository ({outside})") from None
            fd = os.open(path, flags)
    except IsADirectoryError:
        raise DocumentError(display, "not-a-file", "is a directory, not a file") from None
    except OSError as exc:
        raise DocumentError(display, "unreadable", f"cannot read: {exc.strerror}") from None
    try:
        info = os.fstat(fd)
        mode = info.st_mode
        if stat.S_ISDIR(mode):
            raise DocumentError(display, "not-a-file", "is a directory, not a file")
        if not stat.S_ISREG(mode):
            what = ("a FIFO (named pipe)" if stat.S_ISFIFO(mode) else
                    "a socket" if stat.S_ISSOCK(mode) else
                    "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a file")
            raise DocumentError(display, "not-a-file", f"is {what}, not a regular file; "
                                "claude-tiers does not read it")
        # Left non-blocking: a read of a regular file never waits, whatever the flag says.
        raw = jsonio.read_descriptor(fd, limit, info.st_size)
    except OSError as exc:
        raise DocumentError(display, "unreadable", f"cannot read: {exc.strerror}") from None
    finally:
        os.close(fd)
    if len(raw) > limit:
        raise DocumentError(display, "too-large", f"file is larger than {limit:,} bytes; "
                            "claude-tiers does not read it")
    return raw


_AGENT_CACHE: dict[tuple[object, ...], dict[str, dict[str, Any]]] = {}


def project_agents(root: str | None) -> dict[str, dict[str, Any]]:
    """The agents Claude Code loads for a project (``name`` -> frontmatter fields), parsed once
    per project while its agent files stay as they are; agents it skips (no name, a bad name,
    a malformed hooks block) are left out."""
    if root is None:
        return {}
    from claude_tiers.discover import definition_files

    files = definition_files(root, AGENT)
    cache_key: tuple[object, ...] = (root, *((str(md), _signature(str(md))) for md in files))
    cached = _AGENT_CACHE.get(cache_key)
    if cached is not None:
        return cached
    from claude_tiers import frontmatter
    from claude_tiers.lint import fmfields

    agents: dict[str, dict[str, Any]] = {}
    for md in files:
        try:
            fm = frontmatter.parse_bytes(read_file(str(md), str(md), AGENT), str(md))
        except DocumentError:
            continue
        if fm is None or not fmfields.loadable_agent(fm.data):
            continue
        agents[str(fm.data["name"]).strip()] = dict(fm.data)
    if len(_AGENT_CACHE) > 256:
        _AGENT_CACHE.clear()
    _AGENT_CACHE[cache_key] = agents
    return agents


_ENV_CACHE: dict[tuple[object, ...], dict[str, str]] = {}


def project_env(root: str | None, linted: LintContext | None = None) -> dict[str, str]:
    """The ``env`` of a project's ``.claude/settings.json`` and ``settings.local.json`` merged
    (local wins), as Claude Code merges it; files that do not load are left out. ``linted``,
    the file being linted, is not read again when it is one of the two."""
    if root is None:
        return {}
    paths = [os.path.join(root, ".claude", name)
             for name in ("settings.json", "settings.local.json")]
    cache_key: tuple[object, ...] = (root, *(_signature(p) for p in paths))
    cached = _ENV_CACHE.get(cache_key)
    if cached is not None:
        return cached
    from claude_tiers import jsonio

    own_path, own_data = None, None
    if linted is not None and linted.kind in (SETTINGS, LOCAL_SETTINGS) \
            and linted.doc is not None and linted.tolerated is None:
        # Parsed as strictly as below, moments ago: the same data as reading it again.
        own_path, own_data = os.path.abspath(linted.path), linted.data
    merged: dict[str, str] = {}
    for path in paths:
        if own_path is not None and os.path.abspath(path) == own_path:
            data = own_data
        elif not os.path.lexists(path):
            continue
        else:
            try:
                data = jsonio.parse(read_file(path, path, SETTINGS), path).data
            except DocumentError:
                continue
        env = data.get("env") if isinstance(data, dict) else None
        for key, value in (env.items() if isinstance(env, dict) else ()):
            if isinstance(value, bool):
                merged[key] = "true" if value else "false"
            elif isinstance(value, (str, int, float)):
                merged[key] = str(value)
    if len(_ENV_CACHE) > 256:
        _ENV_CACHE.clear()
    _ENV_CACHE[cache_key] = merged
    return merged


def _signature(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size)


def _once(load: Callable[[], T]) -> Callable[[], T]:
    """``load``, called at most once: a dozen rules of one file ask for the same facts."""
    found: list[T] = []

    def get() -> T:
        if not found:
            found.append(load())
        return found[0]

    return get


def _git_state_of(target: Target) -> Callable[[], str | None]:
    """How git sees the target, asked of git once, and only if a rule wants to know."""
    if target.tracked:
        return lambda: "tracked"

    def state() -> str | None:
        from claude_tiers.discover import git_state

        return git_state(target.path)

    return _once(state)


def _noted(load: Callable[[], T], fact: str, note: Callable[[str], None] | None
           ) -> Callable[[], T]:
    """``load``, telling ``note`` which fact it is just before it is first read."""
    if note is None:
        return load
    told: list[bool] = []

    def get() -> T:
        if not told:
            told.append(True)
            note(fact)
        return load()

    return get


def context_for(target: Target, raw: bytes | None = None,
                note: Callable[[str], None] | None = None) -> tuple[LintContext, bytes | None]:
    """Read (unless ``raw`` is given) and parse one target; the raw bytes come back for the
    atomic write of fixes. ``note`` hears of each project fact a rule consults (the cache)."""
    from claude_tiers.lint.base import AGENTS, ENV, GIT, TODAY

    root = target.project_root
    # Read once per file linted: the project's files may change between files (a fix writes).
    loader = _noted(_once(lambda: project_agents(root)), AGENTS, note)
    linted: list[LintContext] = []  # the context made below, once it is
    env_loader = _noted(_once(lambda: project_env(root, linted[0] if linted else None)),
                        ENV, note)
    git_state = _noted(_git_state_of(target), GIT, note)
    try:
        if raw is None:
            raw = read_file(target.path, target.display, target.kind)
    except DocumentError as exc:
        ctx = LintContext(path=target.path, display=target.display, kind=target.kind,
                          git_tracked=target.tracked, error=exc,
                          project_root=root or None)
        ctx.git_state = git_state
        return ctx, None
    ctx = context_from_bytes(raw, kind=target.kind, display=target.display,
                             path=target.path, git_tracked=target.tracked,
                             project_root=root or None, agents=loader,
                             env=env_loader, git_state=git_state, lint_as=target.lint_as)
    linted.append(ctx)
    if note is not None:
        ctx.today = _noted(ctx.today, TODAY, note)
        if ctx.candidate is not None:
            ctx.candidate.today = ctx.today
    return ctx, raw


# ----------------------------------------------------------------------------- checking


def check(ctx: LintContext, selection: Selection, extra_ignores: Sequence[str] = ()
          ) -> list[Finding]:
    """Every finding of the selected rules on one parsed file, sorted."""
    out: list[Finding] = []
    failed = ctx.error is not None
    for rule in _active(selection, ctx.kind, ctx.has_policy, tuple(extra_ignores)):
        if failed and not rule.CODE.startswith("CT0"):
            continue  # an unparsed file only gets the file rules
        ctx.options = selection.options_of(rule.CODE, rule.NAME) if selection.options else {}
        try:
            for item in rule.check(ctx):
                if item.code != rule.CODE and not selection.enabled(item.code, item.name,
                                                                     extra_ignores):
                    continue
                if selection.severity:
                    level = selection.severity_of(item.code, item.name, item.severity)
                    if level != item.severity:
                        item = item._replace(severity=level)
                out.append(item)
        except TiersError:
            raise
        except Exception as exc:
            raise RuleCrashed(f"rule {rule.CODE} ({rule.NAME}) failed on {ctx.display}: "
                              f"{type(exc).__name__}: {exc}") from exc
    if ctx.candidate is not None:
        out = _with_candidate(out, check(ctx.candidate, selection, extra_ignores))
    out.sort(key=Finding.sort_key)
    return out


_ACTIVE: "dict[tuple[int, str, bool, tuple[str, ...]], tuple[Selection, tuple[Any, ...]]]" = {}


def _active(selection: Selection, kind: str, policy: bool, extra_ignores: tuple[str, ...]
            ) -> tuple[Any, ...]:
    """The rules for a kind of file that the selection turns on, in order; remembered per
    selection (one serves every file of a run), which is kept beside them so that its id
    cannot be another's."""
    key = (id(selection), kind, policy, extra_ignores)
    found = _ACTIVE.get(key)
    if found is None or found[0] is not selection:
        rules = tuple(rule for rule in registry.rules_for(kind, policy)
                      if selection.enabled(rule.CODE, rule.NAME, extra_ignores))
        if len(_ACTIVE) >= 64:
            _ACTIVE.clear()
        found = _ACTIVE[key] = (selection, rules)
    return found[1]


def _with_candidate(own: list[Finding], candidate: list[Finding]) -> list[Finding]:
    """The findings of an unread file plus those it gets as the settings file it would be.

    Where both report the same thing (CT5xx, CT003) the candidate's wording wins; candidate
    findings are not fixed (the fixes are for the file Claude Code reads).
    """
    seen = {(f.code, f.line, f.column, f.pointer) for f in candidate}
    return [f._replace(fixable=None) for f in candidate] + [
        f for f in own if (f.code, f.line, f.column, f.pointer) not in seen]


def _wanted(fixable: str | None, unsafe: bool) -> bool:
    return fixable == "safe" or (unsafe and fixable == "unsafe")


def _text_of(ctx: LintContext) -> str | None:
    if ctx.doc is not None:
        if ctx.tolerated is not None and ctx.tolerated.kind == "bom":
            return "\ufeff" + ctx.doc.text  # the file's text; the document is parsed without
        return ctx.doc.text
    if ctx.frontmatter is not None:
        return ctx.frontmatter.text
    return None


class Fixed(NamedTuple):
    """The outcome of the fix loop on one file's content."""

    ctx: LintContext  # the context of the final text
    findings: list[Finding]  # what remains in it
    text: str | None  # the final text (None when the file never parsed)
    ops: list[FileOps]  # cross-file fixes to carry out
    steps: int  # single fixes applied to the text


def fix_loop(ctx: LintContext, selection: Selection, *, unsafe: bool,
             extra_ignores: Sequence[str] = ()) -> Fixed:
    """Apply wanted fixes one at a time, re-parsing after each, until nothing more changes."""
    findings = check(ctx, selection, extra_ignores)
    text = _text_of(ctx)
    seen = {text}
    everything = Selection()
    problems = _problems(ctx, check(ctx, everything))
    ops: list[FileOps] = []
    steps = 0
    rules = registry.by_code()
    while steps < MAX_FIX_STEPS:
        progressed = False
        for item in findings:
            if not _wanted(item.fixable, unsafe):
                continue
            fixer = getattr(rules.get(item.code), "fix", None)
            if fixer is None:
                continue
            try:
                result = fixer(ctx, item)
            except DocumentError:
                continue
            except Exception as exc:
                raise RuleCrashed(f"fix of rule {item.code} failed on {ctx.display}: "
                                  f"{type(exc).__name__}: {exc}") from exc
            if result is None:
                continue
            if isinstance(result, FileOps):
                if result not in ops:
                    ops.append(result)
                continue
            new_text = _render(ctx, result)
            if new_text is None or new_text in seen:
                continue
            new_ctx = context_from_bytes(new_text, kind=ctx.kind, display=ctx.display,
                                         path=ctx.path, git_tracked=ctx.git_tracked,
                                         project_root=ctx.project_root, agents=ctx.project_agents,
                                         env=ctx.project_env, git_state=ctx.git_state,
                                         lint_as=ctx.lint_as)
            new_ctx.policy = ctx.policy
            if new_ctx.candidate is not None:
                new_ctx.candidate.policy = ctx.policy
            if new_ctx.error is not None and ctx.error is None:
                continue  # a fix must never break the file
            new_problems = _problems(new_ctx, check(new_ctx, everything))
            if any(count > problems.get(key, 0) for key, count in new_problems.items()):
                continue  # nor create an error or a warning (whether selected or not)
            problems = new_problems
            seen.add(new_text)
            ctx, text = new_ctx, new_text
            findings = check(ctx, selection, extra_ignores)
            steps += 1
            progressed = True
            break
        if not progressed:
            break
    return Fixed(ctx, findings, text, ops, steps)


def _problems(ctx: LintContext, findings: Iterable[Finding]) -> dict[tuple[str, str], int]:
    """Errors and warnings counted by (code, the value they are about): a fix that moves or
    renumbers an entry keeps its findings' keys, one that creates a problem adds a key."""
    import json

    from claude_tiers.lint.ruletools import get_at

    counts: dict[tuple[str, str], int] = {}
    for item in findings:
        if item.severity == "info":
            continue
        if ctx.doc is not None:
            value = get_at(ctx.data, item.pointer)
        else:
            value = ctx.fields.get(item.pointer.strip("/").split("/")[0])
        try:
            shown = json.dumps(value, sort_keys=True, default=repr)
        except (TypeError, ValueError):
            shown = repr(value)
        key = (item.code, shown)
        counts[key] = counts.get(key, 0) + 1
    return counts


def _render(ctx: LintContext, result: object) -> str | None:
    if isinstance(result, str):
        return result
    if isinstance(result, dict) and ctx.doc is not None:
        from claude_tiers import jsonio

        try:
            return jsonio.render(ctx.doc, result)
        except DocumentError:
            return None
    return None


# ----------------------------------------------------------------------------- text API


def lint_text(text: str | bytes, *, kind: str, filename: str = "",
              select: Sequence[str] | None = None,
              options: Mapping[str, Mapping[str, Any]] | None = None,
              git_tracked: bool | None = None,
              project_agents: Mapping[str, Mapping[str, Any]] | None = None,
              policy: Any = None, project_env: Mapping[str, str] | None = None,
              git_state: str | None = None, lint_as: str | None = None
              ) -> list[Finding]:
    """Lint file content given as text (for tests and editors); findings sorted.

    ``filename`` is the path shown (and used to infer the project); ``select`` narrows the
    rules (codes, prefixes or names); ``project_agents`` stands in for the project's agents;
    ``policy`` (a Policy, whose root ``filename`` is taken against, or one project's Decision)
    turns on the CT7xx policy rules; ``project_env`` stands in for the env of the project's
    other settings files; ``git_state`` says how git sees the file (``"tracked"``,
    ``"ignored"``, ``"untracked"``, ``"outside"``; default: from ``git_tracked``);
    ``lint_as``: an unread file is also checked as this kind (as for one named explicitly).
    """
    display = filename or _kind_default_name(kind)
    agents = {k: dict(v) for k, v in (project_agents or {}).items()}
    env = dict(project_env or {})
    root = project_root_of(display)
    ctx = context_from_bytes(text, kind=kind, display=display, git_tracked=git_tracked,
                             project_root=root or None, agents=lambda: agents,
                             env=lambda: env,
                             git_state=(lambda: git_state) if git_state is not None else None,
                             lint_as=lint_as)
    if policy is not None:
        ctx.policy = policy.lookup(display) if hasattr(policy, "lookup") else (lambda: policy)
        if ctx.candidate is not None:
            ctx.candidate.policy = ctx.policy
    return check(ctx, Selection.build(select=select, options=options))


def fix_text(text: str | bytes, *, kind: str, filename: str = "", unsafe: bool = False,
             select: Sequence[str] | None = None, git_tracked: bool | None = None,
             project_agents: Mapping[str, Mapping[str, Any]] | None = None) -> str:
    """The content after every wanted fix (cross-file fixes are left out); same text if none."""
    display = filename or _kind_default_name(kind)
    agents = {k: dict(v) for k, v in (project_agents or {}).items()}
    root = project_root_of(display)
    ctx = context_from_bytes(text, kind=kind, display=display, git_tracked=git_tracked,
                             project_root=root or None, agents=lambda: agents)
    fixed = fix_loop(ctx, Selection.build(select=select), unsafe=unsafe)
    if fixed.text is None:
        return text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    return fixed.text


# ----------------------------------------------------------------------------- files


def _relative(path: str, root: str | None) -> str:
    if root is None:
        return path.replace(os.sep, "/")
    rel = os.path.relpath(os.path.abspath(path), root)
    return rel.replace(os.sep, "/") if not rel.startswith("..") else path.replace(os.sep, "/")


def lint_target(target: Target, options: RunOptions) -> FileResult:
    """Lint (and with ``options.fix`` or ``diff``, fix) one file."""
    if options.cache is not None:  # set by run() only for a run without fixes or policy
        return _lint_cached(target, options, options.cache)
    ctx, raw = context_for(target)
    if options.policy is not None:
        ctx.policy = options.policy.lookup(target.path)
        if ctx.candidate is not None:
            ctx.candidate.policy = ctx.policy
    selection = options.selection
    extra = _file_ignores(target, options)
    if not (options.fix or options.diff):
        return FileResult(target.display, target.kind, tuple(check(ctx, selection, extra)))
    fixed = fix_loop(ctx, selection, unsafe=options.unsafe_fixes, extra_ignores=extra)
    original = _text_of(ctx)
    changed = fixed.steps > 0 and fixed.text is not None and fixed.text != original
    diff = ""
    notes: list[str] = []
    wrote = False
    if changed and options.diff:
        assert fixed.text is not None and original is not None
        diff = unified(original, fixed.text, target.display)
    elif changed:
        from claude_tiers import jsonio

        assert fixed.text is not None and raw is not None
        try:
            jsonio.write_atomic(target.path, fixed.text, jsonio.FileState(True, raw),
                                target.display)
            wrote = True
        except TiersError as exc:
            notes.append(str(exc))
            return FileResult(target.display, target.kind, tuple(check(ctx, selection, extra)),
                              False, "", tuple(notes))
    findings = fixed.findings
    touched: list[str] = []
    if fixed.ops:
        from claude_tiers.lint import opsrunner

        done_codes, op_diff, op_notes, op_wrote = opsrunner.carry_out(
            fixed.ops, dry_run=options.diff, state_text=fixed.text)
        diff += op_diff
        notes.extend(op_notes)
        wrote = wrote or op_wrote
        if not options.diff:
            findings = [f for f in findings if f.code not in done_codes]
            touched = [path for ops in fixed.ops if ops.code in done_codes
                       for path in _created_by(ops)]
    if options.diff:
        # Nothing was written: report the file as it is (the diff shows what --fix would do).
        findings = check(ctx, selection, extra)
        diff = _redacted(diff, ctx, fixed.ctx)
    return FileResult(target.display, target.kind, tuple(findings), wrote, diff, tuple(notes),
                      tuple(touched))


def _file_ignores(target: Target, options: RunOptions) -> Sequence[str]:
    """The rules ``lint.per-file-ignores`` turns off for this file."""
    selection = options.selection
    if not selection.per_file_ignores:
        return ()
    return selection.file_ignores(_relative(target.path, options.root))


def _lint_cached(target: Target, options: RunOptions, cache: Any) -> FileResult:
    """Lint one file through the cache: its findings from there when still valid, else
    linted, with what the cache should keep of it."""
    found, sig, raw, refreshed = cache.lookup(target)
    if found is not None:
        return FileResult(target.display, target.kind, found, cache_entry=refreshed)
    try:
        if raw is None:
            raw = read_file(target.path, target.display, target.kind)
    except DocumentError:
        return lint_target(target, options._replace(cache=None))  # reported, never cached
    deps: dict[str, Any] = {}

    def note(fact: str) -> None:
        deps[fact] = cache.fingerprint(fact, target)  # before the fact is read

    ctx, _ = context_for(target, raw, note)
    findings = tuple(check(ctx, options.selection, _file_ignores(target, options)))
    return FileResult(target.display, target.kind, findings,
                      cache_entry=cache.entry(target, sig, raw, deps, findings))


def _created_by(ops: FileOps) -> list[str]:
    """The files a cross-file fix writes or creates (a merge target, a move destination)."""
    from claude_tiers.lint.fileops import MergeInto, Move

    out: list[str] = []
    for op in ops.ops:
        if isinstance(op, MergeInto):
            out.append(op.target)
        elif isinstance(op, Move):
            out.append(op.destination)
    return out


def _redacted(diff: str, *contexts: LintContext) -> str:
    """A diff with every secret of the files it shows masked (it is printed)."""
    if not diff:
        return diff
    from claude_tiers.redact import redact, secrets_in

    secrets: set[str] = set()
    for ctx in contexts:
        if ctx.doc is not None:
            secrets |= secrets_in(ctx.data)
        elif ctx.frontmatter is not None:
            secrets |= secrets_in(ctx.fields)
    return redact(diff, secrets)


def unified(old: str, new: str, display: str) -> str:
    """A unified diff of one file's change (empty when nothing changes)."""
    if old == new:
        return ""
    import difflib

    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                 f"a/{display}", f"b/{display}")
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


# ----------------------------------------------------------------------------- many files

_WORKER_OPTIONS: RunOptions | None = None


def _init_worker(options: RunOptions) -> None:
    global _WORKER_OPTIONS
    _WORKER_OPTIONS = options
    registry.all_rules()


def _lint_chunk(chunk: list[Target]) -> list[FileResult]:
    assert _WORKER_OPTIONS is not None
    return lint_list(chunk, _WORKER_OPTIONS)


def lint_list(chunk: list[Target], options: RunOptions) -> list[FileResult]:
    """``lint_target`` of each (the cache's entries for them read in one query)."""
    if options.cache is not None:
        options.cache.prefetch(chunk)
    return [lint_target(t, options) for t in chunk]


def _chunks(targets: Iterable[Target], size: int) -> Iterator[list[Target]]:
    chunk: list[Target] = []
    for target in targets:
        chunk.append(target)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def usable_cores() -> int:
    """CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def run(targets: Iterable[Target], options: RunOptions) -> Iterator[FileResult]:
    """Lint every target, yielding results in target order as they are ready.

    A run of at least :data:`POOL_MIN_FILES` files with ``options.use_cache`` (and no fixes,
    diff or policy) goes through the lint cache, opened before the workers fork and saved
    once every result is out.
    """
    import itertools

    iterator = iter(targets)
    head: list[Target] = []
    for target in iterator:
        head.append(target)
        if len(head) >= POOL_MIN_FILES:
            break
    many = len(head) >= POOL_MIN_FILES
    if not many or not options.use_cache or options.fix or options.diff \
            or options.policy is not None:
        yield from _run(itertools.chain(head, iterator), options, pooled=many)
        return
    from claude_tiers.lint.cache import LintCache

    cache = LintCache(options.selection, options.root)
    options = options._replace(cache=cache)
    cache.load()
    for result in _run(itertools.chain(head, iterator), options, pooled=True,
                       chunk=CHUNK_WARM if cache.warm else None):
        if result.cache_entry is not None:
            cache.put(result.cache_entry)
            result = result._replace(cache_entry=None)
        yield result
    cache.save()


def _run(targets: Iterable[Target], options: RunOptions, *, pooled: bool,
         chunk: int | None = None) -> Iterator[FileResult]:
    """The results in order: by this process alone, or (``pooled``) with workers, in chunks
    of ``chunk`` files (default :data:`CHUNK`)."""
    chunk = chunk or CHUNK
    jobs = options.jobs if options.jobs is not None else usable_cores()
    if jobs <= 1 or not pooled:
        for part in _chunks(targets, chunk):
            yield from lint_list(part, options)
        return
    registry.all_rules()  # import once, before the fork, so no worker imports them again
    with ForkPool(jobs - 1, _init_worker, (options,)) as pool:
        yield from _shared(pool, jobs - 1, _chunks(targets, chunk), options)


class ForkPool:
    """A ``multiprocessing`` pool of forked workers (where fork exists), for ``with``.

    While it lives, the objects this process already holds (modules, rules, schema) sit in a
    generation no collection visits, so neither side's collections write to, and so copy,
    the pages the workers share with this process; afterwards they are collectable again,
    so a long-lived caller does not keep its garbage of the moment for ever.
    """

    def __init__(self, processes: int, initializer: Callable[..., None],
                 initargs: tuple[Any, ...] = ()) -> None:
        self.processes = processes
        self.initializer = initializer
        self.initargs = initargs
        self.pool: "multiprocessing.pool.Pool | None" = None

    def __enter__(self) -> "multiprocessing.pool.Pool":
        import gc
        import multiprocessing

        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
        gc.freeze()
        try:
            self.pool = multiprocessing.get_context(method).Pool(
                self.processes, initializer=self.initializer, initargs=self.initargs)
        except BaseException:
            gc.unfreeze()
            raise
        return self.pool

    def __exit__(self, *exc: object) -> None:
        import gc

        try:
            if self.pool is not None:
                self.pool.terminate()  # as Pool's own ``with`` does
                self.pool.join()
        finally:
            self.pool = None
            gc.unfreeze()


def _shared(pool: "multiprocessing.pool.Pool", workers: int, chunks: Iterable[list[Target]],
            options: RunOptions) -> Iterator[FileResult]:
    """The chunks' results in order, linted by ``workers`` processes and by this one.

    Each worker keeps up to :data:`_BACKLOG` chunks queued; while they are all that far
    behind, this process lints the next chunk itself, so N jobs cost N-1 extra interpreters
    (each holds ~17 MiB of its own) and the parent's core is not left waiting. At most
    :data:`_WINDOW` chunks are in flight.
    """
    from collections import deque

    window: deque[Any] = deque()  # in chunk order: a list of results, or an AsyncResult
    for chunk in chunks:
        queued = sum(1 for item in window if not isinstance(item, list) and not item.ready())
        if queued < _BACKLOG * workers:
            window.append(pool.apply_async(_lint_chunk, (chunk,)))
        else:
            window.append(lint_list(chunk, options))
        while window and (len(window) > _WINDOW * workers or isinstance(window[0], list)
                          or window[0].ready()):
            item = window.popleft()
            yield from item if isinstance(item, list) else item.get()
    while window:
        item = window.popleft()
        yield from item if isinstance(item, list) else item.get()


_WINDOW = 8

_BACKLOG = 4
"""Chunks queued per worker before this process lints one itself. On a cold run every worker
is soon that far behind; on a warm one (the lint cache answers) the workers keep up, and this
process, which also discovers the files and writes the report, is left to do just that."""
