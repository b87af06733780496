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
@settings(max_examples=40, deadline=None,  # disk writes on a shared machine: no time limit
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
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


# ----------------------------------------------------------------------------- hostile targets

AGENT = "---\nname: {name}\ndescription: d\nmodel: opus\n---\nbody\n"


def _hostile(tmp_path: Path) -> dict[str, Path]:
    """One project per kind of bad input; the value is the file that must be reported."""
    import os

    cases: dict[str, Path] = {}
    (tmp_path / "dir/.claude/settings.json").mkdir(parents=True)
    cases["dir"] = tmp_path / "dir/.claude/settings.json"
    (tmp_path / "plainfile").mkdir()
    (tmp_path / "plainfile/.claude").write_text("x")
    cases["plainfile"] = tmp_path / "plainfile/.claude/settings.json"
    (tmp_path / "loop/.claude").mkdir(parents=True)
    (tmp_path / "loop/.claude/settings.json").symlink_to("other.json")
    (tmp_path / "loop/.claude/other.json").symlink_to("settings.json")
    cases["loop"] = tmp_path / "loop/.claude/settings.json"
    (tmp_path / "fifo/.claude").mkdir(parents=True)
    os.mkfifo(tmp_path / "fifo/.claude/settings.json")
    cases["fifo"] = tmp_path / "fifo/.claude/settings.json"
    return cases


def test_bad_targets_are_per_target_errors_and_the_run_goes_on(
        tmp_path: Path, run_cli: Callable[..., Any]) -> None:
    import signal

    cases = _hostile(tmp_path)
    good = tmp_path / "good"
    good.mkdir()
    signal.alarm(60)  # a FIFO once hung apply
    try:
        result = run_cli(["claude-tiers", "apply", "sonnet-default",
                          *(str(tmp_path / name) for name in cases), str(good)])
    finally:
        signal.alarm(0)
    assert result.exit_code == 1, result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == len(cases), result.stderr
    for name in ("directory", "a parent folder on the path is a file", "symbolic links", "FIFO"):
        assert name in result.stderr
    assert json.loads((good / ".claude/settings.json").read_text()) == {"model": "claude-sonnet-4-6"}


def test_unreadable_settings_is_a_per_target_error(tmp_path: Path, run_cli: Callable[..., Any],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    project = tmp_path / "p"
    (project / ".claude").mkdir(parents=True)
    settings = project / ".claude" / "settings.json"
    settings.write_text('{"model": "opus"}')
    real_open = os.open

    def guarded(path: Any, *args: Any, **kwargs: Any) -> int:
        if Path(path) == settings:
            raise PermissionError(13, "Permission denied")  # we run as root: simulate it
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded)
    result = run_cli(["claude-tiers", "apply", "sonnet-default", str(project)])
    assert result.exit_code == 1 and "Permission denied" in result.stderr
    assert "internal error" not in result.stderr


def test_config_dir_that_is_a_file_is_a_per_target_error(tmp_path: Path,
                                                          run_cli: Callable[..., Any]) -> None:
    config = tmp_path / "cfg"
    config.write_text("not a folder")
    result = run_cli(["claude-tiers", "apply", "opus-hard", "--scope", "user"],
                     env={"CLAUDE_CONFIG_DIR": str(config)})
    assert result.exit_code == 1 and "internal error" not in result.stderr
    assert "cfg/settings.json" in result.stderr


def test_bad_agent_files_do_not_stop_the_others(tmp_path: Path, run_cli: Callable[..., Any],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    agents = tmp_path / "p/.claude/agents"
    (agents / "sub").mkdir(parents=True)
    (tmp_path / "p/.claude/target").mkdir()
    (agents / "a-dir.md").symlink_to("../target")  # an agent x.md that is a folder
    os.mkfifo(agents / "b-fifo.md")
    (agents / "c-locked.md").write_text(AGENT.format(name="doc-writer"))
    (agents / "sub/test-writer.md").write_text(AGENT.format(name="test-writer"))
    (agents / "z-reviewer.md").write_text(AGENT.format(name="code-reviewer"))
    locked = tmp_path / "p/.claude/agents/locked"
    locked.mkdir()
    real_open, real_scandir = os.open, os.scandir

    def guarded(path: Any, *args: Any, **kwargs: Any) -> int:
        if str(path).endswith("c-locked.md"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    def scandir(path: Any) -> Any:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "open", guarded)
    monkeypatch.setattr(os, "scandir", scandir)
    result = run_cli(["claude-tiers", "apply", "tiered-agents", str(tmp_path / "p")])
    assert result.exit_code == 1 and "internal error" not in result.stderr, result.stderr
    assert "a-dir.md: is a directory" in result.stderr
    assert "b-fifo.md: is a named pipe" in result.stderr
    assert "c-locked.md: cannot read: Permission denied" in result.stderr
    assert "locked: cannot list the folder: Permission denied" in result.stderr
    assert "model: claude-sonnet-4-6" in (agents / "sub/test-writer.md").read_text()
    assert "model: claude-sonnet-4-6" in (agents / "z-reviewer.md").read_text()


def test_deeply_nested_settings_are_applied(tmp_path: Path, run_cli: Callable[..., Any]) -> None:
    settings = tmp_path / "p/.claude/settings.json"
    settings.parent.mkdir(parents=True)
    deep = "[" * 400 + "]" * 400
    settings.write_text('{\n  "defaultModel": "x",\n  "keep": ' + deep + ',\n  "model": "opus"\n}\n')
    result = run_cli(["claude-tiers", "apply", "sonnet-default", str(tmp_path / "p")])
    assert result.exit_code == 0, result.stderr
    assert settings.read_text() == '{\n  "keep": ' + deep + ',\n  "model": "claude-sonnet-4-6"\n}\n'


def test_lone_surrogates_survive_apply_and_output(tmp_path: Path,
                                                  run_cli: Callable[..., Any]) -> None:
    settings = tmp_path / "p/.claude/settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text('{"k\\ud800": "\\udc00", "model": "opus"}\n')
    dry = run_cli(["claude-tiers", "apply", "sonnet-default", str(tmp_path / "p"), "--dry-run"])
    assert dry.exit_code == 0, dry.stderr
    done = run_cli(["claude-tiers", "apply", "sonnet-default", str(tmp_path / "p")])
    assert done.exit_code == 0, done.stderr
    assert settings.read_text() == '{"k\\ud800": "\\udc00", "model": "claude-sonnet-4-6"}\n'


# ----------------------------------------------------------------------------- validated results


def _preset(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "p.yaml"
    path.write_text("description: x\n" + body)
    return path


def test_a_result_claude_code_would_skip_an_entry_of_is_not_written(
        tmp_path: Path, run_cli: Callable[..., Any]) -> None:
    # The fragment validates on its own, but the key is honoured only in managed settings:
    # in a project file Claude Code skips it, so apply refuses to write it there.
    settings = tmp_path / "p/.claude/settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text('{"model": "opus"}\n')
    preset = _preset(tmp_path, "settings:\n  model: claude-sonnet-4-6\n  managedMcpServers: []\n")
    result = run_cli(["claude-tiers", "apply", str(preset), str(tmp_path / "p")])
    assert result.exit_code == 1
    assert "managedMcpServers" in result.stderr and "not written" in result.stderr
    assert settings.read_text() == '{"model": "opus"}\n'


def test_a_pre_existing_problem_does_not_block_the_preset(tmp_path: Path,
                                                           run_cli: Callable[..., Any]) -> None:
    settings = tmp_path / "p/.claude/settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text('{"cleanupPeriodDays": 0, "model": "opus"}\n')
    result = run_cli(["claude-tiers", "apply", "sonnet-default", str(tmp_path / "p")])
    assert result.exit_code == 0, result.stderr
    assert "note:" in result.stderr and "cleanupPeriodDays" in result.stderr
    assert json.loads(settings.read_text())["model"] == "claude-sonnet-4-6"


def test_fallback_model_chain_is_replaced(tmp_path: Path, run_cli: Callable[..., Any]) -> None:
    settings = tmp_path / "p/.claude/settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text('{"fallbackModel": ["claude-opus-4-6", "claude-sonnet-4-6", "haiku"]}\n')
    preset = _preset(tmp_path, "settings:\n  fallbackModel: [claude-opus-4-7]\n")
    result = run_cli(["claude-tiers", "apply", str(preset), str(tmp_path / "p")])
    assert result.exit_code == 0, result.stderr
    assert json.loads(settings.read_text()) == {"fallbackModel": ["claude-opus-4-7"]}


# ----------------------------------------------------------------------------- targets


def test_a_claude_folder_as_path_is_its_project(tmp_path: Path, run_cli: Callable[..., Any]) -> None:
    (tmp_path / "p/.claude").mkdir(parents=True)
    result = run_cli(["claude-tiers", "apply", "sonnet-default", str(tmp_path / "p/.claude")])
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "p/.claude/settings.json").is_file()
    assert not (tmp_path / "p/.claude/.claude").exists()


def test_local_scope_in_a_git_subdirectory_targets_the_root_file(
        tmp_path: Path, run_cli: Callable[..., Any]) -> None:
    # Claude Code >= 2.1.211 reads settings.local.json at the git root even when started in a
    # subdirectory (facts 1.1; tests/oracle/test_apply_oracle.py asks 2.1.330).
    (tmp_path / ".git").mkdir()
    (tmp_path / "svc").mkdir()
    result = run_cli(["claude-tiers", "apply", "opus-hard", str(tmp_path / "svc"), "--scope",
                      "local"])
    assert result.exit_code == 0, result.stderr
    assert "note:" in result.stderr and "git repository" in result.stderr
    assert json.loads((tmp_path / ".claude/settings.local.json").read_text()) == \
        {"model": "claude-opus-4-7"}
    assert not (tmp_path / "svc/.claude/settings.local.json").exists()
    outside = tmp_path / "nogit"
    outside.mkdir()
    # Without a repository around it (tmp_path has .git: use a fresh tree elsewhere).
    import tempfile

    with tempfile.TemporaryDirectory() as bare:
        project = Path(bare) / "proj"
        project.mkdir()
        from claude_tiers.commands.apply import git_root, local_settings_file

        if git_root(project) is None:
            assert local_settings_file(project) == project / ".claude/settings.local.json"


# ----------------------------------------------------------------------------- output


def test_dry_run_patches_apply_with_git(tmp_path: Path) -> None:
    import subprocess
    import sys

    if shutil.which("git") is None:
        pytest.skip("needs git")
    crlf = tmp_path / "crlf"
    (crlf / ".claude").mkdir(parents=True)
    (crlf / ".claude/settings.json").write_bytes(b'{\r\n  "a": 1,\r\n  "model": "opus"\r\n}\r\n')
    secret = tmp_path / "secret"
    (secret / ".claude").mkdir(parents=True)
    (secret / ".claude/settings.json").write_text(
        '{\n  "env": {"ANTHROPIC_API_KEY": "sk-ant-api03-abcdefghijklmnopqrstuv"},\n'
        '  "model": "opus"\n}\n')
    (tmp_path / "new").mkdir()
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    for name, applies in (("crlf", True), ("new", True), ("secret", False)):
        # A real process: click's test runner turns CRLF into LF in what it captures.
        dry = subprocess.run([sys.executable, "-m", "claude_tiers", "apply", "sonnet-default",
                              name, "--dry-run"], capture_output=True, cwd=tmp_path)
        assert dry.returncode == 0, dry.stderr
        stdout = dry.stdout.decode()
        assert "sk-ant-api03" not in stdout
        patch = tmp_path / f"{name}.patch"
        patch.write_bytes(dry.stdout)
        check = subprocess.run(["git", "apply", "--check", str(patch)], capture_output=True,
                               text=True, cwd=tmp_path)
        assert (check.returncode == 0) == applies, (name, check.stderr, stdout)
        if name == "new":
            assert "would create new/.claude/settings.json" in stdout
        if name == "crlf":
            assert '"model": "claude-sonnet-4-6"\r\n' in stdout
            assert "would update crlf/.claude/settings.json" in stdout
        if name == "secret":
            assert stdout.startswith("# claude-tiers: secrets are masked")
    subprocess.run(["git", "apply", str(tmp_path / "crlf.patch")], check=True, cwd=tmp_path)
    assert (crlf / ".claude/settings.json").read_bytes() == \
        b'{\r\n  "a": 1,\r\n  "model": "claude-sonnet-4-6"\r\n}\r\n'


def test_commands_are_matched_by_their_colon_name(tmp_path: Path) -> None:
    from claude_tiers.presets import Preset, Rule

    commands = tmp_path / ".claude/commands"
    (commands / "frontend").mkdir(parents=True)
    (commands / "frontend/build.md").write_text("---\ndescription: b\nmodel: opus\n---\n")
    (commands / "build.md").write_text("---\ndescription: b\nmodel: opus\n---\n")
    rule = Rule("frontend:*", "claude-sonnet-4-6", None, "", "p")
    preset = Preset("p", "", "", None, {}, (), (), (rule,), "p.yaml")
    outcomes = [o for o in apply_to(tmp_path, preset, Options()) if o.path.endswith(".md")]
    assert [o.path.rsplit("/", 2)[-2:] for o in outcomes] == [["frontend", "build.md"]]
    assert "model: claude-sonnet-4-6" in (commands / "frontend/build.md").read_text()
    assert "model: opus" in (commands / "build.md").read_text()
