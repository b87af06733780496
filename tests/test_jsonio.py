"""The settings reader/writer: strict parsing, positions, style-preserving minimal edits."""

from __future__ import annotations

import difflib
import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claude_tiers import jsonio
from claude_tiers.errors import ConcurrentModification, DocumentError
from tests.jsontree import paths

# ----------------------------------------------------------------------------- strategies

keys = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=8)
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12),
)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)), max_leaves=12)
documents = st.dictionaries(keys, values, max_size=6)
indents = st.sampled_from([None, 2, 4, "\t"])


def write_like_json_dumps(data: dict[str, Any], indent: int | str | None, sort: bool,
                          ascii_: bool, crlf: bool, final_newline: bool) -> str:
    text = json.dumps(data, indent=indent, sort_keys=sort, ensure_ascii=ascii_)
    if final_newline:
        text += "\n"
    return text.replace("\n", "\r\n") if crlf else text


styled = st.builds(write_like_json_dumps, documents, indents, st.booleans(), st.booleans(),
                   st.booleans(), st.booleans())


# ----------------------------------------------------------------------------- round trips


@given(styled)
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_parse_then_render_unchanged_is_byte_identical(text: str) -> None:
    doc = jsonio.parse(text.encode("utf-8"))
    assert jsonio.same(doc.data, json.loads(text))
    assert jsonio.render(doc, json.loads(text)) == text


@given(styled, keys, scalars)
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_setting_one_key_changes_only_that_key(text: str, key: str, value: Any) -> None:
    doc = jsonio.parse(text)
    new = json.loads(text)
    new[key] = value
    out = jsonio.render(doc, new)
    assert jsonio.same(json.loads(out), new)
    assert jsonio.same(jsonio.parse(out).data, new)
    style = doc.style
    if key in doc.data and "\n" in text.strip():
        # Only lines that mention the key's old value may change (its own line, or the lines
        # of a container value it replaces); every other line stays as it was.
        old_lines = text.split("\n")
        new_lines = out.split("\n")
        removed = [l for l in difflib.ndiff(old_lines, new_lines) if l.startswith("- ")]
        node = doc.node_at(jsonio.join_pointer([key]))
        assert node is not None
        span = text[node.start:node.end]
        assert len(removed) <= span.count("\n") + 1
    if "\r\n" in text:
        assert "\n" not in out.replace("\r\n", "")
    assert out.endswith("\n") == style.final_newline


@given(styled, st.data())
@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
def test_deleting_keys_keeps_the_rest_verbatim(text: str, data: st.DataObject) -> None:
    doc = jsonio.parse(text)
    if not doc.data:
        return
    gone = data.draw(st.sets(st.sampled_from(sorted(doc.data)), min_size=1))
    new = {k: v for k, v in json.loads(text).items() if k not in gone}
    out = jsonio.render(doc, new)
    assert jsonio.same(json.loads(out), new)
    for key in new:
        node = doc.node_at(jsonio.join_pointer([key]))
        assert node is not None
        assert text[node.start:node.end] in out  # untouched values keep their exact text


@given(styled, st.lists(scalars, min_size=1, max_size=3))
@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
def test_appending_to_a_list_keeps_existing_items(text: str, extra: list[Any]) -> None:
    doc = jsonio.parse(text)
    new = json.loads(text)
    lists = [k for k, v in new.items() if isinstance(v, list)]
    if not lists:
        return
    new[lists[0]] = new[lists[0]] + extra
    out = jsonio.render(doc, new)
    assert jsonio.same(json.loads(out), new)


@given(styled)
@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
def test_every_member_position_points_at_its_key(text: str) -> None:
    doc = jsonio.parse(text)
    for key in doc.data:
        line, col = doc.position(jsonio.join_pointer([key]))
        row = text.split("\n")[line - 1]
        assert row[col - 1:].startswith('"')
        assert json.loads(json.dumps(key, ensure_ascii=doc.style.ensure_ascii)) == key




