"""Fixtures for the oracle tests: the pinned Claude Code, installed on first use, or a skip saying why."""

from __future__ import annotations

import sys

import pytest

from tests.oracle.harness import PACKAGE, PINNED_VERSION, Oracle, OracleUnavailable, default_cache_dir


@pytest.fixture(scope="session")
def oracle() -> Oracle:
    """The real Claude Code ``2.1.330`` (see :mod:`tests.oracle.harness`); skips when it can't be had."""
    if not sys.platform.startswith("linux"):
        pytest.skip(f"the oracle runs {PACKAGE}@{PINNED_VERSION} on Linux only (this is {sys.platform})")
    try:
        return Oracle.locate()
    except OracleUnavailable as e:
        reason = str(e)
        if not reason.startswith("needs npm"):
            reason = f"needs {PACKAGE}@{PINNED_VERSION} in {default_cache_dir()}: {reason}"
        pytest.skip(reason)
