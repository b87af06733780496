"""``claude-tiers diff``: what differs between two configurations, in tiers and money first.

Three modes:

* ``diff A.json B.json``: two settings files, compared as parsed JSON;
* ``diff DIR_A DIR_B``: two directories, compared by their effective configurations
  (:mod:`claude_tiers.explain`): the main model Claude Code requests, the custom subagents'
  models and the merged settings;
* ``diff TARGET --preset P``: what applying preset ``P`` would change. This runs exactly the
  planning of ``apply --dry-run`` (:func:`claude_tiers.commands.apply.apply_to` with
  ``write=False``), so the diff is empty exactly when ``apply --check`` passes.

The semantic comparison is :func:`claude_tiers.changes.compute`. ``--format json`` prints::

    {"version": 1, "mode": "files|directories|preset", "a": "...", "b": "...",
     "identical": false,
     "summary": ["model: claude-opus-4-7 (tier 3, $5/$25 per MTok) -> claude-sonnet-4-6 (tier 1, $3/$15)", ...],
     "changes": [{"path": "permissions.allow", "kind": "added|removed|changed",
                  "old": ..., "new": ..., "entry": true}],
     "files": ["files apply would write (preset mode)"],
     "notes": ["..."]}

Secret values are masked (``****``) in every format.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from claude_tiers import jsonio
from claude_tiers.changes import Change, compute
from claude_tiers.errors import DocumentError, UserError
from claude_tiers.redact import MASK, looks_secret_name, looks_secret_value, redact, secrets_in

__all__ = ["Comparison", "compare_files", "compare_directories", "compare_preset", "summarize",
           "render", "model_label"]


@dataclass
class Comparison:
    """The outcome of one diff: semantic changes plus what to show for them."""

    mode: str
    a: str
    b: str
    changes: list[Change]
    texts: list[tuple[str, str, str, str]] = field(default_factory=list)  # (a name, b name, a text, b text)
    unified: str = ""  # preset mode: apply's own diff
    files: list[str] = field(default_factory=list)  # preset mode: files apply would write
    notes: list[str] = field(default_factory=list)
    secrets: set[str] = field(default_factory=set)
    pending: bool = False  # preset mode: apply --check would fail

    @property
    def identical(self) -> bool:
        """No semantic change and (preset mode) nothing apply would write."""
        return not self.changes and not self.pending


# --------------------------------------------------------------------------------------------
# Labels in the language of tiers and money
# --------------------------------------------------------------------------------------------


def model_label(value: Any, short: bool = False, claude_version: str | None = None) -> str:
    """``claude-opus-4-7 (tier 3, $5/$25 per MTok)``; an alias shows what it resolves to."""
    if value is None:
        return "(unset)"
    if not isinstance(value, str):
        return json.dumps(value)
    from claude_tiers.catalog import format_price, load_catalog

    catalog = load_catalog()
    resolved = catalog.resolve_alias(value, claude_version) if value.strip() else None
    model = catalog.get(resolved or value)
    bits: list[str] = []
    if resolved and resolved != value:
        bits.append(resolved)
    if model is not None:
        tier = catalog.tier_of(model.id)
        if tier is not None:
            bits.append(f"tier {tier}")
        price = format_price(model)
        if price != "price unknown":
            bits.append(price.replace(" per MTok", "") if short else price)
    shown = value if value else '""'
    return f"{shown} ({', '.join(bits)})" if bits else shown


def _show(value: Any, key: str, limit: int = 70) -> str:
    if isinstance(value, str) and (looks_secret_name(key) or looks_secret_value(value)):
        return MASK
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _is_model_path(parts: tuple[str, ...]) -> bool:
    if parts[0] == "settings":  # directories: "model" is the resolved id, settings.* as written
        return False
    if parts == ("model",) or parts[-1:] == ("advisorModel",):
        return True
    return len(parts) >= 2 and parts[-2] == "env" and parts[-1].endswith("_MODEL")


def summarize(changes: list[Change]) -> list[str]:
    """Summary lines: models with tiers and prices, agents, list counts, then other keys."""
    lines: list[str] = []
    lists: dict[str, list[int]] = {}
    agents: dict[str, dict[str, Change]] = {}
    for c in changes:
        parts = c.parts
        if c.entry:
            counts = lists.setdefault(c.path, [0, 0])
            counts[0 if c.kind == "added" else 1] += 1
            continue
        if len(parts) >= 2 and parts[0] in ("agents", "commands"):
            agents.setdefault(f"{parts[0][:-1]} {parts[1]}", {})[".".join(parts[2:])] = c
            continue
        key = parts[-1] if parts else ""
        if parts and _is_model_path(parts):
            lines.append(f"{c.path}: {model_label(c.old)} -> {model_label(c.new, short=True)}")
        elif c.kind == "added":
            lines.append(f"{c.path}: added {_show(c.new, key)}")
        elif c.kind == "removed":
            lines.append(f"{c.path}: removed (was {_show(c.old, key)})")
        else:
            lines.append(f"{c.path}: {_show(c.old, key)} -> {_show(c.new, key)}")
    for name, sub in agents.items():
        whole = sub.get("")
        if whole is not None:
            if whole.kind == "added":
                model = whole.new.get("model") if isinstance(whole.new, dict) else None
                lines.append(f"{name}: added" + (f" (model {model})" if model is not None else ""))
            elif whole.kind == "removed":
                lines.append(f"{name}: removed")
            continue
        main = sub.get("model") or sub.get("resolved")
        if main is None:
            continue
        old = main.old if main.old is not None else "(none)"
        new = main.new if main.new is not None else "(none)"
        line = f"{name}: {old} -> {new}"
        resolved = sub.get("resolved")
        if resolved is not None and resolved is not main:
            line += f" ({resolved.old} -> {resolved.new})"
        lines.append(line)
    model_lines = [ln for ln in lines if ln.startswith("model:")]
    agent_lines = [ln for ln in lines if ln.startswith(("agent ", "command "))]
    rest = [ln for ln in lines if ln not in model_lines and ln not in agent_lines]
    list_lines = [f"{path}: " + " ".join(x for x in (f"+{n[0]}" if n[0] else "", f"-{n[1]}" if n[1] else "") if x)
                  for path, n in lists.items()]
    return model_lines + agent_lines + list_lines + rest


# --------------------------------------------------------------------------------------------
# The three modes
# --------------------------------------------------------------------------------------------


def _load(path: Path) -> jsonio.Document:
    try:
        return jsonio.load(path, str(path))
    except DocumentError as exc:
        if exc.kind == "missing":
            raise UserError(f"{path}: no such file or directory") from None
        raise


def compare_files(a: Path, b: Path) -> Comparison:
    """Two settings files as parsed JSON."""
    da, db = _load(a), _load(b)
    secrets = secrets_in(da.data) | secrets_in(db.data)
    return Comparison("files", str(a), str(b), compute(da.data, db.data),
                      texts=[(str(a), str(b), da.text, db.text)], secrets=secrets)


def _comparable(expl: Any) -> dict[str, Any]:
    """What a directory's configuration is, for comparing: main model, custom agents, settings."""
    agents = {a.name: {"model": a.configured, "resolved": a.model.resolved}
              for a in expl.agents if a.scope != "built-in"}
    return {"model": expl.model.resolved, "agents": agents, "settings": expl.effective}


