"""``changes.compute`` and ``claude-tiers diff``: semantic differences, tiers-and-money summary, properties."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claude_tiers.changes import Change, compute, format_path, invert
from claude_tiers.commands.diff import compare_directories
from claude_tiers.cli import cli
from tests.golden import assert_golden as _assert_golden

PRESETS = ["sonnet-default", "opus-production", "opus-hard", "opusplan", "tiered-agents"]

leaf = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.floats(allow_nan=False, allow_infinity=False, width=16),
                 st.sampled_from(["opus", "sonnet", "claude-sonnet-4-6", "Bash(ls *)", "Read", "", "x.y"]))
json_value = st.recursive(leaf, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.lists(st.lists(inner, max_size=3), max_size=2), st.dictionaries(st.sampled_from(["a", "b", "allow", "deny", "x.y", "env", "fallbackModel"]),
                                                 inner, max_size=4)), max_leaves=12)
settings_data = st.dictionaries(st.sampled_from(["model", "permissions", "env", "fallbackModel", "hooks", "a.b", "x"]),
                                json_value, max_size=6)


def _key(c: Change) -> str:
    return json.dumps([c.section, c.path, c.kind, c.old, c.new, c.entry], sort_keys=True)


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
    if isinstance(value, float) and value == 0:
        value = 0.0  # -0.0 is 0 to Claude Code (JavaScript) and to the semantic diff
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
    # whole objects that appear or disappear are split into leaves (issue 4 audit, defect 5)
    ("added-object-is-split", {}, {"permissions": {"allow": ["A", "B"], "defaultMode": "plan"}, "env": {"X": "1"}},
     [("env.X", "added", None, "1", False), ("permissions.allow", "added", None, "A", True),
      ("permissions.allow", "added", None, "B", True), ("permissions.defaultMode", "added", None, "plan", False)]),
    ("removed-object-is-split", {"permissions": {"allow": ["A", "A"], "deny": []}}, {},
     [("permissions.allow", "removed", "A", None, True), ("permissions.deny", "removed", [], None, False)]),
    ("added-ordered-list-stays-whole", {}, {"fallbackModel": ["a", "b"]},
     [("fallbackModel", "added", None, ["a", "b"], False)]),
    ("added-empty-object-stays-whole", {}, {"env": {}}, [("env", "added", None, {}, False)]),
]


@pytest.mark.parametrize("a, b, expected", [pytest.param(a, b, e, id=i) for i, a, b, e in CASES])
def test_compute(a: Any, b: Any, expected: list[tuple[Any, ...]]) -> None:
    assert [(c.path, c.kind, c.old, c.new, c.entry) for c in compute(a, b)] == expected


def test_format_path() -> None:
    assert format_path(("permissions", "allow")) == "permissions.allow"
    assert format_path(("hooks", "a.b")) == 'hooks["a.b"]'
    assert format_path(()) == "(root)"


# ----------------------------------------------------------------------------------------- CLI

TOKEN = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"
SK = "sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789"


def write(root: Path, files: dict[str, Any]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content if isinstance(content, str) else json.dumps(content, indent=2), encoding="utf-8")


def cli_run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def isolated(root: Path) -> list[str]:
    """Explain's flags that keep a directory diff off the real /etc/claude-code, $HOME and env."""
    (root / "home").mkdir(parents=True, exist_ok=True)
    (root / "managed").mkdir(parents=True, exist_ok=True)
    return ["--no-env", "--home", str(root / "home"), "--managed-dir", str(root / "managed")]


def agent(name: str, model: str | None) -> str:
    return f"---\nname: {name}\ndescription: d\n" + (f"model: {model}\n" if model else "") + "---\nbody\n"


def assert_golden(name: str, text: str) -> None:
    _assert_golden("diff", name, text)

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


def test_model_label_follows_the_env_remaps_of_each_side(tmp_path: Path) -> None:
    """Audit defect 2: opusplan with ANTHROPIC_DEFAULT_SONNET_MODEL is Sonnet 4.6, not the alias's default."""
    write(tmp_path, {"p/.claude/settings.json": {"model": "claude-opus-4-7"}})
    code, out, _ = cli_run("diff", str(tmp_path / "p"), "--preset", "opusplan")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "model: claude-opus-4-7 (tier 3, $5/$25 per MTok) -> opusplan (claude-sonnet-4-6, tier 1, $3/$15)"
    assert "env.ANTHROPIC_DEFAULT_OPUS_MODEL: (unset) -> claude-opus-4-6 (tier 2, $5/$25)" in lines
    assert "claude-sonnet-5-5" not in out
    # a remap alone changes the model in effect: that is the first line too
    write(tmp_path, {"a.json": {"model": "sonnet"},
                     "b.json": {"model": "sonnet", "env": {"ANTHROPIC_DEFAULT_SONNET_MODEL": "claude-sonnet-4-6"}}})
    _, out, _ = cli_run("diff", str(tmp_path / "a.json"), str(tmp_path / "b.json"))
    assert out.splitlines()[0] == ("model: sonnet (claude-sonnet-5-5, $2/$10 per MTok) -> "
                                   "sonnet (claude-sonnet-4-6, tier 1, $3/$15)")


