"""``claude-tiers explain [DIR]``: read the layers of a directory and render what Claude Code runs.

Reads (never executes: no ``apiKeyHelper``, hooks or ``statusLine``) the managed settings
(``managed-settings.json`` then ``managed-settings.d/*.json`` by name), the user file
(``$CLAUDE_CONFIG_DIR`` taken as written, relative to DIR, or ``~/.claude``; ``--home``
replaces ``~``), the project file of DIR, the local file of DIR and, from Claude Code 2.1.211
on, the one at the git root (which wins per key), an optional ``--settings`` file or inline
JSON, the agent files (managed, every ``.claude/agents`` from DIR up to the git root, closest
first, and the user's) and the claude-tiers policy of DIR (``claude-tiers.yaml``...), if any.
Files are read as Claude Code reads them (a BOM is skipped, an empty file is ``{}``). The
resolution itself is :func:`claude_tiers.explain.explain`.

``--format json`` prints one object (stable; new keys may be added, none removed or renamed)::

    {
      "version": 1,
      "directory": "path as given",
      "claude_version": "2.1.330",           # the version aliases were resolved for
      "default_model": "claude-opus-5-5",    # its built-in default (API-key user)
      "fatal": null,                          # or why Claude Code stops before any request
      "model": MODEL,                         # the main thread
      "main_agent": null,                     # the agent the main thread runs as (--agent, agent)
      "agents": [{"name": "...", "scope": "project|user|managed|built-in", "path": "..."|null,
                  "configured": <frontmatter model as written, or null>,
                  "shadows": ["paths of same-name definitions it overrides"],
                  "launchable": true,   # false when the main thread's agent lacks the Agent tool
                  "model": MODEL}],
      "settings": [{"key": "permissions.allow", "value": ..., "sources": ["layer", ...]}],
      "env": {"ANTHROPIC_MODEL": {"value": "...", "source": "..."}},   # model variables only
      "layers": [{"scope": "...", "path": "...", "status": "loaded|missing|dropped|
                  entries-skipped|entries-dropped|unreadable|fatal", "problems": ["..."]}],
      "warnings": [{"kind": "dropped-file|skipped-entries|managed-invalid|managed-unreadable|
                    available-models|floating-alias|verbatim|subagent-env|unknown-agent|
                    skipped-agent|duplicate-agent|no-agent-tool|env|policy|claude-version|fatal",
                    "message": "..."}],
      "policy": null | {"source": "claude-tiers.yaml", "error": null|"why it could not be loaded",
                 "project": "services/api", "covered": true, "preset": "...", "rule":
                 "projects[0] 'services/*'"|"default"|"", "reason": "...", "tier": 2,
                 "model": "<the main model it wants>", "limits": "max-tier 2 (limits)"|"none",
                 "note": null|"..."},
      "alias_snapshot": "2.1.330",   # the catalog snapshot aliases were resolved with
      "today": "2026-12-02"          # the day retirements were judged on
    }

    MODEL = {"value": <the configured string that won, or null>, "resolved": "<id sent>"|null,
             "source": "<what decided it, in words>", "kind": "flag|agent|settings-env|
             process-env|settings|default|inherit|frontmatter|subagent-env|forced|
             available-models|fatal", "requested": "<id before availableModels>"|null,
             "tier": 1|2|3|null (the policy's tiers remap applied), "display_name": "..."|null,
             "price": "$3/$15 per MTok"|null, "input_price": 3.0|null, "output_price": 15.0|null,
             "overrides": [{"source": "...", "value": "...", "kind": "..."}], "notes": ["..."],
             "remap": null | {"alias": "opus", "variable": "ANTHROPIC_DEFAULT_OPUS_MODEL",
                              "value": "claude-opus-4-6", "source": "env.ANTHROPIC_DEFAULT_OPUS_MODEL
                              in project .claude/settings.json"}}

``policy``, ``alias_snapshot``, ``today``, ``remap``, the ``unreadable`` status and the warning
kinds ``managed-unreadable``, ``duplicate-agent``, ``policy`` and ``claude-version`` were added
after version 1 first shipped (additions only; ``version`` stays 1).

Secret values (``env`` credentials, tokens anywhere) are masked as ``****`` in both formats.
"""

