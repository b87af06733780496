"""The lint result cache: a warm run reports exactly what a run without the cache reports.

Every test compares against ``--no-cache`` (the truth) after changing one thing a file's
findings depend on: the file itself (also behind an unchanged size and mtime), its project's
settings ``env``, its project's agents, today's date, the configuration, claude-tiers' code.
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claude_tiers.commands.lint import run_lint
from claude_tiers.lint import base, cache, engine

PROJECTS = 26  # two files each: above engine.POOL_MIN_FILES, so the cache is used


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CLAUDE_TIERS_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "mono"
    for i in range(PROJECTS):
        claude = root / f"p{i:02d}" / ".claude"
        (claude / "agents").mkdir(parents=True)
        (claude / "settings.json").write_text(
            json.dumps({"model": "sonnet", "permissions": {"allow": ["Bash(ls:*)"]}}, indent=2))
        (claude / "agents" / "helper.md").write_text(
            "---\nname: helper\ndescription: helps\nmodel: gpt-4o\n---\nBody.\n")
    monkeypatch.chdir(root)
    return root


class Spy:
    """Counts the files the rules run on (a cache hit runs none)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.linted: list[str] = []
        real = engine.check

        def check(ctx: base.LintContext, *args: Any, **kwargs: Any) -> Any:
            self.linted.append(ctx.display)
            return real(ctx, *args, **kwargs)

        monkeypatch.setattr(engine, "check", check)


def lint(*paths: str, cached: bool = True, **options: Any) -> tuple[int, str]:
    out = io.StringIO()
    code = run_lint(list(paths) or ["."], fmt="json", jobs=1, no_cache=not cached, stream=out,
                    color=False, **options)
    return code, out.getvalue()


def assert_same_as_uncached(*paths: str, spy: "Spy | None" = None, **options: Any) -> str:
    """Lint through the cache, then without; both must agree. With ``spy``, it holds only the
    files the cached run linted."""
    warm = lint(*paths, **options)
    linted = list(spy.linted) if spy is not None else []
    cold = lint(*paths, cached=False, **options)
    assert warm == cold
    if spy is not None:
        spy.linted[:] = linted
    return warm[1]


def databases(folder: Path) -> list[Path]:
    return sorted((folder / "lint").glob("*.sqlite")) if (folder / "lint").is_dir() else []


