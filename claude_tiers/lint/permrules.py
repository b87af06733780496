"""Permission rules as Claude Code 2.1.330 reads them, for the CT3xx rules.

A rule is ``Tool`` or ``Tool(specifier)``; the specifier is everything between the first ``(``
and the final ``)`` (parentheses inside it are literal). Claude Code evaluates the lists
**deny -> ask -> allow**, first match wins, so an allow rule that a deny or ask rule of the
same file covers never applies.

:func:`covers` answers "does every tool use that rule B matches also match rule A?" and only
says yes when that is certain (it under-approximates A and over-approximates B), so a rule
reported as dead is dead.

Tool names: :data:`KNOWN_TOOLS` were observed as known by Claude Code 2.1.330 (a deny rule
naming any other tool gives the startup warning ``matches no known tool``; an allow rule
naming it is accepted silently and grants nothing).
"""

import re
from functools import lru_cache
from typing import Any, Iterable, Iterator, NamedTuple

from claude_tiers.lint.base import last_file_memo

LISTS = ("deny", "ask", "allow")
"""The rule lists, in the order Claude Code evaluates them."""

KNOWN_TOOLS = frozenset({
    "Agent", "Artifact", "AskUserQuestion", "Bash", "BashOutput", "Brief", "CronCreate",
    "CronDelete", "CronList", "Edit", "EnterPlanMode", "EnterWorktree", "ExitPlanMode",
    "ExitWorktree", "Glob", "Grep", "KillBash", "KillShell", "ListAgents",
    "ListMcpResources", "ListMcpResourcesTool", "LSP", "Monitor", "NotebookEdit",
    "PowerShell", "PushNotification", "Read", "ReadMcpResourceTool", "RemoteTrigger",
    "ReportFindings", "ScheduleWakeup", "SendMessage", "SendUserMessage",
    "ShareOnboardingGuide", "Skill", "Task", "TaskCreate", "TaskGet", "TaskList",
    "TaskOutput", "TaskStop", "TaskUpdate", "TeamCreate", "TeamDelete", "TodoWrite",
    "ToolSearch", "WebFetch", "WebSearch", "Workflow", "Write",
})
"""Tool names Claude Code 2.1.330 knows (observed: no "matches no known tool" warning as a deny
rule, or offered to the model). ``Task`` is the old name of ``Agent`` and still matches it."""

FORMER_TOOLS = {
    "MultiEdit": "Edit",
    "LS": "Glob",
    "NotebookRead": "Read",
    "SlashCommand": "Skill",
    "TodoRead": "TodoWrite",
}
"""Tools of older Claude Code versions that 2.1.330 no longer knows, and what replaced them."""

ALIASES = {"Task": "Agent", "KillBash": "KillShell"}

SHELL_TOOLS = frozenset({"Bash", "PowerShell"})
PATH_TOOLS = frozenset({"Read", "Edit", "Write", "MultiEdit", "NotebookEdit", "Glob", "Grep"})
CONSULTED_PATH_TOOLS = frozenset({"Read", "Edit"})
UNCONSULTED_PATH_TOOLS = {"Write": "Edit", "NotebookEdit": "Edit", "MultiEdit": "Edit",
                          "Glob": "Read"}
"""Path rules on these tools are accepted but never consulted (2.1.330 warns at startup and
names the replacement: Edit rules cover every file-editing tool, Read rules every reading one)."""


class PermRule(NamedTuple):
    """One string rule of ``permissions.allow``/``ask``/``deny``."""

    raw: str
    tool: str
    spec: str | None  # None for a bare tool name
    list: str  # "allow", "ask" or "deny"
    position: int  # in its list
    pointer: str

    @property
    def tool_key(self) -> str:
        """The tool name with the old aliases resolved."""
        return ALIASES.get(self.tool, self.tool)


def split_rule(raw: str) -> tuple[str, str | None]:
    """``Tool(spec)`` -> ``("Tool", "spec")``; ``Tool`` -> ``("Tool", None)``.

    Like Claude Code: the specifier runs from the first ``(`` to the final ``)``. A string
    that does not end with ``)`` after a ``(`` is returned whole as the tool (it is malformed;
    the schema reports it).
    """
    start = raw.find("(")
    if start < 0 or not raw.endswith(")"):
        return raw, None
    return raw[:start], raw[start + 1:-1]


def rules_of(data: dict[str, Any]) -> Iterator[PermRule]:
    """Every string rule of the file's ``permissions`` lists, in deny, ask, allow order."""
    return iter(_rules_of(data))


@last_file_memo(lambda data: (data,))
def _rules_of(data: dict[str, Any]) -> tuple[PermRule, ...]:
    return tuple(_parse_rules(data))


def _parse_rules(data: dict[str, Any]) -> Iterator[PermRule]:
    perms = data.get("permissions")
    if not isinstance(perms, dict):
        return
    for name in LISTS:
        items = perms.get(name)
        if not isinstance(items, list):
            continue
        for index, raw in enumerate(items):
            if isinstance(raw, str):
                tool, spec = split_rule(raw)
                # The list names need no escaping: the pointer is written out.
                yield PermRule(raw, tool, spec, name, index, f"/permissions/{name}/{index}")


def well_formed(rule: PermRule) -> bool:
    """A rule Claude Code reads (no parse problem that makes it skip the entry)."""
    if not rule.tool or rule.tool != rule.tool.strip() or "(" in rule.tool or ")" in rule.tool:
        return False
    if rule.spec is None and (")" in rule.raw or "(" in rule.raw):
        return False
    if rule.spec is not None and not rule.spec:
        return False
    return not (rule.spec is not None and ambiguous_escape(rule.spec))


def ambiguous_escape(spec: str) -> bool:
    """Claude Code 2.1.330 skips a rule whose specifier has an escaped ``\\(`` or ``\\)`` while
    its unescaped parentheses are unbalanced (observed: ``Bash(echo \\(a\\) (b))`` loads,
    ``Bash(echo \\(a) (b))`` and ``Bash(echo \\(x\\) ( y)`` are skipped as "Ambiguous")."""
    if "\\" not in spec:  # nothing escaped: most rules, at the cost of one search
        return False
    escaped = False
    opened = closed = 0
    i = 0
    while i < len(spec):
        char = spec[i]
        if char == "\\" and i + 1 < len(spec) and spec[i + 1] in "()\\":
            escaped = escaped or spec[i + 1] != "\\"
            i += 2
            continue
        if char == "(":
            opened += 1
        elif char == ")":
            closed += 1
        i += 1
    return escaped and opened != closed


def canonical(rule: PermRule) -> str:
    """A normal form for spotting duplicates: ``Bash(x:*)`` = ``Bash(x *)``, ``Bash(*)`` = ``Bash``."""
    tool = rule.tool_key
    spec = rule.spec
    if spec is None:
        return tool
    if tool in SHELL_TOOLS:
        if spec.strip() == "*":
            return tool
        if spec.endswith(":*") and not spec[:-2].endswith(" ") and not literal_prefix(spec):
            spec = spec[:-2] + " *"
    return f"{tool}({spec})"


def grants_everything(rule: PermRule) -> bool:
    """``Bash``, ``Bash(*)``, ``PowerShell``, ``Bash(**)``...: every command of a shell tool."""
    if rule.tool not in SHELL_TOOLS:
        return False
    return rule.spec is None or rule.spec.strip() in ("*", "**", "* *")


# ------------------------------------------------------------------------------ coverage

_ANY = "\x00"  # a wildcard of the covered rule (Bash "*", path "**")
_SEG = "\x01"  # a path "*" of the covered rule (no "/")


def may_cover(outer: PermRule, inner: PermRule) -> bool:
    """The cheap precondition of :func:`covers`: only a tool glob, an MCP server rule or a rule
    of the same tool can cover another, and the last only if its specifier is absent, starts
    with a wildcard, or starts with the character the inner one's starts with. It depends on
    the inner rule's :func:`cover_key` alone, so callers can pick candidates once per key."""
    if _any_tool(outer):
        return True
    if outer.tool_key != inner.tool_key:
        return False
    lead = _lead(outer.spec)
    return lead is None or (inner.spec or "")[:1] == lead


def _any_tool(rule: PermRule) -> bool:
    return "*" in rule.tool or rule.tool.startswith("mcp__")


def _lead(spec: str | None) -> str | None:
    """The character every specifier a rule with ``spec`` covers starts with (None: any).

    A specifier not starting with a wildcard compiles to a pattern starting with its first
    character, which every instance of the covered rule must then start with; but ``:*``
    alone is an empty prefix (it matches what ``Bash( *)`` matches), and a blank one is
    left to :func:`covers`.
    """
    if spec is None or spec == ":*" or spec.lstrip()[:1] in ("*", ""):
        return None
    return spec[:1]


def cover_key(rule: PermRule) -> tuple[str, str]:
    """What :func:`may_cover` looks at in the rule that may be covered."""
    return rule.tool_key, (rule.spec or "")[:1]


class Coverers:
    """The rules of some lists (in the order Claude Code checks them) that may cover a given
    rule (:func:`may_cover`), picked once per :func:`cover_key`: files hold hundreds of rules.

    The rules are sorted by tool once, each with its :func:`_lead`, so that picking for a key
    compares one character per rule of that tool (and takes every tool glob and MCP rule).
    """

    def __init__(self, rules: Iterable[PermRule]) -> None:
        self._of_tool: dict[str, list[tuple[int, PermRule, str | None]]] = {}
        self._any_tool: list[tuple[int, PermRule, str | None]] = []
        for order, rule in enumerate(rules):
            if _any_tool(rule):
                self._any_tool.append((order, rule, None))
            else:
                self._of_tool.setdefault(rule.tool_key, []).append(
                    (order, rule, _lead(rule.spec)))
        self._picked: dict[tuple[str, str], list[PermRule]] = {}

    def of(self, inner: PermRule) -> list[PermRule]:
        """The rules that may cover ``inner``, in order (so the first that does is named)."""
        key = cover_key(inner)
        picked = self._picked.get(key)
        if picked is None:
            pool = self._of_tool.get(key[0], [])
            if self._any_tool:
                pool = sorted(pool + self._any_tool, key=lambda item: item[0])
            first = key[1]
            picked = self._picked[key] = [rule for _, rule, lead in pool
                                          if lead is None or lead == first]
        return picked


