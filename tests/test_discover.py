"""Discovery: the same files in and out of git, skipped folders, explicit files, projects."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from claude_tiers import discover
from claude_tiers.errors import UserError

LINTED = {
    ".claude/settings.json": "settings",
    ".claude/settings.local.json": "local-settings",
    ".claude/settings.jsonc": "unread-settings",
    "claude_settings.json": "unread-settings",
    "managed-settings.json": "managed-settings",
    "policy/managed-settings.d/10-models.json": "managed-settings",
    "svc/a/.claude/settings.json": "settings",
    "svc/a/.claude/agents/reviewer.md": "agent",
    "svc/a/.claude/agents/team/deep/helper.md": "agent",
    "svc/a/.claude/commands/ship.md": "command",
    "svc/a/.claude/commands/git/commit.md": "command",
    "svc/a/.claude/skills/notes/SKILL.md": "skill",
    "svc/a/.claude/skills/flat.md": "flat-skill",
    "svc/b/claude_settings.json": "unread-settings",
}
NOT_LINTED = [
    ".claude/settings.json.bak",
    ".claude/settings.json~",
    ".claude/old-settings.json",
    ".claude/agents/notes.txt",
    ".claude/skills/notes/README.md",
    ".claude/skills/a/b/SKILL.md",
    "policy/managed-settings.d/.hidden.json",
    "policy/managed-settings.d/notes.txt",
    "settings.json",
    "README.md",
    "node_modules/pkg/.claude/settings.json",
    "svc/a/node_modules/x/.claude/agents/a.md",
    "vendor/lib/.claude/settings.json",
    "third_party/lib/.claude/settings.json",
    ".venv/lib/.claude/settings.json",
    "venv/.claude/settings.json",
    ".claude/worktrees/feature/.claude/settings.json",
    "ignored/.claude/settings.json",
]


def make_tree(root: Path) -> None:
    for rel in list(LINTED) + NOT_LINTED:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("{}\n" if rel.endswith("json") else "---\nname: x\n---\n")
    (root / ".gitignore").write_text("ignored/\n")


def found(root: Path) -> dict[str, str]:
    return {os.path.relpath(t.path, root).replace(os.sep, "/"): t.kind
            for t in discover.discover([root])}


def test_walk_outside_git(tmp_path: Path) -> None:
    make_tree(tmp_path)
    result = found(tmp_path)
    expected = dict(LINTED)
    expected["ignored/.claude/settings.json"] = "settings"  # no git: nothing is ignored
    assert result == expected


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_listing_honours_gitignore(tmp_path: Path) -> None:
    make_tree(tmp_path)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "add", "svc/a/.claude/settings.json"], check=True)
    targets = list(discover.discover([tmp_path]))
    assert {os.path.relpath(t.path, tmp_path): t.kind for t in targets} == LINTED
    tracked = {os.path.relpath(t.path, tmp_path) for t in targets if t.tracked}
    assert tracked == {"svc/a/.claude/settings.json"}
    assert all(t.tracked is not None for t in targets)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_subfolder_and_display(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_tree(tmp_path)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    monkeypatch.chdir(tmp_path)
    targets = list(discover.discover(["svc/a"]))
    assert [t.display for t in targets][:2] == ["svc/a/.claude/agents/reviewer.md",
                                                "svc/a/.claude/agents/team/deep/helper.md"]
    assert all(t.display.startswith("svc/a/") for t in targets)
    assert {t.project_root for t in targets} == {"svc/a"}


def test_results_are_sorted_and_unique(tmp_path: Path) -> None:
    make_tree(tmp_path)
    paths = [t.path for t in discover.discover([tmp_path, tmp_path / "svc", tmp_path])]
    assert len(paths) == len(set(os.path.abspath(p) for p in paths))


def test_explicit_files_whatever_their_name(tmp_path: Path) -> None:
    make_tree(tmp_path)
    (tmp_path / "custom.json").write_text("{}")
    names = [tmp_path / ".claude/settings.json.bak", tmp_path / "node_modules/pkg/.claude/settings.json",
             tmp_path / "svc/a/.claude/agents/reviewer.md", tmp_path / "custom.json"]
    kinds = [t.kind for t in discover.discover(names)]
    assert kinds == ["unread-settings", "settings", "agent", "settings"]


@pytest.mark.parametrize("name,kind", [
    ("x/.claude.json", "claude-json"),
    ("x/.claude/settings.local.json", "local-settings"),
    ("etc/managed-settings.d/20-x.json", "managed-settings"),
    ("docs/agents/reviewer.md", "agent"),
    ("docs/skills/x/SKILL.md", "skill"),
    ("docs/notes.md", "command"),
    ("x/settings.jsonc", "unread-settings"),
])
def test_infer_kind(name: str, kind: str) -> None:
    assert discover.infer_kind(name) == kind


def test_user_settings_kind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    user = tmp_path / "home" / ".claude"
    user.mkdir(parents=True)
    (user / "settings.json").write_text("{}")
    monkeypatch.setenv("CLAUDE_CONFIG_DIR", str(user))
    assert discover.infer_kind(user / "settings.json") == "user-settings"
    assert [t.kind for t in discover.discover([tmp_path / "home"])] == ["user-settings"]


def test_missing_path_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no such file"):
        list(discover.discover([tmp_path / "nope"]))


def test_find_projects(tmp_path: Path) -> None:
    make_tree(tmp_path)
    (tmp_path / "empty" / ".claude").mkdir(parents=True)
    projects = [p.relative_to(tmp_path).as_posix() for p in discover.find_projects(tmp_path)]
    assert projects == [".", "empty", "ignored", "svc/a"]


def test_kind_of_patterns() -> None:
    for rel, kind in LINTED.items():
        assert discover.kind_of(rel) == kind, rel
    for rel in NOT_LINTED[:-1]:
        assert discover.kind_of(rel) is None, rel
