"""Discovery: the same files in and out of git, skipped folders, explicit files, projects."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

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
    targets = list(discover.discover([tmp_path / "svc", tmp_path, tmp_path / "svc"]))
    paths = [t.path for t in targets]
    assert len(paths) == len(set(os.path.abspath(p) for p in paths))
    assert [t.display for t in targets] == sorted(t.display for t in targets)
    one = list(discover.discover([tmp_path]))
    assert [t.display for t in one] == sorted(t.display for t in one)
    assert {os.path.abspath(p) for p in paths} == {os.path.abspath(t.path) for t in one}


def test_explicit_files_whatever_their_name(tmp_path: Path) -> None:
    make_tree(tmp_path)
    (tmp_path / "custom.json").write_text("{}")
    names = [tmp_path / ".claude/settings.json.bak", tmp_path / "node_modules/pkg/.claude/settings.json",
             tmp_path / "svc/a/.claude/agents/reviewer.md", tmp_path / "custom.json"]
    kinds = {t.path: t.kind for t in discover.discover(names)}
    assert kinds == dict(zip(map(str, names), ["unread-settings", "settings", "agent", "settings"]))


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


_PARTS = [".claude", "agents", "commands", "skills", "settings.json", "settings.local.json",
          "settings.jsonc", "claude_settings.json", "managed-settings.json", "managed-settings.d",
          "x.md", "SKILL.md", ".md", "..md", "a.json", ".h.json", ".json", "", "a", "worktrees",
          "node_modules"]


@given(st.lists(st.sampled_from(_PARTS), min_size=1, max_size=7), st.booleans())
def test_named_file_kinds_need_no_regex_and_agree_with_discovery(parts: list[str],
                                                                 absolute: bool) -> None:
    """infer_kind matches names with string methods (no regex compiled for 'lint FILE'); it
    must give what the discovery patterns give."""
    path = ("/" if absolute else "") + "/".join(parts)
    assert discover._name_kind(path) == discover.kind_of(path, skip=False), path


def test_linting_a_named_file_compiles_no_discovery_regex(tmp_path: Path) -> None:
    import subprocess as sp
    import sys

    (tmp_path / ".claude").mkdir()
    (tmp_path / ".claude/settings.json").write_text("{}")
    code = ("import sys; from claude_tiers import discover; "
            "list(discover.discover([sys.argv[1]])); print(sorted(n for n in ('_ANY', '_EXCLUDED', "
            "'_STAGED') if getattr(discover, n)._compiled is not None), len(discover._KIND_RES))")
    out = sp.run([sys.executable, "-c", code, str(tmp_path / ".claude/settings.json")],
                 capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[] 0"


def _git(*args: str) -> None:
    subprocess.run(["git", *args], check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t",
                        "GIT_ALLOW_PROTOCOL": "file"})


def _rels(targets: object, root: Path) -> dict[str, str]:
    return {os.path.relpath(t.path, root).replace(os.sep, "/"): t.kind
            for t in targets}  # type: ignore[attr-defined]


@pytest.mark.parametrize("use_git", [False, True])
def test_naming_a_claude_folder_or_a_subfolder_searches_it(tmp_path: Path, use_git: bool,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    if use_git and shutil.which("git") is None:
        pytest.skip("git is not installed")
    make_tree(tmp_path)
    if use_git:
        _git("init", "-q", str(tmp_path))
    monkeypatch.chdir(tmp_path / "svc/a")
    claude = list(discover.discover([".claude"]))
    assert _rels(claude, tmp_path / "svc/a") == {
        k[len("svc/a/"):]: v for k, v in LINTED.items() if k.startswith("svc/a/.claude/")}
    assert {t.project_root for t in claude} == {"."}
    agents = list(discover.discover([".claude/agents"]))
    assert [t.display for t in agents] == [".claude/agents/reviewer.md",
                                           ".claude/agents/team/deep/helper.md"]
    assert all(t.kind == "agent" and t.project_root == "." for t in agents)
    assert [t.kind for t in discover.discover([".claude/agents/team"])] == ["agent"]
    drop_ins = list(discover.discover([tmp_path / "policy/managed-settings.d"]))
    assert [t.kind for t in drop_ins] == ["managed-settings"]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_an_explicitly_named_ignored_or_skipped_folder_is_searched(tmp_path: Path) -> None:
    make_tree(tmp_path)
    _git("init", "-q", str(tmp_path))
    assert _rels(discover.discover([tmp_path / "ignored"]), tmp_path) == {
        "ignored/.claude/settings.json": "settings"}
    assert _rels(discover.discover([tmp_path / "node_modules/pkg"]), tmp_path) == {
        "node_modules/pkg/.claude/settings.json": "settings"}
    assert [t.tracked for t in discover.discover([tmp_path / "ignored"])] == [False]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_nested_repositories_and_submodules_are_linted(tmp_path: Path) -> None:
    source = tmp_path / "source"
    (source / ".claude").mkdir(parents=True)
    (source / ".claude/settings.json").write_text("{}")
    _git("init", "-q", str(source))
    _git("-C", str(source), "add", ".")
    _git("-C", str(source), "commit", "-qm", "x")
    top = tmp_path / "top"
    (top / "nested/.claude").mkdir(parents=True)
    (top / "nested/.claude/settings.json").write_text("{}")
    _git("init", "-q", str(top))
    _git("init", "-q", str(top / "nested"))
    _git("-C", str(top), "-c", "protocol.file.allow=always", "submodule", "add", "-q",
         str(source), "libs/sub")
    assert _rels(discover.discover([top]), top) == {
        "libs/sub/.claude/settings.json": "settings",
        "nested/.claude/settings.json": "settings"}


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_ignored_local_settings_are_linted(tmp_path: Path) -> None:
    (tmp_path / ".claude").mkdir()
    (tmp_path / ".claude/settings.json").write_text("{}")
    (tmp_path / ".claude/settings.local.json").write_text("{}")
    (tmp_path / ".gitignore").write_text(".claude/settings.local.json\n")
    _git("init", "-q", str(tmp_path))
    targets = {os.path.relpath(t.path, tmp_path): t for t in discover.discover([tmp_path])}
    local = targets[".claude/settings.local.json"]
    assert local.kind == "local-settings" and local.tracked is False


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize("named", [".", ".claude"])
def test_a_lone_git_ignored_local_settings_file_is_found(tmp_path: Path, named: str) -> None:
    """Before: with nothing else in .claude/ for git to list, the project was never seen."""
    (tmp_path / ".claude").mkdir()
    (tmp_path / ".claude/settings.local.json").write_text("{}")
    (tmp_path / ".gitignore").write_text(".claude/settings.local.json\n")
    _git("init", "-q", str(tmp_path))
    [target] = discover.discover([tmp_path / named])
    assert (target.kind, target.tracked) == ("local-settings", False)
    assert os.path.relpath(target.path, tmp_path) == ".claude/settings.local.json"


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_state(tmp_path: Path) -> None:
    outside = tmp_path / "outside.json"
    outside.write_text("{}")
    repo = tmp_path / "repo"
    (repo / ".claude").mkdir(parents=True)
    _git("init", "-q", str(repo))
    (repo / ".gitignore").write_text(".claude/settings.local.json\n")
    for name in ("tracked.json", "loose.json", ".claude/settings.local.json"):
        (repo / name).write_text("{}")
    _git("-C", str(repo), "add", "tracked.json")
    assert discover.git_state(str(outside)) == "outside"
    assert discover.git_state(str(repo / "tracked.json")) == "tracked"
    assert discover.git_state(str(repo / "loose.json")) == "untracked"
    assert discover.git_state(str(repo / ".claude/settings.local.json")) == "ignored"


@pytest.mark.parametrize("name,kind,lint_as", [
    ("notes.txt", "unread-settings", "settings"),
    ("settings.json.bak", "unread-settings", "settings"),
    ("settings.local.json.bak", "unread-settings", "local-settings"),
    ("managed-settings.json.orig", "unread-settings", "managed-settings"),
    ("claude_settings.json", "unread-settings", "settings"),
    ("my.json", "settings", None),  # any .json named explicitly is linted as project settings
    (".claude/settings.json", "settings", None),
])
def test_an_explicit_unread_file_says_what_it_is_linted_as(tmp_path: Path, name: str, kind: str,
                                                           lint_as: str | None) -> None:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{}")
    [target] = discover.discover([path])
    assert (target.kind, target.lint_as) == (kind, lint_as)


def test_backups_in_a_searched_folder_are_not_linted(tmp_path: Path) -> None:
    (tmp_path / ".claude").mkdir()
    for name in ("settings.json", "settings.json.bak", "settings.local.json~", "notes.txt"):
        (tmp_path / ".claude" / name).write_text('{"model": "claude-opus-3"}')
    assert [(os.path.relpath(t.path, tmp_path), t.lint_as) for t in discover.discover([tmp_path])] \
        == [(".claude/settings.json", None)]


@pytest.mark.parametrize("use_git", [False, True])
def test_virtualenvs_are_recognised_by_pyvenv_cfg(tmp_path: Path, use_git: bool) -> None:
    if use_git and shutil.which("git") is None:
        pytest.skip("git is not installed")
    for rel in ("env-py/lib/.claude/settings.json", "app/.claude/settings.json"):
        (tmp_path / rel).parent.mkdir(parents=True)
        (tmp_path / rel).write_text("{}")
    (tmp_path / "env-py/pyvenv.cfg").write_text("home = /usr\n")
    if use_git:
        _git("init", "-q", str(tmp_path))
    assert _rels(discover.discover([tmp_path]), tmp_path) == {
        "app/.claude/settings.json": "settings"}
    assert len(list(discover.discover([tmp_path / "env-py"]))) == 1  # named: searched


@pytest.mark.parametrize("use_git", [False, True])
def test_a_fifo_settings_file_is_reported_not_read(tmp_path: Path, use_git: bool) -> None:
    if use_git and shutil.which("git") is None:
        pytest.skip("git is not installed")
    from claude_tiers.lint.engine import RunOptions, lint_target

    (tmp_path / ".claude/agents").mkdir(parents=True)
    (tmp_path / ".claude/agents/a.md").write_text("---\nname: a\ndescription: d\n---\n")
    os.mkfifo(tmp_path / ".claude/settings.json")
    if use_git:
        _git("init", "-q", str(tmp_path))
    targets = {os.path.relpath(t.path, tmp_path): t for t in discover.discover([tmp_path])}
    fifo = targets[".claude/settings.json"]
    [finding] = lint_target(fifo, RunOptions()).findings  # returns: does not block on the FIFO
    assert finding.code == "CT001" and "FIFO" in finding.message


def test_a_settings_file_over_the_limit_is_reported_not_parsed(tmp_path: Path) -> None:
    from claude_tiers import jsonio
    from claude_tiers.lint.engine import RunOptions, lint_target

    (tmp_path / ".claude").mkdir()
    (tmp_path / ".claude/settings.json").write_bytes(
        b'{"model": "' + b"x" * jsonio.MAX_BYTES + b'"}')
    (tmp_path / ".claude/settings.local.json").write_bytes(b'{"model": "opus"}')
    targets = {os.path.relpath(t.path, tmp_path): t for t in discover.discover([tmp_path])}
    [finding] = lint_target(targets[".claude/settings.json"], RunOptions()).findings
    assert finding.code == "CT001" and "larger than" in finding.message
    small = lint_target(targets[".claude/settings.local.json"], RunOptions()).findings
    assert "CT001" not in {f.code for f in small}  # read whole, and parsed


def test_definition_files_lists_regular_markdown_files(tmp_path: Path) -> None:
    agents = tmp_path / ".claude/agents"
    (agents / "team").mkdir(parents=True)
    (agents / "a.md").write_text("x")
    (agents / "team/b.md").write_text("x")
    (agents / "notes.txt").write_text("x")
    os.mkfifo(agents / "pipe.md")
    assert [p.relative_to(agents).as_posix() for p in discover.definition_files(tmp_path)] == [
        "a.md", "team/b.md"]
    assert discover.definition_files(tmp_path, "command") == []


def _tricky_agents(root: Path) -> Path:
    """An agents folder with what listings get wrong: nesting, code-point order, a FIFO, a
    symlinked folder, a symlink to a folder named x.md, a dangling link, a hidden file."""
    agents = root / ".claude/agents"
    (agents / "a").mkdir(parents=True)
    (root / "elsewhere").mkdir()
    (root / "elsewhere/outside.md").write_text("---\nname: outside\ndescription: d\n---\n")
    for rel in ("a-b.md", "a/b.md", "B.md", ".hidden.md", "z.md"):
        (agents / rel).write_text(f"---\nname: n{len(rel)}\ndescription: d\nmodel: sonnet\n---\n")
    os.mkfifo(agents / "pipe.md")
    (agents / "linked").symlink_to(root / "elsewhere")
    (agents / "folder.md").symlink_to(root / "elsewhere")
    (agents / "dangling.md").symlink_to(root / "nothing")
    return agents


REGULAR = [".hidden.md", "B.md", "a-b.md", "a/b.md", "z.md"]  # code-point order


def test_definition_files_reports_what_it_leaves_out(tmp_path: Path) -> None:
    agents = _tricky_agents(tmp_path)
    (agents / "locked").mkdir()
    unlisted: list[tuple[Path, str]] = []
    irregular: list[Path] = []
    real_scandir = os.scandir

    def scandir(path: Any) -> Any:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    import unittest.mock

    with unittest.mock.patch.object(os, "scandir", scandir):
        found = discover.definition_files(tmp_path, unlisted=unlisted, irregular=irregular)
    assert [p.relative_to(agents).as_posix() for p in found] == REGULAR
    assert [(p.name, why) for p, why in unlisted] == [("locked", "Permission denied")]
    assert sorted(p.name for p in irregular) == ["dangling.md", "folder.md", "pipe.md"]
    # a missing agents folder is not a problem; the user config folder holds agents/ directly
    assert discover.definition_files(tmp_path / "none", unlisted=unlisted) == [] and len(unlisted) == 1
    assert discover.definition_files(tmp_path / ".claude", claude_dir=True) == found


def test_every_command_lists_the_same_agent_files(tmp_path: Path) -> None:
    """lint, explain, apply, init and diff list a project's agents through definition_files:
    the same files, in Claude Code's order (the later of two same-named files wins)."""
    from claude_tiers.commands import apply as apply_cmd
    from claude_tiers.commands import explain as explain_cmd
    from claude_tiers.commands import init as init_cmd
    from claude_tiers.commands.diff import _dir_texts

    agents = _tricky_agents(tmp_path)
    expected = [agents / rel for rel in REGULAR]
    assert discover.definition_files(tmp_path) == expected
    assert explain_cmd.agent_files(agents) == expected
    files, failed = apply_cmd._markdown_files(agents)
    assert failed == [] and sorted(set(files) - set(expected)) == sorted(
        agents / n for n in ("dangling.md", "folder.md", "pipe.md"))  # apply reports these
    [survey] = init_cmd.survey(tmp_path)
    assert survey.agent_models == ("sonnet",) * len(REGULAR)
    rels = [row[0].split(f"{tmp_path}/", 1)[1] for row in _dir_texts(tmp_path, tmp_path)]
    assert rels[2:] == [f".claude/agents/{rel}" for rel in REGULAR]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_definition_files_include_git_ignored_agents(tmp_path: Path) -> None:
    """Claude Code loads a git-ignored agent file (explain relies on it)."""
    agents = tmp_path / ".claude/agents"
    agents.mkdir(parents=True)
    (agents / "mine.md").write_text("---\nname: mine\ndescription: d\n---\n")
    (tmp_path / ".gitignore").write_text(".claude/agents/mine.md\n")
    _git("init", "-q", str(tmp_path))
    assert discover.definition_files(tmp_path) == [agents / "mine.md"]


