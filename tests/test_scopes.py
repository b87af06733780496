"""Where Claude Code looks for the user's settings: CLAUDE_CONFIG_DIR as Claude Code 2.1.330 reads it.

Observed (tests/test_explain_output.py::test_claude_config_dir_is_taken_as_written runs explain on
the same facts): no ``~`` expansion, a relative value is relative to the start directory, ``""``
is the start directory itself.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Callable

import pytest

from claude_tiers.scopes import claude_dir_of, settings_file, user_config_dir


@pytest.mark.parametrize(("value", "expected"), [
    ("~/cfg", "start/~/cfg"), ("cfg", "start/cfg"), ("", "start"), ("./a/../b", "start/./a/../b"),
])
def test_a_relative_claude_config_dir_is_relative_to_the_start_directory(
        tmp_path: Path, value: str, expected: str) -> None:
    got = user_config_dir({"CLAUDE_CONFIG_DIR": value}, home=tmp_path / "home", start=tmp_path / "start")
    assert got == tmp_path / expected


def test_an_absolute_claude_config_dir_is_used_as_written(tmp_path: Path) -> None:
    env = {"CLAUDE_CONFIG_DIR": str(tmp_path / "cfg")}
    assert user_config_dir(env, home=tmp_path / "home", start=tmp_path / "start") == tmp_path / "cfg"


def test_without_claude_config_dir_it_is_dot_claude_in_home(tmp_path: Path) -> None:
    assert user_config_dir({}, home=tmp_path) == tmp_path / ".claude"
    assert user_config_dir({"HOME": str(tmp_path)}) == tmp_path / ".claude"


def test_the_start_directory_defaults_to_the_working_directory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CLAUDE_CONFIG_DIR", "")
    assert user_config_dir() == tmp_path
    monkeypatch.setenv("CLAUDE_CONFIG_DIR", "~/x")
    assert user_config_dir() == tmp_path / "~" / "x"
    assert settings_file(tmp_path / "p", "user") == tmp_path / "~" / "x" / "settings.json"
    assert claude_dir_of(tmp_path / "~" / "x" / "settings.json") == tmp_path / "~" / "x"


def test_a_removed_working_directory_is_no_traceback(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    os.rmdir(gone)
    assert user_config_dir({"CLAUDE_CONFIG_DIR": "cfg"}) == Path("cfg")


def test_apply_user_scope_writes_where_claude_code_reads(tmp_path: Path,
                                                          run_cli: Callable[..., Any],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """``apply --scope user`` with ``CLAUDE_CONFIG_DIR=~/cfg`` writes ``./~/cfg/settings.json``,
    the file Claude Code started here reads, not ``$HOME/cfg``."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.chdir(tmp_path)
    result = run_cli(["claude-tiers", "apply", "opus-hard", str(tmp_path), "--scope", "user"],
                     env={"CLAUDE_CONFIG_DIR": "~/cfg", "HOME": str(home)})
    assert result.exit_code == 0, result.stderr
    assert json.loads((tmp_path / "~" / "cfg" / "settings.json").read_text()) == {"model": "claude-opus-4-7"}
    assert not (home / "cfg").exists()


def test_lint_knows_the_user_file_claude_code_reads(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from claude_tiers import discover

    monkeypatch.chdir(tmp_path)
    (tmp_path / "~" / "cfg").mkdir(parents=True)
    monkeypatch.setenv("CLAUDE_CONFIG_DIR", "~/cfg")
    assert discover.infer_kind("~/cfg/settings.json") == "user-settings"
    monkeypatch.setenv("CLAUDE_CONFIG_DIR", "")
    assert discover.infer_kind("settings.json") == "user-settings"
