"""Run the real Claude Code (pinned) offline, as the judge of truth for claude-tiers' tests.

Claude Code is installed with npm into a cache folder and run against a loopback Messages-API stub
(:mod:`tests.oracle.stub`) with a dummy key. Each call gets a clean environment. What we read back:

* the models Claude Code requested (main thread and subagents), from the stub's log;
* the settings it rejected: ``claude -p`` prints, on stderr, the files that "did not load" (dropped
  whole) and the entries that "were skipped"; ``claude doctor`` prints an "Invalid settings" list.

Managed settings: Claude Code 2.1.330 reads them only from ``/etc/claude-code`` on Linux. The binary
knows an env var ``CLAUDE_CODE_MANAGED_SETTINGS_PATH``, but in the public build the override hook is
compiled to ``function(){return}`` (observed: setting it has no effect), and ``--managed-settings``
(inline JSON for a parent process) had no effect either. So :func:`managed_settings` writes
``/etc/claude-code`` itself, under an exclusive lock, and restores the previous state afterwards.

Command line: ``python -m tests.oracle.harness refresh-cases`` re-records the verdicts of
``validation_cases.json``; ``python -m tests.oracle.harness corpus`` re-records ``corpus_verdicts.json``.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, NamedTuple

if __package__ in (None, ""):  # run as a script: make ``tests.oracle`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.oracle.stub import FORK_MARKER, LoggedRequest, MessagesStub

PINNED_VERSION = "2.1.330"
PACKAGE = "@anthropic-ai/claude-code"
DEFAULT_MODEL = "claude-opus-5-5"
"""What Claude Code 2.1.330 requests for an API-key user when nothing selects a model."""

MANAGED_DIR = Path("/etc/claude-code")
MANAGED_LOCK = Path("/tmp/claude-tiers-oracle-managed.lock")
"""Readers (every run) hold it shared, :func:`managed_settings` holds it exclusive. A fixed path,
not ``tempfile.gettempdir()``, so processes with different ``TMPDIR`` still agree on it."""
MANAGED_GATE = Path("/tmp/claude-tiers-oracle-managed.gate")
"""Passed (exclusively, briefly) by readers before they take :data:`MANAGED_LOCK`; a writer holds it
while it waits, so a stream of parallel runs cannot starve :func:`managed_settings`."""

SAFE_SETTINGS_OVERLAY: dict[str, Any] = {"disableAllHooks": True, "apiKeyHelper": "echo sk-ant-dummy"}
"""Passed with ``--settings`` when judging untrusted files: observed, ``claude -p`` runs hook commands and
``apiKeyHelper`` from user, project *and untrusted* local/project files. ``statusLine`` does not run in
``-p``. The overlay outranks user/project/local files, so their commands never run. Prefer
``Oracle.run(..., settings_overlay=SAFE_SETTINGS_OVERLAY)``, which also pins the connection env (below)."""

PINNED_SETTINGS_ENV: dict[str, str] = {
    "ANTHROPIC_API_KEY": "sk-ant-dummy",
    "ANTHROPIC_AUTH_TOKEN": "",
    "CLAUDE_CODE_USE_BEDROCK": "0",
    "CLAUDE_CODE_USE_VERTEX": "0",
    "CLAUDE_CODE_USE_FOUNDRY": "0",
    "CLAUDE_CODE_USE_ANTHROPIC_AWS": "0",
    "CLAUDE_CODE_USE_MANTLE": "0",
    "CLAUDE_CODE_ENABLE_TELEMETRY": "0",
    "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1",
    "DISABLE_TELEMETRY": "1",
    "DISABLE_AUTOUPDATER": "1",
    "HTTP_PROXY": "",
    "HTTPS_PROXY": "",
    "ALL_PROXY": "",
    "http_proxy": "",
    "https_proxy": "",
    "NO_PROXY": "127.0.0.1,localhost",
}
"""With ``settings_overlay``, these (plus ``ANTHROPIC_BASE_URL`` = the stub) go into the overlay's ``env``: a
settings ``env`` beats the process env, so a judged file with ``env.ANTHROPIC_BASE_URL`` (two corpus files
point at remote gateways) or a provider switch would otherwise send Claude Code to the network and hang."""

DROPPED_HEADING = "These settings did not load"
SKIPPED_HEADING = "These settings entries were skipped"
MANAGED_INVALID_HEADING = "Managed settings contain invalid entries"

Scope = Literal["user", "project", "local"]
VerdictName = Literal["dropped", "entries-skipped", "loaded"]
SCOPES: tuple[Scope, ...] = ("user", "project", "local")


class OracleUnavailable(RuntimeError):
    """Claude Code cannot be installed or run here (no npm, install failed, wrong platform...)."""


class OracleTimeout(RuntimeError):
    """A Claude Code call did not finish in time; carries what it printed so far."""

    def __init__(self, message: str, stdout: str, stderr: str) -> None:
        super().__init__(message)
        self.stdout = stdout
        self.stderr = stderr


class SettingsProblem(NamedTuple):
    """One problem Claude Code reported about a settings file: (file, json_path, message).

    ``json_path`` is Claude Code's own dotted path (e.g. ``"permissions.allow"``, ``"hooks.Frob"``) or
    ``None`` when the problem concerns the whole file (e.g. invalid JSON).
    """

    file: str
    json_path: str | None
    message: str


@dataclass(frozen=True)
class RunResult:
    """What one ``claude`` call did."""

    exit_code: int
    stdout: str
    stderr: str
    requests: tuple[LoggedRequest, ...]
    models: tuple[str, ...]
    """Models of the main-thread Messages requests, in order."""
    subagent_models: tuple[str, ...]
    """Models of subagent Messages requests (first user message = the tool's prompt, or a fork)."""
    dropped_files: tuple[SettingsProblem, ...]
    """Lines under "These settings did not load": the whole file is ignored."""
    skipped_entries: tuple[SettingsProblem, ...]
    """Lines under "These settings entries were skipped": only that entry is ignored."""
    managed_invalid_entries: tuple[SettingsProblem, ...]
    """Lines under "Managed settings contain invalid entries"."""
    warnings: tuple[str, ...]
    """Other stderr lines (e.g. ``Permission deny rule "X" matches no known tool``), footer excluded."""
    seconds: float

    @property
    def model(self) -> str | None:
        """The first main-thread model requested, or None when no request was made."""
        return self.models[0] if self.models else None


@dataclass(frozen=True)
class DoctorResult:
    """What ``claude doctor`` printed."""

    exit_code: int
    stdout: str
    stderr: str
    invalid_settings: tuple[SettingsProblem, ...]
    """Lines of the "Invalid settings" section; "Suggested fix" continuation lines are appended to the message."""
    notes: tuple[str, ...] = ()
    """Pathless paragraphs inside the "Invalid settings" section."""


@dataclass(frozen=True)
class Verdict:
    """How Claude Code treated one settings file."""

    verdict: VerdictName
    paths: tuple[str, ...]
    """The JSON paths Claude Code named for this file (in order, each once; ``""`` = the whole file)."""
    messages: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    """The run's other stderr lines, sandbox paths replaced by ``<sandbox>`` (shared by a batch)."""
    requested_model: str | None = None
    """The model of the run's first main-thread request (the merged result of a batch)."""
    run: RunResult | None = field(default=None, compare=False, repr=False)

    def as_json(self) -> dict[str, Any]:
        """The verdict as stored in the JSON fixtures."""
        return {
            "verdict": self.verdict,
            "paths": list(self.paths),
            "messages": list(self.messages),
            "warnings": list(self.warnings),
            "requested_model": self.requested_model,
        }


# --------------------------------------------------------------------------------------------
# Installation
# --------------------------------------------------------------------------------------------


def default_cache_dir(version: str = PINNED_VERSION) -> Path:
    """``$CLAUDE_TIERS_ORACLE_DIR``, else ``~/.cache/claude-tiers/oracle/<version>``."""
    env = os.environ.get("CLAUDE_TIERS_ORACLE_DIR")
    if env:
        return Path(env).expanduser()
    return Path.home() / ".cache" / "claude-tiers" / "oracle" / version


def _open_lock(path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    with contextlib.suppress(OSError):
        os.fchmod(fd, 0o666)  # let other users share the lock file
    return fd


@contextlib.contextmanager
def _flock(path: Path, exclusive: bool = True) -> Iterator[None]:
    fd = _open_lock(path)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        yield
    finally:
        os.close(fd)  # releases the lock


def _candidate_binaries(cache_dir: Path) -> list[Path]:
    nm = cache_dir / "node_modules"
    out = [nm / ".bin" / "claude", nm / "@anthropic-ai" / "claude-code-linux-x64" / "claude"]
    out += sorted(nm.glob("@anthropic-ai/claude-code-*/claude"))
    seen: list[Path] = []
    for p in out:
        if p not in seen:
            seen.append(p)
    return seen


def binary_version(binary: Path, timeout: float = 30.0) -> str | None:
    """``claude --version``'s version number, or None when it does not run."""
    try:
        proc = subprocess.run(
            [str(binary), "--version"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
            env={**_base_env(), "DISABLE_AUTOUPDATER": "1"},
        )
    except (OSError, subprocess.SubprocessError):
        return None
    m = re.match(r"\s*(\d+\.\d+\.\d+)", proc.stdout)
    return m.group(1) if proc.returncode == 0 and m else None


def find_binary(cache_dir: Path | None = None, version: str = PINNED_VERSION) -> Path | None:
    """The installed Claude Code binary of ``version`` in ``cache_dir``, or None.

    Tries ``node_modules/.bin/claude`` first, then the platform package's native binary (which is
    what runs when npm install scripts are disabled).
    """
    cache_dir = cache_dir or default_cache_dir(version)
    for cand in _candidate_binaries(cache_dir):
        if cand.is_file() and os.access(cand, os.X_OK) and binary_version(cand) == version:
            return cand
    return None


def install(cache_dir: Path | None = None, version: str = PINNED_VERSION, timeout: float = 900.0) -> Path:
    """Install ``@anthropic-ai/claude-code@<version>`` into ``cache_dir`` (once) and return its binary.

    Idempotent and safe to call from several processes at once (an exclusive file lock serialises
    installs). Raises :class:`OracleUnavailable` with the reason when npm is missing or fails.
    """
    cache_dir = cache_dir or default_cache_dir(version)
    found = find_binary(cache_dir, version)
    if found:
        return found
    npm = shutil.which("npm")
    if npm is None:
        raise OracleUnavailable(f"needs npm to install {PACKAGE}@{version}: npm is not on PATH")
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OracleUnavailable(f"cannot create the oracle cache dir {cache_dir}: {e}") from e
    with _flock(cache_dir / ".install.lock"):
        found = find_binary(cache_dir, version)  # another process may have finished meanwhile
        if found:
            return found
        manifest = {
            "name": "claude-tiers-oracle",
            "version": "0.0.0",
            "private": True,
            "description": f"Pinned Claude Code {version} for claude-tiers' oracle tests",
            "dependencies": {PACKAGE: version},
        }
        pkg_json = cache_dir / "package.json"
        old = pkg_json.read_text() if pkg_json.is_file() else None
        if old is None or json.loads(old).get("dependencies") != manifest["dependencies"]:
            pkg_json.write_text(json.dumps(manifest, indent=2) + "\n")
            (cache_dir / "package-lock.json").unlink(missing_ok=True)
        use_ci = (cache_dir / "package-lock.json").is_file()
        cmd = [npm, "ci" if use_ci else "install", "--no-audit", "--no-fund", "--loglevel=error", "--save-exact"]
        if use_ci:
            cmd.remove("--save-exact")
        try:
            proc = subprocess.run(
                cmd,
                cwd=cache_dir,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired as e:
            raise OracleUnavailable(f"npm install of {PACKAGE}@{version} timed out after {timeout:.0f}s") from e
        except OSError as e:
            raise OracleUnavailable(f"needs npm to install {PACKAGE}@{version}: {e}") from e
        if proc.returncode != 0:
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-8:]
            raise OracleUnavailable(f"npm {cmd[1]} of {PACKAGE}@{version} failed (exit {proc.returncode}): " + " | ".join(tail))
        found = find_binary(cache_dir, version)
        if found is None:
            raise OracleUnavailable(
                f"{PACKAGE}@{version} installed into {cache_dir} but no runnable binary of that version was found "
                f"(tried {', '.join(str(p) for p in _candidate_binaries(cache_dir))})"
            )
        return found


# --------------------------------------------------------------------------------------------
# Environment, managed settings
# --------------------------------------------------------------------------------------------

_DROP_PREFIXES = ("ANTHROPIC_", "CLAUDE_", "CLAUDECODE", "XDG_", "OTEL_")
_DROP_NAMES = {"http_proxy", "https_proxy", "all_proxy", "no_proxy", "npm_config_prefix"}


def _base_env() -> dict[str, str]:
    return {
        k: v
        for k, v in os.environ.items()
        if not k.upper().startswith(_DROP_PREFIXES) and k.lower() not in _DROP_NAMES and not k.startswith("DISABLE_")
    }


def clean_env(home: Path, base_url: str, env: Mapping[str, str | None] | None = None) -> dict[str, str]:
    """The environment for one call: inherited vars minus ``ANTHROPIC_*``/``CLAUDE_*``/``XDG_*``/proxies,
    plus HOME, the dummy key, the stub URL and the ``DISABLE_*`` switches; then ``env`` (None deletes)."""
    out = _base_env()
    out.update(
        HOME=str(home),
        ANTHROPIC_API_KEY="sk-ant-dummy",
        ANTHROPIC_BASE_URL=base_url,
        DISABLE_AUTOUPDATER="1",
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC="1",
        DISABLE_TELEMETRY="1",
        DISABLE_ERROR_REPORTING="1",
        NO_COLOR="1",
        NO_PROXY="127.0.0.1,localhost",
    )
    for k, v in (env or {}).items():
        if v is None:
            out.pop(k, None)
        else:
            out[k] = v
    return out


_managed_active = threading.Event()  # set while this process holds the exclusive managed lock


@contextlib.contextmanager
def _reading_managed_state() -> Iterator[None]:
    """Hold the managed-settings lock shared for one run (unless this process is the writer)."""
    if _managed_active.is_set():
        yield
        return
    fd = _open_lock(MANAGED_LOCK)
    try:
        with _flock(MANAGED_GATE):
            fcntl.flock(fd, fcntl.LOCK_SH)
        yield
    finally:
        os.close(fd)


_BACKUP_SUFFIX = ".claude-tiers-backup"
_MARKER = ".claude-tiers-oracle"


def _restore_stale(root: Path) -> None:
    """Undo a previous run of :func:`managed_settings` that died before restoring (lock held)."""
    backup = root.with_name(root.name + _BACKUP_SUFFIX)
    absent = root.with_name(root.name + _BACKUP_SUFFIX + "-absent")
    if (root / _MARKER).exists():
        shutil.rmtree(root)
    if backup.exists() and not root.exists():
        backup.rename(root)
    if absent.exists():
        absent.unlink()


@contextlib.contextmanager
def managed_settings(files: Mapping[str, str | bytes], root: Path = MANAGED_DIR) -> Iterator[Path]:
    """Make ``root`` (``/etc/claude-code``) hold exactly ``files`` for the duration of the block.

    ``files`` maps a path relative to ``root`` (``"managed-settings.json"``,
    ``"managed-settings.d/10-x.json"``) to its exact content. An existing ``root`` is renamed aside and put
    back afterwards; a ``root`` that did not exist is removed again. An exclusive lock shuts out every
    other oracle run (they hold it shared), in this and other processes, so no run sees a half-written or
    foreign policy. Needs write access to ``root``'s parent (root on Linux); raises
    :class:`OracleUnavailable` otherwise.
    """
    if not os.access(root.parent, os.W_OK):
        raise OracleUnavailable(f"managed settings live in {root}; writing it needs root (no write access to {root.parent})")
    with _flock(MANAGED_GATE), _flock(MANAGED_LOCK):
        _managed_active.set()
        try:
            _restore_stale(root)
            backup = root.with_name(root.name + _BACKUP_SUFFIX)
            absent = root.with_name(root.name + _BACKUP_SUFFIX + "-absent")
            had_root = root.exists() or root.is_symlink()
            if had_root:
                root.rename(backup)
            else:
                absent.touch()
            try:
                root.mkdir(parents=True)
                (root / _MARKER).write_text("written by claude-tiers' oracle tests; removed when they finish\n")
                for rel, content in files.items():
                    target = (root / rel).resolve()
                    if root.resolve() not in target.parents:
                        raise ValueError(f"managed file {rel!r} is outside {root}")
                    target.parent.mkdir(parents=True, exist_ok=True)
                    if isinstance(content, bytes):
                        target.write_bytes(content)
                    else:
                        target.write_text(content, encoding="utf-8")
                yield root
            finally:
                if root.exists():
                    shutil.rmtree(root)
                if had_root:
                    backup.rename(root)
                else:
                    absent.unlink(missing_ok=True)
        finally:
            _managed_active.clear()


# --------------------------------------------------------------------------------------------
# Output parsing
# --------------------------------------------------------------------------------------------

_STDERR_LINE = re.compile(r"^\s{2}(?P<file>\S.*?)(?: \((?P<path>[^()]*)\))?: (?P<msg>.*)$")
_DOCTOR_LINE = re.compile(r"^- (?P<file>\S.*?)(?: \u203a (?P<path>[^:]*?))?: (?P<msg>.*)$")


FOOTER = "Fix each problem listed, then start Claude Code again."


def parse_stderr_warnings(stderr: str) -> list[str]:
    """The stderr lines that belong to none of the three settings sections (nor the footer)."""
    out: list[str] = []
    section = False
    for line in stderr.splitlines():
        if line.startswith((DROPPED_HEADING, SKIPPED_HEADING, MANAGED_INVALID_HEADING)):
            section = True
            continue
        if section and line.startswith("  "):
            continue
        section = False
        if line.strip() and not line.startswith(FOOTER):
            out.append(line.rstrip())
    return out


def parse_settings_stderr(stderr: str) -> dict[str, list[SettingsProblem]]:
    """Split ``claude -p`` stderr into the ``dropped``, ``skipped`` and ``managed`` problem lists."""
    out: dict[str, list[SettingsProblem]] = {"dropped": [], "skipped": [], "managed": []}
    section: str | None = None
    for line in stderr.splitlines():
        if line.startswith(DROPPED_HEADING):
            section = "dropped"
            continue
        if line.startswith(SKIPPED_HEADING):
            section = "skipped"
            continue
        if line.startswith(MANAGED_INVALID_HEADING):
            section = "managed"
            continue
        if section is None:
            continue
        if not line.startswith("  "):
            section = None
            continue
        items = out[section]
        if line.startswith("    ") and items:  # continuation of the previous message
            prev = items[-1]
            items[-1] = prev._replace(message=prev.message + "\n" + line.strip())
            continue
        m = _STDERR_LINE.match(line)
        if m:
            items.append(SettingsProblem(m["file"], m["path"], m["msg"]))
        elif items:
            prev = items[-1]
            items[-1] = prev._replace(message=prev.message + "\n" + line.strip())
    return out


def parse_doctor(stdout: str) -> tuple[list[SettingsProblem], list[str]]:
    """The "Invalid settings" lines of ``claude doctor`` output, and pathless paragraphs in that section.

    The section is a run of ``- <file> › <path>: <message>`` (or ``- <file>: <message>``) lines, with
    indented continuation lines (``Suggested fix: ...``); a blank line followed by another ``- `` line
    (a pathless note) keeps it going, anything else ends it.
    """
    problems: list[SettingsProblem] = []
    notes: list[str] = []
    lines = stdout.splitlines()
    try:
        i = next(n for n, ln in enumerate(lines) if ln.strip() == "Invalid settings") + 1
    except StopIteration:
        return problems, notes
    last: list[SettingsProblem] | list[str] | None = None
    for n in range(i, len(lines)):
        line = lines[n]
        if line.startswith("- "):
            m = _DOCTOR_LINE.match(line)
            if m and _looks_like_source(m["file"]):
                problems.append(SettingsProblem(m["file"], m["path"], m["msg"]))
                last = problems
            else:
                notes.append(line[2:])
                last = notes
        elif line.startswith(" ") and line.strip():
            if last is problems and problems:
                prev = problems[-1]
                problems[-1] = prev._replace(message=prev.message + "\n" + line.strip())
            elif last is notes and notes:
                notes[-1] += "\n" + line.strip()
        elif not line.strip():
            if n + 1 < len(lines) and lines[n + 1].startswith("- "):
                continue
            break
        else:
            break
    return problems, notes


def _looks_like_source(label: str) -> bool:
    return label.startswith(("/", "~", "--", "\\")) or bool(re.match(r"[A-Za-z]:[\\/]", label))


def _same_file(a: str, b: str | Path) -> bool:
    return os.path.realpath(a) == os.path.realpath(str(b))


_REMINDER = re.compile(r"<system-reminder>.*?</system-reminder>", re.S)


def _strip_reminders(text: str) -> str:
    return _REMINDER.sub("", text).strip()


def split_requests(
    requests: Sequence[LoggedRequest], agent_tool_input: Mapping[str, Any] | None
) -> tuple[list[LoggedRequest], list[LoggedRequest]]:
    """Split the stub's Messages requests into (main thread, subagents).

    A subagent request is one whose first user message (system reminders removed) is the launched
    tool's ``prompt``, or, for a fork, whose last user message holds ``<fork-boilerplate>``.
    """
    prompt = str(agent_tool_input.get("prompt", "")).strip() if agent_tool_input else ""
    main: list[LoggedRequest] = []
    sub: list[LoggedRequest] = []
    for r in requests:
        if not r.is_messages:
            continue
        first = _strip_reminders(r.first_user_text)
        is_sub = bool(prompt) and (first == prompt or first.endswith("\n" + prompt))
        is_fork = agent_tool_input is not None and FORK_MARKER in r.last_user_text and not r.answered_with_tool_use
        (sub if is_sub or is_fork else main).append(r)
    return main, sub


# --------------------------------------------------------------------------------------------
# The oracle
# --------------------------------------------------------------------------------------------


@dataclass
class Sandbox:
    """A throwaway HOME and project dir for one or more Claude Code calls."""

    root: Path
    home: Path
    cwd: Path

    def settings_path(self, scope: Scope) -> Path:
        """Where the settings file of ``scope`` lives in this sandbox."""
        if scope == "user":
            return self.home / ".claude" / "settings.json"
        if scope == "project":
            return self.cwd / ".claude" / "settings.json"
        if scope == "local":
            return self.cwd / ".claude" / "settings.local.json"
        raise ValueError(f"unknown scope {scope!r}")

    def write_settings(self, scope: Scope, text: str | bytes) -> Path:
        """Write the exact ``text`` as the ``scope`` settings file and return its path."""
        return self.write(self.settings_path(scope), text)

    def write(self, path: Path | str, text: str | bytes) -> Path:
        """Write a file (relative paths are relative to the project dir)."""
        p = Path(path)
        if not p.is_absolute():
            p = self.cwd / p
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            p.write_bytes(text)
        else:
            p.write_bytes(text.encode("utf-8"))
        return p

    def trust(self) -> None:
        """Mark the project dir trusted (``hasTrustDialogAccepted``) in ``$HOME/.claude.json``."""
        cfg_path = self.home / ".claude.json"
        cfg: dict[str, Any] = json.loads(cfg_path.read_text()) if cfg_path.is_file() else {}
        cfg.setdefault("projects", {}).setdefault(str(self.cwd), {})["hasTrustDialogAccepted"] = True
        cfg_path.write_text(json.dumps(cfg, indent=2))


class Oracle:
    """The pinned Claude Code, runnable offline. Build with :meth:`locate` (installs if needed)."""

    def __init__(self, binary: Path, version: str = PINNED_VERSION) -> None:
        self.binary = binary
        self.version = version

    @classmethod
    def locate(cls, cache_dir: Path | None = None, version: str = PINNED_VERSION) -> Oracle:
        """Install (if needed) and return the oracle; raises :class:`OracleUnavailable` with the reason."""
        return cls(install(cache_dir, version), version)

    @contextlib.contextmanager
    def sandbox(self) -> Iterator[Sandbox]:
        """A fresh temp dir with ``home/`` and ``project/``, removed afterwards."""
        with tempfile.TemporaryDirectory(prefix="claude-tiers-oracle-") as d:
            root = Path(d).resolve()
            home, cwd = root / "home", root / "project"
            home.mkdir()
            cwd.mkdir()
            yield Sandbox(root, home, cwd)

    def _call(
        self,
        cwd: Path,
        home: Path,
        args: Sequence[str],
        env: Mapping[str, str | None] | None,
        agent_tool_input: Mapping[str, Any] | None,
        timeout: float,
        settings_overlay: Mapping[str, Any] | None = None,
    ) -> tuple[int, str, str, list[LoggedRequest], float]:
        with MessagesStub(dict(agent_tool_input) if agent_tool_input is not None else None) as stub, _reading_managed_state():
            full_env = clean_env(Path(home), stub.url, env)
            if settings_overlay is not None:
                overlay = dict(settings_overlay)
                overlay["env"] = {
                    **dict(overlay.get("env") or {}),
                    **PINNED_SETTINGS_ENV,
                    "ANTHROPIC_BASE_URL": stub.url,
                }
                args = (*args, "--settings", json.dumps(overlay))
            t0 = time.monotonic()
            proc = subprocess.Popen(
                [str(self.binary), *args],
                cwd=str(cwd),
                env=full_env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=True,
            )
            try:
                out_b, err_b = proc.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                out_b, err_b = proc.communicate()
                raise OracleTimeout(
                    f"claude {' '.join(args)} did not finish within {timeout:.0f}s",
                    out_b.decode("utf-8", "replace"),
                    err_b.decode("utf-8", "replace"),
                ) from None
            finally:
                # hooks or background tasks may leave children in the session: don't leak them
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(proc.pid, signal.SIGKILL)
            seconds = time.monotonic() - t0
            return (
                proc.returncode,
                out_b.decode("utf-8", "replace"),
                err_b.decode("utf-8", "replace"),
                stub.requests,
                seconds,
            )

    def run(
        self,
        cwd: Path | str,
        home: Path | str,
        args: Sequence[str] = ("-p", "hi"),
        env: Mapping[str, str | None] | None = None,
        agent_tool_input: Mapping[str, Any] | None = None,
        timeout: float = 60.0,
        settings_overlay: Mapping[str, Any] | None = None,
    ) -> RunResult:
        """Run ``claude <args>`` in ``cwd`` with ``HOME=home`` against a fresh stub.

        ``env`` is layered over the clean environment (a None value deletes a variable).
        ``agent_tool_input``: the first request offering the ``Agent`` tool is answered with a
        ``tool_use`` of ``Agent`` with this input, so a subagent is launched.
        ``settings_overlay``: appended as ``--settings <json>`` with :data:`PINNED_SETTINGS_ENV` and the stub
        URL merged into its ``env`` (use :data:`SAFE_SETTINGS_OVERLAY` to judge files you did not write;
        don't pass another ``--settings`` in ``args`` then). Raises :class:`OracleTimeout` when the call
        outlives ``timeout`` seconds.
        """
        code, out, err, reqs, secs = self._call(
            Path(cwd), Path(home), args, env, agent_tool_input, timeout, settings_overlay
        )
        main, sub = split_requests(reqs, agent_tool_input)
        parsed = parse_settings_stderr(err)
        return RunResult(
            exit_code=code,
            stdout=out,
            stderr=err,
            requests=tuple(reqs),
            models=tuple(r.model or "" for r in main),
            subagent_models=tuple(r.model or "" for r in sub),
            dropped_files=tuple(parsed["dropped"]),
            skipped_entries=tuple(parsed["skipped"]),
            managed_invalid_entries=tuple(parsed["managed"]),
            warnings=tuple(parse_stderr_warnings(err)),
            seconds=secs,
        )

    def doctor(
        self,
        cwd: Path | str,
        home: Path | str,
        env: Mapping[str, str | None] | None = None,
        timeout: float = 60.0,
    ) -> DoctorResult:
        """Run ``claude doctor`` and parse its "Invalid settings" section."""
        code, out, err, _reqs, _secs = self._call(Path(cwd), Path(home), ("doctor",), env, None, timeout)
        problems, notes = parse_doctor(out)
        return DoctorResult(code, out, err, tuple(problems), tuple(notes))

    def settings_verdict(
        self, text: str | bytes, scope: Scope = "project", trusted: bool = True, timeout: float = 60.0
    ) -> Verdict:
        """Write ``text`` as the ``scope`` settings file of a fresh sandbox and report what ``claude -p`` did with it.

        Runs with :data:`SAFE_SETTINGS_OVERLAY` so that no hook or ``apiKeyHelper`` from ``text`` executes.
        ``trusted`` marks the project dir trusted (as for a user working in that repo); the verdict is
        the same either way, but untrusted runs add an "Ignoring N permissions.allow entries" warning and
        hide the warnings about allow rules.
        """
        return verdicts(self, [(text, scope)], jobs=1, trusted=trusted, timeout=timeout)[0]


def pack_by_scope(items: Sequence[tuple[str | bytes, Scope]]) -> list[list[int]]:
    """Group item indexes into batches holding at most one file per scope (so one run judges up to 3)."""
    queues: dict[Scope, list[int]] = {s: [] for s in SCOPES}
    for i, (_text, scope) in enumerate(items):
        queues[scope].append(i)
    batches: list[list[int]] = []
    while any(queues.values()):
        batches.append([queues[s].pop(0) for s in SCOPES if queues[s]])
    return batches


def verdicts(
    oracle: Oracle,
    items: Sequence[tuple[str | bytes, Scope]],
    jobs: int | None = None,
    batch: bool = False,
    trusted: bool = True,
    timeout: float = 90.0,
) -> list[Verdict]:
    """Judge many (text, scope) settings files in parallel, one ``claude -p`` call each.

    ``batch=True`` packs up to three files (user + project + local) into one call. Claude Code
    validates each source on its own, so that does not change a file's verdict (checked: batched and
    one-file-per-run verdicts of the whole validation matrix agree), but ``warnings`` are then those of
    the whole batch. See :meth:`Oracle.settings_verdict` for ``trusted``.
    """
    batches = pack_by_scope(items) if batch else [[i] for i in range(len(items))]

    def judge(group: list[int]) -> list[tuple[int, Verdict]]:
        with oracle.sandbox() as sb:
            paths = {i: sb.write_settings(items[i][1], items[i][0]) for i in group}
            if trusted:
                sb.trust()
            result = oracle.run(sb.cwd, sb.home, ("-p", "hi"), timeout=timeout, settings_overlay=SAFE_SETTINGS_OVERLAY)
            return [(i, verdict_for(paths[i], result, sb.root)) for i in group]

    out: list[Verdict | None] = [None] * len(items)
    for pairs in parallel_map(judge, batches, jobs):
        for i, v in pairs:
            out[i] = v
    assert all(v is not None for v in out)
    return [v for v in out if v is not None]


def _unique(xs: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(xs))


MACHINE_DEPENDENT_WARNINGS = (
    re.compile(r"^\u26a0 Sandbox disabled: .*dependencies are missing"),
    re.compile(r"^\s+Commands will run WITHOUT sandboxing\."),
)
"""Warnings that depend on the machine, not on the file (bubblewrap/socat installed or not); left out of
:attr:`Verdict.warnings` (they stay in :attr:`RunResult.warnings`)."""


def verdict_for(path: Path | str, result: RunResult, sandbox_root: Path | None = None) -> Verdict:
    """Classify how ``result`` treated the settings file at ``path`` (``sandbox_root`` is masked in warnings)."""
    warnings = tuple(w for w in result.warnings if not any(p.search(w) for p in MACHINE_DEPENDENT_WARNINGS))
    if sandbox_root is not None:
        warnings = tuple(w.replace(str(sandbox_root), "<sandbox>") for w in warnings)
    dropped = [p for p in result.dropped_files if _same_file(p.file, path)]
    skipped = [p for p in result.skipped_entries if _same_file(p.file, path)]
    if dropped:
        return Verdict(
            "dropped",
            _unique(p.json_path or "" for p in dropped),
            tuple(p.message for p in dropped),
            warnings,
            result.model,
            result,
        )
    if skipped:
        return Verdict(
            "entries-skipped",
            _unique(p.json_path or "" for p in skipped),
            tuple(p.message for p in skipped),
            warnings,
            result.model,
            result,
        )
    return Verdict("loaded", (), (), warnings, result.model, result)


def parallel_map(fn: Any, items: Iterable[Any], jobs: int | None = None) -> list[Any]:
    """``[fn(x) for x in items]`` on ``jobs`` threads (default ``$CLAUDE_TIERS_ORACLE_JOBS`` or the CPU count).

    Threads suffice: the work happens in Claude Code subprocesses.
    """
    n = jobs or int(os.environ.get("CLAUDE_TIERS_ORACLE_JOBS") or 0) or os.cpu_count() or 2
    with ThreadPoolExecutor(max_workers=max(1, n)) as ex:
        return list(ex.map(fn, items))


# --------------------------------------------------------------------------------------------
# Recording the JSON fixtures
# --------------------------------------------------------------------------------------------

HERE = Path(__file__).resolve().parent
CASES_FILE = HERE / "validation_cases.json"
CORPUS_FILE = HERE / "corpus_verdicts.json"
CORPUS_DIR = HERE.parents[1].parent / "shared" / "corpus" / "real"


def load_cases(path: Path = CASES_FILE) -> list[dict[str, Any]]:
    """The validation matrix (a list of case objects)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    cases = data["cases"] if isinstance(data, dict) else data
    return list(cases)


def corpus_scope(name: str) -> Scope:
    """The scope a corpus settings file is judged in: ``*.local.json`` as local, the rest as project."""
    return "local" if name.endswith(".local.json") else "project"


def corpus_files(corpus_dir: Path = CORPUS_DIR) -> list[Path]:
    """The corpus settings files listed in the manifest, in manifest order."""
    manifest = corpus_dir / "manifest.tsv"
    names: list[str] = []
    for line in manifest.read_text(encoding="utf-8").splitlines()[1:]:
        rel = line.split("\t", 1)[0]
        if rel.startswith("settings/"):
            names.append(rel)
    return [corpus_dir / n for n in names]


def _refresh_cases(oracle: Oracle, path: Path) -> int:
    raw = json.loads(path.read_text(encoding="utf-8"))
    cases = raw["cases"] if isinstance(raw, dict) else raw
    found = verdicts(oracle, [(c["text"], c["scope"]) for c in cases])
    changed = 0
    for case, v in zip(cases, found):
        new = v.as_json()
        if any(case.get(k) != new[k] for k in ("verdict", "paths")):
            changed += 1
            print(f"{case['id']}: {case.get('verdict')} {case.get('paths')} -> {v.verdict} {list(v.paths)}")
        note = case.pop("note", "")
        case.update(new)
        case["note"] = note
    path.write_text(_dump_json(raw), encoding="utf-8")
    return changed


def _dump_json(doc: Any) -> str:
    """Readable JSON (non-ASCII kept) with invisible characters such as a BOM escaped."""
    text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    for ch in ("\ufeff", "\u2028", "\u2029", "\u200b"):
        text = text.replace(ch, f"\\u{ord(ch):04x}")
    return text


def _record_corpus(oracle: Oracle, out: Path, corpus_dir: Path) -> dict[str, int]:
    files = corpus_files(corpus_dir)
    found = verdicts(oracle, [(p.read_bytes(), corpus_scope(p.name)) for p in files])
    entries = []
    counts = {"dropped": 0, "entries-skipped": 0, "loaded": 0}
    for p, v in zip(files, found):
        counts[v.verdict] += 1
        entries.append({"file": f"settings/{p.name}", "scope": corpus_scope(p.name), **v.as_json()})
    doc = {
        "claude_code_version": oracle.version,
        "how": (
            "each file written byte for byte as the .claude/settings.json of an empty, trusted project "
            "(manifest files named *.local.json as .claude/settings.local.json), then `claude -p hi` with "
            f"--settings '{json.dumps(SAFE_SETTINGS_OVERLAY)}' (plus an env block that pins the stub URL and the "
            "dummy key) so no hook or apiKeyHelper runs and nothing reaches the network; verdict from the "
            "stderr sections 'These settings did not load' (dropped) / 'These settings entries were skipped' "
            "(entries-skipped); warnings = other stderr lines"
        ),
        "counts": counts,
        "files": entries,
    }
    out.write_text(_dump_json(doc), encoding="utf-8")
    return counts


def main(argv: Sequence[str] | None = None) -> int:
    """``refresh-cases`` | ``corpus`` | ``verdict FILE [--scope S]``: record fixtures or judge one file."""
    ap = argparse.ArgumentParser(prog="python -m tests.oracle.harness")
    sub = ap.add_subparsers(dest="cmd", required=True)
    rc = sub.add_parser("refresh-cases", help="re-record verdicts in validation_cases.json")
    rc.add_argument("--file", type=Path, default=CASES_FILE)
    co = sub.add_parser("corpus", help="re-record corpus_verdicts.json")
    co.add_argument("--out", type=Path, default=CORPUS_FILE)
    co.add_argument("--corpus", type=Path, default=CORPUS_DIR)
    ve = sub.add_parser("verdict", help="judge one settings file")
    ve.add_argument("file", type=Path)
    ve.add_argument("--scope", choices=SCOPES, default="project")
    ns = ap.parse_args(argv)
    oracle = Oracle.locate()
    t0 = time.monotonic()
    if ns.cmd == "refresh-cases":
        changed = _refresh_cases(oracle, ns.file)
        print(f"{changed} verdict(s) changed; {time.monotonic() - t0:.1f}s")
    elif ns.cmd == "corpus":
        counts = _record_corpus(oracle, ns.out, ns.corpus)
        print(f"{counts}; {time.monotonic() - t0:.1f}s")
    else:
        v = oracle.settings_verdict(ns.file.read_bytes(), ns.scope)
        print(json.dumps(v.as_json(), indent=2, ensure_ascii=False))
        if v.run is not None and v.run.stderr.strip():
            print(v.run.stderr, file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