def _dir_texts(a: Path, b: Path) -> list[tuple[str, str, str, str]]:
    from claude_tiers.commands.explain import agent_files
    from claude_tiers.scopes import LOCAL_FILE, PROJECT_FILE

    rels: list[str] = [PROJECT_FILE.as_posix(), LOCAL_FILE.as_posix()]
    for root in (a, b):
        for p in agent_files(root / ".claude" / "agents"):
            rel = p.relative_to(root).as_posix()
            if rel not in rels:
                rels.append(rel)
    out = []
    for rel in rels:
        ta = (a / rel).read_text(encoding="utf-8", errors="replace") if (a / rel).is_file() else ""
        tb = (b / rel).read_text(encoding="utf-8", errors="replace") if (b / rel).is_file() else ""
        out.append((f"{a}/{rel}", f"{b}/{rel}", ta, tb))
    return out


def compare_directories(a: Path, b: Path, **explain_args: Any) -> Comparison:
    """Two directories by their effective configurations (see :func:`claude_tiers.explain.explain`)."""
    from claude_tiers.commands.explain import run

    ea, sa = run(a, **explain_args)
    eb, sb = run(b, **explain_args)
    comp = Comparison("directories", str(a), str(b), compute(_comparable(ea), _comparable(eb)),
                      texts=_dir_texts(a, b), secrets=sa | sb)
    for label, expl in (("a", ea), ("b", eb)):
        if expl.fatal:
            comp.notes.append(f"{label}: {expl.fatal}")
    return comp


