"""claude-tiers lint / rules end to end: flags, exit codes, fixing, configuration."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claude_tiers.cli import main

DUP = '{\n  "model": "claude-opus-4-7",\n  "model": "claude-sonnet-4-6"\n}\n'
CLEAN = '{\n  "model": "claude-sonnet-4-6"\n}\n'


def project(root: Path, text: str, name: str = "settings.json") -> Path:
    path = root / ".claude" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    (root / ".git").mkdir(exist_ok=True)  # bounds the configuration search
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_project_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, CLEAN)
    code, out, _ = run(capsys, "lint", str(tmp_path))
    assert code == 0
    assert "no problems in 1 file checked" in out


def test_errors_exit_one_with_the_finding(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    path = project(tmp_path, '{"model": "claude-sonnet-4-6",}')
    code, out, _ = run(capsys, "lint", str(path))
    assert code == 1
    assert f"{path}:1:30: CT001 [error] trailing comma" in out
    assert out.strip().endswith("1 error, 0 warnings in 1 file checked")


def test_exit_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project(tmp_path, "[]")
    assert run(capsys, "lint", "--exit-zero", str(path))[0] == 0


def test_strict_fails_on_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    state = tmp_path / ".claude.json"
    state.write_text('{"numStartups": 3, "permissions": {"allow": []}}')
    (tmp_path / ".git").mkdir()
    code, out, _ = run(capsys, "lint", str(state))
    assert code == 0 and "CT005 [warning]" in out
    assert run(capsys, "lint", "--strict", str(state))[0] == 1


def test_fix_leaves_unsafe_fixes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project(tmp_path, DUP)
    code, out, _ = run(capsys, "lint", "--fix", "--select", "CT0", str(tmp_path))
    assert code == 1 and path.read_text() == DUP
    assert "fixable with --fix (or --unsafe-fixes)" in out


def test_unsafe_fixes_write_once_and_report_what_remains(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project(tmp_path, DUP)
    code, out, _ = run(capsys, "lint", "--unsafe-fixes", "--select", "CT0", str(tmp_path))
    assert code == 1  # files changed: re-stage them
    assert path.read_text() == CLEAN
    assert "CT003" not in out and "1 file fixed" in out
    code, out, _ = run(capsys, "lint", "--unsafe-fixes", "--select", "CT0", str(tmp_path))
    assert code == 0 and path.read_text() == CLEAN


def test_diff_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project(tmp_path, DUP)
    code, out, _ = run(capsys, "lint", "--diff", "--unsafe-fixes", "--select", "CT0",
                       str(tmp_path))
    assert code == 1 and path.read_text() == DUP
    assert '-  "model": "claude-opus-4-7",' in out and "+++ b/" in out
    code, out, _ = run(capsys, "lint", "--diff", "--select", "CT0", str(tmp_path))
    assert "+++" not in out  # no safe fix applies


def test_select_and_ignore(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project(tmp_path, '{"model": 1, "model": 2}')
    _, out, _ = run(capsys, "lint", "--select", "CT1", str(path))
    assert "CT100" in out and "CT003" not in out
    _, out, _ = run(capsys, "lint", "--select", "CT0,CT1", "--ignore", "invalid-setting-drops-file",
                    str(path))
    assert "CT003" in out and "CT100" not in out


def test_configuration_file_is_used_and_flags_win(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project(tmp_path, '{"model": 1, "model": 2}')
    (tmp_path / "claude-tiers.yaml").write_text(
        "lint:\n  select: [CT0, CT1]\n  ignore: [CT003]\n  severity: {CT100: warning}\n")
    code, out, _ = run(capsys, "lint", str(path))
    assert "CT003" not in out and "CT100 [warning]" in out and code == 0
    _, out, _ = run(capsys, "lint", "--ignore", "CT100", str(path))
    assert "CT003" in out and "CT100" not in out
    _, out, _ = run(capsys, "lint", "--no-config", "--select", "CT0", str(path))
    assert "CT003" in out


def test_per_file_ignores(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path / "legacy" / "a", "[]")
    project(tmp_path / "new", "[]")
    (tmp_path / ".git").mkdir(exist_ok=True)
    (tmp_path / "claude-tiers.yaml").write_text('lint:\n  per-file-ignores:\n    "legacy/**": [CT0]\n')
    _, out, _ = run(capsys, "lint", str(tmp_path))
    assert "new/.claude/settings.json" in out and "legacy" not in out


def test_bad_configuration_exits_two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project(tmp_path, CLEAN)
    (tmp_path / "claude-tiers.yaml").write_text("lint:\n  select: [nope nope]\n")
    code, _, err = run(capsys, "lint", str(path))
    assert code == 2 and "claude-tiers.yaml:2:" in err


def test_usage_errors_exit_two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "lint", str(tmp_path / "missing"))[0] == 2
    assert run(capsys, "lint", "--format", "xml", str(tmp_path))[0] == 2
    assert run(capsys, "lint", "--select", "E501", str(tmp_path))[0] == 2
    assert run(capsys, "rules", "CT999")[0] == 2


def test_internal_error_exits_three(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from claude_tiers.lint.rules import ct003_duplicate_key

    def boom(ctx: object) -> None:
        raise RuntimeError("kaput")

    monkeypatch.setattr(ct003_duplicate_key, "check", boom)
    path = project(tmp_path, CLEAN)
    code, _, err = run(capsys, "lint", str(path))
    assert code == 3
    assert "internal error" in err and "CT003" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_json_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project(tmp_path, "[]")
    code, out, _ = run(capsys, "lint", "--format", "json", str(path))
    doc = json.loads(out)
    assert code == 1 and doc["findings"][0]["code"] == "CT002"


def test_rules_list_and_doc(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules")
    assert code == 0 and "CT003 " in out and "duplicate-key" in out
    code, out, _ = run(capsys, "rules", "duplicate-key")
    assert code == 0 and out.startswith("CT003 duplicate-key\nseverity: error")
    assert "FAIL" in out and "PASS" in out


def test_lint_help_has_examples(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lint", "--help")
    assert code == 0 and "Examples:" in out and "--unsafe-fixes" in out


@pytest.mark.parametrize("args,hint", [
    (["--select", "CT999"], "'CT999'"),
    (["--select", "CT9"], "'CT9'"),
    (["--ignore", "duplicate-kye"], "did you mean 'duplicate-key'?"),
    (["--extend-select", "CT1,nope-rule"], "'nope-rule'"),
    (["--extend-ignore", "CT77"], "'CT77'"),
])
def test_unknown_rules_on_the_command_line_are_usage_errors(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], hint: str) -> None:
    path = project(tmp_path, CLEAN)
    code, out, err = run(capsys, "lint", *args, str(path))
    assert code == 2 and hint in err and "no rule has" in err and out == ""


@pytest.mark.parametrize("conf,hint", [
    ("lint:\n  select: [CT1, CT88]\n", "lint.select: no rule has the code"),
    ("lint:\n  ignore: [unknown-kye]\n", "did you mean 'unknown-key'?"),
    ("lint:\n  severity: {CT999: info}\n", "lint.severity"),
    ("lint:\n  per-file-ignores: {'x/*': [CT5000]}\n", "CT5000"),
    ("lint:\n  per-file-ignores: {'x/*': [secret-in-evn]}\n", "did you mean 'secret-in-env'?"),
])
def test_unknown_rules_in_the_configuration_are_config_errors(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], conf: str, hint: str) -> None:
    path = project(tmp_path, CLEAN)
    (tmp_path / "claude-tiers.yaml").write_text(conf)
    code, _, err = run(capsys, "lint", str(path))
    assert code == 2 and hint in err


def test_a_rule_selected_on_the_command_line_beats_the_configurations_ignore(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project(tmp_path, '{"modle": "claude-sonnet-4-6"}')
    (tmp_path / "claude-tiers.yaml").write_text("lint:\n  ignore: [CT110, CT2]\n")
    _, out, _ = run(capsys, "lint", str(path))
    assert "CT110" not in out
    for flags in (["--select", "CT110"], ["--select", "unknown-key"],
                  ["--extend-select", "CT110"]):
        _, out, _ = run(capsys, "lint", *flags, str(path))
        assert "CT110 [warning]" in out, flags
    _, out, _ = run(capsys, "lint", "--select", "CT110", "--ignore", "CT110", str(path))
    assert "CT110" not in out  # the command line's own ignore still counts


def test_files_a_fix_creates_are_linted_in_the_same_run(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "claude_settings.json").write_text(
        '{"model": 42, "permissions": {"allow": ["Bash(ls"]}}\n')
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "lint", "--unsafe-fixes", ".")
    assert (tmp_path / ".claude/settings.json").exists()
    assert not (tmp_path / "claude_settings.json").exists()
    assert ".claude/settings.json:2:3: CT100 [error]" in out  # the merged model: 42
    assert "CT101 [error]" in out and code == 1
    assert "no problems" not in out
    _, again, _ = run(capsys, "lint", ".")
    assert again.count("[error]") == out.count("[error]") == 2


def test_diff_reports_the_file_as_it_is_and_writes_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = '{\n  "model": "claude-opus-4-7",\n  "model": "claude-sonnet-4-6",\n  "modle": 1\n}\n'
    path = project(tmp_path, text)
    code, out, _ = run(capsys, "lint", "--diff", "--unsafe-fixes", str(tmp_path))
    assert path.read_text() == text and code == 1
    assert ".claude/settings.json:2:3: CT003" in out  # the duplicate is still there
    assert ".claude/settings.json:4:3: CT110" in out  # at its line now, not after the fix
    code, out, _ = run(capsys, "lint", "--diff", "--unsafe-fixes", "--format", "json",
                       str(tmp_path))
    report = json.loads(out)
    assert {f["code"] for f in report["findings"]} >= {"CT003", "CT110"}
    [diff] = report["diffs"]
    assert diff["path"].endswith(".claude/settings.json")
    assert '-  "model": "claude-opus-4-7",' in diff["diff"]
    assert path.read_text() == text


def test_diff_never_prints_credentials(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project(tmp_path, '{"permissions": {"allow": ["Bash(PGPASSWORD=hunter2xyz psql *)", '
                             '"Bash(PGPASSWORD=hunter2xyz psql *)"]}}')
    code, out, err = run(capsys, "lint", "--diff", "--unsafe-fixes", str(path))
    assert "+++ b/" in out and code == 1
    assert "hunter2xyz" not in out + err


def test_a_jsonc_settings_file_with_comments_is_merged(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project(tmp_path, '{\n  // tier 1\n  "model": "claude-sonnet-4-6", /* x */\n'
                             '  "permissions": {"allow": ["Bash(ls)",],},\n}\n', "settings.jsonc")
    code, out, _ = run(capsys, "lint", "--fix", str(tmp_path))
    assert path.exists()  # the merge is unsafe
    code, out, _ = run(capsys, "lint", "--unsafe-fixes", str(tmp_path))
    assert not path.exists()
    merged = json.loads((tmp_path / ".claude/settings.json").read_text())
    assert merged == {"model": "claude-sonnet-4-6", "permissions": {"allow": ["Bash(ls)"]}}


def test_findings_are_in_path_order_whatever_the_argument_order(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("a", "b"):
        project(tmp_path / name, '{"modle": 1}')
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    _, out, _ = run(capsys, "lint", "b", "a")
    lines = [line.split(":", 1)[0] for line in out.splitlines() if "CT110" in line]
    assert lines == ["a/.claude/settings.json", "b/.claude/settings.json"]


def test_a_gateway_in_project_settings_counts_for_local_settings_and_agents(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, '{"model": "gpt-4o"}', "settings.local.json")
    agent = tmp_path / ".claude/agents/a.md"
    agent.parent.mkdir(parents=True)
    agent.write_text("---\nname: a\ndescription: d\nmodel: gpt-4o\n---\nbody\n")
    _, out, _ = run(capsys, "lint", "--select", "CT205", str(tmp_path))
    assert out.count("CT205") == 2  # no gateway: both would be rejected by the Anthropic API
    project(tmp_path, '{"env": {"ANTHROPIC_BASE_URL": "https://llm.example.com"}}')
    code, out, _ = run(capsys, "lint", "--select", "CT205", str(tmp_path))
    assert "CT205 [warning]" not in out and out.count("CT205 [info]") == 2 and code == 0
