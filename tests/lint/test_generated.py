"""Generated artifacts are current; the pre-commit hooks match exactly the linted files and work."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from claude_tiers.lint import docs

REPO = Path(__file__).resolve().parents[2]

MUST_MATCH = [
    ".claude/settings.json",
    ".claude/settings.local.json",
    ".claude/settings.jsonc",
    "claude_settings.json",
    "services/api/claude_settings.json",
    "managed-settings.json",
    "etc/claude-code/managed-settings.json",
    "etc/claude-code/managed-settings.d/10-models.json",
    "services/api/.claude/settings.json",
    "services/api/.claude/settings.local.json",
    ".claude/agents/reviewer.md",
    "a/b/.claude/agents/team/reviewer.md",
    ".claude/commands/ship.md",
    ".claude/commands/git/commit.md",
    ".claude/skills/notes/SKILL.md",
    "x/.claude/skills/notes/SKILL.md",
    ".claude/skills/flat.md",
]
MUST_NOT_MATCH = [
    ".claude/settings.json.bak",
    ".claude/settings.json~",
    ".claude/settings.json.orig",
    ".claude/old-settings.json",
    ".claude/settings.local.json.bak",
    "settings.json",
    "claude_settings.json.bak",
    "my_claude_settings.json.txt",
    "managed-settings.d/.hidden.json",
    "managed-settings.d/readme.txt",
    ".claude/agents/notes.txt",
    ".claude/agents/README",
    ".claude/skills/notes/README.md",
    ".claude/skills/notes/reference/SKILL.md",
    ".claude/skills/notes/skill.md",
    "docs/agents/reviewer.md",
    "README.md",
    "package.json",
    ".claude.json",
]
EXCLUDED = [
    "node_modules/pkg/.claude/settings.json",
    "a/node_modules/b/.claude/agents/x.md",
    "vendor/lib/.claude/settings.json",
    "third_party/lib/.claude/settings.json",
    ".venv/lib/site-packages/x/.claude/settings.json",
    "venv/.claude/settings.json",
    ".claude/worktrees/feature/.claude/settings.json",
]


def test_generated_files_are_current() -> None:
    stale = [str(p.relative_to(REPO)) for p, text in docs.outputs().items()
             if not p.exists() or p.read_text(encoding="utf-8") != text]
    assert not stale, f"regenerate with: python -m claude_tiers.lint.docs ({stale})"


def _hook_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    text = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    files = re.search(r"^  files: '(.*)'$", text, re.M)
    exclude = re.search(r"^  exclude: '(.*)'$", text, re.M)
    assert files and exclude
    return re.compile(files.group(1)), re.compile(exclude.group(1))


def _hooked(path: str) -> bool:
    files, exclude = _hook_patterns()
    return bool(files.search(path)) and not exclude.search(path)  # what pre-commit does


@pytest.mark.parametrize("path", MUST_MATCH)
def test_hook_matches(path: str) -> None:
    assert _hooked(path)


@pytest.mark.parametrize("path", MUST_NOT_MATCH + EXCLUDED)
def test_hook_does_not_match(path: str) -> None:
    assert not _hooked(path)


def test_hook_agrees_with_discovery() -> None:
    from claude_tiers.discover import kind_of

    for path in MUST_MATCH + MUST_NOT_MATCH + EXCLUDED:
        assert _hooked(path) == (kind_of(path) is not None), path


def test_hooks_manifest_is_valid_for_pre_commit() -> None:
    clientlib = pytest.importorskip("pre_commit.clientlib")
    clientlib.load_manifest(str(REPO / ".pre-commit-hooks.yaml"))


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env,
                          check=False)


@pytest.mark.slow
def test_pre_commit_try_repo_blocks_a_broken_settings_file(tmp_path: Path) -> None:
    pre_commit = Path(sys.executable).parent / "pre-commit"
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    if not pre_commit.exists():
        pytest.skip("pre-commit is not installed in this environment")
    repo = tmp_path / "repo"
    repo.mkdir()
    assert _git(repo, "init", "-q").returncode == 0
    settings = repo / ".claude" / "settings.json"
    settings.parent.mkdir()
    settings.write_text('{\n  "model": "claude-sonnet-4-6",\n}\n')
    assert _git(repo, "add", "-A").returncode == 0
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}

    def try_repo() -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(pre_commit), "try-repo", str(REPO), "claude-tiers-lint",
                               "--verbose"], cwd=repo, capture_output=True, text=True, env=env,
                              timeout=600, check=False)

    broken = try_repo()
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert ".claude/settings.json:2:31: CT001 [error] trailing comma" in broken.stdout
    settings.write_text('{\n  "model": "claude-sonnet-4-6"\n}\n')
    assert _git(repo, "add", "-A").returncode == 0
    clean = try_repo()
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout
