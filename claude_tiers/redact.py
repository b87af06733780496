"""Keep credentials out of every output: diffs, messages, explain and lint reports.

A value is a secret when its ``env`` variable name says so (``*_API_KEY``, ``*TOKEN*``,
``*SECRET*``, ``*PASSWORD*``...) or when it looks like a known credential format
(``sk-ant-...``, ``ghp_...``, AWS keys, bearer tokens, ``PASSWORD=...`` assignments,
``sshpass -p ...``, credentials in URLs...). :func:`secrets_in` collects
them from settings data; :func:`redact` masks them (and any known-format token) in text.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any, Iterable

from claude_tiers.lazyre import LazyPattern

MASK = "****"


# A bare KEY, PASS or PWD counts as a word of the name (``OPENAI_KEY``, ``DB_PASS``,
# ``MYSQL_PWD``), not inside one (``MONKEY``, ``BYPASS``), and ``PWD`` alone is the shell's
# working directory. Names are matched upper-cased: a case-insensitive pattern costs several
# times as much to compile, on every start.
_SECRET_NAME = re.compile(r"(API[_\-]?KEY|TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|CREDENTIAL|"
                          r"PRIVATE[_\-]?KEY|ACCESS[_\-]?KEY|AUTH(?!OR)|COOKIE|SESSION[_\-]?KEY|DSN|"
                          r"CONNECTION[_\-]?STRING|(?<![A-Z0-9])(?:KEY|PASS)(?![A-Z0-9])|"
                          r"[_\-]PWD(?![A-Z0-9]))")
_NOT_SECRET_NAME = re.compile(r"(_MODEL|_TOKENS|_BASE_URL|_REGION|_HELPER|_TIMEOUT|_MS|_FILE|"
                              r"_PATH|_DIR|_ENABLED|_DISABLE\w*)$")
_TOKEN_PATTERNS = LazyPattern(
    r"(sk-ant-[A-Za-z0-9_\-]{8,}|sk-(?:proj-)?[A-Za-z0-9_\-]{20,}|gh[pousr]_[A-Za-z0-9]{20,}|"
    r"github_pat_[A-Za-z0-9_]{20,}|xox[abposr]-[A-Za-z0-9\-]{10,}|(?:AKIA|ASIA)[0-9A-Z]{16}|"
    r"AIza[0-9A-Za-z_\-]{30,}|glpat-[A-Za-z0-9_\-]{20,}|npm_[A-Za-z0-9]{30,}|"
    r"(?:sk|rk)_live_[A-Za-z0-9]{16,}|hf_[A-Za-z0-9]{30,}|sq[upa]_[A-Za-z0-9]{30,}|"
    r"sbp_[A-Za-z0-9]{30,}|dop_v1_[a-f0-9]{40,}|xai-[A-Za-z0-9]{30,}|pypi-[A-Za-z0-9_\-]{50,}|"
    r"SG\.[A-Za-z0-9_\-]{16,}\.[A-Za-z0-9_\-]{16,}|ya29\.[A-Za-z0-9_\-]{20,}|"
    r"(?<=[Bb]earer )[A-Za-z0-9._~+/\-]{16,}=*|(?<=[Bb]asic )[A-Za-z0-9+/]{12,}=*|"
    r"eyJ[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]+|"
    r"(?<=://)[^/\s:@\"'`]+:[^/\s@\"'`]{3,}(?=@))")
# NAME=value, NAME: value, "name": "value", --name=value (value: not a $VAR, %VAR%, ${...},
# <placeholder>, function call or plain number, which are no credentials).
_ASSIGNED_SECRET = LazyPattern(
    r"((?:[A-Z0-9_.\-]*(?:API[_\-]?KEY|TOKEN(?!S)|SECRET|PASSWORD|PASSWD|[_\-](?:PASS|PWD)\b)"
    r"[A-Z0-9_\-]*)[\"']?"
    r"\s*[=:]\s*[\"']?)"
    r"(?![$%<{\[(]|os\.|process\.|getenv|env\.|\d+(?![^\s\"'&|;()\\,]))"
    r"([^\s\"'&|;()\\,$]{6,})", re.I)
# Every _TOKEN_PATTERNS match holds one of these anchors (each alternative starts with one),
# and every _OPTION_SECRET match one of the next: the patterns cost 4-10 us a string, these
# checks a tenth of that, and most strings in a settings file are paths and commands that hold
# none. The anchors are grouped by a character every match of theirs holds ("xox" and "eyJ"
# by the "-" and "." their patterns require), so one search rules out a group: a path or a
# command costs 6 to 12 searches instead of 28.
_TOKEN_ANCHOR_GROUPS = (
    ("-", ("sk-", "glpat-", "xai-", "pypi-", "xox")),
    ("_", ("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "npm_", "_live_", "hf_",
           "squ_", "sqp_", "sqa_", "sbp_", "dop_v1_")),
    (".", ("SG.", "ya29.", "eyJ")),
    (" ", ("earer ", "asic ")),
    (":", ("://",)),
    ("A", ("AKIA", "ASIA", "AIza")),
)
_OPTION_ANCHORS = ("sshpass", "mysql", "mariadb", "-u")


def _may_hold_token(text: str) -> bool:
    for mark, anchors in _TOKEN_ANCHOR_GROUPS:  # loops, not any(): called on every string
        if mark in text:
            for anchor in anchors:
                if anchor in text:
                    return True
    return False


def _may_pass_option(text: str) -> bool:
    for anchor in _OPTION_ANCHORS:
        if anchor in text:
            return True
    return False


# Every _ASSIGNED_SECRET match holds one of these words (case-folded) and a "=" or ":". The
# pattern backtracks over long runs of name characters (170 us on an 80-character path), so
# it runs only on strings that pass this check (tests/test_redact.py proves it never misses).
_ASSIGNED_WORDS = ("key", "token", "secret", "pass", "pwd")


def _may_assign(text: str) -> bool:
    if "=" not in text and ":" not in text:
        return False
    folded = text.casefold()
    return any(word in folded for word in _ASSIGNED_WORDS)


# Passwords given as command-line options: sshpass -p, mysql -pSECRET, curl -u user:SECRET.
_OPTION_SECRET = LazyPattern(
    r"((?:\bsshpass(?:\.exe)?[\"']?\s+-p\s*[\"']?)|(?:\b(?:mysql|mysqldump|mariadb)\b[^|;&\n]*?\s-p)|"
    r"(?:\s(?:-u|--user)\s+[\"']?[^\s:\"'$]+:))"
    r"(?![$%<{])([^\s\"'$]{3,})")


@lru_cache(maxsize=1024)  # a monorepo's files repeat the same variable names
def looks_secret_name(name: str) -> bool:
    """Does an environment variable's name say its value is a credential?"""
    upper = name.upper()
    return bool(_SECRET_NAME.search(upper)) and not _NOT_SECRET_NAME.search(upper)


