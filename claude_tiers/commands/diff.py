"""``claude-tiers diff``: what differs between two configurations, in tiers and money first.

Three modes:

* ``diff A.json B.json``: two settings files, read as Claude Code reads them (a BOM or an
  empty file is tolerated, with a note) and compared as parsed JSON;
* ``diff DIR_A DIR_B``: two directories, compared by their effective configurations as
  ``claude-tiers explain`` computes them (:func:`claude_tiers.commands.explain.run`, with the
  same ``--model``, ``--agent``, ``--settings``, ``--env``/``--no-env``, ``--home``,
  ``--managed-dir`` and ``--claude-version``): the model Claude Code requests, the custom
  subagents' models and the merged settings. A file Claude Code drops whole is named in a note;
* ``diff TARGET --preset P``: what applying preset ``P`` would change. The settings side runs
  :func:`claude_tiers.commands.apply.apply_to` with ``write=False`` (``apply --dry-run``'s
  own code path) and takes the data apply read from its ``vet`` hook, so the diff is empty
  exactly when ``apply --check`` exits 0.

The model of each side is resolved the way explain resolves it (:func:`claude_tiers.explain.explain`
over that side's data, its ``ANTHROPIC_DEFAULT_*_MODEL`` remaps included, for ``--claude-version``);
tier labels follow the ``tiers`` remap of the claude-tiers.yaml policy that applies to a side.

``--format json`` prints::

    {"version": 1, "mode": "files|directories|preset", "a": "...", "b": "...",
     "identical": false,
     "model": {"a": MODEL, "b": MODEL},   # the main model of each side, changed or not
     "summary": ["model: claude-opus-4-7 (tier 3, $5/$25 per MTok) -> claude-sonnet-4-6 (tier 1, $3/$15)", ...],
     "changes": [{"section": "effective|agents|settings", "path": "permissions.allow",
                  "kind": "added|removed|changed", "old": ..., "new": ..., "entry": true}],
     "files": ["files apply would write (preset mode)"],
     "notes": ["..."]}

    MODEL = {"value": "<configured string that won>"|null, "resolved": "<id sent>"|null,
             "tier": 1|2|3|null, "price": "$3/$15 per MTok"|null}

``section`` ``effective`` holds the model Claude Code sends (``path`` ``model``, ids), ``agents``
the subagents (``agents.NAME.model`` as written, ``agents.NAME.resolved`` the id), ``settings``
the keys as written (paths such as ``permissions.allow``; list entries one record each).

Exit status: 0 compared; with ``--exit-code`` 1 when the two differ (semantically for text and
json; for ``unified``, when the printed line diff is not empty, i.e. the bytes differ); 2 usage
errors and anything that could not be read (as ``diff(1)`` and ``git diff --exit-code``).

Every value printed, in every format, goes through :func:`claude_tiers.redact.redact` with the
secrets of both sides.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import stat
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from claude_tiers import jsonio
from claude_tiers.changes import Change, compute, format_path
from claude_tiers.discover import LINKED_OUT, outside_link
from claude_tiers.errors import DocumentError, ExitCode, TiersError, UserError
from claude_tiers.redact import MASK, looks_secret_name, redact, secrets_in

__all__ = ["DiffError", "Side", "Comparison", "compare", "compare_files", "compare_directories",
           "compare_preset", "summarize", "render", "label", "exit_status"]


class DiffError(TiersError):
    """Something diff cannot compare (unreadable file, failed plan): exit 2, as ``diff(1)``."""

    exit_code = ExitCode.USAGE


@dataclass(frozen=True)
class Side:
    """What labels one side's models: env remaps, tier table, version, the model in effect."""

    name: str = "A"
    env: Mapping[str, str] = field(default_factory=dict)  # model variables in effect
    tiers: Mapping[int, str] | None = None  # a policy's tiers (remaps applied); None: the catalog's
    claude_version: str | None = None
    value: str | None = None  # the configured model string that won (None: the built-in default)
    resolved: str | None = None  # the id Claude Code sends (None: it stops before any request)


@dataclass
class Comparison:
    """The outcome of one diff: semantic changes plus what to show for them."""

    mode: str
    a: str
    b: str
    changes: list[Change]
    side_a: Side = field(default_factory=Side)
    side_b: Side = field(default_factory=lambda: Side("B"))
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
# Models in the language of tiers and money
# --------------------------------------------------------------------------------------------

