"""`apply`: idempotent, touches only the preset's keys, never loses data, tier-language output."""

from __future__ import annotations

import difflib
import json
import shutil
from pathlib import Path
from typing import Any, Callable

import pytest
from deepdiff import DeepDiff
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claude_tiers import jsonio
from claude_tiers.apply import plan_settings
from claude_tiers.commands.apply import Options, apply_to
from claude_tiers.presets import load_preset
from tests.conftest import CORPUS, REPO, require_shared

PRESETS = ["sonnet-default", "opus-production", "opus-hard", "opusplan", "tiered-agents"]
GOLDEN = REPO / "tests" / "golden" / "apply"

keys = st.sampled_from(["model", "defaultModel", "env", "permissions", "hooks", "modle", "x-custom",
                        "statusLine", "ANTHROPIC_MODEL", "includeCoAuthoredBy"])
leaf = st.one_of(st.none(), st.booleans(), st.integers(0, 9), st.text(max_size=6))
value = st.recursive(leaf, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=4), inner, max_size=3)),
    max_leaves=6)
settings_data = st.dictionaries(keys, value, max_size=6)


def preset_paths(name: str) -> set[str]:
    """deepdiff paths a preset may touch."""
    preset = load_preset(name)
    touched = {f"root['{k}']" for k in preset.settings} | {f"root['{k}']" for k in preset.remove}
    return touched


@pytest.mark.parametrize("name", PRESETS)
@given(data=settings_data)
@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow,
                                                  HealthCheck.function_scoped_fixture])
def test_apply_is_idempotent_and_touches_only_preset_keys(name: str, data: dict[str, Any]) -> None:
    preset = load_preset(name)
    once = plan_settings(data, preset)
    assert jsonio.same(plan_settings(once, preset), once)
    diff = DeepDiff(data, once, verbose_level=0)
    allowed = preset_paths(name)
    for path in diff.affected_paths:
        assert any(path == p or path.startswith(p + "[") for p in allowed), path
    for key in data:  # no key the preset does not remove is ever lost
        if key not in preset.remove:
            assert key in once


@pytest.mark.parametrize("name", PRESETS)
@given(data=settings_data, indent=st.sampled_from([None, 2, 4, "\t"]))
@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow,
                                                  HealthCheck.function_scoped_fixture])
def test_apply_on_disk_is_idempotent_and_minimal(tmp_path_factory: pytest.TempPathFactory,
                                                 name: str, data: dict[str, Any],
                                                 indent: Any) -> None:
    project = tmp_path_factory.mktemp("p")
    settings_file = project / ".claude" / "settings.json"
    settings_file.parent.mkdir()
    settings_file.write_text(json.dumps(data, indent=indent))
    preset = load_preset(name)
    first = list(apply_to(project, preset, Options()))
    assert all(o.status != "error" for o in first)
    after = settings_file.read_text()
    assert jsonio.same(json.loads(after), plan_settings(data, preset))
    second = list(apply_to(project, preset, Options()))
    assert [o.status for o in second] == ["unchanged"]
    assert settings_file.read_text() == after


# ----------------------------------------------------------------------------- real corpus


def _corpus_settings() -> list[Path]:
    return sorted((CORPUS / "settings").glob("*.json")) if CORPUS.is_dir() else []


