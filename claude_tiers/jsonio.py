"""The one reader and writer of Claude Code JSON settings files.

Reading is strict, as Claude Code's is: comments, trailing commas, a BOM, single quotes,
``NaN`` and a top level that is not an object are errors with a line, a column and the
consequence ("Claude Code ignores this whole file"). Duplicate keys are recorded with
both positions (Claude Code, like Python, keeps the last).

Writing is minimal: :func:`render` starts from the original text and splices in only the
values that changed, in the file's own style (indent unit, separators, newline style,
final newline, ASCII escaping). Rendering an unchanged document returns the original
bytes. :func:`write_atomic` replaces the file atomically and refuses when the file changed
on disk since it was read.

The fast path is Python's C JSON decoder; the position scanner (:class:`Node` tree) is
built lazily, only when a position, a duplicate's location or an edit is needed.
"""

import errno
import json
import os
import re
import stat
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Any, Iterator, NamedTuple

from claude_tiers.errors import ConcurrentModification, DocumentError

MAX_BYTES = 4 * 1024 * 1024
"""Settings files larger than this are refused (real ones are a few KB)."""

DROPPED = "Claude Code ignores this whole file"

JSON = Any


class Style(NamedTuple):
    """How a file is written, so that edits look as if the author made them."""

    indent: str | None  # one indent unit ("  ", "    ", "\t"); None for a one-line file
    newline: str  # "\n" or "\r\n"
    final_newline: bool
    ensure_ascii: bool
    key_sep: str  # between a key and its value, e.g. ": "
    item_sep: str  # between items of a one-line container, e.g. ", "


DEFAULT_STYLE = Style(indent="  ", newline="\n", final_newline=True, ensure_ascii=False,
                      key_sep=": ", item_sep=", ")


class Duplicate(NamedTuple):
    """A key that occurs twice in one object (1-based positions)."""

    pointer: str  # pointer of the object's member, e.g. "/permissions/allow"
    first_line: int
    first_column: int
    line: int
    column: int


class Node:
    """A value's span in the text; objects and arrays hold their children.

    (Node and Document are plain classes: creating a dataclass costs more instructions at
    import than parsing a typical settings file.)
    """

    __slots__ = ("start", "end", "kind", "members", "items")

    def __init__(self, start: int, end: int, kind: str) -> None:
        self.start = start
        self.end = end
        self.kind = kind  # "object", "array" or "scalar"
        self.members: list[tuple[str, int, Node]] = []  # (key, key_start, value)
        self.items: list[Node] = []

    def __repr__(self) -> str:
        return f"Node({self.start}, {self.end}, {self.kind!r})"


class Document:
    """A parsed settings file: its data, original text and style."""

    def __init__(self, path: str, text: str, data: dict[str, JSON], raw: bytes = b"",
                 has_duplicates: bool = False, bom: bool = False,
                 tolerated: DocumentError | None = None) -> None:
        self.path = path
        self.text = text
        self.data = data
        self.raw = raw
        self.has_duplicates = has_duplicates
        self.bom = bom  # the file starts with a UTF-8 BOM (not part of ``text``)
        self.tolerated = tolerated  # a defect Claude Code tolerates (BOM, empty file)
        self._tree: Node | None = None
        self._locator: _Locator | None = None
        self._style: Style | None = None
        self._duplicates: list[Duplicate] | None = None

    def __repr__(self) -> str:
        return f"Document({self.path!r})"

    @property
    def original(self) -> str:
        """The file's whole text as read, BOM included."""
        return ("\ufeff" if self.bom else "") + self.text

    @property
    def empty(self) -> bool:
        """The file held nothing but white space (Claude Code reads it as ``{}``)."""
        return not self.text.strip()

    @property
    def tree(self) -> Node:
        """The span tree (built on first use)."""
        if self._tree is None:
            self._tree, self._duplicates = _Scanner(self.text).scan()
        return self._tree

    @property
    def duplicates(self) -> list[Duplicate]:
        """Every duplicated key with both positions; empty for most files."""
        if not self.has_duplicates:
            return []
        self.tree  # noqa: B018 - builds _duplicates
        assert self._duplicates is not None
        return self._duplicates

    @property
    def style(self) -> Style:
        """The file's writing style (detected on first use)."""
        if self._style is None:
            self._style = detect_style(self.text, self.tree)
        return self._style

    def node_at(self, pointer: str) -> Node | None:
        """The node of a JSON pointer, or None when the pointer does not exist."""
        node: Node | None = self.tree
        for part in split_pointer(pointer):
            if node is None:
                return None
            node = _child(node, part)
        return node

    def position(self, pointer: str) -> tuple[int, int]:
        """1-based (line, column) of the value at ``pointer``, or of its nearest existing parent.

        For an object member the position of its key is given, which is where editors and
        readers look for it.
        """
        if self._tree is None:  # most files: find the paths asked, skipping the rest in C
            if self._locator is None:
                self._locator = _Locator(self.text, self.has_duplicates)
            try:
                return line_col(self.text, self._locator.offset(split_pointer(pointer)))
            except RecursionError:  # the C decoder's depth limit, met deeper in the stack
                pass  # than json.loads met it: the span tree is built without recursion
        node = self.tree
        offset = node.start
        for part in split_pointer(pointer):
            if node.kind == "object":
                found = [(ks, v) for k, ks, v in node.members if k == part]
                if not found:
                    break
                offset, node = found[-1]  # Claude Code keeps the last duplicate
            elif node.kind == "array" and part.isdigit() and int(part) < len(node.items):
                node = node.items[int(part)]
                offset = node.start
            else:
                break
        return line_col(self.text, offset)


