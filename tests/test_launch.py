"""The click-free fast path of ``claude-tiers lint`` never disagrees with click.

:func:`claude_tiers.launch.fast_lint_params` reads the plain argument lists pre-commit passes
without importing click. It may decline any list (click then parses it), but whatever it
accepts, click must parse to exactly the same parameters.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claude_tiers import launch
from claude_tiers.cli import cli
from claude_tiers.cli import main as cli_main


def click_params(args: list[str]) -> dict[str, Any] | None:
    """What click's lint command parses ``args`` (after ``lint``) to; None when it refuses."""
    command = cli.get_command(click.Context(cli), "lint")
    assert command is not None
    try:
        with command.make_context("lint", list(args)) as ctx:
            return dict(ctx.params)
    except (click.exceptions.Exit, click.ClickException):
        return None


_OPTIONS = ["--fix", "--unsafe-fixes", "--diff", "--strict", "--exit-zero", "--no-config",
            "--format", "--select", "--ignore", "--extend-select", "--extend-ignore", "--config",
            "--jobs", "-j", "--help", "-h", "--", "-", "--fix=1", "--formats", "--debug"]
_VALUES = ["text", "json", "sarif", "github", "JSON", "", "CT1,CT2", "CT101", "2", "-x", "--fix",
           "a b", "=", "é.json"]
_PATHS = [".claude/settings.json", "x.json", "dir", "", "-", "--", "-x", "a=b", "--fix", " ",
          "caf\udce9.json"]
_TOKEN = st.one_of(st.sampled_from(_OPTIONS), st.sampled_from(_VALUES), st.sampled_from(_PATHS),
                   st.builds(lambda o, v: f"{o}={v}",
                             st.sampled_from(["--format", "--select", "--ignore", "--fix",
                                              "--extend-select", "--config"]),
                             st.sampled_from(_VALUES)),
                   # argv has no NUL, and no surrogates but \udc80-\udcff (undecodable bytes)
                   st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)),
                           max_size=6))


@settings(max_examples=600, deadline=None)
@given(st.lists(_TOKEN, max_size=8))
def test_whatever_the_fast_path_accepts_click_parses_the_same(args: list[str]) -> None:
    fast = launch.fast_lint_params(["lint", *args])
    if fast is not None:
        assert click_params(args) == fast


@pytest.mark.parametrize("args", [
    [], ["a.json"], [".claude/settings.json", "b/.claude/agents/x.md"], ["--fix", "a.json"],
    ["--unsafe-fixes", "--fix", "a"], ["a", "--strict"], ["--format", "github", "a"],
    ["--format=json", "a"], ["--select", "CT1,CT2", "--ignore=CT205", "a"], ["--exit-zero", "a"],
    ["--no-config", "--diff", "a", "b"], ["--extend-select", "CT7", "--extend-ignore", "CT706"],
    ["--", "-weird-name.json"],
])
def test_the_shapes_pre_commit_uses_take_the_fast_path(args: list[str]) -> None:
    fast = launch.fast_lint_params(["lint", *args])
    assert fast is not None
    assert fast == click_params(args)


@pytest.mark.parametrize("argv", [
    [], ["--version"], ["--debug", "lint"], ["apply", "sonnet-default"], ["lint", "--help"],
    ["lint", "--config", "c.yaml"], ["lint", "-j", "2"], ["lint", "--format", "xml"],
    ["lint", "-"], ["lint", "--select"], ["lint", "--fixx"],
])
def test_everything_else_goes_to_click(argv: list[str]) -> None:
    assert launch.fast_lint_params(argv) is None


def _project(tmp_path: Path) -> Path:
    settings_file = tmp_path / ".claude" / "settings.json"
    settings_file.parent.mkdir()
    settings_file.write_text(json.dumps({"model": "sonnet-4-6", "defaultModel": "x",
                                         "permissions": {"allow": ["Bash(*)"]}}))
    return settings_file


@pytest.mark.parametrize("extra", [[], ["--format", "json"], ["--strict"], ["--select", "CT2"],
                                   ["--diff", "--unsafe-fixes"]])
def test_both_paths_print_the_same(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                   extra: list[str]) -> None:
    settings_file = _project(tmp_path)
    argv = ["lint", *extra, str(settings_file)]
    assert launch.fast_lint_params(argv) is not None
    fast_code = launch.main(argv)
    fast_out = capsys.readouterr()
    click_code = cli_main(argv)
    click_out = capsys.readouterr()
    assert (fast_code, fast_out.out, fast_out.err) == (click_code, click_out.out, click_out.err)
    assert fast_code == 1 and fast_out.out


def test_errors_on_the_fast_path_are_messages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A usage error found after parsing (an unknown rule) is exit 2 with a message, as via click."""
    settings_file = _project(tmp_path)
    argv = ["lint", "--select", "CT999", str(settings_file)]
    fast_code = launch.main(argv)
    fast_err = capsys.readouterr().err
    assert fast_code == cli_main(argv) == 2
    assert fast_err == capsys.readouterr().err
    assert fast_err.startswith("claude-tiers: error:") and "Traceback" not in fast_err


def test_console_script_lints_without_importing_click(tmp_path: Path) -> None:
    settings_file = _project(tmp_path)
    probe = ("import sys\nfrom claude_tiers.launch import main\ncode = main(sys.argv[1:])\n"
             "print('click' in sys.modules, code)")
    out = subprocess.run([sys.executable, "-c", probe, "lint", str(settings_file)],
                         capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "False 1"
    out = subprocess.run([sys.executable, "-m", "claude_tiers", "--version"],
                         capture_output=True, text=True, check=True).stdout
    assert out.startswith("claude-tiers, version")
