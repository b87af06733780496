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
* **Reporting** (:class:`Reporter`): changed files as they come, with what apply notes about
  them (``note:`` lines, once per file: problems a file already had, files Claude Code never
  reads), the drift table of ``--check`` (its notes after it), the combined diff of
  ``--dry-run``, a progress bar on a terminal, and the summary table. Models are labelled
  with the policy's tiers (its remaps applied) in every line.

Files are never rewritten when they are invalid (the lint diagnostic is shown), changed on
disk since they were read, or linked outside the repository; those are reported as skipped.
"""

from __future__ import annotations

import dataclasses
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence, TextIO

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
    outside: list[str] = field(default_factory=list)  # project folders linking out of the root
    imposed: bool = False  # the policy is --policy's (the RULE column names its file)


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
    notes: tuple[str, ...] = ()  # what apply noted about the file (problems it already had)


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
    notes: list[str] = field(default_factory=list)  # about the project (files never read...)

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
    """The repository a path belongs to: the folder of the nearest configuration that sets a
    tier policy, else the nearest folder with ``.git``.

    A nested configuration with lint settings only does not count (it does not hide the
    policy above it). With an imposed policy (``--policy``) the repository's own configuration
    does not count either: only ``.git`` marks it.
    """
    from claude_tiers.config import find_policy_config

    here = Path(os.path.abspath(path))
    if not here.is_dir():
        here = here.parent
    if not imposed:
        found = find_policy_config(here)
        if found is not None:
            return found.parent
    return _git_root(here)


def _git_root(here: Path) -> Path | None:
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
            errors[absolute] = f"{repo}: " + ("not a directory" if os.path.lexists(absolute)
                                              else "no such directory")
            continue
        add(absolute, None)
    for path in paths:
        absolute = Path(os.path.abspath(path))
        if not os.path.lexists(absolute):
            raise UserError(f"no such file or directory: {path}")
        try:
            root = repository_of(absolute, imposed)
        except TiersError as exc:  # a broken configuration on the way: that repository fails
            root = _git_root(absolute if absolute.is_dir() else absolute.parent)
            root = root or (absolute if absolute.is_dir() else absolute.parent)
            errors.setdefault(root, str(exc))
            add(root, None)
            continue
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
                        only=tuple(sorted(only)) if only is not None else None,
                        imposed=imposed)
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
        except RecursionError:  # a last resort: one repository never aborts the others
            deep = ConfigError(f"{plan.name}: its configuration is nested too deeply")
            plan.error, plan.exc = str(deep), deep
    return plans


def _load_policy(root: Path, imposed: object) -> Policy | None:
    from claude_tiers.config import Config
    from claude_tiers.policy import Policy, load_policy

    if isinstance(imposed, Config):
        return Policy.from_config(imposed, root)
    return load_policy(root)


def _find_projects(plan: RepoPlan) -> None:
    """Fill ``plan.projects``: discovered folders with ``.claude/`` plus folders rules name.

    A PATH narrows the run: to the projects at or below it, else to the project it lies in
    (``svc/a/src`` means ``svc/a``), else to the folder itself when a ``projects`` rule
    matches it (its settings are created). A PATH that selects nothing is a UserError.
    """
    from claude_tiers.commands.apply import display_path
    from claude_tiers.discover import project_folders
    from claude_tiers.policy import normalize

    assert plan.policy is not None
    root = plan.root
    found = {normalize(rel) for rel in project_folders(root)}
    for name in plan.policy.named_projects():
        if (root / name).is_dir() or name == ".":
            found.add(name)
        else:
            plan.missing.append(name)
    outside = _linked_out(root)
    if plan.only is not None:
        selected: set[str] = set()
        for wanted in plan.only:
            below = {p for p in found if _within(p, wanted)}
            links = [o for o in outside if _within(o, wanted) or _within(wanted, o)]
            owner = max((p for p in found if _within(wanted, p)), key=len, default=None)
            missing = [m for m in plan.missing if _within(m, wanted)]
            if below:
                selected |= below
            elif owner is not None:
                selected.add(owner)  # a folder or file inside a project: that project
            elif (root / wanted).is_dir() and plan.policy.match(wanted) is not None:
                selected.add(normalize(wanted))  # a rule covers it: a project, created
            elif not links and not missing:
                raise UserError(f"{display_path(root / wanted)}: no project there (no folder "
                                "with .claude/ at, below or above it, and no projects rule "
                                "matches it)")
        found = selected
        plan.missing = [m for m in plan.missing if any(_within(m, o) for o in plan.only)]
        outside = [o for o in outside if any(_within(o, w) or _within(w, o) for w in plan.only)]
    plan.outside = outside
    plan.projects = sorted(found, key=lambda p: (p != ".", p))


def _linked_out(root: Path) -> list[str]:
    """Folders holding a ``.claude/`` that are symlinks leading out of ``root`` (reported, never
    followed: discovery does not enter them)."""
    from claude_tiers.discover import EXCLUDED_DIRS, is_inside
    from claude_tiers.policy import normalize

    out = []
    for folder, dirs, _ in os.walk(root):
        keep = []
        for name in dirs:
            path = os.path.join(folder, name)
            if os.path.islink(path):
                if not is_inside(path, root) and os.path.isdir(os.path.join(path, ".claude")):
                    out.append(normalize(os.path.relpath(path, root)))
            elif name not in EXCLUDED_DIRS and name != ".claude":
                keep.append(name)
        dirs[:] = keep
    return sorted(out)


def _within(path: str, folder: str) -> bool:
    return folder in (".", "") or path == folder or path.startswith(folder.rstrip("/") + "/")


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
    outside: tuple[str, ...] = ()
    imposed: bool = False


def vet_settings(doc: Document, shown: str) -> str | None:
    """The lint diagnostic when Claude Code would drop this settings file, else None."""
    from claude_tiers.lint.base import SETTINGS, LintContext
    from claude_tiers.lint.engine import check

    ctx = LintContext(path=shown, display=shown, kind=SETTINGS, doc=doc)
    for found in check(ctx, _gate()):
        if found.severity == "error":
            return _render_finding(found)
    return None


def _render_finding(found: object) -> str:
    f: Any = found
    return f"{f.path}:{f.line}:{f.column}: {f.code} [error] {f.message} ({f.name})"


MAX_DIAGNOSE_BYTES = 4_000_000
_CODED = re.compile(r":\d+:\d+: CT\d{3} \[")


def diagnose(path: Path, shown: str, kind: str, message: str) -> str:
    """An "invalid file" message as the lint diagnostic (``CT001 [error] ... (invalid-json)``),
    so every skip carries its code; ``message`` itself when lint finds nothing or the file is
    not a regular file (a FIFO is never opened)."""
    import stat

    from claude_tiers.lint.engine import lint_text

    if _CODED.search(message):
        return message
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_DIAGNOSE_BYTES:
            return message
        raw = path.read_bytes()
    except OSError:
        return message
    select = list(GATE) + (["CT009"] if kind != "settings" else [])
    try:
        found = lint_text(raw, kind=kind, filename=shown, select=select)
    except Exception:  # noqa: BLE001 - the diagnosis is an improvement, never a new failure
        return message
    first = next((f for f in found if f.severity == "error"), None)
    if first is None:
        return message
    tail = "; left untouched" if message.endswith("; left untouched") else ""
    return _render_finding(first) + tail


_GATE_SELECTION: Selection | None = None


def _gate() -> Selection:
    global _GATE_SELECTION
    if _GATE_SELECTION is None:
        from claude_tiers.lint.selection import Selection

        _GATE_SELECTION = Selection.build(select=list(GATE))
    return _GATE_SELECTION


def _not_regular(path: Path) -> bool:
    """A settings path that exists but is no regular file (a FIFO, a device, a folder)."""
    import stat

    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except FileNotFoundError:
        return False
    except OSError:
        return True


def _outside(path: Path, root: Path) -> bool:
    from claude_tiers.discover import is_inside

    return not is_inside(path, root)


def _split_change(phrase: str) -> tuple[str, str]:
    """``model a -> b`` -> (``model a``, ``model b``); ``removed k`` -> (``k``, ``(removed)``).

    Only for phrases that could not be turned into rows from the data (see :func:`_data_rows`).
    """
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


def _rule_label(rule: Rule | None, source: str = "") -> str:
    """The RULE cell of an agent or command row (``source``: the policy file, when imposed)."""
    if rule is None:
        return ""
    if rule.preset.startswith("policy preset "):
        origin = rule.preset[len("policy "):]
    elif rule.preset.startswith("policy "):
        origin = rule.preset[len("policy "):]
        origin = f"{source} {origin}" if source else origin
    else:
        origin = f"preset {rule.preset}"
    text = f"{origin} '{rule.match}'"
    return text + (f" ({rule.reason})" if rule.reason else "")


def _decision_label(decision: Decision, source: str = "") -> str:
    text = decision.rule or "no rule"
    text = f"{source} {text}" if source else text
    return text + (f" ({decision.reason})" if decision.reason else "")


_MISSING: Any = object()
_MODEL_KEY = re.compile(r"(?:^|\.)(?:model|advisorModel|[A-Z0-9_]*_MODEL)$")
_TIER_SUFFIX = re.compile(r" \(tier \d+\)$")


def _leaf_changes(old: Any, new: Any, key: str = "") -> Iterator[tuple[str, Any, Any]]:
    """(dotted key, before, after) of every changed value; objects are descended into (a
    missing side is :data:`_MISSING`), so each key gets its own row."""
    from claude_tiers.jsonio import same

    if isinstance(old, dict) and isinstance(new, dict):
        for name in new:
            yield from _leaf_changes(old.get(name, _MISSING), new[name], _join(key, name))
        for name in old:
            if name not in new:
                yield from _leaf_changes(old[name], _MISSING, _join(key, name))
        return
    if old is _MISSING and isinstance(new, dict) and new:
        yield from _leaf_changes({}, new, key)
        return
    if new is _MISSING and isinstance(old, dict) and old:
        yield from _leaf_changes(old, {}, key)
        return
    if old is _MISSING or new is _MISSING or not same(old, new):
        yield key, old, new


def _join(key: str, name: str) -> str:
    return f"{key}.{name}" if key else name


def _cell(key: str, value: Any, decision: Decision, tier: int | None = None) -> str:
    """``key value`` for the table: models labelled with the policy's tiers, secrets masked,
    long values cut."""
    import json

    from claude_tiers.redact import MASK, looks_secret_name, looks_secret_value

    if value is _MISSING:
        return f"{key} (unset)"
    last = key.rsplit(".", 1)[-1]
    if isinstance(value, str):
        if _MODEL_KEY.search(key):
            shown = decision.label(value, tier)
        elif looks_secret_name(last) or looks_secret_value(value):
            shown = MASK
        else:
            shown = value
    else:
        shown = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
        if looks_secret_name(last):
            shown = MASK
    shown = shown.replace("\n", " ").replace("\t", " ")
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return f"{key} {shown}"


def _data_rows(path: Path, outcome: Outcome, preset: Preset, decision: Decision, rule: str
               ) -> list[Row] | None:
    """--check rows of a settings file from its data: one row per changed key, HAS showing
    the value there now (a removed key too). None when the file cannot be read again."""
    from claude_tiers import jsonio
    from claude_tiers.apply import plan_settings
    from claude_tiers.errors import DocumentError

    old: Any = {}
    try:
        if os.path.lexists(path):
            old = jsonio.load(path, outcome.path, tolerant=True).data
    except (DocumentError, OSError):
        return None
    if not isinstance(old, dict):
        return None
    new = plan_settings(old, preset)
    rows: list[Row] = []
    for key, before, after in _leaf_changes(old, new):
        tier = decision.tier if key == "model" and after == decision.model \
            and isinstance(decision.tier, int) else None
        wants = "(removed)" if after is _MISSING else _cell(key, after, decision, tier)
        rows.append(Row(outcome.path, outcome.status, _cell(key, before, decision), wants, rule,
                        f"{key} changes", notes=() if rows else tuple(outcome.notes)))
    return rows or None


def _frontmatter_row(outcome: Outcome, phrase: str, matched: Rule | None, decision: Decision,
                     numbers: dict[tuple[str, str], int | None], rule: str) -> Row:
    """The --check row of an agent or command file: its model now and the rule's, labelled
    with the policy's tiers."""
    has, wants = _split_change(phrase)
    if matched is not None and phrase.startswith("model ") and " -> " in phrase:
        old = _TIER_SUFFIX.sub("", phrase[len("model "):].partition(" -> ")[0])
        has = "model (unset)" if old == "(unset)" else f"model {decision.label(old)}"
        number = numbers.get((matched.preset, matched.match))
        wants = f"model {decision.label(matched.model, number)}"
    return Row(outcome.path, outcome.status, has, wants, rule, phrase, notes=tuple(outcome.notes))