def test_sonnet_default_on_every_real_settings_file(tmp_path: Path) -> None:
    require_shared()
    from claude_tiers import schema

    preset = load_preset("sonnet-default")
    counts = {"updated": 0, "unchanged": 0, "error": 0}
    for source in _corpus_settings():
        project = tmp_path / source.stem
        (project / ".claude").mkdir(parents=True)
        target = project / ".claude" / "settings.json"
        shutil.copyfile(source, target)
        raw = source.read_bytes()
        try:
            before = jsonio.parse(raw)
        except Exception:
            before = None
        outcomes = list(apply_to(project, preset, Options(agents=False)))
        status = outcomes[0].status
        counts[status] += 1
        if before is None or before.has_duplicates:
            assert status == "error" and target.read_bytes() == raw  # never rewritten
            continue
        after_text = target.read_text(encoding="utf-8")
        after = json.loads(after_text)
        assert after["model"] == "claude-sonnet-4-6" and "defaultModel" not in after
        diff = DeepDiff(before.data, after, verbose_level=0)
        assert set(diff.affected_paths) <= {"root['model']", "root['defaultModel']"}, source
        changed = [line for line in difflib.unified_diff(
            before.text.splitlines(), after_text.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]
        if "\n" not in before.text.strip():  # one-line file: compare characters instead
            ops = difflib.SequenceMatcher(None, before.text, after_text, autojunk=False)
            for op, i1, i2, j1, j2 in ops.get_opcodes():
                if op != "equal":
                    piece = before.text[i1:i2] + after_text[j1:j2]
                    assert "model" in piece.lower() or not piece.strip(' ,:"'), (source, piece)
            continue
        plus = {l[1:].rstrip().rstrip(",") for l in changed if l.startswith("+")}
        minus = {l[1:].rstrip().rstrip(",") for l in changed if l.startswith("-")}
        for line in changed:  # only model lines change, plus a neighbour gaining a comma
            bare = line[1:].rstrip().rstrip(",")
            other = minus if line.startswith("+") else plus
            assert '"model"' in line or '"defaultModel"' in line or bare in other \
                or bare.strip() in ("{", "}", "{}"), (source, line)
        before_drop = {i.pointer for i in schema.validate(before.data) if i.consequence == "drop-file"}
        after_drop = {i.pointer for i in schema.validate(after) if i.consequence == "drop-file"}
        assert after_drop <= before_drop, source  # apply never makes a file invalid
    assert counts["updated"] > 200


def test_tiered_agents_on_every_real_agent_file(tmp_path: Path) -> None:
    require_shared()
    preset = load_preset("tiered-agents")
    project = tmp_path / "p"
    agents = project / ".claude" / "agents"
    agents.mkdir(parents=True)
    sources = sorted((CORPUS / "agents").glob("*.md"))
    for source in sources:
        shutil.copyfile(source, agents / source.name)
    outcomes = {o.path: o for o in apply_to(project, preset, Options())
                if o.path.endswith(".md")}
    updated = 0
    for source in sources:
        new = (agents / source.name).read_bytes()
        old = source.read_bytes()
        if new == old:
            continue
        updated += 1
        changed = [l for l in difflib.ndiff(old.decode().splitlines(), new.decode().splitlines())
                   if l[:1] in "+-"]
        assert all(l[2:].startswith("model:") for l in changed), (source, changed)
    assert updated >= 10
    assert not [o for o in outcomes.values() if o.status == "error"]


# ----------------------------------------------------------------------------- CLI, golden


def golden(name: str, text: str) -> None:
    import os

    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1" or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    assert text == path.read_text()


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "demo"
    shutil.copytree(REPO / "examples" / "demo-project", project)
    return project


def test_cli_dry_run_check_apply_and_rerun(tmp_path: Path, run_cli: Callable[..., Any],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    project = _project(tmp_path)
    monkeypatch.chdir(project)
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    dry = run_cli(["claude-tiers", "apply", "tiered-agents", "--dry-run"])
    assert dry.exit_code == 0
    golden("dry-run.txt", dry.stdout)
    assert "sk-ant" not in dry.stdout
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before
    check = run_cli(["claude-tiers", "apply", "tiered-agents", "--check"])
    assert check.exit_code == 1 and check.stdout == dry.stdout
    done = run_cli(["claude-tiers", "apply", "tiered-agents"])
    assert done.exit_code == 0
    golden("apply.txt", done.stdout)
    again = run_cli(["claude-tiers", "apply", "tiered-agents", "--check"])
    assert again.exit_code == 0
    golden("rerun.txt", again.stdout)


def test_cli_invalid_target_is_reported_and_untouched(tmp_path: Path,
                                                     run_cli: Callable[..., Any]) -> None:
    bad = tmp_path / "p" / ".claude" / "settings.json"
    bad.parent.mkdir(parents=True)
    bad.write_text('{\n  // pinned\n  "model": "opus"\n}\n')
    good = tmp_path / "q"
    good.mkdir()
    result = run_cli(["claude-tiers", "apply", "sonnet-default", str(tmp_path / "p"), str(good)])
    assert result.exit_code == 1
    assert "settings.json:2:3: a // comment" in result.stderr
    assert "Claude Code ignores this whole file" in result.stderr
    assert "Traceback" not in result.stderr
    assert bad.read_text() == '{\n  // pinned\n  "model": "opus"\n}\n'
    assert json.loads((good / ".claude" / "settings.json").read_text()) == \
        {"model": "claude-sonnet-4-6"}


def test_cli_unknown_preset_is_a_usage_error(run_cli: Callable[..., Any], tmp_path: Path) -> None:
    result = run_cli(["claude-tiers", "apply", "sonnet-4-6", str(tmp_path)])
    assert result.exit_code == 2
    assert "unknown preset 'sonnet-4-6'" in result.stderr


def test_cli_user_scope_honours_claude_config_dir(tmp_path: Path,
                                                  run_cli: Callable[..., Any]) -> None:
    config = tmp_path / "cfg"
    result = run_cli(["claude-tiers", "apply", "opus-hard", str(tmp_path), "--scope", "user"],
                     env={"CLAUDE_CONFIG_DIR": str(config)})
    assert result.exit_code == 0, result.stderr
    assert json.loads((config / "settings.json").read_text()) == {"model": "claude-opus-4-7"}


def test_symlinked_settings_outside_the_project_are_not_followed(
        tmp_path: Path, run_cli: Callable[..., Any]) -> None:
    outside = tmp_path / "elsewhere.json"
    outside.write_text('{"model": "opus"}')
    project = tmp_path / "p"
    (project / ".claude").mkdir(parents=True)
    (project / ".claude" / "settings.json").symlink_to(outside)
    result = run_cli(["claude-tiers", "apply", "sonnet-default", str(project)])
    assert result.exit_code == 1 and "outside" in result.stderr
    assert outside.read_text() == '{"model": "opus"}'