def test_claude_version_applies_to_files(tmp_path: Path) -> None:
    write(tmp_path, {"a.json": {"model": "claude-opus-4-7"}, "b.json": {"model": "opus"}})
    _, new, _ = cli_run("diff", str(tmp_path / "a.json"), str(tmp_path / "b.json"))
    _, old, _ = cli_run("diff", str(tmp_path / "a.json"), str(tmp_path / "b.json"), "--claude-version", "2.1.112")
    assert new.splitlines()[0].endswith("-> opus (claude-opus-5-5, $4/$20)")
    assert old.splitlines()[0] != new.splitlines()[0]
    assert "claude-opus-5-5" not in old.splitlines()[0]
    code, _, err = cli_run("diff", str(tmp_path / "a.json"), str(tmp_path / "b.json"), "--claude-version", "two")
    assert code == 2 and "not a version" in err


def test_tier_labels_follow_the_policy(tmp_path: Path) -> None:
    write(tmp_path, {".git/HEAD": "", "claude-tiers.yaml": "tiers:\n  1: claude-sonnet-4-5\n",
                     "a.json": {"model": "claude-opus-4-7"}, "b.json": {"model": "claude-sonnet-4-5"}})
    _, out, _ = cli_run("diff", str(tmp_path / "a.json"), str(tmp_path / "b.json"))
    assert out.splitlines()[0].startswith("model: claude-opus-4-7 (tier 3, $5/$25 per MTok) -> claude-sonnet-4-5 (tier 1")
    (tmp_path / "claude-tiers.yaml").unlink()
    _, out, _ = cli_run("diff", str(tmp_path / "a.json"), str(tmp_path / "b.json"))
    assert "tier 1" not in out.splitlines()[0]


def test_no_semantic_change_and_exit_code(tmp_path: Path) -> None:
    write(tmp_path, {"a.json": '{"model": "x", "env": {"A": "1", "B": "2"}}',
                     "b.json": '{\n    "env": {"B": "2", "A": "1"},\n    "model": "x"\n}\n'})
    a, b = str(tmp_path / "a.json"), str(tmp_path / "b.json")
    assert cli_run("diff", a, b, "--exit-code") == (0, "no semantic change\n", "")
    assert cli_run("diff", a, b, "--exit-code", "--format", "json")[0] == 0
    # unified is about bytes: key order alone is a line diff, and --exit-code says so
    code, out, _ = cli_run("diff", a, b, "--exit-code", "--format", "unified")
    assert code == 1 and out.startswith("--- a/")
    assert cli_run("diff", a, a, "--exit-code", "--format", "unified") == (0, "", "")
    write(tmp_path, {"b.json": {"model": "y"}})
    assert cli_run("diff", a, b, "--exit-code")[0] == 1
    assert cli_run("diff", a, b)[0] == 0


def test_line_endings_alone_are_no_semantic_change_but_differ_as_bytes(tmp_path: Path) -> None:
    write(tmp_path, {"lf.json": b'{"model": "opus"}\n', "crlf.json": b'{"model": "opus"}\r\n'})
    a, b = str(tmp_path / "lf.json"), str(tmp_path / "crlf.json")
    assert cli_run("diff", a, b, "--exit-code")[:2] == (0, "no semantic change\n")
    code, out, _ = cli_run("diff", a, b, "--exit-code", "--format", "unified")
    assert code == 1 and "differ only in line endings" in out


def test_errors_exit_2_even_with_exit_code(tmp_path: Path) -> None:
    """Audit defect 6: 'could not be read' is 2, never the 1 of 'differs'."""
    write(tmp_path, {"a.json": {}, "bad.json": "{,}", "d/x": ""})
    a = str(tmp_path / "a.json")
    for args in ((a, str(tmp_path / "bad.json")), (str(tmp_path / "bad.json"), a), (a, str(tmp_path / "nope.json")),
                 (str(tmp_path / "d"), "--preset", "no-such-preset")):
        code, out, err = cli_run("diff", *args, "--exit-code")
        assert code == 2 and out == "" and err.startswith("claude-tiers: error: "), (args, err)
        assert "Traceback" not in err and "internal error" not in err


