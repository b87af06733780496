"""LazyPattern answers as the compiled pattern would, and compiles only when first used."""

from __future__ import annotations

import re

from hypothesis import given, strategies as st

from claude_tiers.lazyre import LazyPattern

SOURCE = r"(ab+)(c?)"


def test_nothing_is_compiled_before_first_use() -> None:
    lazy = LazyPattern(SOURCE, re.I)
    assert lazy._compiled is None
    assert lazy.search("xABBc") is not None
    assert lazy._compiled is not None and lazy.compiled.flags & re.I


@given(st.text(alphabet="abcx", max_size=12))
def test_every_method_agrees_with_re(text: str) -> None:
    lazy, compiled = LazyPattern(SOURCE), re.compile(SOURCE)

    def spans(m: re.Match[str] | None) -> object:
        return None if m is None else (m.span(), m.groups())

    assert spans(lazy.search(text)) == spans(compiled.search(text))
    assert spans(lazy.match(text)) == spans(compiled.match(text))
    assert [spans(m) for m in lazy.finditer(text)] == [spans(m) for m in compiled.finditer(text)]
    assert lazy.sub("-", text) == compiled.sub("-", text)
    assert lazy.sub(lambda m: m.group(1).upper(), text) == compiled.sub(lambda m: m.group(1).upper(), text)
