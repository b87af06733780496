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
from claude_tiers.redact import secrets_in
from claude_tiers.scopes import settings_file


@dataclass
class Outcome:
    """What happened (or would happen) to one file."""

    path: str  # as shown to the user
    status: str  # "updated", "created", "unchanged", "pending" (dry run / check), "error"
    changes: list[str] = field(default_factory=list)
    diff: str = ""
    error: str = ""
    skip: str = ""  # why an "error" file was left alone: "invalid", "outside", "changed" ("" = failed)

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


def display_path(path: Path, base: Path | None = None) -> str:
    """``path`` relative to ``base`` (default: the working directory) when below it."""
    try:
        return os.path.relpath(path, base or Path.cwd()) if not str(path).startswith("~") else str(path)
    except ValueError:
        return str(path)


def resolve_target(path: Path, scope: str) -> tuple[Path, Path | None]:
    """(settings file, ``.claude`` folder whose agents/commands to edit) for a PATH argument."""
    if path.is_dir():
        settings = settings_file(path, scope)
        claude_dir = settings.parent if scope != "user" else settings.parent
        return settings, claude_dir
    if path.exists() or path.suffix == ".json":
        parent = path.parent
        return path, parent if parent.name == ".claude" else None
    raise DocumentError(str(path), "missing", "no such file or directory")


def _outside(path: Path, root: Path | None) -> bool:
    if root is None:
        return False
    real = Path(os.path.realpath(path))
    real_root = Path(os.path.realpath(root))
    return real != real_root and real_root not in real.parents


def apply_to(path: Path, preset: Preset, options: Options) -> Iterator[Outcome]:
    """Apply ``preset`` to one project directory or settings file; one Outcome per file."""
    try:
        settings, claude_dir = resolve_target(path, options.scope)
    except TiersError as exc:
        yield Outcome(display_path(path), "error", error=str(exc))
        return
    root = options.root or (path if path.is_dir() and options.scope != "user" else None)
    yield apply_settings(settings, preset, options, root)
    if path.is_dir():
        yield from _never_read_notes(path)
    if options.agents and claude_dir is not None and (preset.agents or preset.commands):
        tiers = tier_models(options.tier_overrides)
        if preset.agents:
            yield from apply_frontmatter(claude_dir / "agents", preset.agent_rule, tiers,
                                         options, root, by_name=True)
        if preset.commands:
            yield from apply_frontmatter(claude_dir / "commands", preset.command_rule, tiers,
                                         options, root, by_name=False)


NEVER_READ = ("claude_settings.json", ".claude/settings.jsonc", ".claude/claude_settings.json")


def _never_read_notes(project: Path) -> Iterator[Outcome]:
    """Point out settings files Claude Code never reads (popular advice creates them)."""
    for name in NEVER_READ:
        candidate = project / name
        if candidate.is_file():
            shown = display_path(candidate)
            yield Outcome(shown, "note", error=f"{shown} is never read by Claude Code; its keys "
                          "belong in .claude/settings.json (claude-tiers lint --fix --unsafe-fixes "
                          "merges them)")


def apply_settings(settings: Path, preset: Preset, options: Options,
                   root: Path | None = None) -> Outcome:
    """Apply the preset's settings fragment to one settings file."""
    shown = display_path(settings)
    if _outside(settings, root) or _outside(settings.parent, root):
        return Outcome(shown, "error", error=f"{shown}: links outside {display_path(root or Path())}"
                       "; not followed, not written", skip="outside")
    state = jsonio.snapshot(settings)
    try:
        if state.exists:
            doc = jsonio.load(settings, shown, tolerant=True)
            old_text, old_data = doc.original, doc.data
            problem = options.vet(doc, shown) if options.vet is not None else None
            if problem:
                return Outcome(shown, "error", error=problem + "; left untouched", skip="invalid")
        else:
            doc, old_text, old_data = None, "", {}
        new_data = plan_settings(old_data, preset)
        if doc is not None:
            new_text = jsonio.render(doc, new_data)
        else:
            new_text = jsonio.dumps(new_data)
    except DocumentError as exc:
        return Outcome(shown, "error", error=exc.render() + "; left untouched", skip="invalid")
    if new_text == old_text:
        return Outcome(shown, "unchanged")
    changes = describe_changes(old_data, new_data, options.tier_overrides)
    diff = unified_diff(old_text, new_text, shown, secrets_in(old_data) | secrets_in(new_data)) \
        if options.diff else ""
    if not options.write:
        return Outcome(shown, "pending", changes, diff)
    try:
        jsonio.write_atomic(settings, new_text, state, shown)
    except (ConcurrentModification, OSError) as exc:
        return Outcome(shown, "error", error=str(exc) if isinstance(exc, TiersError)
                       else f"{shown}: cannot write: {exc.strerror}",
                       skip="changed" if isinstance(exc, ConcurrentModification) else "")
    return Outcome(shown, "updated" if state.exists else "created", changes, diff)


def _markdown_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*.md") if p.is_file() or p.is_symlink())


def apply_frontmatter(folder: Path, rule_for: Callable[[str], Rule | None], tiers: Mapping[int, str],
                      options: Options, root: Path | None, by_name: bool) -> Iterator[Outcome]:
    """Set ``model:`` in every agent/command file under ``folder`` that a rule matches."""
    for path in _markdown_files(folder):
        shown = display_path(path)
        if _outside(path, root):
            yield Outcome(shown, "error", error=f"{shown}: links outside the project; not followed",
                          skip="outside")
            continue
        try:
            state = jsonio.snapshot(path)
            fm = frontmatter.read(path, shown)
        except DocumentError as exc:
            yield Outcome(shown, "error", error=exc.render() + "; left untouched", skip="invalid")
            continue
        if fm is None:
            continue
        name = fm.data.get("name") if by_name else None
        name = name if isinstance(name, str) and name else path.stem
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
        change = (f"model {model_label(current, options.tier_overrides)} -> "
                  f"{model_label(target, options.tier_overrides)}"
                  + (f" ({rule.reason})" if rule.reason else ""))
        diff = unified_diff(fm.text, new_text, shown, set()) if options.diff else ""
        if not options.write:
            yield Outcome(shown, "pending", [change], diff)
            continue
        try:
            jsonio.write_atomic(path, new_text, state, shown)
        except (ConcurrentModification, OSError) as exc:
            yield Outcome(shown, "error", error=str(exc),
                          skip="changed" if isinstance(exc, ConcurrentModification) else "")
            continue
        yield Outcome(shown, "updated", [change], diff)
