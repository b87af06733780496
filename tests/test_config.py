"""claude-tiers.yaml / [tool.claude-tiers]: finding, validating, typed data, errors with positions."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from claude_tiers import config
from claude_tiers.errors import ConfigError, ExitCode

FULL = """\
lint:
  select: [CT]
  ignore: [CT005, settings-in-claude-json]
  per-file-ignores:
    "legacy/**": [CT1]
  severity:
    CT2: warning
  rules:
    malformed-model: {allow: [my-proxy]}
tiers:
  1: claude-sonnet-4-6
  economy: claude-haiku-4-5
default: sonnet-default
projects:
  - match: services/auth
    preset: opus-production
    reason: production-critical
    agents:
      - {match: "security-*", tier: 3, reason: always the best}
    limits: {max-tier: 2}
  - match: research/**
    tier: 3
agents:
  - {match: "*-reviewer", model: claude-opus-4-6}
commands:
  - {match: "deploy", tier: economy}
limits:
  max-tier: 2
  local-may-raise: false
  allow-aliases: false
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_full_file_loads_as_typed_data(tmp_path: Path) -> None:
    write(tmp_path, "claude-tiers.yaml", FULL)
    conf = config.load(tmp_path)
    assert conf.path == tmp_path / "claude-tiers.yaml"
    assert conf.root == tmp_path.resolve()
    assert conf.lint.select == ("CT",)
    assert conf.lint.ignore == ("CT005", "settings-in-claude-json")
    assert conf.lint.per_file_ignores == {"legacy/**": ("CT1",)}
    assert conf.lint.severity == {"CT2": "warning"}
    assert conf.lint.rules == {"malformed-model": {"allow": ["my-proxy"]}}
    assert conf.tiers == {"1": "claude-sonnet-4-6", "economy": "claude-haiku-4-5"}
    assert conf.default == "sonnet-default"
    auth, research = conf.projects
    assert (auth.match, auth.preset, auth.reason) == ("services/auth", "opus-production",
                                                      "production-critical")
    assert auth.agents == (config.ModelRule("security-*", 3, None, "always the best"),)
    assert auth.limits == config.Limits(max_tier=2)
    assert research.tier == 3 and research.limits is None
    assert conf.agents == (config.ModelRule("*-reviewer", None, "claude-opus-4-6", ""),)
    assert conf.commands[0].tier == "economy"
    assert conf.limits == config.Limits(2, False, False)
    assert conf.has_policy


def test_found_by_walking_up_to_the_repository_root(tmp_path: Path) -> None:
    write(tmp_path, "claude-tiers.yaml", "lint: {ignore: [CT005]}\n")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    deep = repo / "a" / "b"
    deep.mkdir(parents=True)
    assert config.find_config(deep) is None  # stops at the repository root
    write(repo, "claude-tiers.yaml", "{}\n")
    assert config.find_config(deep / "settings.json") == repo / "claude-tiers.yaml"
    assert not config.load(deep).has_policy


def test_no_file_gives_defaults(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    conf = config.load(tmp_path)
    assert conf.path is None and conf.lint.select is None and not conf.has_policy


@pytest.mark.skipif(sys.version_info < (3, 11), reason="tomllib needs Python 3.11")
def test_pyproject_table(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n\n[tool.claude-tiers.lint]\n'
          'ignore = ["CT005"]\n\n[tool.claude-tiers.limits]\nmax-tier = 2\n')
    conf = config.load(tmp_path)
    assert conf.lint.ignore == ("CT005",) and conf.limits.max_tier == 2


def test_pyproject_without_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n')
    assert config.find_config(tmp_path) is None


def test_yaml_wins_over_pyproject(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", "[tool.claude-tiers]\n")
    write(tmp_path, "claude-tiers.yaml", "{}\n")
    assert config.find_config(tmp_path) == tmp_path / "claude-tiers.yaml"


@pytest.mark.parametrize("text,where,what", [
    ("lint:\n  select: [CT1, 'E501 x']\n", ":2:17:", "not a rule code"),
    ("lint:\n  severity:\n    CT1: fatal\n", ":3:5:", 'expected one of "error"'),
    ("projects:\n  - preset: x\n", ":2:5:", 'missing required property "match"'),
    ("agents:\n  - {match: a, tier: 1, model: b}\n", ":2:5:", "more than one"),
    ("tiers:\n  Tier One: x\n", ":2:3:", "property name"),
    ("limits: {max-tier: 0}\n", ":1:", "limits"),
    ("unknown: 1\n", ":1:1:", 'unexpected property "unknown"'),
])
def test_errors_name_file_line_column(tmp_path: Path, text: str, where: str, what: str) -> None:
    path = write(tmp_path, "claude-tiers.yaml", text)
    with pytest.raises(ConfigError) as info:
        config.load(tmp_path)
    message = str(info.value)
    assert f"{path}{where}" in message and what in message
    assert info.value.exit_code == ExitCode.USAGE


def test_yaml_syntax_error_is_a_config_error(tmp_path: Path) -> None:
    write(tmp_path, "claude-tiers.yaml", "lint: [\n")
    with pytest.raises(ConfigError, match="claude-tiers.yaml:"):
        config.load(tmp_path)


def test_not_a_mapping(tmp_path: Path) -> None:
    write(tmp_path, "claude-tiers.yaml", "- a\n")
    with pytest.raises(ConfigError, match="mapping"):
        config.load(tmp_path)


def test_explicit_path(tmp_path: Path) -> None:
    path = write(tmp_path, "other.yaml", "lint: {select: [CT0]}\n")
    assert config.load(tmp_path, path=path).lint.select == ("CT0",)
    with pytest.raises(ConfigError, match="not found"):
        config.load(tmp_path, path=tmp_path / "missing.yaml")