def _dumps_with_repeats(data: dict[str, Any], repeat: list[str]) -> str:
    """The object's text with some keys written twice (the first time with another value)."""
    members = [f"{json.dumps(k)}: {json.dumps([k])}" for k in repeat if k in data]
    members += [f"{json.dumps(k)}:{json.dumps(v, indent=1)}" for k, v in data.items()]
    return "{ " + ",\n ".join(members) + " }"


@given(st.one_of(styled, st.builds(_dumps_with_repeats, documents, st.lists(keys, max_size=3)),
                 st.builds(lambda d: json.dumps(d, separators=(",", ":")), documents)),
       st.lists(st.sampled_from(["x", "0", "9", "", "~", "/"]), max_size=2), st.data())
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_a_position_without_the_span_tree_is_the_trees(text: str, extra: list[str],
                                                      data: st.DataObject) -> None:
    """Document.position finds paths without building the span tree, keeping what it found for
    the next; for every pointer, existing or not, asked first or after others, the answer is
    the one the tree gives."""
    doc, built = jsonio.parse(text), jsonio.parse(text)
    built.tree  # noqa: B018 - position() then answers from the tree
    for parts in data.draw(st.lists(st.sampled_from(list(paths(doc.data))), min_size=1,
                                    max_size=6)):
        pointer = jsonio.join_pointer([str(p) for p in parts] + extra)
        assert doc.position(pointer) == built.position(pointer), pointer
    assert doc._tree is None  # and the tree was never built


def test_new_key_goes_to_the_end_in_the_files_style() -> None:
    text = '{\n\t"a": 1,\n\t"b": {\n\t\t"c": [1, 2]\n\t}\n}'
    doc = jsonio.parse(text)
    out = jsonio.render(doc, {"a": 1, "b": {"c": [1, 2], "d": "x"}, "model": "claude-sonnet-4-6"})
    assert out == ('{\n\t"a": 1,\n\t"b": {\n\t\t"c": [1, 2],\n\t\t"d": "x"\n\t},\n'
                   '\t"model": "claude-sonnet-4-6"\n}')


def test_one_line_files_stay_one_line() -> None:
    doc = jsonio.parse('{"a":1,"b":2}')
    assert jsonio.render(doc, {"a": 1, "b": 3, "c": [1]}) == '{"a":1,"b":3,"c":[1]}'


def test_ascii_escaped_files_stay_ascii() -> None:
    doc = jsonio.parse('{\n  "x": "caf\\u00e9"\n}\n')
    out = jsonio.render(doc, {"x": "café", "y": "naïve"})
    assert out.isascii() and json.loads(out) == {"x": "café", "y": "naïve"}


def test_strict_equality_distinguishes_bool_and_int() -> None:
    doc = jsonio.parse('{"a": 1}')
    assert json.loads(jsonio.render(doc, {"a": True})) == {"a": True}
    assert jsonio.render(doc, {"a": True}) == '{"a": true}'


# ----------------------------------------------------------------------------- diagnostics


@pytest.mark.parametrize(("raw", "kind", "line", "col"), [
    (b"", "empty", 1, 1),
    (b"  \n", "empty", 1, 1),
    (b'\xef\xbb\xbf{"a": 1}', "bom", 1, 1),
    (b'{\n  // a comment\n  "a": 1\n}', "comment", 2, 3),
    (b'{\n  /* block */ "a": 1\n}', "comment", 2, 3),
    (b'{\n  "a": 1,\n}', "trailing-comma", 2, 9),
    (b'{"a": [1, 2,]}', "trailing-comma", 1, 12),
    (b"{'a': 1}", "single-quotes", 1, 2),
    (b'[1, 2]', "not-object", 1, 1),
    (b'"text"', "not-object", 1, 1),
    (b'{"a": 1} {"b": 2}', "extra-data", 1, 10),
    (b'{"a": 1', "truncated", 1, 8),
    (b'{a: 1}', "unquoted-key", 1, 2),
    (b'{"a": \xff}', "not-utf8", 1, 7),
    (b'{"a": NaN}', "invalid-json", 1, 7),
])
def test_each_kind_of_invalid_file_is_named_with_its_position(raw: bytes, kind: str, line: int,
                                                              col: int) -> None:
    with pytest.raises(DocumentError) as info:
        jsonio.parse(raw, "s.json")
    err = info.value
    assert (err.kind, err.line, err.column) == (kind, line, col)
    assert "Claude Code ignores this whole file" in err.render()
    assert err.render().startswith(f"s.json:{line}:{col}: ")


