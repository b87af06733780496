"""The lint result cache: a file's findings, kept until the file or what they depend on changes.

Linting costs about a millisecond of CPU a file, and between two runs over a monorepo almost
every file is unchanged. A run over many files (at least ``engine.POOL_MIN_FILES``: a
pre-commit run over a few staged files never opens the cache) keeps, per file:

- its signature as git's index has it (device, inode, size, modification and change times),
  taken before it was read, and the digest (BLAKE2b) of the bytes that were linted: an
  unchanged signature answers without reading the file, a file changed within
  :data:`RACY_SECONDS` of the run is compared by content;
- a fingerprint of each fact beyond its bytes that the rules consulted, taken *before* the
  fact was read: the project's ``env`` (the signatures of its ``settings.json`` and
  ``settings.local.json``), its agents (the agent files and their signatures), today's date;
  a consulted fact without a cheap fingerprint (how git sees an untracked file) makes the
  file's findings uncached;
- the findings (each distinct message stored once).

Everything else the findings depend on names the database: claude-tiers' own files (by size
and time), the Python version, the working directory, the configuration's folder and the
rule selection with its severities, options and per-file ignores. Runs under a tier policy
or with ``--fix``/``--diff`` never use the cache. A database that cannot be read counts as
empty and is replaced; an entry that cannot be understood is linted again; a folder that
cannot be written only costs time.

The cache lives in ``$CLAUDE_TIERS_CACHE_DIR``, else ``$XDG_CACHE_HOME/claude-tiers``, else
``~/.cache/claude-tiers`` (folder mode 0700, files 0600); ``lint --no-cache`` bypasses it.
"""

import os
import sys
from typing import TYPE_CHECKING, Any, NamedTuple, Sequence

from claude_tiers.lint.base import AGENTS, ENV, GIT, TODAY, Finding

if TYPE_CHECKING:
    from claude_tiers.discover import Target
    from claude_tiers.lint.selection import Selection

_make = Finding._make
_UNKNOWN: Any = object()  # not prefetched

FORMAT = 1
"""Bumped whenever what an entry holds changes."""

PRUNE_SAMPLE = 500
"""Each run that writes checks this many entries, drawn at random, and drops those whose
file is gone: the entries of deleted files go, at a bounded cost, whatever part of the tree
each run lints."""


RACY_SECONDS = 3.0
"""A file changed less than this long before the run is checked by content, not signature
(file systems that keep times to the second, or to two, included)."""

BATCH = 256
"""Entries linted anew are written in batches of this many (memory stays flat)."""

CACHE_KIB = 512
"""SQLite's page cache per connection (its default is 2 MiB; lookups go through the
kernel's page cache anyway)."""

MAX_AGE_DAYS = 7
"""A database unused for this long (another configuration's, an older claude-tiers') is
removed."""

# (target key, (signature, digest, deps, findings), ((message digest, message), ...)):
# marshal-able values only.
Entry = tuple[str, tuple[Any, ...], tuple[tuple[bytes, str], ...]]


def cache_dir(environ: Any = None) -> str:
    """The folder holding claude-tiers' caches."""
    env = os.environ if environ is None else environ
    configured = env.get("CLAUDE_TIERS_CACHE_DIR")
    if configured:
        return configured
    base = env.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "claude-tiers")


def _digest(raw: bytes) -> bytes:
    import hashlib

    return hashlib.blake2b(raw, digest_size=16).digest()


def code_fingerprint() -> str:
    """A digest of claude-tiers' own files (package, schemas, data): name, size and mtime."""
    import hashlib

    from claude_tiers.resources import schemas_dir

    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    rows: list[str] = []
    for top in (package, str(schemas_dir())):
        for folder, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if name.endswith((".pyc", ".pyo")):
                    continue
                try:
                    info = os.stat(os.path.join(folder, name))
                except OSError:
                    continue
                rows.append(f"{folder}/{name}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.blake2b("\n".join(rows).encode("utf-8", "surrogateescape"),
                           digest_size=16).hexdigest()


