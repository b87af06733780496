"""``claude-tiers explain [DIR]``: read the layers of a directory and render what Claude Code runs.

Reads (never executes: no ``apiKeyHelper``, hooks or ``statusLine``) the managed settings
(``managed-settings.json`` then ``managed-settings.d/*.json`` by name), the user file
(``$CLAUDE_CONFIG_DIR`` or ``~/.claude``; ``--home`` replaces ``~``), the project file of DIR,
the local file of DIR and, from Claude Code 2.1.211 on, the one at the git root (which wins per
key), an optional ``--settings`` file or inline JSON, and the agent files (managed, every
``.claude/agents`` from DIR up to the git root, closest first, and the user's). The resolution
itself is :func:`claude_tiers.explain.explain`.

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
                  entries-skipped|entries-dropped|fatal", "problems": ["..."]}],
      "warnings": [{"kind": "dropped-file|skipped-entries|managed-invalid|available-models|
                    floating-alias|verbatim|subagent-env|unknown-agent|skipped-agent|no-agent-tool|env|
                    fatal",
                    "message": "..."}]
    }

    MODEL = {"value": <the configured string that won, or null>, "resolved": "<id sent>"|null,
             "source": "<what decided it, in words>", "kind": "flag|agent|settings-env|
             process-env|settings|default|inherit|frontmatter|subagent-env|forced|
             available-models|fatal", "requested": "<id before availableModels>"|null,
             "tier": 1|2|3|null, "display_name": "..."|null, "price": "$3/$15 per MTok"|null,
             "input_price": 3.0|null, "output_price": 15.0|null,
             "overrides": [{"source": "...", "value": "...", "kind": "..."}], "notes": ["..."]}

Secret values (``env`` credentials, tokens anywhere) are masked as ``****`` in both formats.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from claude_tiers import jsonio
from claude_tiers.errors import DocumentError, UserError
from claude_tiers.explain import AgentDef, Explanation, Layer, ModelChoice, Request, explain
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
    """One settings file as a :class:`Layer` (missing and unparsable files included)."""
    try:
        doc = jsonio.load(path, display)
    except DocumentError as exc:
        if exc.kind == "missing":
            return Layer(scope, display, exists=False)
        where = f"line {exc.line}, column {exc.column or 1}: " if exc.line else ""
        return Layer(scope, display, error=where + exc.message)
    return Layer(scope, display, doc.data)


def _settings_arg(value: str) -> Layer:
    text = value.strip()
    if text.startswith("{"):
        try:
            return Layer("flag", "(inline JSON)", jsonio.parse(text, "--settings").data)
        except DocumentError as exc:
            return Layer("flag", "(inline JSON)", error=exc.message)
    path = Path(value).expanduser()
    layer = read_layer("flag", path, value)
    if not layer.exists:
        raise UserError(f"--settings {value}: no such file")
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
    """Every ``*.md`` below an ``agents`` folder, recursively, sorted.

    Not :mod:`claude_tiers.discover`: that one skips git-ignored files (right for linting), while
    Claude Code loads a git-ignored agent file all the same.
    """
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*.md") if p.is_file())


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
        out.append(AgentDef(name if isinstance(name, str) and name else path.stem, scope, shown,
                            fm.data.get("model"), "model" in fm.data, problem,
                            fm.data.get("tools"), fm.data.get("disallowedTools")))
    return out


def gather(directory: Path, *, home: Path | None = None, env: Mapping[str, str] | None = None,
           settings: str | None = None, managed_dir: Path | None = None, model: str | None = None,
           agent: str | None = None, claude_version: str | None = None) -> Request:
    """Read every layer and agent file of ``directory`` into a :class:`Request`."""
    if not directory.is_dir():
        raise UserError(f"{directory}: not a directory")
    environ = dict(os.environ if env is None else env)
    home_dir = home if home is not None else Path(environ.get("HOME") or Path.home())
    user_dir = user_config_dir(environ, home_dir)
    start = directory.resolve()
    layers: list[Layer] = []
    user_file = user_dir / "settings.json"
    layers.append(read_layer("user", user_file, _display(user_file, start, home_dir)))
    layers.append(read_layer("project", start / PROJECT_FILE, PROJECT_FILE.as_posix()))
    layers.append(read_layer("local", start / LOCAL_FILE, LOCAL_FILE.as_posix()))
    root = find_git_root(start)
    if root is not None and root != start and root != home_dir.resolve():
        root_local = root / LOCAL_FILE
        layers.append(read_layer("local", root_local, _display(root_local, start, home_dir)
                                 if root_local.exists() else str(root_local)))
    if settings is not None:
        layers.append(_settings_arg(settings))
    mdir = managed_dir if managed_dir is not None else os_managed_dir()
    layers.extend(managed_layers(mdir))
    agents: list[AgentDef] = []
    agents.extend(read_agents(mdir / ".claude" / "agents", "managed", start, home_dir))
    stop = root if root is not None else Path(start.anchor)
    for folder in (start, *start.parents):
        candidate = folder / ".claude" / "agents"
        if candidate.parent.resolve() != user_dir.resolve():
            agents.extend(read_agents(candidate, "project", start, home_dir))
        if folder == stop:
            break
    agents.extend(read_agents(user_dir / "agents", "user", start, home_dir))
    return Request(tuple(layers), environ, model, agent, tuple(agents), claude_version, str(directory))


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
    }


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
    }


def render_json(expl: Explanation, secrets: Iterable[str] = ()) -> str:
    """``--format json``: the object of :func:`to_json`, redacted, with a final newline."""
    return redact(json.dumps(to_json(expl), indent=2, ensure_ascii=False), secrets) + "\n"


def _short(value: Any, limit: int = 60) -> str:
    text = json.dumps(value, ensure_ascii=False)
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


def _table(rows: Sequence[tuple[str, ...]], indent: str = "  ") -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    out = []
    for row in rows:
        cells = [cell.ljust(w) for cell, w in zip(row, widths)] + [row[-1]]
        out.append((indent + "  ".join(cells)).rstrip())
    return out


def render_text(expl: Explanation, secrets: Iterable[str] = ()) -> str:
    """``--format text``: the model, the effective settings, layers, subagents, warnings."""
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
        if expl.main_agent:
            rows.append(("runs as", f"agent {expl.main_agent}"))
        for cand in overridden:
            rows.append(("overrides", f"{json.dumps(cand.value, ensure_ascii=False)}, {cand.source}"))
        rows.append(("claude code", f"{expl.claude_version} (built-in default {expl.default_model})"))
        out.extend(_table(rows))
    out.append("")
    out.append("settings in effect (sources lowest first)")
    if not expl.settings:
        out.append("  none: every key has its default")
    else:
        out.extend(_table([(r.key, _short(_mask_env_value(r.key, r.value)), ", ".join(r.sources))
                           for r in expl.settings]))
    out.append("")
    out.append("layers (lowest precedence first)")
    out.extend(_table([(layer.scope, layer.path, layer.status) for layer in expl.layers] or [("(none)", "")]))
    if expl.agents:
        out.append("")
        out.append("subagents (model when the Agent tool launches them)")
        rows3: list[tuple[str, str]] = []
        for a in expl.agents:
            where = a.scope + (f", overrides {', '.join(a.shadows)}" if a.shadows else "")
            rows3.append((a.name, _label(a.model)))
            rows3.append(("", f"{a.model.source} [{where}]" + ("" if a.launchable else "; cannot be launched")))
        out.extend(_table(rows3))
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
