"""The tier policy: which preset and which agent models each project of a repository gets.

A policy comes from the ``tiers``, ``default``, ``projects``, ``agents``, ``commands`` and
``limits`` sections of ``claude-tiers.yaml`` (or ``[tool.claude-tiers]``), read by
:mod:`claude_tiers.config`. :meth:`Policy.from_config` loads the presets it names (an
unknown preset, an unknown tier name or a policy that contradicts its own limits is a
:class:`~claude_tiers.errors.ConfigError`, exit 2); everything after that is pure:

* :meth:`Policy.resolve` maps a project folder (relative to the repository root, posix,
  ``.`` for the root) to a :class:`Decision`: the most specific ``projects`` rule whose glob
  matches wins (``*`` stays in one folder, ``**`` spans folders, ``dir/**`` also matches
  ``dir``; on a tie the rule listed first wins), else ``default``.
* A ``tiers`` remap changes the model of every preset on that tier: model strings in a
  preset equal to a catalog tier model become the policy's model for that tier, so one line
  in ``tiers`` moves every project on it. A policy's presets also remove
  ``env.ANTHROPIC_MODEL`` (unless they set it): it would beat the ``model`` they set.
* :meth:`Policy.preset_for` is the preset ``apply`` runs for a decision: the remapped preset
  with the policy's agent and command rules first (project rules, then global ones, then the
  preset's own; the first match wins).
* :func:`describe` and :func:`cite` say in words which rule applied and why (for ``explain``,
  ``lint`` and ``apply --check``).
"""

from __future__ import annotations

import dataclasses
import fnmatch
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping

from claude_tiers.errors import ConfigError, PresetError

if TYPE_CHECKING:
    from claude_tiers.config import Config, Limits as RawLimits, ModelRule
    from claude_tiers.presets import Preset

ROOT = "."
"""How the repository root itself is named as a project."""

_GLOB_CHARS = re.compile(r"[*?\[]")
_MODEL_KEYS = ("model", "advisorModel")
_MODEL_LISTS = ("fallbackModel", "availableModels")


# ----------------------------------------------------------------------------- data


@dataclass(frozen=True)
class PolicyRule:
    """An ``agents``/``commands`` rule with its model resolved and where it was written."""

    match: str
    model: str
    tier: int | str | None  # as written (None when the rule names a model)
    reason: str
    origin: str  # "agents[0]" or "projects[2].agents[0]"
    number: int | None = None  # the tier number the rule asks for (None: a model, or no number)
    position: str = ""  # "claude-tiers.yaml:12:5" when known

    def matches(self, name: str) -> bool:
        """Case-sensitive shell-glob match on an agent's ``name`` or a command's file name."""
        return fnmatch.fnmatchcase(name, self.match)


@dataclass(frozen=True)
class Limits:
    """The limits in force for one project (global ones overridden key by key by its rule)."""

    max_tier: int | None = None
    local_may_raise: bool = True
    allow_aliases: bool = True
    origin: Mapping[str, str] = field(default_factory=dict)  # limit -> "limits" / "projects[1].limits"
    # limit -> where it is set, in words: "claude-tiers.yaml:3:5 projects[1] 'research/**'
    # limits (hard problems)"; what the lint rules cite
    cited: Mapping[str, str] = field(default_factory=dict)

    def cite(self, key: str) -> str:
        """Where a limit (``max-tier``, ``local-may-raise``, ``allow-aliases``) is set, and why."""
        return self.cited.get(key) or self.origin.get(key, "limits")

    def describe(self, cited: bool = False) -> str:
        """``max-tier 2 (projects[1].limits), local-may-raise false``; ``none`` when unset.

        With ``cited``, each limit says where it is set and why (:meth:`cite`)."""
        def where(key: str) -> str:
            return self.cite(key) if cited else self.origin.get(key, "limits")

        parts = []
        if self.max_tier is not None:
            parts.append(f"max-tier {self.max_tier} ({where('max-tier')})")
        if not self.local_may_raise:
            parts.append(f"local-may-raise false ({where('local-may-raise')})")
        if not self.allow_aliases:
            parts.append(f"allow-aliases false ({where('allow-aliases')})")
        return ", ".join(parts) or "none"


@dataclass(frozen=True)
class ProjectPolicyRule:
    """A ``projects`` rule, validated, with its agent rules resolved."""

    index: int
    match: str
    preset: str | None  # a preset name, "tier N" for the tier shorthand, None: the default's
    reason: str
    agents: tuple[PolicyRule, ...]
    commands: tuple[PolicyRule, ...]
    limits: RawLimits | None
    regex: re.Pattern[str]
    specificity: tuple[int, int, int]
    position: str = ""  # "claude-tiers.yaml:12:5" when known

    @property
    def label(self) -> str:
        """``projects[2] 'services/*'``."""
        return f"projects[{self.index}] '{self.match}'"


