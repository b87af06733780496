"""``claude-tiers apply`` without a preset: make every project of one or many repositories
match its tier policy.

The run has three parts:

* **Planning** (this process): each PATH, each line of ``--repos-file``, is mapped to its
  repository (the nearest folder with ``claude-tiers.yaml`` or ``.git``); a path inside a
  repository narrows the run to the projects at or below it. Each repository's policy is
  loaded (its own, or the one ``--policy FILE`` imposes) and its projects are found with the
  one discovery of :mod:`claude_tiers.discover` (plus the folders ``projects`` rules name).
* **Work** (a pool of ``--jobs`` processes, chunks of projects, results in order): each
  project's decision is resolved, and its settings file and agent/command frontmatter go
  through the very functions of single-project ``apply`` (:func:`apply_settings`,
  :func:`apply_frontmatter`) and the same atomic writer. Only small result records travel
  back; no document is kept, so memory stays flat in the number of projects.
* **Reporting** (:class:`Reporter`): changed files as they come, the drift table of
  ``--check``, the combined diff of ``--dry-run``, a progress bar on a terminal, and the
  summary table.

Files are never rewritten when they are invalid (the lint diagnostic is shown), changed on
disk since they were read, or linked outside the repository; those are reported as skipped.
"""

from __future__ import annotations

import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence, TextIO

from claude_tiers.errors import ConfigError, TiersError, UserError

if TYPE_CHECKING:
    from claude_tiers.commands.apply import Options, Outcome
    from claude_tiers.jsonio import Document
    from claude_tiers.lint.selection import Selection
    from claude_tiers.policy import Decision, Policy
    from claude_tiers.presets import Preset, Rule

CHUNK = 16
"""Projects per task sent to a worker process."""

POOL_MIN_PROJECTS = 24
"""Below this many projects the pool's start-up costs more than it saves."""

GATE = ("CT001", "CT002", "CT003", "CT100")
"""Lint rules whose errors mean "Claude Code drops this file": such files are never rewritten."""

CHANGED, UNCHANGED, SKIPPED, FAILED = "changed", "unchanged", "skipped", "failed"
STATUSES = (CHANGED, UNCHANGED, SKIPPED, FAILED)

_SKIP_REASONS = {
    "invalid": "invalid file",
    "outside": "links outside the repository",
    "changed": "changed on disk while running",
    "uncovered": "no rule covers the project",
    "missing": "folder named by a rule is missing",
}


# ----------------------------------------------------------------------------- records


class NoPolicy(UserError):
    """A repository without a tier policy (and no ``--policy`` imposed)."""


@dataclass(frozen=True)
class BulkOptions:
    """How to run: write or not, what to collect, how many processes."""

    write: bool = True
    check: bool = False  # collect drift rows (nothing written)
    diff: bool = False  # collect unified diffs (nothing written)
    agents: bool = True  # also agent and command frontmatter
    jobs: int | None = None  # worker processes; None: the usable cores


@dataclass
class RepoPlan:
    """One repository of the run."""

    name: str  # as shown
    root: Path
    policy: Policy | None = None
    error: str = ""  # why the repository cannot be processed
    exc: TiersError | None = None  # the error behind ``error`` (its exit code, single-repo runs)
    only: tuple[str, ...] | None = None  # narrowing (posix paths relative to root); None: all
    projects: list[str] = field(default_factory=list)  # relative posix paths, "." = root
    missing: list[str] = field(default_factory=list)  # named by rules, folder missing


@dataclass(frozen=True)
class Row:
    """One file of a project: what happened, and for drift what it has and what is wanted."""

    file: str  # path as shown (relative to the working directory)
    status: str  # updated, created, pending, unchanged, skipped, failed
    has: str = ""
    wants: str = ""
    rule: str = ""
    message: str = ""  # the change phrase, or why it was skipped / failed
    diff: str = ""
    reason: str = ""  # skip category (invalid, outside, changed)