def test_json_format(tmp_path: Path) -> None:
    write(tmp_path, {"a.json": {"env": {"ANTHROPIC_API_KEY": "sk-ant-secretsecretsecret"}}, "b.json": {}})
    code, out, _ = cli_run("diff", str(tmp_path / "a.json"), str(tmp_path / "b.json"), "--format", "json")
    doc = json.loads(out)
    assert code == 0 and doc["identical"] is False and doc["mode"] == "files"
    assert doc["changes"] == [{"section": "settings", "path": "env.ANTHROPIC_API_KEY", "kind": "removed", "old": "****",
                               "new": None, "entry": False}]
    assert "secretsecret" not in out


def test_whole_objects_are_split_in_the_summary(tmp_path: Path) -> None:
    """Audit defect 5: an added or removed object is one line per variable, a count per list."""
    write(tmp_path, {"a.json": {"permissions": {"allow": ["Read", "Edit"]}},
                     "b.json": {"env": {"A_FLAG": "1", "OTHER": "x"}}})
    _, out, _ = cli_run("diff", str(tmp_path / "a.json"), str(tmp_path / "b.json"))
    summary = out.split("\n\n")[0].splitlines()
    assert summary == ["permissions.allow: -2", 'env.A_FLAG: added "1"', 'env.OTHER: added "x"']


def test_unified_format(tmp_path: Path) -> None:
    write(tmp_path, {"a.json": '{"model": "opus"}\n', "b.json": '{"model": "sonnet"}\n'})
    code, out, _ = cli_run("diff", str(tmp_path / "a.json"), str(tmp_path / "b.json"), "--format", "unified")
    assert code == 0 and '-{"model": "opus"}' in out and '+{"model": "sonnet"}' in out


SECRETS = {
    "env name (DB_PASS)": ({"env": {"DB_PASS": "hunter2hunter2"}}, "hunter2hunter2"),
    "env name (*_KEY)": ({"env": {"OPENAI_KEY": "abcdefabcdef123"}}, "abcdefabcdef123"),
    "anthropic token anywhere": ({"apiKeyHelper": f"echo {SK}"}, SK),
    "github token in a value": ({"env": {"NOTE": TOKEN}}, TOKEN),
    "password in a permission rule": ({"permissions": {"allow": ["Bash(PGPASSWORD=hunter2xyz psql *)"]}}, "hunter2xyz"),
    "password in a hook command": ({"hooks": {"Stop": [{"hooks": [{"type": "command",
                                                                   "command": "mysql -uroot -pS3cretPw db"}]}]}},
                                   "S3cretPw"),
    "credentials in a URL": ({"env": {"PROXY": "https://bob:pa55word99@proxy.example"}}, "pa55word99"),
}


@pytest.mark.parametrize("fmt", ["text", "json", "unified"])
@pytest.mark.parametrize("case", sorted(SECRETS))
def test_secrets_never_printed(tmp_path: Path, case: str, fmt: str) -> None:
    """Audit defect 3: every value, in every format and in both directions, goes through redact."""
    data, secret = SECRETS[case]
    write(tmp_path, {"a.json": {"model": "sonnet"}, "b.json": dict(data, model="opus")})
    for a, b in (("a.json", "b.json"), ("b.json", "a.json")):
        code, out, err = cli_run("diff", str(tmp_path / a), str(tmp_path / b), "--format", fmt)
        assert code == 0, err
        assert secret not in out and secret not in err, out
        assert "****" in out
    if fmt != "unified":  # the same secret changed in place: both values masked
        changed = json.loads(json.dumps(data).replace(secret, secret + "Q7"))
        write(tmp_path, {"c.json": changed})
        _, out, _ = cli_run("diff", str(tmp_path / "b.json"), str(tmp_path / "c.json"), "--format", fmt)
        assert secret not in out and "Q7" not in out, out


def test_secret_names_do_not_mask_the_words_around_them(tmp_path: Path) -> None:
    write(tmp_path, {"a.json": {"env": {"DB_PASS": "hunter2hunter2"}}, "b.json": {}})
    _, out, _ = cli_run("diff", str(tmp_path / "a.json"), str(tmp_path / "b.json"))
    assert out.splitlines()[0] == "env.DB_PASS: removed (was ****)"


def test_secrets_in_a_file_that_does_not_parse_are_masked_in_the_line_diff(tmp_path: Path) -> None:
    write(tmp_path, {"a/.claude/settings.json": '{"env": {"DB_PASS": "hunter2hunter2",},}',
                     "b/.claude/settings.json": {}})
    code, out, _ = cli_run("diff", str(tmp_path / "a"), str(tmp_path / "b"), "--format", "unified", *isolated(tmp_path))
    assert code == 0 and "DB_PASS" in out and "hunter2hunter2" not in out