def test_a_long_listing_is_read_in_pieces_without_losing_a_name(tmp_path: Path) -> None:
    """git's output is parsed as it streams (64 KiB at a time): names that straddle a piece,
    multi-byte ones included, come out whole, tracked and untracked alike."""
    agents = tmp_path / ".claude" / "agents"
    agents.mkdir(parents=True)
    names = [f"agent-é-ü-{i:05d}-{'x' * (i % 37)}.md" for i in range(1500)]
    for name in names:
        (agents / name).write_text("---\nname: a\n---\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "add", ".claude/agents"], check=True)
    (agents / "zz-untracked-ß.md").write_text("---\nname: z\n---\n", encoding="utf-8")
    listing = discover._git_listing(str(tmp_path))
    assert listing is not None
    expected = {f".claude/agents/{n}": True for n in names}
    expected[".claude/agents/zz-untracked-ß.md"] = False
    assert dict(listing) == expected
    assert len(listing) == len(expected)


def test_tracked_files_deleted_in_the_work_tree_are_not_targets(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    for name in ("a", "b", "c"):
        folder = tmp_path / name / ".claude"
        folder.mkdir(parents=True)
        (folder / "settings.json").write_text("{}")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "add", "-A"], cwd=tmp_path, check=True)
    (tmp_path / "b" / ".claude" / "settings.json").unlink()  # deleted, still in the index
    # Sparse checkout: c's file is marked skip-worktree and absent.
    subprocess.run(["git", "update-index", "--skip-worktree", "c/.claude/settings.json"],
                   cwd=tmp_path, check=True)
    (tmp_path / "c" / ".claude" / "settings.json").unlink()
    found = [(t.display, t.tracked) for t in discover.discover([str(tmp_path)])]
    assert found == [(os.path.normpath(f"{tmp_path}/a/.claude/settings.json"), True)]


def test_is_inside_resolves_links_and_is_not_fooled_by_a_shared_prefix(tmp_path: Path) -> None:
    (tmp_path / "repo" / "a").mkdir(parents=True)
    (tmp_path / "repo-other").mkdir()
    (tmp_path / "repo" / "in").symlink_to(tmp_path / "repo" / "a")
    (tmp_path / "repo" / "out").symlink_to(tmp_path / "repo-other")
    assert discover.is_inside(tmp_path / "repo", tmp_path / "repo")
    assert discover.is_inside(tmp_path / "repo" / "in", tmp_path / "repo")
    assert not discover.is_inside(tmp_path / "repo" / "out", tmp_path / "repo")
    assert not discover.is_inside(tmp_path / "repo-other", tmp_path / "repo")
