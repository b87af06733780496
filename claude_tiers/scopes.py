"""Where Claude Code looks for settings, agents and commands (one place for those facts).

Facts from Claude Code 2.1.330 (see ``../shared/reference/claude-code-facts.md`` §1):
project ``.claude/settings.json``, local ``.claude/settings.local.json``, user
``~/.claude/settings.json`` (``CLAUDE_CONFIG_DIR`` relocates ``~/.claude``, taken as written:
see :func:`user_config_dir`), managed ``managed-settings.json`` plus ``managed-settings.d/*.json``
in an OS-specific folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Mapping

SCOPES = ("project", "local", "user")
PROJECT_FILE = Path(".claude") / "settings.json"
LOCAL_FILE = Path(".claude") / "settings.local.json"


def user_config_dir(env: Mapping[str, str] | None = None, home: Path | None = None,
                    start: Path | None = None) -> Path:
    """The user's Claude folder as Claude Code 2.1.330 finds it (observed, see explain's tests).

    ``$CLAUDE_CONFIG_DIR`` when set, taken as written: no ``~`` expansion, a relative value
    (``~/x`` included) is relative to the directory Claude Code starts in (``start``, default the
    working directory) and ``""`` is that directory itself; else ``<home>/.claude`` (``home``
    default ``$HOME``).
    """
    environ = os.environ if env is None else env
    if "CLAUDE_CONFIG_DIR" in environ:
        configured = environ["CLAUDE_CONFIG_DIR"]
        if os.path.isabs(configured):
            return Path(configured)
        return (start if start is not None else _cwd()) / configured
    return (home or Path(environ.get("HOME") or Path.home())) / ".claude"


def _cwd() -> Path:
    try:
        return Path(os.getcwd())
    except OSError:  # the working directory was removed: relative paths stay relative
        return Path()


def managed_dir(platform: str | None = None) -> Path:
    """The OS folder holding ``managed-settings.json`` and ``managed-settings.d/``."""
    name = platform or sys.platform
    if name == "darwin":
        return Path("/Library/Application Support/ClaudeCode")
    if name.startswith("win"):
        return Path("C:/Program Files/ClaudeCode")
    return Path("/etc/claude-code")


def settings_file(project: Path, scope: str, env: Mapping[str, str] | None = None) -> Path:
    """The settings file of ``scope`` for a project directory."""
    if scope == "project":
        return project / PROJECT_FILE
    if scope == "local":
        return project / LOCAL_FILE
    if scope == "user":
        return user_config_dir(env) / "settings.json"
    raise ValueError(f"unknown scope {scope!r}")


def claude_dir_of(settings: Path) -> Path | None:
    """The ``.claude`` folder a settings file belongs to, when it sits in one."""
    parent = settings.parent
    if parent.name == ".claude" or settings.name == "settings.json" and parent == user_config_dir():
        return parent
    return None
