"""Rendering for ``claude-tiers presets show``."""

from __future__ import annotations

import json

from claude_tiers.jsonio import printable
from claude_tiers.presets import Preset, Rule
from claude_tiers.redact import redact, secrets_in


def _rule_line(rule: Rule, tiers: dict[int, str]) -> str:
    target = rule.model or f"tier {rule.tier} ({tiers[rule.tier or 1]})"
    reason = f"  # {rule.reason}" if rule.reason else ""
    return f"  {rule.match:<16} -> {target}{reason}"


def render_preset(preset: Preset) -> str:
    """A readable view of a resolved preset: what it sets, removes, costs and which rules it has."""
    from claude_tiers.apply import tier_models
    from claude_tiers.catalog import format_price, load_catalog

    catalog = load_catalog()
    tiers = tier_models()
    lines = [f"{preset.name}: {preset.description}"]
    if preset.when:
        lines.append(f"when:     {preset.when}")
    if preset.tier:
        lines.append(f"tier:     {preset.tier}")
    if len(preset.chain) > 1:
        lines.append(f"extends:  {' -> '.join(preset.chain)}")
    model = preset.settings.get("model")
    if isinstance(model, str):
        resolved = catalog.get(model)
        if resolved is None:
            alias = catalog.resolve_alias(model, env=preset.settings.get("env") or {})
            resolved = catalog.get(alias) if alias else None
        cost = f" ({resolved.id}: {format_price(resolved)})" if resolved else ""
        lines.append(f"model:    {model}{cost}")
    lines.append(f"source:   {preset.source}")
    lines.append("settings:")
    # Never print a credential a preset carries in env (or anywhere else).
    body = redact(printable(json.dumps(preset.settings, indent=2, ensure_ascii=False)),
                  secrets_in(preset.settings))
    lines.extend("  " + line for line in body.splitlines())
    if preset.remove:
        lines.append("remove:   " + ", ".join(preset.remove))
    for title, rules in (("agents", preset.agents), ("commands", preset.commands)):
        if rules:
            lines.append(f"{title} (first match wins):")
            lines.extend(_rule_line(rule, tiers) for rule in rules)
    return "\n".join(lines) + "\n"