def test_directories(tmp_path: Path) -> None:
    write(tmp_path, {"a/.claude/settings.json": {"model": "claude-opus-4-7"},
                     "a/.claude/agents/sec.md": agent("security-reviewer", "opus"),
                     "b/.claude/settings.json": {"model": "claude-sonnet-4-6"},
                     "b/.claude/agents/sec.md": agent("security-reviewer", "sonnet")})
    flags = isolated(tmp_path)
    code, out, _ = cli_run("diff", str(tmp_path / "a"), str(tmp_path / "b"), *flags)
    lines = out.splitlines()
    assert code == 0
    assert lines[0] == "model: claude-opus-4-7 (tier 3, $5/$25 per MTok) -> claude-sonnet-4-6 (tier 1, $3/$15)"
    assert lines[1] == "agent security-reviewer: opus -> sonnet (claude-opus-4-7 -> claude-sonnet-4-6)"
    assert "settings." not in out
    code, out, _ = cli_run("diff", str(tmp_path / "a"), str(tmp_path / "a"), *flags, "--exit-code")
    assert (code, out) == (0, "no semantic change\n")
    code, out, _ = cli_run("diff", str(tmp_path / "a"), str(tmp_path / "b"), "--format", "unified", *flags)
    assert "-model: opus" in out and "+model: sonnet" in out


def test_directories_compare_the_effective_model(tmp_path: Path) -> None:
    # same resolved model through different files: no change in effect, the key as written differs
    write(tmp_path, {"a/.claude/settings.json": {"model": "sonnet"},
                     "b/.claude/settings.local.json": {"env": {"ANTHROPIC_MODEL": "sonnet"}}})
    _, out, _ = cli_run("diff", str(tmp_path / "a"), str(tmp_path / "b"), *isolated(tmp_path), "--format", "json")
    changes = json.loads(out)["changes"]
    assert not [c for c in changes if c["section"] == "effective"]
    assert {(c["section"], c["path"]) for c in changes} == {("settings", "model"), ("settings", "env.ANTHROPIC_MODEL")}
    summary = json.loads(out)["summary"]
    assert summary[0] == ('model: sonnet (claude-sonnet-5-5, $2/$10 per MTok) -> (unset) '
                          '(the model in effect is the same)')


def test_directory_keys_are_not_prefixed(tmp_path: Path) -> None:
    write(tmp_path, {"a/.claude/settings.json": {"permissions": {"allow": ["Read", "Bash(ls *)"]}},
                     "b/.claude/settings.json": {"permissions": {"allow": ["Read", "Edit", "Bash(npm test)"]},
                                                 "env": {"X": "1"}}})
    _, out, _ = cli_run("diff", str(tmp_path / "a"), str(tmp_path / "b"), *isolated(tmp_path))
    assert out.splitlines()[:2] == ["permissions.allow: +2 -1", 'env.X: added "1"']


def test_directory_diff_takes_explains_flags(tmp_path: Path) -> None:
    """Audit defect 4: --managed-dir, --settings, --home, --env, --model and --agent reach explain."""
    write(tmp_path, {"a/.claude/settings.json": {"model": "claude-opus-4-7"},
                     "b/.claude/settings.json": {"model": "claude-sonnet-4-6"},
                     "b/.claude/agents/lead.md": agent("lead", "claude-opus-4-6")})
    flags = isolated(tmp_path)
    a, b = str(tmp_path / "a"), str(tmp_path / "b")
    # a managed model wins on both sides: no model change
    write(tmp_path, {"managed/managed-settings.json": {"model": "claude-opus-4-6"}})
    _, out, _ = cli_run("diff", a, b, *flags, "--format", "json")
    assert not [c for c in json.loads(out)["changes"] if c["section"] == "effective"]
    (tmp_path / "managed" / "managed-settings.json").unlink()
    for extra in (["--model", "haiku"], ["--env", "ANTHROPIC_MODEL=haiku"], ["--settings", '{"model": "haiku"}']):
        _, out, _ = cli_run("diff", a, b, *flags, *extra, "--format", "json")
        assert not [c for c in json.loads(out)["changes"] if c["section"] == "effective"], extra
    # the user file under --home counts on both sides
    write(tmp_path, {"home/.claude/settings.json": {"permissions": {"allow": ["Read"]}}})
    _, out, _ = cli_run("diff", a, a, *flags, "--exit-code")
    assert out == "no semantic change\n"
    # --agent: B's main thread runs as lead (on claude-opus-4-6); A has no such agent and stops
    code, out, _ = cli_run("diff", a, b, *flags, "--agent", "lead")
    assert code == 0 and "model: (none: Claude Code stops before any request) -> claude-opus-4-6" in out
    assert "note: A: --agent 'lead' not found" in out
    # in the other modes, these flags are refused rather than ignored
    write(tmp_path, {"x.json": {}})
    code, _, err = cli_run("diff", str(tmp_path / "x.json"), str(tmp_path / "x.json"), "--model", "opus")
    assert code == 2 and "--model" in err
    code, _, err = cli_run("diff", b, "--preset", "sonnet-default", "--home", str(tmp_path / "home"))
    assert code == 2 and "--home" in err


