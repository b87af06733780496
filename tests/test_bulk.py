"""`claude-tiers apply` without a preset: bulk policy runs over projects and repositories."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claude_tiers import jsonio
from claude_tiers.commands import bulk
from claude_tiers.frontmatter import parse as parse_frontmatter
from tests.conftest import REPO, require_shared
from tests.policytree import POLICY, agent_text, make_tree, snapshot

GOLDEN = REPO / "tests" / "golden" / "bulk"


def run(paths: list[Path] | None = None, **kwargs: Any) -> tuple[int, str, str]:
    """bulk.main in this process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    kwargs.setdefault("jobs", 1)
    code = bulk.main(paths or [], out=out, err=err, **kwargs)
    return code, out.getvalue(), err.getvalue()


def golden(name: str, text: str) -> None:
    """Compare with tests/golden/bulk/NAME (UPDATE_GOLDEN=1 rewrites it)."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1" or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def counts(out: str) -> dict[str, tuple[int, int]]:
    """The summary table: outcome -> (projects, files)."""
    found = {}
    for line in out.splitlines():
        match = re.match(r"  (would change|changed|unchanged|skipped|failed) +(\d+) +(\d+)", line)
        if match:
            found[match.group(1).replace("would ", "")] = (int(match.group(2)),
                                                           int(match.group(3)))
    return found


def settings_of(root: Path, project: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((root / project / ".claude" / "settings.json").read_text())
    return data


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "mono"
    make_tree(root, 40, seed=3)
    monkeypatch.chdir(root)
    return root


# ----------------------------------------------------------------------------- basics


def test_apply_brings_every_project_to_its_policy_and_converges(tree: Path) -> None:
    before = snapshot(tree)
    code, out, _ = run()
    assert code == 1  # the two invalid files are reported, so the run is not clean
    assert "skipped" in out and "trailing comma" in out
    invalid = 0
    for settings in tree.rglob("settings.json"):
        rel = settings.relative_to(tree).as_posix()
        try:
            json.loads(before[rel])
        except ValueError:
            invalid += 1
            assert settings.read_bytes() == before[rel]  # never rewritten
            continue
        wanted = {"services": "claude-opus-4-6", "research": "claude-opus-4-7"}.get(
            rel.split("/")[0], "claude-sonnet-4-6")
        assert json.loads(settings.read_text())["model"] == wanted, rel
    assert invalid == 2
    for path in tree.rglob("*security-auditor.md"):
        fm = parse_frontmatter(path.read_text())
        assert fm is not None and fm.data["model"] == "claude-opus-4-7"
    for path in tree.rglob("*code-reviewer.md"):
        fm = parse_frontmatter(path.read_text())
        assert fm is not None and fm.data["model"] == "claude-sonnet-4-6"
    for path in tree.rglob("*docs-writer.md"):  # no rule: untouched
        assert path.read_bytes() == before[path.relative_to(tree).as_posix()]
    for path in tree.rglob("settings.local.json"):  # policy runs touch shared settings only
        assert path.read_bytes() == before[path.relative_to(tree).as_posix()]
    after = snapshot(tree)
    code, out, _ = run()
    assert snapshot(tree) == after  # idempotent: nothing rewritten
    assert counts(out)["changed"] == (0, 0)
    code, out, _ = run(check=True)
    assert counts(out)["change"] == (0, 0)
    assert code == 1  # still: the invalid files


def test_check_writes_nothing_and_reports_drift(tree: Path) -> None:
    before = snapshot(tree)
    code, out, _ = run(check=True)
    assert code == 1 and snapshot(tree) == before
    header = out.splitlines()[0].split()
    assert header == ["PROJECT", "FILE", "HAS", "WANTS", "RULE"]
    assert "services/p0008" in out
    assert "projects[0] 'services/*' (production-critical services)" in out


def test_parallel_and_serial_runs_agree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    results = []
    for jobs in (1, 2):
        root = tmp_path / f"j{jobs}"
        make_tree(root, 60, seed=5)
        monkeypatch.chdir(root)
        results.append((run(jobs=jobs), snapshot(root)))
    (one, files_one), (two, files_two) = results
    assert one == two and files_one == files_two


def test_dry_run_prints_a_patch_equal_to_the_real_run(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    dry, real = tmp_path / "dry", tmp_path / "real"
    make_tree(dry, 25, seed=7, invalid=0, crlf=False)
    make_tree(real, 25, seed=7, invalid=0, crlf=False)
    monkeypatch.chdir(dry)
    before = snapshot(dry)
    code, patch, err = run(dry_run=True)
    assert code == 0 and snapshot(dry) == before
    assert patch.startswith("--- a/") and "summary:" in err and "summary:" not in patch
    subprocess.run(["git", "apply", "-"], input=patch.encode(), cwd=dry, check=True)
    monkeypatch.chdir(real)
    assert run()[0] == 0
    assert snapshot(dry) == snapshot(real)


def test_paths_narrow_the_run(tree: Path) -> None:
    before = snapshot(tree)
    code, out, _ = run([Path("services")])
    changed = {k for k, v in snapshot(tree).items() if before[k] != v}
    assert changed and all(k.startswith("services/") for k in changed)
    assert "summary: 9 projects" in out and counts(out)["skipped"] == (1, 1)


def test_a_path_inside_a_project_file_narrows_to_that_project(tree: Path) -> None:
    code, out, _ = run([Path("apps/p0001/.claude/settings.json")])
    assert "summary: 1 project in 1 repository" in out
    assert settings_of(tree, "apps/p0001")["model"] == "claude-sonnet-4-6"


def test_tier_remap_moves_every_project_on_that_tier(tree: Path) -> None:
    run()
    policy = tree / "claude-tiers.yaml"
    policy.write_text("tiers:\n  1: claude-sonnet-4-5\n" + policy.read_text())
    code, out, _ = run(check=True)
    assert "model claude-sonnet-4-6 (tier 1)" not in out  # the old tier 1 model is not wanted
    assert "model claude-sonnet-4-5 (tier 1)" in out
    run()
    assert settings_of(tree, "apps/p0001")["model"] == "claude-sonnet-4-5"
    assert settings_of(tree, "services/p0008")["model"] == "claude-opus-4-6"  # tier 2 stays
    for path in tree.rglob("*code-reviewer.md"):
        fm = parse_frontmatter(path.read_text())
        assert fm is not None and fm.data["model"] == "claude-sonnet-4-5"


def test_env_anthropic_model_that_would_undo_the_policy_is_removed(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch
                                                                   ) -> None:
    root = tmp_path / "r"
    (root / ".claude").mkdir(parents=True)
    (root / "claude-tiers.yaml").write_text("default: sonnet-default\n")
    (root / ".claude" / "settings.json").write_text(
        '{\n  "model": "claude-sonnet-4-6",\n  "env": {\n    "ANTHROPIC_MODEL": "opus",\n'
        '    "A": "1"\n  }\n}\n')
    monkeypatch.chdir(root)
    code, out, _ = run()
    assert code == 0 and "removed env.ANTHROPIC_MODEL" in out
    assert (root / ".claude" / "settings.json").read_text() == (
        '{\n  "model": "claude-sonnet-4-6",\n  "env": {\n    "A": "1"\n  }\n}\n')


# ----------------------------------------------------------------------------- projects


def test_named_projects_are_created_and_missing_ones_reported(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    root = tmp_path / "r"
    (root / "tools" / "new").mkdir(parents=True)
    (root / "claude-tiers.yaml").write_text(
        "projects:\n  - match: tools/new\n    preset: opus-production\n"
        "  - match: tools/gone\n    preset: opus-production\n")
    monkeypatch.chdir(root)
    code, out, _ = run()
    assert settings_of(root, "tools/new") == {"model": "claude-opus-4-6"}
    assert "created tools/new/.claude/settings.json" in out
    assert "skipped tools/gone: named by a projects rule but the folder does not exist" in out
    assert "missing: 1" in out
    assert code == 1


def test_projects_no_rule_covers_are_skipped_without_failing(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    root = tmp_path / "r"
    for name in ("services/a", "tools/b"):
        (root / name / ".claude").mkdir(parents=True)
        (root / name / ".claude" / "settings.json").write_text('{"model": "opus"}\n')
    (root / "claude-tiers.yaml").write_text(
        "projects:\n  - match: services/*\n    preset: sonnet-default\n")
    monkeypatch.chdir(root)
    code, out, _ = run()
    assert code == 0
    assert "skipped tools/b: no projects rule and no default" in out
    assert "no rule covers the project: 1" in out
    assert settings_of(root, "tools/b") == {"model": "opus"}


def test_a_whole_repository_path_with_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "g"
    make_tree(root, 12, seed=9, invalid=0)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (root / "node_modules" / "x" / ".claude").mkdir(parents=True)
    decoy = root / "node_modules" / "x" / ".claude" / "settings.json"
    decoy.write_text('{"model": "opus"}\n')
    monkeypatch.chdir(tmp_path)
    code, out, _ = run([root])
    assert code == 0 and "summary: 12 projects in 1 repository" in out
    assert decoy.read_text() == '{"model": "opus"}\n'  # git ls-files discovery skips it


# ----------------------------------------------------------------------------- safety


def test_invalid_files_are_never_rewritten_and_carry_the_lint_diagnostic(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "r"
    files = {"a": '{"model": 42}\n', "b": '{"model": "opus",}\n',
             "c": '{"model": "opus", "model": "sonnet"}\n', "d": '{"model": "opus"}\n'}
    for name, text in files.items():
        (root / name / ".claude").mkdir(parents=True)
        (root / name / ".claude" / "settings.json").write_text(text)
    (root / "claude-tiers.yaml").write_text("default: sonnet-default\n")
    monkeypatch.chdir(root)
    code, out, _ = run()
    assert code == 1
    for name in "abc":
        assert (root / name / ".claude" / "settings.json").read_text() == files[name]
    assert "skipped a/.claude/settings.json:1:2: CT100 [error] model: expected a string" in out
    assert "skipped b/.claude/settings.json:1:17: CT001 [error] trailing comma" in out
    assert "(invalid-json); left untouched" in out
    assert "CT003 [error]" in out
    assert "invalid file: 3" in out
    assert settings_of(root, "d") == {"model": "claude-sonnet-4-6"}


def test_a_file_changed_between_read_and_write_is_not_overwritten(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "r"
    for name in ("a", "b"):
        (root / name / ".claude").mkdir(parents=True)
        (root / name / ".claude" / "settings.json").write_text('{"model": "opus"}\n')
    (root / "claude-tiers.yaml").write_text("default: sonnet-default\n")
    monkeypatch.chdir(root)
    theirs = '{"model": "claude-haiku-4-5", "theirs": true}\n'
    real_snapshot = jsonio.snapshot
    raced: list[str] = []

    def racing_snapshot(path: Any, *args: Any, **kwargs: Any) -> Any:
        state = real_snapshot(path, *args, **kwargs)
        if "a/.claude" in str(path) and not raced:  # someone saves the file right after our read
            raced.append(str(path))
            Path(path).write_text(theirs)
        return state

    monkeypatch.setattr(jsonio, "snapshot", racing_snapshot)
    code, out, _ = run()
    assert code == 1
    assert (root / "a" / ".claude" / "settings.json").read_text() == theirs
    assert "skipped a/.claude/settings.json: changed on disk since it was read; not written" in out
    assert "changed on disk while running: 1" in out
    assert settings_of(root, "b") == {"model": "claude-sonnet-4-6"}


def test_symlinks_out_of_the_repository_are_not_followed(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    root, outside = tmp_path / "r", tmp_path / "outside"
    (outside / ".claude" / "agents").mkdir(parents=True)
    (outside / ".claude" / "settings.json").write_text('{"model": "opus"}\n')
    (outside / "settings.json").write_text('{"model": "opus"}\n')
    (outside / "reviewer.md").write_text(agent_text("code-reviewer", "opus"))
    (outside / ".claude" / "agents" / "code-reviewer.md").write_text(
        agent_text("code-reviewer", "opus"))
    (root / "linked-dir").mkdir(parents=True)
    (root / "linked-dir" / ".claude").symlink_to(outside / ".claude")
    (root / "linked-file" / ".claude" / "agents").mkdir(parents=True)
    (root / "linked-file" / ".claude" / "settings.json").symlink_to(outside / "settings.json")
    (root / "linked-file" / ".claude" / "agents" / "code-reviewer.md").symlink_to(
        outside / "reviewer.md")
    (root / "inside" / ".claude").mkdir(parents=True)
    (root / "inside" / ".claude" / "settings.json").write_text('{"model": "opus"}\n')
    (root / "alias" / ".claude").mkdir(parents=True)  # a link within the repository is followed
    (root / "alias" / ".claude" / "settings.json").symlink_to(
        root / "inside" / ".claude" / "settings.json")
    (root / "claude-tiers.yaml").write_text(POLICY)
    before = snapshot(outside)
    monkeypatch.chdir(root)
    for check in (True, False):
        code, out, _ = run(check=check)
        assert code == 1
        assert snapshot(outside) == before  # nothing outside the root is ever written
        assert "linked-dir/.claude: links outside" in out
        assert "linked-file/.claude/settings.json: links outside" in out
        assert "linked-file/.claude/agents/code-reviewer.md: links outside" in out
        assert "links outside the repository: 3" in out
    assert settings_of(root, "inside") == {"model": "claude-sonnet-4-6"}
    assert (root / "alias" / ".claude" / "settings.json").is_symlink()


# ----------------------------------------------------------------------------- repositories


def make_repos(base: Path) -> dict[str, Path]:
    repos = {}
    for name, policy in (("alpha", "default: sonnet-default\n"), ("beta", None),
                         ("gamma", "default: no-such-preset\n"),
                         ("delta", "default: opus-production\n")):
        root = base / name
        (root / ".git").mkdir(parents=True)
        (root / "svc" / ".claude").mkdir(parents=True)
        (root / "svc" / ".claude" / "settings.json").write_text('{"model": "opus"}\n')
        if policy is not None:
            (root / "claude-tiers.yaml").write_text(policy)
        repos[name] = root
    return repos


def test_many_repositories_a_failing_one_is_reported_and_the_run_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repos = make_repos(tmp_path / "clones")
    listing = tmp_path / "repos.txt"
    listing.write_text("# checkouts\nclones/alpha\nclones/beta\n\nclones/gamma\nclones/missing\n"
                       "clones/delta\n")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(repos_file=listing)
    assert code == 1
    assert settings_of(repos["alpha"], "svc")["model"] == "claude-sonnet-4-6"
    assert settings_of(repos["delta"], "svc")["model"] == "claude-opus-4-6"
    assert settings_of(repos["beta"], "svc")["model"] == "opus"
    golden("repos.txt", out)


def test_an_imposed_policy_applies_to_every_repository(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    repos = make_repos(tmp_path / "clones")
    org = tmp_path / "org.yaml"
    org.write_text("default: opus-hard\nprojects:\n  - match: svc\n    preset: opus-production\n"
                   "    reason: org-wide\n")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run([repos["beta"], repos["gamma"]], policy_file=org)
    assert code == 0
    for name in ("beta", "gamma"):
        assert settings_of(repos[name], "svc")["model"] == "claude-opus-4-6"
    assert "REPOSITORY" in out


def test_single_repository_without_policy_is_a_usage_error(tmp_path: Path, run_cli: Any,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    result = run_cli(["claude-tiers", "apply"])
    assert result.exit_code == 2
    assert "no PRESET given and no tier policy" in result.stderr
    assert "claude-tiers init" in result.stderr


def test_single_repository_with_unknown_preset_is_a_config_error(tmp_path: Path, run_cli: Any,
                                                                 monkeypatch: pytest.MonkeyPatch
                                                                 ) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "claude-tiers.yaml").write_text("projects:\n  - match: a\n    preset: nope\n")
    monkeypatch.chdir(tmp_path)
    result = run_cli(["claude-tiers", "apply", "--check"])
    assert result.exit_code == 2
    assert "projects[0].preset: unknown preset 'nope'" in result.stderr


def test_preset_only_flags_and_scope_are_refused(tmp_path: Path, run_cli: Any,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    make_tree(tmp_path, 3, invalid=0)
    monkeypatch.chdir(tmp_path)
    assert run_cli(["claude-tiers", "apply", "sonnet-default", "--jobs", "2"]).exit_code == 2
    result = run_cli(["claude-tiers", "apply", "--scope", "local"])
    assert result.exit_code == 2 and "--scope is for applying one preset" in result.stderr


def test_first_argument_is_a_preset_or_a_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                              ) -> None:
    (tmp_path / "services").mkdir()
    monkeypatch.chdir(tmp_path)
    assert bulk.is_preset_ref("sonnet-default")
    assert bulk.is_preset_ref("./mine.yaml")
    assert bulk.is_preset_ref("no-such-thing")  # so the user hears "unknown preset"
    assert not bulk.is_preset_ref("services")


# ----------------------------------------------------------------------------- output


def small_repo(root: Path) -> None:
    """A fixed repository for the golden output."""
    files = {
        ".claude/settings.json": '{\n  "model": "opus",\n  "defaultModel": "opus"\n}\n',
        "services/auth/.claude/settings.json": '{\n  "model": "claude-opus-4-6"\n}\n',
        "services/auth/.claude/agents/security-auditor.md": agent_text("security-auditor",
                                                                       "sonnet"),
        "services/pay/.claude/settings.json": '{\n  "model": "sonnet"\n}\n',
        "services/pay/.claude/agents/code-reviewer.md": agent_text("code-reviewer", "opus"),
        "research/deep/.claude/settings.json": '{"model": "claude-opus-4-7"}\n',
        "apps/web/.claude/settings.json": '{\n  "model": "claude-sonnet-4-6",\n'
                                          '  "env": {"ANTHROPIC_MODEL": "opus"}\n}\n',
        "apps/broken/.claude/settings.json": '{"model": "opus",}\n',
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    (root / "claude-tiers.yaml").write_text(POLICY)


def test_golden_check_apply_and_summary(tmp_path: Path, run_cli: Any,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    small_repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    check = run_cli(["claude-tiers", "apply", "--check"])
    assert check.exit_code == 1
    golden("check.txt", check.stdout)
    done = run_cli(["claude-tiers", "apply"])
    assert done.exit_code == 1  # apps/broken stays invalid
    assert counts(check.stdout)["change"] == counts(done.stdout)["changed"] == (4, 5)
    golden("apply.txt", done.stdout)
    again = run_cli(["claude-tiers", "apply", "--check"])
    golden("check-after-apply.txt", again.stdout)
    assert counts(again.stdout)["change"] == (0, 0)


def test_stale_leftovers_of_killed_runs_are_removed(tmp_path: Path) -> None:
    claude = tmp_path / ".claude"
    (claude / "agents").mkdir(parents=True)
    old = [claude / ".settings.json.abc.claude-tiers.tmp",
           claude / "agents" / ".x.md.q1.claude-tiers.tmp"]
    young = claude / ".settings.json.new.claude-tiers.tmp"
    other = claude / ".settings.json.keep.tmp"
    for path in (*old, young, other):
        path.write_text("{")
    for path in (*old, other):
        os.utime(path, (1, 1))
    assert bulk.remove_stale_leftovers(claude) == 2
    assert not any(p.exists() for p in old) and young.exists() and other.exists()


def test_table_lines_up_every_row_and_keeps_rows_out_of_memory() -> None:
    out = io.StringIO()
    table = bulk.Table(out, ("A", "B", "C"))
    for i in range(300):
        table.add(("x", "1", "first"))
    table.add(("a-much-longer-cell-after-300-rows", "2", "last"))
    assert out.getvalue() == "" and table.spool.file is not None  # spooled, not buffered
    table.flush()
    lines = out.getvalue().splitlines()
    assert len(lines) == 302
    assert {line.index("1") for line in lines[1:-1]} == {lines[-1].index("2")}  # one column
    assert lines[0].split() == ["A", "B", "C"]


def test_progress_only_on_a_terminal() -> None:
    quiet = io.StringIO()
    bar = bulk.Progress(quiet, 10)
    bar.step(10)
    bar.clear()
    assert quiet.getvalue() == ""
    shown = io.StringIO()
    bar = bulk.Progress(shown, 10, enabled=True)
    bar.step(10)
    assert "[##############################] 10/10 projects" in shown.getvalue()
    bar.clear()
    assert shown.getvalue().endswith("\r\033[K")


def test_no_progress_bar_when_stderr_is_not_a_terminal(tree: Path) -> None:
    _, _, err = run()
    assert "\r" not in err


# ----------------------------------------------------------------------------- properties


@given(seed=st.integers(0, 10_000), projects=st.integers(1, 12))
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_bulk_apply_is_idempotent_and_check_passes_after_it(seed: int, projects: int) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "r"
        make_tree(root, projects, seed=seed, invalid=0)
        code, _, _ = run([root])
        assert code == 0
        once = snapshot(root)
        code, out, _ = run([root])
        assert code == 0 and snapshot(root) == once
        code, out, _ = run([root], check=True)
        assert code == 0, out


# ----------------------------------------------------------------------------- a real-sized tree


def test_generated_monorepo_with_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shared = require_shared()
    root = tmp_path / "mono"
    subprocess.run(["python3", str(shared / "bench" / "make_monorepo.py"), "--projects", "200",
                    "--seed", "1", "--out", str(root)], check=True, stdout=subprocess.DEVNULL)
    manifest = json.loads((root / "MANIFEST.json").read_text())
    git = ["git", "-c", "user.email=t@example.com", "-c", "user.name=t"]
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "tree"], cwd=root, check=True)
    (root / "claude-tiers.yaml").write_text(POLICY)
    monkeypatch.chdir(root)
    decoys = {d: (root / d).read_bytes() for d in manifest["decoys"]}
    code, out, _ = run(jobs=2)
    assert code == 1  # the generator's invalid files are skipped
    invalid = {i["path"] for i in manifest["invalid"]}
    skipped = [line for line in out.splitlines() if line.startswith("skipped ")]
    assert {line.split(":")[0][len("skipped "):] for line in skipped} == invalid
    assert all((root / d).read_bytes() == raw for d, raw in decoys.items())
    code, out, _ = run(check=True, jobs=2)
    assert counts(out)["change"] == (0, 0)
    from claude_tiers.commands.lint import run_lint

    lint_out = io.StringIO()
    run_lint(["."], select=["CT701", "CT702", "CT704"], stream=lint_out, color=False)
    flagged = {line.split(":")[0] for line in lint_out.getvalue().splitlines() if ": CT7" in line}
    assert flagged <= invalid, flagged - invalid


# ----------------------------------------------------------------------------- audit fixes


def test_a_recursive_anchor_fails_its_repository_only(tmp_path: Path, run_cli: Any,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    repos = make_repos(tmp_path / "clones")
    (repos["gamma"] / "claude-tiers.yaml").write_text("x: &x {a: *x}\ndefault: sonnet-default\n")
    listing = tmp_path / "repos.txt"
    listing.write_text("clones/alpha\nclones/gamma\nclones/delta\n")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(repos_file=listing)
    assert code == 1
    assert "failed clones/gamma: " in out and "gamma/claude-tiers.yaml: x.a: a YAML alias" in out
    assert settings_of(repos["delta"], "svc")["model"] == "claude-opus-4-6"  # the run went on
    monkeypatch.chdir(repos["gamma"])
    result = run_cli(["claude-tiers", "apply", "--check"])
    assert result.exit_code == 2 and "recursive anchor" in result.stderr
    assert "internal error" not in result.stderr


def test_preset_paths_resolve_from_the_policy_file_not_the_working_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "r"
    (root / ".git").mkdir(parents=True)
    (root / "presets").mkdir()
    (root / "presets" / "x.yaml").write_text("description: ours\nsettings:\n"
                                             "  model: claude-haiku-4-5\n")
    (root / "claude-tiers.yaml").write_text("default: presets/x.yaml\n")
    (root / "services" / "a" / ".claude").mkdir(parents=True)
    monkeypatch.chdir(root / "services")
    code, out, err = run([Path(".")])
    assert code == 0, out + err
    assert settings_of(root, "services/a") == {"model": "claude-haiku-4-5"}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_nested_lint_only_config_keeps_the_repository_policy(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch
                                                                ) -> None:
    root = tmp_path / "r"
    (root / ".git").mkdir(parents=True)
    (root / "claude-tiers.yaml").write_text(POLICY)
    (root / "svc" / "c" / ".claude").mkdir(parents=True)
    (root / "svc" / "c" / ".claude" / "settings.json").write_text('{"model": "opus"}\n')
    (root / "svc" / "c" / "pyproject.toml").write_text("[tool.claude-tiers.lint]\nignore = []\n")
    monkeypatch.chdir(root)
    code, out, _ = run([Path("svc/c")], check=True)
    assert code == 1 and "svc/c" in out and "model claude-sonnet-4-6 (tier 1)" in out
    from claude_tiers.commands.lint import run_lint

    lint_out = io.StringIO()
    assert run_lint(["svc/c"], select=["CT7"], stream=lint_out, color=False) == 1
    assert "CT701" in lint_out.getvalue()


def test_narrowing_paths_must_select_something(tree: Path, run_cli: Any) -> None:
    (tree / "apps" / "p0001" / "src" / "deep").mkdir(parents=True)
    code, out, _ = run([Path("apps/p0001/src/deep")], check=True)
    assert "summary: 1 project in 1 repository" in out  # inside a project: that project
    (tree / "emptydir").mkdir()
    code, out, _ = run([Path("emptydir")], check=True)
    assert "summary: 1 project" in out and "skipped .claude/settings.json" in out  # the root
    import shutil

    shutil.rmtree(tree / ".claude")  # the root is no project now
    for args, message in ((["emptydir"], "emptydir: no project there"),
                          (["servics/"], "no such file or directory: servics"),
                          (["apps/p0001/nope/"], "no such file or directory")):
        result = run_cli(["claude-tiers", "apply", "--check", *args])
        assert result.exit_code == 2, (args, result.stdout, result.stderr)
        assert message in result.stderr and "preset" not in result.stderr
    (tree / "research" / "new").mkdir(parents=True, exist_ok=True)
    code, out, _ = run([Path("research/new")], check=True)  # a rule covers it: created
    assert "research/new" in out and "summary: 1 project" in out


def test_check_rows_one_per_key_with_the_value_there_now(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "r"
    (root / ".claude").mkdir(parents=True)
    (root / "claude-tiers.yaml").write_text("default: opusplan\n")
    (root / ".claude" / "settings.json").write_text(
        '{"model": "opus", "env": {"ANTHROPIC_MODEL": "claude-opus-4-7", "KEEP": "1"}}\n')
    monkeypatch.chdir(root)
    code, out, _ = run(check=True)
    assert code == 1
    rows = [line.split() for line in out.splitlines()[1:5]]
    assert [r[2] for r in rows] == ["model", "env.ANTHROPIC_DEFAULT_OPUS_MODEL",
                                    "env.ANTHROPIC_DEFAULT_SONNET_MODEL", "env.ANTHROPIC_MODEL"]
    assert rows[3][3:6] == ["claude-opus-4-7", "(tier", "3)"] and rows[3][6] == "(removed)"
    assert "(unset)" in rows[1] and "," not in out.splitlines()[2]


def test_check_table_under_an_imposed_policy_names_its_file_and_tiers(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repos = make_repos(tmp_path / "clones")
    org = tmp_path / "org.yaml"
    org.write_text("tiers:\n  3: claude-opus-4-6\ndefault: opus-hard\n"
                   "agents:\n  - match: '*'\n    tier: 3\n    reason: all\n")
    (repos["alpha"] / "svc" / ".claude" / "agents").mkdir()
    (repos["alpha"] / "svc" / ".claude" / "agents" / "a.md").write_text(agent_text("a", "opus"))
    monkeypatch.chdir(tmp_path)
    code, out, _ = run([repos["alpha"]], policy_file=org, check=True)
    assert code == 1
    assert "model claude-opus-4-6 (tier 3)  org.yaml default" in out
    assert "org.yaml agents[0] '*' (all)" in out
    assert "(tier 2)" not in out


def test_project_folders_linking_outside_are_reported(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    root, outside = tmp_path / "r", tmp_path / "elsewhere"
    (outside / ".claude").mkdir(parents=True)
    (outside / ".claude" / "settings.json").write_text('{"model": "opus"}\n')
    (root / "services").mkdir(parents=True)
    (root / "services" / "linked").symlink_to(outside)
    (root / "claude-tiers.yaml").write_text(POLICY)
    monkeypatch.chdir(root)
    for check in (True, False):
        code, out, _ = run(check=check)
        assert code == 1
        assert "skipped services/linked: links outside the repository" in out
        assert "links outside the repository: 1" in out
    assert (outside / ".claude" / "settings.json").read_text() == '{"model": "opus"}\n'


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_named_settings_json_is_skipped_not_waited_on(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    root = tmp_path / "r"
    (root / "a" / ".claude").mkdir(parents=True)
    os.mkfifo(root / "a" / ".claude" / "settings.json")
    (root / "b" / ".claude").mkdir(parents=True)
    (root / "claude-tiers.yaml").write_text("default: sonnet-default\n")
    monkeypatch.chdir(root)
    for check in (True, False):
        code, out, _ = run(check=check)
        assert code == 1
        assert "skipped a/.claude/settings.json: not a regular file" in out
        assert "invalid file: 1" in out


# ----------------------------------------------------------------------------- labels and notes


def remapped_repo(root: Path) -> None:
    """Tier 3 remapped to tier 2's model; a settings file with an entry Claude Code skips, one
    already as the policy wants it but with a problem, and a file Claude Code never reads."""
    (root / ".git").mkdir(parents=True)
    (root / "claude-tiers.yaml").write_text(
        "tiers:\n  3: claude-opus-4-6\ndefault: opus-hard\n"
        "agents:\n  - match: '*'\n    tier: 3\n    reason: all\n")
    files = {
        ".claude/settings.json": '{"model": "sonnet", "permissions": {"allow": ["Bash(ls"]}}\n',
        ".claude/agents/a.md": agent_text("a", "claude-opus-4-7"),
        "svc/.claude/settings.json": '{"model": "claude-opus-4-6", "hooks": {"Nope": []}}\n',
        "svc/claude_settings.json": "{}\n",
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)


def test_policy_runs_label_tiers_as_the_policy_numbers_them(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The per-file lines of apply name tier 3 as the policy remaps it (to tier 2's model), as
    the --check table does; not as the catalog's tier 2."""
    remapped_repo(tmp_path / "r")
    monkeypatch.chdir(tmp_path / "r")
    _, checked, _ = run(check=True)
    _, patch, _ = run(dry_run=True)
    _, applied, _ = run()
    for out in (checked, applied):
        assert "claude-opus-4-6 (tier 3)" in out
        assert "(tier 2)" not in out
    assert "updated .claude/settings.json: model sonnet -> claude-opus-4-6 (tier 3)" in applied
    assert "updated .claude/agents/a.md: model claude-opus-4-7 -> claude-opus-4-6 (tier 3) (all)" \
        in applied
    assert "note:" not in patch  # --dry-run keeps stdout a clean patch