@pytest.mark.parametrize(("raw", "line", "col", "message"), [
    ('{"a": True}', 1, 7, "True is not JSON: write true"),
    ('{"a": .5}', 1, 7, "a number cannot start with '.': write 0.5"),
    ('{"a": 0x10}', 1, 7, "hexadecimal numbers are not JSON: write 16"),
    ('{"a": 0xZZ}', 1, 7, "hexadecimal numbers are not JSON"),
    ('{"a": 01}', 1, 7, "a number cannot have a leading zero: write 1"),
    ('{"a": 00.5}', 1, 7, "a number cannot have a leading zero: write 0.5"),
    ('{"a": 1e}', 1, 7, "an exponent needs digits after 'e' (as in 1e3), or write 1"),
    ('{"a": 1.}', 1, 7, "a decimal point needs digits after it: write 1 or 1.0"),
    ('{"a": NaN}', 1, 7, "NaN/Infinity are not JSON (NaN): write a finite number"),
    ('{"NaN": "NaN", "b": NaN}', 1, 21, "NaN/Infinity are not JSON (NaN): write a finite number"),
    ('{"a\\"NaN": 1, "b": -Infinity}', 1, 20,
     "NaN/Infinity are not JSON (-Infinity): write a finite number"),
    ('{"a": +Infinity}', 1, 7, "NaN/Infinity are not JSON (+Infinity): write a finite number"),
    ('{"a": undefined}', 1, 7, "undefined is not JSON: write null, or leave the key out"),
    ('{"a": +1}', 1, 7, "a number cannot start with '+': write 1"),
    ('{"a": -}', 1, 7, "'-' must be followed by digits"),
    ('{"a": 1_000}', 1, 7, "1_000 is not a JSON number"),
    ('{"a": nul}', 1, 7, "nul is not JSON: write null"),
    ('[\n  1,\n  01\n]', 3, 3, "a number cannot have a leading zero: write 1"),
    ('{"a": "x" True}', 1, 11, "invalid JSON: expecting ',' delimiter"),
    ('{"a": true1}', 1, 11, "invalid JSON: expecting ',' delimiter"),
    ('{"a": }', 1, 7, "invalid JSON: expecting value"),
])
def test_values_json_does_not_have_are_named(raw: str, line: int, col: int, message: str) -> None:
    with pytest.raises(DocumentError) as info:
        jsonio.parse(raw, "s.json")
    err = info.value
    assert (err.kind, err.line, err.column, err.message) == ("invalid-json", line, col, message)
    assert err.consequence == "Claude Code ignores this whole file"


def test_an_unquoted_credential_is_never_quoted() -> None:
    """A token is quoted to say what is wrong with it, unless it looks like a credential."""
    token = "sk-ant-api03-" + "a1B2" * 6
    with pytest.raises(DocumentError) as info:
        jsonio.parse('{"a": ' + token + "}", "s.json")
    assert token not in str(info.value) and (info.value.line, info.value.column) == (1, 7)
    assert "looks like a credential" in info.value.message


def test_without_content_hides_only_what_quotes_the_file() -> None:
    why = "a link to a file outside the repository"
    with pytest.raises(DocumentError) as info:
        jsonio.parse('{"a": hunter2word}', "s.json")
    hidden = info.value.without_content(why)
    assert "hunter2word" in str(info.value) and "hunter2word" not in str(hidden)
    assert (hidden.kind, hidden.line, hidden.column, hidden.consequence) == \
        ("invalid-json", 1, 7, info.value.consequence)
    assert why in hidden.message
    with pytest.raises(DocumentError) as info:
        jsonio.parse('{"a": 1,}', "s.json")
    assert info.value.without_content(why) is info.value  # a comma quotes nothing


