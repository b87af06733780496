"""Where model strings live in settings and frontmatter; shared by the CT2xx model rules.

Every place Claude Code reads a model string is one :class:`ModelField` with its JSON pointer,
the classifier context it is read in (see :data:`claude_tiers.modelstr.CONTEXTS`) and a phrase
saying what fails when the string does not name a usable model. Model facts themselves come
only from the catalog and the classifier; this module knows where settings keep models.
"""

import copy
from typing import TYPE_CHECKING, Any, Iterator, Mapping, NamedTuple

from claude_tiers.lint.base import (AGENT, COMMAND, SETTINGS_KINDS, SKILL, LintContext,
                                    last_file_memo)

if TYPE_CHECKING:
    from claude_tiers.catalog import Catalog, Model
    from claude_tiers.modelstr import ModelRef

FRONTMATTER_MODEL_KINDS = frozenset({AGENT, COMMAND, SKILL})
MODEL_KINDS = SETTINGS_KINDS | FRONTMATTER_MODEL_KINDS

# Settings ``env`` variables that hold one model string, and how Claude Code uses them.
ENV_MODEL = "ANTHROPIC_MODEL"
ENV_DEFAULT_MODEL = "ANTHROPIC_DEFAULT_MODEL"
ENV_SUBAGENT = "CLAUDE_CODE_SUBAGENT_MODEL"
ENV_SUBAGENT_FORCE = "CLAUDE_CODE_SUBAGENT_MODEL_FORCE"
ENV_SMALL_FAST = "ANTHROPIC_SMALL_FAST_MODEL"
ENV_BASE_URL = "ANTHROPIC_BASE_URL"
# Provider switches: any string is passed through to the provider (facts §3.1).
PROVIDER_SWITCHES = ("CLAUDE_CODE_USE_BEDROCK", "CLAUDE_CODE_USE_VERTEX", "CLAUDE_CODE_USE_FOUNDRY",
                     "CLAUDE_CODE_USE_ANTHROPIC_AWS", "CLAUDE_CODE_USE_MANTLE")
# The same values as claude_tiers.explain.TRUTHY (not imported: explain is slow to import and
# this runs on every settings file; tests/lint/test_model_rules.py checks they agree).
TRUTHY = frozenset({"1", "true", "yes", "on"})


class ModelField(NamedTuple):
    """One model string in a file."""

    pointer: str  # "/model", "/fallbackModel/1", "/env/ANTHROPIC_MODEL"; "/model" in frontmatter
    value: str
    role: str  # model | advisorModel | fallbackModel | availableModels | hook | env-model
    #            | env-alias | env-subagent | env-small-fast | frontmatter
    context: str  # classifier context: settings, env, subagent-env, agent, command, skill
    label: str  # as shown in messages: "model", "fallbackModel[1]", "env.ANTHROPIC_MODEL"
    alias: str | None = None  # env-alias only: the alias the variable remaps ("opus")

    @property
    def fails(self) -> str:
        """What fails when this string names no model the API serves."""
        if self.role in ("model", "env-model"):
            return "the first request of every session fails"
        if self.role == "advisorModel":
            return "advisor requests fail"
        if self.role == "fallbackModel":
            return "this fallback fails just when Claude Code needs it"
        if self.role == "availableModels":
            return "the entry allows no working model"
        if self.role == "env-alias":
            return f"every request for '{self.alias}' fails"
        if self.role == "env-subagent":
            return "every subagent without its own model fails"
        if self.role == "env-small-fast":
            return "requests for the Haiku-class model fail"
        if self.role == "hook":
            return "this hook fails every time it runs"
        if self.context == AGENT:
            return "every request of this subagent fails"
        return f"requests made after invoking this {self.context} fail"


def catalog() -> "Catalog":
    """The bundled catalog (loaded and cached by its own module)."""
    from claude_tiers.catalog import load_catalog

    return load_catalog()


def classify(value: str) -> "ModelRef":
    """The classifier's verdict on one model string."""
    from claude_tiers.modelstr import classify as _classify

    return _classify(value)