@dataclass(frozen=True)
class Decision:
    """What the policy says about one project."""

    project: str  # posix path relative to the policy root ("." for the root)
    preset: str | None  # preset name (or "tier N"); None: no rule and no default cover it
    rule: str  # "projects[2] 'services/*'", "default", or "" when nothing covers it
    reason: str  # the rule's reason ("" when it gives none)
    agent_rules: tuple[PolicyRule, ...]  # project rules, then global ones, then the preset's
    command_rules: tuple[PolicyRule, ...]
    limits: Limits
    tier: int | str | None  # the project's tier
    model: str | None  # the main model the policy wants (after tier remaps)
    source: str  # the configuration file, as shown
    tiers: Mapping[int, str]  # tier number -> model, remaps applied
    settings: Mapping[str, Any] = field(default_factory=dict)  # the preset's fragment, remapped
    remove: tuple[str, ...] = ()  # the preset's removals
    position: str = ""  # where the deciding rule is written: "claude-tiers.yaml:12:5" ("" unknown)
    overrides: Mapping[int, str] = field(default_factory=dict)  # the policy's numeric remaps
    match: str = ""  # the deciding projects rule's glob ("" for default or no rule)

    def label(self, model: str | None, tier: int | None = None) -> str:
        """``model (tier N)`` under this policy's tiers (``tier``: the number a rule asked for)."""
        return label(model, self.tiers, tier, self.overrides)

    @property
    def covered(self) -> bool:
        """Does a ``projects`` rule or ``default`` give this project a preset?"""
        return self.preset is not None

    def agent_rule(self, name: str) -> PolicyRule | None:
        """The first policy agent rule matching ``name``."""
        return next((r for r in self.agent_rules if r.matches(name)), None)

    def command_rule(self, name: str) -> PolicyRule | None:
        """The first policy command rule matching ``name``."""
        return next((r for r in self.command_rules if r.matches(name)), None)

    def tier_of(self, model: str | None) -> int | None:
        """The tier number of a model under this policy (aliases resolved as of today)."""
        return tier_of(model, self.tiers)


# ----------------------------------------------------------------------------- globs


def normalize(rel: str) -> str:
    """A project path in the policy's form: posix, no ``./`` prefix, ``.`` for the root."""
    text = rel.replace(os.sep, "/").strip()
    while text.startswith("./"):
        text = text[2:]
    text = text.strip("/")
    return text or ROOT