_ALIAS_OF_ENV = {"ANTHROPIC_DEFAULT_OPUS_MODEL": "opus", "ANTHROPIC_DEFAULT_SONNET_MODEL": "sonnet",
                 "ANTHROPIC_DEFAULT_HAIKU_MODEL": "haiku", "ANTHROPIC_DEFAULT_FABLE_MODEL": "fable"}
_REMAP_ENV = (*_ALIAS_OF_ENV, "CLAUDE_CODE_DISABLE_LEGACY_MODEL_REMAP")
_MODEL_ENV_KEYS = ("ANTHROPIC_MODEL", "CLAUDE_CODE_SUBAGENT_MODEL", *_ALIAS_OF_ENV)


def _model_env(data: Any) -> dict[str, str]:
    """The model variables of a settings ``env`` block, as strings."""
    from claude_tiers.explain import MODEL_ENV

    env = data.get("env") if isinstance(data, dict) else None
    if not isinstance(env, dict):
        return {}
    return {k: v for k, v in env.items() if k in MODEL_ENV and isinstance(v, str)}


@lru_cache(maxsize=1024)
def _resolve(key: str, value: str, remaps: tuple[tuple[str, str], ...], version: str | None) -> str | None:
    """The id Claude Code sends for ``value`` set at ``key``, as :func:`claude_tiers.explain.explain` has it."""
    from claude_tiers.explain import Layer, Request, explain

    env = dict(remaps)
    data: dict[str, Any]
    if key in _ALIAS_OF_ENV:  # the remap's own value: what its alias is sent as
        env[key] = value
        data = {"model": _ALIAS_OF_ENV[key], "env": env}
    elif key == "ANTHROPIC_MODEL":
        env[key] = value
        data = {"env": env}
    else:  # model, advisorModel, CLAUDE_CODE_SUBAGENT_MODEL: a model string as settings give it
        data = {"model": value, "env": env}
    expl = explain(Request(layers=(Layer("project", "(diff)", data),), claude_version=version))
    if expl.fatal is not None or expl.layers[0].status == "dropped":
        return None
    return expl.model.resolved


def _tier(model_id: str, side: Side) -> int | None:
    from claude_tiers.catalog import load_catalog

    if side.tiers is not None:
        from claude_tiers.policy import tier_of

        return tier_of(model_id, side.tiers)
    return load_catalog().tier_of(model_id)


def label(value: Any, resolved: str | None, side: Side, short: bool = False) -> str:
    """``claude-opus-4-7 (tier 3, $5/$25 per MTok)``; an alias shows what it resolves to.

    ``value`` is the string as configured (None: unset), ``resolved`` the id it is sent as;
    ``short`` drops ``per MTok`` (the second label of a line).
    """
    from claude_tiers.catalog import format_price, load_catalog

    if value is not None and not isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    bits: list[str] = []
    if value is None:
        if resolved is None:
            return "(unset)"
        bits.append(f"default {resolved}")
    elif resolved is not None and resolved != value:
        bits.append(resolved)
    if value is not None and value.strip().lower() == "inherit":
        bits = ["the main model"]
    model = load_catalog().get(resolved) if resolved else None
    if model is not None:
        tier = _tier(model.id, side)
        if tier is not None:
            bits.append(f"tier {tier}")
        price = format_price(model)
        if price != "price unknown":
            bits.append(price.replace(" per MTok", "") if short else price)
    shown = "(unset" if value is None else (value if value else '""')
    if value is None:
        return shown + (", " + ", ".join(bits) if bits else "") + ")"
    return f"{shown} ({', '.join(bits)})" if bits else shown


def _main_label(side: Side, mode: str, short: bool = False) -> str:
    if side.resolved is None and mode == "directories":
        return "(none: Claude Code stops before any request)"
    return label(side.value, side.resolved, side, short)


def _key_label(key: str, value: Any, side: Side, short: bool) -> str:
    if not isinstance(value, str):
        return "(unset)" if value is None else json.dumps(value, ensure_ascii=False)
    remaps = tuple(sorted((k, v) for k, v in side.env.items() if k in _REMAP_ENV))
    return label(value, _resolve(key, value, remaps, side.claude_version), side, short)