def test_a_dropped_file_is_named(tmp_path: Path) -> None:
    """Audit defect 4: a file Claude Code drops whole is mentioned, not only its keys 'removed'."""
    write(tmp_path, {"a/.claude/settings.json": {"model": "claude-sonnet-4-6"},
                     "b/.claude/settings.json": '{\n  "model": "claude-sonnet-4-6",\n  "permissions": {},\n}\n'})
    code, out, _ = cli_run("diff", str(tmp_path / "a"), str(tmp_path / "b"), *isolated(tmp_path), "--exit-code")
    assert code == 1
    assert ("note: B: .claude/settings.json is dropped by Claude Code (line 3, column 20: trailing comma before '}': "
            "strict JSON does not allow it), so its keys do not count") in out.splitlines()
    # the same file dropped on both sides: no semantic change, but still said
    code, out, _ = cli_run("diff", str(tmp_path / "b"), str(tmp_path / "b"), *isolated(tmp_path), "--exit-code")
    assert code == 0 and out.startswith("no semantic change\nnote: A, B: .claude/settings.json is dropped")


def test_preset_summary(tmp_path: Path) -> None:
    write(tmp_path, {"p/.claude/settings.json": {"model": "claude-opus-4-7", "defaultModel": "x"},
                     "p/.claude/agents/sec.md": agent("security-reviewer", "opus"),
                     "p/.claude/agents/tests.md": agent("test-runner", "opus")})
    code, out, _ = cli_run("diff", str(tmp_path / "p"), "--preset", "tiered-agents", "--exit-code")
    lines = out.splitlines()
    assert code == 1
    assert lines[0] == "model: claude-opus-4-7 (tier 3, $5/$25 per MTok) -> claude-sonnet-4-6 (tier 1, $3/$15)"
    assert "agent security-reviewer: opus -> claude-opus-4-7" in lines
    assert "agent test-runner: opus -> claude-sonnet-4-6" in lines
    assert any(line.startswith("defaultModel: removed") for line in lines)
    code, out, _ = cli_run("diff", str(tmp_path / "p"), "--preset", "tiered-agents", "--format", "unified")
    assert "-  \"model\": \"claude-opus-4-7\"" in out and "+model: claude-sonnet-4-6" in out


def test_preset_diff_reads_what_apply_reads(tmp_path: Path) -> None:
    """Audit defect 1: a BOM project file is planned by apply --dry-run; diff --preset agrees."""
    write(tmp_path, {"p/.claude/settings.json": b'\xef\xbb\xbf{"model": "claude-opus-4-7"}\n'})
    p = str(tmp_path / "p")
    code, out, _ = cli_run("apply", "sonnet-default", p, "--dry-run")
    assert code == 0 and "would update" in out
    code, out, err = cli_run("diff", p, "--preset", "sonnet-default", "--exit-code")
    assert code == 1, err
    assert out.splitlines()[0] == "model: claude-opus-4-7 (tier 3, $5/$25 per MTok) -> claude-sonnet-4-6 (tier 1, $3/$15)"
    code, out, _ = cli_run("diff", p, "--preset", "sonnet-default", "--format", "unified")
    assert '+\ufeff{"model": "claude-sonnet-4-6"}' in out
    write(tmp_path, {"p/.claude/settings.json": b""})
    assert cli_run("apply", "sonnet-default", p, "--check")[0] == 1
    code, out, err = cli_run("diff", p, "--preset", "sonnet-default", "--exit-code")
    assert code == 1 and out.startswith("model: (unset, default claude-opus-5-5, $4/$20 per MTok) -> claude-sonnet-4-6"), err


def test_a_link_out_of_its_repository_is_not_quoted(tmp_path: Path) -> None:
    write(tmp_path, {"outside/creds": "hunter2word\n", "p/.claude/settings.json": {"model": "sonnet"},
                     "p/.claude/plain.json": "{\"a\": hunter2word}"})
    (tmp_path / "p" / ".claude" / "settings.local.json").symlink_to(tmp_path / "outside" / "creds")
    local, shared = (str(tmp_path / "p" / ".claude" / name) for name in ("settings.local.json", "settings.json"))
    code, out, err = cli_run("diff", local, shared)
    assert code == 2 and "hunter2word" not in out + err and "outside its repository" in err
    assert "line 1" in err or ":1:1:" in err
    code, out, err = cli_run("diff", str(tmp_path / "p" / ".claude" / "plain.json"), shared)
    assert "hunter2word" in err  # a file of the repository itself is quoted, to say what is wrong


