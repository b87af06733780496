"""Linting with several processes gives exactly what one process gives, in the same order."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from claude_tiers.discover import Target, discover
from claude_tiers.lint import engine
from claude_tiers.lint.engine import FileResult, RunOptions, run

SETTINGS = [
    {"model": "claude-sonnet-4-6"},
    {"defaultModel": "claude-sonnet-4-6", "permissions": {"allow": ["Bash(ls:*)"]}},
    {"model": "sonnet-4-6", "permissions": {"allow": ["Bash(ls:*)", "Bash(ls:*)"]}},
    {"model": 4},
    {"env": {"ANTHROPIC_MODEL": "opus"}, "model": "sonnet"},
    {"includeCoAuthoredBy": False, "modle": "opus"},
]
AGENT = "---\nname: a{i}\ndescription: helper {i}\nmodel: {model}\n---\nDo things.\n"


def make_tree(root: Path, projects: int) -> None:
    for i in range(projects):
        claude = root / f"svc-{i:03d}" / ".claude"
        (claude / "agents").mkdir(parents=True)
        text = json.dumps(SETTINGS[i % len(SETTINGS)], indent=2)
        if i % 7 == 3:
            text = text[:-1] + ",}"  # a trailing comma: Claude Code drops the file
        (claude / "settings.json").write_text(text + "\n")
        model = ["sonnet", "claude-opus-4-6", "gpt-4o", "inherit"][i % 4]
        (claude / "agents" / "a.md").write_text(AGENT.format(i=i, model=model))


def results(root: Path, options: RunOptions) -> list[tuple[str, list[tuple[object, ...]]]]:
    return [(r.display, [(f.line, f.column, f.code, f.message) for f in r.findings])
            for r in run(discover([root]), options)]


def test_more_processes_same_findings_same_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                 ) -> None:
    monkeypatch.setattr(engine, "CHUNK", 3)  # many chunks, so the parent lints some itself
    make_tree(tmp_path, 90)
    one = results(tmp_path, RunOptions(jobs=1))
    assert len(one) == 180 and sum(len(f) for _, f in one) > 150
    assert [d for d, _ in one] == sorted(d for d, _ in one)
    here: list[str] = []  # the files this process linted (a worker's calls stay in the worker)
    lint_target = engine.lint_target

    def counted(target: Target, options: RunOptions) -> FileResult:
        here.append(target.display)
        return lint_target(target, options)

    monkeypatch.setattr(engine, "lint_target", counted)
    for jobs in (2, 3):
        here.clear()
        assert results(tmp_path, RunOptions(jobs=jobs)) == one
        assert 0 < len(here) < 180  # the parent shared the work, the workers did the rest


def test_fixing_with_several_processes_writes_what_one_process_writes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "CHUNK", 5)
    make_tree(tmp_path / "one", 60)
    shutil.copytree(tmp_path / "one", tmp_path / "two")
    fixed_one = results(tmp_path / "one", RunOptions(fix=True, jobs=1))
    fixed_two = results(tmp_path / "two", RunOptions(fix=True, jobs=2))
    assert [f for _, f in fixed_one] == [f for _, f in fixed_two]
    files = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*")
                   if p.is_file())
    changed = [p for p in files
               if (tmp_path / "one" / p).read_bytes() != (tmp_path / "two" / p).read_bytes()]
    assert changed == []
    for fixed in ("svc-001", "svc-002"):  # defaultModel moved; sonnet-4-6 made canonical
        text = (tmp_path / "one" / fixed / ".claude/settings.json").read_text()
        assert '"model": "claude-sonnet-4-6"' in text


def test_a_parallel_run_leaves_nothing_frozen(tmp_path: Path) -> None:
    """The pool freezes this process's objects only while it lives (a library caller that lints
    again and again must still collect its garbage)."""
    import gc

    make_tree(tmp_path, 40)
    before = gc.get_freeze_count()
    assert len(results(tmp_path, RunOptions(jobs=2))) == 80
    assert gc.get_freeze_count() == before
