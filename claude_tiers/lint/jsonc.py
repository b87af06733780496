"""JSON with comments (JSONC): what ``settings.jsonc`` files hold, read for merging only.

Claude Code never reads a ``.jsonc`` file (CT004). To merge one into ``.claude/settings.json``
its content must be understood: ``//`` and ``/* */`` comments and trailing commas are removed
(outside strings), and the result must then be strict JSON.
"""

from __future__ import annotations


def strip(text: str) -> str:
    """``text`` without comments and trailing commas; strings are left exactly as they are.

    Removed characters become spaces (newlines are kept), so positions stay the same.
    """
    out = list(text)
    i, n = 0, len(text)
    last_comma = -1  # index of a comma not yet followed by a value
    while i < n:
        c = text[i]
        if c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            i = j + 1
            last_comma = -1
            continue
        if c == "/" and i + 1 < n and text[i + 1] == "/":
            j = text.find("\n", i)
            j = n if j < 0 else j
            out[i:j] = " " * (j - i)
            i = j
            continue
        if c == "/" and i + 1 < n and text[i + 1] == "*":
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out[i:j] = ["\n" if ch == "\n" else " " for ch in text[i:j]]
            i = j
            continue
        if c == ",":
            last_comma = i
        elif c in "]}":
            if last_comma >= 0:
                out[last_comma] = " "
            last_comma = -1
        elif not c.isspace():
            last_comma = -1
        i += 1
    return "".join(out)