def test_bad_inputs_are_messages(tmp_path: Path) -> None:
    write(tmp_path, {"a.json": {}, "d/x": "", "bad.json": '{"a": 1,}', "p/.claude/settings.json": "[1]",
                     "deep.json": '{"x": ' + "[" * 900 + "]" * 900 + "}"})
    a = str(tmp_path / "a.json")
    os.mkfifo(tmp_path / "fifo.json")
    os.symlink(tmp_path / "missing.json", tmp_path / "dangling.json")
    os.symlink(tmp_path / "loop1", tmp_path / "loop2")
    os.symlink(tmp_path / "loop2", tmp_path / "loop1")
    os.symlink(tmp_path / "a.json", tmp_path / "link.json")
    cases = {
        (a, str(tmp_path / "d")): "compare two files or two directories",
        (str(tmp_path / "d"), a): "compare two files or two directories",
        (a,): "give two paths",
        (a, str(tmp_path / "nope.json")): "no such file or directory",
        (a, str(tmp_path / "fifo.json")): "named pipe",
        (a, str(tmp_path / "dangling.json")): "does not exist",
        (a, str(tmp_path / "loop1")): "symbolic links",
        (str(tmp_path / "bad.json"), a): "trailing comma",
        (a, str(tmp_path / "bad.json")): "trailing comma",
        (str(tmp_path / "d"), str(tmp_path / "d"), "--preset", "sonnet-default"): "one TARGET",
        (str(tmp_path / "d"), "--preset", "nope"): "unknown preset 'nope'",
        (str(tmp_path / "p"), "--preset", "sonnet-default"): "not an object",
        (str(tmp_path / "fifo.json"), "--preset", "sonnet-default"): "named pipe",
        (a, a, "--scope", "local"): "--scope and --no-agents go with --preset",
        (str(tmp_path / "deep.json"), a): "nested too deeply",
    }
    for args, message in cases.items():
        code, out, err = cli_run("diff", *args)
        assert code == 2 and message in err, (args, err)
        assert err.startswith("claude-tiers: error: ") and "Traceback" not in err
    assert cli_run("diff", str(tmp_path / "link.json"), a, "--exit-code")[:2] == (0, "no semantic change\n")


def test_help_teaches_with_examples() -> None:
    code, out, _ = cli_run("diff", "--help")
    assert code == 0
    assert "Examples:" in out and "claude-tiers diff . --preset sonnet-default" in out
    assert "model: claude-opus-4-7 (tier 3, $5/$25 per MTok) -> claude-sonnet-4-6 (tier 1, $3/$15)" in out
    for flag in ("--managed-dir", "--home", "--settings", "--no-env", "--model", "--agent", "--claude-version"):
        assert flag in out
    assert "unified: the" in out and "bytes" in out  # what --exit-code means with --format unified


# ------------------------------------------------------------------------------------- golden

GOLDEN_CASES: dict[str, tuple[dict[str, Any], list[str]]] = {
    "model-tier": ({"a.json": {"model": "claude-opus-4-7", "env": {"ANTHROPIC_API_KEY": SK}},
                    "b.json": {"model": "claude-sonnet-4-6", "env": {"ANTHROPIC_API_KEY": SK + "b"}}},
                   ["a.json", "b.json"]),
    "agent-model": ({"a/.claude/agents/sec.md": agent("security-reviewer", "opus"),
                     "a/.claude/agents/docs.md": agent("docs-writer", "haiku"),
                     "b/.claude/agents/sec.md": agent("security-reviewer", "sonnet"),
                     "b/.claude/agents/tests.md": agent("test-runner", None)},
                    ["a", "b"]),
    "permissions": ({"a.json": {"permissions": {"allow": ["Read", "Bash(ls *)", "Bash(PGPASSWORD=hunter2xyz psql *)"],
                                                "deny": ["Read(./.env)"]}},
                     "b.json": {"permissions": {"allow": ["Read", "Edit", "Bash(npm test)"],
                                                "ask": ["Bash(git push *)"]}}},
                    ["a.json", "b.json"]),
    "no-change": ({"a.json": '{"model": "sonnet", "permissions": {"allow": ["Read", "Edit"]}}',
                   "b.json": '{\n\t"permissions": {\n\t\t"allow": ["Edit", "Read"]\n\t},\n\t"model": "sonnet"\n}\n'},
                  ["a.json", "b.json"]),
    "dropped-file": ({"a/.claude/settings.json": {"model": "claude-opus-4-6", "permissions": {"allow": ["Read"]}},
                      "b/.claude/settings.json": '{\n  "model": "claude-opus-4-6",\n  "permissions": {"allow": ["Read"]},\n}\n'},
                     ["a", "b"]),
    "preset-opusplan": ({"p/.claude/settings.json": {"model": "claude-opus-4-7", "defaultModel": "x"}},
                        ["p", "--preset", "opusplan"]),
}


