"""Rendering for ``claude-tiers models``: the catalog as a text table or as JSON.

JSON output (stable; ``version`` changes only on an incompatible change)::

    {
      "version": 1,
      "checked": "YYYY-MM-DD",                # when the catalog was last checked
      "tiers": {"1": {"name": str, "model": str}, ...},
      "aliases": {"claude_code": str,          # newest known Claude Code version
                  "targets": {alias: model id}, "default_model": str},
      "models": [{
        "id", "display_name", "family", "version", "status", "availability",
        "tier",                                # 1/2/3 or null
        "dated_id", "alias_id", "bedrock_id", "vertex_id",
        "released_on", "deprecated_on", "retires_on", "retires_not_before", "retired_on",
        "replacement",                         # Anthropic's recommendation at deprecation
        "use_instead",                         # first replacement that is active or legacy
        "prices": {"input", "output", "cache_write_5m", "cache_write_1h", "cache_read"} | null,
        "effort": [str], "context_1m": bool
      }, ...]
    }

Dates are ISO strings or null; prices are USD per million tokens.
"""

from __future__ import annotations

import json
from typing import Any

from claude_tiers.catalog import Catalog, Model, Prices
from claude_tiers.catalog import format_money as _money

__all__ = ["render_models", "FORMATS", "JSON_VERSION"]

FORMATS: tuple[str, ...] = ("text", "json")
JSON_VERSION = 1


def render_models(catalog: Catalog, fmt: str = "text") -> str:
    """The catalog rendered as ``text`` (aligned table) or ``json``; ends with a newline."""
    if fmt == "json":
        return json.dumps(_as_json(catalog), indent=2, ensure_ascii=False) + "\n"
    if fmt == "text":
        return _as_text(catalog)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def _status(catalog: Catalog, model: Model) -> str:
    if model.status == "retired":
        text = "retired" + (f" {model.retired_on}" if model.retired_on else "")
    elif model.status == "deprecated":
        text = "deprecated" + (f", retires {model.retires_on}" if model.retires_on else "")
    elif model.retires_not_before:
        text = f"{model.status}, retires >= {model.retires_not_before}"
    else:
        text = model.status
    if model.availability != "general":
        text += f", {model.availability}"
    if model.status in ("retired", "deprecated"):
        repl = catalog.current_replacement(model)
        if repl is not None:
            text += f"; use {repl.id}"
    return text


def _prices(p: Prices | None) -> tuple[str, str]:
    if p is None:
        return "-", "-"
    return (f"{_money(p.input)}/{_money(p.output)}",
            f"{_money(p.cache_write_5m)}/{_money(p.cache_write_1h)}/{_money(p.cache_read)}")


def _table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]


def _opusplan(catalog: Catalog) -> tuple[str, str]:
    """What ``opusplan`` sends in plan mode and outside it (it is no single target)."""
    return (catalog.resolve_alias("opusplan", plan_mode=True) or "?",
            catalog.resolve_alias("opusplan") or "?")


def _as_text(catalog: Catalog) -> str:
    lines = [f"Model catalog (checked {catalog.checked}); prices in USD per million tokens", "", "Tiers:"]
    tier_rows = [[f"  {t}", catalog.tier_name(t), catalog.tier_model(t)] for t in sorted(catalog.tiers)]
    lines += _table(tier_rows)
    snap = catalog.snapshot()
    targets = ", ".join(f"{a} -> {m}" for a, m in snap.targets.items())
    plan, otherwise = _opusplan(catalog)
    targets += f", opusplan -> {plan} in plan mode, {otherwise} otherwise"
    lines += ["", f"Aliases in Claude Code {snap.version}: {targets}",
              f"Default model (API key): {catalog.default_model()}", ""]
    rows = [["ID", "TIER", "STATUS", "IN/OUT", "CACHE 5M/1H/READ"]]
    for m in catalog.models:
        io, cache = _prices(m.prices)
        rows.append([m.id, str(m.tier) if m.tier is not None else "-", _status(catalog, m), io, cache])
    lines += _table(rows)
    return "\n".join(lines) + "\n"


def _prices_json(p: Prices | None) -> dict[str, float] | None:
    if p is None:
        return None
    return {"input": p.input, "output": p.output, "cache_write_5m": p.cache_write_5m,
            "cache_write_1h": p.cache_write_1h, "cache_read": p.cache_read}


def _as_json(catalog: Catalog) -> dict[str, Any]:
    snap = catalog.snapshot()
    models = []
    for m in catalog.models:
        repl = catalog.current_replacement(m) if m.status in ("retired", "deprecated") else None
        models.append({
            "id": m.id, "display_name": m.display_name, "family": m.family, "version": m.version,
            "status": m.status, "availability": m.availability, "tier": m.tier,
            "dated_id": m.dated_id, "alias_id": m.alias_id, "bedrock_id": m.bedrock_id, "vertex_id": m.vertex_id,
            "released_on": m.released_on, "deprecated_on": m.deprecated_on, "retires_on": m.retires_on,
            "retires_not_before": m.retires_not_before, "retired_on": m.retired_on,
            "replacement": m.replacement, "use_instead": repl.id if repl else None,
            "prices": _prices_json(m.prices), "effort": list(m.effort), "context_1m": m.context_1m,
        })
    return {
        "version": JSON_VERSION,
        "checked": catalog.checked,
        "tiers": {str(t): {"name": catalog.tier_name(t), "model": catalog.tier_model(t)}
                  for t in sorted(catalog.tiers)},
        "aliases": {"claude_code": snap.version, "targets": dict(snap.targets),
                    "opusplan": dict(zip(("plan_mode", "otherwise"), _opusplan(catalog))),
                    "default_model": catalog.default_model()},
        "models": models,
    }
