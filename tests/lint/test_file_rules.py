"""The file rules (CT0xx) and the schema rules (CT100/CT101): failing and passing cases, fixes."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from claude_tiers.discover import Target, discover
from claude_tiers.lint.engine import RunOptions, fix_text, lint_target, lint_text
from claude_tiers.lint.selection import Selection

CLEAN = '{\n  "model": "claude-sonnet-4-6"\n}\n'


def codes(text: str | bytes, kind: str = "settings", **kw: object) -> list[str]:
    return [f.code for f in lint_text(text, kind=kind, select=["CT0", "CT100", "CT101"], **kw)]  # type: ignore[arg-type]


@pytest.mark.parametrize("text,cause", [
    ('{\n  // tier 1\n  "model": "x"\n}', "a // comment"),
    ('{"model": "x" /* c */}', "a /* */ comment"),
    ('{"model": "x",}', "trailing comma"),
    ("{'model': 'x'}", "single-quoted string"),
    ('{"model": \'x\'}', "single-quoted string"),
    (b'{"model": "\xff"}', "not valid UTF-8"),
    ('{"model": "x"} {}', "extra content"),
    ('{"model": ', "file ends before"),
    ('{"a": NaN}', "NaN/Infinity are not JSON (NaN)"),
])
def test_ct001_exact_cause(text: str | bytes, cause: str) -> None:
    [found] = lint_text(text, kind="settings")
    assert found.code == "CT001" and cause in found.message
    assert "Claude Code ignores this whole file" in found.message


# Each is dropped whole by Claude Code 2.1.330 (validation_cases.json: json-python-true,
# json-number-leading-dot, ...); the message names the cause instead of the decoder's
# "expecting value" / "expecting ',' delimiter", at the start of the bad value.
@pytest.mark.parametrize("value,cause", [
    ("True", "True is not JSON: write true"),
    ("False", "False is not JSON: write false"),
    ("None", "None is not JSON: write null"),
    (".5", "a number cannot start with '.': write 0.5"),
    ("-.5", "a number cannot start with '.': write -0.5"),
    ("0x10", "hexadecimal numbers are not JSON: write 16"),
    ("01", "a number cannot have a leading zero: write 1"),
    ("-007.5", "a number cannot have a leading zero: write -7.5"),
    ("1e", "an exponent needs digits after 'e'"),
    ("2E+", "an exponent needs digits after 'E'"),
    ("1.", "a decimal point needs digits after it: write 1"),
    ("NaN", "NaN/Infinity are not JSON (NaN)"),
    ("Infinity", "NaN/Infinity are not JSON (Infinity)"),
    ("-Infinity", "NaN/Infinity are not JSON (-Infinity)"),
    ("undefined", "undefined is not JSON"),
    ("+1", "a number cannot start with '+': write 1"),
    ("TRUE", "TRUE is not JSON: write true"),
    ("sonnet", 'unquoted value sonnet: JSON strings are written in double quotes ("sonnet")'),
])
def test_ct001_names_the_value_json_does_not_have(value: str, cause: str) -> None:
    text = '{\n  "env": {"A": "NaN"},\n  "cleanupPeriodDays": ' + value + '\n}\n'
    [found] = lint_text(text, kind="settings")
    assert found.code == "CT001"
    assert (found.line, found.column) == (3, 24)  # the value's first character
    assert found.message.startswith(cause), found.message
    assert found.message.endswith("; Claude Code ignores this whole file: nothing in it is in "
                                  "effect"), found.message
    assert "expecting" not in found.message


@pytest.mark.parametrize("text,line,col", [
    ('{"a": [1, 2, 0x1F]}', 1, 14),
    ('{"a": 1 2}', 1, 9),  # two values, not a bad number: the decoder's words are kept
])
def test_ct001_bad_value_positions(text: str, line: int, col: int) -> None:
    [found] = lint_text(text, kind="settings")
    assert (found.code, found.line, found.column) == ("CT001", line, col)


@pytest.mark.parametrize("text", ["", "   \n", b"\xef\xbb\xbf", b"\xef\xbb\xbf \n"])
def test_ct001_empty_file_loads_as_empty_object(text: str | bytes) -> None:
    [found] = lint_text(text, kind="settings")  # observed: Claude Code loads it as {}
    assert (found.code, found.severity, found.fixable) == ("CT001", "info", None)
    assert "reads it as {}" in found.message and "ignores this whole file" not in found.message


def test_ct001_bom_is_tolerated_and_removed_by_a_safe_fix() -> None:
    text = b'\xef\xbb\xbf{\n  "model": 42\n}\n'
    found = lint_text(text, kind="settings", select=["CT001", "CT100"])
    assert [(f.code, f.severity, f.fixable) for f in found] == [
        ("CT001", "warning", "safe"), ("CT100", "error", None)]  # the content is linted too
    assert "tolerates it" in found[0].message
    assert fix_text(text, kind="settings") == '{\n  "model": 42\n}\n'
    assert fix_text(b'\xef\xbb\xbf{"a": 1,}', kind="settings") == '\ufeff{"a": 1,}'


def test_ct001_bom_fix_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(b'\xef\xbb\xbf{"model": "claude-sonnet-4-6"}\n')
    result = lint_target(Target(str(path), "settings", "settings.json", None),
                         RunOptions(selection=Selection.build(select=["CT0"]), fix=True))
    assert result.fixed and result.findings == ()
    assert path.read_bytes() == b'{"model": "claude-sonnet-4-6"}\n'


def test_ct001_passes_strict_json() -> None:
    assert codes(CLEAN) == []


def test_ct001_unreadable_file(tmp_path: Path) -> None:
    folder = tmp_path / ".claude" / "settings.json"
    folder.mkdir(parents=True)  # a directory where a file should be
    result = lint_target(Target(str(folder), "settings", "s.json", None), RunOptions())
    assert [f.code for f in result.findings] == ["CT001"]
    assert "directory" in result.findings[0].message


@pytest.mark.parametrize("text", ["[]", '"x"', "42", "null", "true"])
def test_ct002_top_level(text: str) -> None:
    [found] = lint_text(text, kind="settings")
    assert found.code == "CT002" and "not an object" in found.message


def test_ct003_both_positions_and_unsafe_fix() -> None:
    text = '{\n  "model": "a",\n  "env": {"X": "1"},\n  "model": "b"\n}\n'
    [found] = [f for f in lint_text(text, kind="settings") if f.code == "CT003"]
    assert (found.line, found.column) == (2, 3)
    assert "again at line 4, column 3" in found.message and found.fixable == "unsafe"
    assert fix_text(text, kind="settings", unsafe=True) == \
        '{\n  "env": {"X": "1"},\n  "model": "b"\n}\n'


@pytest.mark.parametrize("text,fixed", [
    ('{"a": 1, "a": 2, "a": 3}', '{"a": 3}'),
    ('{"a": 1, "b": 2, "a": 3}', '{"b": 2, "a": 3}'),
    ('{"p": {"x": 1, "x": 2}, "p": {"y": [1, {"z": 1, "z": 2}]}}', '{"p": {"y": [1, {"z": 2}]}}'),
    ('{\r\n\t"a": 1,\r\n\t"a": 2\r\n}', '{\r\n\t"a": 2\r\n}'),
])
def test_ct003_fix_keeps_the_last(text: str, fixed: str) -> None:
    assert fix_text(text, kind="settings", unsafe=True, select=["CT003"]) == fixed


def test_ct003_passes_without_duplicates() -> None:
    assert codes('{"a": {"a": 1}}') == []


def test_ct004_unread_file_merge_fix(tmp_path: Path) -> None:
    unread = tmp_path / "claude_settings.json"
    unread.write_text('{"permissions": {"allow": ["Bash(npm test)"]}}\n')
    settings = tmp_path / ".claude" / "settings.json"
    settings.parent.mkdir()
    settings.write_text('{\n  "model": "claude-sonnet-4-6",\n  "permissions": {"allow": ["Read"]}\n}\n')
    target = Target(str(unread), "unread-settings", "claude_settings.json", ".")
    [found] = lint_target(target, RunOptions()).findings
    assert found.code == "CT004" and "never reads claude_settings.json" in found.message
    assert found.fixable == "unsafe"
    safe = lint_target(target, RunOptions(fix=True))
    assert not safe.fixed and unread.exists()
    result = lint_target(target, RunOptions(fix=True, unsafe_fixes=True))
    assert result.fixed and not unread.exists() and result.findings == ()
    assert settings.read_text() == ('{\n  "model": "claude-sonnet-4-6",\n  "permissions": '
                                    '{"allow": ["Read", "Bash(npm test)"]}\n}\n')


def test_ct004_merge_refused_on_conflict(tmp_path: Path) -> None:
    unread = tmp_path / ".claude" / "settings.jsonc"
    unread.parent.mkdir()
    unread.write_text('{"model": "claude-opus-4-7"}')
    settings = tmp_path / ".claude" / "settings.json"
    settings.write_text('{"model": "claude-sonnet-4-6"}')
    target = Target(str(unread), "unread-settings", ".claude/settings.jsonc", ".")
    result = lint_target(target, RunOptions(fix=True, unsafe_fixes=True))
    assert unread.exists() and settings.read_text() == '{"model": "claude-sonnet-4-6"}'
    assert [f.code for f in result.findings] == ["CT004"]
    assert any("sets model differently" in n for n in result.notes)


def test_ct004_creates_the_settings_file(tmp_path: Path) -> None:
    unread = tmp_path / "claude_settings.json"
    unread.write_text('{"model": "claude-sonnet-4-6"}')
    target = Target(str(unread), "unread-settings", "claude_settings.json", ".")
    lint_target(target, RunOptions(fix=True, unsafe_fixes=True))
    assert (tmp_path / ".claude" / "settings.json").read_text() == \
        '{\n  "model": "claude-sonnet-4-6"\n}\n'


def test_ct004_backup_has_no_fix() -> None:
    [found] = lint_text("{}", kind="unread-settings", filename=".claude/settings.json.bak")
    assert found.code == "CT004" and found.fixable is None


CANDIDATE = ('{\n  "model": "claude-opus-3",\n  "permissions": {"allow": ["Bash(ls"]},\n'
             '  "env": {"ANTHROPIC_API_KEY": "sk-ant-api03-Zq8Xw2Lr5Tn1Vb7Yc4Md9Kf3Hs6Jp0Ga"}\n}\n')


@pytest.mark.parametrize("name,as_kind,belongs", [
    ("notes.txt", "project settings", ".claude/settings.json"),
    ("settings.json.bak", "project settings", ".claude/settings.json"),
    ("settings.local.json.bak", "local settings", ".claude/settings.local.json"),
])
def test_ct004_named_candidate_is_linted_as_settings_too(tmp_path: Path, name: str, as_kind: str,
                                                         belongs: str) -> None:
    """Before: only CT004 (and the secrets); a candidate checked before renaming it got none of
    the findings it would get in place."""
    path = tmp_path / name
    path.write_text(CANDIDATE)
    [target] = discover([path])
    result = lint_target(target, RunOptions())
    assert [f.code for f in result.findings] == ["CT004", "CT201", "CT101", "CT501"]
    ct004 = result.findings[0]
    assert f"they belong in {belongs} (linted as {as_kind}: the other findings say what " \
           f"Claude Code would do with it as {belongs})" in ct004.message
    assert all(f.fixable is None for f in result.findings[1:])  # reported, not fixed
    fixed = lint_target(target, RunOptions(fix=True, unsafe_fixes=True))
    assert not fixed.fixed and path.read_text() == CANDIDATE


def test_ct004_candidate_with_a_comment_gets_the_parse_error_it_would_get(tmp_path: Path) -> None:
    path = tmp_path / "draft.jsonc"
    path.write_text('{\n  // tier 1\n  "model": "claude-sonnet-4-6"\n}\n')
    [target] = discover([path])
    found = lint_target(target, RunOptions()).findings
    assert [(f.code, f.line) for f in found] == [("CT004", 1), ("CT001", 2)]
    assert "Claude Code ignores this whole file" in found[1].message


@pytest.mark.parametrize("text,code", [("just some notes\n", "CT001"), ("[1, 2]", "CT002")])
def test_ct004_a_file_without_a_json_object_is_not_linted_as_settings(tmp_path: Path, text: str,
                                                                      code: str) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(text)
    [target] = discover([path])
    found = lint_target(target, RunOptions()).findings
    assert sorted(f.code for f in found) == sorted([code, "CT004"])
    assert all("linted as" not in f.message for f in found)
    assert "cannot be merged into the settings Claude Code reads" in \
        next(f for f in found if f.code == code).message


def test_ct004_explicit_claude_settings_json_keeps_its_merge_fix(tmp_path: Path) -> None:
    unread = tmp_path / "claude_settings.json"
    unread.write_text('{"model": "claude-opus-3"}')
    [named] = discover([unread])
    found = lint_target(named, RunOptions()).findings
    assert [(f.code, f.fixable) for f in found] == [("CT004", "unsafe"), ("CT201", None)]
    [searched] = [t for t in discover([tmp_path]) if t.kind == "unread-settings"]
    assert searched.lint_as is None  # found by discovery: only CT004 (and the secrets)
    assert [f.code for f in lint_target(searched, RunOptions()).findings] == ["CT004"]


def test_ct004_candidate_through_lint_text() -> None:
    found = lint_text(CANDIDATE, kind="unread-settings", filename="x/settings.json.bak",
                      lint_as="settings")
    assert [f.code for f in found] == ["CT004", "CT201", "CT101", "CT501"]
    assert [f.code for f in lint_text(CANDIDATE, kind="unread-settings",
                                      filename="x/settings.json.bak")] == ["CT004", "CT501"]


def test_ct005_settings_keys_in_claude_json() -> None:
    found = lint_text('{"numStartups": 1, "theme": "dark", "permissions": {}, "env": {}}',
                      kind="claude-json", filename="~/.claude.json")
    assert [(f.code, f.pointer) for f in found] == [("CT005", "/permissions"), ("CT005", "/env")]
    assert lint_text('{"numStartups": 1, "mcpServers": {}}', kind="claude-json") == []


def test_ct006_tracked_local_settings() -> None:
    assert codes(CLEAN, "local-settings", git_tracked=True) == ["CT006"]
    assert codes(CLEAN, "local-settings", git_tracked=False) == []
    assert codes(CLEAN, "local-settings", git_tracked=None) == []


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_ct006_untrack_fix(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    local = tmp_path / ".claude" / "settings.local.json"
    local.parent.mkdir()
    local.write_text(CLEAN)
    (tmp_path / ".gitignore").write_text("node_modules/")
    subprocess.run(["git", "-C", str(tmp_path), "add", "-A"], check=True)
    [target] = [t for t in discover([tmp_path]) if t.kind == "local-settings"]
    assert target.tracked
    options = RunOptions(selection=Selection.build(select=["CT006"]), fix=True,
                         unsafe_fixes=True)
    result = lint_target(target, options)
    assert result.fixed and result.findings == ()
    assert local.exists()
    assert (tmp_path / ".gitignore").read_text() == "node_modules/\n.claude/settings.local.json\n"
    listed = subprocess.run(["git", "-C", str(tmp_path), "ls-files"], capture_output=True,
                            text=True, check=True).stdout
    assert ".claude/settings.local.json" not in listed
    # Ignored now, and still linted (Claude Code reads it), but no longer as tracked.
    [again] = [t for t in discover([tmp_path]) if t.kind == "local-settings"]
    assert again.tracked is False
    assert [f.code for f in lint_target(again, RunOptions()).findings] == []


def test_ct007_flat_skill_and_move_fix(tmp_path: Path) -> None:
    flat = tmp_path / ".claude" / "skills" / "notes.md"
    flat.parent.mkdir(parents=True)
    flat.write_text("---\nname: notes\ndescription: Take notes\n---\nBody\n")
    [target] = list(discover([tmp_path]))
    assert target.kind == "flat-skill"
    options = RunOptions(selection=Selection.build(select=["CT0"]), fix=True, unsafe_fixes=True)
    assert [f.code for f in lint_target(target, RunOptions(
        selection=Selection.build(select=["CT0"]))).findings] == ["CT007"]
    result = lint_target(target, options)
    assert result.fixed and result.findings == ()
    moved = tmp_path / ".claude" / "skills" / "notes" / "SKILL.md"
    assert moved.read_text().endswith("Body\n") and not flat.exists()
    assert [t.kind for t in discover([tmp_path])] == ["skill"]


def test_ct007_move_refused_when_destination_exists(tmp_path: Path) -> None:
    flat = tmp_path / ".claude" / "skills" / "notes.md"
    (tmp_path / ".claude" / "skills" / "notes").mkdir(parents=True)
    (tmp_path / ".claude" / "skills" / "notes" / "SKILL.md").write_text("x")
    flat.write_text("y")
    target = Target(str(flat), "flat-skill", "notes.md", str(tmp_path))
    result = lint_target(target, RunOptions(fix=True, unsafe_fixes=True))
    assert flat.exists() and any("already exists" in n for n in result.notes)


@pytest.mark.parametrize("text", ['{"model": "x",}', "[]", "{'a': 1}"])
def test_ct008_managed_settings_that_stop_claude_code(text: str) -> None:
    [found] = lint_text(text, kind="managed-settings")
    assert found.code == "CT008" and "refuses to start (exit 1)" in found.message


@pytest.mark.parametrize("text", ["", b"\xef\xbb\xbf{}"])
def test_ct008_tolerated_defects_are_warnings_in_managed_files(text: str | bytes) -> None:
    [found] = lint_text(text, kind="managed-settings")
    assert (found.code, found.severity) == ("CT008", "warning")
    assert "not verified for managed settings" in found.message or "tolerates" in found.message


def test_ct008_passes_valid_managed() -> None:
    assert codes('{"availableModels": ["sonnet"]}', "managed-settings") == []


@pytest.mark.parametrize("kind,effect", [("agent", "skips this agent"),
                                         ("skill", "does not load this skill"),
                                         ("command", "cannot read this command")])
def test_ct009_frontmatter(kind: str, effect: str) -> None:
    [found] = lint_text('---\nname: x\ndescription: "Reviews code\n---\n', kind=kind)
    assert found.code == "CT009" and effect in found.message
    [found] = lint_text("---\nname: x\n", kind=kind)
    assert found.code == "CT009" and "never ends" in found.message


def test_ct009_passes_good_frontmatter() -> None:
    assert codes("---\nname: x\ndescription: y\n---\n", "agent") == []


def test_only_file_rules_run_on_an_unparsed_file() -> None:
    found = lint_text("---\nname: x\n\tdescription: y\n---\n", kind="agent")
    assert [f.code for f in found] == ["CT009"]


def test_ct100_whole_file_dropped() -> None:
    [found] = lint_text('{\n  "cleanupPeriodDays": "30"\n}', kind="settings", select=["CT1"])
    assert found.code == "CT100" and found.pointer == "/cleanupPeriodDays"
    assert (found.line, found.column) == (2, 3)
    assert "Claude Code ignores this whole file" in found.message


def test_ct101_entry_skipped() -> None:
    text = '{"permissions": {"allow": ["Bash(npm test)", "Bash(ls"]}}'
    [found] = lint_text(text, kind="settings", select=["CT100", "CT101"])
    assert found.code == "CT101" and found.pointer == "/permissions/allow/1"
    assert "Claude Code skips this entry" in found.message


@pytest.mark.parametrize("text,effect", [
    ('{"model": 42}', "drops this managed entry"),
    ('{"enforceAvailableModels": "yes"}', "reads it as true"),
    ('{"availableModels": "sonnet"}', "empty allowlist"),
    ('{"permissions": {"defaultMode": "allowEdits"}}', 'treats it as "default"'),
])
def test_ct101_managed_entries_dropped_one_by_one(text: str, effect: str) -> None:
    found = lint_text(text, kind="managed-settings", select=["CT1"])
    assert [f.code for f in found] == ["CT101"] and effect in found[0].message
    assert "ignores this whole file" not in found[0].message


def test_schema_rules_pass_valid_settings() -> None:
    assert codes('{"model": "claude-sonnet-4-6", "permissions": {"allow": ["Read"]}}') == []


@pytest.mark.parametrize("text,pointer,parts", [
    ('{"effortLevel": "max"}', "/effortLevel", ['effortLevel: expected one of "low"',
                                                 "env.CLAUDE_CODE_EFFORT_LEVEL"]),
    ('{"effortLevel": "ultracode"}', "/effortLevel", ['got "ultracode"']),
    ('{"effortLevel": 3}', "/effortLevel", ["expected a string", 'allowed: "low", "medium"']),
    ('{"effortLevel": "hihg"}', "/effortLevel", ['did you mean "high"?']),
    ('{"env": {"CLAUDE_CODE_EFFORT_LEVEL": "ultracode"}}', "/env/CLAUDE_CODE_EFFORT_LEVEL",
     ['env.CLAUDE_CODE_EFFORT_LEVEL: expected one of', '"max", "auto"']),
    ('{"editorMode": "emacs"}', "/editorMode", ['"normal", "vim"; got "emacs"']),
    ('{"editorMode": "Vim"}', "/editorMode", ['did you mean "vim"?']),
    ('{"fallbackModel": ["claude-haiku-4-5", "claude-sonnet-4-6", "claude-opus-4-6", '
     '"claude-opus-4-7"]}', "/fallbackModel", ["4 models, more than the 3", "never tries"]),
])
def test_ct102_values_claude_code_silently_ignores(text: str, pointer: str,
                                                   parts: list[str]) -> None:
    found = lint_text(text, kind="settings", select=["CT1"])
    assert [(f.code, f.severity, f.pointer) for f in found] == [("CT102", "error", pointer)]
    assert "silently ignores" in found[0].message or "without a warning" in found[0].message
    for part in parts:
        assert part in found[0].message


# Asked of Claude Code 2.1.330 (tests/oracle/test_env_values_oracle.py records it): a settings
# env value becomes JavaScript's String(value), for ANTHROPIC_MODEL (the model requested) and for
# an ordinary variable (what a hook sees), whether or not the shell exports the variable.
@pytest.mark.parametrize("value,what,effect", [
    ("null", "null", 'sets ANTHROPIC_MODEL to the string "null" and requests it as the model'),
    ("{}", "an object", 'sets ANTHROPIC_MODEL to the string "[object Object]"'),
    ('{"a": 1}', "an object", 'sets ANTHROPIC_MODEL to the string "[object Object]"'),
    ('["a", "b"]', "an array", 'sets ANTHROPIC_MODEL to the string "a,b"'),
    ("[null, 1]", "an array", 'sets ANTHROPIC_MODEL to the string ",1"'),
    ("[]", "an empty array", "sets ANTHROPIC_MODEL to the empty string, which counts as unset"),
    ("5", "a number", 'sets ANTHROPIC_MODEL to the string "5"'),
    ("1.50", "a number", 'sets ANTHROPIC_MODEL to the string "1.5"'),
    ("true", "the boolean true", 'sets ANTHROPIC_MODEL to the string "true"'),
    ("false", "the boolean false", 'sets ANTHROPIC_MODEL to the string "false"'),
])
def test_ct103_model_variable_gets_the_js_string(value: str, what: str, effect: str) -> None:
    found = lint_text('{"env": {"ANTHROPIC_MODEL": ' + value + "}}", kind="settings",
                      select=["CT1"])
    assert [(f.code, f.severity, f.pointer) for f in found] == [
        ("CT103", "warning", "/env/ANTHROPIC_MODEL")]
    message = found[0].message
    assert message.startswith(f"env.ANTHROPIC_MODEL is {what}, not a string: Claude Code {effect}")
    assert "ignore" not in message


@pytest.mark.parametrize("value,text", [
    ("null", '"null"'), ("{}", '"[object Object]"'), ('["a", "b"]', '"a,b"'),
    ("[]", "the empty string, even over a value exported in the shell"),
])
def test_ct103_ordinary_variable_gets_the_js_string(value: str, text: str) -> None:
    found = lint_text('{"env": {"MY_VAR": ' + value + "}}", kind="settings", select=["CT1"])
    assert [(f.code, f.severity) for f in found] == [("CT103", "warning")]
    assert f"Claude Code sets MY_VAR to {'the string ' if text[0] == chr(34) else ''}{text}" \
        in found[0].message


@pytest.mark.parametrize("env", [
    {"MAX_THINKING_TOKENS": 8000}, {"DISABLE_TELEMETRY": True}, {"CLAUDE_CODE_SUBAGENT_MODEL_FORCE": 1},
    {"ANTHROPIC_MODEL": "claude-sonnet-4-6"}, {"MY_VAR": ""},
])
def test_ct103_passes_strings_and_plain_numbers(env: dict[str, object]) -> None:
    import json

    assert [f.code for f in lint_text(json.dumps({"env": env}), kind="settings",
                                      select=["CT103"])] == []


@pytest.mark.parametrize("name,use", [
    ("CLAUDE_CODE_SUBAGENT_MODEL", "uses it as the model of subagents without their own"),
    ("ANTHROPIC_DEFAULT_OPUS_MODEL", "resolves the opus alias to it"),
    ("ANTHROPIC_SMALL_FAST_MODEL", "uses it as the background-task model"),
])
def test_ct103_names_what_a_model_variable_is_for(name: str, use: str) -> None:
    [found] = lint_text('{"env": {"' + name + '": null}}', kind="settings", select=["CT103"])
    assert f'sets {name} to the string "null" and {use}' in found.message


def test_ct103_in_managed_settings_is_not_a_dropped_entry() -> None:
    found = lint_text('{"env": {"ANTHROPIC_MODEL": null}}', kind="managed-settings",
                      select=["CT1"])
    assert [f.code for f in found] == ["CT103"]


def test_ct102_managed_ignored_values_are_not_called_dropped_entries() -> None:
    found = lint_text('{"effortLevel": "max"}', kind="managed-settings", select=["CT1"])
    assert [f.code for f in found] == ["CT102"]


def test_ct102_passes_valid_values() -> None:
    text = ('{"effortLevel": "xhigh", "editorMode": "vim", "env": {"CLAUDE_CODE_EFFORT_LEVEL": '
            '"max"}, "fallbackModel": ["claude-haiku-4-5"]}')
    assert lint_text(text, kind="settings", select=["CT102"]) == []


def test_ct101_one_finding_per_non_string_permission_entry() -> None:
    text = '{"permissions": {"allow": [null, {}, [], "*"], "deny": [1]}}'
    found = lint_text(text, kind="settings", select=["CT1"])
    assert [f.pointer for f in found] == ["/permissions/allow/0", "/permissions/allow/1",
                                          "/permissions/allow/2", "/permissions/allow/3",
                                          "/permissions/deny/0"]
    assert all("wildcard" not in f.message for f in found[:3])
    assert "wildcard" in found[3].message


def _lint_json(paths: list[str], cwd: Path) -> tuple[int, Any]:
    import io
    import json
    import os

    from claude_tiers.commands.lint import run_lint

    here = os.getcwd()
    os.chdir(cwd)
    try:
        out = io.StringIO()
        code = run_lint(paths, fmt="json", jobs=1, no_cache=True, stream=out, color=False)
    finally:
        os.chdir(here)
    return code, json.loads(out.getvalue())


@pytest.mark.parametrize("use_git", [True, False])
def test_a_link_out_of_the_repository_is_reported_and_never_read(tmp_path: Path,
                                                                 use_git: bool) -> None:
    if use_git and shutil.which("git") is None:
        pytest.skip("git is not installed")
    outside = tmp_path / "home"
    outside.mkdir()
    (outside / "credentials").write_text("hunter2-secret-word\n")
    (outside / "agent.md").write_text("---\nname: [broken\n---\nhunter2-secret-agent\n")
    repo = tmp_path / "repo"
    claude = repo / ".claude"
    (claude / "agents").mkdir(parents=True)
    (claude / "settings.json").write_text('{"model": "sonnet"}')
    (claude / "settings.local.json").symlink_to(outside / "credentials")
    (claude / "agents" / "linked.md").symlink_to(outside / "agent.md")
    if use_git:
        subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
        subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    for paths in (["."], [".claude/settings.local.json", ".claude/agents/linked.md"]):
        code, data = _lint_json(paths, repo)
        text = str(data)
        assert "hunter2" not in text
        found = {(f["path"], f["code"], f["severity"]) for f in data["findings"]
                 if f["code"] in ("CT001", "CT009", "CT010")}
        assert found == {(".claude/settings.local.json", "CT010", "info"),
                         (".claude/agents/linked.md", "CT010", "info")}
        assert code == 0  # only infos (and CT217 on "sonnet"): nothing known to be broken
    # Named where it really is, the file is linted (and its defect reported; CT004: a file of
    # that name is not one Claude Code reads).
    code, data = _lint_json([str(outside / "credentials")], repo)
    assert [f["code"] for f in data["findings"]] == ["CT001", "CT004"]


def test_a_link_inside_the_repository_is_followed(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    (repo / "shared").mkdir(parents=True)
    (repo / "shared" / "settings.json").write_text('{"model": "sonnet",}')
    project = repo / "svc" / ".claude"
    project.mkdir(parents=True)
    (project / "settings.json").symlink_to(Path("..", "..", "shared", "settings.json"))
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    code, data = _lint_json(["svc"], repo)
    assert [(f["path"], f["code"]) for f in data["findings"]] == [
        ("svc/.claude/settings.json", "CT001")]
    assert code == 1