@pytest.mark.parametrize("fmt", ["text", "json"])
@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_golden(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, fmt: str) -> None:
    files, args = GOLDEN_CASES[name]
    write(tmp_path, files)
    monkeypatch.chdir(tmp_path)
    flags = ["--no-env", "--home", "home", "--managed-dir", "managed"] if (tmp_path / args[0]).is_dir() \
        and "--preset" not in args else []
    for folder in ("home", "managed"):
        (tmp_path / folder).mkdir(exist_ok=True)
    code, out, err = cli_run("diff", *args, *flags, "--format", fmt)
    assert code == 0, err
    assert SK not in out and "hunter2xyz" not in out
    assert_golden(f"{name}.{'txt' if fmt == 'text' else 'json'}", out)


# ----------------------------------------------------------------------------------------- properties


def _project(data: dict[str, Any] | None, agents: dict[str, str | None], encoding: str = "json") -> dict[str, Any]:
    files: dict[str, Any] = {}
    if data is not None:
        files["p/.claude/settings.json"] = encode(data, encoding)
    for name, model in agents.items():
        files[f"p/.claude/agents/{name}.md"] = agent(name, model)
    return files


ENCODINGS = ["json", "tabs", "crlf", "bom", "oneline", "empty"]


def encode(data: dict[str, Any], encoding: str) -> bytes:
    """Settings bytes as people (and editors) write them, tolerated forms included."""
    if encoding == "empty" and not data:
        return b""
    if encoding == "tabs":
        return (json.dumps(data, indent="\t") + "\n").encode()
    if encoding == "crlf":
        return (json.dumps(data, indent=4) + "\n").replace("\n", "\r\n").encode()
    if encoding == "bom":
        return b"\xef\xbb\xbf" + (json.dumps(data, indent=2) + "\n").encode()
    if encoding == "oneline":
        return json.dumps(data, separators=(",", ":")).encode()
    return (json.dumps(data, indent=2) + "\n").encode()


models = st.sampled_from(["claude-sonnet-4-6", "claude-opus-4-6", "claude-opus-4-7", "opus", "sonnet", "opusplan"])
project_settings = st.one_of(st.none(), st.fixed_dictionaries({}, optional={
    "model": models, "defaultModel": st.just("sonnet-4-6"), "permissions": st.just({"allow": ["Read"]}),
    "env": st.sampled_from([{"ANTHROPIC_MODEL": "opus"}, {"ANTHROPIC_DEFAULT_SONNET_MODEL": "claude-sonnet-4-6"},
                            {"DB_PASS": "hunter2hunter2"}]),
    "advisorModel": models}))
agent_sets = st.dictionaries(st.sampled_from(["security-reviewer", "test-runner", "doc-writer", "helper"]),
                             st.one_of(st.none(), models, st.just("inherit")), max_size=3)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(project_settings, agent_sets, st.sampled_from(PRESETS), st.booleans(), st.sampled_from(ENCODINGS))
def test_preset_diff_is_empty_exactly_when_apply_check_passes(data: dict[str, Any] | None, agents: dict[str, str | None],
                                                               preset: str, pre_apply: bool, encoding: str) -> None:
    with tempfile.TemporaryDirectory() as d:
        root = Path(d)
        write(root, _project(data, agents, encoding))
        (root / "p").mkdir(exist_ok=True)
        if pre_apply:
            assert cli_run("apply", preset, str(root / "p"))[0] == 0
        check, _, check_err = cli_run("apply", preset, str(root / "p"), "--check")
        code, out, err = cli_run("diff", str(root / "p"), "--preset", preset, "--exit-code")
        if "error:" in check_err:  # apply refuses the target: diff cannot describe it either
            assert check == 1 and code == 2, (check_err, err)
            return
        assert check in (0, 1) and code in (0, 1) and err == "", err
        assert (code == 0) == (check == 0), out
        assert (out == "no semantic change\n") == (check == 0), out
        if pre_apply:
            assert code == 0


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(settings_data, st.sampled_from(ENCODINGS), st.sampled_from(ENCODINGS))
def test_file_diff_ignores_the_tolerated_forms(data: dict[str, Any], enc_a: str, enc_b: str) -> None:
    with tempfile.TemporaryDirectory() as d:
        root = Path(d)
        write(root, {"a.json": encode(data, enc_a), "b.json": encode(data, enc_b)})
        code, out, err = cli_run("diff", str(root / "a.json"), str(root / "b.json"), "--exit-code", "--format", "json")
        assert code == 0, err
        assert json.loads(out)["changes"] == []


