"""The wheel ships schemas/, presets/ and the catalog, and works installed in a fresh venv."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out),
                           str(REPO)], capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        pytest.skip(f"could not build the wheel (needs hatchling from PyPI): {proc.stderr[-500:]}")
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
        pytest.skip(f"could not install the wheel's dependencies: {proc.stderr[-500:]}")
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
