"""Frontmatter schemas per file kind; shared by the CT6xx frontmatter rules.

The field lists, enums and ``x-`` annotations live in ``schemas/*-frontmatter.schema.json``;
this module only maps file kinds to those schemas and caches what the rules ask of them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any, Mapping

from claude_tiers.lint.base import AGENT, COMMAND, SKILL, LintContext

if TYPE_CHECKING:
    from claude_tiers.schema import SchemaIssue

SCHEMAS: dict[str, str] = {
    AGENT: "agent-frontmatter.schema.json",
    COMMAND: "command-frontmatter.schema.json",
    SKILL: "skill-frontmatter.schema.json",
}
KINDS = frozenset(SCHEMAS)
NOUN = {AGENT: "agent", COMMAND: "command", SKILL: "skill"}


@lru_cache(maxsize=None)
def properties(kind: str) -> dict[str, dict[str, Any]]:
    """The top-level property schemas of a kind's frontmatter."""
    from claude_tiers.resources import load_schema

    props = load_schema(SCHEMAS[kind]).get("properties") or {}
    return {str(k): v for k, v in props.items() if isinstance(v, dict)}


@lru_cache(maxsize=None)
def enum(kind: str, key: str) -> tuple[str, ...]:
    """The allowed string values of a field, also inside ``anyOf`` (empty when it has none)."""
    from claude_tiers.schema import allowed_values

    return tuple(v for v in allowed_values([key], SCHEMAS[kind]) if isinstance(v, str))


def ignored(kind: str, key: str) -> bool:
    """True when the kind's schema marks the field as read and ignored (``x-ignored``)."""
    return bool(properties(kind).get(key, {}).get("x-ignored"))


def issues(ctx: LintContext) -> list[SchemaIssue]:
    """Schema issues of the frontmatter fields (none without frontmatter or for other kinds)."""
    if ctx.kind not in SCHEMAS or ctx.frontmatter is None:
        return []
    from claude_tiers import schema

    return schema.validate(ctx.fields, SCHEMAS[ctx.kind])


def loadable_agent(fields: Mapping[str, Any]) -> bool:
    """Whether Claude Code loads an agent with these frontmatter fields (CT601-CT603's reasons).

    It needs a non-empty string ``name`` without ``:`` and not starting with ``-``, a non-empty
    string ``description``, and no value the agent schema says makes the file fail to load
    (a malformed ``hooks`` block).
    """
    name, description = fields.get("name"), fields.get("description")
    if not (isinstance(name, str) and name.strip() and ":" not in name
            and not name.strip().startswith("-")):
        return False
    if not (isinstance(description, str) and description.strip()):
        return False
    from claude_tiers import schema

    issues = schema.validate(dict(fields), "agent-frontmatter.schema.json")
    return not any(issue.consequence == schema.DROP_FILE for issue in issues)
