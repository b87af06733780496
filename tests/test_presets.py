"""Presets: built-ins validate and resolve; user presets, paths, extends and cycles."""

from __future__ import annotations

from pathlib import Path

import pytest

from claude_tiers import resources
from claude_tiers.errors import PresetError
from claude_tiers.presets import available, load_preset

BUILTINS = sorted(p.stem for p in resources.presets_dir().glob("*.yaml"))


def test_the_required_builtins_exist() -> None:
    assert {"sonnet-default", "opus-production", "opus-hard", "opusplan",
            "tiered-agents"} <= set(BUILTINS)


@pytest.mark.parametrize("name", BUILTINS)
def test_every_builtin_resolves_pins_full_ids_and_validates(name: str) -> None:
    from claude_tiers import schema
    from claude_tiers.catalog import load_catalog

    preset = load_preset(name)
    assert preset.description and preset.when
    model = preset.settings.get("model")
    if model is not None and model != "opusplan":
        assert load_catalog().get(model) is not None, "presets pin full model ids"
    for value in (preset.settings.get("env") or {}).values():
        assert load_catalog().get(value) is not None
    assert not [i for i in schema.validate(preset.settings) if i.consequence == "drop-file"]


@pytest.mark.parametrize(("name", "model", "tier"), [
    ("sonnet-default", "claude-sonnet-4-6", 1),
    ("opus-production", "claude-opus-4-6", 2),
    ("opus-hard", "claude-opus-4-7", 3),
])
def test_tier_presets(name: str, model: str, tier: int) -> None:
    preset = load_preset(name)
    assert (preset.settings["model"], preset.tier) == (model, tier)
    assert "defaultModel" in preset.remove


def test_tiered_agents_extends_and_orders_rules() -> None:
    preset = load_preset("tiered-agents")
    assert preset.chain == ("sonnet-default", "tiered-agents")
    assert preset.settings["model"] == "claude-sonnet-4-6"
    rule = preset.agent_rule("security-reviewer")
    assert rule is not None and rule.tier == 3
    rule = preset.agent_rule("code-reviewer")
    assert rule is not None and rule.tier == 1
    assert preset.agent_rule("frontend-engineer") is None


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_user_presets_are_found_walking_up_and_override_builtins(tmp_path: Path) -> None:
    _write(tmp_path / ".claude-tiers/presets/sonnet-default.yaml",
           "description: ours\nsettings:\n  model: claude-haiku-4-5\n")
    _write(tmp_path / ".claude-tiers/presets/team.yaml",
           "description: team\nextends: opus-production\nsettings:\n  env:\n    X: '1'\n")
    sub = tmp_path / "services" / "api"
    sub.mkdir(parents=True)
    assert load_preset("sonnet-default", sub).settings == {"model": "claude-haiku-4-5"}
    team = load_preset("team", sub)
    assert team.settings == {"model": "claude-opus-4-6", "env": {"X": "1"}}
    assert "team" in available(sub)


def test_cycles_unknown_names_and_invalid_presets_are_errors(tmp_path: Path) -> None:
    a = _write(tmp_path / "a.yaml", "description: a\nextends: ./b.yaml\n")
    _write(tmp_path / "b.yaml", "description: b\nextends: ./a.yaml\n")
    with pytest.raises(PresetError, match="cycle: a -> b -> a"):
        load_preset(str(a))
    with pytest.raises(PresetError, match="unknown preset 'nope'.*sonnet-default"):
        load_preset("nope", tmp_path)
    bad = _write(tmp_path / "bad.yaml", "description: x\ntier: 7\nsettings: []\n")
    with pytest.raises(PresetError, match="invalid preset"):
        load_preset(str(bad))
    broken = _write(tmp_path / "broken.yaml", "description: [x\n")
    with pytest.raises(PresetError, match=r"broken.yaml:\d+:\d+: invalid YAML"):
        load_preset(str(broken))
