"""`claude-tiers init`: a starter claude-tiers.yaml that lists what the repository uses now."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from claude_tiers import config
from claude_tiers.commands.init import LISTED, render_starter, survey
from claude_tiers.policy import Policy
from tests.policytree import make_tree


def test_init_writes_a_valid_commented_policy(tmp_path: Path, run_cli: Any,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    make_tree(tmp_path, 8, seed=2, invalid=1)
    (tmp_path / "claude-tiers.yaml").unlink()
    (tmp_path / ".git").mkdir()
    (tmp_path / "apps").mkdir(exist_ok=True)
    monkeypatch.chdir(tmp_path / "apps")  # found from below: written at the repository root
    result = run_cli(["claude-tiers", "init"])
    assert result.exit_code == 0, result.stderr
    assert "8 projects found" in result.stdout
    text = (tmp_path / "claude-tiers.yaml").read_text()
    assert "# Found 8 projects" in text and "(invalid)" in text
    assert "# Every project found, with its model now:" in text
    assert "#   services/p0004" in text
    conf = config.load(tmp_path)
    policy = Policy.from_config(conf)
    assert policy.resolve("anything").preset == "sonnet-default"


def test_init_never_overwrites_without_force(tmp_path: Path, run_cli: Any) -> None:
    target = tmp_path / "claude-tiers.yaml"
    target.write_text("default: opus-hard\n")
    result = run_cli(["claude-tiers", "init", str(tmp_path)])
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert target.read_text() == "default: opus-hard\n"
    result = run_cli(["claude-tiers", "init", str(tmp_path), "--force"])
    assert result.exit_code == 0 and "default: sonnet-default" in target.read_text()


def test_starter_for_an_empty_repository_and_a_long_list(tmp_path: Path) -> None:
    assert survey(tmp_path) == []
    empty = render_starter([])
    assert "# Found 0 projects" in empty and "services/auth" in empty  # an example rule
    config.parse(config._read_yaml(_write(tmp_path / "a.yaml", empty))[0], tmp_path / "a.yaml")
    from claude_tiers.commands.init import ProjectSurvey

    many = [ProjectSurvey(f"p{i:03d}", "opus", ()) for i in range(LISTED + 5)]
    text = render_starter(many)
    assert f"... and 5 more" in text
    assert "#   - match: p000    # now: opus" in text  # projects above tier 1 are suggested


def _write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def test_init_refuses_to_shadow_a_pyproject_policy(tmp_path: Path, run_cli: Any) -> None:
    (tmp_path / ".git").mkdir()
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\nname = "x"\n\n[tool.claude-tiers]\ndefault = "opus-hard"\n')
    result = run_cli(["claude-tiers", "init", str(tmp_path)])
    assert result.exit_code == 2
    assert "already holds a tier policy in [tool.claude-tiers]" in result.stderr
    assert not (tmp_path / "claude-tiers.yaml").exists()
    result = run_cli(["claude-tiers", "init", str(tmp_path), "--force"])
    assert result.exit_code == 0 and "is the configuration now" in result.stderr
    pyproject.write_text('[tool.claude-tiers.lint]\nignore = ["CT005"]\n')
    (tmp_path / "claude-tiers.yaml").unlink()
    result = run_cli(["claude-tiers", "init", str(tmp_path)])
    assert result.exit_code == 2 and "lint settings" in result.stderr


def test_heavy_projects_are_one_commented_projects_list(tmp_path: Path) -> None:
    from claude_tiers.commands.init import ProjectSurvey

    text = render_starter([ProjectSurvey("a", "opusplan", ()), ProjectSurvey("b", "claude-opus-4-7", ()),
                           ProjectSurvey("c", "claude-opus-4-6", ()),
                           ProjectSurvey("d", "claude-sonnet-4-6", ())])
    assert "projects: []" not in text and text.count("# projects:") == 1
    assert "#   - match: a    # now: opusplan\n#     preset: opusplan" in text
    assert "#   - match: b    # now: claude-opus-4-7\n#     preset: opus-hard" in text
    assert "#   - match: c    # now: claude-opus-4-6\n#     preset: opus-production" in text
    assert "match: d" not in text
    # uncommenting the list gives a valid policy that keeps those projects where they are
    out, inside = [], False
    for line in text.splitlines():
        inside = line == "# projects:" or (inside and line.startswith("#  "))
        out.append(line[2:] if inside else line)
    uncommented = "\n".join(out) + "\n"
    path = _write(tmp_path / "claude-tiers.yaml", uncommented)
    (tmp_path / ".git").mkdir()
    conf = config.load(tmp_path)
    assert [p.preset for p in conf.projects] == ["opusplan", "opus-hard", "opus-production"]
    Policy.from_config(conf)
    assert path.exists()