@dataclass
class ProjectResult:
    """Everything that happened in one project."""

    repo: str
    project: str  # as shown
    status: str  # changed, unchanged, skipped, failed
    rows: list[Row] = field(default_factory=list)
    reason: str = ""  # skip category when the whole project was skipped
    message: str = ""  # why the whole project was skipped or failed
    repo_failed: bool = False  # the whole repository could not be processed

    def counts(self) -> dict[str, int]:
        """Files by outcome (changed, unchanged, skipped, failed); --check has a row per change."""
        out = dict.fromkeys(STATUSES, 0)
        seen: set[str] = set()
        for row in self.rows:
            if row.file not in seen:
                seen.add(row.file)
                out[_file_status(row.status)] += 1
        return out


def _file_status(status: str) -> str:
    if status in ("updated", "created", "pending"):
        return CHANGED
    if status in ("skipped", "failed"):
        return status
    return UNCHANGED


# ----------------------------------------------------------------------------- planning


def read_repos_file(path: Path) -> list[Path]:
    """The checkouts listed in a repos file (one per line; blank lines and ``#`` comments skipped).

    Relative lines are taken from the working directory, as ``xargs`` would.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"{path}: cannot read the repos file: {exc}") from None
    out = []
    for line in text.splitlines():
        entry = line.strip()
        if entry and not entry.startswith("#"):
            out.append(Path(entry).expanduser())
    return out


def repository_of(path: Path, imposed: bool) -> Path | None:
    """The repository a path belongs to: the nearest folder with a configuration or ``.git``.

    With an imposed policy (``--policy``) the repository's own configuration does not count:
    only ``.git`` marks it.
    """
    from claude_tiers.config import find_config

    here = Path(os.path.abspath(path))
    if not here.is_dir():
        here = here.parent
    if not imposed:
        found = find_config(here)
        if found is not None:
            return found.parent
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return None


def plan_repos(paths: Sequence[Path], repos: Sequence[Path] = (), policy_file: Path | None = None
               ) -> list[RepoPlan]:
    """Group the paths into repositories, load each one's policy and find its projects.

    ``repos`` are whole repositories; each of ``paths`` is a whole repository when it is the
    repository's folder, and narrows the run to what is below it otherwise. A repository that
    cannot be processed gets ``error`` set (the run goes on with the others).
    """
    imposed = policy_file is not None
    groups: dict[Path, set[str] | None] = {}
    order: list[Path] = []
    errors: dict[Path, str] = {}

    def add(root: Path, rel: str | None) -> None:
        if root not in groups:
            groups[root] = set()
            order.append(root)
        current = groups[root]
        if rel is None or current is None:
            groups[root] = None
        else:
            current.add(rel)

    for repo in repos:
        absolute = Path(os.path.abspath(repo))
        if not absolute.is_dir():
            add(absolute, None)
            errors[absolute] = f"{repo}: not a directory"
            continue
        add(absolute, None)
    for path in paths:
        absolute = Path(os.path.abspath(path))
        if not os.path.lexists(absolute):
            raise UserError(f"no such file or directory: {path}")
        root = repository_of(absolute, imposed)
        if root is None:
            root = absolute if absolute.is_dir() else absolute.parent
        rel = os.path.relpath(absolute, root).replace(os.sep, "/")
        add(root, None if rel == "." else rel)
    from claude_tiers.commands.apply import display_path

    plans = []
    imposed_config = None
    if policy_file is not None:
        from claude_tiers import config as config_module

        imposed_config = config_module.load(path=policy_file)
        if not imposed_config.has_policy:
            raise ConfigError(f"{policy_file}: sets no tier policy (default, projects, agents, "
                              "commands, tiers or limits)")
    for root in order:
        only = groups[root]
        plan = RepoPlan(name=display_path(root), root=root,
                        only=tuple(sorted(only)) if only is not None else None)
        plans.append(plan)
        try:
            if root in errors:
                raise UserError(errors[root])
            plan.policy = _load_policy(root, imposed_config)
            if plan.policy is None:
                raise NoPolicy(f"{plan.name}: no tier policy (no claude-tiers.yaml with default "
                                "or projects rules; claude-tiers init writes one)")
            _find_projects(plan)
        except TiersError as exc:
            plan.error, plan.exc = str(exc), exc
    return plans


def _load_policy(root: Path, imposed: object) -> Policy | None:
    from claude_tiers.config import Config
    from claude_tiers.policy import Policy, load_policy

    if isinstance(imposed, Config):
        return Policy.from_config(imposed, root)
    return load_policy(root)


def _find_projects(plan: RepoPlan) -> None:
    """Fill ``plan.projects``: discovered folders with ``.claude/`` plus folders rules name."""
    from claude_tiers.discover import find_projects
    from claude_tiers.policy import normalize

    assert plan.policy is not None
    root = plan.root
    found: set[str] = set()
    for folder in find_projects(root):
        found.add(normalize(os.path.relpath(folder, root)))
    for name in plan.policy.named_projects():
        if (root / name).is_dir() or name == ".":
            found.add(name)
        else:
            plan.missing.append(name)
    if plan.only is not None:
        selected = {p for p in found if any(_within(p, o) for o in plan.only)}
        for wanted in plan.only:
            target = root / wanted
            if target.is_dir() and not any(_within(p, wanted) for p in selected) \
                    and not any(_within(wanted, p) for p in found):
                selected.add(normalize(wanted))  # named explicitly: a project, created if need be
            elif not target.is_dir():
                owner = _project_of_file(wanted)
                if owner is not None:
                    selected.add(owner)
        found = selected
        plan.missing = [m for m in plan.missing if any(_within(m, o) for o in plan.only)]
    plan.projects = sorted(found, key=lambda p: (p != ".", p))


def _within(path: str, folder: str) -> bool:
    return folder in (".", "") or path == folder or path.startswith(folder.rstrip("/") + "/")


def _project_of_file(rel: str) -> str | None:
    index = ("/" + rel).rfind("/.claude/")
    if index < 0:
        return None
    return rel[:max(index - 1, 0)] or "."


# ----------------------------------------------------------------------------- the work


@dataclass(frozen=True)
class _Task:
    """A chunk of projects of one repository (pickled to a worker)."""

    repo: str
    root: Path
    policy: Policy | None
    error: str
    projects: tuple[str, ...]
    missing: tuple[str, ...]
    options: BulkOptions


def vet_settings(doc: Document, shown: str) -> str | None:
    """The lint diagnostic when Claude Code would drop this settings file, else None."""
    from claude_tiers.lint.base import SETTINGS, LintContext
    from claude_tiers.lint.engine import check

    ctx = LintContext(path=Path(shown), display=shown, kind=SETTINGS, doc=doc)
    for found in check(ctx, _gate()):
        if found.severity == "error":
            return (f"{found.path}:{found.line}:{found.column}: {found.code} [error] "
                    f"{found.message} ({found.name})")
    return None


_GATE_SELECTION: Selection | None = None


def _gate() -> Selection:
    global _GATE_SELECTION
    if _GATE_SELECTION is None:
        from claude_tiers.lint.selection import Selection

        _GATE_SELECTION = Selection.build(select=list(GATE))
    return _GATE_SELECTION


def _outside(path: Path, root: Path) -> bool:
    real = os.path.realpath(path)
    base = os.path.realpath(root)
    return real != base and not real.startswith(base.rstrip(os.sep) + os.sep)


def _split_change(phrase: str) -> tuple[str, str]:
    """``model a -> b`` -> (``model a``, ``model b``); ``removed k`` -> (``k``, ``(removed)``)."""
    if phrase.startswith("removed "):
        return phrase[len("removed "):], "(removed)"
    if phrase.startswith("added "):
        key, _, value = phrase[len("added "):].partition(" = ")
        return f"{key} (unset)", f"{key} = {value}" if value else key
    if " -> " in phrase:
        left, _, right = phrase.partition(" -> ")
        key, _, old = left.partition(" ")
        return left, f"{key} {right}" if old or key else right
    key, _, rest = phrase.partition(" ")
    return key, rest or phrase


def _rule_label(rule: Rule | None) -> str:
    if rule is None:
        return ""
    origin = rule.preset[len("policy "):] if rule.preset.startswith("policy ") \
        else f"preset {rule.preset}"
    text = f"{origin} '{rule.match}'"
    return text + (f" ({rule.reason})" if rule.reason else "")


def _decision_label(decision: Decision) -> str:
    text = decision.rule or "no rule"
    return text + (f" ({decision.reason})" if decision.reason else "")


def _rows(outcome: Outcome, rule: str, options: BulkOptions, strip: str = "") -> list[Row]:
    if outcome.status == "note":
        return []
    if outcome.status == "error":
        status = SKIPPED if outcome.skip else FAILED
        return [Row(outcome.path, status, rule=rule, message=outcome.error, reason=outcome.skip)]
    if outcome.status == "unchanged":
        return [Row(outcome.path, "unchanged", rule=rule)]
    diff = outcome.diff if options.diff else ""
    if not options.check:
        return [Row(outcome.path, outcome.status, rule=rule,
                    message="; ".join(outcome.changes), diff=diff)]
    rows = []
    for i, phrase in enumerate(outcome.changes or ["(file created)"]):
        if strip and phrase.endswith(strip):
            phrase = phrase[: -len(strip)]
        has, wants = _split_change(phrase)
        rows.append(Row(outcome.path, outcome.status, has, wants, rule, phrase,
                        diff if i == 0 else ""))
    return rows


_PRESETS: dict[tuple[str, str, str], Preset] = {}


def _preset_for(task: _Task, decision: Decision) -> Preset | None:
    assert task.policy is not None
    key = (str(task.root), decision.preset or "", decision.rule)
    found = _PRESETS.get(key)
    if found is None:
        found = task.policy.preset_for(decision)
        if found is None:
            return None
        if len(_PRESETS) > 512:
            _PRESETS.clear()
        _PRESETS[key] = found
    return found


def process_project(task: _Task, rel: str) -> ProjectResult:
    """Apply (or check) the policy on one project; never raises for a file problem."""
    from claude_tiers.apply import tier_models
    from claude_tiers.commands.apply import Options, apply_frontmatter, apply_settings, display_path

    assert task.policy is not None
    policy, options, root = task.policy, task.options, task.root
    folder = root if rel == "." else root / rel
    shown = display_path(folder)
    decision = policy.resolve(rel)
    if not decision.covered:
        return ProjectResult(task.repo, shown, SKIPPED, reason="uncovered",
                             message=f"{shown}: no projects rule and no default in "
                                     f"{decision.source} cover it; left alone")
    claude = folder / ".claude"
    if _outside(folder, root) or _outside(claude, root):
        return ProjectResult(task.repo, shown, SKIPPED, reason="outside",
                             message=f"{display_path(claude)}: links outside {display_path(root)}; "
                                     "not followed, not written")
    preset = _preset_for(task, decision)
    assert preset is not None
    if options.write and not (options.check or options.diff):
        remove_stale_leftovers(claude)
    apply_options = Options(scope="project", write=options.write and not (options.check or
                                                                          options.diff),
                            agents=options.agents, tier_overrides=policy.overrides or None,
                            root=root, vet=vet_settings, diff=options.diff)
    rule = _decision_label(decision)
    rows = _rows(apply_settings(claude / "settings.json", preset, apply_options, root), rule,
                 options)
    if options.agents and (preset.agents or preset.commands) and claude.is_dir():
        tiers = tier_models(apply_options.tier_overrides)
        for kind, lookup, by_name in (("agents", preset.agent_rule, True),
                                      ("commands", preset.command_rule, False)):
            if not (preset.agents if by_name else preset.commands):
                continue
            last: list[Rule | None] = [None]

            def rule_for(name: str, lookup: object = lookup, last: list[Rule | None] = last
                         ) -> Rule | None:
                found: Rule | None = lookup(name)  # type: ignore[operator]
                last[0] = found
                return found

            for outcome in apply_frontmatter(claude / kind, rule_for, tiers, apply_options, root,
                                             by_name=by_name):
                matched = last[0]
                strip = f" ({matched.reason})" if matched is not None and matched.reason else ""
                rows.extend(_rows(outcome, _rule_label(matched), options, strip))
    statuses = {_file_status(r.status) for r in rows}
    status = next((s for s in (FAILED, SKIPPED, CHANGED) if s in statuses), UNCHANGED)
    return ProjectResult(task.repo, shown, status, rows)


STALE_TMP_SECONDS = 60.0
"""A writer's temporary file older than this is a leftover of a killed run."""

