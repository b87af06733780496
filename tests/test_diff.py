"""``changes.compute`` and ``claude-tiers diff``: semantic differences, tiers-and-money summary, properties."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claude_tiers.changes import Change, compute, format_path, invert
from claude_tiers.cli import cli

PRESETS = ["sonnet-default", "opus-production", "opus-hard", "opusplan", "tiered-agents"]

leaf = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.floats(allow_nan=False, allow_infinity=False, width=16),
                 st.sampled_from(["opus", "sonnet", "claude-sonnet-4-6", "Bash(ls *)", "Read", "", "x.y"]))
json_value = st.recursive(leaf, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.lists(st.lists(inner, max_size=3), max_size=2), st.dictionaries(st.sampled_from(["a", "b", "allow", "deny", "x.y", "env", "fallbackModel"]),
                                                 inner, max_size=4)), max_leaves=12)
settings_data = st.dictionaries(st.sampled_from(["model", "permissions", "env", "fallbackModel", "hooks", "a.b", "x"]),
                                json_value, max_size=6)


def _key(c: Change) -> str:
    return json.dumps([c.path, c.kind, c.old, c.new, c.entry], sort_keys=True)


@settings(max_examples=300, deadline=None)
@given(settings_data)
def test_diff_of_a_value_with_itself_is_empty(a: dict[str, Any]) -> None:
    assert compute(a, a) == []
    assert compute(a, json.loads(json.dumps(a, indent=3, sort_keys=True))) == []


@settings(max_examples=300, deadline=None)
@given(settings_data, settings_data)
def test_diff_b_a_is_the_inverse_of_diff_a_b(a: dict[str, Any], b: dict[str, Any]) -> None:
    forward, backward = compute(a, b), compute(b, a)
    assert sorted(map(_key, invert(forward))) == sorted(map(_key, backward))
    assert (forward == []) == (_norm(a) == _norm(b))


def _norm(value: Any, key: str | None = None) -> str:
    """Canonical text where list order and repeats do not count (except ordered keys)."""
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(k)}:{_norm(v, k)}" for k, v in sorted(value.items())) + "}"
    if isinstance(value, list):
        items = [_norm(v) for v in value]
        return "[" + ",".join(items if key == "fallbackModel" else sorted(set(items))) + "]"
    return json.dumps(value)


CASES = [
    ("scalar-changed", {"model": "opus"}, {"model": "sonnet"}, [("model", "changed", "opus", "sonnet", False)]),
    ("key-added", {}, {"model": "x"}, [("model", "added", None, "x", False)]),
    ("key-removed", {"env": {"A": "1"}}, {"env": {}}, [("env.A", "removed", "1", None, False)]),
    ("list-entries", {"permissions": {"allow": ["A", "B"]}}, {"permissions": {"allow": ["B", "C", "D"]}},
     [("permissions.allow", "removed", "A", None, True), ("permissions.allow", "added", None, "C", True),
      ("permissions.allow", "added", None, "D", True)]),
    ("list-reordered-is-no-change", {"permissions": {"allow": ["A", "B"]}}, {"permissions": {"allow": ["B", "A"]}}, []),
    ("fallback-model-is-ordered", {"fallbackModel": ["a", "b"]}, {"fallbackModel": ["b", "a"]},
     [("fallbackModel", "changed", ["a", "b"], ["b", "a"], False)]),
    ("types-are-strict", {"a": 1, "b": True}, {"a": 1.0, "b": 1},
     [("a", "changed", 1, 1.0, False), ("b", "changed", True, 1, False)]),
    ("dict-entry-in-list", {"hooks": {"Stop": [{"hooks": [{"command": "a"}]}]}},
     {"hooks": {"Stop": [{"hooks": [{"command": "b"}]}]}},
     [("hooks.Stop", "removed", {"hooks": [{"command": "a"}]}, None, True),
      ("hooks.Stop", "added", None, {"hooks": [{"command": "b"}]}, True)]),
    ("list-to-object", {"x": [1]}, {"x": {"a": 1}}, [("x", "changed", [1], {"a": 1}, False)]),
    ("nested-list-order-ignored", {"h": [{"hooks": ["a", "b"]}]}, {"h": [{"hooks": ["b", "a"]}]}, []),
]


@pytest.mark.parametrize("a, b, expected", [pytest.param(a, b, e, id=i) for i, a, b, e in CASES])
def test_compute(a: Any, b: Any, expected: list[tuple[Any, ...]]) -> None:
    assert [(c.path, c.kind, c.old, c.new, c.entry) for c in compute(a, b)] == expected


def test_format_path() -> None:
    assert format_path(("permissions", "allow")) == "permissions.allow"
    assert format_path(("hooks", "a.b")) == 'hooks["a.b"]'
    assert format_path(()) == "(root)"


# ----------------------------------------------------------------------------------------- CLI


def write(root: Path, files: dict[str, Any]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content if isinstance(content, str) else json.dumps(content, indent=2), encoding="utf-8")


def cli_run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


TOKEN = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"


def test_files_summary_in_tiers_and_money(tmp_path: Path) -> None:
    write(tmp_path, {"a.json": {"model": "claude-opus-4-7", "permissions": {"allow": ["Read", "Bash(ls *)"]},
                                "env": {"GITHUB_TOKEN": TOKEN}},
                     "b.json": {"permissions": {"allow": ["Read", "Edit", "Bash(npm test)"]}, "model": "claude-sonnet-4-6",
                                "env": {"GITHUB_TOKEN": TOKEN + "x"}}})
    code, out, _ = cli_run("diff", str(tmp_path / "a.json"), str(tmp_path / "b.json"))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "model: claude-opus-4-7 (tier 3, $5/$25 per MTok) -> claude-sonnet-4-6 (tier 1, $3/$15)"
    assert lines[1] == "permissions.allow: +2 -1"
    assert TOKEN not in out and "****" in out


def test_alias_label_shows_what_it_resolves_to(tmp_path: Path) -> None:
    write(tmp_path, {"a.json": {"model": "opus"}, "b.json": {"model": "claude-opus-4-6"}})
    _, out, _ = cli_run("diff", str(tmp_path / "a.json"), str(tmp_path / "b.json"))
    assert out.splitlines()[0] == "model: opus (claude-opus-5-5, $4/$20 per MTok) -> claude-opus-4-6 (tier 2, $5/$25)"


def test_no_semantic_change_and_exit_code(tmp_path: Path) -> None:
    write(tmp_path, {"a.json": '{"model": "x", "env": {"A": "1", "B": "2"}}',
                     "b.json": '{\n    "env": {"B": "2", "A": "1"},\n    "model": "x"\n}\n'})
    code, out, _ = cli_run("diff", str(tmp_path / "a.json"), str(tmp_path / "b.json"), "--exit-code")
    assert (code, out) == (0, "no semantic change\n")
    write(tmp_path, {"b.json": {"model": "y"}})
    code, _, _ = cli_run("diff", str(tmp_path / "a.json"), str(tmp_path / "b.json"), "--exit-code")
    assert code == 1
    code, _, _ = cli_run("diff", str(tmp_path / "a.json"), str(tmp_path / "b.json"))
    assert code == 0


def test_json_format(tmp_path: Path) -> None:
    write(tmp_path, {"a.json": {"env": {"ANTHROPIC_API_KEY": "sk-ant-secretsecretsecret"}}, "b.json": {}})
    code, out, _ = cli_run("diff", str(tmp_path / "a.json"), str(tmp_path / "b.json"), "--format", "json")
    doc = json.loads(out)
    assert code == 0 and doc["identical"] is False and doc["mode"] == "files"
    assert doc["changes"] == [{"path": "env", "kind": "removed", "old": {"ANTHROPIC_API_KEY": "****"}, "new": None,
                               "entry": False}]
    assert "secretsecret" not in out


def test_unified_format(tmp_path: Path) -> None:
    write(tmp_path, {"a.json": '{"model": "opus"}\n', "b.json": '{"model": "sonnet"}\n'})
    code, out, _ = cli_run("diff", str(tmp_path / "a.json"), str(tmp_path / "b.json"), "--format", "unified")
    assert code == 0 and '-{"model": "opus"}' in out and '+{"model": "sonnet"}' in out


def test_directories(tmp_path: Path) -> None:
    agent = "---\nname: security-reviewer\ndescription: d\nmodel: {}\n---\nx\n"
    write(tmp_path, {"a/.claude/settings.json": {"model": "claude-opus-4-7"},
                     "a/.claude/agents/sec.md": agent.format("opus"),
                     "b/.claude/settings.json": {"model": "claude-sonnet-4-6"},
                     "b/.claude/agents/sec.md": agent.format("sonnet")})
    code, out, _ = cli_run("diff", str(tmp_path / "a"), str(tmp_path / "b"), "--no-env", "--home", str(tmp_path))
    lines = out.splitlines()
    assert code == 0
    assert lines[0] == "model: claude-opus-4-7 (tier 3, $5/$25 per MTok) -> claude-sonnet-4-6 (tier 1, $3/$15)"
    assert lines[1] == "agent security-reviewer: opus -> sonnet (claude-opus-4-7 -> claude-sonnet-4-6)"
    code, out, _ = cli_run("diff", str(tmp_path / "a"), str(tmp_path / "a"), "--no-env", "--exit-code")
    assert (code, out) == (0, "no semantic change\n")
    code, out, _ = cli_run("diff", str(tmp_path / "a"), str(tmp_path / "b"), "--format", "unified", "--no-env")
    assert "-model: opus" in out and "+model: sonnet" in out


def test_directories_compare_the_effective_model(tmp_path: Path) -> None:
    # same resolved model through different files: the model line does not change
    write(tmp_path, {"a/.claude/settings.json": {"model": "sonnet"},
                     "b/.claude/settings.local.json": {"env": {"ANTHROPIC_MODEL": "sonnet"}}})
    _, out, _ = cli_run("diff", str(tmp_path / "a"), str(tmp_path / "b"), "--no-env", "--home", str(tmp_path),
                        "--format", "json")
    paths = {c["path"] for c in json.loads(out)["changes"]}
    assert "model" not in paths and "settings.model" in paths


def test_usage_errors(tmp_path: Path) -> None:
    write(tmp_path, {"a.json": {}, "d/x": ""})
    assert cli_run("diff", str(tmp_path / "a.json"), str(tmp_path / "d"))[0] == 2
    assert cli_run("diff", str(tmp_path / "a.json"))[0] == 2
    assert cli_run("diff", str(tmp_path / "a.json"), str(tmp_path / "nope.json"))[0] == 2
    assert cli_run("diff", str(tmp_path / "d"), str(tmp_path / "d"), "--preset", "sonnet-default")[0] == 2
    write(tmp_path, {"bad.json": "{,}"})
    code, _, err = cli_run("diff", str(tmp_path / "a.json"), str(tmp_path / "bad.json"))
    assert code == 1 and "bad.json" in err


def test_preset_summary(tmp_path: Path) -> None:
    write(tmp_path, {"p/.claude/settings.json": {"model": "claude-opus-4-7", "defaultModel": "x"},
                     "p/.claude/agents/sec.md": "---\nname: security-reviewer\ndescription: d\nmodel: opus\n---\nx\n",
                     "p/.claude/agents/tests.md": "---\nname: test-runner\ndescription: d\nmodel: opus\n---\nx\n"})
    code, out, _ = cli_run("diff", str(tmp_path / "p"), "--preset", "tiered-agents", "--exit-code")
    lines = out.splitlines()
    assert code == 1
    assert lines[0] == "model: claude-opus-4-7 (tier 3, $5/$25 per MTok) -> claude-sonnet-4-6 (tier 1, $3/$15)"
    assert "agent security-reviewer: opus -> claude-opus-4-7" in lines
    assert "agent test-runner: opus -> claude-sonnet-4-6" in lines
    assert any(line.startswith("defaultModel: removed") for line in lines)
    code, out, _ = cli_run("diff", str(tmp_path / "p"), "--preset", "tiered-agents", "--format", "unified")
    assert "-  \"model\": \"claude-opus-4-7\"" in out and "+model: claude-sonnet-4-6" in out


def _project(data: dict[str, Any] | None, agents: dict[str, str | None]) -> dict[str, Any]:
    files: dict[str, Any] = {}
    if data is not None:
        files["p/.claude/settings.json"] = data
    for name, model in agents.items():
        files[f"p/.claude/agents/{name}.md"] = (f"---\nname: {name}\ndescription: d\n"
                                                + (f"model: {model}\n" if model else "") + "---\nbody\n")
    return files


models = st.sampled_from(["claude-sonnet-4-6", "claude-opus-4-6", "claude-opus-4-7", "opus", "sonnet", "opusplan"])
project_settings = st.one_of(st.none(), st.fixed_dictionaries({}, optional={
    "model": models, "defaultModel": st.just("sonnet-4-6"), "permissions": st.just({"allow": ["Read"]}),
    "env": st.just({"ANTHROPIC_MODEL": "opus"}), "advisorModel": models}))
agent_sets = st.dictionaries(st.sampled_from(["security-reviewer", "test-runner", "doc-writer", "helper"]),
                             st.one_of(st.none(), models, st.just("inherit")), max_size=3)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(project_settings, agent_sets, st.sampled_from(PRESETS), st.booleans())
def test_preset_diff_is_empty_exactly_when_apply_check_passes(data: dict[str, Any] | None, agents: dict[str, str | None],
                                                               preset: str, pre_apply: bool) -> None:
    with tempfile.TemporaryDirectory() as d:
        root = Path(d)
        write(root, _project(data, agents))
        (root / "p").mkdir(exist_ok=True)
        if pre_apply:
            assert cli_run("apply", preset, str(root / "p"))[0] == 0
        check = cli_run("apply", preset, str(root / "p"), "--check")[0]
        code, out, err = cli_run("diff", str(root / "p"), "--preset", preset, "--exit-code")
        assert check in (0, 1) and code in (0, 1), err
        assert (code == 0) == (check == 0), out
        assert (out == "no semantic change\n") == (check == 0), out
        if pre_apply:
            assert code == 0
