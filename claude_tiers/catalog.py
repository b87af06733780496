"""The model catalog: typed, read-only access to ``claude_tiers/data/models.json``.

The JSON is loaded on first use and cached; importing this module costs only stdlib imports.
"""

import json
import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from claude_tiers.resources import data_file

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "Prices", "Model", "AliasSnapshot", "ClaudeCodeFacts", "Catalog", "load_catalog", "format_price",
    "format_money", "parse_version", "BASE_ALIASES", "AVAILABLE_STATUSES",
]

#: Aliases whose target Claude Code ships per version (the others derive from these).
BASE_ALIASES: tuple[str, ...] = ("opus", "sonnet", "haiku", "fable")
#: Statuses under which a model still answers requests.
AVAILABLE_STATUSES: frozenset[str] = frozenset({"active", "legacy", "deprecated"})

_RECOMMENDABLE = frozenset({"active", "legacy"})
_ONE_M = "[1m]"


@lru_cache(maxsize=1)
def _provider_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(Bedrock prefix, Bedrock ``-vN:M`` suffix, Vertex ``name@date``), compiled on first use:
    an exact id needs none, and compiling them at import would slow every ``claude-tiers lint``."""
    return (re.compile(r"^(?:[a-z]{2,6}(?:-[a-z]+)?\.)?anthropic\."),
            re.compile(r"-v\d+(?::\d+)?$"),
            re.compile(r"^(?P<name>[a-z0-9.-]+)@(?P<date>\d{8})$"))


class Prices(NamedTuple):
    """USD per million tokens on the Claude API."""

    # The catalog's records are NamedTuples, not dataclasses: a frozen dataclass costs ~4M
    # instructions to create at import, a tenth of a bare interpreter start (docs/benchmarks.md).

    input: float
    output: float
    cache_write_5m: float
    cache_write_1h: float
    cache_read: float


class Model(NamedTuple):
    """One catalog entry; ``id`` is the Claude API model id.

    ``deprecated_on``, ``retires_on`` and ``retired_on`` are what Anthropic announced for its own
    platforms; what a Claude Code version itself treats as retired is
    :attr:`ClaudeCodeFacts.retired_on` (the two may disagree).
    """

    id: str
    dated_id: str | None
    alias_id: str | None
    other_ids: tuple[str, ...]
    display_name: str
    family: str
    version: str
    bedrock_id: str | None
    vertex_id: str | None
    status: str
    availability: str
    released_on: str | None
    deprecated_on: str | None
    retires_on: str | None
    retires_not_before: str | None
    retired_on: str | None
    replacement: str | None
    prices: Prices | None
    effort: tuple[str, ...]
    default_effort: str | None
    context_1m: bool
    tier: int | None
    source: tuple[str, ...]
    notes: str | None

    @property
    def available(self) -> bool:
        """True while requests to the model still succeed (active, legacy or deprecated)."""
        return self.status in AVAILABLE_STATUSES

    @property
    def api_ids(self) -> tuple[str, ...]:
        """Every first-party string that names this model (id, dated id, alias id, other ids)."""
        seen: list[str] = []
        for value in (self.id, self.dated_id, self.alias_id, *self.other_ids):
            if value and value not in seen:
                seen.append(value)
        return tuple(seen)


class AliasSnapshot(NamedTuple):
    """What the aliases resolved to in one Claude Code version (API-key user, Anthropic API)."""

    version: str
    targets: Mapping[str, str]
    default_model: str | None
    observed: bool
    source: tuple[str, ...]


class ClaudeCodeFacts:
    """What one Claude Code version does with model ids (read from its bundled code, observed).

    ``model_table``: its first-party ids of the alias families, newest first within a family
    (what a family alias blocked by ``availableModels`` steps down to); ``lower_cased``: ids it
    lower-cases before sending; ``retired_on``: the first-party retirement dates of its own
    table (from that day on it treats the model as retired; not the catalog's dates);
    ``legacy_ids``: retired ids it replaces by the ``legacy_alias`` unless ``legacy_switch`` is
    truthy in the environment.
    """

    # A plain class: a NamedTuple costs nearly a million instructions to create at import, on
    # the path of every ``claude-tiers lint`` (measured with callgrind).
    __slots__ = ("version", "observed", "source", "model_table", "lower_cased", "retired_on",
                 "legacy_ids", "legacy_alias", "legacy_switch")

    def __init__(self, version: str, observed: bool, source: tuple[str, ...],
                 model_table: tuple[str, ...], lower_cased: tuple[str, ...],
                 retired_on: Mapping[str, str], legacy_ids: frozenset[str], legacy_alias: str,
                 legacy_switch: str) -> None:
        self.version = version
        self.observed = observed
        self.source = source
        self.model_table = model_table
        self.lower_cased = lower_cased
        self.retired_on = retired_on
        self.legacy_ids = legacy_ids
        self.legacy_alias = legacy_alias
        self.legacy_switch = legacy_switch

    def __repr__(self) -> str:
        return f"ClaudeCodeFacts(version={self.version!r})"

    def retired(self, model_id: str, today: str) -> bool:
        """Does this version treat ``model_id`` as retired on ``today`` (an ISO date)?"""
        date = self.retired_on.get(model_id)
        return date is not None and today >= date


@lru_cache(maxsize=256)  # a lint run asks for the same few versions for every alias it reports
def parse_version(version: str) -> tuple[int, ...]:
    """``"2.1.330"`` -> ``(2, 1, 330)``; non-numeric parts (``-beta``) are ignored."""
    parts: list[int] = []
    for piece in version.strip().lstrip("vV").split("."):
        digits = ""
        for ch in piece:  # the leading digits (no regex: parse_version runs at every start)
            if not ch.isdecimal():
                break
            digits += ch
        if not digits:
            break
        parts.append(int(digits))
    if not parts:
        raise ValueError(f"not a version: {version!r}")
    return tuple(parts)


def _opt_str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _ids(spec: Any) -> tuple[str, ...]:
    raw = spec.get("ids") if isinstance(spec, Mapping) else spec
    return tuple(str(i) for i in raw or ())


def _facts(version: str, raw: Mapping[str, Any]) -> ClaudeCodeFacts:
    retired = raw.get("retired_on") or {}
    dates = retired.get("dates", retired) if isinstance(retired, Mapping) else {}
    legacy = raw.get("legacy_remap") or {}
    return ClaudeCodeFacts(
        version=version, observed=bool(raw.get("observed")), source=tuple(raw.get("source") or ()),
        model_table=_ids(raw.get("model_table")), lower_cased=_ids(raw.get("lower_cased")),
        retired_on={str(k): str(v) for k, v in dates.items() if not str(k).startswith("$")},
        legacy_ids=frozenset(_ids(legacy)), legacy_alias=str(legacy.get("alias") or "opus"),
        legacy_switch=str(legacy.get("disabled_by") or "CLAUDE_CODE_DISABLE_LEGACY_MODEL_REMAP"),
    )


def _model(raw: Mapping[str, Any]) -> Model:
    p = raw.get("prices")
    prices = None
    if isinstance(p, Mapping):
        prices = Prices(float(p["input"]), float(p["output"]), float(p["cache_write_5m"]),
                        float(p["cache_write_1h"]), float(p["cache_read"]))
    src = raw.get("source") or ()
    tier = raw.get("tier")
    return Model(
        id=str(raw["id"]),
        dated_id=_opt_str(raw.get("dated_id")),
        alias_id=_opt_str(raw.get("alias_id")),
        other_ids=tuple(raw.get("other_ids") or ()),
        display_name=str(raw["display_name"]),
        family=str(raw["family"]),
        version=str(raw["version"]),
        bedrock_id=_opt_str(raw.get("bedrock_id")),
        vertex_id=_opt_str(raw.get("vertex_id")),
        status=str(raw["status"]),
        availability=str(raw.get("availability") or "general"),
        released_on=_opt_str(raw.get("released_on")),
        deprecated_on=_opt_str(raw.get("deprecated_on")),
        retires_on=_opt_str(raw.get("retires_on")),
        retires_not_before=_opt_str(raw.get("retires_not_before")),
        retired_on=_opt_str(raw.get("retired_on")),
        replacement=_opt_str(raw.get("replacement")),
        prices=prices,
        effort=tuple(raw.get("effort") or ()),
        default_effort=_opt_str(raw.get("default_effort")),
        context_1m=bool(raw.get("context_1m")),
        tier=int(tier) if tier is not None else None,
        source=(src,) if isinstance(src, str) else tuple(src),
        notes=_opt_str(raw.get("notes")),
    )


class Catalog:
    """The model catalog. Build it with :func:`load_catalog` (cached) or from a parsed document."""

    def __init__(self, doc: Mapping[str, Any]) -> None:
        self.raw = doc
        self.checked: str = str(doc["checked"])
        self.sources: tuple[Mapping[str, Any], ...] = tuple(doc.get("sources") or ())
        self.models: tuple[Model, ...] = tuple(_model(m) for m in doc["models"])
        self.tiers: dict[int, tuple[str, str]] = {
            int(k): (str(v["name"]), str(v["model"])) for k, v in doc["tiers"].items()
        }
        self.env_remaps: dict[str, str] = {
            name: str(spec["alias"]) for name, spec in (doc.get("env_remaps") or {}).items()
            if isinstance(spec, Mapping) and spec.get("alias")
        }
        rules = doc.get("alias_rules") or {}
        self._best_follows = str((rules.get("best") or {}).get("follows") or "opus")
        plan = rules.get("opusplan") or {}
        self._opusplan = (str(plan.get("plan_mode") or "opus"), str(plan.get("otherwise") or "sonnet"))
        snaps = []
        for ver, spec in (doc.get("aliases") or {}).items():
            snaps.append(AliasSnapshot(
                version=str(ver), targets=dict(spec["targets"]),
                default_model=_opt_str(spec.get("default_model")), observed=bool(spec.get("observed")),
                source=tuple(spec.get("source") or ()),
            ))
        self.snapshots: tuple[AliasSnapshot, ...] = tuple(sorted(snaps, key=lambda s: parse_version(s.version)))
        self._facts: tuple[ClaudeCodeFacts, ...] | None = None  # parsed on first use
        self._alias_names: frozenset[str] | None = None
        # Exact-string index: every known form -> (model, form kind).
        self._index: dict[str, tuple[Model, str]] = {}
        for m in self.models:
            self._add(m.id, m, "dated-id" if m.dated_id == m.id else "full-id")
            if m.dated_id:
                self._add(m.dated_id, m, "dated-id")
            for other in (m.alias_id, *m.other_ids):
                if other:
                    self._add(other, m, "full-id")
            if m.bedrock_id:
                self._add(m.bedrock_id, m, "bedrock-id")
            if m.vertex_id and m.vertex_id not in self._index:
                self._add(m.vertex_id, m, "vertex-id")
        self._by_id = {m.id: m for m in self.models}

    def _add(self, key: str, model: Model, kind: str) -> None:
        self._index.setdefault(key, (model, kind))

    # ---- lookups -------------------------------------------------------------------------

    def lookup(self, value: str) -> tuple[Model, str] | None:
        """Exact (case-sensitive) match of any known form, with the form's kind.

        Kinds: ``full-id``, ``dated-id``, ``bedrock-id``, ``vertex-id``. A ``[1m]`` suffix is ignored.
        Regional Bedrock profiles (``us.``/``eu.``/``global.``...) and ``-vN:M`` suffixes are understood.
        """
        key = value[: -len(_ONE_M)] if value.endswith(_ONE_M) else value
        hit = self._index.get(key)
        if hit:
            return hit
        bedrock_prefix, bedrock_suffix, vertex = _provider_patterns()
        if bedrock_prefix.match(key):
            bare = bedrock_prefix.sub("", key)
            for cand in (bare, bedrock_suffix.sub("", bare)):
                found = self._index.get(cand)
                if found:
                    return found[0], "bedrock-id"
                found = self._index.get("anthropic." + cand)
                if found:
                    return found[0], "bedrock-id"
            return None
        vm = vertex.match(key)
        if vm:
            found = self._index.get(f"{vm['name']}-{vm['date']}")
            if found and found[0].dated_id == f"{vm['name']}-{vm['date']}":
                return found[0], "vertex-id"
        return None

    def get(self, model_id: str) -> Model | None:
        """The model named by an id in any known form (API, dated, alias id, Bedrock, Vertex), else None."""
        hit = self.lookup(model_id.strip())
        return hit[0] if hit else None

    def by_id(self, model_id: str) -> Model:
        """The model whose canonical ``id`` is exactly ``model_id`` (KeyError otherwise)."""
        return self._by_id[model_id]

    def find(self, family: str, version: str) -> list[Model]:
        """Models of one family and version (two for Sonnet 3.5)."""
        return [m for m in self.models if m.family == family and m.version == version]

    def families(self) -> list[str]:
        """Families present in the catalog, in catalog order."""
        out: list[str] = []
        for m in self.models:
            if m.family not in out:
                out.append(m.family)
        return out

    def current_replacement(self, model: Model) -> Model | None:
        """Follow ``replacement`` links to a model that is neither deprecated nor retired.

        None when the chain ends or loops. ``replacement`` itself records what Anthropic recommended
        at deprecation time, which may since have been retired too.
        """
        seen = {model.id}
        cur = model
        while cur.replacement:
            nxt = self.get(cur.replacement)
            if nxt is None or nxt.id in seen:
                return None
            if nxt.status in _RECOMMENDABLE:
                return nxt
            seen.add(nxt.id)
            cur = nxt
        return None

    # ---- tiers ---------------------------------------------------------------------------

    def tier_model(self, tier: int, overrides: Mapping[str, str] | None = None) -> str:
        """The model id for a tier; ``overrides`` (``{"1": id}`` or ``{1: id}``) is a policy's remapping."""
        if overrides:
            for key in (str(tier), tier):
                if key in overrides:
                    return overrides[key]  # type: ignore[index]
        if tier not in self.tiers:
            raise KeyError(f"unknown tier {tier!r}")
        return self.tiers[tier][1]

    def tier_name(self, tier: int) -> str:
        """The tier's display name (``day-to-day``...)."""
        return self.tiers[tier][0]

    def tier_of(self, model_id: str, overrides: Mapping[str, str] | None = None) -> int | None:
        """The tier whose model Claude Code really runs for ``model_id``, else None.

        The string counts as Claude Code sends it (:meth:`sent_form`): ``CLAUDE-SONNET-4-6`` is
        lower-cased, so it runs Sonnet 4.6 (tier 1); surrounding whitespace and ``[1m]`` are
        stripped. What it sends must then be a form the API accepts (an id, dated id, alias id,
        Bedrock id or ARN, Vertex id): near-misses such as ``sonnet-4-6``, ``Sonnet 4.6`` or
        ``claude-sonnet-4.6`` are sent verbatim, rejected, and have no tier. Aliases have no
        tier (their target changes between Claude Code versions), nor have the legacy ids that
        Claude Code remaps to ``opus``. A tier that ``overrides`` maps to a string outside the
        catalog (a gateway's model name) is matched by that string as sent.
        """
        wanted = self._runs(model_id)
        if wanted is None:
            return None
        for tier in sorted(self.tiers):
            if self._runs(self.tier_model(tier, overrides)) == wanted:
                return tier
        return None

    def _runs(self, value: str) -> str | None:
        """The catalog id Claude Code runs for ``value`` (the string sent when it is no catalog
        model); None for an alias."""
        from claude_tiers.modelstr import classify

        sent = self.sent_form(value)
        if sent in self.alias_names():
            return None
        hit = self.lookup(sent)
        if hit:
            return hit[0].id
        ref = classify(sent, self)
        return ref.canonical if ref.ok and ref.canonical else sent

    # ---- what Claude Code does with model strings ---------------------------------------

    @property
    def claude_code_facts(self) -> tuple[ClaudeCodeFacts, ...]:
        """Every recorded Claude Code version's model facts, oldest first."""
        if self._facts is None:
            facts = [_facts(str(ver), spec) for ver, spec in (self.raw.get("claude_code") or {}).items()
                     if not str(ver).startswith("$") and isinstance(spec, Mapping)]
            self._facts = tuple(sorted(facts, key=lambda f: parse_version(f.version)))
        return self._facts

    def claude_code(self, claude_version: str | None = None) -> ClaudeCodeFacts:
        """The model facts of the nearest recorded Claude Code version <= ``claude_version``.

        The newest when None, the oldest for a version older than every record; empty facts
        when the catalog records none.
        """
        if not self.claude_code_facts:
            return ClaudeCodeFacts("", False, (), (), (), {}, frozenset(), "opus",
                                   "CLAUDE_CODE_DISABLE_LEGACY_MODEL_REMAP")
        if claude_version is None:
            return self.claude_code_facts[-1]
        want = parse_version(claude_version)
        best = self.claude_code_facts[0]
        for facts in self.claude_code_facts:
            if parse_version(facts.version) <= want:
                best = facts
        return best

    def sent_form(self, value: str, claude_version: str | None = None,
                  remap_legacy: bool = True) -> str:
        """What Claude Code makes of a configured model string (settings, ``--model``, env,
        frontmatter) before sending it.

        Surrounding whitespace and a ``[1m]`` suffix (any case) are stripped; an alias comes back
        as its lower-case name (:meth:`resolve_alias` gives its target), a legacy id as the
        alias Claude Code remaps it to (unless ``remap_legacy`` is off: the environment sets
        :attr:`ClaudeCodeFacts.legacy_switch`), an id the version lower-cases in lower case,
        anything else as written.
        """
        core = value.strip()
        if core.lower().endswith(_ONE_M):
            core = core[: -len(_ONE_M)]
        low = core.lower()
        if low in self.alias_names():
            return low
        facts = self.claude_code(claude_version)
        if remap_legacy and low in facts.legacy_ids:
            return facts.legacy_alias
        if low in facts.lower_cased:
            return low
        return core

    # ---- aliases -------------------------------------------------------------------------

    def versions(self) -> list[str]:
        """Claude Code versions with a known alias snapshot, oldest first."""
        return [s.version for s in self.snapshots]

    def snapshot(self, claude_version: str | None = None) -> AliasSnapshot:
        """The snapshot of the nearest known version <= ``claude_version`` (newest when None).

        A version older than every snapshot gets the oldest one.
        """
        if not self.snapshots:
            raise LookupError("catalog has no alias snapshots")
        if claude_version is None:
            return self.snapshots[-1]
        want = parse_version(claude_version)
        best = self.snapshots[0]
        for snap in self.snapshots:
            if parse_version(snap.version) <= want:
                best = snap
        return best

    def alias_names(self) -> frozenset[str]:
        """Every alias Claude Code resolves to a model (``best``, ``opusplan`` included)."""
        if self._alias_names is None:
            names = {a for s in self.snapshots for a in s.targets} | set(BASE_ALIASES)
            self._alias_names = frozenset(names | {"best", "opusplan"})
        return self._alias_names

    def resolve_alias(self, alias: str, claude_version: str | None = None,
                      env: Mapping[str, object] | None = None, plan_mode: bool = False) -> str | None:
        """The model id Claude Code sends for an alias, or None when ``alias`` is not one.

        Case-insensitive; ``[1m]`` is stripped; ``ANTHROPIC_DEFAULT_{OPUS,SONNET,HAIKU,FABLE}_MODEL``
        in ``env`` remap the base aliases (their own ``[1m]`` is stripped too; non-string values are
        ignored). ``default`` and
        ``inherit`` are not aliases here (they depend on the surrounding configuration).
        """
        name = alias.strip().lower()
        if name.endswith(_ONE_M):
            name = name[: -len(_ONE_M)]
        snap = self.snapshot(claude_version)
        # A snapshot may record what 'best' sent; otherwise it follows its base alias.
        recorded = snap.targets.get("best") if name == "best" else None
        if name == "opusplan":
            name = self._opusplan[0] if plan_mode else self._opusplan[1]
        elif name == "best":
            name = self._best_follows
        if name not in BASE_ALIASES:
            return None
        if recorded and recorded != snap.targets.get(name):
            return recorded  # e.g. best -> Fable: the opus remap does not apply
        if env:
            for var, target_alias in self.env_remaps.items():
                raw = env.get(var)
                if target_alias == name and isinstance(raw, str) and raw.strip():
                    value = raw.strip()
                    return value[: -len(_ONE_M)] if value.lower().endswith(_ONE_M) else value
        return snap.targets.get(name)

    def default_model(self, claude_version: str | None = None) -> str:
        """The built-in default model of an API-key user for a Claude Code version."""
        snap = self.snapshot(claude_version)
        if snap.default_model:
            return snap.default_model
        return snap.targets["opus"]

    def __iter__(self) -> Iterator[Model]:
        return iter(self.models)

    def __len__(self) -> int:
        return len(self.models)


@lru_cache(maxsize=None)
def _load(path: str) -> Catalog:
    with open(path, encoding="utf-8") as fh:
        return Catalog(json.load(fh))


def load_catalog(path: "str | Path | None" = None) -> Catalog:
    """The bundled catalog (or the one at ``path``), parsed once and cached."""
    return _bundled() if path is None else _load(str(path))


@lru_cache(maxsize=1)
def _bundled() -> Catalog:
    # Asked for a dozen times a file by the model rules: it is read once, not each time.
    return _load(data_file("models.json"))


def format_money(value: float) -> str:
    """``3.0`` -> ``"$3"``, ``0.1`` -> ``"$0.10"``, ``0.125`` -> ``"$0.125"``."""
    if value == int(value):
        return f"${int(value)}"
    text = f"{value:.4f}".rstrip("0")
    if len(text.split(".")[1]) < 2:
        text += "0"
    return f"${text}"


def format_price(model: Model) -> str:
    """``"$3/$15 per MTok"`` (input/output), or ``"price unknown"``."""
    if model.prices is None:
        return "price unknown"
    return f"{format_money(model.prices.input)}/{format_money(model.prices.output)} per MTok"
