"""Presets: built-ins validate and resolve; user presets, paths, extends and cycles."""

from __future__ import annotations

from pathlib import Path
from typing import Any

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


@pytest.mark.parametrize(("settings", "line", "words"), [
    ("  cleanupPeriodDays: .inf\n", 3, "NaN and infinite"),
    ("  env:\n    X: .nan\n", 4, "NaN and infinite"),
    ("  model: sonnet-4-6\n", 3, "did you mean 'claude-sonnet-4-6'"),
    ("  model: CLAUDE-SONNET-4-6\n", 3, "did you mean 'claude-sonnet-4-6'"),
    ("  effortLevel: max\n", 3, "effortLevel"),  # loads, but Claude Code ignores the value
    ("  permissions:\n    defaultMode: yolo\n", 4, "ignore the whole settings file"),
    ("  cleanupPeriodDays: 0\n", 3, ">= 1"),
    ("  model: 42\n", 3, "expected a string"),
    ("  model: null\n", 3, "expected a string"),
    ("  model: inherit\n", 3, "not accepted"),
    ("  env:\n    ANTHROPIC_DEFAULT_OPUS_MODEL: opus-4.6\n", 4, "did you mean"),
    ("  fallbackModel: [claude-opus-4-6, sonet]\n", 3, "fallbackModel.1"),
])
def test_a_preset_that_would_write_what_claude_code_drops_is_a_config_error(
        tmp_path: Path, settings: str, line: int, words: str) -> None:
    path = _write(tmp_path / "p.yaml", "description: x\nsettings:\n" + settings)
    with pytest.raises(PresetError) as info:
        load_preset(str(path))
    message = str(info.value)
    assert f"p.yaml:{line}:" in message and words in message, message
    assert info.value.exit_code == 2


def test_agent_rule_models_are_classified(tmp_path: Path) -> None:
    path = _write(tmp_path / "p.yaml", "description: x\nagents:\n  - match: '*'\n"
                  "    model: claude-opus-4.6\n")
    with pytest.raises(PresetError, match=r"p.yaml:4:\d+: agents.0.model: .*did you mean"):
        load_preset(str(path))
    ok = _write(tmp_path / "ok.yaml", "description: x\nagents:\n  - match: '*'\n    model: inherit\n")
    assert load_preset(str(ok)).agents[0].model == "inherit"


def test_a_user_preset_can_extend_the_builtin_it_shadows(tmp_path: Path) -> None:
    _write(tmp_path / ".claude-tiers/presets/sonnet-default.yaml",
           "description: ours\nextends: sonnet-default\nsettings:\n  env:\n    X: '1'\n")
    preset = load_preset("sonnet-default", tmp_path)
    assert preset.settings == {"model": "claude-sonnet-4-6", "env": {"X": "1"}}
    assert preset.description == "ours" and preset.remove == ("defaultModel",)
    # A nested user folder can shadow the one above it in turn.
    _write(tmp_path / "svc/.claude-tiers/presets/sonnet-default.yaml",
           "description: svc\nextends: sonnet-default\nsettings:\n  env:\n    Y: '2'\n")
    nested = load_preset("sonnet-default", tmp_path / "svc")
    assert nested.settings == {"model": "claude-sonnet-4-6", "env": {"X": "1", "Y": "2"}}
    # A real cycle between user presets is still one.
    _write(tmp_path / ".claude-tiers/presets/a.yaml", "description: a\nextends: b\n")
    _write(tmp_path / ".claude-tiers/presets/b.yaml", "description: b\nextends: a\n")
    with pytest.raises(PresetError, match="cycle"):
        load_preset("a", tmp_path)


def test_presets_list_shows_the_good_ones_and_reports_a_broken_one(
        tmp_path: Path, run_cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path / ".claude-tiers/presets/typo.yaml", "descripton: x\n")
    _write(tmp_path / ".claude-tiers/presets/loop.yaml", "description: l\nextends: loop2\n")
    _write(tmp_path / ".claude-tiers/presets/loop2.yaml", "description: l\nextends: loop\n")
    _write(tmp_path / ".claude-tiers/presets/team.yaml", "description: team\nwhen: always\n")
    monkeypatch.chdir(tmp_path)
    result = run_cli(["claude-tiers", "presets", "list"])
    assert result.exit_code == 1
    assert "sonnet-default" in result.stdout and "team" in result.stdout
    assert "typo" not in result.stdout and "typo.yaml" in result.stderr
    assert "cycle" in result.stderr


def test_presets_show_masks_secrets(tmp_path: Path, run_cli: Any,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path / ".claude-tiers/presets/sec.yaml", "description: s\nsettings:\n  env:\n"
           "    MY_API_KEY: hunter2hunter2\n    URL: https://u:pa55word@example.com\n")
    monkeypatch.chdir(tmp_path)
    result = run_cli(["claude-tiers", "presets", "show", "sec"])
    assert result.exit_code == 0
    assert "hunter2" not in result.stdout and "pa55word" not in result.stdout
    assert "****" in result.stdout


def test_presets_help_has_examples(run_cli: Any) -> None:
    for argv in (["presets", "--help"], ["presets", "list", "--help"], ["presets", "show", "--help"]):
        result = run_cli(["claude-tiers", *argv])
        assert result.exit_code == 0 and "claude-tiers presets " in result.stdout.split("Example")[-1]