def _is_model_key(parts: tuple[str, ...]) -> bool:
    if parts == ("model",) or parts[-1:] == ("advisorModel",):
        return True
    return len(parts) == 2 and parts[0] == "env" and parts[1] in _MODEL_ENV_KEYS


# --------------------------------------------------------------------------------------------
# Summary
# --------------------------------------------------------------------------------------------


def _masked(value: Any, key: str, secrets: set[str]) -> Any:
    """``value`` with every string redacted: the value of a credential-named key is ``****``."""
    if isinstance(value, str):
        return MASK if looks_secret_name(key) and value else redact(value, secrets)
    if isinstance(value, dict):
        return {redact(str(k), secrets): _masked(v, str(k), secrets) for k, v in value.items()}
    if isinstance(value, list):
        return [_masked(v, "", secrets) for v in value]
    return value


def _show(value: Any, key: str, secrets: set[str], limit: int = 70) -> str:
    """A value for a summary or change line: masked first, shortened after (never mid-secret)."""
    masked = _masked(value, key, secrets)
    if masked == MASK:
        return MASK
    text = json.dumps(masked, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _known(text: str, secrets: Iterable[str]) -> str:
    """``text`` with the known secret values masked (a last pass over pieces already redacted).

    Not :func:`redact` itself: its ``NAME: value`` heuristic would take this module's own
    words for credentials (``env.DB_PASS: removed`` is no password).
    """
    for secret in sorted(set(secrets), key=len, reverse=True):
        if len(secret) >= 4:
            text = text.replace(secret, MASK).replace(json.dumps(secret)[1:-1], MASK)
    return text


def _plain(value: Any, mask: Any) -> str:
    """An agent's model as written: the bare string, ``(none)`` when absent."""
    if value is None:
        return "(none)"
    return str(mask(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)))


def summarize(comp: Comparison) -> list[str]:
    """Summary lines: the model in effect, agents, list counts (``permissions.allow: +2 -1``), other keys."""
    a, b = comp.side_a, comp.side_b

    def mask(text: str) -> str:
        return redact(text, comp.secrets)

    model_lines: list[str] = []
    effective = next((c for c in comp.changes if c.section == "effective"), None)
    model_key = next((c for c in comp.changes if c.section == "settings" and c.parts == ("model",)), None)
    if effective is not None or (model_key is not None and comp.mode != "directories"):
        old, new = _main_label(a, comp.mode), _main_label(b, comp.mode, short=True)
        if old != _main_label(b, comp.mode):
            model_lines.append(f"model: {mask(old)} -> {mask(new)}")
            model_key = None
    lists: dict[str, list[int]] = {}
    agents: dict[str, dict[str, Change]] = {}
    rest: list[str] = []
    for c in comp.changes:
        parts = c.parts
        if c.section == "effective":
            continue
        if c.section == "agents":
            agents.setdefault(f"{parts[0][:-1]} {parts[1]}", {})[".".join(parts[2:])] = c
            continue
        if c.entry:
            counts = lists.setdefault(c.path, [0, 0])
            counts[0 if c.kind == "added" else 1] += 1
            continue
        key = parts[-1] if parts else ""
        path = mask(c.path)
        if parts and _is_model_key(parts):
            if c is model_key or parts != ("model",):
                line = (f"{path}: {mask(_key_label(key, c.old, a, False))} -> "
                        f"{mask(_key_label(key, c.new, b, True))}")
                if c is model_key and effective is None:
                    line += " (the model in effect is the same)"
                    model_lines.insert(0, line)
                else:
                    model_lines.append(line)
        elif c.kind == "added":
            rest.append(f"{path}: added {_show(c.new, key, comp.secrets)}")
        elif c.kind == "removed":
            rest.append(f"{path}: removed (was {_show(c.old, key, comp.secrets)})")
        else:
            rest.append(f"{path}: {_show(c.old, key, comp.secrets)} -> {_show(c.new, key, comp.secrets)}")
    agent_lines: list[str] = []
    for name, sub in agents.items():
        name = mask(name)
        whole = sub.get("")
        if whole is not None:
            value = whole.new if whole.kind == "added" else whole.old
            model = value.get("model") if isinstance(value, dict) else None
            resolved = value.get("resolved") if isinstance(value, dict) else None
            written = f"model {_plain(model, mask)}" if model is not None else "no model"
            runs = f" ({_plain(resolved, mask)})" if resolved is not None and resolved != model else ""
            agent_lines.append(f"{name}: {whole.kind}, {written}{runs}")
            continue
        main = sub.get("model") or sub.get("resolved")
        if main is None:
            continue
        line = f"{name}: {_plain(main.old, mask)} -> {_plain(main.new, mask)}"
        resolved = sub.get("resolved")
        if resolved is not None and resolved is not main:
            line += f" ({_plain(resolved.old, mask)} -> {_plain(resolved.new, mask)})"
        agent_lines.append(line)
    list_lines = [f"{mask(path)}: " + " ".join(x for x in (f"+{n[0]}" if n[0] else "", f"-{n[1]}" if n[1] else "") if x)
                  for path, n in lists.items()]
    return model_lines + agent_lines + list_lines + rest


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


