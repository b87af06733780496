"""Presets: named model-tier profiles in YAML, found, validated and resolved here only.

A name is looked up in ``.claude-tiers/presets/NAME.yaml`` walking up from the target
directory (user presets win over built-ins of the same name), then among the built-in
``presets/``. Anything with a path separator or a ``.yaml``/``.yml`` suffix is a path.
``extends`` chains are resolved in order (cycles reported; a preset extending its own name
extends the one it shadows) and every file is validated against
``schemas/preset.schema.json``, its ``settings`` against the Claude Code settings schema and
its model strings with :mod:`claude_tiers.modelstr` (:func:`preset_problems`).
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Mapping

from claude_tiers import resources
from claude_tiers.errors import DocumentError, PresetError
from claude_tiers.merge import merge

USER_PRESETS = Path(".claude-tiers") / "presets"
SCHEMA = "preset.schema.json"


@dataclass(frozen=True)
class Rule:
    """A frontmatter rule: files whose name matches ``match`` get ``model`` (or ``tier``'s model)."""

    match: str
    model: str | None
    tier: int | None
    reason: str
    preset: str

    def matches(self, name: str) -> bool:
        """Case-sensitive shell-glob match on an agent or command name."""
        return fnmatch.fnmatchcase(name, self.match)

    def target(self, tiers: Mapping[int, str]) -> str:
        """The model this rule sets, with tiers resolved through ``tiers``."""
        if self.model is not None:
            return self.model
        assert self.tier is not None
        return tiers[self.tier]


@dataclass(frozen=True)
class Preset:
    """A preset with its ``extends`` chain already resolved."""

    name: str
    description: str
    when: str
    tier: int | None
    settings: dict[str, Any]
    remove: tuple[str, ...]
    agents: tuple[Rule, ...]
    commands: tuple[Rule, ...]
    source: str
    chain: tuple[str, ...] = field(default=())  # names merged, base first, this one last

    def agent_rule(self, name: str) -> Rule | None:
        """The first agent rule matching ``name``."""
        return next((r for r in self.agents if r.matches(name)), None)

    def command_rule(self, name: str) -> Rule | None:
        """The first command rule matching ``name``."""
        return next((r for r in self.commands if r.matches(name)), None)


def _is_path(ref: str) -> bool:
    return os.sep in ref or "/" in ref or ref.endswith((".yaml", ".yml"))


def _user_dirs(start: Path) -> Iterator[Path]:
    here = start.resolve()
    for directory in (here, *here.parents):
        candidate = directory / USER_PRESETS
        if candidate.is_dir():
            yield candidate


def find_preset(ref: str, start: Path | None = None, relative_to: Path | None = None,
                skip: Path | None = None) -> Path:
    """The file a preset reference names; PresetError listing the known names when none.

    A relative path is taken from ``relative_to`` (the extending preset's folder) when given.
    ``skip`` is the extending preset: when ``ref`` is its own name, the preset it shadows is
    meant (a user ``sonnet-default.yaml`` saying ``extends: sonnet-default`` extends the next
    one of that name: in a user folder further up, else the built-in), never itself.
    """
    if _is_path(ref):
        path = Path(ref).expanduser()
        if relative_to is not None and not path.is_absolute():
            path = relative_to / path
        if not path.is_file():
            raise PresetError(f"preset file not found: {ref}")
        return path
    candidates = [directory / f"{ref}{suffix}" for directory in _user_dirs(start or Path.cwd())
                  for suffix in (".yaml", ".yml")]
    candidates.append(resources.presets_dir() / f"{ref}.yaml")
    found = [c for c in candidates if c.is_file()]
    if skip is not None and skip.stem == ref:
        # A preset extending its own name means the one it shadows: the next one in order.
        real = [c.resolve() for c in found]
        mine = skip.resolve()
        if mine in real:
            found = found[real.index(mine) + 1:]
    if found:
        return found[0]
    known = ", ".join(sorted(available(start)))
    raise PresetError(f"unknown preset '{ref}' (known: {known}); "
                      "or give a path to a preset .yaml file")


def available(start: Path | None = None) -> dict[str, Path]:
    """Every preset name visible from ``start``: built-ins, then user presets overriding them."""
    found = {p.stem: p for p in sorted(resources.presets_dir().glob("*.yaml"))}
    for directory in reversed(list(_user_dirs(start or Path.cwd()))):
        for path in sorted(directory.glob("*.y*ml")):
            found[path.stem] = path
    return found


def _read(path: Path) -> dict[str, Any]:
    from claude_tiers import schema
    from claude_tiers.yamlio import load_yaml

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PresetError(f"{path}: cannot read preset: {exc}") from None
    try:
        data = load_yaml(text, str(path))
    except DocumentError as exc:
        raise PresetError(exc.render()) from None
    if not isinstance(data, dict):
        raise PresetError(f"{path}: a preset is a YAML mapping (name, description, settings, ...)")
    issues = schema.validate(data, SCHEMA)
    if issues:
        where = "; ".join(f"{i.pointer or '/'}: {i.message}" for i in issues[:5])
        raise PresetError(f"{path}: invalid preset: {where}")
    declared = data.get("name")
    if declared is not None and declared != path.stem:
        raise PresetError(f"{path}: preset name '{declared}' does not match its file name "
                          f"'{path.stem}'")
    problems = preset_problems(data)
    if problems:
        from claude_tiers.yamlio import position_of, positions

        found = positions(text)
        placed = sorted(((position_of(found, where), where, message)
                         for where, message in problems), key=lambda p: p[0])
        shown = []
        for (line, col), parts, message in placed[:5]:
            place = f"{path}:{line}:{col}" if line else str(path)
            shown.append(f"{place}: {'.'.join(parts)}: {message}")
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        raise PresetError("invalid preset: " + "; ".join(shown) + more)
    return data


# Settings keys holding one model string, and the modelstr context each is checked in.
_MODEL_SETTINGS = {"model": "settings", "advisorModel": "settings"}


def _env_context(name: str) -> str | None:
    if name == "CLAUDE_CODE_SUBAGENT_MODEL":
        return "subagent-env"
    if name.startswith(("ANTHROPIC_", "CLAUDE_CODE_")) and name.endswith("_MODEL"):
        return "env"
    return None


def preset_problems(data: Mapping[str, Any]) -> list[tuple[tuple[str, ...], str]]:
    """What in a preset would make Claude Code drop, skip or ignore what it writes.

    (path, message) pairs: NaN or infinite numbers (not JSON), every issue the settings schema
    finds in ``settings`` (a preset must write only values Claude Code uses), and model
    strings Claude Code does not accept where they stand (with the did-you-mean of
    :mod:`claude_tiers.modelstr`), in ``settings`` and in the agent and command rules.
    """
    from claude_tiers import jsonio, schema

    out: list[tuple[tuple[str, ...], str]] = []
    settings = data.get("settings")
    if isinstance(settings, dict):
        bad = jsonio.non_finite(settings)
        if bad is not None:
            out.append((("settings", *jsonio.split_pointer(bad)), "NaN and infinite numbers are "
                        "not JSON (Claude Code would ignore the whole settings file)"))
        else:
            for issue in schema.validate(settings):
                what = {"drop-file": "Claude Code would ignore the whole settings file",
                        "skip-entry": "Claude Code would skip this entry"}.get(
                            issue.consequence, "Claude Code would not use this value")
                out.append((("settings", *jsonio.split_pointer(issue.pointer)),
                            f"{issue.message} ({what})"))
        for key, context in _MODEL_SETTINGS.items():
            _check_model(settings.get(key), ("settings", key), context, out)
        chain = settings.get("fallbackModel")
        if isinstance(chain, list):
            for index, item in enumerate(chain):
                _check_model(item, ("settings", "fallbackModel", str(index)), "settings", out)
        env = settings.get("env")
        if isinstance(env, dict):
            for name, value in env.items():
                env_context = _env_context(str(name))
                if env_context is not None:
                    _check_model(value, ("settings", "env", str(name)), env_context, out)
    for kind, context in (("agents", "agent"), ("commands", "command")):
        rules = data.get(kind)
        if isinstance(rules, list):
            for index, rule in enumerate(rules):
                if isinstance(rule, dict):
                    _check_model(rule.get("model"), (kind, str(index), "model"), context, out)
    return out


def _check_model(value: object, where: tuple[str, ...], context: str,
                 out: list[tuple[tuple[str, ...], str]]) -> None:
    if not isinstance(value, str):
        return  # absent, or a wrong type the schema reports
    from claude_tiers.modelstr import classify

    ref = classify(value)
    if ref.is_valid_in(context):
        return
    hint = f"; did you mean '{ref.suggestion}'?" if ref.suggestion and ref.suggestion != value \
        else ""
    reason = f" ({ref.reason})" if ref.reason else ""
    out.append((where, f"model {value!r} is not accepted there{reason}{hint}"))


def load_preset(ref: str, start: Path | None = None) -> Preset:
    """Find, validate and resolve a preset (its ``extends`` chain merged in order)."""
    return _resolve(ref, start, ())


def _resolve(ref: str, start: Path | None, stack: tuple[str, ...],
             relative_to: Path | None = None, skip: Path | None = None) -> Preset:
    path = find_preset(ref, start, relative_to, skip)
    key = str(path.resolve())
    if key in stack:
        names = " -> ".join(Path(p).stem for p in (*stack, key))
        raise PresetError(f"preset extends itself in a cycle: {names}")
    data = _read(path)
    name = path.stem
    parents_ref = data.get("extends", [])
    parents = [parents_ref] if isinstance(parents_ref, str) else list(parents_ref)
    settings: dict[str, Any] = {}
    remove: list[str] = []
    agents: list[Rule] = []
    commands: list[Rule] = []
    chain: list[str] = []
    tier = None
    for parent_ref in parents:
        parent = _resolve(parent_ref, start, (*stack, key), path.parent, skip=path)
        settings = merge(settings, parent.settings)
        remove.extend(r for r in parent.remove if r not in remove)
        agents = list(parent.agents) + agents
        commands = list(parent.commands) + commands
        chain.extend(c for c in parent.chain if c not in chain)
        tier = parent.tier if parent.tier is not None else tier
    settings = merge(settings, data.get("settings", {}))
    remove.extend(r for r in data.get("remove", []) if r not in remove)
    # The child's own rules come first: the first match wins, so a child overrides its base.
    agents = [_rule(r, name) for r in data.get("agents", [])] + agents
    commands = [_rule(r, name) for r in data.get("commands", [])] + commands
    chain.append(name)
    return Preset(
        name=name,
        description=str(data.get("description", "")),
        when=str(data.get("when", "")),
        tier=data.get("tier", tier),
        settings=settings,
        remove=tuple(remove),
        agents=tuple(agents),
        commands=tuple(commands),
        source=str(path),
        chain=tuple(chain),
    )


def _rule(raw: Mapping[str, Any], preset: str) -> Rule:
    return Rule(match=str(raw["match"]), model=raw.get("model"), tier=raw.get("tier"),
                reason=str(raw.get("reason", "")), preset=preset)