_SKIPPER = json.JSONDecoder()


class _Locator:
    """The offsets :meth:`Document.position` gives (the key of an object member, the start of
    an array item, else the nearest existing parent), found without the span tree: values off
    the paths asked are skipped by the C decoder (``raw_decode``), and the members and items
    passed are kept, so a file's many findings cost little more than one. ``text`` is valid
    JSON."""

    __slots__ = ("text", "duplicates", "members", "items")

    def __init__(self, text: str, duplicates: bool) -> None:
        self.text = text
        self.duplicates = duplicates  # then an object is read to its end: the last one counts
        # By the offset of the container: the (key, value) offsets of the members passed and
        # where to go on (-1: at the end); the offsets of the items passed, and whether the
        # array's end was reached.
        self.members: dict[int, tuple[dict[str, tuple[int, int]], list[int]]] = {}
        self.items: dict[int, tuple[list[int], list[bool]]] = {}

    def offset(self, parts: list[str]) -> int:
        text = self.text
        pos = _skip_ws(text, 0)
        if pos == len(text):  # an empty file, read as {}
            return 0
        offset = pos
        for part in parts:
            opener = text[pos]
            if opener == "{":
                found = self._member(pos, part)
                if found is None:
                    break
                offset, pos = found
            elif opener == "[" and part.isdigit() and part.isascii():
                item = self._item(pos, int(part))
                if item is None:
                    break
                offset = pos = item
            else:
                break
        return offset

    def _member(self, start: int, name: str) -> tuple[int, int] | None:
        text = self.text
        state = self.members.get(start)
        if state is None:
            state = self.members[start] = ({}, [_skip_ws(text, start + 1)])
        members, resume = state
        found = members.get(name)
        if found is not None or resume[0] < 0:
            return found
        at, end_of = resume[0], _SKIPPER.raw_decode
        while text[at] != "}":
            key, after_key = scanstring(text, at + 1, True)
            value = _skip_ws(text, _skip_ws(text, after_key) + 1)  # past the colon
            members[key] = (at, value)  # a duplicate replaces it: Claude Code keeps the last
            at = _skip_ws(text, end_of(text, value)[1])
            if text[at] == ",":
                at = _skip_ws(text, at + 1)
            if key == name and not self.duplicates:
                resume[0] = at
                return members[key]
        resume[0] = -1
        return members.get(name)

    def _item(self, start: int, index: int) -> int | None:
        text = self.text
        known = self.items.get(start)
        if known is None:
            first = _skip_ws(text, start + 1)
            known = self.items[start] = ([], [True]) if text[first] == "]" else ([first], [False])
        offsets, ended = known
        while len(offsets) <= index and not ended[0]:
            at = _skip_ws(text, _SKIPPER.raw_decode(text, offsets[-1])[1])
            if text[at] == ",":
                offsets.append(_skip_ws(text, at + 1))
            else:
                ended[0] = True
        return offsets[index] if index < len(offsets) else None


def _skip_ws(text: str, pos: int) -> int:
    return _WS.match(text, pos).end()  # type: ignore[union-attr]


def split_pointer(pointer: str) -> list[str]:
    """RFC 6901 pointer to its unescaped parts (``""`` is the root)."""
    if not pointer:
        return []
    if not pointer.startswith("/"):
        raise ValueError(f"not a JSON pointer: {pointer!r}")
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer[1:].split("/")]


def join_pointer(parts: Iterator[str] | list[str] | tuple[str, ...]) -> str:
    """Parts to an RFC 6901 pointer."""
    texts = [p if type(p) is str else str(p) for p in parts]
    joined = "/".join(texts)
    if "~" not in joined and joined.count("/") == len(texts) - 1:  # nothing to escape
        return "/" + joined if texts else ""
    return "".join("/" + p.replace("~", "~0").replace("/", "~1") for p in texts)


