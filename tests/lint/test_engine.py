"""The engine: lint_text, fix_text, selection, severity overrides, the fix loop."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from claude_tiers.errors import UserError
from claude_tiers.lint.engine import fix_text, lint_text
from claude_tiers.lint.selection import Selection

DUP = '{\n  "model": "claude-opus-4-7",\n  "model": "claude-sonnet-4-6"\n}\n'


def codes(findings: list) -> list[str]:  # type: ignore[type-arg]
    return [f.code for f in findings]


def test_lint_text_reports_parse_error_with_position() -> None:
    [found] = lint_text('{"model": "x",}', kind="settings")
    assert (found.code, found.line, found.column) == ("CT001", 1, 14)
    assert "trailing comma" in found.message and "ignores this whole file" in found.message


def test_parse_failure_runs_only_file_rules() -> None:
    assert codes(lint_text("[1]", kind="settings")) == ["CT002"]


def test_findings_are_sorted_by_position() -> None:
    text = '{\n  "permissions": {"allow": ["bash"]},\n  "model": 42\n}\n'
    found = lint_text(text, kind="settings")
    assert [(f.line, f.code) for f in found] == [(2, "CT101"), (3, "CT100")]


@pytest.mark.parametrize("spec,expected", [
    (["CT1"], ["CT100"]),
    (["CT0"], ["CT003", "CT003"]),
    (["duplicate-key"], ["CT003", "CT003"]),
    (["ALL"], ["CT003", "CT003", "CT100"]),
])
def test_select(spec: list[str], expected: list[str]) -> None:
    text = '{"model": 1, "model": 2, "env": {"A": "1", "A": "2"}}'
    assert sorted(codes(lint_text(text, kind="settings", select=spec))) == expected


def test_most_specific_spec_wins() -> None:
    sel = Selection.build(select=["CT1"], ignore=["CT"])
    assert sel.enabled("CT100", "x")
    sel = Selection.build(select=["CT"], ignore=["CT10"])
    assert not sel.enabled("CT100", "x") and sel.enabled("CT003", "y")
    sel = Selection.build(ignore=["CT1"], select=["invalid-setting-drops-file"])
    assert sel.enabled("CT100", "invalid-setting-drops-file")
    sel = Selection.build(ignore=["CT100"])
    assert not sel.enabled("CT100", "anything")
    assert sel.enabled("CT101", "anything")


def test_per_file_ignores_and_severity() -> None:
    sel = Selection.build(per_file_ignores={"legacy/**": ["CT1"], "*.local.json": ["CT003"]},
                          severity={"CT10": "warning", "CT101": "info"})
    assert sel.file_ignores("legacy/a/.claude/settings.json") == ("CT1",)
    assert sel.file_ignores("x/.claude/settings.local.json") == ("CT003",)
    assert sel.file_ignores("x/.claude/settings.json") == ()
    assert sel.severity_of("CT100", "n", "error") == "warning"
    assert sel.severity_of("CT101", "n", "error") == "info"
    assert sel.severity_of("CT003", "n", "error") == "error"


def test_bad_specs_are_user_errors() -> None:
    with pytest.raises(UserError):
        Selection.build(select=["E501"])
    with pytest.raises(UserError):
        Selection.build(severity={"CT100": "fatal"})


def test_fix_text_safe_leaves_unsafe_fixes_alone() -> None:
    assert fix_text(DUP, kind="settings") == DUP


def test_fix_text_unsafe_keeps_last_duplicate_and_is_idempotent() -> None:
    fixed = fix_text(DUP, kind="settings", unsafe=True)
    assert fixed == '{\n  "model": "claude-sonnet-4-6"\n}\n'
    assert fix_text(fixed, kind="settings", unsafe=True) == fixed
    assert "CT003" not in codes(lint_text(fixed, kind="settings"))


def test_fix_text_of_unparsable_text_is_unchanged() -> None:
    assert fix_text("{,", kind="settings", unsafe=True) == "{,"


def test_linting_one_clean_settings_file_imports_nothing_heavy(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / ".claude" / "settings.json"
    path.parent.mkdir()
    path.write_text('{"model": "claude-sonnet-4-6"}\n')
    # the console script's entry point, as pre-commit runs it (click is not needed for that;
    # pathlib and the urllib.parse and ipaddress it imports cost a quarter of python -c pass)
    probe = ("import sys; from claude_tiers.launch import main\n"
             "try:\n    main(['lint', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
             "heavy = {'jsonschema', 'deepdiff', 'ruamel', 'difflib', 'multiprocessing', 'yaml',\n"
             "         'click', 'claude_tiers.policy', 'dataclasses', 'tempfile', 'pathlib',\n"
             "         'urllib'}\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy or m in heavy))")
    out = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True,
                         text=True, check=True).stdout
    assert out.strip().endswith("[]"), out


def test_last_file_memo_answers_again_only_for_the_same_objects() -> None:
    """The memo of the last file's derived facts: the same key objects get the answer kept,
    an equal but different object (a fix's new document) or another key a new one."""
    from claude_tiers.lint.base import last_file_memo

    calls: list[object] = []

    @last_file_memo(lambda data, extra=None: (data,) if extra is None else (data, extra))
    def derived(data: dict[str, int], extra: object = None) -> int:
        calls.append(data)
        return len(calls)

    first, twin = {"a": 1}, {"a": 1}
    assert derived(first) == derived(first) == 1
    assert derived(twin) == 2  # equal, not the same: asked again
    assert derived(twin, "x") == 3  # a longer key
    assert derived(twin, "x") == 3
    assert derived(first) == 4  # only the last file is kept


def test_project_env_takes_the_linted_file_as_read_and_the_other_from_disk(tmp_path: Path
                                                                           ) -> None:
    """The env of a project is the same whether the file being linted is read again or taken
    from its context; a file Claude Code tolerates but strict parsing does not (a BOM) is
    still left to the strict reading."""
    from claude_tiers.discover import discover
    from claude_tiers.lint import engine

    (tmp_path / ".claude").mkdir()
    settings = tmp_path / ".claude/settings.json"
    settings.write_text('{"env": {"ANTHROPIC_BASE_URL": "http://gw", "A": 1}}')
    (tmp_path / ".claude/settings.local.json").write_text('{"env": {"A": true, "B": "x"}}')
    targets = {os.path.relpath(t.path, tmp_path): t for t in discover([str(tmp_path)])}
    for name in (".claude/settings.json", ".claude/settings.local.json"):
        ctx, _ = engine.context_for(targets[name])
        engine._ENV_CACHE.clear()
        taken = engine.project_env(str(tmp_path), ctx)
        engine._ENV_CACHE.clear()
        assert taken == engine.project_env(str(tmp_path)) == {
            "ANTHROPIC_BASE_URL": "http://gw", "A": "true", "B": "x"}
    settings.write_bytes(b'\xef\xbb\xbf{"env": {"C": "1"}}')
    ctx, _ = engine.context_for(targets[".claude/settings.json"])
    engine._ENV_CACHE.clear()
    assert engine.project_env(str(tmp_path), ctx) == {"A": "true", "B": "x"}