def _kind(path: Path) -> str:
    """``dir``, ``file``, ``missing``, or why it is neither (a FIFO, a loop of links...)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return "dangling" if os.path.islink(path) else "missing"
    except OSError as exc:
        return f"unreadable ({exc.strerror})"
    if stat.S_ISDIR(st.st_mode):
        return "dir"
    if stat.S_ISREG(st.st_mode):
        return "file"
    if stat.S_ISFIFO(st.st_mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(st.st_mode):
        return "a socket"
    return "a device"


def _refuse(path: Path, kind: str, what: str = "a settings file") -> DiffError:
    if kind == "missing":
        return DiffError(f"{path}: no such file or directory")
    if kind == "dangling":
        return DiffError(f"{path}: a symbolic link to {os.readlink(path)}, which does not exist")
    if kind.startswith("unreadable"):
        return DiffError(f"{path}: cannot read: {kind[len('unreadable ('):-1]}")
    return DiffError(f"{path}: is {kind}, not {what}; not read")


def _load(path: Path, notes: list[str], side: str) -> jsonio.Document:
    kind = _kind(path)
    if kind != "file":
        raise _refuse(path, kind)
    try:
        doc = jsonio.load(path, str(path), tolerant=True)
    except DocumentError as exc:
        if outside_link(path) is not None:
            exc = exc.without_content(LINKED_OUT)
        raise DiffError(str(exc)) from None
    except TiersError as exc:
        raise DiffError(str(exc)) from None
    if doc.tolerated is not None:
        notes.append(f"{side}: {doc.tolerated.message}")
    return doc


def _policy_tiers(start: Path, notes: list[str], side: str) -> Mapping[int, str] | None:
    """The tier table of the claude-tiers.yaml policy for ``start``; None without one."""
    from claude_tiers.policy import load_policy

    try:
        policy = load_policy(start)
    except TiersError as exc:
        notes.append(f"{side}: tier labels from the model catalog: {exc}")
        return None
    return dict(policy.tiers) if policy is not None and policy.overrides else None


def _file_side(name: str, data: Any, version: str | None, tiers: Mapping[int, str] | None,
               label_: str, notes: list[str]) -> Side:
    """One side of a file or preset comparison: the file alone, as explain would run it."""
    from claude_tiers.explain import Layer, Request, explain

    expl = explain(Request(layers=(Layer("project", label_, data),), claude_version=version))
    report = expl.layers[0]
    if report.status == "dropped":
        notes.append(f"{name}: {label_} is dropped by Claude Code ({'; '.join(report.problems)}), "
                      "so its keys do not count")
    elif report.status == "entries-skipped":
        notes.append(f"{name}: Claude Code skips entries of {label_}: {'; '.join(report.problems)}")
    value = expl.model.value if isinstance(expl.model.value, str) else None
    return Side(name, _model_env(data), tiers, version, value, expl.model.resolved)


def _effective(a: Side, b: Side) -> list[Change]:
    if a.resolved == b.resolved:
        return []
    return [Change("model", "changed", a.resolved, b.resolved, ("model",), section="effective")]


def _text_secrets(text: str) -> set[str]:
    """Secrets in a file's text for the line diff; ``"NAME": "value"`` pairs when it does not parse."""
    try:
        return secrets_in(jsonio.parse(text, tolerant=True).data)
    except TiersError:
        pass
    except RecursionError:
        return set()
    found: set[str] = set()
    for match in _PAIR.finditer(text):
        name, value = match.group(1), match.group(2)
        if value and looks_secret_name(name) and value not in ("true", "false", "0", "1"):
            found.add(value)
    return found


