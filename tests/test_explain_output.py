"""``claude-tiers explain`` end to end: golden text output, the JSON contract, secrets, exit codes.

Regenerate the golden files after a deliberate format change with
``UPDATE_GOLDEN=1 pytest tests/test_explain_output.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from claude_tiers.cli import cli

GOLDEN = Path(__file__).parent / "golden" / "explain"
SECRET = "sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789"


def assert_golden(name: str, text: str) -> None:
    """Compare ``text`` with ``golden/explain/NAME``; with UPDATE_GOLDEN=1, rewrite the file instead."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"missing golden file {path}; run with UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs; run with UPDATE_GOLDEN=1 and review the diff"


def write(root: Path, files: dict[str, Any]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content if isinstance(content, str) else json.dumps(content, indent=2), encoding="utf-8")


def agent(name: str, model: str | None = None, extra: str = "") -> str:
    lines = [f"name: {name}", f"description: The {name}."] + ([f"model: {model}"] if model else []) + ([extra] if extra else [])
    return "---\n" + "\n".join(lines) + "\n---\nYou are the " + name + ".\n"


SCENARIOS: dict[str, dict[str, Any]] = {
    "empty": {"files": {}, "args": []},
    "layered": {
        "files": {
            "home/.claude/settings.json": {"model": "claude-opus-4-7", "permissions": {"allow": ["Read"]}},
            "project/.claude/settings.json": {"model": "sonnet", "permissions": {"allow": ["Bash(npm test)", "Read"],
                                                                                 "deny": ["Read(./.env)"]},
                                              "fallbackModel": ["claude-sonnet-4-6"]},
            "project/.claude/settings.local.json": {"env": {"ANTHROPIC_MODEL": "claude-sonnet-4-6",
                                                            "ANTHROPIC_API_KEY": SECRET}},
            "project/.claude/agents/security-reviewer.md": agent("security-reviewer", "opus"),
            "project/.claude/agents/docs.md": agent("docs-writer", "haiku"),
            "home/.claude/agents/docs.md": agent("docs-writer", "sonnet"),
            "home/.claude/agents/helper.md": agent("helper"),
        },
        "args": ["--env", "ANTHROPIC_MODEL=opus"],
    },
    "restricted": {
        "files": {
            "home/.claude/settings.json": '{"model": "haiku",}',
            "project/.claude/settings.json": {"availableModels": ["sonnet", "claude-sonnet-4-6"],
                                              "enforceAvailableModels": True, "model": "claude-opus-4-6"},
            "project/.claude/agents/architect.md": agent("architect", "opus"),
            "project/.claude/agents/broken.md": "---\nname: broken\n---\nno description\n",
        },
        "args": [],
    },
    "agent-and-subagent-env": {
        "files": {
            "project/.claude/settings.json": {"model": "claude-opus-4-6",
                                              "env": {"CLAUDE_CODE_SUBAGENT_MODEL": "haiku"}},
            "project/.claude/agents/lead.md": agent("lead", "claude-sonnet-4-6"),
            "project/.claude/agents/scout.md": agent("scout"),
            "project/.claude/agents/critic.md": agent("critic", "sonnet"),
        },
        "args": ["--agent", "lead"],
    },
    "managed-fatal": {
        "files": {"managed/managed-settings.json": '{"model": "haiku",}',
                  "project/.claude/settings.json": {"model": "sonnet"}},
        "args": [],
    },
    "older-claude-code": {
        "files": {"project/.claude/settings.json": {"model": "opus"}},
        "args": ["--claude-version", "2.1.112"],
    },
}


# Managed settings are shown by absolute path, and the text tables are aligned to the longest
# path: a scenario root of fixed length keeps the golden files the same whatever pytest's
# temporary folder is called on this machine.
ROOT_LENGTH = 120


def scenario_root(tmp_path: Path) -> Path:
    pad = ROOT_LENGTH - len(str(tmp_path)) - 1
    if pad < 1:
        pytest.skip(f"pytest's temporary folder is longer than {ROOT_LENGTH - 2} characters")
    return tmp_path / ("r" * pad)