def glob_regex(pattern: str) -> re.Pattern[str]:
    """A project glob as a regex: ``*`` and ``?`` stay in a folder, ``**`` spans folders."""
    pat = normalize(pattern)
    if pat == ROOT:
        return re.compile(r"\.\Z")
    out: list[str] = []
    i = 0
    while i < len(pat):
        if pat.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pat.startswith("/**", i) and i + 3 == len(pat):
            out.append("(?:/.*)?")
            i += 3
        elif pat.startswith("**", i):
            out.append(".*")
            i += 2
        elif pat[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pat[i] == "?":
            out.append("[^/]")
            i += 1
        elif pat[i] == "[":
            end = pat.find("]", i + 2 if pat.startswith("[!", i) or pat.startswith("[]", i) else i + 1)
            if end < 0:
                out.append(re.escape(pat[i]))
                i += 1
            else:
                inner = pat[i + 1:end]
                if inner.startswith("!"):
                    inner = "^" + inner[1:]
                out.append("[" + inner.replace("\\", "\\\\") + "]")
                i = end + 1
        else:
            out.append(re.escape(pat[i]))
            i += 1
    body = "".join(out)
    if pat == "**":
        body = ".*"
    return re.compile(body + r"\Z")


def specificity(pattern: str) -> tuple[int, int, int]:
    """How specific a glob is: literal folders, then fewer ``**``, then literal characters."""
    pat = normalize(pattern)
    parts = pat.split("/")
    literal_parts = sum(1 for p in parts if not _GLOB_CHARS.search(p))
    literal_chars = len(_GLOB_CHARS.sub("", pat).replace("]", ""))
    return (literal_parts, -pat.count("**"), literal_chars)


def is_literal(pattern: str) -> bool:
    """A glob without wildcards names exactly one folder."""
    return not _GLOB_CHARS.search(pattern)


# ----------------------------------------------------------------------------- models


@lru_cache(maxsize=4096)
def _resolved(model: str) -> str:
    """A model string as the model Claude Code sends today (aliases resolved, ``[1m]`` dropped)."""
    from claude_tiers.catalog import load_catalog

    catalog = load_catalog()
    value = catalog.sent_form(model, remap_legacy=False)  # CLAUDE-SONNET-4-6 runs Sonnet 4.6
    target = catalog.resolve_alias(value)
    if target is not None:
        value = target
    known = catalog.get(value)
    return known.id if known is not None else value


def tier_of(model: str | None, tiers: Mapping[int, str], prefer: Iterable[int] = ()
            ) -> int | None:
    """The tier whose model is ``model`` (any form of it, aliases resolved), else None.

    When several tiers share the model (tier 3 remapped to tier 2's model), a number in
    ``prefer`` wins (the tier a rule asked for, then the remapped tiers), else the lowest.
    """
    if not model:
        return None
    wanted = _resolved(model)
    for number in (*prefer, *sorted(tiers)):
        if number in tiers and _resolved(tiers[number]) == wanted:
            return number
    return None


def _price(model: str) -> float | None:
    from claude_tiers.catalog import load_catalog

    known = load_catalog().get(_resolved(model))
    return known.prices.input if known is not None and known.prices is not None else None


def above(model: str | None, ceiling: int, tiers: Mapping[int, str]) -> bool | None:
    """Is ``model`` above tier ``ceiling``? None when it cannot be told.

    A tier model compares by tier number; any other model by its input price against the
    ceiling's model (``opus`` today resolves to a model dearer than every tier). ``inherit``
    and ``default`` are never above (they follow the main model).
    """
    if not model or model.strip().lower() in ("inherit", "default"):
        return False
    rank = tier_of(model, tiers)
    if rank is not None:
        return rank > ceiling
    if ceiling not in tiers:
        return None
    mine, limit = _price(model), _price(tiers[ceiling])
    if mine is None or limit is None:
        return None
    return mine > limit


def higher(model: str | None, than: str | None, tiers: Mapping[int, str]) -> bool | None:
    """Is ``model`` a higher tier than ``than``? By tier number, else by input price.

    None when it cannot be told; ``inherit``/``default``/unset are never higher.
    """
    if not model or not than or model.strip().lower() in ("inherit", "default"):
        return False
    mine, theirs = tier_of(model, tiers), tier_of(than, tiers)
    if mine is not None and theirs is not None:
        return mine > theirs
    if theirs is not None:
        return above(model, theirs, tiers)
    a, b = _price(model), _price(than)
    if a is None or b is None:
        return None
    return a > b


def is_floating(model: str, env: Mapping[str, Any] | None = None) -> bool:
    """Is ``model`` a floating alias (``opus``, ``sonnet[1m]``, ``opusplan``, ``...-latest``)?

    An alias pinned by ``ANTHROPIC_DEFAULT_<FAMILY>_MODEL`` in ``env`` is not floating
    (``opusplan`` needs both the Opus and the Sonnet pin); ``inherit`` and ``default`` are not
    model choices at all.
    """
    from claude_tiers.catalog import load_catalog
    from claude_tiers.modelstr import classify

    value = model.strip()
    ref = classify(value)
    if ref.kind != "alias":
        return "'-latest' alias id" in ref.reason
    alias = (ref.alias or "").lower()
    if alias in ("inherit", "default"):
        return False
    catalog = load_catalog()
    strings = {k: v for k, v in (env or {}).items() if isinstance(v, str)}
    if not strings:
        return True
    if alias == "opusplan":
        return any(catalog.resolve_alias(value, env=strings, plan_mode=mode)
                   == catalog.resolve_alias(value, plan_mode=mode) for mode in (True, False))
    return catalog.resolve_alias(value, env=strings) == catalog.resolve_alias(value)


def label(model: str | None, tiers: Mapping[int, str], tier: int | None = None,
          overrides: Iterable[int] = ()) -> str:
    """``claude-sonnet-4-6 (tier 1)``; ``(unset)`` for None.

    ``tier`` (the number a rule asked for) and then the ``overrides`` (remapped tier numbers)
    win when several tiers share the model.
    """
    if model is None:
        return "(unset)"
    prefer = ([tier] if tier is not None else []) + sorted(overrides)
    number = tier_of(model, tiers, prefer)
    return f"{model} (tier {number})" if number is not None else model


# ----------------------------------------------------------------------------- the policy


@dataclass(frozen=True)
class Policy:
    """A validated tier policy (build it with :meth:`from_config`)."""

    root: Path  # project globs are relative to this folder
    source: str  # the configuration file, as shown
    tiers: Mapping[int, str]  # tier number -> model (catalog tiers with the remaps applied)
    named: Mapping[str, str]  # tier names without a number -> model
    overrides: Mapping[int, str]  # the numeric remaps only (apply's tier_overrides)
    default: str | None
    projects: tuple[ProjectPolicyRule, ...]
    agents: tuple[PolicyRule, ...]
    commands: tuple[PolicyRule, ...]
    limits: RawLimits | None
    presets: Mapping[str, Preset]  # every preset the policy names, remapped
    positions: Mapping[str, str] = field(default_factory=dict)  # "default" -> "file:line:col"

    # ---- building ----------------------------------------------------------------------

    @classmethod
    def from_config(cls, config: Config, root: Path | None = None,
                    loader: Callable[[str, Path | None], Preset] | None = None) -> Policy:
        """The policy of a loaded configuration; ConfigError when it is inconsistent.

        ``root`` is the folder project globs are relative to (default: the configuration
        file's folder; ``--policy FILE`` imposes a file on other repositories). ``loader``
        finds presets (default: :func:`claude_tiers.presets.load_preset`, user presets looked
        up from ``root``).
        """
        from claude_tiers.catalog import load_catalog

        policy_file = config.policy_file
        base = Path(root) if root is not None else (config.policy_root or config.root
                                                     or Path.cwd())
        source = _shown(policy_file) if policy_file is not None else "(policy)"
        policy_dir = Path(os.path.abspath(policy_file)).parent if policy_file is not None \
            else Path(os.path.abspath(base))
        gateways = config.gateway_models

        def at(key: str) -> str:
            found = config.positions.get(key)
            return f"{source}:{found[0]}:{found[1]}" if found else ""

        catalog = load_catalog()
        tiers: dict[int, str] = {n: m for n, (_, m) in catalog.tiers.items()}
        by_name = {name: n for n, (name, _) in catalog.tiers.items()}
        by_name.update({name.replace(" ", "-"): n for name, n in list(by_name.items())})
        named: dict[str, str] = {}
        overrides: dict[int, str] = {}
        keys: dict[int, str] = {}
        for key, model in config.tiers.items():
            _check_model(model, f"{source}: tiers.{key}", gateways, tier=True)
            number = int(key) if str(key).isdigit() else by_name.get(str(key))
            if number is None:
                named[str(key)] = model
            else:
                if number in keys:
                    raise ConfigError(f"{source}: tiers: '{keys[number]}' and '{key}' both name "
                                      f"tier {number}; keep one")
                keys[number] = str(key)
                tiers[number] = model
                overrides[number] = model
        remap = {catalog.tiers[n][1]: m for n, m in overrides.items()
                 if n in catalog.tiers and catalog.tiers[n][1] != m}

        def tier_model(tier: int | str, where: str) -> str:
            if isinstance(tier, int) or str(tier).isdigit():
                number = int(tier)
                if number not in tiers:
                    raise ConfigError(f"{source}: {where}: tier {number} has no model "
                                      f"(known tiers: {_known(tiers, named)}); add it to `tiers`")
                return tiers[number]
            if tier in named:
                return named[tier]
            if tier in by_name:
                return tiers[by_name[tier]]
            raise ConfigError(f"{source}: {where}: unknown tier '{tier}' "
                              f"(known tiers: {_known(tiers, named)})")

        def rules(raw: Iterable[ModelRule], where: str) -> tuple[PolicyRule, ...]:
            out = []
            for i, rule in enumerate(raw):
                origin = f"{where}[{i}]"
                _check_glob(rule.match, f"{source}: {origin}.match", project=False)
                number: int | None = None
                if rule.model is not None:
                    _check_model(rule.model, f"{source}: {origin}.model", gateways)
                    model = rule.model
                else:
                    assert rule.tier is not None
                    model = tier_model(rule.tier, f"{origin}.tier")
                    number = int(rule.tier) if str(rule.tier).isdigit() else by_name.get(
                        str(rule.tier)) if str(rule.tier) not in named else None
                out.append(PolicyRule(rule.match, model, rule.tier, rule.reason, origin, number,
                                      at(origin)))
            return tuple(out)

        def tier_number(tier: int | str | None, where: str) -> int | None:
            if tier is None:
                return None
            if isinstance(tier, int) or str(tier).isdigit():
                return int(tier)
            if tier in by_name:
                return by_name[tier]
            if tier in named:
                raise ConfigError(f"{source}: {where}: tier '{tier}' has no number, so it cannot "
                                  "be a ceiling; use a tier number")
            raise ConfigError(f"{source}: {where}: unknown tier '{tier}' "
                              f"(known tiers: {_known(tiers, named)})")

        presets: dict[str, Preset] = {}

        def preset(name: str, where: str) -> str:
            if name not in presets:
                try:
                    found = loader(name, base) if loader is not None else \
                        find_policy_preset(name, policy_dir, Path(os.path.abspath(base)))
                except PresetError as exc:
                    raise ConfigError(f"{source}: {where}: {exc}") from None
                presets[name] = _remapped(found, remap)
            return name

        if config.default is not None:
            preset(config.default, "default")
        projects = []
        for i, raw in enumerate(config.projects):
            where = f"projects[{i}]"
            name: str | None = None
            if raw.preset is not None:
                name = preset(raw.preset, f"{where}.preset")
            elif raw.tier is not None:
                name = _tier_preset_name(raw.tier)
                if name not in presets:
                    model = tier_model(raw.tier, f"{where}.tier")
                    custom = isinstance(raw.tier, str) and raw.tier in named
                    number = None if custom else tier_number(raw.tier, f"{where}.tier")
                    presets[name] = _tier_preset(name, raw.tier, number, model)
            _check_glob(raw.match, f"{source}: {where}.match", project=True)
            projects.append(ProjectPolicyRule(
                index=i, match=normalize(raw.match), preset=name, reason=raw.reason,
                agents=rules(raw.agents, f"{where}.agents"),
                commands=rules(raw.commands, f"{where}.commands"),
                limits=raw.limits, regex=glob_regex(raw.match),
                specificity=specificity(raw.match), position=at(where)))
        policy = cls(root=base, source=source, tiers=tiers, named=named, overrides=overrides,
                     default=config.default, projects=tuple(projects),
                     agents=rules(config.agents, "agents"),
                     commands=rules(config.commands, "commands"),
                     limits=config.limits, presets=presets,
                     positions={k: at(k) for k in config.positions})
        policy._check_limits(tier_number)
        return policy

    def _check_limits(self, tier_number: Callable[[int | str | None, str], int | None]) -> None:
        """A policy must not contradict its own ceilings (ConfigError naming both)."""
        global_max = tier_number(self.limits.max_tier if self.limits else None, "limits.max-tier")
        global_aliases = self.limits.allow_aliases if self.limits else None
        scopes: list[tuple[str, str | None, tuple[PolicyRule, ...], RawLimits | None]] = [
            ("default", self.default, (), None)]
        scopes += [(p.label, p.preset or self.default, p.agents + p.commands, p.limits)
                   for p in self.projects]
        for where, preset_name, own_rules, limits in scopes:
            local = tier_number(limits.max_tier if limits else None, f"{where}.limits.max-tier")
            ceiling = local if local is not None else global_max
            aliases = limits.allow_aliases if limits and limits.allow_aliases is not None \
                else global_aliases
            preset = self.presets.get(preset_name) if preset_name else None
            if preset is not None:
                self._check_preset(preset, where, ceiling, aliases)
            preset_rules = (_preset_rules(preset.agents, self.tiers)
                            + _preset_rules(preset.commands, self.tiers)) if preset else ()
            for rule in (*own_rules, *self.agents, *self.commands, *preset_rules):
                shown = label(rule.model, self.tiers, rule.number, self.overrides)
                if ceiling is not None:
                    verdict = rule.number > ceiling if rule.number is not None \
                        else above(rule.model, ceiling, self.tiers)
                    if verdict is None:
                        raise ConfigError(f"{self.source}: {rule.origin}: cannot tell whether "
                                          f"'{rule.model}' is within the max-tier {ceiling} in "
                                          f"force for {where}; give the rule a tier instead")
                    if verdict:
                        raise ConfigError(f"{self.source}: {rule.origin}: {shown} is above the "
                                          f"max-tier {ceiling} in force for {where}")
                if aliases is False and is_floating(rule.model):
                    raise ConfigError(f"{self.source}: {rule.origin}: '{rule.model}' is a floating "
                                      f"alias but allow-aliases is false for {where}")

    def _check_preset(self, preset: Preset, where: str, ceiling: int | None,
                      aliases: bool | None) -> None:
        """The preset a scope gets must keep that scope's ceilings (aliases resolved as today)."""
        from claude_tiers.catalog import load_catalog

        env = preset.settings.get("env")
        strings = {k: v for k, v in env.items() if isinstance(v, str)} \
            if isinstance(env, dict) else {}
        models = list(preset_models(preset.settings))
        if ceiling is not None:
            tier = preset.tier if isinstance(preset.tier, int) else None
            if tier is not None and tier > ceiling:
                raise ConfigError(f"{self.source}: {where}: preset '{preset.name}' is tier "
                                  f"{tier}, above the max-tier {ceiling} in force there")
            catalog = load_catalog()
            for key, model in models:
                # An alias is judged by what it sends today (opusplan: in plan mode, on Opus).
                sent = catalog.resolve_alias(model, env=strings, plan_mode=True) or model
                verdict = above(sent, ceiling, self.tiers)
                shown = f"'{model}'" + (f" (today {label(sent, self.tiers)})" if sent != model
                                        else "")
                if verdict is None:
                    raise ConfigError(f"{self.source}: {where}: preset '{preset.name}' sets "
                                      f"{key} {shown}, whose tier cannot be told, under the "
                                      f"max-tier {ceiling} in force there; pin a tier model")
                if verdict:
                    raise ConfigError(f"{self.source}: {where}: preset '{preset.name}' sets "
                                      f"{key} {shown}, above the max-tier {ceiling} in force "
                                      "there")
        if aliases is False:
            for key, model in models:
                if is_floating(model, strings):
                    raise ConfigError(f"{self.source}: {where}: preset '{preset.name}' sets "
                                      f"{key} '{model}', a floating alias, but allow-aliases is "
                                      "false there; lint would report it (CT705) after every "
                                      "apply")

    # ---- resolving ---------------------------------------------------------------------

    def match(self, project: str) -> ProjectPolicyRule | None:
        """The most specific ``projects`` rule matching a project (first listed on a tie)."""
        rel = normalize(project)
        best: ProjectPolicyRule | None = None
        for rule in self.projects:
            if rel == ROOT and rule.match not in (ROOT, "**"):
                continue  # only "." (or "**") names the repository root itself
            if rule.regex.match(rel) and (best is None or rule.specificity > best.specificity):
                best = rule
        return best

    def resolve(self, project: str) -> Decision:
        """The decision for a project folder (posix, relative to :attr:`root`; ``.`` = root)."""
        rel = normalize(project)
        rule = self.match(rel)
        preset = (rule.preset if rule is not None else None) or self.default
        if rule is not None:
            where, reason, position = rule.label, rule.reason, rule.position
            if rule.preset is None and preset is not None:
                where += " (preset from default)"
        elif preset is not None:
            where, reason, position = "default", "", self.positions.get("default", "")
        else:
            where, reason, position = "", "", ""
        found = self.presets.get(preset) if preset else None
        model = found.settings.get("model") if found is not None else None
        model = model if isinstance(model, str) else None
        tier: int | str | None = found.tier if found is not None else None
        if tier is None and model is not None:
            tier = tier_of(model, self.tiers)
        own_agents = _preset_rules(found.agents, self.tiers) if found is not None else ()
        own_commands = _preset_rules(found.commands, self.tiers) if found is not None else ()
        return Decision(
            project=rel, preset=preset, rule=where, reason=reason,
            agent_rules=(rule.agents if rule else ()) + self.agents + own_agents,
            command_rules=(rule.commands if rule else ()) + self.commands + own_commands,
            limits=self._limits(rule), tier=tier, model=model, source=self.source,
            tiers=self.tiers, settings=found.settings if found is not None else {},
            remove=found.remove if found is not None else (), position=position,
            overrides=self.overrides, match=rule.match if rule is not None else "")

    def _limits(self, rule: ProjectPolicyRule | None) -> Limits:
        values: dict[str, Any] = {"max-tier": None, "local-may-raise": True, "allow-aliases": True}
        origin: dict[str, str] = {}
        cited: dict[str, str] = {}
        scopes: list[tuple[RawLimits | None, str, str]] = [
            (self.limits, "limits", f"{self.positions.get('limits') or self.source} limits")]
        if rule is not None:
            key = f"projects[{rule.index}].limits"
            scopes.append((rule.limits, key, f"{self.positions.get(key) or self.source} "
                                             f"{rule.label} limits"))
        for raw, where, words in scopes:
            if raw is None:
                continue
            why = raw.reason or (rule.reason if rule is not None and where != "limits" else "")
            for key, value in (("max-tier", raw.max_tier), ("local-may-raise", raw.local_may_raise),
                               ("allow-aliases", raw.allow_aliases)):
                if value is not None:
                    values[key], origin[key] = value, where
                    cited[key] = words + (f" ({why})" if why else "")
        ceiling = values["max-tier"]
        if ceiling is not None and not (isinstance(ceiling, int) or str(ceiling).isdigit()):
            names = {name.replace(" ", "-"): n for n, (name, _) in _catalog_tiers().items()}
            names.update({name: n for n, (name, _) in _catalog_tiers().items()})
            ceiling = names.get(str(ceiling))
        return Limits(int(ceiling) if ceiling is not None else None,
                      bool(values["local-may-raise"]), bool(values["allow-aliases"]), origin,
                      cited)

    def preset_for(self, decision: Decision) -> Preset | None:
        """The preset ``apply`` runs for a decision: remapped, policy agent rules first."""
        if decision.preset is None:
            return None
        from claude_tiers.presets import Rule

        base = self.presets[decision.preset]

        def convert(rules: tuple[PolicyRule, ...]) -> tuple[Rule, ...]:
            return tuple(Rule(match=r.match, model=r.model, tier=None, reason=r.reason,
                              preset=f"policy {r.origin}") for r in rules)

        return dataclasses.replace(base, agents=convert(decision.agent_rules),
                                   commands=convert(decision.command_rules))

    def named_projects(self) -> list[str]:
        """Project folders that ``projects`` rules name literally (so apply may create them)."""
        return [rule.match for rule in self.projects if is_literal(rule.match)]

    def project_of(self, path: str | os.PathLike[str]) -> str | None:
        """The project (relative to :attr:`root`) of a file in some ``.claude/`` folder."""
        posix = Path(os.path.abspath(path)).as_posix()
        index = posix.rfind("/.claude/")
        if index < 0:
            return None
        folder = posix[:index] or "/"
        root = Path(os.path.abspath(self.root)).as_posix()
        if folder == root:
            return ROOT
        if not folder.startswith(root.rstrip("/") + "/"):
            return None
        return folder[len(root.rstrip("/")) + 1:]

    def decision_for_file(self, path: str | os.PathLike[str]) -> Decision | None:
        """The decision for the project a file belongs to (None outside :attr:`root`)."""
        project = self.project_of(path)
        return self.resolve(project) if project is not None else None

    def decision_for_dir(self, folder: str | os.PathLike[str]) -> Decision | None:
        """The decision for a project folder on disk (None outside :attr:`root`); for explain."""
        rel = os.path.relpath(os.path.abspath(folder), os.path.abspath(self.root))
        if rel == os.pardir or rel.startswith(os.pardir + os.sep):
            return None
        return self.resolve(rel)

    def lookup(self, path: str | os.PathLike[str]) -> Callable[[], Decision | None]:
        """A lazy, memoised :meth:`decision_for_file` for a lint context."""
        return _Lookup(self, os.fspath(path))


class _Lookup:
    """Picklable, memoised ``() -> Decision | None`` for one file."""

    def __init__(self, policy: Policy, path: str) -> None:
        self.policy = policy
        self.path = path
        self.done = False
        self.value: Decision | None = None

    def __call__(self) -> Decision | None:
        if not self.done:
            self.value, self.done = self.policy.decision_for_file(self.path), True
        return self.value


# ----------------------------------------------------------------------------- helpers


def _shown(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return rel if not rel.startswith("..") else str(path)


def _known(tiers: Mapping[int, str], named: Mapping[str, str]) -> str:
    return ", ".join([str(n) for n in sorted(tiers)] + sorted(named))


def _catalog_tiers() -> Mapping[int, tuple[str, str]]:
    from claude_tiers.catalog import load_catalog

    return load_catalog().tiers


def _check_model(model: str, where: str, gateways: Iterable[str] = (), tier: bool = False
                 ) -> None:
    """A model a policy names must be a known or well-formed Claude model (or a gateway name
    the policy lists in ``gateway-models``); ``inherit``/``default`` are not a tier's model."""
    from claude_tiers.modelstr import classify

    if any(fnmatch.fnmatchcase(model, glob) for glob in gateways):
        return
    ref = classify(model)
    if ref.kind in ("malformed", "empty"):
        hint = f"; did you mean '{ref.suggestion}'?" if ref.suggestion else ""
        raise ConfigError(f"{where}: '{model}' is not a model id ({ref.reason}){hint}")
    if ref.kind == "non-claude":
        raise ConfigError(f"{where}: '{model}' is not a Claude model ({ref.reason}); list a "
                          "gateway's or proxy's model names under gateway-models to allow them")
    if tier and ref.kind == "alias" and (ref.alias or "") in ("inherit", "default"):
        raise ConfigError(f"{where}: '{model}' is not a model a tier can run on")


def _check_glob(pattern: str, where: str, project: bool) -> None:
    """Refuse globs that can never match: unclosed ``[``, bad ranges, and for project folders
    anything leaving the policy's folder (``..``, absolute paths)."""
    if project:
        raw = pattern.strip().replace(os.sep, "/")
        if raw.startswith(("/", "~")) or re.match(r"^[A-Za-z]:", raw):
            raise ConfigError(f"{where}: '{pattern}' is not relative; project globs are "
                              "relative to the policy file's folder")
        if ".." in normalize(pattern).split("/"):
            raise ConfigError(f"{where}: '{pattern}' leaves the policy file's folder, so it "
                              "never matches a project")
    i = 0
    while i < len(pattern):
        if pattern[i] == "[":
            first = i + 2 if pattern.startswith("[!", i) else i + 1
            first += 1 if pattern[first:first + 1] == "]" else 0  # "[]...]": a literal ]
            end = pattern.find("]", first)
            if end < 0:
                raise ConfigError(f"{where}: '{pattern}' has a '[' without its ']' (write [[] "
                                  "for a literal '[')")
            i = end
        i += 1
    try:
        (glob_regex(pattern) if project else re.compile(fnmatch.translate(pattern)))
    except re.error as exc:
        raise ConfigError(f"{where}: '{pattern}' is not a valid glob ({exc})") from None


def _is_preset_path(ref: str) -> bool:
    return os.sep in ref or "/" in ref or ref.endswith((".yaml", ".yml"))


def find_policy_preset(ref: str, policy_dir: Path, target: Path) -> Preset:
    """Load a preset a policy names: paths and user presets (``.claude-tiers/presets/``) are
    looked up from the policy file's folder first, then from the target repository's root.

    So ``default: presets/x.yaml`` means the file next to the policy whatever the working
    folder, and ``--policy /org/p.yaml`` finds ``/org/.claude-tiers/presets/``.
    """
    from claude_tiers import resources
    from claude_tiers.presets import available, load_preset

    if _is_preset_path(ref):
        path = Path(ref).expanduser()
        if path.is_absolute():
            return load_preset(str(path), policy_dir)
        for base in dict.fromkeys((policy_dir, target)):
            if (base / path).is_file():
                return load_preset(str(base / path), policy_dir)
        raise PresetError(f"preset file not found: {ref} (looked next to the policy file, in "
                          f"{policy_dir}, and in {target})")
    builtin = resources.presets_dir().resolve()
    for start in dict.fromkeys((policy_dir, target)):
        found = available(start).get(ref)
        if found is not None and found.resolve().parent != builtin:
            return load_preset(ref, start)
    try:
        return load_preset(ref, policy_dir)
    except PresetError:
        known = sorted(set(available(policy_dir)) | set(available(target)))
        raise PresetError(f"unknown preset '{ref}' (known: {', '.join(known)}); or give a path "
                          "to a preset .yaml file") from None


def preset_models(settings: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """(key, model) of every model a preset fragment sets: ``model``, ``advisorModel``, and
    ``env`` ``*_MODEL`` variables."""
    for key in _MODEL_KEYS:
        value = settings.get(key)
        if isinstance(value, str):
            yield key, value
    env = settings.get("env")
    if isinstance(env, dict):
        for name, value in env.items():
            if isinstance(value, str) and name.endswith("_MODEL"):
                yield f"env.{name}", value


def _preset_rules(rules: Iterable[Any], tiers: Mapping[int, str]) -> tuple[PolicyRule, ...]:
    """A preset's own agent/command rules as policy rules (tiers resolved through the policy)."""
    out = []
    for rule in rules:
        model = rule.model if rule.model is not None else tiers.get(rule.tier)
        if model is None:
            continue
        out.append(PolicyRule(rule.match, model, rule.tier if rule.model is None else None,
                              rule.reason, f"preset {rule.preset}",
                              rule.tier if rule.model is None else None))
    return tuple(out)


def _tier_preset_name(tier: int | str) -> str:
    return f"tier {tier}"


def _tier_preset(name: str, tier: int | str, number: int | None, model: str) -> Preset:
    """The preset behind ``tier: N`` in a project rule: that tier's model, no ``defaultModel``."""
    from claude_tiers.presets import Preset

    return Preset(name=name, description=f"Run sessions on tier {tier} ({model}).", when="",
                  tier=number, settings={"model": model}, remove=("defaultModel", ENV_MODEL_POINTER),
                  agents=(),
                  commands=(), source="(policy tier shorthand)", chain=(name,))


def remap_models(settings: Any, remap: Mapping[str, str]) -> Any:
    """Settings data with model strings in ``remap`` replaced (model keys, model lists, env)."""
    if not remap or not isinstance(settings, dict):
        return settings
    out = dict(settings)
    for key in _MODEL_KEYS:
        value = out.get(key)
        if isinstance(value, str) and value in remap:
            out[key] = remap[value]
    for key in _MODEL_LISTS:
        items = out.get(key)
        if isinstance(items, list):
            out[key] = [remap.get(v, v) if isinstance(v, str) else v for v in items]
    env = out.get("env")
    if isinstance(env, dict):
        out["env"] = {k: remap.get(v, v) if isinstance(v, str) and k.endswith("_MODEL") else v
                      for k, v in env.items()}
    return out


ENV_MODEL_POINTER = "/env/ANTHROPIC_MODEL"


def _remapped(preset: Preset, remap: Mapping[str, str]) -> Preset:
    """A preset as a policy runs it: tier models remapped, and ``env.ANTHROPIC_MODEL`` removed
    unless the preset sets it (it beats every ``model`` key, so it would undo the policy)."""
    settings = remap_models(preset.settings, remap)
    env = settings.get("env")
    remove = preset.remove
    if not (isinstance(env, dict) and "ANTHROPIC_MODEL" in env) and ENV_MODEL_POINTER not in remove:
        remove = (*remove, ENV_MODEL_POINTER)
    return dataclasses.replace(preset, settings=settings, remove=remove)


# ----------------------------------------------------------------------------- loading


def load_policy(start: str | os.PathLike[str] = ".", *, path: str | os.PathLike[str] | None = None,
                root: str | os.PathLike[str] | None = None) -> Policy | None:
    """The policy for ``start`` (or from the file ``path``); None when the file sets none.

    ``root`` overrides the folder project globs are relative to (for ``--policy FILE``).
    ConfigError (exit 2) when the file is invalid or names an unknown preset.
    """
    from claude_tiers import config as config_module

    loaded = config_module.load(start, path=path)
    if loaded.path is None or not loaded.has_policy:
        return None
    return Policy.from_config(loaded, Path(root) if root is not None else None)


# ----------------------------------------------------------------------------- words


def cite(decision: Decision, rule: PolicyRule | None = None) -> str:
    """Which policy rule applies and why, for a finding or a table cell.

    ``claude-tiers.yaml projects[1] 'services/auth' (handles credentials)``; with ``rule``, the
    agent/command rule instead: ``claude-tiers.yaml agents[0] '*secur*' (...)``.
    """
    if rule is not None:
        where = rule.origin if rule.origin.startswith("preset ") \
            else f"{rule.position or decision.source} {rule.origin}"
        text = f"{where} '{rule.match}'"
        return text + (f" ({rule.reason})" if rule.reason else "")
    if not decision.rule:
        return f"{decision.source}: no projects rule and no default"
    text = f"{decision.position or decision.source} {decision.rule}"
    return text + (f" ({decision.reason})" if decision.reason else "")


def describe(decision: Decision) -> str:
    """Several lines saying what the policy wants for a project and which rules say so.

    For ``explain``: the preset and model, the deciding rule with its file:line:col and
    reason (:func:`cite`), each agent and command rule, and the limits with where they are set.
    The same facts are fields of :class:`Decision` (``preset``, ``rule``, ``reason``,
    ``source``, ``position``, ``agent_rules``, ``limits``) for a structured form.
    """
    tier = decision.tier if isinstance(decision.tier, int) else None
    lines = [f"{decision.project}: "
             + (f"preset {decision.preset}" if decision.preset else "not covered by the policy")]
    if decision.model is not None:
        lines[0] += f", model {decision.label(decision.model, tier)}"
    lines.append(f"  rule: {cite(decision)}")
    for kind, rules in (("agents", decision.agent_rules), ("commands", decision.command_rules)):
        for rule in rules:
            why = f": {rule.reason}" if rule.reason else ""
            where = f"{rule.position} {rule.origin}" if rule.position else rule.origin
            lines.append(f"  {kind} '{rule.match}' -> {decision.label(rule.model, rule.number)} "
                         f"[{where}{why}]")
    lines.append(f"  limits: {decision.limits.describe(cited=True)}")
    return "\n".join(lines) + "\n"
