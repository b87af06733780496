"""The contract between the lint engine and its rules.

A rule is one module in ``claude_tiers/lint/rules/`` with module-level metadata and a
``check`` generator; its docstring is its documentation (what, why, a FAIL and a PASS
example, the fix). The engine (``claude_tiers/lint/engine.py``) builds one
:class:`LintContext` per file, runs every selected rule whose ``APPLIES_TO`` includes the
file's kind, positions the findings, and applies fixes through the core's minimal writer.

A rule module defines::

    CODE = "CT301"                      # stable, never reused; CT + 3 digits, grouped by hundreds
    NAME = "malformed-permission-rule"  # kebab-case, unique
    SEVERITY = "error"                  # default: "error" | "warning" | "info"
    APPLIES_TO = frozenset({SETTINGS})  # file kinds below
    FIX = None                          # or "safe" / "unsafe"
    def check(ctx: LintContext) -> Iterator[Finding]: ...
    # only with FIX: pure, returns the new settings data (or new Markdown text for frontmatter
    # kinds); returning None means "cannot fix this one after all"
    def fix(ctx: LintContext, finding: Finding) -> dict | str | None: ...

Severity means: **error** = Claude Code drops the file, skips the entry, fails a request,
or a policy is violated; **warning** = accepted but almost surely not what the author
meant; **info** = worth knowing. Every message says what Claude Code will do.
"""

import os
from typing import TYPE_CHECKING, Any, Callable, Iterator, NamedTuple, Protocol, TypeVar

if TYPE_CHECKING:
    from claude_tiers.errors import DocumentError
    from claude_tiers.frontmatter import Frontmatter
    from claude_tiers.jsonio import Document
    from claude_tiers.schema import SchemaIssue

# File kinds (ctx.kind)
SETTINGS = "settings"  # .claude/settings.json (shared project settings)
LOCAL_SETTINGS = "local-settings"  # .claude/settings.local.json
USER_SETTINGS = "user-settings"  # ~/.claude/settings.json
MANAGED_SETTINGS = "managed-settings"  # managed-settings.json, managed-settings.d/*.json
UNREAD_SETTINGS = "unread-settings"  # claude_settings.json, .claude/settings.jsonc: never read
CLAUDE_JSON = "claude-json"  # ~/.claude.json (app state, not a settings level)
AGENT = "agent"  # .claude/agents/**/*.md
COMMAND = "command"  # .claude/commands/**/*.md
SKILL = "skill"  # .claude/skills/<name>/SKILL.md
FLAT_SKILL = "flat-skill"  # .claude/skills/<name>.md: never loaded

SETTINGS_KINDS = frozenset({SETTINGS, LOCAL_SETTINGS, USER_SETTINGS, MANAGED_SETTINGS})
JSON_KINDS = SETTINGS_KINDS | {UNREAD_SETTINGS, CLAUDE_JSON}
FRONTMATTER_KINDS = frozenset({AGENT, COMMAND, SKILL, FLAT_SKILL})

SEVERITIES = ("info", "warning", "error")

# The facts beyond its own bytes a rule may consult through the context (the lint cache
# notes which ones each file's findings depend on).
ENV, AGENTS, GIT, TODAY = "env", "agents", "git", "today"  # project_env, project_agents,
# git_state, today

DROPPED = "Claude Code ignores this whole file"
SKIPPED = "Claude Code skips this entry"
IGNORED = "Claude Code silently ignores it"


class Finding(NamedTuple):
    """One lint result, positioned in its file (1-based line and column; 0 when unknown)."""

    path: str
    line: int
    column: int
    code: str
    name: str
    severity: str
    message: str
    pointer: str = ""  # JSON pointer (settings) or "/field" (frontmatter)
    fixable: str | None = None  # "safe", "unsafe" or None
    data: Any = None  # rule-private payload for its fix (e.g. the replacement value)

    def sort_key(self) -> tuple[str, int, int, str]:
        """Findings sort by path, then position, then code."""
        return (self.path, self.line, self.column, self.code)


def _no_agents() -> dict[str, dict[str, Any]]:
    return {}


def _no_env() -> dict[str, str]:
    return {}


def _no_policy() -> Any:
    return None


def local_date() -> str:
    """Today's local date as ``YYYY-MM-DD``."""
    import time

    return time.strftime("%Y-%m-%d")


T = TypeVar("T")


