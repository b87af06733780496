"""Bulk apply under faults: SIGKILL at random moments leaves every file old or new, never torn,
and the next run finishes the job."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claude_tiers import jsonio
from claude_tiers.errors import DocumentError
from claude_tiers.frontmatter import parse as parse_frontmatter
from tests.conftest import REPO
from tests.policytree import make_tree, snapshot

KILLS = 24
ROUND = 3  # kills before a run is let finish (convergence is checked) and the tree is reset
PROJECTS = 300
TMP_LEFTOVER = re.compile(r"(?:^|/)\.[^/]+\.claude-tiers\.tmp$")

pytestmark = pytest.mark.slow


def command(jobs: int = 2, *extra: str) -> list[str]:
    return [sys.executable, "-m", "claude_tiers", "apply", "--jobs", str(jobs), *extra]


# Loaded by the child interpreters (sitecustomize): each atomic write first waits a few
# milliseconds, so that the writes of a run span long enough for random kills to land among
# them. The writer itself is the real one.
SLOW_WRITES = """\
import time
from claude_tiers import jsonio
_real = jsonio.write_atomic
def _slow(*args, **kwargs):
    time.sleep(0.003)
    return _real(*args, **kwargs)
jsonio.write_atomic = _slow
"""


def env(hooks: Path | None = None) -> dict[str, str]:
    out = dict(os.environ)
    out["PYTHONUNBUFFERED"] = "1"  # "updated ..." lines arrive as files are written
    paths = [str(hooks)] if hooks is not None else []
    out["PYTHONPATH"] = os.pathsep.join([*paths, str(REPO), out.get("PYTHONPATH", "")])
    return out


def config_files(files: dict[str, bytes]) -> dict[str, bytes]:
    return {k: v for k, v in files.items() if "/.claude/" in f"/{k}" and not TMP_LEFTOVER.search(k)}


def parses(rel: str, raw: bytes) -> bool:
    try:
        if rel.endswith(".json"):
            jsonio.parse(raw, rel)
        else:
            parse_frontmatter(raw.decode("utf-8"), rel)
    except (DocumentError, UnicodeDecodeError):
        return False
    return True


def test_killed_bulk_applies_leave_old_or_new_files_and_converge(tmp_path: Path) -> None:
    pristine, root, done = tmp_path / "pristine", tmp_path / "repo", tmp_path / "done"
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(SLOW_WRITES)
    make_tree(pristine, PROJECTS, seed=11, invalid=3)
    old = config_files(snapshot(pristine))
    shutil.copytree(pristine, done)
    started = time.monotonic()
    finished = subprocess.run(command(), cwd=done, env=env(hooks), stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, check=False)
    full = time.monotonic() - started
    assert finished.returncode == 1, finished.stderr  # the 3 invalid files
    new = config_files(snapshot(done))
    assert set(new) == set(old)
    changing = {k for k in old if old[k] != new[k]}
    assert len(changing) > PROJECTS // 2
    broken = {k for k in old if not parses(k, old[k])}
    assert len(broken) == 3 and not broken & changing  # invalid files are never rewritten

    rng = random.Random(20261125)
    stats = {"kills": 0, "partial": 0, "untouched": 0, "complete": 0, "leftovers": 0,
             "converged": 0, "full_run_s": round(full, 2)}
    shutil.copytree(pristine, root)
    for kill in range(1, KILLS + 1):
        before_kill = config_files(snapshot(root))
        remaining = [k for k in changing if before_kill[k] != new[k]]
        # Odd kills: two worker processes, killed at a random moment (start-up, planning,
        # writing or the end). Even kills: one process, killed after a random number of
        # files were reported written, so surely in the middle of the writes.
        proc = subprocess.Popen(command(2 if kill % 2 else 1), cwd=root, env=env(hooks),
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        assert proc.stdout is not None
        if kill % 2:
            time.sleep(rng.uniform(0.05, full))
        else:
            wanted = rng.randint(1, max(1, len(remaining) - 1))
            seen = 0
            for line in proc.stdout:
                seen += line.startswith(b"updated ")
                if seen >= wanted:
                    break
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # the whole group: the pool workers too
        except ProcessLookupError:
            pass
        proc.communicate()
        stats["kills"] += 1
        now = snapshot(root)
        leftovers = [k for k in now if TMP_LEFTOVER.search(k)]
        stats["leftovers"] += len(leftovers)
        files = config_files(now)
        assert set(files) == set(old), set(files) ^ set(old)
        for rel, raw in files.items():
            assert raw in (old[rel], new[rel]), f"kill {kill}: {rel} is neither old nor new"
            assert parses(rel, raw) or rel in broken, f"kill {kill}: {rel} does not parse"
        applied = sum(1 for k in remaining if files[k] == new[k])  # by this run
        if applied == 0:
            stats["untouched"] += 1
        elif applied == len(remaining):
            stats["complete"] += 1
        else:
            stats["partial"] += 1
        if kill % ROUND == 0:
            rerun = subprocess.run(command(), cwd=root, env=env(), stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, check=False)
            assert rerun.returncode == 1, rerun.stderr
            assert config_files(snapshot(root)) == new  # the next run finishes the job
            stats["converged"] += 1
            if kill < KILLS:
                shutil.rmtree(root)
                shutil.copytree(pristine, root)
                continue
            check = subprocess.run(command(2, "--check"), cwd=root, env=env(),
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False,
                                   text=True)
            assert re.search(r"would change +0 +0", check.stdout), check.stdout
    print("fault injection:", json.dumps(stats))
    (tmp_path / "stats.json").write_text(json.dumps(stats))
    assert stats["kills"] >= 20 and stats["converged"] == KILLS // ROUND
    assert stats["partial"] >= KILLS // 4, stats  # kills really landed in the middle of writes
