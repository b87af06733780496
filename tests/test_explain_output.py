"""``claude-tiers explain`` end to end: golden text output, the JSON contract, secrets, exit codes.

Regenerate the golden files after a deliberate format change with
``UPDATE_GOLDEN=1 pytest tests/test_explain_output.py`` and review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from claude_tiers.cli import cli
from tests.golden import assert_golden as _assert_golden

SECRET = "sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789"


def assert_golden(name: str, text: str) -> None:
    _assert_golden("explain", name, text)

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
                         "agents", "settings", "env", "layers", "warnings", "policy", "alias_snapshot", "today"]
    assert doc["policy"] is None and doc["alias_snapshot"] == "2.1.330"
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


def test_local_file_linked_out_of_the_repository_is_not_quoted(tmp_path: Path) -> None:
    """A repository's settings link to a file of the machine: explain reads it, as Claude Code
    does, but never prints its text, even when a parse error would quote its first word."""
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "credentials").write_text("hunter2word\nsecret = 1\n")
    claude = tmp_path / "p" / ".claude"
    claude.mkdir(parents=True)
    (claude / "settings.local.json").symlink_to(tmp_path / "outside" / "credentials")
    for fmt in ("text", "json"):
        result = CliRunner().invoke(cli, ["explain", str(tmp_path / "p"), "--no-env", "--home", str(tmp_path),
                                          "--managed-dir", str(tmp_path / "none"), "--format", fmt])
        assert result.exit_code == 0 and "hunter2word" not in result.stdout + result.stderr
    local = [layer for layer in json.loads(result.stdout)["layers"] if layer["scope"] == "local"][0]
    assert local["status"] == "dropped"
    assert "outside its repository" in json.dumps(local)


# ------------------------------------------------------------------------- audit fixes


def explain_json(tmp_path: Path, files: dict[str, Any], *args: str, start: str = "p") -> tuple[int, dict[str, Any]]:
    write(tmp_path, files)
    (tmp_path / start).mkdir(parents=True, exist_ok=True)
    result = CliRunner().invoke(cli, ["explain", str(tmp_path / start), "--no-env", "--home", str(tmp_path / "home"),
                                      "--managed-dir", str(tmp_path / "managed"), "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


BOM = "\ufeff"


# Observed: Claude Code 2.1.330 skips a BOM and reads an empty file as {} in every kind of file.
@pytest.mark.parametrize("files, args, model", [
    ({"p/.claude/settings.json": BOM + '{"model": "haiku"}'}, (), "claude-haiku-5-5"),
    ({"managed/managed-settings.json": BOM + '{"model": "haiku"}'}, (), "claude-haiku-5-5"),
    ({"flag.json": BOM + '{"model": "haiku"}'}, ("--settings", "{root}/flag.json"), "claude-haiku-5-5"),
    ({"managed/managed-settings.json": "", "p/.claude/settings.json": '{"model": "sonnet"}'}, (), "claude-sonnet-5-5"),
    ({"managed/managed-settings.json": "  \n", "p/.claude/settings.json": '{"model": "sonnet"}'}, (), "claude-sonnet-5-5"),
    ({"managed/managed-settings.d/10.json": "", "p/.claude/settings.json": '{"model": "sonnet"}'}, (), "claude-sonnet-5-5"),
    ({"flag.json": "", "p/.claude/settings.json": '{"model": "sonnet"}'}, ("--settings", "{root}/flag.json"),
     "claude-sonnet-5-5"),
])
def test_bom_and_empty_files_load(tmp_path: Path, files: dict[str, Any], args: tuple[str, ...], model: str) -> None:
    code, doc = explain_json(tmp_path, files, *(a.replace("{root}", str(tmp_path)) for a in args))
    assert code == 0 and doc["fatal"] is None
    assert doc["model"]["resolved"] == model
    assert not [w for w in doc["warnings"] if w["kind"] in ("dropped-file", "fatal")]


# Observed: these stop Claude Code (exit 1) before any request.
@pytest.mark.parametrize("make, arg, message", [
    ("dir", "{root}/d", "Cannot use settings file (EISDIR"),
    (None, '{"model": ', "Settings file not found: "),
    (None, "[1]", "Settings file not found: "),
    (None, "{root}/nope.json", "Settings file not found: {root}/nope.json"),
])
def test_settings_flag_that_stops_claude_code(tmp_path: Path, make: str | None, arg: str, message: str) -> None:
    if make == "dir":
        (tmp_path / "d").mkdir()
    code, doc = explain_json(tmp_path, {}, "--settings", arg.replace("{root}", str(tmp_path)))
    assert code == 1 and doc["model"]["resolved"] is None
    assert message.replace("{root}", str(tmp_path)) in doc["fatal"]
    assert doc["warnings"][0]["kind"] == "fatal"


def test_settings_flag_inline_with_blanks_and_invalid_file(tmp_path: Path) -> None:
    code, doc = explain_json(tmp_path, {}, "--settings", '  {"model": "haiku"}')
    assert code == 0 and doc["model"]["resolved"] == "claude-haiku-5-5"
    code, doc = explain_json(tmp_path, {"f.json": '{"model": "haiku",}'}, "--settings", str(tmp_path / "f.json"))
    assert code == 0 and doc["model"]["resolved"] == "claude-opus-5-5"  # dropped, not fatal


def test_managed_settings_file_that_is_a_directory_is_fatal(tmp_path: Path) -> None:
    (tmp_path / "managed" / "managed-settings.json").mkdir(parents=True)
    code, doc = explain_json(tmp_path, {})
    assert code == 1 and "Unable to read managed policy settings" in doc["fatal"]


def test_unreadable_managed_file_is_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the tests run as root, which no file mode shuts out: simulate EACCES on the managed file
    from claude_tiers import jsonio
    from claude_tiers.errors import DocumentError

    real = jsonio.load

    def load(path: Any, display: str | None = None, tolerant: bool = False) -> Any:
        if str(path).endswith("managed-settings.json"):
            raise DocumentError(str(path), "unreadable", "cannot read: Permission denied")
        return real(path, display, tolerant)

    monkeypatch.setattr(jsonio, "load", load)
    code, doc = explain_json(tmp_path, {"managed/managed-settings.json": '{"model": "haiku"}',
                                        "p/.claude/settings.json": '{"model": "sonnet"}'})
    assert code == 0 and doc["model"]["resolved"] == "claude-sonnet-5-5"
    assert (doc["layers"][-1]["scope"], doc["layers"][-1]["status"]) == ("managed", "unreadable")
    assert any(w["kind"] == "managed-unreadable" for w in doc["warnings"])


# Observed: of two files giving the same name in one folder, Claude Code uses the later path
# (code-point order of the path as a string); a closer folder beats a farther one.
@pytest.mark.parametrize("files, winner", [
    ({"a.md": "haiku", "b.md": "sonnet"}, "b.md"),
    ({"a.md": "sonnet", "b.md": "haiku"}, "b.md"),
    ({"z.md": "haiku", "sub/a.md": "sonnet"}, "z.md"),
    ({"a.md": "haiku", "sub/b.md": "sonnet"}, "sub/b.md"),
    ({"a-b.md": "sonnet", "a/b.md": "haiku"}, "a/b.md"),
    ({"a.b.md": "sonnet", "a/b.md": "haiku"}, "a/b.md"),
    ({"a.md": "haiku", "B.md": "sonnet"}, "a.md"),
])
def test_duplicate_agent_names(tmp_path: Path, files: dict[str, str], winner: str) -> None:
    code, doc = explain_json(tmp_path, {f"p/.claude/agents/{rel}": agent("x", m) for rel, m in files.items()},
                             "--agent", "x")
    expected = {"haiku": "claude-haiku-5-5", "sonnet": "claude-sonnet-5-5"}[files[winner]]
    assert doc["model"]["resolved"] == expected
    assert doc["main_agent"] == "x"
    row = next(a for a in doc["agents"] if a["name"] == "x")
    assert row["path"] == f".claude/agents/{winner}"
    assert any(w["kind"] == "duplicate-agent" and winner in w["message"] for w in doc["warnings"])


def test_closer_agent_folder_wins(tmp_path: Path) -> None:
    code, doc = explain_json(tmp_path, {"p/.git/HEAD": "ref: refs/heads/main\n",
                                        "p/sub/.claude/agents/x.md": agent("x", "haiku"),
                                        "p/.claude/agents/x.md": agent("x", "sonnet")}, "--agent", "x", start="p/sub")
    assert doc["model"]["resolved"] == "claude-haiku-5-5"


@pytest.mark.parametrize("value, sent", [
    ("!!binary aGVsbG8=", "aGVsbG8="),  # observed: Claude Code keeps the text
    ("!!set {a}", "claude-sonnet-4-6"), (".nan", "claude-sonnet-4-6"), ("2024-01-01", "2024-01-01"),
    ("{a: b}", "claude-sonnet-4-6"), ("[haiku]", "claude-sonnet-4-6"), ("!!str 5", "5"),
])
def test_odd_yaml_model_values_do_not_break_the_output(tmp_path: Path, value: str, sent: str) -> None:
    write(tmp_path, {"p/.claude/agents/x.md": f"---\nname: x\ndescription: d\nmodel: {value}\n---\nhi\n"})
    args = ["explain", str(tmp_path / "p"), "--no-env", "--home", str(tmp_path / "home"),
            "--managed-dir", str(tmp_path / "managed"), "--model", "claude-sonnet-4-6"]
    text = CliRunner().invoke(cli, args)
    assert text.exit_code == 0, text.output
    result = CliRunner().invoke(cli, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)  # strict: no NaN, no bytes
    row = next(a for a in doc["agents"] if a["name"] == "x")
    assert row["model"]["resolved"] == sent


@pytest.mark.parametrize("version, value, locals_read", [("2.1.210", "sonnet", 1), ("2.1.211", "haiku", 2),
                                                         ("2.1.330", "haiku", 2)])
def test_git_root_local_file_needs_2_1_211(tmp_path: Path, version: str, value: str, locals_read: int) -> None:
    code, doc = explain_json(tmp_path, {"p/.git/HEAD": "ref: refs/heads/main\n",
                                        "p/.claude/settings.local.json": {"model": "haiku"},
                                        "p/sub/.claude/settings.local.json": {"model": "sonnet"}},
                             "--claude-version", version, start="p/sub")
    assert doc["model"]["value"] == value
    assert len([la for la in doc["layers"] if la["scope"] == "local"]) == locals_read


# Observed: Claude Code takes CLAUDE_CONFIG_DIR as written: no ~ expansion, relative to the
# start directory, "" is the start directory itself.
@pytest.mark.parametrize("value, where", [("~/cfg", "p/~/cfg"), ("cfg", "p/cfg"), ("", "p")])
def test_claude_config_dir_is_taken_as_written(tmp_path: Path, value: str, where: str) -> None:
    code, doc = explain_json(tmp_path, {f"{where}/settings.json": {"model": "haiku"},
                                        "home/cfg/settings.json": {"model": "sonnet"},
                                        "home/.claude/settings.json": {"model": "sonnet"}},
                             "--env", f"CLAUDE_CONFIG_DIR={value}")
    assert doc["model"]["resolved"] == "claude-haiku-5-5"


POLICY = ("default: sonnet-default\ntiers:\n  1: claude-sonnet-4-5\nprojects:\n  - match: services/*\n"
          "    preset: opus-production\n    reason: services run on Opus\n")


def test_policy_section(tmp_path: Path) -> None:
    files = {"repo/.git/HEAD": "ref: refs/heads/main\n", "repo/claude-tiers.yaml": POLICY,
             "repo/services/api/.claude/settings.json": {"model": "claude-sonnet-4-5"}}
    code, doc = explain_json(tmp_path, files, start="repo/services/api")
    assert code == 0
    p = doc["policy"]
    assert (p["project"], p["rule"], p["preset"], p["reason"], p["tier"], p["model"]) == (
        "services/api", "projects[0] 'services/*'", "opus-production", "services run on Opus", 2, "claude-opus-4-6")
    assert doc["model"]["tier"] == 1  # the policy's tiers remap: tier 1 is claude-sonnet-4-5 here
    assert any(w["kind"] == "policy" and "wants claude-opus-4-6" in w["message"] for w in doc["warnings"])
    result = CliRunner().invoke(cli, ["explain", str(tmp_path / "repo/services/api"), "--no-env", "--home",
                                      str(tmp_path / "home"), "--managed-dir", str(tmp_path / "managed")])
    lines = result.stdout.splitlines()
    at = lines.index("policy")
    assert lines[at + 2:at + 6] == ["  project  services/api", "  rule     projects[0] 'services/*' (services run on Opus)",
                                    "  preset   opus-production", "  wants    tier 2 claude-opus-4-6"]


def test_broken_policy_is_a_warning(tmp_path: Path) -> None:
    code, doc = explain_json(tmp_path, {"p/.git/HEAD": "x", "p/claude-tiers.yaml": "projects: [\n"})
    assert code == 0 and doc["policy"]["error"] and doc["model"]["resolved"] == "claude-opus-5-5"
    assert any(w["kind"] == "policy" and "could not be loaded" in w["message"] for w in doc["warnings"])


def test_no_policy_is_null(tmp_path: Path) -> None:
    code, doc = explain_json(tmp_path, {"p/.git/HEAD": "x"})
    assert doc["policy"] is None


def test_masking_keeps_columns_aligned(tmp_path: Path) -> None:
    write(tmp_path, {"p/.claude/settings.json": {"permissions": {"allow": [f"Bash(curl -H 'x-api-key: {SECRET}')"]},
                                                 "model": "haiku"}})
    result = CliRunner().invoke(cli, ["explain", str(tmp_path / "p"), "--no-env", "--home", str(tmp_path / "home"),
                                      "--managed-dir", str(tmp_path / "managed")])
    assert SECRET not in result.stdout and "****" in result.stdout
    lines = result.stdout.splitlines()
    at = lines.index("settings in effect (sources lowest first)")
    rows = lines[at + 1:at + 3]
    assert len(rows) == 2 and all(r.startswith("  ") for r in rows)
    starts = {r.index("project .claude/settings.json") for r in rows}
    assert len(starts) == 1, rows  # the source column starts at the same place on every row


def test_alias_remap_in_json(tmp_path: Path) -> None:
    code, doc = explain_json(tmp_path, {"p/.claude/settings.json": {
        "model": "opus", "env": {"ANTHROPIC_DEFAULT_OPUS_MODEL": "claude-opus-4-6"}}})
    assert doc["model"]["remap"] == {"alias": "opus", "variable": "ANTHROPIC_DEFAULT_OPUS_MODEL",
                                     "value": "claude-opus-4-6",
                                     "source": "env.ANTHROPIC_DEFAULT_OPUS_MODEL in project .claude/settings.json"}
    assert "floating-alias" not in {w["kind"] for w in doc["warnings"]}


def test_unknown_claude_version_warns(tmp_path: Path) -> None:
    code, doc = explain_json(tmp_path, {}, "--claude-version", "9.9.9")
    assert doc["alias_snapshot"] == "2.1.330" and doc["claude_version"] == "9.9.9"
    assert any(w["kind"] == "claude-version" and "as in 2.1.330" in w["message"] for w in doc["warnings"])