_PAIR = re.compile(r'"([^"\\\n]{1,200})"\s*:\s*"((?:[^"\\\n]|\\.){1,2000})"')


# --------------------------------------------------------------------------------------------
# The three modes
# --------------------------------------------------------------------------------------------


def compare_files(a: Path, b: Path, claude_version: str | None = None) -> Comparison:
    """Two settings files as parsed JSON (what Claude Code tolerates is read, with a note)."""
    notes: list[str] = []
    da, db = _load(a, notes, "A"), _load(b, notes, "B")
    side_a = _file_side("A", da.data, claude_version, _policy_tiers(a.parent, notes, "A"), str(a), notes)
    side_b = _file_side("B", db.data, claude_version, _policy_tiers(b.parent, notes, "B"), str(b), notes)
    secrets = secrets_in(da.data) | secrets_in(db.data)
    changes = _effective(side_a, side_b) + compute(da.data, db.data)
    return Comparison("files", str(a), str(b), changes, side_a, side_b,
                      texts=[(str(a), str(b), da.original, db.original)], notes=notes, secrets=secrets)


def _agents(expl: Any) -> dict[str, tuple[Any, str | None]]:
    return {row.name: (row.configured, row.model.resolved) for row in expl.agents if row.scope != "built-in"}


def _agent_changes(a: Mapping[str, tuple[Any, str | None]], b: Mapping[str, tuple[Any, str | None]]) -> list[Change]:
    out: list[Change] = []
    for name in sorted(set(a) | set(b)):
        if name not in a or name not in b:
            kind = "added" if name in b else "removed"
            configured, resolved = b[name] if name in b else a[name]
            value = {"model": configured, "resolved": resolved}
            out.append(Change(format_path(("agents", name)), kind,
                              value if kind == "removed" else None, value if kind == "added" else None,
                              ("agents", name), section="agents"))
            continue
        for index, sub in ((0, "model"), (1, "resolved")):
            old, new = a[name][index], b[name][index]
            if old != new:
                kind = "changed" if old is not None and new is not None else "added" if old is None else "removed"
                parts = ("agents", name, sub)
                out.append(Change(format_path(parts), kind, old, new, parts, section="agents"))
    return out


def _layer_notes(name: str, expl: Any) -> list[str]:
    notes: list[str] = []
    for layer in expl.layers:
        if layer.status == "dropped":
            notes.append(f"{name}: {layer.path} is dropped by Claude Code ({'; '.join(layer.problems)}), "
                         "so its keys do not count")
        elif layer.status == "entries-skipped":
            notes.append(f"{name}: Claude Code skips entries of {layer.path}, the rest counts: "
                         + "; ".join(layer.problems))
    for warning in expl.warnings:
        if warning.kind in ("fatal", "managed-invalid", "skipped-agent"):
            notes.append(f"{name}: {warning.message}")
    return notes


def _dir_texts(a: Path, b: Path) -> list[tuple[str, str, str, str]]:
    from claude_tiers.discover import definition_files
    from claude_tiers.lint.base import AGENT
    from claude_tiers.scopes import LOCAL_FILE, PROJECT_FILE

    rels: list[str] = [PROJECT_FILE.as_posix(), LOCAL_FILE.as_posix()]
    for root in (a, b):
        for p in definition_files(root, AGENT):
            rel = p.relative_to(root).as_posix()
            if rel not in rels:
                rels.append(rel)
    out = []
    for rel in rels:
        out.append((f"{a}/{rel}", f"{b}/{rel}", _read_text(a / rel), _read_text(b / rel)))
    return out


def _read_text(path: Path) -> str:
    """A regular file's text for the line diff ('' when absent, special or too large)."""
    if _kind(path) != "file":
        return ""
    try:
        with open(path, "rb") as fh:
            raw = fh.read(jsonio.MAX_BYTES + 1)
    except OSError:
        return ""
    return raw[: jsonio.MAX_BYTES].decode("utf-8", errors="replace")


