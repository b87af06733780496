"""Which model Claude Code really runs, and why: pure resolution over already-read layers.

Nothing here touches files or the process environment: :mod:`claude_tiers.commands.explain`
reads the layers and agent files and hands them to :func:`explain` as a :class:`Request`.

Every rule below is what Claude Code 2.1.330 was observed to do (``tests/oracle/``,
``../shared/reference/claude-code-oracle.md``); where the documentation says otherwise, the
observation wins. Facts found while writing the oracle suite (``tests/oracle/test_explain_oracle.py``)
that are in neither reference file are marked *observed* in the comments.

Main model, highest first:

1. ``--model`` (``--model ""`` is sent as the empty string; ``--model default``, exactly that,
   is the built-in default: *observed*);
2. the main-thread agent's own ``model`` (``--agent NAME``, else the ``agent`` setting; an
   unknown ``--agent`` stops Claude Code, an unknown ``agent`` setting is ignored);
   ``inherit`` (any case), ``""`` or a non-string value mean "no model of its own";
3. ``ANTHROPIC_MODEL`` from the settings ``env`` blocks (managed > ``--settings`` > local >
   project > user), which beats the process environment; ``""`` cancels an export and
   counts as unset; a non-string value is JavaScript's ``String(value)`` (``null`` is sent as
   ``"null"``, ``[]`` is ``""``: :func:`js_string`, *observed*);
4. ``ANTHROPIC_MODEL`` in the process environment;
5. ``model``: managed > ``--settings`` > local (git root, then the start directory) > project >
   user; ``""`` at a level means the built-in default and stops the search (*observed*);
6. the built-in default: the ``opus`` alias of the version, ``ANTHROPIC_DEFAULT_OPUS_MODEL``
   applied (*observed*).

A file Claude Code drops whole (:mod:`claude_tiers.schema`) counts for nothing, its ``env``
included; a managed file that is not a JSON object, or is a folder, stops Claude Code; an
unreadable managed file is a warning and counts for nothing (not even as "managed settings are
present", *observed*); a wrong-typed managed entry is ignored on its own (``availableModels``
then reads as ``[]``, ``enforceAvailableModels`` as true). A ``--settings`` file that is missing,
a folder or unreadable stops Claude Code (:class:`Layer` ``error_kind="fatal"``).

Agents: managed > project > user > built-in; within a scope the definition listed first in
:attr:`Request.agents` wins (the reader lists the closer folder first and, within a folder, the
later path in code-point order first: *observed*).

How a string becomes the id sent (*observed*): whitespace and a ``[1m]`` suffix (any case) are
stripped; ``opus``/``sonnet``/``haiku``/``fable``/``best``/``opusplan`` (any case) resolve per
version with ``ANTHROPIC_DEFAULT_*_MODEL`` applied (their value sent as written, ``[1m]``
stripped); ids Claude Code knows are lower-cased; the retired Opus 4 and 4.1 ids are remapped
to the ``opus`` alias unless ``CLAUDE_CODE_DISABLE_LEGACY_MODEL_REMAP`` is truthy; everything
else (``default`` included) is sent verbatim (:meth:`Catalog.sent_form
<claude_tiers.catalog.Catalog.sent_form>`).

The per-version facts about model ids (the ids Claude Code lower-cases, its model table, its own
retirement dates, the legacy remap) are catalog data (``claude_code`` in
``claude_tiers/data/models.json``, :meth:`Catalog.claude_code
<claude_tiers.catalog.Catalog.claude_code>`); :data:`KNOWN_IDS`, :data:`LEGACY_OPUS_IDS` and
:data:`RETIRED_ON` are read from there.

``availableModels`` (any source; a managed list replaces the others, non-managed lists are
concatenated) and ``enforceAvailableModels`` (read from managed settings alone when those hold
any key, and then only in effect with a managed list; *observed*) may replace the result
(*observed*, see :class:`Allowlist` for what an entry allows): a blocked family alias
(``opus``, ``Sonnet``, ``opus[1m]``; not ``best``/``opusplan``) becomes the newest allowed model of
its family that Claude Code's own table does not call retired on that day
(:attr:`ClaudeCodeFacts.retired_on <claude_tiers.catalog.ClaudeCodeFacts.retired_on>`);
otherwise, enforced, the default when the list allows it, else the first usable
entry (:meth:`Allowlist.first_entry`); otherwise the default. Unless enforced, the default is
allowed when nothing asked for a model, but ``model: opus`` is checked like any other value.

Subagents launched by the Agent tool, highest first: ``CLAUDE_CODE_SUBAGENT_MODEL_FORCE`` truthy
(``1``, ``true``, ``yes``, ``on``) -> ``CLAUDE_CODE_SUBAGENT_MODEL`` or the main model; the
agent's frontmatter ``model`` (``inherit`` = main; ``opus``/``sonnet``/``haiku``/``fable``,
exactly, any case, give the main model's exact id when it contains the family name); then
``CLAUDE_CODE_SUBAGENT_MODEL`` (``inherit`` = main; no family matching); the main model. The
built-ins: ``Explore`` and ``Plan`` inherit (so the env variable does not reach them), except
that ``Explore`` runs on ``opus`` under a Fable or Mythos main model (*observed*);
``statusline-setup`` is ``sonnet``; ``general-purpose`` and ``claude`` have no model. A blocked
model becomes the newest allowed, unretired model of the same family when it was a family alias,
else the main model (*observed*). ``Explore``, ``Plan`` and ``statusline-setup`` have no ``Agent`` tool, so
a main thread running as one of them launches no subagent (*observed*).
"""

from __future__ import annotations

import copy
import json
from datetime import date as _date
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from claude_tiers.catalog import Catalog, ClaudeCodeFacts, format_price, load_catalog

__all__ = [
    "FAMILIES", "ALIASES", "TRUTHY", "KNOWN_IDS", "LEGACY_OPUS_IDS", "BUILTIN_AGENTS", "MODEL_ENV",
    "SCOPES", "RETIRED_ON", "Layer", "AgentDef", "Request", "PolicyView", "AliasRemap", "Candidate", "ModelChoice", "SettingRow",
    "AgentRow", "Note", "LayerReport", "Explanation", "Allowlist", "explain", "truthy", "js_string", "json_safe",
    "merge_settings",
]

FAMILIES: tuple[str, ...] = ("opus", "sonnet", "haiku", "fable")
"""Aliases that name a model family (and match the main model's family in subagents)."""
ALIASES: tuple[str, ...] = (*FAMILIES, "best", "opusplan")
"""Every word Claude Code resolves to a model (``default`` and ``inherit`` are not among them)."""
TRUTHY = frozenset({"1", "true", "yes", "on"})
"""Values that switch a boolean environment variable on (any case; ``0`` is off)."""

BUILTIN_AGENTS: tuple[tuple[str, str | None], ...] = (
    ("general-purpose", None), ("Explore", "inherit"), ("Plan", "inherit"),
    ("statusline-setup", "sonnet"), ("claude", None),
)
"""Claude Code 2.1.330's built-in subagents and their own ``model`` (None: none)."""

