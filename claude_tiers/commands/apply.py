"""``claude-tiers apply PRESET [PATH ...]``: the file side of applying a preset.

Reads each target, plans the change with :mod:`claude_tiers.apply`, and writes only
what changed, atomically. Every target yields :class:`Outcome` records; nothing here
prints, so the CLI and bulk runs render them as they need.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Mapping

from claude_tiers import frontmatter, jsonio
from claude_tiers.apply import describe_changes, model_label, plan_settings, tier_models, \
    unified_diff
from claude_tiers.errors import ConcurrentModification, DocumentError, TiersError
from claude_tiers.presets import Preset, Rule
from claude_tiers.jsonio import JSON, printable, split_pointer
from claude_tiers.redact import secrets_in
from claude_tiers.schema import DROP_FILE, SKIP_ENTRY, SchemaIssue, validate
from claude_tiers.scopes import settings_file, user_config_dir


@dataclass
class Outcome:
    """What happened (or would happen) to one file."""

    path: str  # as shown to the user
    status: str  # "updated", "created", "unchanged", "pending" (dry run / check), "error"
    changes: list[str] = field(default_factory=list)
    diff: str = ""
    error: str = ""
    skip: str = ""  # why an "error" file was left alone: "invalid", "outside", "changed" ("" = failed)
    new_file: bool = False  # a "pending" change would create the file
    notes: list[str] = field(default_factory=list)  # e.g. problems the file had before

    @property
    def changed(self) -> bool:
        """Did (or would) the file change?"""
        return self.status in ("updated", "created", "pending")


@dataclass(frozen=True)
class Options:
    """How to apply: which scope, whether to write, whether to touch frontmatter."""

    scope: str = "project"
    write: bool = True
    agents: bool = True
    tier_overrides: Mapping[int, str] | None = None
    root: Path | None = None  # nothing outside it is written (symlinks are not followed out)
    # Optional gate on a parsed settings file: a diagnostic means "invalid, leave it alone"
    # (bulk apply passes the lint rules that say Claude Code drops the file).
    vet: Callable[[jsonio.Document, str], str | None] | None = None
    diff: bool = True  # compute Outcome.diff (bulk --check only needs the change phrases)
    # How change phrases name a model: (value, the frontmatter rule that sets it or None) ->
    # "claude-sonnet-4-6 (tier 1)". None: the catalog's tiers with ``tier_overrides``; a policy
    # run passes the policy's numbering.
    label: Callable[[JSON, Rule | None], str] | None = None

    def model_label(self, value: JSON, rule: Rule | None = None) -> str:
        """``value`` named for a change phrase (see ``label``)."""
        if self.label is not None:
            return self.label(value, rule)
        return model_label(value, self.tier_overrides)


def display_path(path: Path, base: Path | None = None) -> str:
    """``path`` relative to ``base`` (default: the working directory) when below it."""
    try:
        return os.path.relpath(path, base or Path.cwd()) if not str(path).startswith("~") else str(path)
    except ValueError:
        return str(path)


def resolve_target(path: Path, scope: str) -> tuple[Path, Path | None]:
    """(settings file, ``.claude`` folder whose agents/commands to edit) for a PATH argument.

    A ``.claude`` folder given as PATH stands for its project (``apply P .claude`` edits
    ``.claude/settings.json``, never ``.claude/.claude/settings.json``).
    """
    if path.is_dir():
        project = project_of(path)
        settings = settings_file(project, scope)
        if scope == "local":
            settings = local_settings_file(project)
        return settings, settings.parent
    if path.exists() or path.suffix == ".json":
        parent = path.parent
        return path, parent if parent.name == ".claude" else None
    raise DocumentError(str(path), "missing", "no such file or directory")


def project_of(path: Path) -> Path:
    """The project directory a PATH names (a ``.claude`` folder's parent, else PATH itself)."""
    return path.parent if path.name == ".claude" else path


def git_root(start: Path) -> Path | None:
    """The top of the git work tree containing ``start`` (a ``.git`` folder or file), or None."""
    here = Path(os.path.abspath(start))
    for directory in (here, *here.parents):
        if os.path.lexists(directory / ".git"):
            return directory
    return None


def local_settings_file(project: Path) -> Path:
    """The ``settings.local.json`` Claude Code reads for a project started in ``project``.

    Since Claude Code 2.1.211 it reads and writes the local file at the git root, even when
    started in a subdirectory (facts file 1.1; observed with 2.1.330: started in ``svc`` it
    used the root's file, whose keys win over an old ``svc/.claude/settings.local.json``).
    So ``apply --scope local`` targets the root's file, except where Claude Code keeps the
    starting folder's: outside a repository, a repository rooted at the home folder, or one
    owned by someone else.
    """
    local = settings_file(project, "local")
    root = git_root(project)
    if root is None or root == Path(os.path.abspath(project)):
        return local
    home = Path(os.path.expanduser("~"))
    try:
        if root == home or root.resolve() == home.resolve():
            return local
        if hasattr(os, "getuid") and root.stat().st_uid != os.getuid():
            return local
    except OSError:
        return local
    return settings_file(root, "local")


def _outside(path: Path, root: Path | None) -> bool:
    from claude_tiers.discover import is_inside

    return root is not None and not is_inside(path, root)


def apply_to(path: Path, preset: Preset, options: Options) -> Iterator[Outcome]:
    """Apply ``preset`` to one project directory or settings file; one Outcome per file.

    Never raises for a file problem: each one becomes an ``error`` Outcome and the other
    files of the target are still processed.
    """
    try:
        settings, claude_dir = resolve_target(path, options.scope)
    except TiersError as exc:
        yield Outcome(display_path(path), "error", error=str(exc))
        return
    project = project_of(path) if path.is_dir() else None
    root: Path | None
    if project is not None and options.scope == "local" and \
            settings != settings_file(project, "local"):
        # Claude Code reads the local file at the git root: that is the one to change.
        root = options.root or settings.parent.parent
        claude_dir = settings_file(project, "local").parent
        shown = display_path(settings)
        yield Outcome(shown, "note", error=f"{display_path(project)} is inside the git repository "
                      f"at {display_path(settings.parent.parent)}; Claude Code (2.1.211 and "
                      f"later) reads the local settings there, so {shown} is the file changed")
    else:
        root = options.root or (project if project is not None and options.scope != "user"
                                else None)
    yield apply_settings(settings, preset, options, root)
    if project is not None:
        yield from never_read_notes(project)
    if options.agents and claude_dir is not None and (preset.agents or preset.commands):
        tiers = tier_models(options.tier_overrides)
        if preset.agents:
            yield from apply_frontmatter(claude_dir / "agents", preset.agent_rule, tiers,
                                         options, root, by_name=True)
        if preset.commands:
            yield from apply_frontmatter(claude_dir / "commands", preset.command_rule, tiers,
                                         options, root, by_name=False)


NEVER_READ = ("claude_settings.json", ".claude/settings.jsonc", ".claude/claude_settings.json")


def never_read_notes(project: Path) -> Iterator[Outcome]:
    """Point out settings files Claude Code never reads (popular advice creates them)."""
    for name in NEVER_READ:
        candidate = project / name
        if candidate.is_file():
            shown = display_path(candidate)
            yield Outcome(shown, "note", error=f"{shown} is never read by Claude Code; its keys "
                          "belong in .claude/settings.json (claude-tiers lint --fix --unsafe-fixes "
                          "merges them)")


def _file_scope(settings: Path, scope: str) -> str:
    """The kind of settings file (for the scope rules of the schema)."""
    if settings.name == "settings.local.json":
        return "local"
    if scope == "user" or settings.parent == user_config_dir():
        return "user"
    return "project"


_CONSEQUENCE = {DROP_FILE: "Claude Code would ignore the whole file",
                SKIP_ENTRY: "Claude Code would skip that entry"}


def _check_result(old: dict[str, JSON] | None, new: dict[str, JSON], scope: str
                  ) -> tuple[list[SchemaIssue], list[SchemaIssue]]:
    """(issues the preset would introduce, issues the file already had and keeps).

    Only what makes Claude Code drop the file or skip an entry counts.
    """
    def issues(data: dict[str, JSON]) -> list[SchemaIssue]:
        return [i for i in validate(data, scope=scope) if i.consequence in _CONSEQUENCE]

    before = {(i.pointer, i.message) for i in issues(old)} if old is not None else set()
    after = issues(new)
    introduced = [i for i in after if (i.pointer, i.message) not in before]
    kept = [i for i in after if (i.pointer, i.message) in before]
    return introduced, kept


def _issue_text(issue: SchemaIssue) -> str:
    where = ".".join(split_pointer(issue.pointer)) or "(top level)"
    return printable(f"{where}: {issue.message} ({_CONSEQUENCE[issue.consequence]})")


def apply_settings(settings: Path, preset: Preset, options: Options,
                   root: Path | None = None) -> Outcome:
    """Apply the preset's settings fragment to one settings file.

    Never raises for a file problem (unreadable, not a regular file, not JSON, nested too
    deeply): the Outcome says what went wrong. The result is validated before anything is
    written: a change that would make Claude Code drop the file or skip an entry is refused;
    problems the file already had are reported in ``notes`` and do not block the preset.
    """
    shown = display_path(settings)
    if _outside(settings, root) or _outside(settings.parent, root):
        return Outcome(shown, "error", error=f"{shown}: links outside {display_path(root or Path())}"
                       "; not followed, not written", skip="outside")
    try:
        state = jsonio.snapshot(settings, shown)
        if state.exists:
            doc = jsonio.parse(state.raw, shown, tolerant=True)
            old_text, old_data = doc.original, doc.data
            problem = options.vet(doc, shown) if options.vet is not None else None
            if problem:
                return Outcome(shown, "error", error=problem + "; left untouched", skip="invalid")
        else:
            doc, old_text, old_data = None, "", {}
        new_data = plan_settings(old_data, preset)
        introduced, kept = _check_result(old_data if doc is not None else None, new_data,
                                         _file_scope(settings, options.scope))
        if introduced:
            listed = "; ".join(_issue_text(i) for i in introduced[:3])
            return Outcome(shown, "error", skip="invalid",
                           error=f"{shown}: applying {preset.name} would leave settings Claude "
                                 f"Code rejects: {listed}; not written")
        notes = [f"{shown} already has a problem the preset does not touch: {_issue_text(i)}"
                 for i in kept]
        if doc is not None:
            new_text = jsonio.render(doc, new_data)
        else:
            new_text = jsonio.dumps(new_data)
        if new_text == old_text:
            return Outcome(shown, "unchanged", notes=notes)
        changes = describe_changes(old_data, new_data, options.tier_overrides,
                                   label=lambda value: options.model_label(value))
        diff = unified_diff(old_text, new_text, shown, secrets_in(old_data) | secrets_in(new_data)) \
            if options.diff else ""
    except DocumentError as exc:
        return Outcome(shown, "error", error=printable(exc.render()) + "; left untouched",
                       skip="invalid")
    except RecursionError:
        return Outcome(shown, "error", error=f"{shown}: nested too deeply for claude-tiers to "
                       "change; left untouched", skip="invalid")
    if not options.write:
        return Outcome(shown, "pending", changes, diff, new_file=not state.exists, notes=notes)
    try:
        jsonio.write_atomic(settings, new_text, state, shown)
    except (ConcurrentModification, DocumentError) as exc:
        return Outcome(shown, "error", error=printable(str(exc)),
                       skip="changed" if isinstance(exc, ConcurrentModification) else "")
    except OSError as exc:
        return Outcome(shown, "error", error=f"{shown}: cannot write: {exc.strerror or exc}")
    return Outcome(shown, "updated" if state.exists else "created", changes, diff, notes=notes)


def _markdown_files(folder: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """(every ``*.md`` under an ``agents`` or ``commands`` folder, folders that could not be
    listed with the reason), from :func:`claude_tiers.discover.definition_files`.

    Symlinked folders are not descended; an entry named ``*.md`` that is not a regular file (a
    FIFO, a symlink to a folder or to nothing) is returned too, so that reading it says what is
    wrong.
    """
    from claude_tiers.discover import definition_files
    from claude_tiers.lint.base import AGENT, COMMAND

    failed: list[tuple[Path, str]] = []
    odd: list[Path] = []
    kind = COMMAND if folder.name == "commands" else AGENT
    files = definition_files(folder.parent, kind, claude_dir=True, unlisted=failed, irregular=odd)
    return sorted(files + odd), failed


def command_name(folder: Path, path: Path) -> str:
    """The name Claude Code gives a command file: its path below ``commands/``, ':'-joined.

    ``commands/review.md`` is ``review``; ``commands/frontend/build.md`` is ``frontend:build``.
    """
    relative = path.relative_to(folder).with_suffix("")
    return ":".join(relative.parts)


def apply_frontmatter(folder: Path, rule_for: Callable[[str], Rule | None], tiers: Mapping[int, str],
                      options: Options, root: Path | None, by_name: bool) -> Iterator[Outcome]:
    """Set ``model:`` in every agent/command file under ``folder`` that a rule matches.

    Each file is handled on its own: one that cannot be read (or a subfolder that cannot be
    listed) is reported and the others are still processed.
    """
    files, failed = _markdown_files(folder)
    for where, reason in failed:
        shown = display_path(where)
        yield Outcome(shown, "error", error=f"{shown}: cannot list the folder: {reason}; its "
                      "files were not checked", skip="invalid")
    for path in files:
        shown = display_path(path)
        if _outside(path, root):
            yield Outcome(shown, "error", error=f"{shown}: links outside the project; not followed",
                          skip="outside")
            continue
        try:
            state = jsonio.snapshot(path, shown)
            fm = frontmatter.parse_bytes(state.raw, shown) if state.exists else None
        except DocumentError as exc:
            yield Outcome(shown, "error", error=printable(exc.render()) + "; left untouched",
                          skip="invalid")
            continue
        if fm is None:
            continue
        if by_name:
            declared = fm.data.get("name")
            name = declared if isinstance(declared, str) and declared else path.stem
        else:
            name = command_name(folder, path)
        rule = rule_for(name)
        if rule is None:
            continue
        target = rule.target(tiers)
        current = fm.data.get("model")
        if current == target:
            yield Outcome(shown, "unchanged")
            continue
        try:
            new_text = frontmatter.set_field(fm, "model", target)
        except DocumentError as exc:
            yield Outcome(shown, "error", error=exc.render(), skip="invalid")
            continue
        change = (f"model {options.model_label(current)} -> "
                  f"{options.model_label(target, rule)}"
                  + (f" ({rule.reason})" if rule.reason else ""))
        diff = unified_diff(fm.text, new_text, shown, set()) if options.diff else ""
        if not options.write:
            yield Outcome(shown, "pending", [change], diff)
            continue
        try:
            jsonio.write_atomic(path, new_text, state, shown)
        except (ConcurrentModification, DocumentError) as exc:
            yield Outcome(shown, "error", error=printable(str(exc)),
                          skip="changed" if isinstance(exc, ConcurrentModification) else "")
            continue
        except OSError as exc:
            yield Outcome(shown, "error", error=f"{shown}: cannot write: {exc.strerror or exc}")
            continue
        yield Outcome(shown, "updated", [change], diff)
