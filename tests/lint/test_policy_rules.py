"""The tier-policy rules (CT7xx): data-driven cases with a policy, and the engine wiring."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from claude_tiers import config
from claude_tiers.lint.engine import lint_text
from claude_tiers.policy import Policy
from tests.lint import rulecases

CASES = rulecases.load("CT7xx.yaml")
ROOT = Path("/repo")


def policy_of(case: dict[str, Any]) -> Policy | None:
    """The case's policy, as if in /repo/claude-tiers.yaml."""
    if "policy" not in case:
        return None
    return Policy.from_config(config.parse(case["policy"], ROOT / "claude-tiers.yaml"), ROOT)


def run(case: dict[str, Any]) -> None:
    """Lint one case with its policy and compare with its expectations."""
    rule = case["rule"]
    filename = str(ROOT / case["filename"])
    found = lint_text(case["text"], kind=case["kind"], filename=filename,
                      select=case.get("select") or [rule], policy=policy_of(case))
    expect = [list(e) for e in case.get("expect") or []]
    got = [[f.code, f.line, f.column, f.severity][:len(expect[i]) if i < len(expect) else 3]
           for i, f in enumerate(found)]
    assert got == expect, "\n".join(f"{f.line}:{f.column} {f.code} [{f.severity}] {f.message}"
                                    for f in found)
    messages = "\n".join(f.message for f in found)
    for part in case.get("contains") or []:
        assert part in messages, f"{part!r} not in:\n{messages}"


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    run(case)


def test_every_policy_rule_has_fail_and_pass_cases() -> None:
    assert rulecases.coverage_problems(CASES, "CT7") == []


def test_policy_rules_are_silent_without_a_policy() -> None:
    for case in CASES:
        found = lint_text(case["text"], kind=case["kind"], filename=str(ROOT / case["filename"]),
                          select=["CT7"])
        assert found == [], case["id"]


def test_lint_command_uses_the_repository_policy(tmp_path: Path) -> None:
    """`claude-tiers lint` picks the policy up from claude-tiers.yaml (engine RunOptions.policy)."""
    import io

    from claude_tiers.commands.lint import run_lint

    (tmp_path / ".git").mkdir()
    (tmp_path / "claude-tiers.yaml").write_text(
        "default: sonnet-default\nprojects:\n  - match: svc\n    preset: opus-production\n"
        "    reason: production\n")
    (tmp_path / "svc" / ".claude").mkdir(parents=True)
    (tmp_path / "svc" / ".claude" / "settings.json").write_text('{"model": "claude-sonnet-4-6"}\n')
    out = io.StringIO()
    code = run_lint([str(tmp_path)], select=["CT7"], stream=out, color=False)
    assert code == 1
    assert "CT701" in out.getvalue() and "projects[0] 'svc' (production)" in out.getvalue()


def test_lint_with_a_policy_naming_an_unknown_preset_is_a_config_error(tmp_path: Path) -> None:
    from claude_tiers.commands.lint import run_lint
    from claude_tiers.errors import ConfigError

    (tmp_path / ".git").mkdir()
    (tmp_path / "claude-tiers.yaml").write_text("default: no-such-preset\n")
    with pytest.raises(ConfigError, match="unknown preset 'no-such-preset'"):
        run_lint([str(tmp_path)], select=["CT7"])


def test_policy_messages_name_the_rule_and_its_reason(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "claude-tiers.yaml").write_text(
        "default: sonnet-default\n"
        "limits:\n  local-may-raise: false\n  allow-aliases: false\n  reason: budget\n"
        "projects:\n  - match: svc\n    preset: opus-production\n    reason: production\n"
        "agents:\n  - match: '*review*'\n    tier: 1\n    reason: routine\n")
    policy = Policy.from_config(config.load(tmp_path))
    local = lint_text('{"model": "claude-opus-4-7"}', kind="local-settings",
                      filename=str(tmp_path / "svc/.claude/settings.local.json"),
                      select=["CT703"], policy=policy)
    assert len(local) == 1
    assert "claude-tiers.yaml:7:5 projects[0] 'svc' (production)" in local[0].message
    assert "claude-tiers.yaml:2:1 limits (budget)" in local[0].message
    alias = lint_text('{"model": "sonnet"}', kind="settings",
                      filename=str(tmp_path / "x/.claude/settings.json"),
                      select=["CT705"], policy=policy)
    assert "claude-tiers.yaml:2:1 limits (budget)" in alias[0].message
    forced = lint_text('{"env": {"CLAUDE_CODE_SUBAGENT_MODEL": "claude-haiku-4-5", '
                       '"CLAUDE_CODE_SUBAGENT_MODEL_FORCE": "1"}}', kind="settings",
                       filename=str(tmp_path / "x/.claude/settings.json"),
                       select=["CT704"], policy=policy)
    assert "claude-tiers.yaml:11:5 agents[0] '*review*' (routine)" in forced[0].message


def test_an_agent_rule_hint_for_commands_says_commands() -> None:
    case = {"policy": {"default": "sonnet-default", "limits": {"max-tier": 1}}}
    found = lint_text("---\nmodel: claude-opus-4-7\n---\n", kind="command",
                      filename=str(ROOT / "a/.claude/commands/ship.md"), select=["CT702"],
                      policy=policy_of(case))
    assert found and "add a commands rule" in found[0].message


def test_a_project_with_only_commands_is_reported_as_not_covered(tmp_path: Path) -> None:
    import io

    from claude_tiers.commands.lint import run_lint

    (tmp_path / ".git").mkdir()
    (tmp_path / "claude-tiers.yaml").write_text("projects:\n  - match: svc\n    preset: opus-production\n")
    commands = tmp_path / "tools" / ".claude" / "commands"
    commands.mkdir(parents=True)
    for name in ("a", "b"):
        (commands / f"{name}.md").write_text("---\ndescription: x\n---\nDo it.\n")
    out = io.StringIO()
    run_lint([str(tmp_path)], select=["CT706"], stream=out, color=False)
    lines = [line for line in out.getvalue().splitlines() if "CT706" in line]
    assert len(lines) == 1 and "commands/a.md" in lines[0], out.getvalue()