class LintCache:
    """The cache of one lint run (opened by the engine once the run is large enough).

    The entries live in an SQLite database, one per run key, so that no process holds them
    all: each process (the workers fork after :meth:`load`) opens its own connection and
    looks files up one by one; what the workers lint anew comes back to this process with
    their results (``FileResult.cache_entry``), and :meth:`put` writes it in batches.
    """

    def __init__(self, selection: "Selection", root: str | None,
                 folder: str | None = None) -> None:
        self.selection = selection
        self.root = root
        self.folder = folder if folder is not None else cache_dir()
        self.ready = False
        self.warm = False  # the database existed when the run began
        self.path = ""
        self.added: list[tuple[str, bytes]] = []
        self._conn: Any = None
        self._conn_pid = 0
        self._writable = True
        self._prints: dict[tuple[str, str], Any] = {}  # (fact, project root) -> fingerprint
        self._now = 0.0  # when the run started (see _signature)
        self._rows: dict[str, bytes | None] = {}  # prefetched for the chunk being linted
        self._messages: dict[bytes, str] = {}  # digest -> message, as read or written here
        self._new_messages: dict[bytes, str] = {}  # not yet written

    # -------------------------------------------------------------------- the database

    def run_key(self) -> str:
        """Everything besides a file and its facts that its findings depend on."""
        from claude_tiers import __version__

        return repr((FORMAT, __version__, code_fingerprint(), sys.version,
                     sys.implementation.name, os.path.abspath("."), self.root,
                     repr(self.selection)))

    def load(self) -> None:
        """Name this run's database (opened lazily, per process)."""
        import hashlib
        import time

        name = hashlib.blake2b(self.run_key().encode("utf-8", "surrogateescape"),
                               digest_size=16).hexdigest()
        self.path = os.path.join(self.folder, "lint", f"{name}.sqlite")
        self.ready = True
        self.warm = os.path.isfile(self.path)
        self._now = time.time()

    def _db(self) -> Any:
        """This process's connection (a forked worker never uses its parent's); None when
        there is no usable database."""
        pid = os.getpid()
        if self._conn_pid == pid:
            return self._conn
        self._conn_pid, self._conn = pid, None
        if not os.path.isfile(self.path):
            return None
        import sqlite3

        try:
            conn = sqlite3.connect(self.path, timeout=1.0, isolation_level=None)
            conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            conn.execute("SELECT target, value FROM entries LIMIT 0")
            conn.execute("SELECT digest, text FROM messages LIMIT 0")
        except sqlite3.Error:
            return None
        self._conn = conn
        return conn

    def _open_for_writing(self) -> Any:
        import sqlite3

        os.makedirs(self.folder, mode=0o700, exist_ok=True)
        os.makedirs(os.path.dirname(self.path), mode=0o700, exist_ok=True)
        _tag(self.folder)
        os.close(os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600))  # private from the start
        conn = sqlite3.connect(self.path, timeout=2.0, isolation_level=None)
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        conn.execute("PRAGMA journal_mode=WAL")  # workers read while this process writes
        conn.execute("CREATE TABLE IF NOT EXISTS entries "
                     "(target TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID")
        conn.execute("CREATE TABLE IF NOT EXISTS messages "
                     "(digest BLOB PRIMARY KEY, text BLOB NOT NULL) WITHOUT ROWID")
        return conn

    def _write(self, rows: list[tuple[str, bytes]], prune: bool = False,
               messages: dict[bytes, str] | None = None) -> None:
        """Insert ``rows`` (and the messages they use); with ``prune``, also drop some
        entries of files that are gone (:data:`PRUNE_SAMPLE`)."""
        if not self._writable or not rows:
            return
        import sqlite3

        for attempt in (1, 2):
            try:
                conn = self._db() if os.path.isfile(self.path) else None
                if conn is None:
                    conn = self._open_for_writing()
                    self._conn, self._conn_pid = conn, os.getpid()
                with conn:
                    conn.execute("BEGIN")
                    conn.executemany("INSERT OR IGNORE INTO messages VALUES (?, ?)", (
                        (digest, text.encode("utf-8", "surrogatepass"))  # lone surrogates too
                        for digest, text in (messages or {}).items()))
                    conn.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?)", rows)
                    if prune:
                        self._prune(conn)
                return
            except sqlite3.DatabaseError:  # not a database (a damaged file): start afresh
                self._drop()
                if attempt == 2:
                    self._writable = False
            except (OSError, sqlite3.Error):
                self._writable = False  # a cache that cannot be written only costs time
                return

    def _prune(self, conn: Any) -> None:
        sample = conn.execute("SELECT target FROM entries ORDER BY random() LIMIT ?",
                              (PRUNE_SAMPLE,)).fetchall()
        conn.executemany("DELETE FROM entries WHERE target = ?",
                         [(key,) for (key,) in sample if not _still_there(key)])

    def _drop(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except Exception:  # noqa: BLE001 - closing a damaged database
                pass
        self._conn, self._conn_pid = None, 0
        for suffix in ("", "-wal", "-shm", "-journal"):
            try:
                os.unlink(self.path + suffix)
            except OSError:
                pass

    def put(self, entry: Entry) -> None:
        """Keep an entry made here or in a worker (written in batches of :data:`BATCH`)."""
        import marshal

        key, value, texts = entry
        for digest, text in texts:
            if digest not in self._messages:
                self._messages[digest] = self._new_messages[digest] = text
        self.added.append((key, marshal.dumps(value)))
        if len(self.added) >= BATCH:
            self._flush()

    def _flush(self, prune: bool = False) -> None:
        self._write(self.added, prune, self._new_messages)
        self.added, self._new_messages = [], {}

    def save(self) -> None:
        """Write what is left, prune, and close; old databases (other configurations, older
        claude-tiers) are removed after :data:`MAX_AGE_DAYS` without use."""
        if not self.ready:
            return
        self._flush(prune=True)
        if self._conn is not None and self._conn_pid == os.getpid():
            self._conn.close()
        self._conn, self._conn_pid = None, 0
        try:
            os.utime(self.path)  # used now, even by a run that wrote nothing
        except OSError:
            pass
        _remove_old(os.path.dirname(self.path), keep=self.path)

    # -------------------------------------------------------------------- entries

    def prefetch(self, targets: "Sequence[Target]") -> None:
        """Read the entries of a chunk of targets in one query (each lookup pops its own)."""
        db = self._db()
        self._rows = {}
        if db is None or not targets:
            return
        keys = [_key(t) for t in targets]
        try:
            found = dict(db.execute("SELECT target, value FROM entries WHERE target IN "
                                    f"({', '.join('?' * len(keys))})", keys).fetchall())
        except Exception:  # noqa: BLE001 - sqlite3.Error, without importing it here
            return
        self._rows = {key: found.get(key) for key in keys}

    def lookup(self, target: "Target") -> "Lookup":
        """The cached findings of ``target`` if still valid, with what was learnt on the way.

        The file is stat'ed first and read only when its signature is not the stored one:
        the signature is taken before the content, so a change between the two can only
        cost a lookup, never keep a stale result.
        """
        try:
            sig = self._signature(os.stat(target.path))
        except OSError:
            return Lookup(None, None, None)
        db = self._db()
        if db is None:
            return Lookup(None, sig, None)
        from marshal import loads
        from sqlite3 import Error

        raw = None
        key = _key(target)
        try:
            value = self._rows.pop(key, _UNKNOWN)
            if value is _UNKNOWN:
                row = db.execute("SELECT value FROM entries WHERE target = ?",
                                 (key,)).fetchone()
                value = row[0] if row is not None else None
            if value is None:
                return Lookup(None, sig, None)
            stored_sig, digest, deps, findings = loads(value)
            if sig is None or stored_sig != sig:
                raw = _read(target)
                if raw is None or _digest(raw) != digest:
                    return Lookup(None, sig, raw)
            for fact, fingerprint in deps:
                if self.fingerprint(fact, target) != fingerprint:
                    return Lookup(None, sig, raw)
            display = target.display
            messages = self._messages
            found = tuple(_make((display if path is None else path, line, column, code, name,
                                 severity, messages.get(message) or self._message(db, message),
                                 pointer, fixable, None))
                          for line, column, code, name, severity, message, pointer, fixable, path
                          in findings)
        except (TypeError, ValueError, EOFError, KeyError, Error):
            return Lookup(None, sig, raw)  # unreadable, or a shape this version does not know
        if raw is not None and sig is not None:  # same content, new signature: remember it
            return Lookup(found, sig, raw, (_key(target), (sig, digest, deps, findings), ()))
        return Lookup(found, sig, raw)

    def _message(self, db: Any, digest: bytes) -> str:
        """A message by its digest (each is stored once: 60,000 findings hold 1,400)."""
        text = self._messages.get(digest)
        if text is None:
            row = db.execute("SELECT text FROM messages WHERE digest = ?", (digest,)).fetchone()
            if row is None:
                raise KeyError(digest)
            text = self._messages[digest] = bytes(row[0]).decode("utf-8", "surrogatepass")
        return text

    def fingerprint(self, fact: str, target: "Target") -> Any:
        """What ``fact`` of the target's project is now, cheaply: None if it cannot be cached."""
        if fact == GIT:
            return "tracked" if target.tracked else None
        if fact == TODAY:
            from claude_tiers.lint.base import local_date

            return local_date()
        root = target.project_root
        if root is None:
            return ()
        key = (fact, root)
        found = self._prints.get(key)
        if found is None:
            if fact == ENV:
                found = tuple(self._file_print(os.path.join(root, ".claude", name))
                              for name in ("settings.json", "settings.local.json"))
            elif fact == AGENTS:
                from claude_tiers.discover import definition_files
                from claude_tiers.lint.base import AGENT

                found = tuple((str(p), self._file_print(str(p)))
                              for p in definition_files(root, AGENT))
            else:
                return None
            if len(self._prints) >= 256:  # targets come project by project: keep a few
                self._prints.clear()
            self._prints[key] = found
        return found

    def _signature(self, info: os.stat_result) -> tuple[int, ...] | None:
        """What changes whenever a file's content does, as git's index has it: device, inode,
        size, modification and change times. None for a file changed within
        :data:`RACY_SECONDS` of this run's start: a second change in the same clock tick
        could leave all of them as they were (git's "racy" entries), so its content counts."""
        if self._now - max(info.st_mtime, info.st_ctime) < RACY_SECONDS:
            return None
        return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)

    def _file_print(self, path: str) -> Any:
        """A project file's fingerprint: its signature, else its content's digest, else why it
        cannot be read."""
        try:
            sig = self._signature(os.stat(path))
        except FileNotFoundError:
            return ("missing",)
        except OSError as exc:
            return ("unreadable", exc.errno)
        if sig is not None:
            return sig
        from claude_tiers.errors import DocumentError
        from claude_tiers.lint.engine import read_file

        try:
            return ("content", _digest(read_file(path, path, "settings")))
        except DocumentError as exc:
            return ("unreadable", exc.kind)

    def entry(self, target: "Target", sig: tuple[int, ...] | None, raw: bytes,
              deps: dict[str, Any], findings: Sequence[Finding]) -> "Entry | None":
        """What to keep for a file just linted from ``raw`` (its signature ``sig`` taken
        before it was read); None when a consulted fact cannot be cached."""
        if any(fingerprint is None for fingerprint in deps.values()):
            return None
        texts = {_digest(f.message.encode("utf-8", "surrogatepass")): f.message
                 for f in findings}
        digests = {text: digest for digest, text in texts.items()}
        # ``data`` is for fixes, never cached; a finding's path is mostly the file's own.
        stored = tuple((f.line, f.column, f.code, f.name, f.severity, digests[f.message],
                        f.pointer, f.fixable, None if f.path == target.display else f.path)
                       for f in findings)
        return (_key(target), (sig, _digest(raw), tuple(sorted(deps.items())), stored),
                tuple(texts.items()))