_TMP_NAME = re.compile(r"\..+\.claude-tiers\.tmp\Z")


def remove_stale_leftovers(claude: Path, now: float | None = None) -> int:
    """Delete temporary files a killed run left in a ``.claude`` folder; how many were removed.

    Only the atomic writer's own names (``.NAME.*.claude-tiers.tmp``) older than
    :data:`STALE_TMP_SECONDS` go, so a write in progress elsewhere is never disturbed.
    """
    if not claude.is_dir() or claude.is_symlink():
        return 0
    limit = (time.time() if now is None else now) - STALE_TMP_SECONDS
    removed = 0
    for folder, _, files in os.walk(claude):
        for name in files:
            if not _TMP_NAME.match(name):
                continue
            path = os.path.join(folder, name)
            try:
                if os.lstat(path).st_mtime < limit:
                    os.unlink(path)
                    removed += 1
            except OSError:
                continue
    return removed


_PARENT = 0


def _init_worker() -> None:
    global _PARENT
    _PARENT = os.getppid()


def run_task(task: _Task) -> list[ProjectResult]:
    """Process one chunk (in a worker, or in this process for small runs)."""
    if task.error:
        return [ProjectResult(task.repo, task.repo, FAILED, message=task.error, repo_failed=True)]
    out = [ProjectResult(task.repo, _missing_shown(task, m), SKIPPED, reason="missing",
                         message=f"{_missing_shown(task, m)}: named by a projects rule but the "
                                 "folder does not exist")
           for m in task.missing]
    for rel in task.projects:
        if _PARENT and os.getppid() != _PARENT:
            os._exit(1)  # the parent is gone (killed): stop writing at once
        try:
            out.append(process_project(task, rel))
        except TiersError as exc:
            out.append(ProjectResult(task.repo, _missing_shown(task, rel), FAILED,
                                     message=str(exc)))
    return out


