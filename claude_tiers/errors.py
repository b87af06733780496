"""Error types and the exit codes they map to (one place for both)."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Stable process exit codes shared by every command."""

    OK = 0
    FINDINGS = 1  # lint findings, pending changes under --check, files fixed, a target failed
    USAGE = 2  # bad flags, bad configuration, unknown preset
    INTERNAL = 3  # a bug in claude-tiers
    INTERRUPTED = 130
    BROKEN_PIPE = 141  # the reader went away (``| head``): 128 + SIGPIPE, as shells report it


class TiersError(Exception):
    """Base class of every error claude-tiers reports as a message, not a traceback."""

    exit_code: ExitCode = ExitCode.FINDINGS


class UserError(TiersError):
    """The user asked for something that cannot be done (unknown preset, bad flag value)."""

    exit_code = ExitCode.USAGE


class ConfigError(UserError):
    """claude-tiers' own configuration (claude-tiers.yaml, pyproject table, preset) is invalid."""


class PresetError(ConfigError):
    """A preset cannot be found, parsed, validated or resolved."""


class DocumentError(TiersError):
    """A file could not be read or fully understood; it is reported and never written.

    ``kind`` is a short stable identifier (``invalid-json``, ``comment``, ``bom``, ...);
    ``line``/``column`` are 1-based and 0 when unknown.
    """

    def __init__(self, path: str, kind: str, message: str, line: int = 0, column: int = 0,
                 consequence: str = "") -> None:
        self.path = path
        self.kind = kind
        self.message = message
        self.line = line
        self.column = column
        self.consequence = consequence
        super().__init__(self.render())

    def render(self) -> str:
        """``path:line:col: message (consequence)`` as printed to the user."""
        where = self.path
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        text = f"{where}: {self.message}"
        if self.consequence:
            text += f" ({self.consequence})"
        return text


class ConcurrentModification(TiersError):
    """The file changed on disk between our read and our write; it was left alone."""