@given(st.text(alphabet="0123456789+-.eExXabf", min_size=1, max_size=8))
def test_every_bad_number_gets_a_precise_message_or_the_decoders(token: str) -> None:
    """Whatever the characters, the diagnosis never fails, and any suggestion it makes parses."""
    text = '{"a": ' + token + "}"
    try:
        json.loads(text, parse_constant=lambda name: None)
        return
    except ValueError:
        pass
    with pytest.raises(DocumentError) as info:
        jsonio.parse(text)
    message = info.value.message
    if ": write " in message and "finite" not in message:
        suggestion = message.rsplit(": write ", 1)[1].split(" or ")[0]
        assert isinstance(json.loads(suggestion), (int, float)), message


def test_duplicate_keys_are_found_at_any_depth_with_both_positions() -> None:
    doc = jsonio.parse('{\n  "model": "a",\n  "env": {"X": "1", "X": "2"},\n  "model": "b"\n}')
    assert doc.data["model"] == "b"  # the last wins, as in Claude Code
    dups = {(d.pointer, d.first_line, d.first_column, d.line, d.column) for d in doc.duplicates}
    assert dups == {("/env/X", 3, 11, 3, 21), ("/model", 2, 3, 4, 3)}
    with pytest.raises(DocumentError, match="duplicate keys"):
        jsonio.render(doc, {"model": "c"})


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(size=st.integers(0, 300_000), limit=st.integers(0, 200_000),
       hint=st.integers(0, 300_000))
def test_read_descriptor_reads_all_or_past_the_limit(tmp_path: Path, size: int, limit: int,
                                                     hint: int) -> None:
    """Whatever the size hint says (a file that changed after fstat), a file within the limit
    is read whole, and a longer one is read past the limit so the caller can say so."""
    path = tmp_path / "f.json"
    content = bytes(i % 251 for i in range(size))
    path.write_bytes(content)
    fd = os.open(path, os.O_RDONLY)
    try:
        raw = jsonio.read_descriptor(fd, limit, hint)
    finally:
        os.close(fd)
    if size <= limit:
        assert raw == content
    else:
        assert len(raw) > limit and content.startswith(raw)


def test_load_reports_unreadable_missing_directory_and_too_large(tmp_path: Path) -> None:
    with pytest.raises(DocumentError) as info:
        jsonio.load(tmp_path / "nope.json")
    assert info.value.kind == "missing"
    with pytest.raises(DocumentError) as info:
        jsonio.load(tmp_path)
    assert info.value.kind == "not-a-file"
    big = tmp_path / "big.json"
    big.write_bytes(b'{"a": "' + b"x" * (jsonio.MAX_BYTES + 1) + b'"}')
    with pytest.raises(DocumentError) as info:
        jsonio.load(big)
    assert info.value.kind == "too-large"
    if os.geteuid() != 0:  # root reads anything
        locked = tmp_path / "locked.json"
        locked.write_text("{}")
        locked.chmod(0)
        with pytest.raises(DocumentError) as info:
            jsonio.load(locked)
        assert info.value.kind == "unreadable"


# ----------------------------------------------------------------------------- writing


def test_write_atomic_keeps_mode_and_refuses_concurrent_changes(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"a": 1}')
    path.chmod(0o600)
    state = jsonio.snapshot(path)
    jsonio.write_atomic(path, '{"a": 2}', state)
    assert path.read_text() == '{"a": 2}'
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]  # no temp file left
    with pytest.raises(ConcurrentModification):
        jsonio.write_atomic(path, '{"a": 3}', state)  # the file moved on since `state`
    assert path.read_text() == '{"a": 2}'


def test_unchanged_content_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"a": 1}')
    os.utime(path, ns=(1, 1))
    jsonio.write_atomic(path, '{"a": 1}', jsonio.snapshot(path))
    assert path.stat().st_mtime_ns == 1


