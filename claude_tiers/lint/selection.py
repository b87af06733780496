"""Which rules run on which file, at which severity (select / ignore / per-file-ignores).

A spec is a rule code (``CT101``), a code prefix (``CT1``, ``CT``), a rule name
(``duplicate-key``) or ``ALL``. As in flake8, the most specific matching spec wins: a name
or a full code beats a prefix, a longer prefix beats a shorter one, and on a tie ``ignore``
wins. Per-file-ignores add ignore specs for files matching a glob.
"""

from __future__ import annotations

import fnmatch
import re
from functools import lru_cache
from typing import Any, Mapping, Sequence

from claude_tiers.errors import UserError
from claude_tiers.lint.base import SEVERITIES

_CODE_PREFIX = re.compile(r"CT\d{0,3}\Z")
_NAME = re.compile(r"[a-z][a-z0-9-]*\Z")
_EXACT = 100  # specificity of a name or a full code


@lru_cache(maxsize=1)
def known_rules() -> tuple[tuple[str, str], ...]:
    """(code, name) of every registered rule, read from the module names (no rule imported).

    ``ct102_invalid_setting_ignored`` is CT102 ``invalid-setting-ignored``;
    tests/lint/test_registry.py checks that every module's CODE and NAME agree.
    """
    from claude_tiers.lint.rules import RULE_MODULES

    return tuple((m[:5].upper(), m[6:].replace("_", "-")) for m in RULE_MODULES)


