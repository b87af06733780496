"""YAML frontmatter of subagents, commands and skills: read fast, edit one line.

Most frontmatter is flat ``key: value`` lines; those are read by a tiny exact parser
(no ruamel.yaml import, which matters in a pre-commit hook). Anything it does not fully
recognise goes to ruamel.yaml. Editing a field changes only that field's line, so
comments, key order, quoting and the Markdown body stay byte-identical.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from typing import Any

from claude_tiers.errors import DocumentError

MAX_BYTES = 1024 * 1024

_OPEN = re.compile(r"---[ \t]*\r?\n")
_CLOSE = re.compile(r"^---[ \t]*(?:\r?\n|$)", re.M)
_FLAT_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?:[ \t]+(.*?))?[ \t]*\r?$")
_PLAIN_UNSAFE_START = set("[]{}&*!|>'\"%@`#,?:-")
_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_RADIX = re.compile(r"0[xXoO][0-9a-fA-F_]+\Z")
_SIMPLE_DQ = re.compile(r'"([^"\\]*)"\Z')
_SIMPLE_SQ = re.compile(r"'([^']*)'\Z")


@dataclass
class Frontmatter:
    """A Markdown file split into its frontmatter block and body."""

    path: str
    text: str
    start: int  # offset of the first frontmatter line (after the opening ---)
    end: int  # offset of the closing --- line
    data: dict[str, Any]
    # Set when the block is not valid YAML but Claude Code's fallback (which quotes plain
    # values containing ": ") still reads it; the strict parser's complaint is kept here.
    strict_error: DocumentError | None = None

    @property
    def first_line(self) -> int:
        """1-based line number of the first frontmatter line."""
        return self.text.count("\n", 0, self.start) + 1

    def line_of(self, key: str) -> int:
        """1-based line of a top-level key (the block's first line when absent)."""
        match = re.compile(rf"^{re.escape(key)}[ \t]*:", re.M).search(self.text, self.start, self.end)
        return self.text.count("\n", 0, match.start()) + 1 if match else self.first_line


def read(path: str | os.PathLike[str], display: str | None = None) -> Frontmatter | None:
    """Read a Markdown file; None when it has no frontmatter block. Errors are DocumentErrors.

    Only regular files are opened (a FIFO would block; a directory is no agent file).
    """
    from claude_tiers.jsonio import read_regular

    shown = display if display is not None else str(path)
    raw = read_regular(path, shown, MAX_BYTES)
    if raw is None:
        raise DocumentError(shown, "missing", "file not found")
    return parse_bytes(raw, shown)


def parse_bytes(raw: bytes, path: str = "<bytes>") -> Frontmatter | None:
    """:func:`parse` of a file's bytes (size and UTF-8 checked)."""
    if len(raw) > MAX_BYTES:
        raise DocumentError(path, "too-large", f"file is larger than {MAX_BYTES:,} bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise DocumentError(path, "not-utf8", "not valid UTF-8") from None
    return parse(text, path)


def parse(text: str, path: str = "<string>") -> Frontmatter | None:
    """Split and parse the frontmatter of Markdown text; None when there is none."""
    body_start = 1 if text.startswith("\ufeff") else 0
    opening = _OPEN.match(text, body_start)
    if not opening:
        return None
    start = opening.end()
    closing = _CLOSE.search(text, start)
    if not closing:
        raise DocumentError(path, "unclosed-frontmatter", "frontmatter starts with --- but never "
                            "ends with a --- line", 1, 1)
    block = text[start:closing.start()]
    data = _parse_flat(block)
    strict_error: DocumentError | None = None
    if data is None:
        from claude_tiers.yamlio import load_yaml

        first_line = text.count("\n", 0, start)
        try:
            loaded = load_yaml(block, path, line_offset=first_line)
        except DocumentError as exc:
            quoted = _quote_colon_values(block)
            if quoted is None:
                raise
            loaded = load_yaml(quoted, path, line_offset=first_line)
            strict_error = exc
        if loaded is None:
            loaded = {}
        if not isinstance(loaded, dict):
            raise DocumentError(path, "frontmatter-not-mapping", "frontmatter is not a mapping of "
                                "fields", first_line + 1, 1)
        data = {str(k): v for k, v in loaded.items()}
    return Frontmatter(path, text, start, closing.start(), data, strict_error)


_FALLBACK_VALUE = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*):[ \t]+([^'\"\n][^\n]*)$", re.M)
_YAML_SPECIAL = re.compile(r": | #|[{}\[\]&*!|>%@`]")


def _quote_colon_values(block: str) -> str | None:
    """Claude Code's fallback for frontmatter that is not valid YAML: quote awkward values.

    Observed with Claude Code 2.1.330 (tests/oracle/test_frontmatter_oracle.py): when the block
    does not parse, plain one-line values holding YAML syntax (``: ``, `` #``, brackets, ...)
    are read as literal strings, so ``description: Use when: x`` loads and a ``model: id #
    note`` line then sends ``id # note``. With CRLF line endings the fallback does not happen
    and the agent is skipped (anthropics/claude-code#80890).
    """
    if "\r" in block:
        return None
    changed = False

    def quote(match: re.Match[str]) -> str:
        nonlocal changed
        value = match.group(2).rstrip()
        if not _YAML_SPECIAL.search(value):
            return match.group(0)
        changed = True
        return f"{match.group(1)}: {json.dumps(value)}"

    quoted = _FALLBACK_VALUE.sub(quote, block)
    return quoted if changed else None


def _parse_flat(block: str) -> dict[str, Any] | None:
    """Exact parse of flat ``key: scalar`` YAML; None when the block needs a real YAML parser."""
    data: dict[str, Any] = {}
    for line in block.split("\n"):
        if not line.strip() or line.lstrip().startswith("#"):
            if line[:1] in (" ", "\t") and line.strip():
                return None
            continue
        match = _FLAT_LINE.fullmatch(line)
        if not match:
            return None
        key, raw = match.group(1), match.group(2)
        if key in data:
            return None  # let the YAML parser report the duplicate
        value = _scalar(raw)
        if value is _UNKNOWN:
            return None
        data[key] = value
    return data


_UNKNOWN = object()


def _scalar(raw: str | None) -> Any:
    if raw is None or raw == "":
        return _UNKNOWN  # could open a block (list or mapping) on the next lines
    if raw[0] == '"':
        match = _SIMPLE_DQ.match(raw)
        return match.group(1) if match else _UNKNOWN
    if raw[0] == "'":
        match = _SIMPLE_SQ.match(raw)
        return match.group(1) if match else _UNKNOWN
    if raw[0] in _PLAIN_UNSAFE_START or ": " in raw or " #" in raw or raw.endswith(":") \
            or "\t" in raw:
        return _UNKNOWN
    if raw in ("true", "True", "TRUE"):
        return True
    if raw in ("false", "False", "FALSE"):
        return False
    if raw in ("null", "Null", "NULL", "~"):
        return None
    if _INT.match(raw):
        return int(raw)
    if _FLOAT.match(raw) or _RADIX.match(raw) or raw.lower() in (".inf", "-.inf", "+.inf", ".nan"):
        return _UNKNOWN
    if raw[0] in "+-0123456789" and "_" in raw:
        return _UNKNOWN  # ruamel reads `1_000` (and `0_`) as numbers: let it decide
    return raw


_PLAIN_SAFE_VALUE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/@\[\]-]*\Z")


def _format_value(value: str, quote: str) -> str:
    if quote == "'" and "'" not in value:
        return f"'{value}'"
    if quote == '"' or not _PLAIN_SAFE_VALUE.match(value) or _scalar(value) != value:
        return json.dumps(value)
    return value


def set_field(fm: Frontmatter, key: str, value: str) -> str:
    """The file text with top-level ``key`` set to the string ``value``; only that line changes.

    A missing key is added as the last frontmatter line. Raises DocumentError when the
    existing value spans several lines (the edit would not be a one-line change).
    """
    text = fm.text
    newline = "\r\n" if "\r\n" in text[: fm.end + 2] else "\n"
    # key, separator, value, then what follows the value on its line (blanks, a comment),
    # which is kept byte for byte.
    pattern = re.compile(rf"^({re.escape(key)}[ \t]*:[ \t]*)(.*?)([ \t]+#.*|[ \t]*)(\r?)$",
                         re.M)
    match = pattern.search(text, fm.start, fm.end)
    if match is None:
        line = f"{key}: {_format_value(value, '')}{newline}"
        new_text = text[: fm.end] + line + text[fm.end:]
    else:
        current = match.group(2)
        next_line_start = match.end() + 1
        nxt = text[next_line_start:fm.end]
        empty = current == "" or current.startswith("#")
        continues = bool(nxt.strip()) and (nxt[:1] in (" ", "\t") or
                                            (empty and nxt.startswith("-")))
        if continues:
            raise DocumentError(fm.path, "multiline-field", f"'{key}' spans several lines; "
                                "not rewritten", fm.line_of(key), 1)
        quote = current[0] if current[:1] in ("'", '"') else ""
        replacement = _format_value(value, quote)
        start = match.start(2)
        if empty and not match.group(1).endswith((" ", "\t")):
            replacement = " " + replacement  # `model:` with no value (null) gets one
        end = match.end(2)
        if current.startswith("#"):
            # `model:   # note` has no value, only a comment: the value goes before it.
            replacement, end = replacement + " ", start
        new_text = text[:start] + replacement + text[end:]
    check = parse(new_text, fm.path)
    expected = dict(fm.data)
    expected[key] = value
    if check is None or check.data != expected:
        raise DocumentError(fm.path, "edit-not-understood", f"could not set '{key}' without "
                            "changing other fields; not rewritten", fm.line_of(key), 1)
    return new_text
