"""Error types and the exit codes they map to (one place for both)."""

from __future__ import annotations

import contextlib
import os
import sys
from enum import IntEnum
from typing import Iterator, NoReturn


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


_QUOTING_KINDS = frozenset({"invalid-json", "duplicate-key"})


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

    def without_content(self, why: str) -> DocumentError:
        """The same error with a message that quotes nothing of the file, for a file whose
        content must not be shown (``why`` says so): only two kinds quote it, an unquoted
        word (``invalid-json``) and a duplicate key's name."""
        if self.kind not in _QUOTING_KINDS:
            return self
        what = "has duplicate keys" if self.kind == "duplicate-key" else "is not valid JSON"
        return DocumentError(self.path, self.kind, f"{what} ({why}, so its text is not shown)",
                             self.line, self.column, self.consequence)

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


# ----------------------------------------------------------------------------- reporting


def say(text: str) -> None:
    """Write one line to stderr; characters its encoding cannot hold are escaped, not fatal."""
    stream = sys.stderr
    try:
        stream.write(text + "\n")
    except UnicodeEncodeError:
        encoding = getattr(stream, "encoding", None) or "utf-8"
        stream.write((text + "\n").encode(encoding, "backslashreplace").decode(encoding))
    stream.flush()


def reader_gone() -> NoReturn:
    """Stop quietly when the reader of our output went away (``claude-tiers lint | head``).

    That is no error of ours. Point stdout at /dev/null first, so that the interpreter's final
    flush does not raise a second BrokenPipeError on the way out.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    sys.exit(int(ExitCode.BROKEN_PIPE))


@contextlib.contextmanager
def reported(debug: bool, passthrough: tuple[type[BaseException], ...] = ()) -> Iterator[None]:
    """Turn every failure into a one-line message and a stable exit code (``sys.exit``).

    A traceback only with ``debug`` and only for bugs. Exceptions in ``passthrough`` (the
    command-line parser's own) and SystemExit go through untouched.
    """
    try:
        yield
    except TiersError as exc:
        say(f"claude-tiers: error: {exc}")
        sys.exit(int(exc.exit_code))
    except KeyboardInterrupt:
        say("claude-tiers: interrupted")
        sys.exit(int(ExitCode.INTERRUPTED))
    except BrokenPipeError:
        reader_gone()
    except SystemExit:
        raise
    except Exception as exc:  # a bug: one line, a request, the traceback only on demand
        if debug or isinstance(exc, passthrough):
            raise
        say(f"claude-tiers: internal error: {type(exc).__name__}: {exc} "
            "(this is a bug; please report it with the output of --debug)")
        sys.exit(int(ExitCode.INTERNAL))