def test_write_through_symlink_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text('{"a": 1}')
    link = tmp_path / "link.json"
    link.symlink_to(real)
    jsonio.write_atomic(link, '{"a": 2}', jsonio.snapshot(link))
    assert link.is_symlink() and real.read_text() == '{"a": 2}'


def test_tolerant_mode_reads_what_claude_code_reads_and_keeps_the_bom() -> None:
    # Observed with Claude Code 2.1.330 (tests/oracle/validation_cases.json): a BOM is skipped
    # and an empty file reads as {}; strict mode still names both.
    doc = jsonio.parse(b'\xef\xbb\xbf{\n  "model": "opus"\n}\n', "s.json", tolerant=True)
    assert doc.data == {"model": "opus"} and doc.tolerated is not None
    assert doc.tolerated.kind == "bom"
    assert jsonio.render(doc, {"model": "opus"}) == '\ufeff{\n  "model": "opus"\n}\n'
    assert jsonio.render(doc, {"model": "x"}) == '\ufeff{\n  "model": "x"\n}\n'
    empty = jsonio.parse(b"  \n", "e.json", tolerant=True)
    assert empty.data == {} and empty.tolerated is not None and empty.tolerated.kind == "empty"
    assert jsonio.render(empty, {}) == "  \n"
    assert jsonio.render(empty, {"a": 1}) == '{\n  "a": 1\n}\n'
    with pytest.raises(DocumentError):
        jsonio.parse(b'\xef\xbb\xbf{"a": 1,}', "s.json", tolerant=True)


# ----------------------------------------------------------------------------- hostile input


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan"),
                                   {"env": {"X": float("nan")}}, [1, float("inf")]])
def test_nan_and_infinity_are_never_written(value: Any) -> None:
    # json.dumps writes NaN/Infinity by default, which Claude Code calls invalid JSON.
    with pytest.raises(DocumentError) as info:
        jsonio.dumps({"cleanupPeriodDays": value})
    assert info.value.kind == "not-json" and "/cleanupPeriodDays" in info.value.message
    doc = jsonio.parse('{"a": 1}')
    with pytest.raises(DocumentError):
        jsonio.render(doc, {"a": 1, "b": value})
    assert jsonio.non_finite({"a": [0, {"b": value}]}) is not None
    assert jsonio.non_finite({"a": [0.5, {"b": 1e308}]}) is None


def _no_hang(seconds: int = 5) -> Any:
    import signal

    def boom(*_: object) -> None:
        raise TimeoutError("opened a FIFO and blocked")

    signal.signal(signal.SIGALRM, boom)
    signal.alarm(seconds)
    return signal


def test_a_fifo_is_never_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "settings.json"
    os.mkfifo(fifo)
    signal = _no_hang()
    try:
        for read in (jsonio.load, jsonio.snapshot):
            with pytest.raises(DocumentError) as info:
                read(fifo)
            assert info.value.kind == "not-a-file" and "FIFO" in info.value.message
    finally:
        signal.alarm(0)


def test_non_regular_paths_are_precise_errors_not_crashes(tmp_path: Path) -> None:
    (tmp_path / "dir.json").mkdir()
    (tmp_path / "plain").write_text("x")
    (tmp_path / "loop.json").symlink_to(tmp_path / "loop2.json")
    (tmp_path / "loop2.json").symlink_to(tmp_path / "loop.json")
    cases = {"dir.json": ("not-a-file", "directory"), "plain/settings.json": ("unreadable", "is a file"),
             "loop.json": ("unreadable", "symbolic links")}
    for name, (kind, words) in cases.items():
        for read in (jsonio.load, jsonio.snapshot):
            with pytest.raises(DocumentError) as info:
                read(tmp_path / name)
            assert info.value.kind == kind and words in info.value.message, name
    assert jsonio.snapshot(tmp_path / "absent.json") == jsonio.FileState(False, b"")