def covers(outer: PermRule, inner: PermRule) -> bool:
    """True when every tool use ``inner`` matches is certainly matched by ``outer``."""
    return _covers(outer.tool, outer.spec, inner.tool, inner.spec)


# Remembered per pair: a monorepo's files repeat the same rules, and ct306 asks about every
# pair of a file's rules of one tool. 1024 pairs are as fast as 8192 on the 10k benchmark tree;
# the larger bounds of this and the other two memos held 4 MiB more in each process.
@lru_cache(maxsize=1024)
def _covers(outer_tool: str, outer_spec: str | None, inner_tool: str, inner_spec: str | None
            ) -> bool:
    if "*" in outer_tool:
        return _tool_glob(outer_tool).fullmatch(inner_tool.replace("*", _ANY)) is not None
    if outer_tool.startswith("mcp__"):
        if inner_tool == outer_tool:
            return True
        # mcp__server covers mcp__server__tool (a server rule names all of its tools)
        return outer_tool.count("__") == 1 and inner_tool.startswith(outer_tool + "__")
    if ALIASES.get(outer_tool, outer_tool) != ALIASES.get(inner_tool, inner_tool):
        return False
    if outer_spec is None:
        return True
    if outer_tool in SHELL_TOOLS and outer_spec.strip() == "*":
        return True
    if inner_spec is None:
        return False
    if outer_spec == inner_spec:
        return True
    if outer_tool in SHELL_TOOLS:
        return all(_shell_glob(outer_spec).fullmatch(s) for s in _shell_instances(inner_spec))
    if outer_tool in CONSULTED_PATH_TOOLS:
        return _path_glob(outer_spec).fullmatch(_path_instance(inner_spec)) is not None
    return False


@lru_cache(maxsize=512)
def _tool_glob(pattern: str) -> re.Pattern[str]:
    return re.compile(".*".join(re.escape(part) for part in pattern.split("*")), re.S)


def literal_prefix(spec: str) -> bool:
    """A specifier ending in ``:*`` with a ``*`` before it: Claude Code 2.1.330 matches it as a
    literal prefix, the inner ``*`` not expanded (observed: ``Bash(*:*)`` approves nothing
    but commands starting with a ``*``)."""
    return spec.endswith(":*") and "*" in spec[:-2]


def _prefix_form(spec: str) -> str | None:
    """The prefix of a specifier ending in `` *`` or (legacy) ``:*``, which match the prefix
    alone or followed by a space and anything (observed: ``Bash(touch x *)`` and
    ``Bash(touch x:*)`` both approve ``touch x``, neither approves ``touch xy``)."""
    if spec.endswith(":*"):
        return spec[:-2]
    if spec.endswith(" *"):
        return spec[:-2]
    return None


@lru_cache(maxsize=2048)
def _shell_glob(spec: str) -> re.Pattern[str]:
    """The commands a Bash specifier matches: ``*`` matches anything, including spaces; a
    final `` *`` or ``:*`` also matches nothing at all; any other ``:`` is literal."""
    prefix = _prefix_form(spec)
    if prefix is not None and literal_prefix(spec):
        return re.compile(re.escape(prefix) + "(?: .*)?", re.S)
    body = prefix if prefix is not None else spec
    pattern = ".*".join(re.escape(part) for part in body.split("*"))
    return re.compile(pattern + ("(?: .*)?" if prefix is not None else ""), re.S)


def _shell_instances(spec: str) -> list[str]:
    """Strings standing for every command a Bash specifier may match: wildcards become a
    marker only another wildcard can match."""
    prefix = _prefix_form(spec)
    if prefix is None:
        return [spec.replace("*", _ANY)]
    if literal_prefix(spec):
        return [prefix, prefix + " " + _ANY]
    prefix = prefix.replace("*", _ANY)
    return [prefix, prefix + " " + _ANY]


@lru_cache(maxsize=2048)
def _path_glob(spec: str) -> re.Pattern[str]:
    """Paths a Read/Edit specifier certainly matches: ``**`` anything, ``*`` no ``/``."""
    parts = []
    for i, chunk in enumerate(spec.split("**")):
        if i:
            parts.append(".*")
        parts.append(f"[^/{_ANY}]*".join(re.escape(p) for p in chunk.split("*")))
    return re.compile("".join(parts), re.S)


def _path_instance(spec: str) -> str:
    return spec.replace("**", _ANY).replace("*", _SEG)