def _missing_shown(task: _Task, rel: str) -> str:
    from claude_tiers.commands.apply import display_path

    return display_path(task.root / rel)


def _tasks(plans: Sequence[RepoPlan], options: BulkOptions) -> Iterator[_Task]:
    for plan in plans:
        if plan.error:
            yield _Task(plan.name, plan.root, None, plan.error, (), (), options)
            continue
        missing = tuple(plan.missing)
        projects = plan.projects
        if not projects and missing:
            yield _Task(plan.name, plan.root, plan.policy, "", (), missing, options)
        for start in range(0, len(projects), CHUNK):
            yield _Task(plan.name, plan.root, plan.policy, "",
                        tuple(projects[start:start + CHUNK]), missing if start == 0 else (),
                        options)


def run(plans: Sequence[RepoPlan], options: BulkOptions) -> Iterator[ProjectResult]:
    """Process every project of every plan, yielding results in plan order as they are ready."""
    from claude_tiers.lint.engine import usable_cores
    from claude_tiers.lint.registry import all_rules

    total = sum(len(p.projects) for p in plans)
    jobs = options.jobs if options.jobs is not None else usable_cores()
    _PRESETS.clear()  # a policy file may have changed since the last run in this process
    all_rules()  # import the rules once, before any fork
    _gate()
    if jobs <= 1 or total < POOL_MIN_PROJECTS:
        for task in _tasks(plans, options):
            yield from run_task(task)
        return
    import multiprocessing

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    context = multiprocessing.get_context(method)
    with context.Pool(jobs, initializer=_init_worker) as pool:
        for results in pool.imap(run_task, _tasks(plans, options)):
            yield from results