def is_frontmatter(ctx: LintContext) -> bool:
    """True for the Markdown kinds whose frontmatter ``model`` Claude Code reads."""
    return ctx.kind in FRONTMATTER_MODEL_KINDS


def env(ctx: LintContext) -> dict[str, Any]:
    """The settings ``env`` object (``{}`` when absent or not an object)."""
    value = ctx.data.get("env") if not is_frontmatter(ctx) else None
    return value if isinstance(value, dict) else {}


def env_strings(ctx: LintContext) -> Mapping[str, str]:
    """``env`` entries as Claude Code sees them (numbers and booleans become strings);
    worked out once per file (half a dozen rules ask), so read-only."""
    return _env_strings(ctx)


def _file_facts(ctx: LintContext) -> tuple[object, ...]:
    """What a file's model facts depend on (the key of their last-file memos): the context and
    what it read (a fix's new document is read afresh)."""
    return (ctx, ctx.kind, ctx.doc, ctx.frontmatter, ctx.project_env)


@last_file_memo(_file_facts)
def _env_strings(ctx: LintContext) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in env(ctx).items():
        if isinstance(value, bool):
            out[key] = "true" if value else "false"
        elif isinstance(value, (str, int, float)):
            out[key] = str(value)
    return out


def truthy(value: str | None) -> bool:
    """Does an env value switch a flag on (``1``, ``true``, ``yes``, ``on``, any case)?"""
    return value is not None and value.strip().lower() in TRUTHY


def gateway(ctx: LintContext) -> str | None:
    """The ``env`` entry routing requests away from the Anthropic API, if this file or its
    project's settings (``.claude/settings.json``, ``settings.local.json``: env merges across
    them, and reaches the project's agents) have one."""
    return _gateway(ctx)


@last_file_memo(_file_facts)
def _gateway(ctx: LintContext) -> str | None:
    for values in (env_strings(ctx), ctx.project_env()):
        if values.get(ENV_BASE_URL, "").strip():
            return ENV_BASE_URL
        for name in PROVIDER_SWITCHES:
            if truthy(values.get(name)):
                return name
    return None


def env_pointer(name: str) -> str:
    """The JSON pointer of an ``env`` variable."""
    from claude_tiers.jsonio import join_pointer

    return join_pointer(["env", name])


def model_fields(ctx: LintContext) -> Iterator[ModelField]:
    """Every model string of a settings file or a frontmatter block, in file order of keys."""
    return iter(_fields(ctx))


@last_file_memo(_file_facts)
def _fields(ctx: LintContext) -> tuple[ModelField, ...]:
    return tuple(_model_fields(ctx))


def _model_fields(ctx: LintContext) -> Iterator[ModelField]:
    if is_frontmatter(ctx):
        value = ctx.fields.get("model")
        if isinstance(value, str):
            yield ModelField("/model", value, "frontmatter", ctx.kind, "model")
        return
    if ctx.kind not in SETTINGS_KINDS:
        return
    from claude_tiers.jsonio import join_pointer

    data = ctx.data
    for key in ("model", "advisorModel"):
        value = data.get(key)
        if isinstance(value, str):
            yield ModelField("/" + key, value, key, "settings", key)
    for key in ("fallbackModel", "availableModels"):
        items = data.get(key)
        if isinstance(items, list):
            for i, item in enumerate(items):
                if isinstance(item, str):
                    yield ModelField(f"/{key}/{i}", item, key, "settings", f"{key}[{i}]")
    hooks = data.get("hooks")
    if isinstance(hooks, dict):
        for event, groups in hooks.items():
            for i, group in enumerate(groups if isinstance(groups, list) else []):
                handlers = group.get("hooks") if isinstance(group, dict) else None
                for j, handler in enumerate(handlers if isinstance(handlers, list) else []):
                    value = handler.get("model") if isinstance(handler, dict) else None
                    if isinstance(value, str):
                        pointer = join_pointer(["hooks", event, str(i), "hooks", str(j), "model"])
                        yield ModelField(pointer, value, "hook", "settings",
                                         f"hooks.{event}[{i}].hooks[{j}].model")
    for name, value in env(ctx).items():
        if not isinstance(value, str):
            continue
        label = f"env.{name}"
        if name in (ENV_MODEL, ENV_DEFAULT_MODEL):
            yield ModelField(env_pointer(name), value, "env-model", "env", label)
        elif name.startswith("ANTHROPIC_DEFAULT_") and name in catalog().env_remaps:
            alias = catalog().env_remaps[name]
            yield ModelField(env_pointer(name), value, "env-alias", "env", label, alias)
        elif name == ENV_SUBAGENT:
            yield ModelField(env_pointer(name), value, "env-subagent", "subagent-env", label)
        elif name == ENV_SMALL_FAST:
            yield ModelField(env_pointer(name), value, "env-small-fast", "env", label)


