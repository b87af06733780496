"""Process-level behaviour shared by every command: a reader that goes away is not a bug."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.parametrize("debug", [False, True])
def test_closed_pipe_is_quiet(tmp_path: Path, debug: bool) -> None:
    """``claude-tiers lint | head -1``: no 'internal error', no traceback, exit 141 (128 + SIGPIPE)."""
    for i in range(300):  # enough findings to overflow the pipe's buffer
        settings = tmp_path / f"p{i}" / ".claude" / "settings.json"
        settings.parent.mkdir(parents=True)
        settings.write_text(json.dumps({"defaultModel": "x", "modle": "y", "permissions": {"allow": ["Bash(*)"]}}))
    argv = [sys.executable, "-m", "claude_tiers"] + (["--debug"] if debug else []) + ["lint", str(tmp_path)]
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # the reader goes away, as head does
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait(timeout=60) == 141
    assert b"CT1" in first
    assert "internal error" not in err and "Traceback" not in err and "BrokenPipe" not in err