# ----------------------------------------------------------------------------- reporting


class Progress:
    """A one-line progress bar on a terminal (nothing at all when ``stream`` is not one)."""

    def __init__(self, stream: TextIO, total: int, enabled: bool | None = None) -> None:
        self.stream = stream
        self.total = total
        self.done = 0
        self.enabled = stream.isatty() if enabled is None else enabled
        self.last = 0.0
        self.shown = False

    def step(self, count: int = 1) -> None:
        """Count finished projects; redraw at most ten times a second."""
        self.done += count
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.last < 0.1 and self.done < self.total:
            return
        self.last = now
        width = 30
        filled = width * self.done // self.total if self.total else width
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] "
                          f"{self.done}/{self.total} projects")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        """Erase the bar before other output."""
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.shown = False


class Table:
    """Aligned columns, streamed: widths come from the first rows, later rows follow them."""

    def __init__(self, stream: TextIO, headers: Sequence[str], buffer: int = 200) -> None:
        self.stream = stream
        self.headers = tuple(headers)
        self.buffer = buffer
        self.pending: list[tuple[str, ...]] = []
        self.widths: list[int] | None = None
        self.rows = 0

    def add(self, row: Sequence[str]) -> None:
        """Add a row (written at once when the widths are known)."""
        self.rows += 1
        if self.widths is None:
            self.pending.append(tuple(row))
            if len(self.pending) >= self.buffer:
                self.flush()
        else:
            self._write(tuple(row))

    def flush(self) -> None:
        """Fix the widths and write what is buffered (and the header)."""
        if self.widths is None:
            if not self.pending:
                return
            self.widths = [max(len(h), *(len(r[i]) for r in self.pending))
                           for i, h in enumerate(self.headers)]
            self._write(self.headers)
        for row in self.pending:
            self._write(row)
        self.pending = []

    def _write(self, row: tuple[str, ...]) -> None:
        assert self.widths is not None
        cells = [cell.ljust(width) for cell, width in zip(row[:-1], self.widths)] + [row[-1]]
        self.stream.write("  ".join(cells).rstrip() + "\n")