def primary_model(ctx: LintContext) -> ModelField | None:
    """The model this file makes the main thread use: ``env.ANTHROPIC_MODEL`` beats ``model``."""
    found: dict[str, ModelField] = {}
    for field in model_fields(ctx):
        if field.value.strip() and field.label in (f"env.{ENV_MODEL}", "model"):
            found[field.label] = field
    return found.get(f"env.{ENV_MODEL}") or found.get("model")


def resolve(value: str, ctx: LintContext) -> "Model | None":
    """The catalog model a string selects today (aliases per the newest Claude Code snapshot,
    remapped by this file's ``ANTHROPIC_DEFAULT_*_MODEL``); None when unknown or relative."""
    cat = catalog()
    ref = classify(value)
    if ref.canonical:
        return cat.get(ref.canonical)
    if ref.kind == "alias" and ref.alias not in ("inherit", "default"):
        target = cat.resolve_alias(ref.alias or value, env=env_strings(ctx))
        return cat.get(target) if target else None
    return None


def same_model_key(value: str) -> str:
    """A key under which two strings naming the same model compare equal."""
    ref = classify(value)
    if ref.canonical:
        return ref.canonical + ("[1m]" if ref.one_m else "")
    return value.strip().lower()


def set_value(ctx: LintContext, field: ModelField, new: str) -> dict[str, Any] | str | None:
    """The fixed file: new settings data, or new Markdown text for frontmatter (None: cannot)."""
    if is_frontmatter(ctx):
        return set_frontmatter(ctx, field.pointer.strip("/"), new)
    from claude_tiers.jsonio import split_pointer

    data = copy.deepcopy(ctx.data)
    parts = split_pointer(field.pointer)
    node: Any = data
    for part in parts[:-1]:
        node = node[int(part)] if isinstance(node, list) else node.get(part)
        if node is None:
            return None
    last = parts[-1]
    if isinstance(node, list):
        node[int(last)] = new
    elif isinstance(node, dict):
        node[last] = new
    else:
        return None
    return data


def set_frontmatter(ctx: LintContext, key: str, new: str) -> str | None:
    """The Markdown text with one frontmatter field set (only that line changes)."""
    from claude_tiers.errors import DocumentError
    from claude_tiers.frontmatter import set_field

    if ctx.frontmatter is None:
        return None
    try:
        return set_field(ctx.frontmatter, key, new)
    except DocumentError:
        return None


def rename_env(ctx: LintContext, old: str, new: str) -> dict[str, Any] | None:
    """Settings data with ``env[old]`` renamed to ``env[new]`` in place (None when ``new`` exists
    with another value)."""
    current = env(ctx)
    if old not in current:
        return None
    if new in current and current[new] != current[old]:
        return None
    data = copy.deepcopy(ctx.data)
    renamed: dict[str, Any] = {}
    for key, value in current.items():
        if key == old:
            if new not in current:
                renamed[new] = copy.deepcopy(value)
        else:
            renamed[key] = copy.deepcopy(value)
    data["env"] = renamed
    return data


def quote(value: object) -> str:
    """A value as shown in a message."""
    return repr(value) if not isinstance(value, str) else "'" + value + "'"
