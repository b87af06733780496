"""The tier policy: rule matching, tier remaps, limits, errors, and the words that cite rules."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claude_tiers import config
from claude_tiers.errors import ConfigError, ExitCode
from claude_tiers.policy import (Policy, above, cite, describe, glob_regex, higher, is_floating,
                                 load_policy, normalize, remap_models, tier_of)

ROOT = Path("/repo")
TIERS = {1: "claude-sonnet-4-6", 2: "claude-opus-4-6", 3: "claude-opus-4-7"}


def make(data: dict[str, Any], root: Path = ROOT) -> Policy:
    """A policy from configuration data (validated by the config schema, as from a file)."""
    conf = config.parse(data, root / "claude-tiers.yaml")
    return Policy.from_config(conf, root)


BASE: dict[str, Any] = {
    "default": "sonnet-default",
    "projects": [
        {"match": "services/*", "preset": "opus-production", "reason": "services"},
        {"match": "services/auth", "preset": "opus-hard", "reason": "credentials",
         "limits": {"max-tier": 3}},
        {"match": "research/**", "preset": "opus-hard", "reason": "hard problems"},
        {"match": "*/legacy", "preset": "sonnet-default", "reason": "first of a tie"},
        {"match": "apps/*", "preset": "opus-production", "reason": "second of a tie"},
    ],
    "agents": [{"match": "*secur*", "tier": 3, "reason": "security"}],
    "limits": {"max-tier": 3},
}


# ----------------------------------------------------------------------------- matching


@pytest.mark.parametrize("project,preset,rule", [
    ("services/payments", "opus-production", "projects[0] 'services/*'"),
    ("services/auth", "opus-hard", "projects[1] 'services/auth'"),  # literal beats the glob
    ("services/payments/worker", "sonnet-default", "default"),  # * stays in one folder
    ("research", "opus-hard", "projects[2] 'research/**'"),  # dir/** matches dir itself
    ("research/a/b/c", "opus-hard", "projects[2] 'research/**'"),
    ("apps/legacy", "sonnet-default", "projects[3] '*/legacy'"),  # a tie: the first listed wins
    ("apps/web", "opus-production", "projects[4] 'apps/*'"),
    (".", "sonnet-default", "default"),
    ("./tools/x/", "sonnet-default", "default"),
])
def test_most_specific_rule_wins(project: str, preset: str, rule: str) -> None:
    decision = make(BASE).resolve(project)
    assert (decision.preset, decision.rule) == (preset, rule)
    assert decision.project == normalize(project)


def test_decision_carries_reason_rules_limits_and_model() -> None:
    decision = make(BASE).resolve("services/auth")
    assert decision.reason == "credentials"
    assert decision.model == "claude-opus-4-7" and decision.tier == 3
    assert decision.limits.max_tier == 3
    assert decision.limits.origin["max-tier"] == "projects[1].limits"
    assert [r.match for r in decision.agent_rules] == ["*secur*"]
    assert decision.agent_rule("security-reviewer") is not None
    assert decision.agent_rule("docs") is None
    assert decision.covered


def test_uncovered_project_without_default() -> None:
    data = {"projects": [{"match": "services/*", "preset": "opus-production"}]}
    decision = make(data).resolve("tools/cli")
    assert not decision.covered and decision.preset is None and decision.rule == ""
    assert "no projects rule and no default" in cite(decision)


def test_rule_without_preset_takes_the_default_but_its_own_agents_and_reason() -> None:
    data = {"default": "sonnet-default",
            "projects": [{"match": "web/*", "reason": "frontends",
                          "agents": [{"match": "*", "model": "claude-haiku-4-5"}]}]}
    decision = make(data).resolve("web/app")
    assert decision.preset == "sonnet-default" and decision.reason == "frontends"
    assert decision.rule == "projects[0] 'web/*' (preset from default)"
    assert decision.agent_rules[0].model == "claude-haiku-4-5"
    assert decision.agent_rules[0].origin == "projects[0].agents[0]"


@given(st.text(alphabet="ab/", min_size=1, max_size=12))
@settings(max_examples=200)
def test_glob_star_never_spans_folders(path: str) -> None:
    rel = normalize(path)
    one = make({"projects": [{"match": "*", "preset": "sonnet-default"}]}).match(rel) is not None
    assert one == ("/" not in rel and rel != ".")
    assert glob_regex("**").match(rel) is not None
    if "[" not in rel:
        assert glob_regex(rel).match(rel) is not None


# ----------------------------------------------------------------------------- tiers


def test_tier_remap_moves_every_preset_on_that_tier() -> None:
    data = dict(BASE, tiers={"1": "claude-sonnet-4-5"})
    policy = make(data)
    assert policy.resolve("tools/x").model == "claude-sonnet-4-5"  # sonnet-default is tier 1
    assert policy.resolve("services/x").model == "claude-opus-4-6"  # tier 2 untouched
    assert policy.overrides == {1: "claude-sonnet-4-5"}
    assert policy.tiers[1] == "claude-sonnet-4-5"


def test_tier_remap_by_name_and_opusplan_pins_follow() -> None:
    data = {"tiers": {"production-critical": "claude-opus-4-5", "day-to-day": "claude-sonnet-4-5"},
            "default": "opusplan"}
    decision = make(data).resolve(".")
    env = decision.settings["env"]
    assert env == {"ANTHROPIC_DEFAULT_OPUS_MODEL": "claude-opus-4-5",
                   "ANTHROPIC_DEFAULT_SONNET_MODEL": "claude-sonnet-4-5"}
    assert decision.model == "opusplan"


def test_remap_models_only_touches_model_strings() -> None:
    remap = {"claude-sonnet-4-6": "X"}
    data = {"model": "claude-sonnet-4-6", "fallbackModel": ["claude-sonnet-4-6", "y"],
            "env": {"ANTHROPIC_DEFAULT_SONNET_MODEL": "claude-sonnet-4-6",
                    "NOTE": "claude-sonnet-4-6"}, "other": "claude-sonnet-4-6"}
    out = remap_models(data, remap)
    assert out["model"] == "X" and out["fallbackModel"] == ["X", "y"]
    assert out["env"] == {"ANTHROPIC_DEFAULT_SONNET_MODEL": "X", "NOTE": "claude-sonnet-4-6"}
    assert out["other"] == "claude-sonnet-4-6"
    assert data["model"] == "claude-sonnet-4-6"  # the input is not changed


def test_tier_shorthand_and_custom_named_tiers() -> None:
    data = {"tiers": {"cheap": "claude-haiku-4-5", "4": "claude-opus-4-5"},
            "projects": [{"match": "a", "tier": 2}, {"match": "b", "tier": "cheap"},
                         {"match": "c", "tier": 4}],
            "agents": [{"match": "fast-*", "tier": "cheap"}]}
    policy = make(data)
    a, b, c = policy.resolve("a"), policy.resolve("b"), policy.resolve("c")
    assert (a.preset, a.model, a.tier) == ("tier 2", "claude-opus-4-6", 2)
    assert (b.preset, b.model) == ("tier cheap", "claude-haiku-4-5")
    assert (c.model, c.tier) == ("claude-opus-4-5", 4)
    assert a.agent_rules[0].model == "claude-haiku-4-5"
    preset = policy.presets["tier 2"]
    assert preset.settings == {"model": "claude-opus-4-6"} and "defaultModel" in preset.remove


def test_policy_presets_remove_env_anthropic_model() -> None:
    policy = make({"default": "sonnet-default"})
    assert "/env/ANTHROPIC_MODEL" in policy.presets["sonnet-default"].remove


def test_preset_for_puts_policy_rules_before_the_presets_own() -> None:
    data = {"default": "tiered-agents",
            "agents": [{"match": "*review*", "tier": 2, "reason": "we review carefully"}]}
    policy = make(data)
    decision = policy.resolve("x")
    preset = policy.preset_for(decision)
    assert preset is not None
    first = preset.agent_rule("code-reviewer")
    assert first is not None and first.model == "claude-opus-4-6"
    assert first.preset == "policy agents[0]"
    sec = preset.agent_rule("security-auditor")
    assert sec is not None and sec.model == "claude-opus-4-7" and sec.preset.startswith("policy preset")
    assert cite(decision, decision.agent_rule("security-auditor")).startswith("preset tiered-agents")


def test_tier_helpers() -> None:
    assert tier_of("claude-opus-4-7", TIERS) == 3
    assert tier_of("claude-sonnet-4-6", TIERS) == 1
    assert tier_of(None, TIERS) is None
    assert above("claude-opus-4-7", 2, TIERS) is True
    assert above("claude-sonnet-4-6", 2, TIERS) is False
    assert above("opus", 1, TIERS) is True  # today's opus (by price) is above tier 1
    assert above("inherit", 1, TIERS) is False
    assert higher("claude-opus-4-6", "claude-sonnet-4-6", TIERS) is True
    assert higher("claude-haiku-4-5", "claude-sonnet-4-6", TIERS) is False
    assert is_floating("opus") and is_floating("sonnet[1m]") and is_floating("opusplan")
    assert not is_floating("claude-sonnet-4-6") and not is_floating("inherit")
    assert not is_floating("opus", {"ANTHROPIC_DEFAULT_OPUS_MODEL": "claude-opus-4-6"})
    assert is_floating("opusplan", {"ANTHROPIC_DEFAULT_OPUS_MODEL": "claude-opus-4-6"})
    assert not is_floating("opusplan", {"ANTHROPIC_DEFAULT_OPUS_MODEL": "claude-opus-4-6",
                                        "ANTHROPIC_DEFAULT_SONNET_MODEL": "claude-sonnet-4-6"})


# ----------------------------------------------------------------------------- limits


def test_project_limits_override_global_key_by_key() -> None:
    data = {"default": "sonnet-default",
            "limits": {"max-tier": 2, "local-may-raise": False, "allow-aliases": False},
            "projects": [{"match": "r/**", "preset": "opus-hard",
                          "limits": {"max-tier": "genuinely-hard"}}]}
    policy = make(data)
    inner, outer = policy.resolve("r/x").limits, policy.resolve("x").limits
    assert (inner.max_tier, inner.local_may_raise, inner.allow_aliases) == (3, False, False)
    assert inner.origin == {"max-tier": "projects[0].limits", "local-may-raise": "limits",
                            "allow-aliases": "limits"}
    assert outer.max_tier == 2
    assert "max-tier 2 (limits)" in outer.describe()


# ----------------------------------------------------------------------------- errors


@pytest.mark.parametrize("data,message", [
    ({"default": "no-such-preset"}, r"default: unknown preset 'no-such-preset'"),
    ({"projects": [{"match": "a", "preset": "nope"}]}, r"projects\[0\]\.preset: unknown preset"),
    ({"projects": [{"match": "a", "tier": "huge"}]}, r"unknown tier 'huge'"),
    ({"projects": [{"match": "a", "tier": 7}]}, r"tier 7 has no model"),
    ({"default": "opus-hard", "limits": {"max-tier": 2}}, r"default: preset 'opus-hard' is tier 3"),
    ({"projects": [{"match": "a", "preset": "opus-hard", "limits": {"max-tier": 1}}]},
     r"above the max-tier 1"),
    ({"default": "sonnet-default", "limits": {"max-tier": 1},
      "agents": [{"match": "*", "tier": 2}]}, r"agents\[0\]: claude-opus-4-6 \(tier 2\) is above"),
    ({"default": "sonnet-default", "limits": {"allow-aliases": False},
      "agents": [{"match": "*", "model": "opus"}]}, r"'opus' is a floating alias"),
    ({"default": "tiered-agents", "limits": {"max-tier": 2}},
     r"preset tiered-agents: claude-opus-4-7 \(tier 3\) is above the max-tier 2"),
    ({"tiers": {"1": "sonnet-4-6"}, "default": "sonnet-default"}, r"tiers\.1: 'sonnet-4-6' is not"),
    ({"tiers": {"cheap": "claude-haiku-4-5"}, "default": "sonnet-default",
      "limits": {"max-tier": "cheap"}}, r"has no number"),
    # contradictions an audit found accepted
    ({"tiers": {"1": "not a model!!"}, "default": "sonnet-default"},
     r"tiers\.1: 'not a model!!' is not a Claude model.*gateway-models"),
    ({"tiers": {"1": "inherit"}, "default": "sonnet-default"}, r"not a model a tier can run on"),
    ({"tiers": {"1": "claude-haiku-4-5", "day-to-day": "claude-sonnet-4-5"},
      "default": "sonnet-default"}, r"'1' and 'day-to-day' both name tier 1"),
    ({"default": "sonnet-default", "agents": [{"match": "*", "model": "gpt-4o"}]},
     r"agents\[0\]\.model: 'gpt-4o' is not a Claude model"),
    ({"tiers": {"1": "sonnet"}, "default": "sonnet-default", "limits": {"allow-aliases": False}},
     r"default: preset 'sonnet-default' sets model 'sonnet', a floating alias"),
    ({"default": "opusplan", "limits": {"max-tier": 1}}, r"preset 'opusplan' is tier 2|above"),
    ({"default": "sonnet-default", "projects": [{"match": "../*", "preset": "opus-hard"}]},
     r"projects\[0\]\.match: '\.\./\*' leaves the policy file's folder"),
    ({"default": "sonnet-default", "projects": [{"match": "svc/[", "preset": "opus-hard"}]},
     r"'svc/\[' has a '\[' without its '\]'"),
    ({"default": "sonnet-default", "projects": [{"match": "/abs/x", "preset": "opus-hard"}]},
     r"is not relative"),
    ({"default": "sonnet-default", "projects": [{"match": "a/[z-a]", "preset": "opus-hard"}]},
     r"not a valid glob"),
    ({"default": "sonnet-default", "agents": [{"match": "rev[", "tier": 1}]},
     r"agents\[0\]\.match: 'rev\[' has a '\['"),
])
def test_inconsistent_policies_are_config_errors(data: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        make(data)
    assert re.search(message, str(caught.value)), str(caught.value)
    assert caught.value.exit_code == ExitCode.USAGE
    assert "claude-tiers.yaml" in str(caught.value)


# ----------------------------------------------------------------------------- files


def test_load_policy_from_the_repository_file(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "claude-tiers.yaml").write_text(
        "default: sonnet-default\nprojects:\n  - match: svc/*\n    preset: opus-production\n")
    (tmp_path / "svc" / "a").mkdir(parents=True)
    policy = load_policy(tmp_path / "svc" / "a")
    assert policy is not None and policy.root == tmp_path.resolve()
    decision = policy.decision_for_file(tmp_path / "svc" / "a" / ".claude" / "settings.json")
    assert decision is not None and decision.preset == "opus-production"
    assert policy.decision_for_file(tmp_path / "x.json") is None  # not in a .claude folder
    assert policy.decision_for_file("/elsewhere/p/.claude/settings.json") is None
    assert policy.lookup(tmp_path / ".claude" / "settings.json")().project == "."  # type: ignore[union-attr]
    found = policy.decision_for_dir(tmp_path / "svc" / "a")
    assert found is not None and found.rule == "projects[0] 'svc/*'"
    assert policy.decision_for_dir(tmp_path.parent) is None


def test_load_policy_none_without_policy_sections(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    assert load_policy(tmp_path) is None
    (tmp_path / "claude-tiers.yaml").write_text("lint:\n  ignore: [CT217]\n")
    assert load_policy(tmp_path) is None


def test_user_presets_of_the_repository_are_found(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    folder = tmp_path / ".claude-tiers" / "presets"
    folder.mkdir(parents=True)
    (folder / "house.yaml").write_text("description: ours\ntier: 2\nsettings:\n"
                                       "  model: claude-opus-4-6\n")
    (tmp_path / "claude-tiers.yaml").write_text("default: house\n")
    policy = load_policy(tmp_path)
    assert policy is not None and policy.resolve("x").model == "claude-opus-4-6"


def test_describe_names_preset_rule_agents_and_limits() -> None:
    text = describe(make(BASE).resolve("services/auth"))
    assert text.splitlines()[0] == "services/auth: preset opus-hard, model claude-opus-4-7 (tier 3)"
    assert "claude-tiers.yaml projects[1] 'services/auth' (credentials)" in text
    assert "agents '*secur*' -> claude-opus-4-7 (tier 3) [agents[0]: security]" in text
    assert "limits: max-tier 3 (/repo/claude-tiers.yaml projects[1] 'services/auth' limits " \
        "(credentials))" in text


def test_gateway_models_are_accepted_when_the_policy_lists_them() -> None:
    data = {"tiers": {"1": "corp-gateway/sonnet"}, "gateway-models": ["corp-gateway/*"],
            "default": "sonnet-default"}
    assert make(data).resolve("x").model == "corp-gateway/sonnet"


def test_well_formed_claude_ids_not_in_the_catalog_are_accepted() -> None:
    data = {"tiers": {"3": "claude-opus-9-9"}, "default": "sonnet-default"}
    assert make(data).tiers[3] == "claude-opus-9-9"


def test_labels_follow_the_policy_tiers_when_two_tiers_share_a_model() -> None:
    policy = make({"tiers": {"3": "claude-opus-4-6"}, "default": "opus-hard",
                   "agents": [{"match": "*", "tier": 3}]})
    decision = policy.resolve("x")
    assert decision.model == "claude-opus-4-6" and decision.tier == 3
    assert decision.label(decision.model, decision.tier) == "claude-opus-4-6 (tier 3)"
    assert decision.label("claude-opus-4-6") == "claude-opus-4-6 (tier 3)"  # the remap wins
    rule = decision.agent_rules[0]
    assert rule.number == 3 and decision.label(rule.model, rule.number).endswith("(tier 3)")


def test_preset_paths_are_relative_to_the_policy_file(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "presets").mkdir()
    (tmp_path / "presets" / "x.yaml").write_text("description: ours\ntier: 2\nsettings:\n"
                                                 "  model: claude-opus-4-6\n")
    (tmp_path / "claude-tiers.yaml").write_text("default: presets/x.yaml\n")
    (tmp_path / "services").mkdir()
    monkeypatch.chdir(tmp_path / "services")  # not where the policy is
    policy = load_policy(".")
    assert policy is not None and policy.resolve("a").model == "claude-opus-4-6"


def test_an_imposed_policy_finds_the_presets_next_to_it(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    org, repo = tmp_path / "org", tmp_path / "repo"
    (org / ".claude-tiers" / "presets").mkdir(parents=True)
    (org / ".claude-tiers" / "presets" / "house.yaml").write_text(
        "description: org\ntier: 2\nsettings:\n  model: claude-opus-4-6\n")
    (org / "p2.yaml").write_text("default: house\nprojects:\n  - match: a\n"
                                 "    preset: ./local.yaml\n")
    (org / "local.yaml").write_text("description: next to it\nsettings:\n"
                                    "  model: claude-haiku-4-5\n")
    (repo / ".git").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    policy = load_policy(repo, path=org / "p2.yaml", root=repo)
    assert policy is not None and policy.root == repo
    assert policy.resolve("x").model == "claude-opus-4-6"
    assert policy.resolve("a").model == "claude-haiku-4-5"
    # the target repository's own user presets come after the policy's
    (repo / ".claude-tiers" / "presets").mkdir(parents=True)
    (repo / ".claude-tiers" / "presets" / "theirs.yaml").write_text(
        "description: repo\nsettings:\n  model: claude-sonnet-4-6\n")
    (org / "p3.yaml").write_text("default: theirs\n")
    policy = load_policy(repo, path=org / "p3.yaml", root=repo)
    assert policy is not None and policy.resolve("x").model == "claude-sonnet-4-6"
    (org / "p4.yaml").write_text("default: nowhere\n")
    with pytest.raises(ConfigError, match="unknown preset 'nowhere'"):
        load_policy(repo, path=org / "p4.yaml", root=repo)


def test_cite_names_the_rule_position_and_limits_their_reason(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "claude-tiers.yaml").write_text(
        "default: sonnet-default\nlimits:\n  allow-aliases: false\n  reason: upgrades move aliases\n"
        "projects:\n  - match: r/**\n    preset: opus-hard\n    reason: hard problems\n"
        "    limits: {max-tier: 3}\n")
    policy = load_policy(tmp_path)
    assert policy is not None
    decision = policy.resolve("r/x")
    assert cite(decision).endswith("claude-tiers.yaml:6:5 projects[0] 'r/**' (hard problems)")
    assert decision.limits.cite("max-tier").endswith(
        "claude-tiers.yaml:9:5 projects[0] 'r/**' limits (hard problems)")
    assert decision.limits.cite("allow-aliases").endswith(
        "claude-tiers.yaml:2:1 limits (upgrades move aliases)")
    assert decision.position.endswith("claude-tiers.yaml:6:5") and decision.match == "r/**"


@pytest.mark.parametrize("model,limits,message", [
    ("opus", {"max-tier": 1}, r"sets model 'opus' \(today claude-opus-5-5\), above the max-tier 1"),
    ("sonnet", {"allow-aliases": False}, r"sets model 'sonnet', a floating alias"),
    ("opusplan", {"max-tier": 1}, r"sets model 'opusplan' \(today claude-opus-5-5\), above"),
    ("claude-opus-9-9", {"max-tier": 2}, r"whose tier cannot be told"),
])
def test_user_presets_must_keep_the_limits(tmp_path: Path, model: str, limits: dict[str, Any],
                                           message: str) -> None:
    (tmp_path / ".git").mkdir()
    folder = tmp_path / ".claude-tiers" / "presets"
    folder.mkdir(parents=True)
    (folder / "mine.yaml").write_text(f"description: x\nsettings:\n  model: {model}\n")
    conf = config.parse({"default": "mine", "limits": limits}, tmp_path / "claude-tiers.yaml")
    with pytest.raises(ConfigError, match=message):
        Policy.from_config(conf, tmp_path)


def test_describe_gives_explain_the_rule_position_and_reason(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "claude-tiers.yaml").write_text(
        "default: sonnet-default\nagents:\n  - match: '*secur*'\n    tier: 3\n"
        "    reason: security\n")
    policy = load_policy(tmp_path)
    assert policy is not None
    decision = policy.decision_for_dir(tmp_path / "svc")
    assert decision is not None and decision.source.endswith("claude-tiers.yaml")
    text = describe(decision)
    assert "rule: " in text and "claude-tiers.yaml:1:1 default" in text
    assert "claude-tiers.yaml:3:5 agents[0]: security]" in text