def _policy_label(decision: Decision, numbers: dict[tuple[str, str], int | None]
                  ) -> Callable[[Any, Rule | None], str]:
    """How a policy run's change phrases name a model: with the policy's tiers (its remaps,
    the tier the deciding rule asked for), as the --check table does."""
    from claude_tiers.apply import model_label

    def label(value: Any, rule: Rule | None = None) -> str:
        if value is not None and not isinstance(value, str):
            return model_label(value)
        tier: int | None = None
        if rule is not None:
            tier = numbers.get((rule.preset, rule.match)) if value == rule.model else None
        elif value == decision.model and isinstance(decision.tier, int):
            tier = decision.tier
        return decision.label(value, tier)

    return label


def _rows(outcome: Outcome, rule: str, options: BulkOptions, strip: str = "") -> list[Row]:
    notes = tuple(outcome.notes)
    if outcome.status == "note":
        return []
    if outcome.status == "error":
        status = SKIPPED if outcome.skip else FAILED
        return [Row(outcome.path, status, rule=rule, message=outcome.error, reason=outcome.skip,
                    notes=notes)]
    if outcome.status == "unchanged":
        return [Row(outcome.path, "unchanged", rule=rule, notes=notes)]
    diff = outcome.diff if options.diff else ""
    if not options.check:
        return [Row(outcome.path, outcome.status, rule=rule,
                    message="; ".join(outcome.changes), diff=diff, notes=notes)]
    rows = []
    for i, phrase in enumerate(outcome.changes or ["(file created)"]):
        if strip and phrase.endswith(strip):
            phrase = phrase[: -len(strip)]
        has, wants = _split_change(phrase)
        rows.append(Row(outcome.path, outcome.status, has, wants, rule, phrase,
                        diff if i == 0 else "", notes=notes if i == 0 else ()))
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
    from claude_tiers.commands.apply import (Options, Outcome, never_read_notes,
                                             apply_frontmatter, apply_settings, display_path)

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
    numbers = {(f"policy {r.origin}", r.match): r.number
               for r in (*decision.agent_rules, *decision.command_rules)}
    apply_options = Options(scope="project", write=options.write and not (options.check or
                                                                          options.diff),
                            agents=options.agents, tier_overrides=policy.overrides or None,
                            root=root, vet=vet_settings, diff=options.diff,
                            label=_policy_label(decision, numbers))
    source = policy.source if task.imposed else ""
    rule = _decision_label(decision, source)
    settings = claude / "settings.json"
    if _not_regular(settings):  # never opened: a FIFO would block the run
        shown_settings = display_path(settings)
        outcome = Outcome(shown_settings, "error", skip="invalid",
                          error=f"{shown_settings}: not a regular file (a FIFO, device or "
                                "folder); not read, not written")
    else:
        outcome = apply_settings(settings, preset, apply_options, root)
    if outcome.status == "error" and outcome.skip == "invalid":
        outcome = dataclasses.replace(outcome, error=diagnose(settings, outcome.path, "settings",
                                                              outcome.error))
    rows = (_data_rows(settings, outcome, preset, decision, rule)
            if options.check and outcome.status == "pending" else None) \
        or _rows(outcome, rule, options)
    project_notes = [n.error for n in never_read_notes(folder)]
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

            for found in apply_frontmatter(claude / kind, rule_for, tiers, apply_options, root,
                                           by_name=by_name):
                matched = last[0]
                strip = f" ({matched.reason})" if matched is not None and matched.reason else ""
                label = _rule_label(matched, source)
                if found.status == "error" and found.skip == "invalid":
                    found = dataclasses.replace(found, error=diagnose(
                        Path(found.path), found.path, kind[:-1], found.error))
                if options.check and found.status == "pending" and len(found.changes) == 1:
                    phrase = found.changes[0]
                    phrase = phrase[:-len(strip)] if strip and phrase.endswith(strip) else phrase
                    rows.append(_frontmatter_row(found, phrase, matched, decision, numbers,
                                                 label))
                else:
                    rows.extend(_rows(found, label, options, strip))
    statuses = {_file_status(r.status) for r in rows}
    status = next((s for s in (FAILED, SKIPPED, CHANGED) if s in statuses), UNCHANGED)
    return ProjectResult(task.repo, shown, status, rows, notes=project_notes)


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
    out += [ProjectResult(task.repo, _missing_shown(task, o), SKIPPED, reason="outside",
                          message=f"{_missing_shown(task, o)}: links outside the repository "
                                  f"({os.path.realpath(task.root / o)}); not followed, not "
                                  "written")
            for o in task.outside]
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
        missing, outside = tuple(plan.missing), tuple(plan.outside)
        projects = plan.projects
        if not projects and (missing or outside):
            yield _Task(plan.name, plan.root, plan.policy, "", (), missing, options, outside,
                        plan.imposed)
        for start in range(0, len(projects), CHUNK):
            first = start == 0
            yield _Task(plan.name, plan.root, plan.policy, "",
                        tuple(projects[start:start + CHUNK]), missing if first else (),
                        options, outside if first else (), plan.imposed)


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
    from claude_tiers.lint.engine import ForkPool

    with ForkPool(jobs, _init_worker) as pool:
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