def compare_directories(a: Path, b: Path, **explain_args: Any) -> Comparison:
    """Two directories by their effective configurations (see :func:`claude_tiers.commands.explain.run`)."""
    from claude_tiers.commands.explain import run

    for flag in ("managed_dir", "home"):
        folder = explain_args.get(flag)
        if folder is not None and _kind(Path(folder)) not in ("dir", "missing"):
            raise _refuse(Path(folder), _kind(Path(folder)), "a folder")
    try:
        ea, sa = run(a, **explain_args)
        eb, sb = run(b, **explain_args)
    except TiersError as exc:
        if isinstance(exc, UserError):
            raise
        raise DiffError(str(exc)) from None
    version = explain_args.get("claude_version")
    notes: list[str] = []
    sides = []
    for name, path, expl in (("A", a, ea), ("B", b, eb)):
        env = {k: v for k, (v, _) in expl.env.items()}
        value = expl.model.value if isinstance(expl.model.value, str) else None
        sides.append(Side(name, env, _policy_tiers(path, notes, name), version, value, expl.model.resolved))
    side_a, side_b = sides
    texts = _dir_texts(a, b)
    secrets = sa | sb
    for _, _, ta, tb in texts:
        secrets |= _text_secrets(ta) | _text_secrets(tb)
    changes = _effective(side_a, side_b) + _agent_changes(_agents(ea), _agents(eb)) \
        + compute(ea.effective, eb.effective)
    notes = _merge_notes(_layer_notes("A", ea), _layer_notes("B", eb)) + notes
    return Comparison("directories", str(a), str(b), changes, side_a, side_b, texts=texts,
                      notes=notes, secrets=secrets)


def _merge_notes(a: list[str], b: list[str]) -> list[str]:
    """``A: x`` and ``B: x`` alike become one ``A, B: x``."""
    out: list[str] = []
    rest_b = [n[3:] for n in b]
    for note in a:
        text = note[3:]
        if text in rest_b:
            rest_b.remove(text)
            out.append(f"A, B: {text}")
        else:
            out.append(note)
    return out + [f"B: {n}" for n in rest_b]


def compare_preset(target: Path, preset_ref: str, scope: str = "project", agents: bool = True,
                   claude_version: str | None = None) -> Comparison:
    """What ``apply PRESET TARGET`` would change: apply's own dry run, described semantically."""
    from claude_tiers import frontmatter
    from claude_tiers.apply import plan_settings, tier_models
    from claude_tiers.commands.apply import Options, apply_to, resolve_target
    from claude_tiers.merge import copy_json
    from claude_tiers.presets import load_preset

    preset = load_preset(preset_ref, target if target.is_dir() else target.parent)
    kind = _kind(target)
    if kind not in ("dir", "file", "missing"):
        raise _refuse(target, kind, "a project folder or a settings file")
    try:
        settings, claude_dir = resolve_target(target, scope)
    except TiersError as exc:
        raise DiffError(str(exc)) from None
    settings_kind = _kind(settings)
    if settings_kind not in ("file", "missing"):
        raise _refuse(settings, settings_kind)
    read: list[Any] = []

    def observe(doc: jsonio.Document, shown: str) -> str | None:
        read.append(copy_json(doc.data))  # what apply read and plans from
        return None

    outcomes = list(apply_to(target, preset, Options(scope=scope, write=False, agents=agents, vet=observe)))
    errors = [o.error for o in outcomes if o.status == "error"]
    if errors:
        raise DiffError("; ".join(errors))
    notes: list[str] = []
    pending = [o for o in outcomes if o.status == "pending"]
    settings_outcome = next(o for o in outcomes if o.status != "note")  # apply_settings' own
    old: Any = read[0] if read else {}
    new = plan_settings(old, preset)  # apply_settings' own planning, on the data it read
    tiers = _policy_tiers(target if target.is_dir() else target.parent, notes, "A")
    shown = settings_outcome.path
    side_a = _file_side("A", old, claude_version, tiers, shown, notes)
    side_b = _file_side("B", new, claude_version, tiers, shown, notes)
    comp = Comparison("preset", str(target), f"{target} + {preset.name}", [], side_a, side_b,
                      notes=notes)
    comp.pending = bool(pending)
    comp.files = [o.path for o in pending]
    comp.unified = "".join(o.diff for o in pending)
    for outcome in outcomes:
        if outcome.status == "note":
            comp.notes.append(outcome.error)
        comp.notes.extend(getattr(outcome, "notes", None) or ())  # apply's own notes, when it has them
    comp.secrets |= secrets_in(old) | secrets_in(new)
    settings_pending = settings_outcome.status == "pending"
    if settings_pending:
        comp.changes.extend(_effective(side_a, side_b) + compute(old, new))
        if not comp.changes:
            comp.notes.append(f"{shown} would be {'rewritten' if read else 'created'} with no semantic change")
    model_tiers = tier_models()
    for outcome in pending:
        if outcome is settings_outcome:
            continue
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
        kind_ = "agents" if is_agent else "commands"
        parts = (kind_, name, "model")
        old_model, new_model = fm.data.get("model"), rule.target(model_tiers)
        comp.changes.append(Change(".".join(parts), "changed" if old_model is not None else "added",
                                   old_model, new_model, parts, section="agents"))
    return comp