MODEL_ENV: tuple[str, ...] = (
    "ANTHROPIC_MODEL", "ANTHROPIC_DEFAULT_OPUS_MODEL", "ANTHROPIC_DEFAULT_SONNET_MODEL",
    "ANTHROPIC_DEFAULT_HAIKU_MODEL", "ANTHROPIC_DEFAULT_FABLE_MODEL", "CLAUDE_CODE_SUBAGENT_MODEL",
    "CLAUDE_CODE_SUBAGENT_MODEL_FORCE", "CLAUDE_CODE_DISABLE_LEGACY_MODEL_REMAP",
)
"""Environment variables that take part in choosing a model."""

SCOPES: tuple[str, ...] = ("user", "project", "local", "flag", "managed")
"""Settings layers, lowest precedence first (``flag`` is ``--settings``)."""


def __getattr__(name: str) -> Any:
    """``KNOWN_IDS``, ``LEGACY_OPUS_IDS`` and ``RETIRED_ON`` of the newest recorded Claude Code,
    read from the catalog (``claude_code`` in ``models.json``) on first use."""
    if name not in ("KNOWN_IDS", "LEGACY_OPUS_IDS", "RETIRED_ON"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    facts = load_catalog().claude_code()
    if name == "KNOWN_IDS":
        return facts.lower_cased  # ids it lower-cases, newest first within a family
    if name == "LEGACY_OPUS_IDS":
        return facts.legacy_ids  # retired ids it replaces by the opus alias
    return facts.retired_on  # first-party retirement dates of its own table


_ONE_M = "[1m]"
_NO_AGENT_TOOL = frozenset({"Explore", "Plan", "statusline-setup"})
# Observed: the built-in Explore inherits the main model, except one whose id contains these
# words (any case: claude-fable-5-2, my-fable-proxy, claude-mythos-5): then it runs on opus.
_EXPLORE_NOT_ON = ("fable", "mythos")


def _tool_list(value: Any) -> list[str]:
    """A frontmatter tool list (``"Read, Grep"``, ``"Read Grep"`` or a YAML list) as names."""
    if isinstance(value, str):
        out: list[str] = []
        depth, cur = 0, ""
        for ch in value:
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
            if depth == 0 and (ch == "," or ch.isspace()):
                if cur.strip():
                    out.append(cur.strip())
                cur = ""
            else:
                cur += ch
        if cur.strip():
            out.append(cur.strip())
        return out
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return []


def _tool_names(value: Any) -> set[str]:
    return {t.partition("(")[0].strip() for t in _tool_list(value)}
# Keys whose lists are replaced, not concatenated, by a higher layer.
_WHOLE_KEYS = frozenset({"fallbackModel"})


def truthy(value: str | None) -> bool:
    """Does an environment value switch a flag on (``1``, ``true``, ``yes``, ``on``, any case)?"""
    return value is not None and value.strip().lower() in TRUTHY


def js_string(value: Any) -> str:
    """``String(value)`` in JavaScript: what a non-string settings ``env`` value becomes.

    Observed: ``null`` is sent as the model ``"null"``, ``5`` as ``"5"``, ``true`` as ``"true"``,
    ``1.50`` as ``"1.5"``, ``["a", "b"]`` as ``"a,b"``, ``[]`` as ``""`` (unset), an object as
    ``"[object Object]"``.
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _js_number(value)
    if isinstance(value, (list, tuple)):
        return ",".join("" if v is None else js_string(v) for v in value)
    if isinstance(value, dict):
        return "[object Object]"
    return str(value)


def _js_number(value: float) -> str:
    """JavaScript's Number-to-String: shortest digits, exponent only below 1e-6 or from 1e21."""
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0:
        return "0"
    from decimal import Decimal

    sign, digit_tuple, exp = Decimal(repr(value)).normalize().as_tuple()
    assert isinstance(exp, int)
    digits = "".join(map(str, digit_tuple))
    k = len(digits)
    n = exp + k  # the decimal point sits after n digits
    if k <= n <= 21:
        text = digits + "0" * (n - k)
    elif 0 < n <= 21:
        text = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        text = "0." + "0" * -n + digits
    else:
        mantissa = digits[0] + ("." + digits[1:] if k > 1 else "")
        text = f"{mantissa}e{'+' if n - 1 >= 0 else '-'}{abs(n - 1)}"
    return ("-" if sign else "") + text


def _strip_1m(text: str) -> str:
    return text[: -len(_ONE_M)] if text.lower().endswith(_ONE_M) else text


# --------------------------------------------------------------------------------------------
# Inputs
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Layer:
    """One settings source as read from disk.

    ``data`` is the parsed JSON (any type; None when the file is missing or not parsable);
    ``error`` says why it could not be read or parsed, ``error_kind`` how (the
    :class:`~claude_tiers.errors.DocumentError` kind: ``unreadable``, ``not-a-file``,
    ``invalid-json``...; ``fatal`` when Claude Code stops on it, as for a ``--settings`` file that
    does not exist). ``scope`` is one of :data:`SCOPES`.
    """

    scope: str
    path: str
    data: Any = None
    error: str | None = None
    exists: bool = True
    error_kind: str | None = None

    @property
    def label(self) -> str:
        """``project .claude/settings.json``, ``--settings s.json``, ``managed /etc/...``."""
        return f"--settings {self.path}" if self.scope == "flag" else f"{self.scope} {self.path}"


@dataclass(frozen=True)
class AgentDef:
    """One subagent definition: a file Claude Code loads, or a built-in (``path`` None).

    ``model`` is the frontmatter value as parsed (any type); ``has_model`` tells an absent key
    from ``model: null``. ``problem`` is set when Claude Code skips the file (no ``name``...).
    """

    name: str
    scope: str  # "managed" | "project" | "user" | "built-in"
    path: str | None = None
    model: Any = None
    has_model: bool = False
    problem: str | None = None
    tools: Any = None  # frontmatter ``tools`` (None: every tool)
    disallowed_tools: Any = None  # frontmatter ``disallowedTools``

    def launchable(self) -> tuple[bool, frozenset[str] | None]:
        """Can this agent, as the main thread, launch subagents; and which types (None: any)?

        Observed: the built-ins ``Explore``, ``Plan`` and ``statusline-setup`` have no ``Agent``
        tool; a ``tools`` list needs ``Agent`` (or its old name ``Task``), ``Agent(a, b)``
        limits the types; ``disallowedTools: Agent`` removes it.
        """
        if self.scope == "built-in":
            return self.name not in _NO_AGENT_TOOL, None
        if _tool_names(self.disallowed_tools) & {"Agent", "Task"}:
            return False, None
        if self.tools is None:
            return True, None
        types: set[str] = set()
        for entry in _tool_list(self.tools):
            head, _, rest = entry.partition("(")
            if head.strip() in ("Agent", "Task"):
                if not rest:
                    return True, None
                types.update(t.strip() for t in rest.rstrip(")").split(",") if t.strip())
        return (True, frozenset(types)) if types else (False, None)


@dataclass(frozen=True)
class Request:
    """Everything :func:`explain` needs: layers lowest precedence first, env, flags, agents."""

    layers: tuple[Layer, ...] = ()
    env: Mapping[str, str] = field(default_factory=dict)
    model_flag: str | None = None
    agent_flag: str | None = None
    agents: tuple[AgentDef, ...] = ()
    claude_version: str | None = None
    directory: str = "."
    today: str | None = None  # ISO date that retirements are judged on (None: today)
    policy: PolicyView | None = None  # the claude-tiers policy for the directory, if any
    tiers: Mapping[int, str] | None = None  # tier number -> model, the policy's remaps applied


@dataclass(frozen=True)
class PolicyView:
    """What the claude-tiers policy (``claude-tiers.yaml``...) says about the directory.

    Plain data, read by :mod:`claude_tiers.commands.explain`; ``error`` is set when the policy
    file could not be loaded (explain then warns and carries on).
    """

    source: str
    project: str | None = None  # relative to the policy's root
    preset: str | None = None
    rule: str = ""  # "projects[2] 'services/*'", "default", "" when no rule covers it
    reason: str = ""
    tier: int | str | None = None
    model: str | None = None  # the main model the policy wants here
    limits: str = ""
    covered: bool = False
    error: str | None = None
    note: str | None = None


# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """A source that sets a model (the winner or one it overrode)."""

    source: str
    value: str
    kind: str  # flag | agent | settings-env | process-env | settings | default


@dataclass(frozen=True)
class ModelChoice:
    """The model Claude Code requests for the main thread or one subagent."""

    value: str | None  # the configured string that won (None: nothing configured)
    resolved: str | None  # the id sent (None: Claude Code stops before any request)
    source: str  # what decided it, in words
    kind: str  # flag | agent | settings-env | process-env | settings | default | inherit |
    # subagent-env | forced | frontmatter | available-models | fatal
    requested: str | None = None  # the id asked for before availableModels replaced it
    overridden: tuple[Candidate, ...] = ()
    notes: tuple[str, ...] = ()
    tier: int | None = None
    display_name: str | None = None
    price: str | None = None
    input_price: float | None = None
    output_price: float | None = None
    remap: AliasRemap | None = None  # an ANTHROPIC_DEFAULT_*_MODEL that pinned the alias


@dataclass(frozen=True)
class AliasRemap:
    """``opus -> claude-opus-4-6 via env.ANTHROPIC_DEFAULT_OPUS_MODEL in <file>``."""

    alias: str
    variable: str
    value: str  # what the alias resolves to with the remap
    source: str  # where the variable is set

    def describe(self) -> str:
        """The remap in words."""
        return f"{self.alias} -> {self.value} via {self.source}"


@dataclass(frozen=True)
class SettingRow:
    """One effective setting (a leaf: scalars and lists; objects are split per key)."""

    path: tuple[str, ...]  # ("permissions", "allow"), ("env", "ANTHROPIC_MODEL")
    value: Any
    sources: tuple[str, ...]  # layer labels, the winning one last

    @property
    def key(self) -> str:
        """The dotted path: ``permissions.allow``, ``env.ANTHROPIC_MODEL``."""
        return ".".join(self.path)


@dataclass(frozen=True)
class AgentRow:
    """One subagent and the model it runs on when the Agent tool launches it."""

    name: str
    scope: str
    path: str | None
    configured: Any  # frontmatter ``model`` as written (None when absent)
    model: ModelChoice
    shadows: tuple[str, ...] = ()  # paths of same-name definitions it overrides
    launchable: bool = True  # can the main thread launch it (its agent may lack the Agent tool)


@dataclass(frozen=True)
class Note:
    """A warning: ``kind`` is stable (``dropped-file``, ``available-models``, ``floating-alias``...)."""

    kind: str
    message: str


@dataclass(frozen=True)
class LayerReport:
    """How Claude Code treats one settings file."""

    scope: str
    path: str
    status: str  # loaded | missing | dropped | entries-skipped | fatal | entries-dropped | unreadable
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class Explanation:
    """The effective configuration of one directory."""

    directory: str
    claude_version: str
    default_model: str
    model: ModelChoice
    settings: tuple[SettingRow, ...]
    agents: tuple[AgentRow, ...]
    layers: tuple[LayerReport, ...]
    env: Mapping[str, tuple[str, str]]  # model variable -> (value, source)
    warnings: tuple[Note, ...]
    fatal: str | None = None
    main_agent: str | None = None
    policy: PolicyView | None = None
    alias_snapshot: str = ""  # the catalog snapshot aliases were resolved with
    today: str = ""  # the date retirements were judged on

    @property
    def effective(self) -> dict[str, Any]:
        """The merged settings as one object (what :mod:`claude_tiers.changes` compares)."""
        out: dict[str, Any] = {}
        for row in self.settings:
            node = out
            for part in row.path[:-1]:
                node = node.setdefault(part, {})
            node[row.path[-1]] = row.value
        return out


# --------------------------------------------------------------------------------------------
# Layers: validation and merge
# --------------------------------------------------------------------------------------------


@dataclass
class _Checked:
    layer: Layer
    data: dict[str, Any] | None  # what counts (None: dropped or missing)
    report: LayerReport


def _drop_pointer(data: dict[str, Any], pointer: str, depth: int) -> bool:
    from claude_tiers.jsonio import split_pointer

    parts = split_pointer(pointer)[:depth]
    if not parts:
        return False
    node: Any = data
    for part in parts[:-1]:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return False
    last = parts[-1]
    if isinstance(node, dict) and last in node:
        del node[last]
        return True
    if isinstance(node, list) and last.isdigit() and int(last) < len(node):
        node[int(last)] = _SKIPPED
        return True
    return False


_SKIPPED = object()


def _purge(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _purge(v) for k, v in value.items() if v is not _SKIPPED}
    if isinstance(value, list):
        return [_purge(v) for v in value if v is not _SKIPPED]
    return value


_UNREADABLE = frozenset({"unreadable", "too-large"})


def _check(layer: Layer) -> _Checked:
    """What Claude Code keeps of one layer (schema verdicts from :mod:`claude_tiers.schema`)."""
    from claude_tiers import schema

    managed = layer.scope == "managed"
    if not layer.exists:
        return _Checked(layer, None, LayerReport(layer.scope, layer.path, "missing"))
    if layer.error_kind == "fatal":
        return _Checked(layer, None, LayerReport(layer.scope, layer.path, "fatal", (layer.error or "",)))
    if managed and layer.error_kind in _UNREADABLE:
        # observed (run as a user the file's mode shuts out): a warning, and the file counts for
        # nothing, not even as "managed settings are present"
        why = f"Settings file could not be read: {layer.error}"
        return _Checked(layer, None, LayerReport(layer.scope, layer.path, "unreadable", (why,)))
    if managed and layer.error_kind == "not-a-file":
        why = f"Settings file could not be read: {layer.error}"
        msg = (f"Unable to read managed policy settings: {layer.path}: {why}; Claude Code stops "
               "(\"the policy file failed to load\")")
        return _Checked(layer, None, LayerReport(layer.scope, layer.path, "fatal", (why, msg)))
    if layer.error is not None or not isinstance(layer.data, dict):
        why = layer.error or "top level is not a JSON object"
        if layer.error_kind in _UNREADABLE or layer.error_kind == "not-a-file":
            why = f"Settings file could not be read: {why}"
        if managed:
            msg = (f"{layer.path}: Managed settings document could not be parsed as a JSON object; "
                   "none of its settings are in effect. Fix or remove it.")
            return _Checked(layer, None, LayerReport(layer.scope, layer.path, "fatal", (why, msg)))
        return _Checked(layer, None, LayerReport(layer.scope, layer.path, "dropped", (why,)))
    issues = schema.validate(layer.data)
    if not issues:
        return _Checked(layer, copy.deepcopy(layer.data), LayerReport(layer.scope, layer.path, "loaded"))
    problems = tuple(f"{_dotted(i.pointer)}: {i.message}" for i in issues)
    drops = [i for i in issues if i.consequence == schema.DROP_FILE]
    data: dict[str, Any] = copy.deepcopy(layer.data)
    if drops and not managed:
        return _Checked(layer, None, LayerReport(layer.scope, layer.path, "dropped", problems))
    for issue in issues:
        if issue.consequence in (schema.IGNORED, schema.CONVERTED) \
                and issue.pointer.startswith("/env/") and issue.pointer.count("/") == 2:
            continue  # observed: a null/object/array env value is used as JavaScript's String(value)
        if issue.consequence == schema.DROP_FILE:  # managed: the entry goes, some fail closed
            top = issue.pointer.split("/")[1] if issue.pointer.count("/") >= 1 else ""
            if top == "availableModels":
                data["availableModels"] = []
            elif top == "enforceAvailableModels":
                data["enforceAvailableModels"] = True
            elif top in ("permissions", "env", "sandbox", "hooks") and issue.pointer.count("/") >= 2:
                _drop_pointer(data, issue.pointer, 2)
            else:
                _drop_pointer(data, issue.pointer, 1)
        else:
            _drop_pointer(data, issue.pointer, 99)
    data = _purge(data)
    status = "entries-dropped" if drops else "entries-skipped"
    if all(i.consequence in (schema.IGNORED, schema.CONVERTED) for i in issues):
        status = "loaded"  # Claude Code says nothing about values it silently does not check
    return _Checked(layer, data, LayerReport(layer.scope, layer.path, status, problems))


def _dotted(pointer: str) -> str:
    from claude_tiers.jsonio import split_pointer

    return ".".join(split_pointer(pointer)) or "(whole file)"


def merge_settings(layers: Sequence[tuple[str, Mapping[str, Any]]]) -> tuple[dict[str, Any], dict[tuple[str, ...], list[str]]]:
    """Merge ``(label, data)`` layers, lowest precedence first, as Claude Code does.

    Objects merge key by key, lists are concatenated and de-duplicated, scalars and
    ``fallbackModel`` come whole from the highest layer. Returns the merged data and, per leaf
    path, the labels of the layers that supplied it (the winner last).
    """
    from claude_tiers.jsonio import same

    out: dict[str, Any] = {}
    sources: dict[tuple[str, ...], list[str]] = {}

    def record(path: tuple[str, ...], value: Any, label: str) -> None:
        for key in [k for k in sources if k[: len(path)] == path]:
            del sources[key]
        if isinstance(value, dict) and value and path[-1:] != ("fallbackModel",):
            for k, v in value.items():
                record(path + (k,), v, label)
        else:
            sources[path] = [label]

    def into(target: dict[str, Any], data: Mapping[str, Any], prefix: tuple[str, ...], label: str) -> None:
        for key, value in data.items():
            path = prefix + (key,)
            old = target.get(key)
            if key in _WHOLE_KEYS and not prefix:
                target[key] = copy.deepcopy(value)
                record(path, value, label)
            elif isinstance(value, dict) and isinstance(old, dict):
                into(old, value, path, label)
            elif isinstance(value, list) and isinstance(old, list):
                added = False
                for item in value:
                    if not any(same(item, o) for o in old):
                        old.append(copy.deepcopy(item))
                        added = True
                if added or not old:
                    srcs = sources.setdefault(path, [])
                    if label in srcs:
                        srcs.remove(label)
                    srcs.append(label)
            else:
                if isinstance(value, list):
                    deduped: list[Any] = []
                    for item in value:
                        if not any(same(item, d) for d in deduped):
                            deduped.append(copy.deepcopy(item))
                    target[key] = deduped
                else:
                    target[key] = copy.deepcopy(value)
                record(path, value, label)

    for label, data in layers:
        into(out, data, (), label)
    return out, sources


# --------------------------------------------------------------------------------------------
# Model strings
# --------------------------------------------------------------------------------------------


class _Models:
    """Turns configured strings into the ids Claude Code sends, for one version and env."""

    def __init__(self, catalog: Catalog, version: str, env: Mapping[str, str], today: str = "",
                 tiers: Mapping[int, str] | None = None,
                 env_source: Mapping[str, str] | None = None) -> None:
        self.catalog = catalog
        self.version = version
        self.env = env
        self.today = today or _date.today().isoformat()
        self.tiers = tiers
        self.env_source = env_source or {}
        default = catalog.default_model(version)
        if default == catalog.snapshot(version).targets.get("opus"):
            # observed: the built-in default is the opus alias, ANTHROPIC_DEFAULT_OPUS_MODEL included
            default = self.alias_target("opus")
        self.default = default
        self.facts: ClaudeCodeFacts = catalog.claude_code(version)
        self.remap_legacy = not truthy(env.get(self.facts.legacy_switch))

    def alias_name(self, value: str) -> str | None:
        """The alias a value names (lower case, ``[1m]`` stripped), or None."""
        name = _strip_1m(value.strip()).lower()
        return name if name in ALIASES else None

    def family_alias(self, value: str) -> str | None:
        """``opus``/``sonnet``/``haiku``/``fable`` (any case, ``[1m]`` allowed), else None."""
        name = self.alias_name(value)
        return name if name in FAMILIES else None

    def alias_target(self, alias: str, remap: bool = True) -> str:
        """What an alias resolves to (``ANTHROPIC_DEFAULT_*_MODEL`` applied unless ``remap`` is off)."""
        target = self.catalog.resolve_alias(alias, self.version, self.env if remap else None)
        return target if target is not None else alias

    def send(self, value: str, remap: bool = True) -> str:
        """The id Claude Code sends for ``value`` as a ``--model``/settings/env/frontmatter model."""
        form = self.catalog.sent_form(value, self.version, self.remap_legacy)
        return self.alias_target(form, remap) if form in ALIASES else form

    def remap_of(self, value: str | None) -> AliasRemap | None:
        """The ``ANTHROPIC_DEFAULT_*_MODEL`` that changes what alias ``value`` sends, if any."""
        alias = self.alias_name(value) if value else None
        if alias is None:
            return None
        base = {"best": "opus", "opusplan": "sonnet"}.get(alias, alias)
        pinned, builtin = self.alias_target(alias), self.alias_target(alias, remap=False)
        if pinned == builtin:
            return None
        for var, target in self.catalog.env_remaps.items():
            if target == base and isinstance(self.env.get(var), str) and str(self.env.get(var)).strip():
                src = self.env_source.get(var, "the environment")
                where = f"{var} in the environment" if src == "the environment" else src
                return AliasRemap(alias, var, pinned, where)
        return None

    def describe(self, resolved: str | None) -> dict[str, Any]:
        """Tier, display name and price of an id (empty for unknown ids)."""
        if not resolved:
            return {}
        overrides = {str(k): v for k, v in self.tiers.items()} if self.tiers else None
        tier = self.catalog.tier_of(resolved, overrides)
        model = self.catalog.get(resolved)
        if model is None:
            return {"tier": tier} if tier is not None else {}
        out: dict[str, Any] = {"tier": tier, "display_name": model.display_name,
                               "price": format_price(model)}
        if model.prices is not None:
            out["input_price"] = model.prices.input
            out["output_price"] = model.prices.output
        return out


@dataclass(frozen=True)
class Allowlist:
    """The effective ``availableModels`` and whether ``enforceAvailableModels`` is in effect.

    Observed rules (Claude Code 2.1.330): an entry ``opus``/``sonnet``/``haiku``/``fable`` allows
    every id containing that word (any case) unless another entry names a version of the same
    family; any other entry allows the id itself and ids that extend it (``claude-sonnet-4-5``
    allows ``claude-sonnet-4-5-20250929``); ``[1m]`` and case are ignored. Without enforcement
    the built-in default is allowed when nothing asks for a model.
    """

    entries: tuple[str, ...]
    enforce: bool
    sources: tuple[str, ...]
    enforce_source: str | None = None

    def _normal(self) -> list[str]:
        return [_strip_1m(e.strip()).lower() for e in self.entries]

    def matches(self, model_id: str) -> bool:
        """Does an entry allow this id (the default gets no special treatment here)?"""
        low = _strip_1m(model_id.strip()).lower()
        entries = self._normal()
        specific = {f for e in entries if e not in ALIASES for f in FAMILIES if f in e}
        for entry in entries:
            if entry in FAMILIES:
                if entry not in specific and entry in low:
                    return True
            elif entry in ALIASES:
                continue
            elif entry and (low == entry or low.startswith(entry + "-")):
                return True
        return False

    def allows(self, model_id: str, default_request: bool = False) -> bool:
        """Is ``model_id`` allowed? Unless enforced, the default is, when nothing asked for a model.

        Observed: ``model: opus`` resolving to the default id is checked like any other
        (``[claude-opus-4-6, claude-opus-4-7]`` turns it into ``claude-opus-4-7``).
        """
        if default_request and not self.enforce:
            return True
        return self.matches(model_id)

    def newest_in_family(self, family: str, models: _Models) -> str | None:
        """The newest model of a family an entry allows (what a blocked family alias becomes).

        Read from Claude Code 2.1.330's code and observed: the candidates are its model table,
        newest first; models its own table calls retired (as of ``models.today``) or remapped
        (the legacy Opus ids while the remap is on) are passed over.
        """
        facts = models.facts
        for known in facts.model_table:
            if family not in known or not self.matches(known):
                continue
            if known in facts.legacy_ids and models.remap_legacy:
                continue
            if facts.retired(known, models.today):
                continue
            return known
        return None

    def first_entry(self, models: _Models) -> str | None:
        """What enforcement falls back to: the first entry Claude Code can use as a model.

        Observed: a family alias entry (``[1m]`` too) becomes the first entry naming a version of
        that family (``[sonnet, claude-sonnet-4-6]`` -> ``claude-sonnet-4-6``), else the alias's
        built-in target (``ANTHROPIC_DEFAULT_*_MODEL`` is not applied, even when the list would
        allow its value); an id is used as written;
        entries that are no Claude model (``my-proxy``) are passed over.
        """
        entries = [e.strip() for e in self.entries]
        for entry in entries:
            core = _strip_1m(entry).lower()
            if core in FAMILIES:
                specific = [e for e in entries if _strip_1m(e).lower() not in ALIASES and core in e.lower()]
                return models.send(specific[0]) if specific else models.send(core, remap=False)
            if core in ALIASES:
                return models.send(core, remap=False)
            if core in models.facts.lower_cased or core in models.facts.legacy_ids \
                    or core.startswith("claude-"):
                return models.send(entry)
        return None

    def describe(self) -> str:
        """``availableModels [a, b] (enforced) from project ...``."""
        listed = ", ".join(self.entries) if self.entries else "(empty)"
        how = " with enforceAvailableModels" if self.enforce else ""
        return f"availableModels [{listed}]{how} in {', '.join(self.sources)}"


# --------------------------------------------------------------------------------------------
# The resolution
# --------------------------------------------------------------------------------------------


_REMAPPABLE_KINDS = frozenset({"flag", "agent", "settings-env", "process-env", "settings", "default",
                               "frontmatter", "subagent-env", "forced"})


def _describe_choice(models: _Models, **kwargs: Any) -> ModelChoice:
    extra = models.describe(kwargs.get("resolved"))
    kind, resolved = kwargs.get("kind"), kwargs.get("resolved")
    if kind in _REMAPPABLE_KINDS and "remap" not in kwargs:
        value = kwargs.get("value")
        remap = models.remap_of("opus" if kind == "default" else value)
        if remap is not None and remap.value == resolved:
            kwargs["remap"] = remap
            kwargs["source"] = f"{kwargs['source']}: {remap.describe()}"
    return ModelChoice(**kwargs, **extra)


def _allowlist(checked: Sequence[_Checked]) -> tuple[Allowlist | None, list[Note]]:
    notes: list[Note] = []
    managed = [c for c in checked if c.layer.scope == "managed" and c.data is not None]
    others = [c for c in checked if c.layer.scope != "managed" and c.data is not None]
    managed_keys = any(c.data for c in managed)
    managed_lists = [c for c in managed if isinstance(c.data.get("availableModels"), list)]  # type: ignore[union-attr]
    other_lists = [c for c in others if isinstance(c.data.get("availableModels"), list)]  # type: ignore[union-attr]
    lists = managed_lists or other_lists
    if managed_lists and other_lists:
        notes.append(Note("available-models", "the managed availableModels replaces the lists in "
                          + ", ".join(c.layer.label for c in other_lists)))
    if not lists:
        enforcers = [c for c in checked if c.data is not None and c.data.get("enforceAvailableModels") is True]
        if enforcers:
            notes.append(Note("available-models", "enforceAvailableModels is set ("
                              + ", ".join(c.layer.label for c in enforcers)
                              + ") but no availableModels list is in effect: nothing is restricted"))
        return None, notes
    entries: list[str] = []
    for c in lists:
        for e in c.data["availableModels"]:  # type: ignore[index]
            if isinstance(e, str) and e not in entries:
                entries.append(e)
    enforce = False
    enforce_source: str | None = None
    if managed_keys:
        for c in managed:
            value = c.data.get("enforceAvailableModels")  # type: ignore[union-attr]
            if isinstance(value, bool):
                enforce, enforce_source = value, c.layer.label
        if enforce and not managed_lists:
            notes.append(Note("available-models", "the managed enforceAvailableModels has no managed "
                              "availableModels list, so it enforces nothing"))
            enforce, enforce_source = False, None
        ignored = [c.layer.label for c in others if "enforceAvailableModels" in c.data]  # type: ignore[operator]
        if ignored:
            notes.append(Note("available-models", "enforceAvailableModels in " + ", ".join(ignored)
                              + " is ignored: managed settings are present"))
    else:
        for c in others:
            value = c.data.get("enforceAvailableModels")  # type: ignore[union-attr]
            if isinstance(value, bool):
                enforce, enforce_source = value, c.layer.label
    return Allowlist(tuple(entries), enforce, tuple(c.layer.label for c in lists), enforce_source), notes


def _effective_env(checked: Sequence[_Checked], process: Mapping[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """Process env overlaid by every settings ``env`` (lowest layer first); and each var's source."""
    env = dict(process)
    source = {k: "the environment" for k in process}
    for c in checked:
        block = c.data.get("env") if c.data is not None else None
        if isinstance(block, dict):
            for key, value in block.items():
                text = js_string(value)
                env[key] = text
                source[key] = f"env.{key} in {c.layer.label}"
    return env, source


def _find_agent(agents: Sequence[AgentDef], name: str) -> AgentDef | None:
    for agent in agents:
        if agent.name == name and agent.problem is None:
            return agent
    return None


def _agent_model(agent: AgentDef) -> str | None:
    """The agent's own model string, or None when it has none (absent, ``""``, ``inherit``, not a string)."""
    value = agent.model
    if not agent.has_model or not isinstance(value, str) or not value.strip():
        return None
    if value.strip().lower() == "inherit":
        return None
    return value


def _main_model(req: Request, checked: Sequence[_Checked], env: Mapping[str, str],
                env_source: Mapping[str, str], models: _Models, agents: Sequence[AgentDef],
                allow: Allowlist | None, notes: list[Note]) -> tuple[ModelChoice, str | None]:
    candidates: list[Candidate] = []
    main_agent: str | None = None
    if req.model_flag is not None:
        candidates.append(Candidate("--model", req.model_flag, "flag"))
        if req.model_flag.strip() == "default":  # observed: only here (exact case) "default" is the default
            candidates[-1] = Candidate("--model", req.model_flag, "flag-default")
    agent_name, agent_from = req.agent_flag, "--agent"
    if agent_name is None:
        for c in reversed(checked):
            value = c.data.get("agent") if c.data is not None else None
            if isinstance(value, str) and value:
                agent_name, agent_from = value, f"agent setting in {c.layer.label}"
                break
    if agent_name is not None:
        agent = _find_agent(agents, agent_name)
        if agent is None:
            if req.agent_flag is not None:
                fatal = (f"--agent '{agent_name}' not found. Available agents: "
                         + ", ".join(sorted({a.name for a in agents if a.problem is None}, key=str.lower)))
                return _describe_choice(models, value=None, resolved=None, source=fatal, kind="fatal"), None
            notes.append(Note("unknown-agent", f"the {agent_from} names '{agent_name}', which is not a "
                              "loadable agent; Claude Code ignores it"))
        else:
            main_agent = agent.name
            own = _agent_model(agent)
            where = agent.path or "built-in"
            if own is not None:
                candidates.append(Candidate(f"model of agent {agent.name} ({where}), run by {agent_from}", own, "agent"))
    am = env.get("ANTHROPIC_MODEL", "")
    exported = req.env.get("ANTHROPIC_MODEL", "")
    if am.strip():
        src = env_source.get("ANTHROPIC_MODEL", "the environment")
        kind = "process-env" if src == "the environment" else "settings-env"
        label = "ANTHROPIC_MODEL in the environment" if kind == "process-env" else src
        candidates.append(Candidate(label, am, kind))
        if kind == "settings-env" and exported.strip():
            candidates.append(Candidate("ANTHROPIC_MODEL in the environment", exported, "process-env"))
    elif "ANTHROPIC_MODEL" in env and env_source.get("ANTHROPIC_MODEL") != "the environment" and \
            req.env.get("ANTHROPIC_MODEL", "").strip():
        notes.append(Note("env", f"{env_source['ANTHROPIC_MODEL']} is empty: it cancels the exported "
                          "ANTHROPIC_MODEL"))
    for c in reversed(checked):
        value = c.data.get("model") if c.data is not None else None
        if isinstance(value, str):
            candidates.append(Candidate(f"model in {c.layer.label}", value, "settings"))
    winner = candidates[0] if candidates else None
    overridden: list[Candidate] = []
    if winner is not None:
        for cand in candidates[1:]:
            overridden.append(cand)
            if cand.kind == "settings" and cand.value == "":
                break
    if winner is None or (winner.kind == "settings" and winner.value == "") or winner.kind == "flag-default":
        source = f"built-in default of Claude Code {models.version}"
        if winner is not None:
            source = f"{winner.source} {json.dumps(winner.value)}: the {source}"
        asked = models.default
        value = None if winner is None else winner.value
        kind = "default"
    else:
        asked = models.send(winner.value)
        source, value, kind = winner.source, winner.value, winner.kind
    overridden_t = tuple(overridden)
    if allow is not None and not allow.allows(asked, default_request=kind == "default"):
        family = models.family_alias(value) if value else None
        replacement = allow.newest_in_family(family, models) if family else None
        if replacement is None and allow.enforce and not allow.matches(models.default):
            # observed: enforcement falls back to the default when the list allows it (the default
            # is the opus alias, ANTHROPIC_DEFAULT_OPUS_MODEL applied), else to the first entry
            replacement = allow.first_entry(models)
        if replacement is None:
            replacement = models.default
        shown = value if value else asked
        msg = (f"Model \"{shown}\" is restricted by {allow.describe()}; Claude Code uses {replacement} instead")
        if value is not None:
            notes.append(Note("available-models", msg))
        return _describe_choice(models, value=value, resolved=replacement, source=allow.describe(),
                                kind="available-models", requested=asked,
                                overridden=(Candidate(source, value if value is not None else asked, kind),) + overridden_t,
                                notes=(msg,)), main_agent
    return _describe_choice(models, value=value, resolved=asked, source=source, kind=kind,
                            overridden=overridden_t), main_agent


def _subagent(agent: AgentDef, main: str, env: Mapping[str, str], env_source: Mapping[str, str],
              models: _Models, allow: Allowlist | None) -> ModelChoice:
    sub_env = env.get("CLAUDE_CODE_SUBAGENT_MODEL", "")
    sub_src = env_source.get("CLAUDE_CODE_SUBAGENT_MODEL", "")
    if sub_src == "the environment":
        sub_src = "CLAUDE_CODE_SUBAGENT_MODEL in the environment"
    forced = truthy(env.get("CLAUDE_CODE_SUBAGENT_MODEL_FORCE"))
    own = agent.model if agent.has_model else None
    own_str = own if isinstance(own, str) and own.strip() else None
    overridden: list[Candidate] = []
    family: str | None = None
    family_matched = False
    value: str | None
    if forced:
        force_src = env_source.get("CLAUDE_CODE_SUBAGENT_MODEL_FORCE", "the environment")
        if force_src == "the environment":
            force_src = "CLAUDE_CODE_SUBAGENT_MODEL_FORCE in the environment"
        if own_str is not None:
            overridden.append(Candidate(f"model {json.dumps(own_str)} of agent {agent.name}", own_str, "frontmatter"))
        if sub_env.strip() and sub_env.strip().lower() != "inherit":
            value, kind = sub_env, "forced"
            source = f"{sub_src}, forced by {force_src}"
            asked = models.send(sub_env)
            family = models.family_alias(sub_env)
        else:
            value, kind, asked = None, "inherit", main
            source = f"the main model, forced by {force_src}"
    elif agent.scope == "built-in" and agent.name == "Explore" and any(w in main.lower() for w in _EXPLORE_NOT_ON):
        value, kind, family = "opus", "frontmatter", "opus"
        asked = models.send("opus")
        source = "built-in: Explore runs on opus when the main model is a Fable or Mythos model"
    elif own_str is not None:
        value, kind = own_str, "frontmatter"
        where = f"in {agent.path}" if agent.path else "(built-in)"
        if own_str.strip().lower() == "inherit":
            asked, kind = main, "inherit"
            source = f"model {json.dumps(own_str)} {where}: the main model"
        else:
            source = f"model {json.dumps(own_str)} {where}"
            family = models.family_alias(own_str)
            exact = own_str.strip().lower()
            if exact in FAMILIES and exact in main.lower():
                asked, family_matched = main, True
                source += f": the main model is a {exact} model, so its exact id"
            else:
                asked = models.send(own_str)
        if sub_env.strip():
            overridden.append(Candidate(sub_src, sub_env, "subagent-env"))
    elif sub_env.strip():
        value = sub_env
        if sub_env.strip().lower() == "inherit":
            asked, kind, source = main, "inherit", f"{sub_src} is inherit: the main model"
        else:
            asked, kind, source = models.send(sub_env), "subagent-env", sub_src
            family = models.family_alias(sub_env)
    else:
        value, asked, kind = None, main, "inherit"
        source = "no model of its own: the main model"
    # Observed: a family alias the subagent names (frontmatter, the env variable, forced or not)
    # is checked even when it resolves to the main model's id (opus remapped to the main model,
    # CLAUDE_CODE_SUBAGENT_MODEL=opus under the default); any other value equal to the main
    # model passes, even one the list would not allow (the unlisted default).
    checked = kind != "inherit" and (asked != main or (family is not None and not family_matched))
    if allow is not None and checked and not allow.allows(asked):
        replacement = (allow.newest_in_family(family, models) if family else None) or main
        msg = f"{asked} is blocked by {allow.describe()}; the subagent gets {replacement}"
        return _describe_choice(models, value=value, resolved=replacement, source=allow.describe(),
                                kind="available-models", requested=asked,
                                overridden=(Candidate(source, value or asked, kind), *overridden),
                                notes=(msg,))
    return _describe_choice(models, value=value, resolved=asked, source=source, kind=kind,
                            overridden=tuple(overridden))


def _agents_in_effect(defs: Sequence[AgentDef]) -> tuple[list[AgentDef], dict[str, list[AgentDef]]]:
    """One definition per name: managed > project > user > built-in (first given wins per scope)."""
    rank = {"managed": 0, "project": 1, "user": 2, "built-in": 3}
    chosen: dict[str, AgentDef] = {}
    shadowed: dict[str, list[AgentDef]] = {}
    for d in sorted((d for d in defs if d.problem is None), key=lambda d: rank.get(d.scope, 9)):
        if d.name in chosen:
            shadowed.setdefault(d.name, []).append(d)
        else:
            chosen[d.name] = d
    shown = sorted(chosen.values(), key=lambda d: (rank.get(d.scope, 9), d.path or ""))  # stable: built-ins keep their order
    return shown, shadowed


def builtin_agents() -> tuple[AgentDef, ...]:
    """Claude Code's built-in subagents as definitions."""
    return tuple(AgentDef(name, "built-in", None, model, model is not None) for name, model in BUILTIN_AGENTS)


def _floating(value: str | None, models: _Models) -> bool:
    return bool(value) and models.alias_name(value or "") is not None


def explain(req: Request, catalog: Catalog | None = None) -> Explanation:
    """The effective configuration of ``req`` as Claude Code would run it."""
    cat = catalog if catalog is not None else load_catalog()
    version = req.claude_version or cat.snapshot().version
    snapshot = cat.snapshot(version).version
    checked = [_check(layer) for layer in req.layers]
    reports = tuple(c.report for c in checked)
    notes: list[Note] = _version_notes(cat, req.claude_version) + _policy_notes(req.policy)
    for c in checked:
        if c.report.status == "dropped":
            notes.append(Note("dropped-file", f"{c.layer.label}: Claude Code drops this whole file ("
                              + "; ".join(c.report.problems) + "); nothing in it counts"))
        elif c.report.status == "entries-skipped":
            notes.append(Note("skipped-entries", f"{c.layer.label}: entries skipped, the rest counts: "
                              + "; ".join(c.report.problems)))
        elif c.report.status == "unreadable":
            notes.append(Note("managed-unreadable", f"{c.layer.label}: Managed settings failed to load; "
                              "policies from the failed source are NOT in effect ("
                              + "; ".join(c.report.problems) + ")"))
        elif c.report.status == "entries-dropped":
            notes.append(Note("managed-invalid", f"{c.layer.label}: invalid managed entries are ignored "
                              "(availableModels fails closed to [], enforceAvailableModels to true): "
                              + "; ".join(c.report.problems)))
        notes.extend(_odd_env_notes(c))
    env, env_source = _effective_env(checked, req.env)
    models = _Models(cat, version, env, req.today or "", req.tiers, env_source)
    model_env = {k: (env[k], env_source[k]) for k in MODEL_ENV if k in env}
    in_effect = [(c.layer.label, c.data) for c in checked if c.data is not None]
    merged, sources = merge_settings(in_effect)
    managed_lists = [c for c in checked if c.layer.scope == "managed" and c.data is not None
                     and isinstance(c.data.get("availableModels"), list)]
    if managed_lists:
        only: list[str] = []
        for c in managed_lists:
            for e in c.data["availableModels"]:  # type: ignore[index]
                if e not in only:
                    only.append(e)
        merged["availableModels"] = only
        sources[("availableModels",)] = [c.layer.label for c in managed_lists]
    rows = tuple(SettingRow(path, _get(merged, path), tuple(srcs))
                 for path, srcs in sorted(sources.items()) if _has(merged, path))
    defs = (*req.agents, *builtin_agents())
    fatal = next((c.report.problems[-1] for c in checked if c.report.status == "fatal"), None)
    allow, allow_notes = _allowlist(checked)

    def result(choice: ModelChoice, agents: tuple[AgentRow, ...], fatal: str | None,
               main_agent: str | None = None) -> Explanation:
        return Explanation(req.directory, version, models.default, choice, rows, agents, reports, model_env,
                           tuple(notes), fatal, main_agent, req.policy, snapshot, models.today)

    if fatal is not None:
        notes.insert(0, Note("fatal", fatal))
        return result(ModelChoice(None, None, fatal, "fatal"), (), fatal)
    choice, main_agent = _main_model(req, checked, env, env_source, models, defs, allow, notes)
    notes.extend(allow_notes)
    if choice.kind == "fatal":
        notes.insert(0, Note("fatal", choice.source))
        return result(choice, (), choice.source)
    assert choice.resolved is not None
    if _floating(choice.value, models) and choice.remap is None:
        notes.append(Note("floating-alias", f"model \"{choice.value}\" ({choice.source}) is an alias: "
                          f"{choice.resolved} in Claude Code {version}, and it moves with new releases; "
                          "pin a full id to stay put"))
    if choice.value is not None and choice.value.strip().lower() == "default":
        notes.append(Note("verbatim", f"model \"{choice.value}\" ({choice.source}) is not an alias: "
                          "Claude Code sends the string \"default\" as the model id"))
    if "CLAUDE_CODE_SUBAGENT_MODEL" in env and not truthy(env.get("CLAUDE_CODE_SUBAGENT_MODEL_FORCE")):
        notes.append(Note("subagent-env", "CLAUDE_CODE_SUBAGENT_MODEL reaches only subagents without a "
                          "model of their own (set CLAUDE_CODE_SUBAGENT_MODEL_FORCE=1 to override theirs)"))
    notes.extend(_policy_model_notes(req.policy, choice, models))
    effective_agents, shadowed = _agents_in_effect(defs)
    can_launch, types = True, None
    if main_agent is not None:
        main_def = next(a for a in effective_agents if a.name == main_agent)
        can_launch, types = main_def.launchable()
        if not can_launch:
            notes.append(Note("no-agent-tool", f"the main thread runs as agent {main_agent}, which has no "
                              "Agent tool: it cannot launch subagents"))
    agent_rows: list[AgentRow] = []
    for agent in effective_agents:
        sub = _subagent(agent, choice.resolved, env, env_source, models, allow)
        launchable = can_launch and (types is None or agent.name in types)
        losers = shadowed.get(agent.name, [])
        agent_rows.append(AgentRow(agent.name, agent.scope, agent.path,
                                   agent.model if agent.has_model else None, sub,
                                   tuple(d.path or "built-in" for d in losers), launchable))
        twins = [d.path or "built-in" for d in losers if d.scope == agent.scope]
        if twins:
            notes.append(Note("duplicate-agent", f"agent name '{agent.name}' is defined more than once in "
                              f"{agent.scope} agents ({', '.join(twins)} and {agent.path}): Claude Code "
                              f"uses {agent.path} (the closer folder, then the later path)"))
        if sub.kind == "available-models":
            notes.append(Note("available-models", f"agent {agent.name}: {sub.notes[0]}"))
        if agent.scope != "built-in" and sub.kind == "frontmatter" and _floating(sub.value, models) \
                and sub.remap is None:
            notes.append(Note("floating-alias", f"agent {agent.name}: model \"{sub.value}\" is an alias "
                              f"({sub.resolved} here); pin a full id to stay put"))
    for d in req.agents:
        if d.problem is not None:
            notes.append(Note("skipped-agent", f"{d.path}: Claude Code skips this agent file ({d.problem})"))
    return result(choice, tuple(agent_rows), None, main_agent)


def _version_notes(cat: Catalog, asked: str | None) -> list[Note]:
    """Say which alias snapshot an unknown ``--claude-version`` is explained with."""
    if asked is None:
        return []
    from claude_tiers.catalog import parse_version

    snap = cat.snapshot(asked)
    if parse_version(snap.version) == parse_version(asked):
        return []
    known = cat.versions()
    if parse_version(asked) < parse_version(known[0]):
        how = f"older than every version the catalog knows: aliases are resolved as in {snap.version}, the oldest"
    elif parse_version(asked) > parse_version(known[-1]):
        how = (f"newer than every version the catalog knows: aliases are resolved as in {snap.version}, the "
               "newest; a newer Claude Code may resolve them differently")
    else:
        how = f"not in the catalog: aliases are resolved as in {snap.version}, the nearest older version"
    observed = "" if snap.observed else f" (the {snap.version} snapshot is documented, not observed)"
    return [Note("claude-version", f"Claude Code {asked} is {how}{observed}")]


def _policy_notes(policy: PolicyView | None) -> list[Note]:
    if policy is None:
        return []
    if policy.error is not None:
        return [Note("policy", f"the tier policy could not be loaded, so it is left out: {policy.error}")]
    if policy.note is not None:
        return [Note("policy", f"{policy.source}: {policy.note}")]
    if not policy.covered:
        return [Note("policy", f"{policy.source}: no projects rule and no default cover "
                     f"{policy.project or 'this directory'}")]
    return []


def _policy_model_notes(policy: PolicyView | None, choice: ModelChoice, models: _Models) -> list[Note]:
    """Does the main model Claude Code runs differ from the one the policy wants here?"""
    if policy is None or policy.error is not None or not policy.model or choice.resolved is None:
        return []
    wanted = models.send(policy.model)
    if wanted == choice.resolved:
        return []
    return [Note("policy", f"the policy ({policy.rule} in {policy.source}) wants {policy.model} here; "
                 f"Claude Code runs {choice.resolved}")]


def _odd_env_notes(c: _Checked) -> list[Note]:
    """Model variables whose settings value is not a string: Claude Code uses String(value)."""
    block = c.data.get("env") if c.data is not None else None
    if not isinstance(block, dict):
        return []
    out: list[Note] = []
    for key, value in block.items():
        if key in MODEL_ENV and not isinstance(value, str):
            out.append(Note("env", f"env.{key} in {c.layer.label} is {json.dumps(_json_safe(value))}, not a "
                            f"string: Claude Code uses it as the text \"{js_string(value)}\""))
    return out


def _json_safe(value: Any) -> Any:
    """``value`` with everything JSON cannot hold made text (bytes, sets, dates, NaN...)."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if value == value and value not in (float("inf"), float("-inf")) else _js_number(value)
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_json_safe(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    if isinstance(value, (bytes, bytearray)):
        import base64

        return base64.b64encode(bytes(value)).decode("ascii")
    iso = getattr(value, "isoformat", None)
    if callable(iso):
        return str(iso())
    return str(value)


json_safe = _json_safe


def _get(data: Mapping[str, Any], path: Iterable[str]) -> Any:
    node: Any = data
    for part in path:
        node = node[part]
    return node


def _has(data: Mapping[str, Any], path: Iterable[str]) -> bool:
    node: Any = data
    for part in path:
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return True