@dataclass
class Totals:
    """Counts for the summary."""

    projects: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    files: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    reasons: dict[str, int] = field(default_factory=dict)
    repos: dict[str, dict[str, int]] = field(default_factory=dict)
    failed_repos: dict[str, str] = field(default_factory=dict)


class Reporter:
    """Renders a bulk run: per-file lines, the --check table, the --dry-run diff, the summary."""

    def __init__(self, out: TextIO, err: TextIO, options: BulkOptions, total: int,
                 multi: bool, progress: bool | None = None) -> None:
        self.out = out
        self.err = err
        self.options = options
        self.multi = multi
        self.totals = Totals()
        self.progress = Progress(err, total, progress)
        # --dry-run keeps stdout a clean patch; everything else goes to stderr then.
        self.text = err if options.diff else out
        self.table = Table(self.text, ("PROJECT", "FILE", "HAS", "WANTS", "RULE")) \
            if options.check else None
        self.notes: list[str] = []  # --check: skipped and failed lines, shown after the table

    def add(self, result: ProjectResult) -> None:
        """Account for and show one project's result."""
        totals = self.totals
        if result.repo_failed:
            totals.failed_repos[result.repo] = result.message
            self._note("failed", result.repo, result.message)
            return
        repo = totals.repos.setdefault(result.repo, dict.fromkeys(STATUSES, 0))
        repo[result.status] += 1
        totals.projects[result.status] += 1
        if not result.rows and result.status == SKIPPED:
            totals.reasons[result.reason] = totals.reasons.get(result.reason, 0) + 1
            self._note("skipped", result.project, result.message)
        elif not result.rows and result.status == FAILED:
            self._note("failed", result.project, result.message)
        for status, count in result.counts().items():
            totals.files[status] += count
        for row in result.rows:
            self._row(result, row)
        self.progress.step()

    def _row(self, result: ProjectResult, row: Row) -> None:
        kind = _file_status(row.status)
        if kind == SKIPPED:
            self.totals.reasons[row.reason] = self.totals.reasons.get(row.reason, 0) + 1
            self._note("skipped", row.file, row.message)
            return
        if kind == FAILED:
            self._note("failed", row.file, row.message)
            return
        if kind == UNCHANGED:
            return
        if self.options.diff and row.diff:
            self.progress.clear()
            self.out.write(row.diff)
        if self.table is not None:
            self.progress.clear()
            file = os.path.relpath(row.file, result.project) if result.project != "." else row.file
            self.table.add((result.project, file, row.has, row.wants, row.rule))
        elif not self.options.diff:
            verb = row.status
            self._say(f"{verb} {row.file}" + (f": {row.message}" if row.message else ""))

    def _note(self, verb: str, what: str, message: str) -> None:
        """``skipped PATH: why`` (the message names the path itself when it starts with it)."""
        line = f"{verb} {message}" if message.startswith(what + ":") else \
            f"{verb} {what}: {message}"
        if self.table is not None:
            self.notes.append(line)  # after the table, so that the table stays one block
        else:
            self._say(line)

    def _say(self, line: str) -> None:
        self.progress.clear()
        self.text.write(line + "\n")

    def finish(self) -> None:
        """Flush the table, then the deferred notes, then write the summary."""
        self.progress.clear()
        if self.table is not None:
            self.table.flush()
            if self.table.rows and self.notes:
                self.text.write("\n")
            for line in self.notes:
                self.text.write(line + "\n")
        self.text.write(self.summary())

    @property
    def failed(self) -> bool:
        """Did any repository, project or file fail or get skipped for a reason other than policy?"""
        totals = self.totals
        bad_reasons = {r for r in totals.reasons if r not in ("uncovered",)}
        return bool(totals.failed_repos or totals.projects[FAILED] or totals.files[FAILED]
                    or bad_reasons)

    @property
    def drift(self) -> bool:
        """Would anything change?"""
        return self.totals.files[CHANGED] > 0

    def summary(self) -> str:
        """The summary table (projects and files by outcome, skip reasons, repositories)."""
        totals = self.totals
        verb = "would change" if (self.options.check or self.options.diff) else "changed"
        names = {CHANGED: verb, UNCHANGED: "unchanged", SKIPPED: "skipped", FAILED: "failed"}
        count = sum(totals.projects.values())
        repos = len(totals.repos) + len(totals.failed_repos)
        lines = [f"summary: {count} project{'s' if count != 1 else ''} in {repos} "
                 f"repositor{'ies' if repos != 1 else 'y'}"]
        width = max(len(n) for n in names.values())
        lines.append(f"  {'':<{width}}  {'projects':>8}  {'files':>6}")
        for status in STATUSES:
            line = (f"  {names[status]:<{width}}  {totals.projects[status]:>8}  "
                    f"{totals.files[status]:>6}")
            if status == SKIPPED and totals.reasons:
                line += "  " + ", ".join(f"{_SKIP_REASONS.get(r, r)}: {n}"
                                         for r, n in sorted(totals.reasons.items()))
            lines.append(line)
        if totals.failed_repos:
            count = len(totals.failed_repos)
            lines.append(f"  {count} repositor{'ies' if count != 1 else 'y'} could not be processed")
        if self.multi:
            lines.append("")
            table_rows = [(name, *(str(c[s]) for s in STATUSES), "ok")
                          for name, c in totals.repos.items()]
            table_rows += [(name, "0", "0", "0", "0",
                            "failed: " + message.removeprefix(name + ": "))
                           for name, message in totals.failed_repos.items()]
            headers = ("REPOSITORY", names[CHANGED].upper(), "UNCHANGED", "SKIPPED", "FAILED",
                       "STATUS")
            widths = [max(len(h), *(len(r[i]) for r in table_rows)) for i, h in enumerate(headers)]
            for row in (headers, *table_rows):
                lines.append("  " + "  ".join(c.ljust(w) for c, w in zip(row[:-1], widths))
                             + "  " + row[-1])
        return "\n".join(lines) + "\n"


