"""Shared fixtures: paths to the repository, ../shared, and a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus" / "real"


def require_shared() -> Path:
    """Skip the calling test when ../shared (the real-world corpus) is not beside the checkout."""
    if not CORPUS.is_dir():
        pytest.skip(f"needs the shared corpus at {CORPUS} (absent in this checkout)")
    return SHARED


class CliResult:
    """Exit code and the two output streams of one CLI run."""

    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code = exit_code
        self.stdout = stdout
        self.stderr = stderr


@pytest.fixture
def run_cli() -> "object":
    """Run ``claude-tiers ARGS...`` in-process; argv[0] must be "claude-tiers"."""
    from click.testing import CliRunner

    from claude_tiers.cli import cli

    def run(argv: list[str], env: dict[str, str] | None = None) -> CliResult:
        assert argv[0] == "claude-tiers"
        result = CliRunner().invoke(cli, argv[1:], env=env, catch_exceptions=False)
        return CliResult(result.exit_code, result.stdout, result.stderr)

    return run


@pytest.fixture(autouse=True, scope="session")
def _private_lint_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every lint a test runs (in-process or not) caches into a folder of the session's own,
    never the user's ~/.cache."""
    import os

    os.environ["CLAUDE_TIERS_CACHE_DIR"] = str(tmp_path_factory.mktemp("lint-cache"))