def _unknown(text: str, where: str) -> UserError:
    import difflib

    rules = known_rules()
    candidates = [c for c, _ in rules] + [n for _, n in rules]
    close = difflib.get_close_matches(text.upper() if text.upper().startswith("CT") else text,
                                      candidates, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return UserError(f"{where}no rule has the code, code prefix or name {text!r}{hint} "
                     "(claude-tiers rules lists them)")


def check_spec(spec: str, where: str = "") -> str:
    """A normalised spec (codes upper-case); UserError when it names no rule (did-you-mean)."""
    text = spec.strip()
    if text.upper() == "ALL":
        return "ALL"
    upper = text.upper()
    if _CODE_PREFIX.match(upper):
        if not any(code.startswith(upper) for code, _ in known_rules()):
            raise _unknown(text, where)
        return upper
    if _NAME.match(text):
        if not any(name == text for _, name in known_rules()):
            raise _unknown(text, where)
        return text
    raise UserError(f"{where}not a rule code, code prefix or rule name: {spec!r}")


def _specificity(spec: str, code: str, name: str) -> int:
    """How specifically ``spec`` names the rule; -1 when it does not match it."""
    if spec == "ALL":
        return 0
    if spec == name or spec == code:
        return _EXACT
    if spec.startswith("CT") and code.startswith(spec):
        return len(spec)
    return -1


def _best(specs: Sequence[str], code: str, name: str) -> int:
    return max((_specificity(s, code, name) for s in specs), default=-1)


class Selection:
    """The rule selection of one run (picklable: it is sent to worker processes).

    A plain class rather than a dataclass, which would cost more to create at import than
    this module's other code together; treat it as immutable (``enabled`` caches answers).
    """

    __slots__ = ("select", "ignore", "per_file_ignores", "severity", "options", "_cache")

    def __init__(self, select: tuple[str, ...] = ("ALL",), ignore: tuple[str, ...] = (),
                 per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = (),
                 severity: tuple[tuple[str, str], ...] = (),
                 options: tuple[tuple[str, Any], ...] = ()) -> None:
        self.select = select
        self.ignore = ignore
        self.per_file_ignores = per_file_ignores  # (glob, specs)
        self.severity = severity  # (spec, severity)
        self.options = options  # (code or name, options mapping)
        self._cache: dict[tuple[str, str, str], bool] = {}

    def _key(self) -> tuple[Any, ...]:
        return (self.select, self.ignore, self.per_file_ignores, self.severity, self.options)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Selection) and self._key() == other._key()

    __hash__ = None  # type: ignore[assignment]  # options hold dicts

    def __repr__(self) -> str:
        return (f"Selection(select={self.select!r}, ignore={self.ignore!r}, "
                f"per_file_ignores={self.per_file_ignores!r}, severity={self.severity!r}, "
                f"options={self.options!r})")

    @classmethod
    def build(cls, select: Sequence[str] | None = None, ignore: Sequence[str] | None = None,
              per_file_ignores: Mapping[str, Sequence[str]] | None = None,
              severity: Mapping[str, str] | None = None,
              options: Mapping[str, Mapping[str, Any]] | None = None) -> Selection:
        """Validate and normalise the parts of a selection."""
        sel = tuple(check_spec(s, "select: ") for s in select) if select else ("ALL",)
        ign = tuple(check_spec(s, "ignore: ") for s in ignore or ())
        pfi = tuple((glob, tuple(check_spec(s, f"per-file-ignores {glob!r}: ") for s in specs))
                    for glob, specs in (per_file_ignores or {}).items())
        sev: list[tuple[str, str]] = []
        for spec, level in (severity or {}).items():
            if level not in SEVERITIES:
                raise UserError(f"severity of {spec!r}: {level!r} is not one of "
                                f"{', '.join(SEVERITIES)}")
            sev.append((check_spec(spec, "severity: "), level))
        opts = tuple((key if _NAME.match(key) else key.upper(), dict(value))
                     for key, value in (options or {}).items())
        return cls(sel, ign, pfi, tuple(sev), opts)

    def file_ignores(self, path: str) -> tuple[str, ...]:
        """The extra ignore specs that per-file-ignores give ``path`` (a posix relative path)."""
        found: list[str] = []
        for glob, specs in self.per_file_ignores:
            if _glob_match(path, glob):
                found.extend(specs)
        return tuple(found)

    def enabled(self, code: str, name: str, extra_ignores: Sequence[str] = ()) -> bool:
        """Whether the rule is on (for a file whose per-file ignores are ``extra_ignores``)."""
        key = (code, name, ",".join(extra_ignores))
        cached = self._cache.get(key)
        if cached is None:
            chosen = _best(self.select, code, name)
            dropped = max(_best(self.ignore, code, name), _best(extra_ignores, code, name))
            cached = chosen >= 0 and chosen > dropped
            self._cache[key] = cached
        return cached

    def severity_of(self, code: str, name: str, default: str) -> str:
        """The severity after overrides (the most specific override wins)."""
        best, level = -1, default
        for spec, value in self.severity:
            score = _specificity(spec, code, name)
            if score > best:
                best, level = score, value
        return level

    def options_of(self, code: str, name: str) -> dict[str, Any]:
        """The options configured for a rule (by name or code)."""
        out: dict[str, Any] = {}
        for key, value in self.options:
            if key in (code, name):
                out.update(value)
        return out


@lru_cache(maxsize=256)
def _compile_glob(glob: str) -> re.Pattern[str]:
    """gitignore-like: ``**`` spans folders, ``*`` stays inside one; no slash matches anywhere."""
    pattern = glob.strip()
    if pattern.startswith("./"):
        pattern = pattern[2:]
    anchored = "/" in pattern.rstrip("/")
    pattern = pattern.lstrip("/")
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[":
            end = pattern.find("]", i + 1)
            if end == -1:
                out.append(re.escape(pattern[i]))
                i += 1
            else:
                out.append(fnmatch.translate(pattern[i:end + 1])[4:-3])
                i = end + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    body = "".join(out)
    if pattern.endswith("/"):
        body += ".*"
    prefix = "" if anchored else "(?:.*/)?"
    return re.compile(prefix + body + r"(?:/.*)?\Z", re.S)


def _glob_match(path: str, glob: str) -> bool:
    return bool(_compile_glob(glob).match(path))