def looks_secret_value(value: str) -> bool:
    """Does a string contain a credential in a known format?"""
    return bool((_may_hold_token(value) and _TOKEN_PATTERNS.search(value))
                or (_may_assign(value) and _ASSIGNED_SECRET.search(value))
                or (_may_pass_option(value) and _OPTION_SECRET.search(value)))


def secrets_in(data: Any) -> set[str]:
    """Every secret value found in settings data (env values and credential-looking strings)."""
    found: set[str] = set()
    env = data.get("env") if isinstance(data, dict) else None
    if isinstance(env, dict):
        for name, value in env.items():
            if isinstance(value, str) and value and looks_secret_name(str(name)) \
                    and value not in ("true", "false", "0", "1"):
                found.add(value)
    _walk_tokens(data, found)
    return found


def _walk_tokens(data: Any, found: set[str]) -> None:
    # A stack, not recursion: jsonio reads documents nested far deeper than Python's call stack.
    # Only values are searched (object keys are names, not credentials).
    pending = [data]
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
        elif isinstance(value, str):
            _tokens_in(value, found)


def _tokens_in(text: str, found: set[str]) -> None:
    """Add the credentials in a known format that ``text`` holds to ``found``."""
    if _may_hold_token(text):
        for match in _TOKEN_PATTERNS.finditer(text):
            found.add(match.group(0))
    if _may_assign(text):
        for match in _ASSIGNED_SECRET.finditer(text):
            found.add(match.group(2))
    if _may_pass_option(text):
        for match in _OPTION_SECRET.finditer(text):
            found.add(match.group(2))


def tokens_in(text: str) -> set[str]:
    """The credentials in a known format inside one string (what :func:`secrets_in` finds in
    it as a value, without walking a document)."""
    found: set[str] = set()
    _tokens_in(text, found)
    return found


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` with every given secret, and any known-format token, replaced by ``****``."""
    for secret in sorted(set(secrets), key=len, reverse=True):
        if len(secret) < 4:
            continue
        text = text.replace(secret, MASK)
        escaped = json.dumps(secret)[1:-1]
        if escaped != secret:
            text = text.replace(escaped, MASK)
    if _may_hold_token(text):
        text = _TOKEN_PATTERNS.sub(MASK, text)
    if _may_assign(text):
        text = _ASSIGNED_SECRET.sub(lambda m: m.group(1) + MASK, text)
    if _may_pass_option(text):
        text = _OPTION_SECRET.sub(lambda m: m.group(1) + MASK, text)
    return text