def compare_preset(target: Path, preset_ref: str, scope: str = "project", agents: bool = True) -> Comparison:
    """What ``apply PRESET TARGET`` would change: apply's own dry run, described semantically."""
    from claude_tiers import frontmatter
    from claude_tiers.apply import plan_settings, tier_models
    from claude_tiers.commands.apply import Options, apply_to, resolve_target
    from claude_tiers.presets import load_preset

    preset = load_preset(preset_ref, target if target.is_dir() else target.parent)
    outcomes = list(apply_to(target, preset, Options(scope=scope, write=False, agents=agents)))
    errors = [o.error for o in outcomes if o.status == "error"]
    if errors:
        raise DocumentError(str(target), "apply", "; ".join(errors))
    comp = Comparison("preset", str(target), f"{target} + {preset.name}", [])
    settings, claude_dir = resolve_target(target, scope)
    pending = [o for o in outcomes if o.status == "pending"]
    comp.pending = bool(pending)
    comp.files = [o.path for o in pending]
    comp.unified = "".join(o.diff for o in pending)
    comp.notes = [o.error for o in outcomes if o.status == "note"]
    if pending and pending[0] is outcomes[0]:  # the settings file
        old: dict[str, Any] = {}
        if settings.exists():
            old = _load(settings).data
        new = plan_settings(old, preset)  # apply_settings' own planning
        comp.changes.extend(compute(old, new))
        comp.secrets |= secrets_in(old) | secrets_in(new)
        if not comp.changes:
            comp.notes.append(f"{outcomes[0].path} would be {'rewritten' if settings.exists() else 'created'} "
                              "with no semantic change")
    tiers = tier_models()
    for outcome in pending[1:] if pending and pending[0] is outcomes[0] else pending:
        path = _find(outcome.path, claude_dir)
        if path is None:
            continue
        fm = frontmatter.read(path, outcome.path)
        if fm is None:
            continue
        is_agent = "agents" in path.parts
        name = fm.data.get("name") if is_agent else None
        name = name if isinstance(name, str) and name else path.stem
        rule = preset.agent_rule(name) if is_agent else preset.command_rule(name)
        if rule is None:
            continue
        kind = "agents" if is_agent else "commands"
        parts = (kind, name, "model")
        old_model, new_model = fm.data.get("model"), rule.target(tiers)
        comp.changes.append(Change(".".join(parts), "changed" if old_model is not None else "added",
                                   old_model, new_model, parts))
    return comp


def _find(shown: str, claude_dir: Path | None) -> Path | None:
    candidate = Path(shown)
    if candidate.is_file():
        return candidate
    if claude_dir is not None:
        for sub in ("agents", "commands"):
            for p in (claude_dir / sub).rglob("*.md") if (claude_dir / sub).is_dir() else ():
                if p.as_posix().endswith(shown.lstrip("./")):
                    return p
    return None


# --------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------


def _unified(texts: Iterable[tuple[str, str, str, str]]) -> str:
    out = []
    for name_a, name_b, ta, tb in texts:
        la = ta.replace("\r\n", "\n").splitlines(keepends=True)
        lb = tb.replace("\r\n", "\n").splitlines(keepends=True)
        for lines in (la, lb):
            if lines and not lines[-1].endswith("\n"):
                lines[-1] += "\n\\ No newline at end of file\n"
        out.append("".join(difflib.unified_diff(la, lb, f"a/{name_a.lstrip('/')}" if ta else "/dev/null",
                                                f"b/{name_b.lstrip('/')}" if tb else "/dev/null")))
    return "".join(out)


def _change_json(c: Change) -> dict[str, Any]:
    key = c.parts[-1] if c.parts else ""
    data = c.as_json()
    for side in ("old", "new"):
        value = data[side]
        if isinstance(value, str) and looks_secret_name(key):
            data[side] = MASK
    return data


def _change_line(c: Change) -> str:
    key = c.parts[-1] if c.parts else ""
    if c.kind == "added":
        return f"  + {c.path}: {_show(c.new, key, 200)}"
    if c.kind == "removed":
        return f"  - {c.path}: {_show(c.old, key, 200)}"
    return f"  ~ {c.path}: {_show(c.old, key, 200)} -> {_show(c.new, key, 200)}"


def render(comp: Comparison, fmt: str) -> str:
    """``text`` (summary then changes), ``json`` or ``unified``; secrets masked."""
    if fmt == "unified":
        text = comp.unified if comp.mode == "preset" else _unified(comp.texts)
        return redact(text, comp.secrets)
    summary = summarize(comp.changes)
    if fmt == "json":
        doc = {"version": 1, "mode": comp.mode, "a": comp.a, "b": comp.b, "identical": comp.identical,
               "summary": summary, "changes": [_change_json(c) for c in comp.changes],
               "files": comp.files, "notes": comp.notes}
        return redact(json.dumps(doc, indent=2, ensure_ascii=False), comp.secrets) + "\n"
    lines: list[str] = []
    if comp.identical:
        lines.append("no semantic change")
    else:
        lines.extend(summary)
        if comp.changes:
            lines.append("")
            lines.append("changes:")
            lines.extend(_change_line(c) for c in comp.changes)
        if comp.files:
            lines.append("")
            lines.append("apply would write: " + ", ".join(comp.files))
    for note in comp.notes:
        lines.append(f"note: {note}")
    return redact("\n".join(lines) + "\n", comp.secrets)


def compare(a: Path, b: Path | None, preset: str | None, scope: str = "project", agents: bool = True,
            explain_args: Mapping[str, Any] | None = None) -> Comparison:
    """Dispatch on the arguments: preset mode, two directories or two files."""
    if preset is not None:
        if b is not None:
            raise UserError("give one TARGET with --preset, or two paths A B without it")
        return compare_preset(a, preset, scope, agents)
    if b is None:
        raise UserError("give two paths A B (or one TARGET and --preset P)")
    if a.is_dir() and b.is_dir():
        return compare_directories(a, b, **dict(explain_args or {}))
    if a.is_dir() or b.is_dir():
        raise UserError(f"compare two files or two directories, not {a} and {b}")
    return compare_files(a, b)