def execute(plans: Sequence[RepoPlan], options: BulkOptions, out: TextIO | None = None,
            err: TextIO | None = None, progress: bool | None = None) -> Reporter:
    """Run and report; the returned reporter says whether anything drifted or failed."""
    stdout = out if out is not None else sys.stdout
    stderr = err if err is not None else sys.stderr
    total = sum(len(p.projects) + len(p.missing) for p in plans)
    multi = len(plans) > 1
    reporter = Reporter(stdout, stderr, options, total, multi, progress)
    for result in run(plans, options):
        reporter.add(result)
    reporter.finish()
    return reporter


def iter_results(plans: Iterable[RepoPlan], options: BulkOptions) -> Iterator[ProjectResult]:
    """:func:`run` for callers holding an iterable (tests, other commands)."""
    return run(list(plans), options)


# ----------------------------------------------------------------------------- command


def is_preset_ref(arg: str, paths: Sequence[Path] = ()) -> bool:
    """Is ``apply``'s first argument a preset (rather than the first PATH of a policy run)?

    A ``.yaml``/``.yml`` path or a known preset name is a preset; an existing file or folder
    is a path; anything else is taken as a preset name (so a typo gets "unknown preset").
    """
    if arg.endswith((".yaml", ".yml")):
        return True
    from claude_tiers.presets import available

    start = paths[0] if paths and paths[0].is_dir() else Path.cwd()
    if arg in available(start):
        return True
    return not os.path.lexists(arg)


