"""explain's resolution rules, one row per fact observed with Claude Code 2.1.330.

Facts come from ``../shared/reference/claude-code-oracle.md`` and from runs of the real Claude
Code made while writing ``tests/oracle/test_explain_oracle.py`` (which checks them in bulk).
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claude_tiers.explain import AgentDef, Layer, PolicyView, Request, explain, js_string, merge_settings

OPUS, SONNET, HAIKU = "claude-opus-5-5", "claude-sonnet-5-5", "claude-haiku-5-5"
INVALID = object()
TODAY = "2026-12-02"  # retirements are judged on a date: Claude Sonnet 4.5 retired 2026-11-30


def _layer(scope: str, path: str, data: Any) -> Layer:
    if data is INVALID:
        return Layer(scope, path, error="Invalid or malformed JSON")
    if isinstance(data, str):
        return Layer(scope, path, error=data)
    return Layer(scope, path, data)


def _agent(name: str, fm: dict[str, Any], scope: str = "project") -> AgentDef:
    problem = None if "description" in fm or fm.get("_skip") is False else "no description"
    return AgentDef(name, scope, f"{'~/' if scope == 'user' else ''}.claude/agents/{name}.md",
                    fm.get("model"), "model" in fm, problem, fm.get("tools"), fm.get("disallowedTools"))


def build(user: Any = None, project: Any = None, local: Any = None, root_local: Any = None,
          flag: Any = None, managed: tuple[Any, ...] = (), env: dict[str, str] | None = None,
          model: str | None = None, agent: str | None = None, agents: dict[str, dict[str, Any]] | None = None,
          user_agents: dict[str, dict[str, Any]] | None = None, version: str | None = "2.1.330",
          today: str = TODAY) -> Request:
    layers = []
    for scope, path, data in (("user", "~/.claude/settings.json", user), ("project", ".claude/settings.json", project),
                              ("local", ".claude/settings.local.json", local),
                              ("local", "../.claude/settings.local.json", root_local), ("flag", "s.json", flag)):
        if data is not None:
            layers.append(_layer(scope, path, data))
    for i, data in enumerate(managed):
        layers.append(_layer("managed", f"/etc/claude-code/managed-settings.d/{i:02d}.json", data))
    defs = [_agent(n, fm) for n, fm in (agents or {}).items()]
    defs += [_agent(n, fm, "user") for n, fm in (user_agents or {}).items()]
    return Request(tuple(layers), env or {}, model, agent, tuple(defs), version, today=today)


def D(m: str | None = None) -> dict[str, Any]:  # noqa: N802 - a tiny agent frontmatter helper
    return {"description": "d"} if m is None else {"description": "d", "model": m}


# (id, build kwargs, expected main model id)
MAIN = [
    ("nothing-set-is-the-default", {}, OPUS),
    ("user-model", {"user": {"model": "sonnet"}}, SONNET),
    ("project-beats-user", {"user": {"model": "sonnet"}, "project": {"model": "haiku"}}, HAIKU),
    ("local-beats-project", {"project": {"model": "sonnet"}, "local": {"model": "haiku"}}, HAIKU),
    ("git-root-local-beats-start-local", {"local": {"model": "sonnet"}, "root_local": {"model": "haiku"}}, HAIKU),
    ("settings-flag-beats-local", {"local": {"model": "sonnet"}, "flag": {"model": "haiku"}}, HAIKU),
    ("managed-beats-settings-flag", {"flag": {"model": "sonnet"}, "managed": ({"model": "haiku"},)}, HAIKU),
    ("process-env-beats-managed-model", {"managed": ({"model": "haiku"},), "env": {"ANTHROPIC_MODEL": "sonnet"}}, SONNET),
    ("settings-env-beats-process-env", {"user": {"env": {"ANTHROPIC_MODEL": "haiku"}}, "project": {"model": "sonnet"},
                                        "env": {"ANTHROPIC_MODEL": "opus"}}, HAIKU),
    ("project-env-beats-user-env", {"user": {"env": {"ANTHROPIC_MODEL": "haiku"}},
                                    "project": {"env": {"ANTHROPIC_MODEL": "sonnet"}}}, SONNET),
    ("flag-env-beats-local-env", {"local": {"env": {"ANTHROPIC_MODEL": "haiku"}},
                                  "flag": {"env": {"ANTHROPIC_MODEL": "sonnet"}}}, SONNET),
    ("managed-env-beats-flag-env", {"managed": ({"env": {"ANTHROPIC_MODEL": "haiku"}},),
                                    "flag": {"env": {"ANTHROPIC_MODEL": "sonnet"}}}, HAIKU),
    ("agent-model-beats-managed-env", {"managed": ({"env": {"ANTHROPIC_MODEL": "sonnet"}},), "agent": "rev",
                                       "agents": {"rev": D("haiku")}}, HAIKU),
    ("model-flag-beats-agent", {"model": "sonnet", "agent": "rev", "agents": {"rev": D("haiku")}}, SONNET),
    ("agent-setting-beats-model-and-env", {"project": {"agent": "rev", "model": "sonnet"},
                                           "env": {"ANTHROPIC_MODEL": "opus"}, "agents": {"rev": D("haiku")}}, HAIKU),
    ("managed-agent-beats-project-agent", {"project": {"agent": "a"}, "managed": ({"agent": "b"},),
                                           "agents": {"a": D("sonnet"), "b": D("haiku")}}, HAIKU),
    ("agent-flag-beats-managed-agent", {"managed": ({"agent": "b"},), "agent": "a",
                                        "agents": {"a": D("sonnet"), "b": D("haiku")}}, SONNET),
    ("agent-inherit-falls-through", {"env": {"ANTHROPIC_MODEL": "sonnet"}, "agent": "rev",
                                     "agents": {"rev": D("inherit")}}, SONNET),
    ("agent-empty-model-falls-through", {"project": {"model": "sonnet"}, "agent": "rev", "agents": {"rev": D("")}}, SONNET),
    ("agent-without-model-falls-through", {"managed": ({"model": "haiku"},), "agent": "rev", "agents": {"rev": D()}}, HAIKU),
    ("builtin-statusline-setup-as-main", {"project": {"model": "haiku"}, "agent": "statusline-setup"}, SONNET),
    ("builtin-explore-as-main-inherits", {"project": {"model": "sonnet"}, "agent": "Explore"}, SONNET),
    ("unknown-agent-setting-ignored", {"project": {"agent": "nope", "model": "sonnet"}}, SONNET),
    ("empty-model-means-default-and-stops", {"user": {"model": "sonnet"}, "project": {"model": ""}}, OPUS),
    ("empty-process-env-is-unset", {"project": {"model": "sonnet"}, "env": {"ANTHROPIC_MODEL": ""}}, SONNET),
    ("empty-settings-env-cancels-export", {"project": {"env": {"ANTHROPIC_MODEL": ""}}, "env": {"ANTHROPIC_MODEL": "haiku"}}, OPUS),
    ("empty-settings-env-falls-to-model", {"user": {"model": "sonnet"}, "project": {"env": {"ANTHROPIC_MODEL": ""}}}, SONNET),
    ("dropped-project-lets-user-through", {"user": {"model": "sonnet"}, "project": {"model": 5}}, SONNET),
    ("dropped-file-env-does-not-count", {"project": {"model": 5, "env": {"ANTHROPIC_MODEL": "haiku"}}}, OPUS),
    ("invalid-json-local-lets-project-through", {"project": {"model": "haiku"}, "local": INVALID}, HAIKU),
    ("dropped-root-local-lets-start-local-through", {"local": {"model": "sonnet"}, "root_local": {"model": 5}}, SONNET),
    ("skipped-entry-keeps-model", {"project": {"model": "haiku", "permissions": {"allow": ["Bash(ls"]}}}, HAIKU),
    ("managed-wrong-type-model-dropped", {"managed": ({"model": 5},), "project": {"model": "sonnet"}}, SONNET),
    ("drop-in-beats-base", {"managed": ({"model": "haiku"}, {"model": "sonnet"})}, SONNET),
    ("default-sent-verbatim", {"project": {"model": "default"}}, "default"),
    ("unknown-sent-verbatim", {"project": {"model": "not-a-real-model"}}, "not-a-real-model"),
    ("unknown-case-kept", {"project": {"model": "My-Proxy"}}, "My-Proxy"),
    ("known-id-lower-cased", {"project": {"model": "Claude-Opus-4-6"}}, "claude-opus-4-6"),
    ("alias-id-not-lower-cased", {"project": {"model": "Claude-Sonnet-4-5"}}, "Claude-Sonnet-4-5"),
    ("whitespace-trimmed", {"project": {"model": " sonnet "}}, SONNET),
    ("one-m-stripped-from-id", {"project": {"model": "claude-opus-4-6[1m]"}}, "claude-opus-4-6"),
    ("one-m-any-case", {"project": {"model": "opus[1M]"}}, OPUS),
    ("one-m-stripped-from-unknown", {"project": {"model": "My-Proxy[1m]"}}, "My-Proxy"),
    ("opusplan-is-sonnet-outside-plan-mode", {"project": {"model": "opusplan"}}, SONNET),
    ("best-is-opus", {"project": {"model": "best"}}, OPUS),
    ("alias-case-insensitive", {"model": "SONNET[1m]"}, SONNET),
    ("model-flag-empty-sent-empty", {"project": {"model": "sonnet"}, "model": ""}, ""),
    ("model-flag-default-is-the-default", {"project": {"model": "sonnet"}, "model": "default"}, OPUS),
    ("model-flag-default-is-remapped-opus", {"model": "default", "env": {"ANTHROPIC_DEFAULT_OPUS_MODEL": "claude-opus-4-6"}},
     "claude-opus-4-6"),
    ("model-flag-Default-verbatim", {"model": "Default"}, "Default"),
    ("env-default-verbatim", {"env": {"ANTHROPIC_MODEL": "default"}}, "default"),
    ("legacy-opus-remapped", {"project": {"model": "claude-opus-4-1"}}, OPUS),
    ("legacy-dated-opus-remapped", {"env": {"ANTHROPIC_MODEL": "claude-opus-4-1-20250805"}}, OPUS),
    ("legacy-remap-follows-opus-remap", {"project": {"model": "claude-opus-4-1"},
                                         "env": {"ANTHROPIC_DEFAULT_OPUS_MODEL": "claude-opus-4-6"}}, "claude-opus-4-6"),
    ("legacy-remap-disabled", {"project": {"model": "claude-opus-4-1"},
                               "env": {"CLAUDE_CODE_DISABLE_LEGACY_MODEL_REMAP": "1"}}, "claude-opus-4-1"),
    ("legacy-remap-disabled-from-settings-env", {"project": {"model": "claude-opus-4-1", "env": {
        "CLAUDE_CODE_DISABLE_LEGACY_MODEL_REMAP": "true"}}}, "claude-opus-4-1"),
    ("opus-4-not-remapped", {"project": {"model": "claude-opus-4"}}, "claude-opus-4"),
    ("remap-value-sent-verbatim", {"project": {"model": "opus"}, "env": {"ANTHROPIC_DEFAULT_OPUS_MODEL": "sonnet"}}, "sonnet"),
    ("remap-one-m-stripped", {"project": {"model": "opus"}, "env": {"ANTHROPIC_DEFAULT_OPUS_MODEL": "claude-x[1m]"}}, "claude-x"),
    ("remap-from-settings-env-applies-to-best", {"project": {"model": "best", "env": {
        "ANTHROPIC_DEFAULT_OPUS_MODEL": "claude-opus-4-6"}}}, "claude-opus-4-6"),
    ("remap-in-dropped-file-ignored", {"user": {"model": "sonnet"}, "project": {
        "model": 5, "env": {"ANTHROPIC_DEFAULT_SONNET_MODEL": "claude-sonnet-4-6"}}}, SONNET),
    ("older-version-aliases", {"project": {"model": "opus"}, "version": "2.1.112"}, "claude-opus-4-7"),
    # availableModels / enforceAvailableModels
    ("allowlist-default-always-allowed", {"project": {"availableModels": ["sonnet"], "model": "opus"}}, OPUS),
    ("allowlist-blocked-becomes-default", {"project": {"availableModels": ["sonnet"], "model": "haiku"}}, OPUS),
    ("allowlist-enforced-first-entry", {"project": {"availableModels": ["sonnet"], "enforceAvailableModels": True,
                                                    "model": "haiku"}}, SONNET),
    ("allowlist-id-entry-no-alias", {"project": {"availableModels": ["claude-sonnet-4-6"], "enforceAvailableModels": True},
                                     "model": "sonnet"}, "claude-sonnet-4-6"),
    ("allowlist-prefix-entry", {"project": {"availableModels": ["claude-sonnet-4-5"],
                                            "model": "claude-sonnet-4-5-20250929"}}, "claude-sonnet-4-5-20250929"),
    ("allowlist-specific-entry-disables-family", {"project": {"availableModels": ["sonnet", "claude-sonnet-4-6"],
                                                              "model": "sonnet"}}, "claude-sonnet-4-6"),
    ("allowlist-alias-becomes-newest-allowed", {"project": {"availableModels": ["claude-opus-4-6", "claude-opus-4-7"],
                                                            "model": "opus"}}, "claude-opus-4-7"),
    ("allowlist-full-id-blocked-to-default", {"project": {"availableModels": ["opus", "claude-opus-4-6"],
                                                          "model": "claude-opus-4-7"}}, OPUS),
    ("allowlist-enforce-nothing-set", {"project": {"availableModels": ["haiku"], "enforceAvailableModels": True}}, HAIKU),
    ("allowlist-enforce-first-entry-when-default-blocked", {"project": {
        "availableModels": ["claude-sonnet-4-6", "claude-opus-4-6"], "enforceAvailableModels": True}}, "claude-sonnet-4-6"),
    ("allowlist-enforce-empty-is-default", {"project": {"availableModels": [], "enforceAvailableModels": True,
                                                        "model": "sonnet"}}, OPUS),
    ("allowlist-remapped-alias-family-fallback", {"project": {"availableModels": ["sonnet"], "model": "sonnet"},
                                                  "env": {"ANTHROPIC_DEFAULT_SONNET_MODEL": "my-proxy"}}, SONNET),
    ("allowlist-remap-into-allowed-family", {"project": {"availableModels": ["haiku"], "model": "sonnet"},
                                             "env": {"ANTHROPIC_DEFAULT_SONNET_MODEL": "claude-haiku-4-5-20251001"}},
     "claude-haiku-4-5-20251001"),
    ("allowlist-enforce-skips-unknown-entry", {"project": {"availableModels": ["my-proxy", "sonnet"],
                                                           "enforceAvailableModels": True, "model": "haiku"}}, SONNET),
    ("allowlist-enforce-skips-one-m-entry", {"project": {"availableModels": ["sonnet[1m]", "claude-sonnet-4-5", "sonnet"],
                                                         "enforceAvailableModels": True}, "model": "claude-opus-4-1"},
     "claude-sonnet-4-5"),
    ("allowlist-enforce-alias-entry-not-remapped", {"project": {"availableModels": ["sonnet"], "enforceAvailableModels": True,
                                                                "model": "haiku"},
                                                    "env": {"ANTHROPIC_DEFAULT_SONNET_MODEL": "my-proxy"}}, SONNET),
    ("allowlist-enforce-prefers-allowed-default", {"project": {"availableModels": ["haiku"], "enforceAvailableModels": True,
                                                               "model": "claude-opus-5-5"},
                                                   "env": {"ANTHROPIC_DEFAULT_OPUS_MODEL": "claude-haiku-4-5-20251001"}},
     "claude-haiku-4-5-20251001"),
    ("allowlist-enforce-family-entry-prefers-its-version", {"project": {"availableModels": ["sonnet", "claude-sonnet-4-6"],
                                                                        "enforceAvailableModels": True,
                                                                        "model": "claude-opus-4-6"}}, "claude-sonnet-4-6"),
    ("allowlist-enforce-family-entry-not-remapped", {"project": {"availableModels": ["sonnet"], "enforceAvailableModels": True,
                                                                 "model": "haiku"},
                                                     "env": {"ANTHROPIC_DEFAULT_SONNET_MODEL": "claude-sonnet-4-6"}}, SONNET),
    ("allowlist-enforce-one-m-family-entry", {"project": {"availableModels": ["sonnet[1m]"], "enforceAvailableModels": True,
                                                          "model": "haiku"}}, SONNET),
    ("allowlist-enforce-id-entry-verbatim", {"project": {"availableModels": ["claude-haiku-4-5"],
                                                         "enforceAvailableModels": True}}, "claude-haiku-4-5"),
    ("allowlist-opusplan-blocked-to-default", {"project": {"availableModels": ["claude-opus-4-6"], "model": "opusplan"}}, OPUS),
    ("allowlist-best-blocked-to-default", {"project": {"availableModels": ["claude-opus-4-6"], "model": "best"}}, OPUS),
    ("allowlist-one-m-alias-family-fallback", {"project": {"availableModels": ["claude-opus-4-6"], "model": "opus[1m]"}},
     "claude-opus-4-6"),
    ("allowlist-case-insensitive", {"project": {"availableModels": ["Sonnet"], "enforceAvailableModels": True,
                                                "model": "sonnet"}}, SONNET),
    ("allowlist-substring-family", {"project": {"availableModels": ["sonnet"], "model": "my-sonnet-proxy"}}, "my-sonnet-proxy"),
    ("allowlist-applies-to-agent", {"project": {"availableModels": ["haiku"], "enforceAvailableModels": True},
                                    "agent": "rev", "agents": {"rev": D("sonnet")}}, HAIKU),
    ("allowlist-lists-concatenate", {"user": {"availableModels": ["haiku"]}, "project": {"availableModels": ["sonnet"],
                                                                                       "model": "haiku"}}, HAIKU),
    ("allowlist-enforce-from-another-file", {"user": {"enforceAvailableModels": True},
                                             "project": {"availableModels": ["haiku"]}}, HAIKU),
    ("managed-list-overrides-project-list", {"managed": ({"availableModels": ["haiku"], "enforceAvailableModels": True},),
                                             "project": {"availableModels": ["sonnet"], "model": "sonnet"}}, HAIKU),
    ("managed-enforce-without-list-enforces-nothing", {"managed": ({"enforceAvailableModels": True},), "project": {
        "availableModels": ["sonnet"], "enforceAvailableModels": True, "model": "haiku"}}, OPUS),
    ("managed-present-ignores-project-enforce", {"managed": ({"cleanupPeriodDays": 10},), "project": {
        "availableModels": ["haiku"], "enforceAvailableModels": True, "model": "sonnet"}}, OPUS),
    ("empty-managed-keeps-project-enforce", {"managed": ({},), "project": {
        "availableModels": ["haiku"], "enforceAvailableModels": True, "model": "sonnet"}}, HAIKU),
    ("managed-list-ignores-project-enforce", {"managed": ({"availableModels": ["sonnet"]},), "project": {
        "enforceAvailableModels": True, "model": "haiku"}}, OPUS),
    ("managed-invalid-list-fails-closed", {"managed": ({"availableModels": "x"},), "project": {"model": "sonnet"}}, OPUS),
    ("managed-invalid-enforce-is-true", {"managed": ({"availableModels": ["haiku"], "enforceAvailableModels": "yes"},),
                                         "project": {"model": "sonnet"}}, HAIKU),
    ("drop-in-lifts-enforce", {"managed": ({"availableModels": ["haiku"], "enforceAvailableModels": True},
                                           {"enforceAvailableModels": False}), "project": {"model": "sonnet"}}, OPUS),
    # observed 2026-12-02 (scenario 200 of the oracle suite): a blocked family alias steps down to
    # the newest allowed model of its family that Claude Code's own table does not call retired
    ("allowlist-step-down-skips-retired", {"flag": {"availableModels": ["claude-opus-5-5", "sonnet[1m]", "claude-sonnet-4-5"]},
                                           "model": "sonnet"}, OPUS),
    ("allowlist-step-down-before-retirement", {"flag": {"availableModels": ["claude-opus-5-5", "sonnet[1m]",
                                                                            "claude-sonnet-4-5"]},
                                               "model": "sonnet", "today": "2026-11-29"}, "claude-sonnet-4-5-20250929"),
    ("allowlist-step-down-exact-retired-id", {"flag": {"availableModels": ["claude-sonnet-4-5-20250929"]}, "model": "sonnet"}, OPUS),
    ("allowlist-step-down-older-retired", {"flag": {"availableModels": ["claude-sonnet-4-20250514"]}, "model": "sonnet"}, OPUS),
    ("allowlist-step-down-not-retired", {"flag": {"availableModels": ["claude-opus-4-5-20251101"]}, "model": "opus"},
     "claude-opus-4-5-20251101"),
    ("allowlist-step-down-not-to-legacy-opus", {"flag": {"availableModels": ["claude-opus-4-1"]}, "model": "opus"}, OPUS),
    ("allowlist-enforced-retired-entry-verbatim", {"managed": ({"availableModels": ["claude-sonnet-4-5"],
                                                                 "enforceAvailableModels": True},), "model": "sonnet"},
     "claude-sonnet-4-5"),
    ("allowlist-enforced-family-entry-retired-version", {"user": {"availableModels": ["sonnet[1m]", "claude-sonnet-4-5"],
                                                                  "enforceAvailableModels": True},
                                                         "env": {"ANTHROPIC_DEFAULT_SONNET_MODEL": "my-gateway-model"},
                                                         "agent": "statusline-setup"}, "claude-sonnet-4-5"),
    ("default-is-remapped-opus", {"managed": ({"availableModels": ["claude-opus-4-6"]},), "model": "claude-sonnet-4-6",
                                  "env": {"ANTHROPIC_DEFAULT_OPUS_MODEL": "claude-opus-4-7"}}, "claude-opus-4-7"),
]


@pytest.mark.parametrize("kwargs, expected", [pytest.param(k, e, id=i) for i, k, e in MAIN])
def test_main_model(kwargs: dict[str, Any], expected: str) -> None:
    assert explain(build(**kwargs)).model.resolved == expected


# (id, build kwargs, subagent name, expected subagent model id)
SUB = [
    ("frontmatter-alias", {"agents": {"rev": D("haiku")}}, "rev", HAIKU),
    ("frontmatter-inherit", {"model": "sonnet", "agents": {"rev": D("inherit")}}, "rev", SONNET),
    ("frontmatter-inherit-any-case", {"model": "sonnet", "agents": {"rev": D("Inherit")},
                                      "env": {"CLAUDE_CODE_SUBAGENT_MODEL": "haiku"}}, "rev", SONNET),
    ("family-alias-takes-main-id", {"model": "claude-sonnet-4-6", "agents": {"rev": D("sonnet")}}, "rev", "claude-sonnet-4-6"),
    ("family-match-is-substring-any-case", {"model": "my-SONNET-proxy", "agents": {"rev": D("sonnet")}}, "rev", "my-SONNET-proxy"),
    ("family-match-fable", {"model": "claude-fable-5", "agents": {"rev": D("fable")}}, "rev", "claude-fable-5"),
    ("family-match-upper-case-alias", {"model": "claude-haiku-4-5-20251001", "agents": {"rev": D("HAIKU")}}, "rev",
     "claude-haiku-4-5-20251001"),
    ("no-family-match-for-best", {"model": "claude-opus-4-6", "agents": {"rev": D("best")}}, "rev", OPUS),
    ("no-family-match-for-opusplan", {"model": "claude-sonnet-4-6", "agents": {"rev": D("opusplan")}}, "rev", SONNET),
    ("no-family-match-for-one-m", {"model": "claude-sonnet-4-6", "agents": {"rev": D("sonnet[1m]")}}, "rev", SONNET),
    ("family-match-uses-resolved-main", {"model": "opusplan", "agents": {"rev": D("opus")}}, "rev", OPUS),
    ("family-alias-other-family-remapped", {"model": "opus", "agents": {"rev": D("haiku")},
                                            "env": {"ANTHROPIC_DEFAULT_HAIKU_MODEL": "my-h"}}, "rev", "my-h"),
    ("frontmatter-default-verbatim", {"model": "sonnet", "agents": {"rev": D("default")}}, "rev", "default"),
    ("frontmatter-legacy-remapped", {"model": "claude-opus-4-6", "agents": {"rev": D("claude-opus-4-1")}}, "rev", OPUS),
    ("frontmatter-known-id-lower-cased", {"agents": {"rev": D("Claude-Opus-4-6")}}, "rev", "claude-opus-4-6"),
    ("env-reaches-agent-without-model", {"agents": {"rev": D()}, "env": {"CLAUDE_CODE_SUBAGENT_MODEL": "haiku"}}, "rev", HAIKU),
    ("env-does-not-beat-frontmatter", {"agents": {"rev": D("sonnet")}, "env": {"CLAUDE_CODE_SUBAGENT_MODEL": "haiku"}},
     "rev", SONNET),
    ("env-from-settings", {"agents": {"rev": D()}, "user": {"env": {"CLAUDE_CODE_SUBAGENT_MODEL": "haiku"}}}, "rev", HAIKU),
    ("env-inherit-is-main", {"model": "sonnet", "agents": {"rev": D()}, "env": {"CLAUDE_CODE_SUBAGENT_MODEL": "inherit"}},
     "rev", SONNET),
    ("env-no-family-match", {"model": "claude-sonnet-4-6", "agents": {"rev": D()},
                             "env": {"CLAUDE_CODE_SUBAGENT_MODEL": "sonnet"}}, "rev", SONNET),
    ("env-opusplan-is-sonnet", {"agents": {"rev": D()}, "env": {"CLAUDE_CODE_SUBAGENT_MODEL": "opusplan"}}, "rev", SONNET),
    ("env-legacy-remapped", {"model": "claude-opus-4-6", "agents": {"rev": D()},
                             "env": {"CLAUDE_CODE_SUBAGENT_MODEL": "claude-opus-4-1"}}, "rev", OPUS),
    ("env-empty-is-unset", {"model": "haiku", "agents": {"rev": D()}, "env": {"CLAUDE_CODE_SUBAGENT_MODEL": ""}}, "rev", HAIKU),
    ("frontmatter-empty-falls-to-env", {"agents": {"rev": D("")}, "env": {"CLAUDE_CODE_SUBAGENT_MODEL": "haiku"}}, "rev", HAIKU),
    ("frontmatter-non-string-ignored", {"agents": {"rev": {"description": "d", "model": 5}},
                                        "env": {"CLAUDE_CODE_SUBAGENT_MODEL": "haiku"}}, "rev", HAIKU),
    ("force-beats-frontmatter", {"agents": {"rev": D("opus")}, "env": {"CLAUDE_CODE_SUBAGENT_MODEL": "haiku",
                                                                      "CLAUDE_CODE_SUBAGENT_MODEL_FORCE": "1"}}, "rev", HAIKU),
    ("force-yes-is-truthy", {"agents": {"rev": D("opus")}, "env": {"CLAUDE_CODE_SUBAGENT_MODEL": "haiku",
                                                                  "CLAUDE_CODE_SUBAGENT_MODEL_FORCE": "yes"}}, "rev", HAIKU),
    ("force-zero-is-off", {"agents": {"rev": D("opus")}, "env": {"CLAUDE_CODE_SUBAGENT_MODEL": "haiku",
                                                                "CLAUDE_CODE_SUBAGENT_MODEL_FORCE": "0"}}, "rev", OPUS),
    ("force-without-env-is-main", {"model": "sonnet", "agents": {"rev": D("haiku")},
                                   "env": {"CLAUDE_CODE_SUBAGENT_MODEL_FORCE": "1"}}, "rev", SONNET),
    ("force-from-settings-env", {"agents": {"rev": D("opus")}, "project": {"env": {"CLAUDE_CODE_SUBAGENT_MODEL_FORCE": "1"}},
                                 "user": {"env": {"CLAUDE_CODE_SUBAGENT_MODEL": "haiku"}}}, "rev", HAIKU),
    ("force-reaches-builtins", {"model": "sonnet", "env": {"CLAUDE_CODE_SUBAGENT_MODEL": "haiku",
                                                           "CLAUDE_CODE_SUBAGENT_MODEL_FORCE": "true"}}, "Explore", HAIKU),
    ("explore-inherits-despite-env", {"model": "sonnet", "env": {"CLAUDE_CODE_SUBAGENT_MODEL": "haiku"}}, "Explore", SONNET),
    ("plan-inherits", {"model": "haiku"}, "Plan", HAIKU),
    ("explore-not-on-fable", {"model": "fable"}, "Explore", OPUS),
    ("explore-not-on-mythos-remapped-opus", {"model": "claude-mythos-5", "env": {"ANTHROPIC_DEFAULT_OPUS_MODEL": "claude-opus-4-6"}},
     "Explore", "claude-opus-4-6"),
    ("explore-not-on-fable-proxy", {"model": "Fable-Proxy"}, "Explore", OPUS),
    ("explore-on-fable-blocked-opus", {"model": "fable", "project": {"availableModels": ["fable", "sonnet"]}}, "Explore",
     "claude-fable-5-2"),
    ("explore-on-fable-allowed-opus-version", {"model": "fable", "project": {"availableModels": ["fable", "claude-opus-4-6"]}},
     "Explore", "claude-opus-4-6"),
    ("plan-inherits-fable", {"model": "fable"}, "Plan", "claude-fable-5-2"),
    ("subagent-env-default-verbatim", {"model": "sonnet", "env": {"CLAUDE_CODE_SUBAGENT_MODEL": "default"}},
     "general-purpose", "default"),
    ("statusline-setup-is-sonnet", {"model": "haiku"}, "statusline-setup", SONNET),
    ("general-purpose-gets-env", {"model": "sonnet", "env": {"CLAUDE_CODE_SUBAGENT_MODEL": "haiku"}}, "general-purpose", HAIKU),
    ("general-purpose-is-main", {"model": "claude-opus-4-7"}, "general-purpose", "claude-opus-4-7"),
    ("main-from-agent-flag", {"agent": "main", "agents": {"main": D("haiku"), "rev": D()}}, "rev", HAIKU),
    ("project-agent-beats-user-agent", {"agents": {"rev": D("haiku")}, "user_agents": {"rev": D("sonnet")}}, "rev", HAIKU),
    ("blocked-subagent-gets-main", {"project": {"availableModels": ["sonnet"], "model": "sonnet"}, "agents": {"rev": D("haiku")},
                                    "env": {"CLAUDE_CODE_SUBAGENT_MODEL": "opus"}}, "rev", SONNET),
    ("blocked-subagent-alias-newest-of-family", {"project": {"availableModels": ["sonnet", "claude-opus-4-6"], "model": "sonnet"},
                                                 "agents": {"rev": D("opus")}}, "rev", "claude-opus-4-6"),
    ("subagent-default-allowed", {"project": {"availableModels": ["sonnet"]}, "agents": {"rev": D("opus")}}, "rev", OPUS),
    # observed 2026-12-02 (scenario 231): a family alias is checked even when it resolves to the main model
    ("subagent-remapped-alias-equal-to-main-checked", {"project": {"availableModels": ["claude-opus-4-6"]},
                                                        "agents": {"rev": D("opus")},
                                                        "env": {"ANTHROPIC_DEFAULT_OPUS_MODEL": "claude-haiku-4-5-20251001"}},
     "rev", "claude-opus-4-6"),
    ("subagent-env-alias-equal-to-main-checked", {"project": {"availableModels": ["claude-opus-4-6"]},
                                                   "env": {"CLAUDE_CODE_SUBAGENT_MODEL": "opus"}}, "general-purpose",
     "claude-opus-4-6"),
    ("subagent-forced-alias-equal-to-main-checked", {"project": {"availableModels": ["claude-opus-4-6"]},
                                                      "env": {"CLAUDE_CODE_SUBAGENT_MODEL": "opus",
                                                              "CLAUDE_CODE_SUBAGENT_MODEL_FORCE": "1"}},
     "general-purpose", "claude-opus-4-6"),
    ("subagent-one-m-alias-equal-to-main-checked", {"project": {"availableModels": ["claude-opus-4-6"]},
                                                     "agents": {"rev": D("opus[1m]")}}, "rev", "claude-opus-4-6"),
    ("subagent-id-equal-to-main-passes", {"project": {"availableModels": ["claude-opus-4-6"]},
                                          "agents": {"rev": D("claude-opus-5-5")}}, "rev", OPUS),
    ("subagent-default-id-not-main-checked", {"project": {"availableModels": ["claude-opus-4-6"], "model": "claude-opus-4-6"},
                                              "agents": {"rev": D("claude-opus-5-5")}}, "rev", "claude-opus-4-6"),
    ("subagent-best-equal-to-main-passes", {"project": {"availableModels": ["claude-opus-4-6"]},
                                            "env": {"CLAUDE_CODE_SUBAGENT_MODEL": "best"}}, "general-purpose", OPUS),
]


@pytest.mark.parametrize("kwargs, name, expected", [pytest.param(k, n, e, id=i) for i, k, n, e in SUB])
def test_subagent_model(kwargs: dict[str, Any], name: str, expected: str) -> None:
    rows = {a.name: a for a in explain(build(**kwargs)).agents}
    assert rows[name].model.resolved == expected


def test_agent_without_description_is_not_loaded() -> None:
    expl = explain(build(agents={"rev": {"model": "haiku"}}))
    assert "rev" not in {a.name for a in expl.agents}
    assert any(n.kind == "skipped-agent" for n in expl.warnings)


@pytest.mark.parametrize("main, fm, launchable", [
    ("Explore", None, False), ("Plan", None, False), ("statusline-setup", None, False),
    ("general-purpose", None, True), ("claude", None, True),
    ("me", {"description": "d"}, True), ("me", {"description": "d", "tools": "Read, Grep"}, False),
    ("me", {"description": "d", "tools": "Read, Agent"}, True), ("me", {"description": "d", "tools": "Read, Task"}, True),
    ("me", {"description": "d", "tools": ["Read", "Agent"]}, True),
    ("me", {"description": "d", "disallowedTools": "Agent"}, False),
])
def test_main_thread_agent_needs_the_agent_tool(main: str, fm: dict[str, Any] | None, launchable: bool) -> None:
    agents = {"me": fm} if fm else {}
    rows = {a.name: a for a in explain(build(agent=main, agents={**agents, "rev": D()})).agents}
    assert rows["rev"].launchable is launchable


def test_agent_tool_limited_to_types() -> None:
    rows = {a.name: a for a in explain(build(agent="me", agents={
        "me": {"description": "d", "tools": "Agent(rev), Read"}, "rev": D(), "other": D()})).agents}
    assert rows["rev"].launchable and not rows["other"].launchable


@pytest.mark.parametrize("kwargs, fatal", [
    ({"managed": (INVALID,)}, "Managed settings document could not be parsed"),
    ({"managed": ({"model": "haiku"}, "not JSON")}, "Managed settings document could not be parsed"),
    ({"agent": "nope"}, "--agent 'nope' not found. Available agents: claude, Explore"),
])
def test_fatal(kwargs: dict[str, Any], fatal: str) -> None:
    expl = explain(build(**kwargs))
    assert expl.fatal is not None and fatal in expl.fatal
    assert expl.model.resolved is None and expl.agents == ()


def test_sources_and_overrides() -> None:
    expl = explain(build(user={"model": "opus"}, project={"model": "sonnet"}, env={"ANTHROPIC_MODEL": "haiku"}))
    assert expl.model.source == "ANTHROPIC_MODEL in the environment"
    assert expl.model.kind == "process-env"
    assert [c.source for c in expl.model.overridden] == [
        "model in project .claude/settings.json", "model in user ~/.claude/settings.json"]
    expl = explain(build(project={"env": {"ANTHROPIC_MODEL": "haiku"}}))
    assert expl.model.source == "env.ANTHROPIC_MODEL in project .claude/settings.json"
    assert expl.model.kind == "settings-env"


def test_restricted_model_names_what_was_asked() -> None:
    expl = explain(build(project={"availableModels": ["sonnet"], "enforceAvailableModels": True, "model": "haiku"}))
    assert expl.model.kind == "available-models"
    assert expl.model.requested == HAIKU and expl.model.resolved == SONNET
    assert any(n.kind == "available-models" for n in expl.warnings)


def test_tier_and_price() -> None:
    expl = explain(build(project={"model": "claude-sonnet-4-6"}))
    assert (expl.model.tier, expl.model.price) == (1, "$3/$15 per MTok")
    assert explain(build(project={"model": "my-proxy"})).model.tier is None


@pytest.mark.parametrize(("value", "sent", "tier"), [
    ("CLAUDE-SONNET-4-6", "claude-sonnet-4-6", 1),  # lower-cased: it really runs Sonnet 4.6
    ("sonnet-4-6", "sonnet-4-6", None),  # sent verbatim, the API rejects it: no tier
    ("Sonnet 4.6", "Sonnet 4.6", None),
    ("claude-sonnet-4.6", "claude-sonnet-4.6", None),
])
def test_a_tier_only_for_what_claude_code_really_runs(value: str, sent: str, tier: int | None) -> None:
    expl = explain(build(project={"model": value}))
    assert (expl.model.resolved, expl.model.tier) == (sent, tier)


def test_warnings() -> None:
    kinds = {n.kind for n in explain(build(user={"model": 5}, project={"model": "opus"},
                                           agents={"rev": D("sonnet")})).warnings}
    assert {"dropped-file", "floating-alias"} <= kinds
    assert "floating-alias" not in {n.kind for n in explain(build(project={"model": "claude-opus-4-7"})).warnings}
    assert any(n.kind == "verbatim" for n in explain(build(project={"model": "default"})).warnings)


def test_no_settings_at_all() -> None:
    expl = explain(Request())
    assert expl.model.resolved == expl.default_model and expl.model.value is None
    assert expl.settings == () and expl.fatal is None
    assert {a.name for a in expl.agents} == {"general-purpose", "Explore", "Plan", "statusline-setup", "claude"}


# ----------------------------------------------------------------------------------------- merge


MERGE = [
    ("scalar-highest-wins", [{"a": 1}, {"a": 2}], {"a": 2}),
    ("lists-concatenate-dedupe", [{"p": {"allow": ["A", "B"]}}, {"p": {"allow": ["B", "C"]}}], {"p": {"allow": ["A", "B", "C"]}}),
    ("env-per-variable", [{"env": {"A": "1", "B": "1"}}, {"env": {"B": "2"}}], {"env": {"A": "1", "B": "2"}}),
    ("fallback-model-whole", [{"fallbackModel": ["a", "b"]}, {"fallbackModel": ["c"]}], {"fallbackModel": ["c"]}),
    ("strict-equality", [{"l": [1]}, {"l": [1.0, True]}], {"l": [1, 1.0, True]}),
    ("object-replaces-scalar", [{"a": 1}, {"a": {"b": 2}}], {"a": {"b": 2}}),
    ("duplicates-in-one-list", [{"l": ["x", "x"]}], {"l": ["x"]}),
]


@pytest.mark.parametrize("layers, expected", [pytest.param(ls, e, id=i) for i, ls, e in MERGE])
def test_merge(layers: list[dict[str, Any]], expected: dict[str, Any]) -> None:
    merged, _ = merge_settings([(f"L{i}", d) for i, d in enumerate(layers)])
    assert merged == expected


def test_merge_sources() -> None:
    _, sources = merge_settings([("user", {"p": {"allow": ["A"]}, "model": "x"}),
                                 ("project", {"p": {"allow": ["B"]}, "model": "y"})])
    assert sources[("p", "allow")] == ["user", "project"]
    assert sources[("model",)] == ["project"]


def test_managed_list_replaces_in_effective_settings() -> None:
    expl = explain(build(project={"availableModels": ["sonnet"]}, managed=({"availableModels": ["haiku"]},)))
    assert expl.effective["availableModels"] == ["haiku"]


def test_skipped_entries_do_not_show() -> None:
    expl = explain(build(project={"permissions": {"allow": ["Bash(ls", "Read"]}}))
    assert expl.effective["permissions"]["allow"] == ["Read"]


# ------------------------------------------------------------------------- audit fixes


# Observed 2026-12-02: a non-string settings env value is used as JavaScript's String(value).
@pytest.mark.parametrize("value, sent", [
    (None, "null"), (5, "5"), (True, "true"), (False, "false"), (1.50, "1.5"), ({}, "[object Object]"),
    ({"a": 1}, "[object Object]"), (["a", "b"], "a,b"), ([], HAIKU),  # [] is "": unset, the model key counts
])
def test_non_string_env_model_is_its_js_string(value: Any, sent: str) -> None:
    expl = explain(build(project={"model": "haiku", "env": {"ANTHROPIC_MODEL": value}}))
    assert expl.model.resolved == sent
    assert expl.layers[0].status == "loaded"
    assert any(n.kind == "env" and "not a string" in n.message for n in expl.warnings)


def test_null_env_model_beats_the_export() -> None:
    expl = explain(build(project={"model": "haiku", "env": {"ANTHROPIC_MODEL": None}}, env={"ANTHROPIC_MODEL": "sonnet"}))
    assert expl.model.resolved == "null"


@pytest.mark.parametrize("env, sub", [
    ({"CLAUDE_CODE_SUBAGENT_MODEL": None}, "null"), ({"CLAUDE_CODE_SUBAGENT_MODEL": 5}, "5"),
])
def test_non_string_subagent_env(env: dict[str, Any], sub: str) -> None:
    rows = {a.name: a for a in explain(build(project={"model": "haiku", "env": env})).agents}
    assert rows["general-purpose"].model.resolved == sub


@pytest.mark.parametrize("force", [True, 1])
def test_non_string_force_is_truthy(force: Any) -> None:
    rows = {a.name: a for a in explain(build(project={"model": "haiku", "env": {
        "CLAUDE_CODE_SUBAGENT_MODEL": "sonnet", "CLAUDE_CODE_SUBAGENT_MODEL_FORCE": force}},
        agents={"x": D("opus")})).agents}
    assert rows["x"].model.resolved == SONNET


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_js_string_of_a_float_round_trips(value: float) -> None:
    text = js_string(value)
    assert float(text) == value
    assert not text.endswith(".0") and "e-0" not in text and "e+0" not in text


@pytest.mark.parametrize("value, text", [(1.0, "1"), (1e21, "1e+21"), (1e20, "100000000000000000000"),
                                         (1e-7, "1e-7"), (0.000001, "0.000001"), (-0.5, "-0.5")])
def test_js_string_numbers(value: float, text: str) -> None:
    assert js_string(value) == text


def test_remap_is_named_and_not_floating() -> None:
    expl = explain(build(project={"model": "opus", "env": {"ANTHROPIC_DEFAULT_OPUS_MODEL": "claude-opus-4-6"}}))
    m = expl.model
    assert m.resolved == "claude-opus-4-6"
    assert m.remap is not None and m.remap.variable == "ANTHROPIC_DEFAULT_OPUS_MODEL"
    assert m.source == ("model in project .claude/settings.json: opus -> claude-opus-4-6 via "
                        "env.ANTHROPIC_DEFAULT_OPUS_MODEL in project .claude/settings.json")
    assert "floating-alias" not in {n.kind for n in expl.warnings}
    # the process environment, the default, and a subagent's frontmatter alias
    expl = explain(build(env={"ANTHROPIC_DEFAULT_SONNET_MODEL": "claude-sonnet-4-6"}, project={"model": "sonnet"},
                         agents={"rev": D("haiku")}))
    assert expl.model.source.endswith("sonnet -> claude-sonnet-4-6 via ANTHROPIC_DEFAULT_SONNET_MODEL in the environment")
    expl = explain(build(env={"ANTHROPIC_DEFAULT_OPUS_MODEL": "claude-opus-4-7"}))
    assert expl.model.remap is not None and expl.model.resolved == "claude-opus-4-7"
    expl = explain(build(env={"ANTHROPIC_DEFAULT_HAIKU_MODEL": "claude-haiku-4-5-20251001"}, agents={"rev": D("haiku")}))
    rev = next(a for a in expl.agents if a.name == "rev")
    assert rev.model.remap is not None and "haiku -> claude-haiku-4-5-20251001" in rev.model.source
    assert not any(n.kind == "floating-alias" and "rev" in n.message for n in expl.warnings)
    # an unpinned alias still floats
    assert "floating-alias" in {n.kind for n in explain(build(project={"model": "opus"})).warnings}


@pytest.mark.parametrize("version, snapshot", [("9.9.9", "2.1.330"), ("1.0.0", "2.1.112"), ("2.1.200", "2.1.197"),
                                               ("2.1.330", None), ("2.1.112", None)])
def test_unknown_claude_version_says_which_snapshot(version: str, snapshot: str | None) -> None:
    expl = explain(build(version=version))
    notes = [n.message for n in expl.warnings if n.kind == "claude-version"]
    if snapshot is None:
        assert notes == [] and expl.alias_snapshot == version
    else:
        assert len(notes) == 1 and f"as in {snapshot}" in notes[0] and expl.alias_snapshot == snapshot


# Observed (Claude Code run as a user the file's mode shuts out): an unreadable managed file is
# a warning, not a stop, and counts for nothing, not even as "managed settings are present".
def test_unreadable_managed_file_is_ignored() -> None:
    req = build(project={"availableModels": ["haiku"], "enforceAvailableModels": True, "model": "sonnet"})
    layer = Layer("managed", "/etc/claude-code/managed-settings.json", error="cannot read: Permission denied",
                  error_kind="unreadable")
    expl = explain(Request((*req.layers, layer), {}, today=TODAY))
    assert expl.fatal is None and expl.model.resolved == HAIKU
    assert expl.layers[-1].status == "unreadable"
    assert any(n.kind == "managed-unreadable" and "NOT in effect" in n.message for n in expl.warnings)


def test_managed_file_that_is_a_directory_stops_claude_code() -> None:
    layer = Layer("managed", "/etc/claude-code/managed-settings.json", error="is a directory, not a regular file",
                  error_kind="not-a-file")
    expl = explain(Request((layer,), {}, today=TODAY))
    assert expl.fatal is not None and "Unable to read managed policy settings" in expl.fatal


def test_duplicate_agent_names_warn() -> None:
    # Request.agents lists the winner first within a scope (gather reverses each folder's sorted files)
    defs = (AgentDef("x", "project", ".claude/agents/b.md", "sonnet", True),
            AgentDef("x", "project", ".claude/agents/a.md", "haiku", True))
    expl = explain(Request((), {}, agent_flag="x", agents=defs, today=TODAY))
    assert expl.model.resolved == SONNET
    assert any(n.kind == "duplicate-agent" and "uses .claude/agents/b.md" in n.message for n in expl.warnings)
    row = next(a for a in expl.agents if a.name == "x")
    assert row.shadows == (".claude/agents/a.md",)


def test_policy_tiers_label_models_and_mismatch_is_a_warning() -> None:
    policy = PolicyView("claude-tiers.yaml", project="svc", preset="opus-production", rule="projects[0] 'svc'",
                        reason="why", tier=2, model="claude-opus-4-6", covered=True)
    req = build(project={"model": "my-proxy"})
    expl = explain(Request(req.layers, {}, today=TODAY, policy=policy, tiers={1: "my-proxy", 2: "claude-opus-4-6"}))
    assert expl.model.tier == 1
    assert expl.policy == policy
    assert any(n.kind == "policy" and "wants claude-opus-4-6" in n.message for n in expl.warnings)
    broken = PolicyView("claude-tiers.yaml", error="claude-tiers.yaml:2:1: invalid YAML")
    expl = explain(Request(req.layers, {}, today=TODAY, policy=broken))
    assert expl.model.resolved == "my-proxy" and expl.model.tier is None
    assert any(n.kind == "policy" and "could not be loaded" in n.message for n in expl.warnings)