class Spool:
    """Lines kept in a temporary file, not in memory, until they are written out in order."""

    def __init__(self) -> None:
        self.file: Any = None
        self.count = 0

    def add(self, line: str) -> None:
        """Keep one line (newlines in it become spaces)."""
        if self.file is None:
            import tempfile

            self.file = tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n")
        self.file.write(line.replace("\n", " ").replace("\r", " ") + "\n")
        self.count += 1

    def lines(self) -> Iterator[str]:
        """Every line kept, in order (then the file is gone)."""
        if self.file is None:
            return
        self.file.seek(0)
        for line in self.file:
            yield line[:-1]
        self.file.close()
        self.file = None


class Table:
    """Aligned columns: rows are spooled to a temporary file while the widths grow, and the
    table is written once complete, so every row lines up and memory stays flat."""

    def __init__(self, stream: TextIO, headers: Sequence[str]) -> None:
        self.stream = stream
        self.headers = tuple(headers)
        self.widths = [len(h) for h in self.headers]
        self.spool = Spool()
        self.rows = 0

    def add(self, row: Sequence[str]) -> None:
        """Add a row (cells must not hold tabs or newlines: they become spaces)."""
        cells = [c.replace("\t", " ").replace("\n", " ") for c in row]
        self.rows += 1
        self.widths = [max(w, len(c)) for w, c in zip(self.widths, cells)]
        self.spool.add("\t".join(cells))

    def flush(self) -> None:
        """Write the header and every row, aligned."""
        if not self.rows:
            return
        self._write(self.headers)
        for line in self.spool.lines():
            self._write(tuple(line.split("\t")))
        self.rows = 0

    def _write(self, row: tuple[str, ...]) -> None:
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
        self.notes = Spool()  # --check: skipped and failed lines, shown after the table

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
        for note in result.notes:
            self._remark(note)
        for row in result.rows:
            self._row(result, row)
        self.progress.step()

    def _remark(self, note: str) -> None:
        """``note: ...`` (after the table in --check runs)."""
        if self.table is not None:
            self.notes.add(f"note: {note}")
        else:
            self._say(f"note: {note}")

    def _row(self, result: ProjectResult, row: Row) -> None:
        for note in row.notes:
            self._remark(note)
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
            self.notes.add(line)  # after the table, so that the table stays one block
        else:
            self._say(line)

    def _say(self, line: str) -> None:
        self.progress.clear()
        self.text.write(line + "\n")

    def finish(self) -> None:
        """Flush the table, then the deferred notes, then write the summary."""
        self.progress.clear()
        if self.table is not None:
            rows = self.table.rows
            self.table.flush()
            if rows and self.notes.count:
                self.text.write("\n")
            for line in self.notes.lines():
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
    total = sum(len(p.projects) + len(p.missing) + len(p.outside) for p in plans)
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

    A ``.yaml``/``.yml`` path or a known preset name is a preset; an existing file or folder,
    or anything with a ``/``, is a path; any other word is taken as a preset name (so a typo
    gets "unknown preset").
    """
    if arg.endswith((".yaml", ".yml")):
        return True
    from claude_tiers.presets import available

    start = paths[0] if paths and paths[0].is_dir() else Path.cwd()
    if arg in available(start):
        return True
    if "/" in arg or os.sep in arg:
        return False  # a path (missing, so the policy run says "no such file or directory")
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