def last_file_memo(key: Callable[..., tuple[object, ...]]
                   ) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Keep a function's answer for the last file only: a dozen rules of one file ask for the
    same derived facts (its permission rules, model strings, known keys, gateway).

    ``key`` names the objects the answer depends on (the context, its parsed document...);
    they are compared by identity and held, so their ids cannot be reused; fixes make new
    documents, never edit one. A key object that is not the same forces a new answer.
    """
    def decorate(compute: Callable[..., T]) -> Callable[..., T]:
        last: list[Any] = [None, None]  # key, answer

        def remembered(*args: Any) -> T:
            now = key(*args)
            before = last[0]
            if before is not None and len(before) == len(now):
                for a, b in zip(before, now):  # a loop: any() over a generator costs twice
                    if a is not b:
                        break
                else:
                    answer: T = last[1]
                    return answer
            fresh = compute(*args)
            last[0], last[1] = now, fresh
            return fresh

        remembered.__doc__ = compute.__doc__
        remembered.__name__ = compute.__name__
        return remembered

    return decorate


class LintContext:
    """Everything a rule may look at for one file. Rules never read files themselves.

    (A plain class: a dataclass costs more to create at import than linting a small file.)
    """

    def __init__(self, path: str, display: str, kind: str, doc: "Document | None" = None,
                 frontmatter: "Frontmatter | None" = None, options: dict[str, Any] | None = None,
                 git_tracked: bool | None = None, env: dict[str, str] | None = None,
                 project_agents: Callable[[], dict[str, dict[str, Any]]] = _no_agents,
                 project_env: Callable[[], dict[str, str]] = _no_env,
                 error: "DocumentError | None" = None, tolerated: "DocumentError | None" = None,
                 project_root: str | None = None, policy: Callable[[], Any] = _no_policy
                 ) -> None:
        self.path = path  # the file on disk (a string: building a Path costs more than some rules)
        self.display = display  # the path as shown to the user
        self.kind = kind  # one of the kinds above
        self.doc = doc  # parsed JSON (JSON kinds that parsed)
        self.frontmatter = frontmatter  # parsed frontmatter (Markdown kinds)
        self.options: dict[str, Any] = options if options is not None else {}  # this rule's
        self.git_tracked = git_tracked  # None when not in a git work tree
        self.env: dict[str, str] = env if env is not None else {}  # reserved: the process env
        # Lazily provided by the engine: the project's agents (name -> frontmatter data), for
        # rules that relate settings to agents (CLAUDE_CODE_SUBAGENT_MODEL reaching some agents).
        self.project_agents = project_agents
        # Lazily provided by the engine: the env of the project's .claude/settings.json and
        # settings.local.json merged (Claude Code merges env across layers), for rules that ask
        # whether a variable set in another file applies here (a gateway's ANTHROPIC_BASE_URL).
        self.project_env = project_env
        # Why the file could not be read or parsed (doc and frontmatter are then None); only
        # the CT0xx file rules look at it.
        self.error = error
        # A defect Claude Code tolerates (a UTF-8 BOM, an empty file read as {}): the file was
        # parsed anyway and every rule runs; CT001/CT008 report it.
        self.tolerated = tolerated
        self.project_root = project_root  # the folder holding the file's .claude/ (or None)
        # Lazily provided by the engine when a tier policy is in force: the policy's decision
        # for the file's project (claude_tiers.policy.Decision), or None. CT7xx rules use it.
        self.policy = policy
        # How git sees the file ("tracked", "ignored", "untracked", "outside" a work tree, or
        # None: unknown); the engine provides a lazy lookup (git runs only when a rule asks).
        self.git_state: Callable[[], str | None] = self._state_from_tracked
        # Today's date (YYYY-MM-DD), for rules that count days (a model's retirement); asked
        # through the context so that the lint cache knows which findings depend on it.
        self.today: Callable[[], str] = local_date
        # An unread file named explicitly (CT004) that holds a JSON object is also checked as
        # this kind of settings file; ``candidate`` is that check's context (engine-built).
        self.lint_as: str | None = None
        self.candidate: "LintContext | None" = None
        self._schema_issues: "list[SchemaIssue] | None" = None

    def _state_from_tracked(self) -> str | None:
        if self.git_tracked is None:
            return None
        return "tracked" if self.git_tracked else "untracked"

    @property
    def stem(self) -> str:
        """The file's name without its extension (``reviewer`` for ``agents/reviewer.md``)."""
        return os.path.splitext(os.path.basename(self.path))[0]

    @property
    def has_policy(self) -> bool:
        """Whether a tier policy is in force (the engine then provides ``policy``)."""
        return self.policy is not _no_policy

    @property
    def data(self) -> dict[str, Any]:
        """The settings data (``{}`` when the file did not parse)."""
        return self.doc.data if self.doc is not None else {}

    @property
    def fields(self) -> dict[str, Any]:
        """The frontmatter fields (``{}`` when there is no frontmatter)."""
        return self.frontmatter.data if self.frontmatter is not None else {}

    def schema_issues(self) -> "list[SchemaIssue]":
        """Schema validation of the settings data, computed once per file."""
        if self._schema_issues is None:
            from claude_tiers import schema

            self._schema_issues = schema.validate(self.data) if self.doc is not None else []
        return self._schema_issues

    def position(self, pointer: str) -> tuple[int, int]:
        """1-based (line, column) of a JSON pointer, or of a frontmatter field ``/name``."""
        if self.doc is not None:
            return self.doc.position(pointer)
        if self.frontmatter is not None:
            key = pointer.strip("/").split("/")[0]
            return (self.frontmatter.line_of(key), 1) if key else (self.frontmatter.first_line, 1)
        return (1, 1)


class RuleModule(Protocol):
    """What the engine expects of a rule module (see the module docstring)."""

    CODE: str
    NAME: str
    SEVERITY: str
    APPLIES_TO: frozenset[str]
    FIX: str | None

    def check(self, ctx: LintContext) -> Iterator[Finding]: ...


def finding(rule: Any, ctx: LintContext, pointer: str, message: str, *,
            severity: str | None = None, fixable: bool = True, data: Any = None,
            at: tuple[int, int] | None = None) -> Finding:
    """Build a positioned Finding for ``rule`` (a rule module) at ``pointer`` in ``ctx``."""
    line, column = at if at is not None else ctx.position(pointer)
    fix = getattr(rule, "FIX", None) if fixable else None
    return Finding(ctx.display, line, column, rule.CODE, rule.NAME, severity or rule.SEVERITY,
                   message, pointer, fix, data)