side_files = st.fixed_dictionaries({}, optional={
    ".claude/settings.json": st.one_of(project_settings.filter(lambda v: v is not None),
                                       st.just('{"model": "opus",}')),
    ".claude/settings.local.json": st.sampled_from([{"model": "haiku"}, {"env": {"ANTHROPIC_MODEL": "sonnet"}},
                                                    {"permissions": {"allow": ["Edit"], "deny": ["Read(.env)"]}}]),
    ".claude/agents/a.md": st.builds(agent, st.sampled_from(["security-reviewer", "helper"]),
                                     st.one_of(st.none(), models, st.just("inherit"))),
    ".claude/agents/b.md": st.builds(agent, st.just("test-runner"), st.one_of(st.none(), models)),
})


def _reformatted(files: dict[str, Any]) -> dict[str, Any]:
    """The same configuration written differently: keys reversed, tabs, CRLF (invalid files as they are)."""
    out: dict[str, Any] = {}
    for rel, content in files.items():
        if isinstance(content, dict):
            out[rel] = encode(dict(reversed(list(content.items()))), "crlf")
        else:
            out[rel] = content
    return out


def _dir_changes(root: Path, a: str, b: str) -> list[Change]:
    args: dict[str, Any] = {"env": {}, "home": root / "home", "managed_dir": root / "managed"}
    return compare_directories(root / a, root / b, **args).changes


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(side_files, side_files)
def test_directory_diff_properties(a: dict[str, Any], b: dict[str, Any]) -> None:
    """Audit defect 7: diff DIR DIR (or its reformatted copy) is empty; diff B A inverts diff A B."""
    with tempfile.TemporaryDirectory() as d:
        root = Path(d)
        for folder in ("home", "managed", "a", "b", "a2"):
            (root / folder).mkdir()
        write(root / "a", a)
        write(root / "b", b)
        write(root / "a2", _reformatted(a))
        assert _dir_changes(root, "a", "a") == []
        assert _dir_changes(root, "a", "a2") == []
        forward, backward = _dir_changes(root, "a", "b"), _dir_changes(root, "b", "a")
        assert sorted(map(_key, invert(forward))) == sorted(map(_key, backward))
        shutil.rmtree(root / "a2")


# ----------------------------------------------------------------------------------------- oracle

from tests.oracle.conftest import oracle  # noqa: E402,F401  (the real Claude Code 2.1.330, or a skip)


@pytest.mark.oracle
@pytest.mark.parametrize("preset", PRESETS)
def test_claude_code_requests_the_models_diff_names(oracle: Any, preset: str) -> None:  # noqa: F811
    """diff --preset's model of each side is what Claude Code requests before and after apply (a BOM file too)."""
    with oracle.sandbox() as sb:
        sb.write_settings("project", b'\xef\xbb\xbf{\r\n  "model": "opus",\r\n  "env": {"ANTHROPIC_DEFAULT_OPUS_MODEL": '
                                     b'"claude-opus-4-6"}\r\n}\r\n')
        code, out, err = cli_run("diff", str(sb.cwd), "--preset", preset, "--format", "json")
        assert code == 0, err
        predicted = json.loads(out)["model"]
        assert oracle.run(sb.cwd, sb.home).models[:1] == (predicted["a"]["resolved"],)
        assert cli_run("apply", preset, str(sb.cwd), "--no-agents")[0] == 0
        run = oracle.run(sb.cwd, sb.home)
        assert run.models[:1] == (predicted["b"]["resolved"],), run.stderr
        assert not run.dropped_files


@pytest.mark.oracle
def test_claude_code_requests_the_models_a_directory_diff_names(oracle: Any, tmp_path: Path) -> None:  # noqa: F811
    """Each side's model in a directory diff is what Claude Code requests there (dropped file, env remap)."""
    with oracle.sandbox() as a, oracle.sandbox() as b:
        a.write_settings("project", json.dumps({"model": "sonnet"}))
        a.write_settings("local", json.dumps({"env": {"ANTHROPIC_DEFAULT_SONNET_MODEL": "claude-sonnet-4-6"}}))
        b.write_settings("project", '{"model": "claude-opus-4-6",}')
        b.write_settings("local", json.dumps({"permissions": {"allow": ["Read"]}}))
        (tmp_path / "managed").mkdir()
        code, out, err = cli_run("diff", str(a.cwd), str(b.cwd), "--format", "json", "--no-env",
                                 "--home", str(a.home), "--managed-dir", str(tmp_path / "managed"))
        assert code == 0, err
        doc = json.loads(out)
        assert any("is dropped by Claude Code" in note for note in doc["notes"])
        assert oracle.run(a.cwd, a.home).models[:1] == (doc["model"]["a"]["resolved"],)
        run_b = oracle.run(b.cwd, a.home)
        assert run_b.models[:1] == (doc["model"]["b"]["resolved"],)
        assert run_b.dropped_files