def test_policy_runs_show_what_apply_notes_once_per_file(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    remapped_repo(tmp_path / "r")
    monkeypatch.chdir(tmp_path / "r")
    skipped_rule = ('note: .claude/settings.json already has a problem the preset does not touch: '
                    'permissions.allow.0: malformed rule "Bash(ls"')
    unknown_hook = ('note: svc/.claude/settings.json already has a problem the preset does not '
                    'touch: hooks.Nope: unknown hook event "Nope"')
    never_read = "note: svc/claude_settings.json is never read by Claude Code"
    code, checked, _ = run(check=True)
    table, _, after = checked.partition("\n\n")
    assert "note:" not in table  # the table stays one block; notes follow it
    _, _, dry = run(dry_run=True)
    _, applied, _ = run()
    _, again, _ = run()  # nothing changes now, and the problems are still there
    for out in (after, dry, applied, again):
        for note in (skipped_rule, unknown_hook, never_read):
            assert out.count(note) == 1, (note, out)
    assert code == 1 and counts(again)["changed"] == (0, 0)
    golden("notes.txt", applied)


def test_the_check_table_tiers_only_what_claude_code_really_runs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """CLAUDE-SONNET-4-6 is lower-cased by Claude Code (tier 1); sonnet-4-6 is sent verbatim
    and rejected (no tier)."""
    root = tmp_path / "r"
    (root / ".git").mkdir(parents=True)
    (root / "claude-tiers.yaml").write_text("default: opus-production\n")
    for name, model in (("a", "CLAUDE-SONNET-4-6"), ("b", "sonnet-4-6")):
        (root / name / ".claude").mkdir(parents=True)
        (root / name / ".claude" / "settings.json").write_text(json.dumps({"model": model}))
    monkeypatch.chdir(root)
    _, out, _ = run(check=True)
    assert "model CLAUDE-SONNET-4-6 (tier 1)" in out
    assert "model sonnet-4-6  " in out and "sonnet-4-6 (tier" not in out
    _, out, _ = run()
    assert "model CLAUDE-SONNET-4-6 (tier 1) -> claude-opus-4-6 (tier 2)" in out
    assert "model sonnet-4-6 -> claude-opus-4-6 (tier 2)" in out