def test_a_warm_run_reports_the_same_and_lints_nothing(tree: Path, cache_dir: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    first = lint()
    assert len(databases(cache_dir)) == 1
    spy = Spy(monkeypatch)
    assert lint() == first
    assert spy.linted == []
    assert first == lint(cached=False)
    assert json.loads(first[1])["summary"]["files"] == 2 * PROJECTS


def test_a_changed_file_is_linted_again_and_only_it(tree: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    lint()
    (tree / "p03" / ".claude" / "settings.json").write_text('{"model": "sonnet",}')
    spy = Spy(monkeypatch)
    out = assert_same_as_uncached(spy=spy)
    # The file, and its project's agent, whose findings depend on the project's settings.
    assert spy.linted == ["p03/.claude/agents/helper.md", "p03/.claude/settings.json"]
    assert "trailing comma" in out


def test_a_change_behind_an_unchanged_size_and_mtime_is_seen(
        tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "RACY_SECONDS", -1.0)  # trust signatures even of new files
    path = tree / "p05" / ".claude" / "settings.json"
    lint()
    before = path.stat()
    text = path.read_text()
    path.write_text(text.replace('"sonnet"', '"sonnit"'))  # same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    out = assert_same_as_uncached()
    assert "sonnit" in out


def test_a_file_changed_in_the_same_clock_tick_is_checked_by_content(tree: Path) -> None:
    # Files written just now have no trusted signature (RACY_SECONDS): content decides.
    path = tree / "p06" / ".claude" / "settings.json"
    lint()
    before = path.stat()
    path.write_text(path.read_text().replace('"sonnet"', '"sonnit"'))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert "sonnit" in assert_same_as_uncached()


def test_an_agent_is_linted_again_when_its_projects_env_changes(
        tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A non-Claude model in an agent is judged by whether the project routes to a gateway.
    settings_file = tree / "p07" / ".claude" / "settings.json"
    before = lint()[1]
    data = json.loads(settings_file.read_text())
    data["env"] = {"ANTHROPIC_BASE_URL": "https://gateway.example.com"}
    settings_file.write_text(json.dumps(data, indent=2))
    spy = Spy(monkeypatch)
    after = assert_same_as_uncached(spy=spy)
    assert "p07/.claude/agents/helper.md" in spy.linted
    assert not [p for p in spy.linted if not p.startswith("p07/")]
    agent = [f for f in json.loads(after)["findings"]
             if f["path"] == "p07/.claude/agents/helper.md"]
    old = [f for f in json.loads(before)["findings"]
           if f["path"] == "p07/.claude/agents/helper.md"]
    assert agent != old


def test_settings_are_linted_again_when_the_projects_agents_change(tree: Path) -> None:
    settings_file = tree / "p08" / ".claude" / "settings.json"
    settings_file.write_text(json.dumps(
        {"env": {"CLAUDE_CODE_SUBAGENT_MODEL": "claude-haiku-5-5"}}))
    (tree / "p08" / ".claude" / "agents" / "helper.md").write_text(
        "---\nname: helper\ndescription: helps\nmodel: claude-opus-4-6\n---\nBody.\n")
    before = assert_same_as_uncached()
    assert "CT216" in before
    (tree / "p08" / ".claude" / "agents" / "other.md").write_text(
        "---\nname: other\ndescription: helps too\n---\nBody.\n")
    after = assert_same_as_uncached()
    assert "other" in [f["message"] for f in json.loads(after)["findings"]
                       if f["code"] == "CT216"][0]


def test_findings_that_count_days_follow_the_date(tree: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    (tree / "p09" / ".claude" / "settings.json").write_text(
        json.dumps({"model": "claude-sonnet-4-5-20250929"}))
    monkeypatch.setattr(base, "local_date", lambda: "2026-10-01")
    early = assert_same_as_uncached()
    monkeypatch.setattr(base, "local_date", lambda: "2026-11-20")
    later = assert_same_as_uncached()

    def ct203(out: str) -> list[str]:
        return [f["message"] for f in json.loads(out)["findings"] if f["code"] == "CT203"]

    assert ct203(early) and ct203(later) and ct203(early) != ct203(later)


def test_the_configuration_and_the_selection_are_part_of_the_key(tree: Path,
                                                                  cache_dir: Path) -> None:
    everything = assert_same_as_uncached()
    fewer = assert_same_as_uncached(ignore=["CT217"])
    assert "CT217" in everything and "CT217" not in fewer
    (tree / "claude-tiers.yaml").write_text("lint:\n  severity:\n    CT217: error\n")
    stricter = assert_same_as_uncached()
    assert '"CT217", "name": "floating-model-alias", "severity": "error"' in stricter
    assert len(databases(cache_dir)) == 3


def test_a_new_version_of_claude_tiers_starts_afresh(tree: Path, cache_dir: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    lint()
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "another build")
    spy = Spy(monkeypatch)
    lint()
    assert len(spy.linted) == 2 * PROJECTS
    assert len(databases(cache_dir)) == 2


def test_a_damaged_database_is_replaced(tree: Path, cache_dir: Path) -> None:
    lint()
    (db,) = databases(cache_dir)
    db.write_bytes(b"this is not a database" * 100)
    assert_same_as_uncached()
    assert sqlite3.connect(db).execute("SELECT count(*) FROM entries").fetchone()[0] \
        == 2 * PROJECTS


def test_damaged_entries_are_linted_again(tree: Path, cache_dir: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    lint()
    (db,) = databases(cache_dir)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE entries SET value = x'00ff00'")
        conn.execute("DELETE FROM messages")
    spy = Spy(monkeypatch)
    assert_same_as_uncached(spy=spy)
    assert len(spy.linted) == 2 * PROJECTS


def test_an_unwritable_cache_costs_time_only(tree: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("CLAUDE_TIERS_CACHE_DIR", str(blocker / "cache"))
    assert_same_as_uncached()
    assert lint() == lint(cached=False)


def test_small_runs_fixes_and_no_cache_never_touch_it(tree: Path, cache_dir: Path) -> None:
    lint("p01", "p02")
    lint(cached=False)
    out = io.StringIO()
    run_lint(["."], fix=True, jobs=1, stream=out, color=False)
    run_lint(["."], diff=True, jobs=1, stream=out, color=False)
    assert not cache_dir.exists()


def test_a_tier_policy_run_is_not_cached(tree: Path, cache_dir: Path) -> None:
    (tree / "claude-tiers.yaml").write_text("default: sonnet-default\n")
    lint()
    assert databases(cache_dir) == []


def test_entries_of_deleted_files_are_pruned(tree: Path, cache_dir: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    monkeypatch.setattr(cache, "PRUNE_SAMPLE", 1000)
    for i in range(20):
        (tree / f"gone{i}" / ".claude").mkdir(parents=True)
        (tree / f"gone{i}" / ".claude" / "settings.json").write_text("{}")
    lint()
    for i in range(20):
        shutil.rmtree(tree / f"gone{i}")
    (tree / "p00" / ".claude" / "settings.json").write_text("{}")  # something to write
    assert_same_as_uncached()
    (db,) = databases(cache_dir)
    keys = [k for (k,) in sqlite3.connect(db).execute("SELECT target FROM entries")]
    assert len(keys) == 2 * PROJECTS and not [k for k in keys if "gone" in k]


def test_odd_characters_survive_the_cache(tree: Path) -> None:
    (tree / "p10" / ".claude" / "settings.json").write_text(
        '{"model": "\\ud800-lone", "env": {"X": "caf\u00e9 \u2603"}}', encoding="utf-8")
    odd = tree / "p11" / ".claude" / "agents" / "ünï \u2603.md"
    odd.write_text("---\nname: odd\ndescription: x\nmodel: opusplan\n---\n", encoding="utf-8")
    out = assert_same_as_uncached()
    assert "\\ud800" in out
    assert lint() == lint(cached=False)


def test_the_cache_is_private(tree: Path, cache_dir: Path) -> None:
    lint()
    (db,) = databases(cache_dir)
    assert (db.stat().st_mode & 0o777) == 0o600
    assert (cache_dir.stat().st_mode & 0o777) == 0o700
    assert (cache_dir / "CACHEDIR.TAG").read_text().startswith(
        "Signature: 8a477f597d28d172789f06886806bc55")


def test_a_secret_in_a_cached_finding_stays_redacted(tree: Path, cache_dir: Path) -> None:
    token = "sk-ant-api03-" + "a1B2c3D4" * 10
    (tree / "p12" / ".claude" / "settings.json").write_text(
        json.dumps({"env": {"ANTHROPIC_API_KEY": token}}))
    out = assert_same_as_uncached()
    assert "CT501" in out and token not in out
    (db,) = databases(cache_dir)
    assert token.encode() not in db.read_bytes()


def test_worker_processes_share_the_cache(tree: Path, cache_dir: Path) -> None:
    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "claude_tiers", "lint", "--format", "json",
                               "-j", "2", *args], capture_output=True, text=True, check=False,
                              env={**os.environ, "CLAUDE_TIERS_CACHE_DIR": str(cache_dir)})

    cold = cli("--no-cache")
    first, warm = cli(), cli()
    assert (first.returncode, first.stdout) == (cold.returncode, cold.stdout)
    assert (warm.returncode, warm.stdout) == (cold.returncode, cold.stdout)
    assert len(databases(cache_dir)) == 1


# ----------------------------------------------------------------------------- property

_EDITS = st.lists(st.tuples(
    st.integers(0, PROJECTS - 1),
    st.sampled_from(["settings-model", "settings-env", "settings-broken", "agent-model",
                     "agent-new", "agent-gone", "local"]),
    st.sampled_from(["sonnet", "claude-sonnet-4-6", "opus", "gpt-4o", "claude-opus-4-1",
                     "sonnet[1m]", "opusplan"])), min_size=1, max_size=4)


def _apply(root: Path, project: int, edit: str, model: str) -> None:
    claude = root / f"p{project:02d}" / ".claude"
    settings_file = claude / "settings.json"
    if edit == "settings-model":
        settings_file.write_text(json.dumps({"model": model}))
    elif edit == "settings-env":
        settings_file.write_text(json.dumps({"env": {"CLAUDE_CODE_SUBAGENT_MODEL": model,
                                                     "ANTHROPIC_BASE_URL": "https://gw"}}))
    elif edit == "settings-broken":
        settings_file.write_text('{"model": 4}')
    elif edit == "agent-model":
        (claude / "agents" / "helper.md").write_text(
            f"---\nname: helper\ndescription: helps\nmodel: {model}\n---\n")
    elif edit == "agent-new":
        (claude / "agents" / f"{model.replace('[', '').replace(']', '')}.md").write_text(
            f"---\nname: n{project}\ndescription: new\nmodel: {model}\n---\n")
    elif edit == "agent-gone":
        for path in (claude / "agents").glob("*.md"):
            path.unlink()
    else:
        (claude / "settings.local.json").write_text(json.dumps({"model": model}))


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rounds=st.lists(_EDITS, min_size=1, max_size=3))
def test_after_any_edits_the_cache_agrees_with_a_fresh_lint(
        tree: Path, rounds: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "RACY_SECONDS", -1.0)  # signatures decide, not content
    lint()  # warm it
    for edits in rounds:
        for project, edit, model in edits:
            _apply(tree, project, edit, model)
        assert lint() == lint(cached=False)



def test_a_hit_by_content_keeps_the_new_signature(tree: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "RACY_SECONDS", 1e9)  # every file "just changed": no signature
    first = lint()
    monkeypatch.setattr(cache, "RACY_SECONDS", -1.0)
    reads: list[str] = []
    real = cache._read

    def read(target: Any) -> Any:
        reads.append(target.display)
        return real(target)

    monkeypatch.setattr(cache, "_read", read)
    assert lint() == first  # hits, found by content; the signatures are kept now
    assert len(reads) == 2 * PROJECTS
    reads.clear()
    spy = Spy(monkeypatch)
    assert lint() == first
    assert reads == [] and spy.linted == []


def test_a_run_over_a_few_files_imports_neither_the_cache_nor_sqlite(tree: Path) -> None:
    # pre-commit passes a handful of staged files: start-up is what the user waits for.
    code = ("import sys\nfrom claude_tiers.launch import main\n"
            "main(['lint', 'p01/.claude/settings.json', 'p02/.claude/agents/helper.md'])\n"
            "print(sorted(m for m in ('claude_tiers.lint.cache', 'sqlite3', 'hashlib')"
            " if m in sys.modules), file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False)
    assert done.stderr.strip().splitlines()[-1] == "[]", done.stderr


def test_rule_options_and_per_file_ignores_are_part_of_the_key(tree: Path) -> None:
    (tree / "p13" / ".claude" / "settings.json").write_text(
        json.dumps({"model": "claude-sonnet-4-5-20250929"}))
    config = tree / "claude-tiers.yaml"
    config.write_text("lint:\n  rules:\n    CT203:\n      today: \"2026-10-01\"\n")
    early = assert_same_as_uncached()
    config.write_text("lint:\n  rules:\n    CT203:\n      today: \"2026-11-20\"\n")
    later = assert_same_as_uncached()
    assert early != later
    config.write_text("lint:\n  per-file-ignores:\n    'p13/**': [CT203]\n")
    ignored = assert_same_as_uncached()
    assert not [f for f in json.loads(ignored)["findings"]
                if f["code"] == "CT203" and f["path"].startswith("p13/")]


def test_databases_unused_for_a_week_are_removed(tree: Path, cache_dir: Path) -> None:
    import time

    lint()
    (mine,) = databases(cache_dir)
    old = cache_dir / "lint" / "0123456789abcdef0123456789abcdef.sqlite"
    old.write_bytes(b"")
    week_ago = time.time() - 8 * 86400
    for path in (old, mine):
        os.utime(path, (week_ago, week_ago))
    lint()  # a warm run: it writes nothing, but it uses its database
    assert databases(cache_dir) == [mine]
    assert mine.stat().st_mtime > week_ago + 86400
