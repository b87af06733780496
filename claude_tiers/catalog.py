"""The model catalog: typed, read-only access to ``claude_tiers/data/models.json``.

The JSON is loaded on first use and cached; importing this module costs only stdlib imports.
"""

import json
import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from claude_tiers.resources import data_path

__all__ = [
    "Prices", "Model", "AliasSnapshot", "Catalog", "load_catalog", "format_price", "format_money", "parse_version",
    "BASE_ALIASES", "AVAILABLE_STATUSES",
]

#: Aliases whose target Claude Code ships per version (the others derive from these).
BASE_ALIASES: tuple[str, ...] = ("opus", "sonnet", "haiku", "fable")
#: Statuses under which a model still answers requests.
AVAILABLE_STATUSES: frozenset[str] = frozenset({"active", "legacy", "deprecated"})

_RECOMMENDABLE = frozenset({"active", "legacy"})
_ONE_M = "[1m]"
_BEDROCK_PREFIX = re.compile(r"^(?:[a-z]{2,6}(?:-[a-z]+)?\.)?anthropic\.")
_BEDROCK_SUFFIX = re.compile(r"-v\d+(?::\d+)?$")
_VERTEX = re.compile(r"^(?P<name>[a-z0-9.-]+)@(?P<date>\d{8})$")


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
    """One catalog entry; ``id`` is the Claude API model id."""

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


def parse_version(version: str) -> tuple[int, ...]:
    """``"2.1.330"`` -> ``(2, 1, 330)``; non-numeric parts (``-beta``) are ignored."""
    parts: list[int] = []
    for piece in version.strip().lstrip("vV").split("."):
        m = re.match(r"\d+", piece)
        if not m:
            break
        parts.append(int(m.group()))
    if not parts:
        raise ValueError(f"not a version: {version!r}")
    return tuple(parts)


def _opt_str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


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
        if _BEDROCK_PREFIX.match(key):
            bare = _BEDROCK_PREFIX.sub("", key)
            for cand in (bare, _BEDROCK_SUFFIX.sub("", bare)):
                found = self._index.get(cand)
                if found:
                    return found[0], "bedrock-id"
                found = self._index.get("anthropic." + cand)
                if found:
                    return found[0], "bedrock-id"
            return None
        vm = _VERTEX.match(key)
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
        """The tier whose model is ``model_id`` (any form of the same model), else None.

        The string goes through the classifier (:func:`claude_tiers.modelstr.classify`), so the
        forms it pins to a catalog model count too (``CLAUDE-SONNET-4-6``, a Vertex id with an
        unknown date); aliases have no tier (their target changes between Claude Code versions).
        """
        from claude_tiers.modelstr import classify

        ref = classify(model_id, self)
        target = self.get(ref.canonical) if ref.canonical else self.get(model_id)
        wanted = target.id if target else model_id.strip()
        for tier in sorted(self.tiers):
            tm = self.tier_model(tier, overrides)
            tmodel = self.get(tm)
            if (tmodel.id if tmodel else tm) == wanted:
                return tier
        return None

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
        names = {a for s in self.snapshots for a in s.targets} | set(BASE_ALIASES)
        return frozenset(names | {"best", "opusplan"})

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


def load_catalog(path: str | Path | None = None) -> Catalog:
    """The bundled catalog (or the one at ``path``), parsed once and cached."""
    return _load(str(path if path is not None else data_path("models.json")))


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
