"""Real Claude Code 2.1.330 as the judge of `apply`: the model it requests and no invalid settings."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from claude_tiers.commands.apply import Options, apply_to
from claude_tiers.presets import load_preset
from tests.conftest import REPO

pytestmark = pytest.mark.oracle

STARTING_POINT = """{
  "defaultModel": "sonnet-4-6",
  "model": "opus",
  "permissions": {"allow": ["Bash(npm run test *)"], "deny": ["Read(./.env)"]},
  "env": {"MAX_THINKING_TOKENS": "8000"}
}
"""


def _applied(sandbox: Any, preset: str, agents: bool = False) -> Path:
    if agents:
        shutil.copytree(REPO / "examples" / "demo-project" / ".claude", sandbox.cwd / ".claude",
                        dirs_exist_ok=True)
    settings = sandbox.write_settings("project", STARTING_POINT)
    outcomes = list(apply_to(sandbox.cwd, load_preset(preset), Options()))
    assert outcomes and all(o.status in ("updated", "created", "unchanged") for o in outcomes)
    return settings


@pytest.mark.parametrize(("preset", "model"), [
    ("sonnet-default", "claude-sonnet-4-6"),
    ("opus-production", "claude-opus-4-6"),
    ("opus-hard", "claude-opus-4-7"),
    ("opusplan", "claude-sonnet-4-6"),  # outside plan mode opusplan runs the (pinned) sonnet
])
def test_claude_code_requests_the_presets_model(oracle: Any, preset: str, model: str) -> None:
    with oracle.sandbox() as sb:
        settings = _applied(sb, preset)
        run = oracle.run(sb.cwd, sb.home)
        assert run.models and run.models[0] == model, run.stderr
        assert not run.dropped_files and not run.skipped_entries
        doctor = oracle.doctor(sb.cwd, sb.home)
        assert not [p for p in doctor.invalid_settings if Path(p.file).name == settings.name], \
            doctor.stdout


def test_tiered_agents_reach_claude_code(oracle: Any) -> None:
    with oracle.sandbox() as sb:
        _applied(sb, "tiered-agents", agents=True)
        as_agent = oracle.run(sb.cwd, sb.home, ("-p", "hi", "--agent", "security-reviewer"))
        assert as_agent.models[:1] == ("claude-opus-4-7",), as_agent.stderr
        launched = oracle.run(sb.cwd, sb.home, agent_tool_input={
            "description": "tests", "prompt": "write the tests", "subagent_type": "test-writer"})
        assert launched.models[:1] == ("claude-sonnet-4-6",)
        assert launched.subagent_models[:1] == ("claude-sonnet-4-6",), launched.stderr


def test_local_scope_in_a_git_subdirectory_reaches_claude_code(oracle: Any) -> None:
    # Observed with 2.1.330: started in svc/ of a git repository, Claude Code reads the root's
    # .claude/settings.local.json, whose keys beat svc/.claude/settings.local.json. So
    # `apply --scope local svc` must write the root's file to take effect.
    import subprocess

    with oracle.sandbox() as sb:
        subprocess.run(["git", "init", "-q", str(sb.cwd)], check=True)
        svc = sb.cwd / "svc"
        sb.write("svc/.claude/settings.local.json", '{"model": "claude-haiku-4-5"}\n')
        assert oracle.run(svc, sb.home).models[:1] == ("claude-haiku-4-5",)
        outcomes = list(apply_to(svc, load_preset("opus-production"), Options(scope="local")))
        assert [o.status for o in outcomes] == ["note", "created"], outcomes
        assert (sb.cwd / ".claude" / "settings.local.json").is_file()
        run = oracle.run(svc, sb.home)
        assert run.models[:1] == ("claude-opus-4-6",), run.stderr


def test_nested_commands_are_matched_by_the_name_claude_code_gives_them(
        oracle: Any, tmp_path: Path) -> None:
    # Claude Code 2.1.330 lists .claude/commands/frontend/build.md as /frontend:build and
    # sends that command's frontmatter model.
    preset = tmp_path / "cmd.yaml"
    preset.write_text("description: c\ncommands:\n  - match: 'frontend:*'\n"
                      "    model: claude-opus-4-6\n")
    with oracle.sandbox() as sb:
        sb.write(".claude/commands/frontend/build.md", "---\ndescription: b\n---\nbuild it\n")
        sb.write(".claude/commands/build.md", "---\ndescription: b\n---\nbuild it\n")
        outcomes = list(apply_to(sb.cwd, load_preset(str(preset)), Options()))
        changed = [o.path for o in outcomes if o.status == "updated"]
        assert len(changed) == 1 and changed[0].endswith("frontend/build.md"), outcomes
        nested = oracle.run(sb.cwd, sb.home, ("-p", "/frontend:build"))
        assert nested.models[:1] == ("claude-opus-4-6",), nested.stderr
        flat = oracle.run(sb.cwd, sb.home, ("-p", "/build"))
        assert flat.models[:1] != ("claude-opus-4-6",)
