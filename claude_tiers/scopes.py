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
from typing import TYPE_CHECKING, Any, Mapping

if TYPE_CHECKING:
    from pathlib import Path

SCOPES = ("project", "local", "user")
# PROJECT_FILE and LOCAL_FILE (``Path`` objects) are made on first use, by ``__getattr__``: a
# lint of one file asks this module for the user folder only, and pathlib's imports cost a
# quarter of ``python -c pass``.
_FILES = {"PROJECT_FILE": "settings.json", "LOCAL_FILE": "settings.local.json"}


def __getattr__(name: str) -> Any:
    if name not in _FILES:  # the import system asks for __path__ and others: no pathlib then
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from pathlib import Path

    return Path(".claude") / _FILES[name]


def user_config_folder(env: Mapping[str, str] | None = None, home: str | None = None,
                       start: str | None = None) -> str:
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
            return configured
        return os.path.join(start if start is not None else _cwd(), configured)
    return os.path.join(home or environ.get("HOME") or os.path.expanduser("~"), ".claude")


def user_config_dir(env: Mapping[str, str] | None = None, home: Path | None = None,
                    start: Path | None = None) -> Path:
    """:func:`user_config_folder` as a ``Path``."""
    from pathlib import Path

    return Path(user_config_folder(env, None if home is None else os.fspath(home),
                                   None if start is None else os.fspath(start)))


def _cwd() -> str:
    try:
        return os.getcwd()
    except OSError:  # the working directory was removed: relative paths stay relative
        return ""


def managed_dir(platform: str | None = None) -> Path:
    """The OS folder holding ``managed-settings.json`` and ``managed-settings.d/``."""
    from pathlib import Path

    name = platform or sys.platform
    if name == "darwin":
        return Path("/Library/Application Support/ClaudeCode")
    if name.startswith("win"):
        return Path("C:/Program Files/ClaudeCode")
    return Path("/etc/claude-code")


def settings_file(project: Path, scope: str, env: Mapping[str, str] | None = None) -> Path:
    """The settings file of ``scope`` for a project directory."""
    if scope == "project":
        return project / ".claude" / "settings.json"
    if scope == "local":
        return project / ".claude" / "settings.local.json"
    if scope == "user":
        return user_config_dir(env) / "settings.json"
    raise ValueError(f"unknown scope {scope!r}")


def claude_dir_of(settings: Path) -> Path | None:
    """The ``.claude`` folder a settings file belongs to, when it sits in one."""
    parent = settings.parent
    if parent.name == ".claude" or settings.name == "settings.json" and parent == user_config_dir():
        return parent
    return None