class Lookup(NamedTuple):
    """The answer of :meth:`LintCache.lookup`."""

    findings: tuple[Finding, ...] | None  # the cached findings, None on a miss
    sig: tuple[int, ...] | None  # the file's signature, taken before any read
    raw: bytes | None  # the file's bytes, when they had to be read
    entry: Entry | None = None  # a hit under a new signature: the entry to keep instead


def _read(target: "Target") -> bytes | None:
    from claude_tiers.errors import DocumentError
    from claude_tiers.lint.engine import read_file

    try:
        return read_file(target.path, target.display, target.kind)
    except DocumentError:
        return None


def _key(target: "Target") -> str:
    """An entry's key: every field of the target (``repr`` escapes any odd character)."""
    return repr(tuple(target))


def _still_there(key: str) -> bool:
    """Whether the file of an entry's key still exists (False for a key not made here)."""
    import ast

    try:
        path = ast.literal_eval(key)[0]
    except (ValueError, SyntaxError, TypeError, IndexError, MemoryError, RecursionError):
        return False
    return isinstance(path, str) and os.path.lexists(path)


def _remove_old(folder: str, keep: str) -> None:
    import time

    limit = time.time() - MAX_AGE_DAYS * 86400
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        path = os.path.join(folder, name)
        if path.startswith(keep) or not name.endswith((".sqlite", "-wal", "-shm", "-journal")):
            continue
        try:
            if os.stat(path).st_mtime < limit:
                os.unlink(path)
        except OSError:
            pass


def _tag(folder: str) -> None:
    """Mark the cache folder for backup tools (https://bford.info/cachedir/)."""
    path = os.path.join(folder, "CACHEDIR.TAG")
    if not os.path.exists(path):
        with open(path, "w", encoding="ascii") as fh:
            fh.write("Signature: 8a477f597d28d172789f06886806bc55\n"
                     "# This file is a cache directory tag created by claude-tiers.\n")