def _child(node: Node, part: str) -> Node | None:
    if node.kind == "object":
        for key, _, value in reversed(node.members):
            if key == part:
                return value
        return None
    if node.kind == "array" and part.isdigit() and int(part) < len(node.items):
        return node.items[int(part)]
    return None


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset (CRLF counts as one line break)."""
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    return line, offset - start + 1


# --------------------------------------------------------------------------- reading


def load(path: str | os.PathLike[str], display: str | None = None,
         tolerant: bool = False) -> Document:
    """Read and parse a settings file; raise :class:`DocumentError` for anything not strict JSON.

    ``tolerant``: accept what Claude Code 2.1.330 accepts although it is not strict JSON (a
    UTF-8 BOM, an empty file); see :func:`parse`. Only regular files are opened (a FIFO or a
    device would block or never end); see :func:`read_regular`.
    """
    shown = display if display is not None else str(path)
    raw = read_regular(path, shown)
    if raw is None:
        raise DocumentError(shown, "missing", "file not found")
    return parse(raw, shown, tolerant)


def _file_kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def read_regular(path: str | os.PathLike[str], shown: str | None = None,
                 limit: int = MAX_BYTES) -> bytes | None:
    """The bytes of a regular file (None when it does not exist); DocumentError otherwise.

    The type is checked with ``os.stat`` before opening, and again on the open descriptor
    (opened non-blocking, so a FIFO swapped in between cannot hang us). Directories, FIFOs,
    sockets and devices, unreadable files, symlink loops, a path through a plain file and
    files larger than ``limit`` are errors with the reason.
    """
    shown = shown if shown is not None else str(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise DocumentError(shown, "unreadable", f"cannot read: {_reason(exc)}") from None
    if not stat.S_ISREG(st.st_mode):
        kind = "not-a-file"
        raise DocumentError(shown, kind, f"is {_file_kind(st.st_mode)}, not a regular file; "
                            "not read")
    if st.st_size > limit:
        raise DocumentError(shown, "too-large",
                            f"file is {st.st_size:,} bytes; claude-tiers reads at most {limit:,}")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise DocumentError(shown, "unreadable", f"cannot read: {_reason(exc)}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise DocumentError(shown, "not-a-file", "was replaced by something that is not a "
                                "regular file while being read; not read")
        raw = read_descriptor(fd, limit, info.st_size)
    except OSError as exc:
        raise DocumentError(shown, "unreadable", f"cannot read: {_reason(exc)}") from None
    finally:
        os.close(fd)
    if len(raw) > limit:
        raise DocumentError(shown, "too-large", f"file grew past {limit:,} bytes while reading")
    return raw


def read_descriptor(fd: int, limit: int, size: int) -> bytes:
    """What is left to read on the regular file ``fd``, stopping once more than ``limit`` bytes
    came (the caller reports that), however the file changes while it is read.

    ``size`` (``fstat``'s) sizes the first read: a read allocates the buffer it asks for, and
    asking for megabytes to read a 4 KB file cost seven times the read (lint reads every file).
    """
    chunks: list[bytes] = []
    total = 0
    want = min(size, limit) + 1
    while total <= limit:
        chunk = os.read(fd, want)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        want = min(1 << 16, limit + 1 - total)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _reason(exc: OSError) -> str:
    """``Permission denied``, ``Too many levels of symbolic links`` (a loop)..."""
    if exc.errno == errno.ELOOP:
        return "too many levels of symbolic links (a symlink loop?)"
    if exc.errno == errno.ENOTDIR:
        return "a parent folder on the path is a file, not a folder"
    return exc.strerror or str(exc)


def _reject_constant(name: str) -> None:
    raise ValueError(name)


def parse(raw: bytes | str, path: str = "<string>", tolerant: bool = False) -> Document:
    """Parse settings text strictly; raise :class:`DocumentError` with line, column and cause.

    With ``tolerant``, a leading UTF-8 BOM and an empty file are accepted as Claude Code 2.1.330
    accepts them (observed: tests/oracle/validation_cases.json): the BOM is kept aside (and
    written back by :func:`render`), an empty file reads as ``{}``; ``Document.tolerated``
    then says which, so lint can still warn.
    """
    tolerated: DocumentError | None = None
    bom = False
    if tolerant:
        if isinstance(raw, bytes) and raw.startswith(b"\xef\xbb\xbf"):
            raw, bom = raw[3:], True
        elif isinstance(raw, str) and raw.startswith("\ufeff"):
            raw, bom = raw[1:], True
        if bom:
            tolerated = DocumentError(path, "bom", "file starts with a UTF-8 byte order mark "
                                      "(BOM); Claude Code skips it, stricter JSON tools reject it",
                                      1, 1)
        text_now = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
        if not text_now.strip():
            note = DocumentError(path, "empty", "file is empty; Claude Code reads it as {}", 1, 1)
            data_bytes = raw if isinstance(raw, bytes) else raw.encode("utf-8")
            return Document(path=path, text=text_now, data={}, raw=data_bytes, bom=bom,
                            tolerated=tolerated or note)
    if isinstance(raw, bytes):
        if raw.startswith(b"\xef\xbb\xbf"):
            raise DocumentError(path, "bom", "file starts with a UTF-8 byte order mark (BOM); "
                                "Claude Code's strict JSON parser rejects it", 1, 1, DROPPED)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line, col = line_col(raw[: exc.start].decode("utf-8", "replace"), exc.start)
            raise DocumentError(path, "not-utf8", f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
                                line, col, DROPPED) from None
        data_bytes = raw
    else:
        text = raw
        data_bytes = raw.encode("utf-8", "surrogatepass")
    if text.startswith("\ufeff"):
        raise DocumentError(path, "bom", "file starts with a byte order mark (BOM); "
                            "Claude Code's strict JSON parser rejects it", 1, 1, DROPPED)
    if not text.strip():
        raise DocumentError(path, "empty", "file is empty; an empty file is not valid JSON",
                            1, 1, DROPPED)
    dup_flag: list[bool] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(items)
        if len(result) != len(items):
            dup_flag.append(True)
        return result

    try:
        data = json.loads(text, object_pairs_hook=pairs, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise _diagnose(text, path, exc.pos, exc.msg) from None
    except ValueError as exc:  # NaN / Infinity
        raise _constant_error(text, path, str(exc)) from None
    except RecursionError:
        # Claude Code's parser may well load it; the limit is ours, so no DROPPED claim here.
        raise DocumentError(path, "too-deep", "JSON nested too deeply for claude-tiers to read "
                            "(hundreds of levels); not read, not written", 1, 1) from None
    if not isinstance(data, dict):
        start = len(text) - len(text.lstrip())
        line, col = line_col(text, start)
        raise DocumentError(path, "not-object", f"top level is {_json_kind(data)}, not an object",
                            line, col, DROPPED)
    return Document(path=path, text=text, data=data, raw=data_bytes, has_duplicates=bool(dup_flag),
                    bom=bom, tolerated=tolerated)


def _json_kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def _prev_significant(text: str, pos: int) -> int:
    i = pos - 1
    while i >= 0 and text[i] in " \t\r\n":
        i -= 1
    return i


def _diagnose(text: str, path: str, pos: int, msg: str) -> DocumentError:
    """Turn a decoder failure into the most precise cause we can name."""
    pos = min(pos, len(text))
    # Report at the first non-blank character from the failure point on.
    at = pos
    while at < len(text) and text[at] in " \t\r\n":
        at += 1
    line, col = line_col(text, min(at, len(text)))
    rest = text[at:at + 2]
    if rest.startswith("//") or rest.startswith("/*"):
        kind, what = "comment", ("a // comment" if rest == "//" else "a /* */ comment")
        return DocumentError(path, kind, f"{what}: settings files are strict JSON, comments are not "
                             "allowed", line, col, DROPPED)
    prev = _prev_significant(text, at)
    if at < len(text) and text[at] in "}]" and prev >= 0 and text[prev] == ",":
        pline, pcol = line_col(text, prev)
        return DocumentError(path, "trailing-comma", "trailing comma before "
                             f"'{text[at]}': strict JSON does not allow it", pline, pcol, DROPPED)
    if at < len(text) and text[at] == "'":
        return DocumentError(path, "single-quotes", "single-quoted string: JSON strings use double "
                             "quotes", line, col, DROPPED)
    if msg.startswith("Extra data"):
        return DocumentError(path, "extra-data", "extra content after the end of the JSON object",
                             line, col, DROPPED)
    if at >= len(text):
        return DocumentError(path, "truncated", "file ends before the JSON value is complete "
                             f"({msg.lower()})", line, col, DROPPED)
    if msg.startswith("Expecting property name") and text[at] not in '"}':
        return DocumentError(path, "unquoted-key", f"expected a double-quoted key, found "
                             f"{text[at]!r}", line, col, DROPPED)
    cause = _value_cause(text, at, msg)
    if cause is not None:
        start, what = cause
        line, col = line_col(text, start)
        return DocumentError(path, "invalid-json", what, line, col, DROPPED)
    return DocumentError(path, "invalid-json", f"invalid JSON: {msg[0].lower()}{msg[1:]}",
                         line, col, DROPPED)


_NUMBER_CHARS = frozenset("0123456789+-.eE")
_LITERALS = {"True": "true", "False": "false", "None": "null"}


def _token_end(text: str, start: int) -> int:
    end = start
    while end < len(text) and (text[end].isalnum() or text[end] in "._+-$"):
        end += 1
    return end


def _value_cause(text: str, at: int, msg: str) -> tuple[int, str] | None:
    """(start, cause) for a value JSON does not have: a Python or JavaScript literal, a number
    in a form JSON forbids (``.5``, ``0x10``, ``01``, ``1e``, ``+1``), an unquoted word.

    ``at`` is where the decoder stopped: the start of the value (``Expecting value``), or just
    after the part of a number it accepted (``Expecting ',' delimiter`` in ``01``, ``1e``).
    """
    start = at
    if msg.startswith("Expecting ',' delimiter"):
        while start > 0 and text[start - 1] in _NUMBER_CHARS:
            start -= 1
        if start == at or text[start] not in "-0123456789":
            return None  # not a number running on into more characters
    elif not msg.startswith("Expecting value"):
        return None
    token = text[start:_token_end(text, start)]
    if not token:
        return None
    shown = token if len(token) <= 40 else token[:37] + "..."
    sign = token[0] if token[0] in "+-" else ""
    body = token[len(sign):]
    if body.lower() in ("nan", "infinity", "inf"):
        return start, f"NaN/Infinity are not JSON ({shown}): write a finite number"
    if token in _LITERALS:
        return start, f"{token} is not JSON: write {_LITERALS[token]}"
    if token.lower() in ("true", "false", "null"):
        return start, f"{token} is not JSON: write {token.lower()} (JSON literals are lowercase)"
    if token == "undefined":
        return start, "undefined is not JSON: write null, or leave the key out"
    if token[0].isalpha() or token[0] in "_$":
        for literal in ("true", "false", "null"):
            if len(token) > 1 and literal.startswith(token):
                return start, f"{shown} is not JSON: write {literal}"
        from claude_tiers.redact import looks_secret_value

        if looks_secret_value(token):
            return start, ("unquoted value that looks like a credential (not shown): JSON "
                           "strings are written in double quotes")
        return start, (f"unquoted value {shown}: JSON strings are written in double quotes "
                       f"(\"{shown}\")")
    return _number_cause(start, sign, body, shown)


def _number_cause(start: int, sign: str, body: str, shown: str) -> tuple[int, str] | None:
    def write(candidate: str) -> str:
        return f": write {candidate}" if _NUMBER.fullmatch(candidate) else ""

    if sign == "+":
        return start, f"a number cannot start with '+'{write(body)}"
    if body[:2] in ("0x", "0X"):
        try:
            value = f"{sign}{int(body[2:], 16)}"
        except ValueError:
            value = ""
        return start, f"hexadecimal numbers are not JSON{write(value)}"
    if body.startswith("."):
        return start, f"a number cannot start with '.'{write(f'{sign}0{body}')}"
    if len(body) > 1 and body[0] == "0" and body[1].isdigit():
        rest = body.lstrip("0")
        if not rest or rest[0] in ".eE":
            rest = "0" + rest
        return start, f"a number cannot have a leading zero{write(sign + rest)}"
    if not body:
        return start, "'-' must be followed by digits"
    lower = body.lower()
    if "e" in lower:
        mantissa, _, exponent = lower.partition("e")
        if not exponent.lstrip("+-"):
            e = body[len(mantissa)]
            plain = sign + body[:len(mantissa)]
            instead = f", or write {plain}" if _NUMBER.fullmatch(plain) else ""
            return start, f"an exponent needs digits after '{e}' (as in {plain}{e}3){instead}"
    if "." in body:
        whole, _, fraction = body.partition(".")
        if not fraction[:1].isdigit():
            plain = sign + whole
            instead = f": write {plain} or {plain}.0" if _NUMBER.fullmatch(plain) else ""
            return start, f"a decimal point needs digits after it{instead}"
    return start, f"{shown} is not a JSON number"


def _constant_error(text: str, path: str, name: str) -> DocumentError:
    """``NaN``, ``Infinity`` or ``-Infinity`` (which the decoder reports without a position),
    found at its first occurrence outside a string."""
    i, pos = 0, 0
    while i < len(text):
        if text[i] == '"':
            i += 1
            while i < len(text) and text[i] != '"':
                i += 2 if text[i] == "\\" else 1
        elif text.startswith(name, i):
            pos = i
            break
        i += 1
    line, col = line_col(text, pos)
    return DocumentError(path, "invalid-json", f"NaN/Infinity are not JSON ({name}): write a "
                         "finite number", line, col, DROPPED)


_WS = re.compile(r"[ \t\r\n]*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")


class _Open:
    """A container being scanned: its node, pointer parts, keys seen and the pending key."""

    __slots__ = ("node", "path", "seen", "key", "key_start")

    def __init__(self, node: Node, path: list[str]) -> None:
        self.node = node
        self.path = path
        self.seen: dict[str, int] = {}
        self.key: str | None = None
        self.key_start = 0


class _Scanner:
    """Builds the span tree of text already known to be valid JSON, noting duplicate keys.

    Iterative (an explicit stack), so a deeply nested file cannot exhaust Python's recursion.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.duplicates: list[Duplicate] = []

    def scan(self) -> tuple[Node, list[Duplicate]]:
        text = self.text
        stack: list[_Open] = []
        root: Node | None = None
        pos = self._skip(0)
        while True:
            top = stack[-1] if stack else None
            if top is not None and text[pos] in "}]":
                top.node.end = pos + 1
                stack.pop()
                if not stack:
                    break
                pos = self._after(top.node.end)
                continue
            if top is not None and top.node.kind == "object" and top.key is None:
                key, after_key = scanstring(text, pos + 1, True)
                if key in top.seen:
                    fl, fc = line_col(text, top.seen[key])
                    ln, cn = line_col(text, pos)
                    self.duplicates.append(Duplicate(join_pointer(top.path + [key]), fl, fc, ln, cn))
                top.seen[key] = pos
                top.key, top.key_start = key, pos
                pos = self._skip(self._skip(after_key) + 1)  # past the colon
                continue
            ch = text[pos]
            node = Node(pos, pos, "object" if ch == "{" else "array") if ch in "{[" \
                else self._scalar(pos)
            path: list[str] = []
            if top is not None:
                if top.node.kind == "object":
                    assert top.key is not None
                    path = top.path + [top.key]
                    top.node.members.append((top.key, top.key_start, node))
                    top.key = None
                else:
                    path = top.path + [str(len(top.node.items))]
                    top.node.items.append(node)
            if root is None:
                root = node
            if node.kind != "scalar":
                stack.append(_Open(node, path))
                pos = self._skip(pos + 1)
                continue
            if not stack:
                break
            pos = self._after(node.end)
        assert root is not None
        return root, self.duplicates

    def _after(self, end: int) -> int:
        """Past the comma after a value ending at ``end`` (or at the closing bracket)."""
        pos = self._skip(end)
        if self.text[pos] == ",":
            return self._skip(pos + 1)
        return pos

    def _scalar(self, pos: int) -> Node:
        ch = self.text[pos]
        if ch == '"':
            _, end = scanstring(self.text, pos + 1, True)
            return Node(pos, end, "scalar")
        for literal in ("true", "false", "null"):
            if self.text.startswith(literal, pos):
                return Node(pos, pos + len(literal), "scalar")
        match = _NUMBER.match(self.text, pos)
        if not match:  # pragma: no cover - text was validated by json.loads first
            raise ValueError(f"unexpected character at {pos}")
        return Node(pos, match.end(), "scalar")

    def _skip(self, pos: int) -> int:
        return _skip_ws(self.text, pos)


# --------------------------------------------------------------------------- style


_NON_ASCII_ESCAPE = re.compile(r"\\u00[89a-fA-F][0-9a-fA-F]|\\u0[1-9a-fA-F][0-9a-fA-F]{2}|"
                               r"\\u[1-9a-fA-F][0-9a-fA-F]{3}")


def detect_style(text: str, tree: Node) -> Style:
    """Detect indent unit, newline style, separators and escaping from the text."""
    newline = "\r\n" if "\r\n" in text else "\n"
    final_newline = text.endswith("\n")
    ensure_ascii = not any(ord(c) > 127 for c in text) and bool(_NON_ASCII_ESCAPE.search(text))
    indent = _detect_indent(text, tree)
    key_sep, item_sep = ": ", ", "
    first = _first_member(tree)
    if first is not None:
        container, key_start, value = first
        _, key_end = scanstring(text, key_start + 1, True)
        key_sep = text[key_end:value.start]
        if "\n" in key_sep:
            key_sep = ": "
    multi = _first_multi_container(tree)
    gap = _item_gap(text, multi) if multi is not None else None
    if gap is not None and "\n" not in gap:
        item_sep = gap
    elif gap is None and not key_sep.endswith((" ", "\t")):
        item_sep = ","  # a compact file ({"a":1}) gets compact additions too
    return Style(indent, newline, final_newline, ensure_ascii, key_sep, item_sep)


def _first_member(tree: Node) -> tuple[Node, int, Node] | None:
    stack = [tree]
    while stack:
        node = stack.pop(0)
        if node.kind == "object" and node.members:
            return node, node.members[0][1], node.members[0][2]
        stack.extend(v for _, _, v in node.members)
        stack.extend(node.items)
    return None


def _first_multi_container(tree: Node) -> Node | None:
    stack = [tree]
    while stack:
        node = stack.pop(0)
        if len(node.members) > 1 or len(node.items) > 1:
            return node
        stack.extend(v for _, _, v in node.members)
        stack.extend(node.items)
    return None


def _item_gap(text: str, node: Node) -> str | None:
    if node.kind == "object" and len(node.members) > 1:
        return text[node.members[0][2].end:node.members[1][1]]
    if node.kind == "array" and len(node.items) > 1:
        return text[node.items[0].end:node.items[1].start]
    return None


def _detect_indent(text: str, tree: Node) -> str | None:
    if tree.kind != "object" or not tree.members:
        return DEFAULT_STYLE.indent  # "{}" says nothing: new members go on lines of their own
    key_start = tree.members[0][1]
    between = text[tree.start + 1:key_start]
    if "\n" not in between:
        return None
    unit = between[between.rfind("\n") + 1:]
    return unit or None


def _line_indent(text: str, offset: int) -> str:
    start = text.rfind("\n", 0, offset) + 1
    end = start
    while end < len(text) and text[end] in " \t":
        end += 1
    return text[start:end]


# --------------------------------------------------------------------------- writing


def same(a: JSON, b: JSON) -> bool:
    """Strict JSON equality: ``1``, ``1.0`` and ``true`` are different values; key order ignored."""
    if a is b and not isinstance(a, float):  # shared subtrees (merge copies on write); NaN != NaN
        return True
    if type(a) is not type(b):
        if isinstance(a, (int, float)) and isinstance(b, (int, float)) and \
                not isinstance(a, bool) and not isinstance(b, bool):
            return False if isinstance(a, float) != isinstance(b, float) else a == b
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return bool(a == b)


def dumps(data: JSON, style: Style = DEFAULT_STYLE) -> str:
    """Serialize a whole document in ``style`` (used for new files).

    Raises :class:`DocumentError` (kind ``not-json``) for NaN and infinities, which JSON
    cannot represent (Python would write ``NaN``/``Infinity`` and Claude Code would drop the
    file). Lone surrogates are written as ``\\uXXXX`` escapes, never as raw characters.
    """
    text = _dump_value(data, style, "")
    if style.final_newline:
        text += "\n"
    return text.replace("\n", style.newline) if style.newline != "\n" else text


def has_surrogates(text: str) -> bool:
    """Whether ``text`` holds a lone surrogate (from a JSON ``\\ud800`` escape), which UTF-8
    cannot encode. (No regex: a character class of 2048 code points costs 0.5 ms to compile.)"""
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def printable(text: str) -> str:
    """``text`` safe to print or encode as UTF-8: lone surrogates shown as ``\\uXXXX``."""
    if not has_surrogates(text):
        return text
    return "".join(f"\\u{ord(c):04x}" if "\ud800" <= c <= "\udfff" else c for c in text)


_escape_surrogates = printable  # raw lone surrogates (only inside JSON strings) as escapes


def non_finite(value: JSON) -> str | None:
    """The JSON pointer of the first NaN or infinity inside ``value``, else None (no recursion)."""
    stack: list[tuple[str, JSON]] = [("", value)]
    while stack:
        pointer, item = stack.pop()
        if isinstance(item, float) and (item != item or item in (float("inf"), float("-inf"))):
            return pointer
        if isinstance(item, dict):
            stack.extend((f"{pointer}/{join_pointer([k])[1:]}", v) for k, v in item.items())
        elif isinstance(item, list):
            stack.extend((f"{pointer}/{i}", v) for i, v in enumerate(item))
    return None


def _json_dumps(value: JSON, **kwargs: Any) -> str:
    try:
        text = json.dumps(value, allow_nan=False, **kwargs)
    except ValueError:
        where = non_finite(value) or ""
        raise DocumentError("<new value>", "not-json", f"{where or 'a value'} is NaN or "
                            "infinite, which JSON cannot represent (Claude Code would ignore the "
                            "whole file); not written") from None
    except RecursionError:
        raise DocumentError("<new value>", "too-deep", "value nested too deeply to write; "
                            "not written") from None
    return text if kwargs.get("ensure_ascii", True) else _escape_surrogates(text)


def _dump_value(value: JSON, style: Style, base_indent: str) -> str:
    if style.indent is None:
        return _json_dumps(value, ensure_ascii=style.ensure_ascii,
                           separators=(style.item_sep, style.key_sep))
    text = _json_dumps(value, indent=style.indent, ensure_ascii=style.ensure_ascii,
                       separators=(",", style.key_sep))
    return text.replace("\n", "\n" + base_indent) if base_indent else text


def _dump_key(key: str, style: Style) -> str:
    return _json_dumps(key, ensure_ascii=style.ensure_ascii)


def render(doc: Document, new: dict[str, JSON]) -> str:
    """The text of ``doc`` changed into ``new`` with the fewest possible edits.

    Unchanged values keep their exact original text; changed scalars are replaced in
    place; removed members disappear with their line; new members are added at the end
    of their object in the file's style. Returns the original text (``doc.original``, BOM
    included) when nothing changed.
    """
    if doc.has_duplicates:
        dup = doc.duplicates[0]
        more = f" (and {len(doc.duplicates) - 1} more)" if len(doc.duplicates) > 1 else ""
        key = printable(".".join(split_pointer(dup.pointer)))
        raise DocumentError(doc.path, "duplicate-key", f"has duplicate keys: {json.dumps(key)} at "
                            f"{dup.first_line}:{dup.first_column} and again at {dup.line}:"
                            f"{dup.column}{more}; Claude Code keeps the last, and claude-tiers will "
                            "not rewrite a file whose meaning depends on which duplicate wins",
                            dup.line, dup.column)
    if same(doc.data, new):
        return doc.original
    if doc.empty:
        return ("\ufeff" if doc.bom else "") + dumps(new)
    edits: list[tuple[int, int, str]] = []
    _diff_value(doc, doc.tree, doc.data, new, edits)
    out = doc.text
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        out = out[:start] + replacement + out[end:]
    return ("\ufeff" if doc.bom else "") + out


def _nl(doc: Document, text: str) -> str:
    return text.replace("\n", doc.style.newline) if doc.style.newline != "\n" else text


def _diff_value(doc: Document, node: Node, old: JSON, new: JSON,
                edits: list[tuple[int, int, str]]) -> None:
    if same(old, new):
        return
    if isinstance(old, dict) and isinstance(new, dict) and node.kind == "object":
        _diff_object(doc, node, old, new, edits)
        return
    if isinstance(old, list) and isinstance(new, list) and node.kind == "array":
        if _diff_array(doc, node, old, new, edits):
            return
    edits.append((node.start, node.end, _replacement(doc, node, new)))


def _replacement(doc: Document, node: Node, new: JSON) -> str:
    """``new`` serialised to stand where ``node`` was: one-line containers stay one-line."""
    text = doc.text[node.start:node.end]
    if node.kind != "scalar" and "\n" not in text:
        gap = _item_gap(doc.text, node) or doc.style.item_sep
        flat = doc.style._replace(indent=None, item_sep=gap if "\n" not in gap else ", ")
        return _dump_value(new, flat, "")
    base = _line_indent(doc.text, node.start)
    return _nl(doc, _dump_value(new, doc.style, base))


def _diff_object(doc: Document, node: Node, old: dict[str, JSON], new: dict[str, JSON],
                 edits: list[tuple[int, int, str]]) -> None:
    members = node.members
    added = [k for k in new if k not in old]
    renames = _renames(members, old, new, added)
    for key, key_start, value in members:
        if key in renames:  # same value under a new name: rename the key where it stands
            _, key_end = scanstring(doc.text, key_start + 1, True)
            edits.append((key_start, key_end,
                          _dump_key(renames[key], doc.style)))
        elif key in new:
            _diff_value(doc, value, old[key], new[key], edits)
    kept = [m for m in members if m[0] in new or m[0] in renames]
    gone = {i for i, m in enumerate(members) if m[0] not in new and m[0] not in renames}
    edits.extend(_deletions(node, [(m[1], m[2].end) for m in members], gone))
    added = [k for k in added if k not in renames.values()]
    if not added:
        return
    if not kept and members:
        # Every old member goes: rewrite the whole object rather than splice around deletions.
        edits[:] = [e for e in edits if not (node.start <= e[0] and e[1] <= node.end)]
        base = _line_indent(doc.text, node.start)
        edits.append((node.start, node.end, _nl(doc, _dump_value(new, doc.style, base))))
        return
    edits.append(_insertion(doc, node, kept, [(k, new[k]) for k in added]))


def _renames(members: list[tuple[str, int, Node]], old: dict[str, JSON], new: dict[str, JSON],
             added: list[str]) -> dict[str, str]:
    """Removed keys whose exact value reappears under an added key: old name -> new name."""
    renames: dict[str, str] = {}
    free = list(added)
    for key, _, _ in members:
        if key in new:
            continue
        for candidate in free:
            if same(old[key], new[candidate]):
                renames[key] = candidate
                free.remove(candidate)
                break
    return renames


def _insertion(doc: Document, node: Node, kept: list[tuple[str, int, Node]],
               pairs: list[tuple[str, JSON]]) -> tuple[int, int, str]:
    style = doc.style
    text = doc.text
    if kept:
        last_value = kept[-1][2]
        member_indent = _line_indent(text, kept[-1][1])
        multiline = "\n" in text[node.start:kept[0][1]]
        at = last_value.end
        lead = ","
    else:
        multiline = style.indent is not None
        member_indent = _line_indent(text, node.start) + (style.indent or "")
        at = node.start + 1
        lead = ""
    if multiline:
        parts = [f"\n{member_indent}{_dump_key(k, style)}{style.key_sep}"
                 f"{_dump_value(v, style, member_indent)}" for k, v in pairs]
        insert = lead + ",".join(parts)
        if not kept:
            insert += "\n" + _line_indent(text, node.start)
            return node.start + 1, node.end - 1, _nl(doc, insert)
        return at, at, _nl(doc, insert)
    sep = (_item_gap(text, node) if len(node.members) > 1 else None) or style.item_sep
    flat = style._replace(indent=None, item_sep=sep)
    body = sep.join(f"{_dump_key(k, style)}{style.key_sep}"
                    f"{_dump_value(v, flat, '')}" for k, v in pairs)
    if kept:
        return at, at, sep + body
    return node.start + 1, node.end - 1, body


def _diff_array(doc: Document, node: Node, old: list[JSON], new: list[JSON],
                edits: list[tuple[int, int, str]]) -> bool:
    """Splice appended, removed or changed items; False when the change is not that simple."""
    if len(new) == len(old) and old:
        for item, a, b in zip(node.items, old, new):
            _diff_value(doc, item, a, b, edits)
        return True
    if len(new) >= len(old) and all(same(a, b) for a, b in zip(old, new)) and old:
        extra = new[len(old):]
        last = node.items[-1]
        text = doc.text
        if "\n" in text[node.start:node.items[0].start]:
            indent = _line_indent(text, node.items[-1].start)
            insert = "".join(f",\n{indent}{_dump_value(v, doc.style, indent)}" for v in extra)
        else:
            sep = _item_gap(text, node) or doc.style.item_sep
            flat = doc.style._replace(indent=None)
            insert = "".join(f"{sep}{_dump_value(v, flat, '')}" for v in extra)
        edits.append((last.end, last.end, _nl(doc, insert)))
        return True
    # new is old with some items removed (an order-preserving subsequence)
    keep: list[int] = []
    j = 0
    for i, item in enumerate(old):
        if j < len(new) and same(item, new[j]):
            keep.append(i)
            j += 1
    if j != len(new) or len(keep) == len(old) or not keep:
        return False
    gone = set(range(len(old))) - set(keep)
    edits.extend(_deletions(node, [(n.start, n.end) for n in node.items], gone))
    return True


def _deletions(node: Node, spans: list[tuple[int, int]], gone: set[int]) -> list[tuple[int, int, str]]:
    """Edits removing the members/items at ``gone`` (by index) with their separators.

    ``spans`` are (start, end) of each member (key start to value end) or item. Each run of
    consecutive deletions is cut from the end of the item before it to its own end, or, at the
    start of the container, from its start to the start of the next kept item.
    """
    edits: list[tuple[int, int, str]] = []
    index = 0
    while index < len(spans):
        if index not in gone:
            index += 1
            continue
        last = index
        while last + 1 < len(spans) and last + 1 in gone:
            last += 1
        if index > 0:
            edits.append((spans[index - 1][1], spans[last][1], ""))
        elif last + 1 < len(spans):
            edits.append((spans[0][0], spans[last + 1][0], ""))
        else:
            edits.append((node.start + 1, node.end - 1, ""))
        index = last + 1
    return edits


class FileState(NamedTuple):
    """What a file looked like when it was read, to detect changes made underneath us."""

    exists: bool
    raw: bytes


def snapshot(path: str | os.PathLike[str], display: str | None = None) -> FileState:
    """The current bytes of ``path`` (or its absence); DocumentError when it is no regular file.

    Never opens a FIFO, a device or a directory (see :func:`read_regular`).
    """
    raw = read_regular(path, display)
    return FileState(False, b"") if raw is None else FileState(True, raw)


def write_atomic(path: str | os.PathLike[str], text: str, expected: FileState,
                 display: str | None = None) -> None:
    """Replace ``path`` with ``text`` atomically (temp file, fsync, rename), keeping its mode.

    Refuses with :class:`ConcurrentModification` when the file no longer has the bytes it
    had when it was read (``expected``). A symlinked file is written through to its target.
    """
    shown = display or str(path)
    from pathlib import Path  # writes only: reading never imports pathlib

    target = Path(os.path.realpath(path))
    current = snapshot(target, shown)
    if current != expected:
        raise ConcurrentModification(f"{shown}: changed on disk since it was read; not written "
                                     "(run again to apply to the new content)")
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a raw lone surrogate: never write what is not UTF-8
        raise DocumentError(shown, "not-utf8", "the new text holds a lone surrogate character, "
                            "which UTF-8 cannot encode; not written") from None
    if expected.exists and data == expected.raw:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = 0o666 & ~_umask()
    if expected.exists:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    import tempfile  # only writers pay for it (it pulls in shutil, random, bz2, lzma)

    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".claude-tiers.tmp",
                               dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    try:
        dir_fd = os.open(target.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