def _find(shown: str, claude_dir: Path | None) -> Path | None:
    candidate = Path(shown)
    if candidate.is_file():
        return candidate
    if claude_dir is not None:
        from claude_tiers.discover import definition_files
        from claude_tiers.lint.base import AGENT, COMMAND

        for kind in (AGENT, COMMAND):
            for p in definition_files(claude_dir, kind, claude_dir=True):
                if p.as_posix().endswith(shown.lstrip("./")):
                    return p
    return None


# --------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------


def _unified(texts: Iterable[tuple[str, str, str, str]]) -> str:
    out = []
    for name_a, name_b, ta, tb in texts:
        if ta == tb:
            continue
        la = ta.replace("\r\n", "\n").splitlines(keepends=True)
        lb = tb.replace("\r\n", "\n").splitlines(keepends=True)
        for lines in (la, lb):
            if lines and not lines[-1].endswith("\n"):
                lines[-1] += "\n\\ No newline at end of file\n"
        from_name = f"a/{name_a.lstrip('/')}" if ta else "/dev/null"
        to_name = f"b/{name_b.lstrip('/')}" if tb else "/dev/null"
        text = "".join(difflib.unified_diff(la, lb, from_name, to_name))
        if not text:  # the bytes differ, the lines do not: only the line endings
            text = f"--- {from_name}\n+++ {to_name}\n# the files differ only in line endings (CRLF and LF)\n"
        out.append(text)
    return "".join(out)


def _model_json(side: Side, secrets: set[str]) -> dict[str, Any]:
    """The main model of one side: as configured, the id sent, its tier and price."""
    from claude_tiers.catalog import format_price, load_catalog

    model = load_catalog().get(side.resolved) if side.resolved else None
    price = format_price(model) if model is not None else None
    return {"value": redact(side.value, secrets) if side.value is not None else None,
            "resolved": redact(side.resolved, secrets) if side.resolved is not None else None,
            "tier": _tier(model.id, side) if model is not None else None,
            "price": price if price != "price unknown" else None}


def _change_json(c: Change, secrets: set[str]) -> dict[str, Any]:
    key = c.parts[-1] if c.parts else ""
    data = c.as_json()
    data["path"] = redact(c.path, secrets)
    for side in ("old", "new"):
        data[side] = _masked(data[side], key if not c.entry else "", secrets)
    return data


_SHOWN_PATH = {"effective": "{} (in effect)"}


def _change_line(c: Change, secrets: set[str]) -> str:
    key = c.parts[-1] if c.parts else ""
    if c.entry:
        key = ""  # an entry of a list is no credential by the list's name
    path = _SHOWN_PATH.get(c.section, "{}").format(redact(c.path, secrets))
    if c.kind == "added":
        return f"  + {path}: {_show(c.new, key, secrets, 200)}"
    if c.kind == "removed":
        return f"  - {path}: {_show(c.old, key, secrets, 200)}"
    return f"  ~ {path}: {_show(c.old, key, secrets, 200)} -> {_show(c.new, key, secrets, 200)}"


def unified_text(comp: Comparison) -> str:
    """``--format unified``: a line diff of the files as written (apply's own diff with --preset)."""
    return comp.unified if comp.mode == "preset" else _unified(comp.texts)


def render(comp: Comparison, fmt: str) -> str:
    """``text`` (summary then changes), ``json`` or ``unified``; secrets masked in each."""
    try:
        return _render(comp, fmt)
    except RecursionError:
        raise DiffError(_TOO_DEEP) from None


