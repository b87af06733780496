"""claude-tiers.yaml / [tool.claude-tiers]: finding, validating, typed data, errors with positions."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# ----------------------------------------------------------------------------- hostile files


@pytest.mark.parametrize("text,what", [
    ("x: &x {a: *x}\ndefault: sonnet-default\n", "recursive anchor"),
    ("x: &x [1, *x]\n", "recursive anchor"),
    ("a: " + "[" * 3000 + "]" * 3000 + "\n", "nested too deeply"),
    ("a: " + "[" * 80 + "]" * 80 + "\n", "nested more than"),
    ("a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\nb: &b [" + ", ".join(["*a"] * 10) + "]\n"
     "c: &c [" + ", ".join(["*b"] * 10) + "]\nd: &d [" + ", ".join(["*c"] * 10) + "]\n"
     "e: [" + ", ".join(["*d"] * 10) + "]\n", "too many values"),
    ("projects: 5\n", "expected an array"),
    ("default: 3\n", "expected a string"),
    ("projects:\n  - {match: a, preset: opus-hard, tier: 2}\n", "a preset or a tier"),
    ("limits: {max-tier: 2, frobnicate: true}\n", 'unexpected property "frobnicate"'),
    ("default: [\n", "invalid YAML"),
    ("\tdefault: x\n", "invalid YAML"),
])
def test_bad_yaml_is_a_config_error_never_an_internal_one(tmp_path: Path, text: str,
                                                          what: str) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path, "claude-tiers.yaml", text)
    with pytest.raises(ConfigError) as info:
        config.load(tmp_path)
    assert what in str(info.value), str(info.value)
    assert info.value.exit_code == ExitCode.USAGE


def test_huge_and_special_files_are_refused(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    path = write(tmp_path, "claude-tiers.yaml", "# padding\n" * 200_000)
    with pytest.raises(ConfigError, match="too large"):
        config.load(tmp_path)
    path.unlink()
    os.mkfifo(path)
    with pytest.raises(ConfigError, match="not a regular file"):
        config.load(tmp_path, path=path)


@pytest.mark.skipif(sys.version_info < (3, 11), reason="tomllib needs Python 3.11")
def test_bad_toml_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path, "pyproject.toml", "[tool.claude-tiers]\ndefault = \n")
    with pytest.raises(ConfigError, match="invalid TOML"):
        config.load(tmp_path)
    write(tmp_path, "pyproject.toml", "[tool.claude-tiers]\na = " + "[" * 5000 + "]" * 5000)
    with pytest.raises(ConfigError):
        config.load(tmp_path)


# ----------------------------------------------------------------------------- nested files


@pytest.mark.skipif(sys.version_info < (3, 11), reason="tomllib needs Python 3.11")
def test_a_nested_lint_only_file_does_not_hide_the_repository_policy(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    root_file = write(tmp_path, "claude-tiers.yaml",
                      "lint: {ignore: [CT005]}\ndefault: sonnet-default\n"
                      "projects:\n  - match: svc/*\n    preset: opus-production\n")
    nested = tmp_path / "svc" / "c"
    nested.mkdir(parents=True)
    write(nested, "pyproject.toml", '[tool.claude-tiers.lint]\nignore = ["CT110"]\n')
    conf = config.load(nested)
    assert conf.path == nested / "pyproject.toml" and conf.lint.ignore == ("CT110",)
    assert conf.has_policy and conf.policy_file == root_file
    assert conf.policy_root == tmp_path.resolve() and conf.default == "sonnet-default"
    assert config.find_policy_config(nested) == root_file
    # a nested file with policy sections of its own is the policy there
    write(nested, "claude-tiers.yaml", "default: opus-hard\n")
    conf = config.load(nested)
    assert conf.default == "opus-hard" and conf.policy_file == nested / "claude-tiers.yaml"


def test_positions_of_policy_rules_are_recorded(tmp_path: Path) -> None:
    write(tmp_path, "claude-tiers.yaml", FULL)
    conf = config.load(tmp_path)
    assert conf.positions["default"] == (13, 1)
    assert conf.positions["projects[1]"] == (21, 5)
    assert conf.positions["projects[0].agents[0]"] == (19, 9)
    assert conf.positions["projects[0].limits"] == (20, 5)


_YAML_BITS = st.sampled_from([
    "default: sonnet-default\n", "projects:\n", "  - match: a\n", "    preset: opus-hard\n",
    "    tier: 2\n", "tiers: {1: x}\n", "limits: {max-tier: 9}\n", "&a ", "*a", "[", "]", "{",
    "}", ": ", "- ", "? ", "!!binary ", "!!python/object ", "\t", "\x00", "'", '"', "%YAML 1.1\n",
    "---\n", "...\n", "agents: [{match: '[', tier: 1}]\n", "1: 2\n", "null: ~\n", "x: 1e999\n",
    "x: 2001-01-01\n", "<<: *a\n", "\ufeff",
])


@given(st.lists(_YAML_BITS, max_size=12))
@settings(max_examples=300, deadline=None)
def test_any_text_is_a_policy_or_a_config_error(parts: list[str]) -> None:
    import tempfile

    from claude_tiers.errors import TiersError
    from claude_tiers.policy import Policy

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / ".git").mkdir()
        write(root, "claude-tiers.yaml", "".join(parts))
        try:
            conf = config.load(root)
            if conf.has_policy:
                Policy.from_config(conf)
        except TiersError as exc:
            assert exc.exit_code == ExitCode.USAGE