def test_permission_denied_is_a_document_error(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{}")

    def denied(*_: object, **__: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(jsonio.os, "open", denied)  # root reads anything: simulate it
    for read in (jsonio.load, jsonio.snapshot):
        with pytest.raises(DocumentError) as info:
            read(path)
        assert info.value.kind == "unreadable" and "Permission denied" in info.value.message


@pytest.mark.parametrize("depth", [400, 900])
def test_deep_nesting_reads_positions_and_renders_without_recursion(depth: int) -> None:
    # Claude Code loads such a file; the span scanner must not hit Python's recursion limit.
    text = '{"x": ' + "[" * depth + "]" * depth + ', "model": "opus"}'
    try:
        doc = jsonio.parse(text)
    except DocumentError as exc:  # json.loads' own limit: a precise error, no false claim
        assert exc.kind == "too-deep" and not exc.consequence
        return
    assert doc.position("/model") == (1, text.index('"model"') + 1)
    new = dict(doc.data, model="claude-sonnet-4-6")
    assert jsonio.render(doc, new) == text.replace('"opus"', '"claude-sonnet-4-6"')
    assert jsonio.same(doc.data["x"], new["x"])


def test_duplicates_found_inside_deep_nesting() -> None:
    text = '{"a": [[{"k": 1, "k": 2}]], "a": 0}'
    doc = jsonio.parse(text)
    assert {d.pointer for d in doc.duplicates} == {"/a/0/0/k", "/a"}


def test_lone_surrogates_read_write_and_print() -> None:
    # "\ud800" is a valid JSON escape (JavaScript reads it); Python then holds a lone surrogate
    # that UTF-8 cannot encode.
    text = '{"k\\ud800": "\\udc00", "model": "opus"}'
    doc = jsonio.parse(text.encode())
    assert "k\ud800" in doc.data
    out = jsonio.render(doc, {**doc.data, "model": "x", "new\ud800": "\udfff"})
    out.encode("utf-8")
    assert jsonio.same(json.loads(out), {**doc.data, "model": "x", "new\ud800": "\udfff"})
    jsonio.dumps({"\ud800": "\udc00"}).encode("utf-8")
    assert jsonio.printable("a\ud800") == "a\\ud800"


def test_a_compact_file_gets_compact_additions() -> None:
    doc = jsonio.parse('{"a":1}')
    assert jsonio.render(doc, {"a": 1, "model": "m"}) == '{"a":1,"model":"m"}'
    spaced = jsonio.parse('{"a": 1}')
    assert jsonio.render(spaced, {"a": 1, "model": "m"}) == '{"a": 1, "model": "m"}'


def test_duplicate_key_refusal_names_both_positions() -> None:
    doc = jsonio.parse('{\n  "model": "a",\n  "model": "b"\n}')
    with pytest.raises(DocumentError) as info:
        jsonio.render(doc, {"model": "c"})
    assert "2:3" in info.value.message and "3:3" in info.value.message
    assert (info.value.line, info.value.column) == (3, 3)


@given(st.lists(st.text(alphabet="ab/~01", max_size=4), max_size=4))
def test_join_pointer_escapes_as_rfc_6901_and_splits_back(parts: list[str]) -> None:
    pointer = jsonio.join_pointer(parts)
    assert pointer == "".join("/" + p.replace("~", "~0").replace("/", "~1") for p in parts)
    assert jsonio.split_pointer(pointer) == parts
    assert jsonio.join_pointer(tuple(parts)) == jsonio.join_pointer(iter(parts)) == pointer


def test_a_position_deeper_in_the_stack_than_the_parse_falls_back_to_the_tree() -> None:
    """The C decoder that skips values counts Python's stack: a file parsed near its depth
    limit can exceed it when a rule asks for a position from deeper down. The span tree,
    built without recursion, answers then."""
    text = ""
    for depth in range(990, 400, -20):  # the deepest nesting that still parses here
        text = '{"x": ' + "[" * depth + "]" * depth + ', "model": "opus"}'
        try:
            doc = jsonio.parse(text)
            break
        except DocumentError:
            continue

    def deeper(levels: int) -> tuple[int, int]:
        return doc.position("/model") if levels == 0 else deeper(levels - 1)

    assert deeper(120) == (1, text.index('"model"') + 1)