def _render(comp: Comparison, fmt: str) -> str:
    if fmt == "unified":
        return redact(unified_text(comp), comp.secrets)
    # text and json: every piece is redacted on its own (values, labels, paths, notes), then
    # the known secrets are masked once more over the whole (see _known)
    summary = summarize(comp)
    notes = [redact(n, comp.secrets) for n in comp.notes]
    if fmt == "json":
        doc = {"version": 1, "mode": comp.mode, "a": redact(comp.a, comp.secrets),
               "b": redact(comp.b, comp.secrets), "identical": comp.identical,
               "model": {"a": _model_json(comp.side_a, comp.secrets), "b": _model_json(comp.side_b, comp.secrets)},
               "summary": summary, "changes": [_change_json(c, comp.secrets) for c in comp.changes],
               "files": [redact(f, comp.secrets) for f in comp.files], "notes": notes}
        return _known(json.dumps(doc, indent=2, ensure_ascii=False), comp.secrets) + "\n"
    lines: list[str] = []
    if comp.identical:
        lines.append("no semantic change")
    else:
        lines.extend(summary)
        if comp.changes:
            lines.append("")
            lines.append("changes:")
            lines.extend(_change_line(c, comp.secrets) for c in comp.changes)
        if comp.files:
            lines.append("")
            lines.append("apply would write: " + ", ".join(redact(f, comp.secrets) for f in comp.files))
    for note in notes:
        lines.append(f"note: {note}")
    return _known("\n".join(lines) + "\n", comp.secrets)


def exit_status(comp: Comparison, fmt: str) -> int:
    """``--exit-code``: 1 when the two differ (for ``unified``: when the line diff is not empty)."""
    differs = bool(unified_text(comp)) if fmt == "unified" else not comp.identical
    return int(ExitCode.FINDINGS) if differs else int(ExitCode.OK)


_TOO_DEEP = "the settings are nested too deeply to compare"


def compare(a: Path, b: Path | None, preset: str | None, scope: str = "project", agents: bool = True,
            explain_args: Mapping[str, Any] | None = None, claude_version: str | None = None,
            given: Sequence[str] = ()) -> Comparison:
    """Dispatch on the arguments: preset mode, two directories or two files.

    ``given`` names the directory-only options the user passed (``--model`` ...), which are
    refused in the other modes rather than silently ignored.
    """
    try:
        return _compare(a, b, preset, scope, agents, explain_args, claude_version, given)
    except RecursionError:
        raise DiffError(_TOO_DEEP) from None


def _compare(a: Path, b: Path | None, preset: str | None, scope: str, agents: bool,
             explain_args: Mapping[str, Any] | None, claude_version: str | None,
             given: Sequence[str]) -> Comparison:
    if claude_version is not None:
        from claude_tiers.catalog import parse_version

        try:
            parse_version(claude_version)
        except ValueError:
            raise UserError(f"--claude-version {claude_version!r} is not a version such as 2.1.330") from None
    if preset is not None:
        if b is not None:
            raise UserError("give one TARGET with --preset, or two paths A B without it")
        _only_dirs(given, "--preset")
        return compare_preset(a, preset, scope, agents, claude_version)
    if b is None:
        raise UserError("give two paths A B (or one TARGET and --preset P)")
    if scope != "project" or not agents:
        raise UserError("--scope and --no-agents go with --preset")
    ka, kb = _kind(a), _kind(b)
    if ka == "dir" and kb == "dir":
        args = dict(explain_args or {})
        args["claude_version"] = claude_version
        return compare_directories(a, b, **args)
    for path, kind in ((a, ka), (b, kb)):
        if kind not in ("dir", "file"):
            raise _refuse(path, kind, "a settings file or a folder")
    if ka == "dir" or kb == "dir":
        raise UserError(f"compare two files or two directories, not {a} ({'a folder' if ka == 'dir' else 'a file'}) "
                        f"and {b} ({'a folder' if kb == 'dir' else 'a file'})")
    _only_dirs(given, "two files")
    return compare_files(a, b, claude_version)


def _only_dirs(given: Sequence[str], mode: str) -> None:
    if given:
        flags = ", ".join(given)
        raise UserError(f"{flags}: only for two directories, not with {mode}")