def main(paths: Sequence[Path], *, repos_file: Path | None = None,
         policy_file: Path | None = None, scope: str = "project", check: bool = False,
         dry_run: bool = False, agents: bool = True, jobs: int | None = None,
         out: TextIO | None = None, err: TextIO | None = None,
         progress: bool | None = None) -> int:
    """``claude-tiers apply`` without a preset; returns the exit code.

    Raises UserError/ConfigError (exit 2) when a single repository has no policy or a bad one;
    with several repositories those are reported per repository and the run goes on.
    """
    if scope != "project":
        raise UserError("--scope is for applying one preset; a policy run brings each project's "
                        ".claude/settings.json (and its agents) to the policy")
    repos = read_repos_file(repos_file) if repos_file is not None else []
    targets = list(paths) or ([] if repos else [Path(".")])
    plans = plan_repos(targets, repos, policy_file)
    if len(plans) == 1 and repos_file is None and plans[0].exc is not None:
        exc = plans[0].exc
        if isinstance(exc, NoPolicy):
            raise UserError(f"no PRESET given and no tier policy for {plans[0].name}: name a preset "
                            "(claude-tiers presets list), write a claude-tiers.yaml with default "
                            "and projects rules (claude-tiers init), or pass --policy FILE")
        raise exc
    options = BulkOptions(write=not (check or dry_run), check=check, diff=dry_run,
                          agents=agents, jobs=jobs)
    reporter = execute(plans, options, out, err, progress)
    if reporter.failed or (check and reporter.drift):
        return 1
    return 0