def run(tmp_path: Path, name: str, fmt: str = "text") -> tuple[int, str]:
    spec = SCENARIOS[name]
    root = scenario_root(tmp_path)
    write(root, spec["files"])
    for folder in ("home", "project", "managed"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    args = ["explain", str(root / "project"), "--format", fmt, "--no-env", "--home", str(root / "home"),
            "--managed-dir", str(root / "managed"), *spec["args"]]
    result = CliRunner().invoke(cli, args)
    return result.exit_code, result.stdout.replace(str(root), "<tmp>")


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_golden_text(tmp_path: Path, name: str) -> None:
    code, text = run(tmp_path, name)
    assert code == (1 if name == "managed-fatal" else 0)
    assert SECRET not in text
    assert_golden(f"{name}.txt", text)


def test_model_line_comes_first(tmp_path: Path) -> None:
    _, text = run(tmp_path, "layered")
    lines = text.splitlines()
    assert lines[0] == "model  claude-sonnet-4-6  (tier 1, Claude Sonnet 4.6, $3/$15 per MTok)"
    assert lines[2] == "  decided by   env.ANTHROPIC_MODEL in local .claude/settings.local.json"
    assert lines[3] == '  overrides    "opus", ANTHROPIC_MODEL in the environment'


def test_json_contract(tmp_path: Path) -> None:
    code, text = run(tmp_path, "layered", "json")
    assert code == 0
    doc = json.loads(text)
    assert list(doc) == ["version", "directory", "claude_version", "default_model", "fatal", "model", "main_agent",
                         "agents", "settings", "env", "layers", "warnings"]
    assert doc["version"] == 1 and doc["claude_version"] == "2.1.330"
    model = doc["model"]
    assert (model["value"], model["resolved"], model["tier"]) == ("claude-sonnet-4-6", "claude-sonnet-4-6", 1)
    assert model["source"] == "env.ANTHROPIC_MODEL in local .claude/settings.local.json"
    assert model["kind"] == "settings-env"
    assert [o["source"] for o in model["overrides"]] == [
        "ANTHROPIC_MODEL in the environment", "model in project .claude/settings.json",
        "model in user ~/.claude/settings.json"]
    agents = {a["name"]: a for a in doc["agents"]}
    assert agents["security-reviewer"]["model"]["resolved"] == "claude-opus-5-5"
    assert agents["security-reviewer"]["model"]["source"].startswith('model "opus" in .claude/agents/')
    assert agents["docs-writer"]["scope"] == "project" and agents["docs-writer"]["shadows"] == ["~/.claude/agents/docs.md"]
    assert agents["helper"]["model"]["resolved"] == "claude-sonnet-4-6"
    assert agents["Explore"]["scope"] == "built-in"
    settings = {s["key"]: s for s in doc["settings"]}
    assert settings["permissions.allow"]["value"] == ["Read", "Bash(npm test)"]
    assert settings["permissions.allow"]["sources"] == ["user ~/.claude/settings.json", "project .claude/settings.json"]
    assert settings["env.ANTHROPIC_API_KEY"]["value"] == "****"
    assert SECRET not in text
    for key in ("value", "resolved", "source", "kind", "requested", "tier", "display_name", "price", "overrides"):
        assert key in model


def test_fatal_json(tmp_path: Path) -> None:
    code, text = run(tmp_path, "managed-fatal", "json")
    doc = json.loads(text)
    assert code == 1 and doc["model"]["resolved"] is None and doc["agents"] == []
    assert "could not be parsed as a JSON object" in doc["fatal"]


def test_unknown_agent_flag(tmp_path: Path) -> None:
    (tmp_path / "p").mkdir()
    result = CliRunner().invoke(cli, ["explain", str(tmp_path / "p"), "--no-env", "--home", str(tmp_path),
                                      "--managed-dir", str(tmp_path / "none"), "--agent", "nobody"])
    assert result.exit_code == 1
    assert "--agent 'nobody' not found" in result.stdout


def test_usage_errors(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["explain", str(tmp_path), "--env", "NOEQUALS"])
    assert result.exit_code == 2 and "expected KEY=VALUE" in result.stderr
    result = CliRunner().invoke(cli, ["explain", str(tmp_path), "--claude-version", "latest"])
    assert result.exit_code == 2 and "not a version" in result.stderr
    result = CliRunner().invoke(cli, ["explain", str(tmp_path), "--settings", str(tmp_path / "nope.json")])
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_settings_inline_json_and_nothing_executed(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    write(tmp_path, {"p/.claude/settings.json": {
        "apiKeyHelper": f"touch {marker}", "statusLine": {"type": "command", "command": f"touch {marker}"},
        "hooks": {"SessionStart": [{"hooks": [{"type": "command", "command": f"touch {marker}"}]}]}}})
    result = CliRunner().invoke(cli, ["explain", str(tmp_path / "p"), "--no-env", "--home", str(tmp_path),
                                      "--managed-dir", str(tmp_path / "none"), "--settings", '{"model": "haiku"}',
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["model"]["resolved"] == "claude-haiku-5-5"
    assert doc["model"]["source"] == "model in --settings (inline JSON)"
    assert not marker.exists()


def test_git_root_local_and_agents_walk_up(tmp_path: Path) -> None:
    write(tmp_path, {"repo/.git/HEAD": "ref: refs/heads/main\n",
                     "repo/.claude/settings.local.json": {"model": "haiku"},
                     "repo/.claude/settings.json": {"model": "opus"},
                     "repo/sub/.claude/settings.local.json": {"model": "sonnet"},
                     "repo/.claude/agents/rev.md": agent("rev", "haiku")})
    result = CliRunner().invoke(cli, ["explain", str(tmp_path / "repo" / "sub"), "--no-env", "--home", str(tmp_path),
                                      "--managed-dir", str(tmp_path / "none"), "--format", "json"])
    doc = json.loads(result.stdout)
    assert doc["model"]["resolved"] == "claude-haiku-5-5"  # the root's local file wins; the root's project file is not read
    assert doc["model"]["source"].startswith("model in local ") and doc["model"]["source"].endswith(".claude/settings.local.json")
    assert "rev" in {a["name"] for a in doc["agents"]}


def test_claude_config_dir(tmp_path: Path) -> None:
    write(tmp_path, {"cfg/settings.json": {"model": "haiku"}, "p/.keep": ""})
    result = CliRunner().invoke(cli, ["explain", str(tmp_path / "p"), "--no-env", "--env", f"CLAUDE_CONFIG_DIR={tmp_path / 'cfg'}",
                                      "--managed-dir", str(tmp_path / "none"), "--format", "json"])
    assert json.loads(result.stdout)["model"]["resolved"] == "claude-haiku-5-5"


def test_secrets_in_process_env_are_masked(tmp_path: Path) -> None:
    (tmp_path / "p").mkdir()
    result = CliRunner().invoke(cli, ["explain", str(tmp_path / "p"), "--no-env", "--home", str(tmp_path),
                                      "--managed-dir", str(tmp_path / "none"),
                                      "--env", f"ANTHROPIC_MODEL=claude-x-{SECRET}", "--format", "json"])
    assert SECRET not in result.stdout and "****" in result.stdout
