"""The wheel ships schemas/, presets/ and the catalog, and works installed in a fresh venv."""

from __future__ import annotations

import re
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow

# What pip prints when it cannot reach the package index (no network, no proxy, no mirror).
_OFFLINE = re.compile(r"Failed to establish a new connection|Temporary failure in name resolution|"
                      r"Name or service not known|Network is unreachable|No route to host|"
                      r"Connection refused|ConnectTimeoutError|ReadTimeoutError|"
                      r"ProxyError|Could not fetch URL|SSLError")
# "No matching distribution found" alone is no sign of being offline (a bad pin says it too).


def offline_or_fail(what: str, proc: subprocess.CompletedProcess[str]) -> None:
    """Skip when pip could not reach the index (say which); any other failure fails the test.

    A broken pyproject.toml, a missing file or a failing build must never pass as a skip.
    """
    output = proc.stdout + proc.stderr
    offline = _OFFLINE.search(output)
    if offline:
        pytest.skip(f"{what}: the package index is out of reach ({offline.group(0)})")
    pytest.fail(f"{what} failed (exit {proc.returncode}):\n{output[-2000:]}")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out),
                           str(REPO)], capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        offline_or_fail("building the wheel (the build backend comes from the index)", proc)
    return next(out.glob("claude_tiers-*.whl"))


def test_wheel_contains_schemas_presets_and_catalog(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for schema in (REPO / "schemas").glob("*.json"):
        assert f"claude_tiers/_data/schemas/{schema.name}" in names
    for preset in (REPO / "presets").glob("*.yaml"):
        assert f"claude_tiers/_data/presets/{preset.name}" in names
    assert "claude_tiers/data/models.json" in names


def test_installed_wheel_runs_in_a_fresh_venv(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    pip = env_dir / "bin" / "pip"
    proc = subprocess.run([str(pip), "install", "-q", str(wheel)], capture_output=True, text=True,
                          timeout=600)
    if proc.returncode != 0:
        offline_or_fail("installing the wheel with its dependencies", proc)
    exe = env_dir / "bin" / "claude-tiers"
    listed = subprocess.run([str(exe), "presets", "list"], capture_output=True, text=True,
                            cwd=tmp_path, timeout=60)
    assert listed.returncode == 0, listed.stderr
    assert "sonnet-default" in listed.stdout and "tier 1" in listed.stdout
    version = subprocess.run([str(exe), "--version"], capture_output=True, text=True, timeout=60)
    assert version.stdout.startswith("claude-tiers, version ")
    project = tmp_path / "p"
    project.mkdir()
    applied = subprocess.run([str(exe), "apply", "sonnet-default", str(project)],
                             capture_output=True, text=True, timeout=60)
    assert applied.returncode == 0, applied.stderr
    assert (project / ".claude" / "settings.json").read_text() == \
        '{\n  "model": "claude-sonnet-4-6"\n}\n'
    module = subprocess.run([str(env_dir / "bin" / "python"), "-m", "claude_tiers", "models"],
                            capture_output=True, text=True, timeout=60)
    assert module.returncode == 0 and "claude-sonnet-4-6" in module.stdout


def test_a_build_failure_fails_and_only_an_unreachable_index_skips() -> None:
    broken = subprocess.CompletedProcess(["pip"], 1, "", "ERROR: Backend subprocess exited "
                                         "when trying to invoke build_wheel\n")
    with pytest.raises(pytest.fail.Exception):
        offline_or_fail("building", broken)
    offline = subprocess.CompletedProcess(["pip"], 1, "", "WARNING: Retrying ... Failed to "
                                          "establish a new connection: [Errno 101] Network is "
                                          "unreachable\nERROR: No matching distribution found "
                                          "for hatchling\n")
    with pytest.raises(pytest.skip.Exception, match="out of reach"):
        offline_or_fail("building", offline)
    bad_pin = subprocess.CompletedProcess(["pip"], 1, "", "ERROR: Could not find a version that "
                                          "satisfies the requirement hatchling>=99\n")
    with pytest.raises(pytest.fail.Exception):
        offline_or_fail("building", bad_pin)