from __future__ import annotations

import base64
import json
import os
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from claude_tiers import jsonio
from claude_tiers.discover import LINKED_OUT, outside_link
from claude_tiers.errors import DocumentError, UserError
from claude_tiers.explain import (AgentDef, Explanation, Layer, ModelChoice, PolicyView, Request, explain,
                                  json_safe)
from claude_tiers.redact import MASK, looks_secret_name, redact, secrets_in
from claude_tiers.scopes import LOCAL_FILE, PROJECT_FILE, managed_dir as os_managed_dir, user_config_dir

__all__ = ["gather", "run", "render_text", "render_json", "to_json", "find_git_root", "agent_files",
           "read_agents", "secrets_of"]


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


def find_git_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` holding ``.git`` (a folder or a file), else None."""
    here = start.resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return None


def _display(path: Path, base: Path, home: Path | None) -> str:
    try:
        rel = path.resolve().relative_to(base.resolve())
        return rel.as_posix()
    except ValueError:
        pass
    if home is not None:
        try:
            return "~/" + path.resolve().relative_to(home.resolve()).as_posix()
        except ValueError:
            pass
    return str(path)


def read_layer(scope: str, path: Path, display: str) -> Layer:
    """One settings file as a :class:`Layer` (missing, unreadable and unparsable files included).

    Read as Claude Code 2.1.330 reads it: a UTF-8 BOM is skipped and an empty file is ``{}``
    (observed for user, project, local, ``--settings`` and managed files).
    """
    try:
        doc = jsonio.load(path, display, tolerant=True)
    except DocumentError as exc:
        if exc.kind == "missing":
            return Layer(scope, display, exists=False)
        if scope in ("project", "local") and outside_link(path) is not None:
            exc = exc.without_content(LINKED_OUT)
        where = f"line {exc.line}, column {exc.column or 1}: " if exc.line else ""
        return Layer(scope, display, error=where + exc.message, error_kind=exc.kind)
    return Layer(scope, display, doc.data)


def _settings_arg(value: str) -> Layer:
    """``--settings FILE|JSON`` as Claude Code 2.1.330 takes it (observed).

    A value that parses as a JSON object (surrounding blanks allowed) is inline settings;
    anything else is a path, so ``'{"model": '`` is a file that does not exist. A missing
    file, a directory or an unreadable file stops Claude Code (exit 1) before any request;
    a file that is not valid JSON is dropped like any settings file.
    """
    text = value.strip()
    if text.startswith("{"):
        try:
            doc = jsonio.parse(text, "--settings")
        except DocumentError:
            doc = None
        if doc is not None and isinstance(doc.data, dict):
            return Layer("flag", "(inline JSON)", doc.data)
    path = Path(value).expanduser()
    layer = read_layer("flag", path, value)
    shown = str(path.absolute())
    if not layer.exists:
        return Layer("flag", value, error=f"Settings file not found: {shown}", error_kind="fatal")
    if layer.error_kind == "not-a-file":
        why = "EISDIR: illegal operation on a directory, read" if path.is_dir() else layer.error
        return Layer("flag", value, error=f"Cannot use settings file ({why}): {shown}", error_kind="fatal")
    if layer.error_kind in ("unreadable", "too-large"):
        return Layer("flag", value, error=f"Error processing settings: {layer.error} ({shown})",
                     error_kind="fatal")
    return layer


def managed_layers(folder: Path) -> list[Layer]:
    """``managed-settings.json`` then ``managed-settings.d/*.json`` by name (hidden files skipped)."""
    layers: list[Layer] = []
    base = folder / "managed-settings.json"
    if base.exists():
        layers.append(read_layer("managed", base, str(base)))
    dropins = folder / "managed-settings.d"
    if dropins.is_dir():
        for path in sorted(dropins.iterdir(), key=lambda p: p.name):
            if path.name.endswith(".json") and not path.name.startswith(".") and path.is_file():
                layers.append(read_layer("managed", path, str(path)))
    return layers


def agent_files(folder: Path) -> list[Path]:
    """Every ``*.md`` below an ``agents`` folder, recursively, sorted by path as a string.

    That order matters: of two files in one folder that give the same ``name``, Claude Code
    2.1.330 uses the later one (observed: ``b.md`` over ``a.md``, ``z/b.md`` over ``m.md``,
    ``a/b.md`` over ``a-b.md`` and over ``a.b.md``: code-point order, ``B.md`` before ``a.md``).
    The listing is :func:`claude_tiers.discover.definition_files` (git-ignored agent files
    included: Claude Code loads them all the same).
    """
    from claude_tiers.discover import definition_files
    from claude_tiers.lint.base import AGENT

    if folder.name != "agents":
        raise ValueError(f"agent_files: {folder} is not an agents folder")
    return definition_files(folder.parent, AGENT, claude_dir=True)


def read_agents(folder: Path, scope: str, base: Path, home: Path | None) -> list[AgentDef]:
    """The agent definitions in one ``agents`` folder; files Claude Code skips carry a ``problem``."""
    from claude_tiers import frontmatter

    out: list[AgentDef] = []
    for path in agent_files(folder):
        shown = _display(path, base, home)
        try:
            fm = frontmatter.read(path, shown)
        except DocumentError as exc:
            out.append(AgentDef(path.stem, scope, shown, problem=f"frontmatter does not parse: {exc.message}"))
            continue
        if fm is None:
            out.append(AgentDef(path.stem, scope, shown, problem="no frontmatter"))
            continue
        name = fm.data.get("name")
        problem = None
        if not isinstance(name, str) or not name.strip():
            problem = "no name in the frontmatter"
        elif ":" in name or name.startswith("-"):
            problem = f"name {name!r} has a ':' or starts with '-'"
        elif not isinstance(fm.data.get("description"), str) or not str(fm.data.get("description")).strip():
            problem = "no description in the frontmatter"
        model = fm.data.get("model")
        if isinstance(model, (bytes, bytearray)):
            # observed: Claude Code's YAML reader keeps `!!binary aGVsbG8=` as the text "aGVsbG8="
            model = base64.b64encode(bytes(model)).decode("ascii")
        out.append(AgentDef(name if isinstance(name, str) and name else path.stem, scope, shown,
                            model, "model" in fm.data, problem,
                            fm.data.get("tools"), fm.data.get("disallowedTools")))
    return out


GIT_ROOT_LOCAL_SINCE = (2, 1, 211)
"""Claude Code reads ``settings.local.json`` at the git root from 2.1.211 on (facts file, 1.1)."""


def reads_git_root_local(claude_version: str | None) -> bool:
    """Does this Claude Code version read the git root's ``settings.local.json``?"""
    if claude_version is None:
        return True
    from claude_tiers.catalog import parse_version

    return parse_version(claude_version) >= GIT_ROOT_LOCAL_SINCE


def policy_view(start: Path) -> tuple[PolicyView | None, dict[int, str] | None]:
    """The tier policy (``claude-tiers.yaml``...) for ``start``, and its tier models.

    None without a policy; a policy that cannot be loaded is a view with ``error`` set (explain
    still explains; it warns).
    """
    from claude_tiers import config as config_mod
    from claude_tiers.errors import TiersError
    from claude_tiers.policy import Policy

    try:
        found = config_mod.find_config(start)
    except OSError:
        found = None
    if found is None:
        return None, None
    shown = str(found)
    try:
        conf = config_mod.load(start)
        if not conf.has_policy or conf.path is None:
            return None, None
        policy = Policy.from_config(conf)
        decision = policy.decision_for_dir(start)
    except (TiersError, OSError, ValueError) as exc:
        return PolicyView(shown, error=str(exc)), None
    tiers = {int(k): str(v) for k, v in policy.tiers.items()}
    if decision is None:
        return PolicyView(policy.source, error=None, covered=False,
                          note=f"{start} is outside the policy's root {policy.root}"), tiers
    return PolicyView(policy.source, project=decision.project, preset=decision.preset,
                      rule=decision.rule, reason=decision.reason,
                      tier=decision.tier if isinstance(decision.tier, (int, str)) else None,
                      model=decision.model, limits=decision.limits.describe(),
                      covered=decision.covered), {int(k): str(v) for k, v in decision.tiers.items()}


def gather(directory: Path, *, home: Path | None = None, env: Mapping[str, str] | None = None,
           settings: str | None = None, managed_dir: Path | None = None, model: str | None = None,
           agent: str | None = None, claude_version: str | None = None,
           today: str | None = None, use_policy: bool = True) -> Request:
    """Read every layer and agent file of ``directory`` into a :class:`Request`."""
    if not directory.is_dir():
        raise UserError(f"{directory}: not a directory")
    environ = dict(os.environ if env is None else env)
    home_dir = home if home is not None else Path(environ.get("HOME") or Path.home())
    start = directory.resolve()
    user_dir = user_config_dir(environ, home_dir, start)
    layers: list[Layer] = []
    user_file = user_dir / "settings.json"
    layers.append(read_layer("user", user_file, _display(user_file, start, home_dir)))
    layers.append(read_layer("project", start / PROJECT_FILE, PROJECT_FILE.as_posix()))
    layers.append(read_layer("local", start / LOCAL_FILE, LOCAL_FILE.as_posix()))
    root = find_git_root(start)
    if root is not None and root != start and root != home_dir.resolve() and reads_git_root_local(claude_version):
        root_local = root / LOCAL_FILE
        layers.append(read_layer("local", root_local, _display(root_local, start, home_dir)
                                 if root_local.exists() else str(root_local)))
    if settings is not None:
        layers.append(_settings_arg(settings))
    mdir = managed_dir if managed_dir is not None else os_managed_dir()
    layers.extend(managed_layers(mdir))
    agents: list[AgentDef] = []
    # Request.agents: highest precedence first within a scope. In one folder the later file of
    # a name wins (agent_files); of two folders, the one closer to the start directory wins.
    agents.extend(reversed(read_agents(mdir / ".claude" / "agents", "managed", start, home_dir)))
    stop = root if root is not None else Path(start.anchor)
    for folder in (start, *start.parents):
        candidate = folder / ".claude" / "agents"
        if candidate.parent.resolve() != user_dir.resolve():
            agents.extend(reversed(read_agents(candidate, "project", start, home_dir)))
        if folder == stop:
            break
    agents.extend(reversed(read_agents(user_dir / "agents", "user", start, home_dir)))
    policy, tiers = policy_view(start) if use_policy else (None, None)
    return Request(tuple(layers), environ, model, agent, tuple(agents), claude_version, str(directory),
                   today=today or date.today().isoformat(), policy=policy, tiers=tiers)


def secrets_of(req: Request) -> set[str]:
    """Every secret value the request holds (settings data and credential-named env vars)."""
    found: set[str] = set()
    for layer in req.layers:
        if isinstance(layer.data, dict):
            found |= secrets_in(layer.data)
    for name, value in req.env.items():
        if value and looks_secret_name(name) and value not in ("true", "false", "0", "1"):
            found.add(value)
    return found


def run(directory: Path, **kwargs: Any) -> tuple[Explanation, set[str]]:
    """Gather and explain one directory; returns the explanation and the secrets to mask."""
    version = kwargs.get("claude_version")
    if version is not None:
        from claude_tiers.catalog import parse_version

        try:
            parse_version(version)
        except ValueError:
            raise UserError(f"--claude-version {version!r} is not a version such as 2.1.330") from None
    req = gather(directory, **kwargs)
    return explain(req), secrets_of(req)


# --------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------


def _model_json(m: ModelChoice) -> dict[str, Any]:
    return {
        "value": m.value, "resolved": m.resolved, "source": m.source, "kind": m.kind,
        "requested": m.requested, "tier": m.tier, "display_name": m.display_name, "price": m.price,
        "input_price": m.input_price, "output_price": m.output_price,
        "overrides": [{"source": c.source, "value": c.value, "kind": c.kind} for c in m.overridden],
        "notes": list(m.notes),
        "remap": None if m.remap is None else {"alias": m.remap.alias, "variable": m.remap.variable,
                                               "value": m.remap.value, "source": m.remap.source},
    }


def _policy_json(p: PolicyView | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {"source": p.source, "error": p.error, "project": p.project, "covered": p.covered,
            "preset": p.preset, "rule": p.rule, "reason": p.reason, "tier": p.tier, "model": p.model,
            "limits": p.limits, "note": p.note}


def _mask_env_value(key: str, value: Any) -> Any:
    parts = key.split(".")
    if len(parts) == 2 and parts[0] == "env" and looks_secret_name(parts[1]) and isinstance(value, str) and value:
        return MASK
    return value


def to_json(expl: Explanation) -> dict[str, Any]:
    """The documented JSON object (not yet redacted)."""
    return {
        "version": 1,
        "directory": expl.directory,
        "claude_version": expl.claude_version,
        "default_model": expl.default_model,
        "fatal": expl.fatal,
        "model": _model_json(expl.model),
        "main_agent": expl.main_agent,
        "agents": [{"name": a.name, "scope": a.scope, "path": a.path, "configured": a.configured,
                    "shadows": list(a.shadows), "launchable": a.launchable,
                    "model": _model_json(a.model)} for a in expl.agents],
        "settings": [{"key": r.key, "value": _mask_env_value(r.key, r.value), "sources": list(r.sources)}
                     for r in expl.settings],
        "env": {k: {"value": MASK if looks_secret_name(k) else v, "source": s}
                for k, (v, s) in expl.env.items()},
        "layers": [{"scope": r.scope, "path": r.path, "status": r.status, "problems": list(r.problems)}
                   for r in expl.layers],
        "warnings": [{"kind": n.kind, "message": n.message} for n in expl.warnings],
        "policy": _policy_json(expl.policy),
        "alias_snapshot": expl.alias_snapshot,
        "today": expl.today,
    }


def render_json(expl: Explanation, secrets: Iterable[str] = ()) -> str:
    """``--format json``: the object of :func:`to_json`, redacted, with a final newline.

    Every value is made JSON first (a frontmatter ``!!binary``, ``!!set`` or ``.nan`` cannot
    break the output).
    """
    doc = json_safe(to_json(expl))
    return redact(json.dumps(doc, indent=2, ensure_ascii=False, allow_nan=False), secrets) + "\n"


def _short(value: Any, secrets: Iterable[str] = (), limit: int = 60) -> str:
    """A value as JSON, secrets masked first (a cut must not leave half a secret), then cut."""
    text = redact(json.dumps(json_safe(value), ensure_ascii=False), secrets)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _label(m: ModelChoice) -> str:
    """``claude-sonnet-4-6  (tier 1, Claude Sonnet 4.6, $3/$15 per MTok)``."""
    if m.resolved is None:
        return "(no request)"
    if m.resolved == "":
        return '"" (the empty string)'
    bits = []
    if m.tier is not None:
        bits.append(f"tier {m.tier}")
    if m.display_name:
        bits.append(m.display_name)
    if m.price:
        bits.append(m.price)
    elif m.display_name is None:
        bits.append("not in the model catalog")
    return f"{m.resolved}  ({', '.join(bits)})"


def _table(rows: Sequence[tuple[str, ...]], secrets: Iterable[str] = (), indent: str = "  ") -> list[str]:
    """Aligned columns; every cell is masked before the widths are measured."""
    shown = [tuple(redact(cell, secrets) for cell in row) for row in rows]
    widths = [max(len(r[i]) for r in shown) for i in range(len(shown[0]) - 1)]
    out = []
    for row in shown:
        cells = [cell.ljust(w) for cell, w in zip(row, widths)] + [row[-1]]
        out.append((indent + "  ".join(cells)).rstrip())
    return out


def _policy_lines(expl: Explanation, secrets: Iterable[str]) -> list[str]:
    p = expl.policy
    if p is None:
        return []
    out = ["", "policy"]
    if p.error is not None:
        return [*out, f"  could not be loaded: {p.error}"]
    rows: list[tuple[str, str]] = [("file", p.source)]
    if p.note is not None:
        rows.append(("applies", p.note))
    else:
        rows.append(("project", p.project or "."))
        if not p.covered:
            rows.append(("rule", "none: no projects rule and no default cover it"))
        else:
            rows.append(("rule", p.rule + (f" ({p.reason})" if p.reason else "")))
            rows.append(("preset", str(p.preset)))
        if p.tier is not None or p.model:
            rows.append(("wants", " ".join(x for x in (f"tier {p.tier}" if p.tier is not None else "",
                                                       p.model or "") if x)))
        if p.limits and p.limits != "none":
            rows.append(("limits", p.limits))
    return [*out, *_table(rows, secrets)]


def render_text(expl: Explanation, secrets: Iterable[str] = ()) -> str:
    """``--format text``: the model, the effective settings, layers, subagents, policy, warnings."""
    secrets = tuple(secrets)
    out: list[str] = []
    m = expl.model
    if expl.fatal is not None:
        out.append("model  none: Claude Code stops before any request")
        out.append(f"  because  {expl.fatal}")
    else:
        out.append(f"model  {_label(m)}")
        rows: list[tuple[str, str]] = []
        rows.append(("configured", "nothing (the built-in default)" if m.value is None
                     else json.dumps(m.value, ensure_ascii=False)))
        overridden = m.overridden
        if m.requested is not None and m.requested != m.resolved and m.overridden:
            rows.append(("asked for", f"{m.requested}, by {m.overridden[0].source}"))
            overridden = m.overridden[1:]
        rows.append(("decided by", m.source))
        if m.remap is not None:
            rows.append(("pinned by", f"{m.remap.variable} ({m.remap.source}): {m.remap.alias} does not float"))
        if expl.main_agent:
            rows.append(("runs as", f"agent {expl.main_agent}"))
        for cand in overridden:
            rows.append(("overrides", f"{json.dumps(cand.value, ensure_ascii=False)}, {cand.source}"))
        snapshot = "" if expl.alias_snapshot in ("", expl.claude_version) else \
            f", aliases as in {expl.alias_snapshot}"
        rows.append(("claude code", f"{expl.claude_version} (built-in default {expl.default_model}{snapshot})"))
        out.extend(_table(rows, secrets))
    out.append("")
    out.append("settings in effect (sources lowest first)")
    if not expl.settings:
        out.append("  none: every key has its default")
    else:
        out.extend(_table([(r.key, _short(_mask_env_value(r.key, r.value), secrets), ", ".join(r.sources))
                           for r in expl.settings], secrets))
    out.append("")
    out.append("layers (lowest precedence first)")
    out.extend(_table([(layer.scope, layer.path, layer.status) for layer in expl.layers] or [("(none)", "")],
                      secrets))
    if expl.agents:
        out.append("")
        out.append("subagents (model when the Agent tool launches them)")
        rows3: list[tuple[str, str]] = []
        for a in expl.agents:
            where = a.scope + (f", overrides {', '.join(a.shadows)}" if a.shadows else "")
            rows3.append((a.name, _label(a.model)))
            rows3.append(("", f"{a.model.source} [{where}]" + ("" if a.launchable else "; cannot be launched")))
        out.extend(_table(rows3, secrets))
    out.extend(_policy_lines(expl, secrets))
    if expl.warnings:
        out.append("")
        out.append("warnings")
        for note in expl.warnings:
            out.append(f"  ! {note.message}")
    return redact("\n".join(out) + "\n", secrets)


def render(expl: Explanation, fmt: str, secrets: Iterable[str] = ()) -> str:
    """Render in ``fmt`` (``text`` or ``json``)."""
    return render_json(expl, secrets) if fmt == "json" else render_text(expl, secrets)


def parse_env_args(pairs: Sequence[str], base: Mapping[str, str]) -> dict[str, str]:
    """``--env KEY=VALUE`` pairs laid over ``base``."""
    out = dict(base)
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise UserError(f"--env {pair!r}: expected KEY=VALUE")
        out[key] = value
    return out
