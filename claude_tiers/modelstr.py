"""Classify a model string the way Claude Code and the Claude API will see it.

``classify("opus-4.6")`` -> ``ModelRef(kind="malformed", suggestion="claude-opus-4-6", ...)``.
Pure, deterministic and cached; the catalog supplies every known id.
"""

import re
from functools import lru_cache
from typing import NamedTuple

from claude_tiers.catalog import BASE_ALIASES, Catalog, Model, load_catalog

__all__ = ["ModelRef", "classify", "KINDS", "CONTEXTS", "ALIASES", "AGENT_TOOL_MODELS"]

#: Every ``ModelRef.kind``.
KINDS: tuple[str, ...] = (
    "alias", "full-id", "dated-id", "bedrock-id", "bedrock-arn", "vertex-id",
    "unknown-claude-id", "non-claude", "malformed", "empty",
)
#: Places a model string can appear (see :meth:`ModelRef.is_valid_in`).
CONTEXTS: tuple[str, ...] = (
    "settings",      # settings ``model``/``fallbackModel``..., ``--model``
    "session",       # ``/model`` typed in a session
    "agent",         # subagent frontmatter ``model``
    "command",       # slash-command frontmatter ``model``
    "skill",         # skill frontmatter ``model``
    "env",           # ANTHROPIC_MODEL, ANTHROPIC_DEFAULT_*_MODEL
    "subagent-env",  # CLAUDE_CODE_SUBAGENT_MODEL
    "agent-tool",    # the Agent tool's ``model`` input (an enum)
)
#: Words Claude Code treats as model aliases (``default`` and ``inherit`` are special, see below).
ALIASES: frozenset[str] = frozenset(
    {*BASE_ALIASES, "best", "opusplan", "default", "inherit"}
)
#: The Agent tool's ``model`` enum in Claude Code 2.1.330.
AGENT_TOOL_MODELS: frozenset[str] = frozenset({"sonnet", "opus", "haiku", "fable"})

_DEFAULT_REASON = {
    "alias": "alias", "full-id": "model id", "dated-id": "dated model id", "bedrock-id": "Bedrock model id",
    "bedrock-arn": "Bedrock ARN", "vertex-id": "Vertex model id", "unknown-claude-id": "not in the model catalog",
    "non-claude": "not a Claude model", "malformed": "not a model id Claude Code or the API accepts",
    "empty": "empty",
}
_ONE_M_OK = frozenset({"opus", "sonnet", "opusplan", "fable"})
_INHERIT_CONTEXTS = frozenset({"agent", "command", "skill", "subagent-env"})
_FAMILIES = ("opus", "sonnet", "haiku", "fable", "mythos")


class _Patterns:
    """The classifier's regular expressions, compiled on first use: most strings (an alias, a
    catalog id) need none, and compiling them at import would slow every ``claude-tiers lint``."""

    __slots__ = ("arn", "bedrock", "vertex", "strict_claude", "tokens", "provider_prefix",
                 "non_claude")

    def __init__(self) -> None:
        self.arn = re.compile(
            r"^arn:aws[a-z-]*:bedrock:(?P<region>[a-z0-9-]*):(?P<account>\d*):"
            r"(?P<type>[a-z-]+)/(?P<resource>[A-Za-z0-9._:/-]+)$"
        )
        self.bedrock = re.compile(r"^(?:(?P<region>[a-z]{2,6}(?:-[a-z]+)?)\.)?anthropic\.[a-z0-9.:-]+$")
        self.vertex = re.compile(r"^claude-[a-z0-9.-]+@\d{8}$")
        self.strict_claude = re.compile(r"^claude-[a-z0-9]+(?:-[a-z0-9]+)*$")
        self.tokens = re.compile(r"[a-z]+|\d+(?:\.\d+)*")
        self.provider_prefix = re.compile(r"^(?:[a-z0-9_-]+/)*anthropic[/.:]")
        self.non_claude = re.compile(
            r"^(?:gpt|chatgpt|o[1-9]|gemini|gemma|palm|bard|deepseek|llama|codellama|mistral|mixtral|"
            r"codestral|devstral|magistral|ministral|pixtral|qwen|qwq|grok|glm|chatglm|kimi|moonshot|"
            r"phi|command|cohere|aya|yi|ernie|minimax|abab|nova|titan|jamba|sonar|pplx|hermes|wizardlm|"
            r"vicuna|falcon|starcoder|granite|olmo|nemotron|gpt4|gpt3|davinci|openai|google|meta|"
            r"ollama|lmstudio|vllm|local|localhost)"
        )


@lru_cache(maxsize=1)
def _rx() -> _Patterns:
    return _Patterns()


class ModelRef(NamedTuple):
    """What a model string is.

    ``canonical`` is the catalog id the string pins (None for aliases: they resolve per Claude Code
    version, see :meth:`Catalog.resolve_alias`). ``alias`` is the lower-case alias without ``[1m]``.
    ``suggestion`` is the string the user most likely meant, set only when that is unambiguous.
    """

    value: str
    kind: str
    canonical: str | None = None
    family: str | None = None
    one_m: bool = False
    suggestion: str | None = None
    reason: str = ""
    alias: str | None = None

    @property
    def is_claude(self) -> bool:
        """True for every kind that names (or tries to name) a Claude model."""
        return self.kind not in ("non-claude", "empty")

    @property
    def ok(self) -> bool:
        """True when Claude Code can use the string as written (not malformed, not empty)."""
        return self.kind not in ("malformed", "empty")

    def is_valid_in(self, context: str) -> bool:
        """Whether Claude Code accepts this form in ``context`` (one of :data:`CONTEXTS`).

        Says nothing about whether the model exists for the account or provider: unknown ids and
        non-Claude names are passed through verbatim, so they count as valid.
        """
        if context not in CONTEXTS:
            raise ValueError(f"unknown context {context!r}; expected one of {', '.join(CONTEXTS)}")
        if self.kind in ("malformed", "empty"):
            return False
        if context == "agent-tool":
            return self.kind == "alias" and not self.one_m and self.alias in AGENT_TOOL_MODELS
        if self.kind != "alias":
            return True
        if self.alias == "inherit":
            return context in _INHERIT_CONTEXTS
        if self.alias == "default":
            return context == "session"
        return True


def classify(value: object, catalog: Catalog | None = None) -> ModelRef:
    """Classify one model string (never raises; non-strings are ``malformed``)."""
    cat = catalog if catalog is not None else load_catalog()
    if not isinstance(value, str):
        return ModelRef(value=repr(value), kind="malformed", reason=f"not a string ({type(value).__name__})")
    ref = _classify(value, cat)
    if not ref.reason:  # every kind promises a phrase for messages
        ref = ref._replace(reason=_DEFAULT_REASON[ref.kind])
    return ref


# --------------------------------------------------------------------------------------------


def _osa1(a: str, b: str) -> bool:
    """True when a and b are within one edit (insert, delete, substitute or adjacent swap)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (len(diff) == 2 and diff[1] == diff[0] + 1
                and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    if la > lb:
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1:]


def _fuzzy(word: str, target: str) -> bool:
    return len(word) >= 4 and _osa1(word, target)


def _alias_ref(value: str, core: str, one_m: bool, ws: bool) -> ModelRef:
    name = core.lower()
    family = name if name in _FAMILIES else ("opus" if name == "best" else None)
    canonical_text = name + ("[1m]" if one_m else "")
    notes: list[str] = []
    if name == "inherit":
        notes.append("inherit: the main model (frontmatter and CLAUDE_CODE_SUBAGENT_MODEL only)")
    elif name == "default":
        notes.append("'default' is sent verbatim from settings and frontmatter; only /model default clears a choice")
    else:
        notes.append("alias; resolves per Claude Code version")
    if one_m and name in ("inherit", "default"):
        return ModelRef(value, "malformed", family=None, one_m=True, suggestion=name,
                        reason=f"[1m] cannot follow '{name}'", alias=name)
    if one_m and name not in _ONE_M_OK:
        notes.append("[1m] is documented only for opus, sonnet, opusplan, fable and full ids")
    if ws:
        return ModelRef(value, "malformed", family=family, one_m=one_m, suggestion=canonical_text,
                        reason="surrounding whitespace", alias=name)
    suggestion = None
    if value != canonical_text:
        notes.append("non-canonical case (Claude Code matches aliases case-insensitively)")
        suggestion = canonical_text
    return ModelRef(value, "alias", family=family, one_m=one_m, suggestion=suggestion,
                    reason="; ".join(notes), alias=name)


def _known_ref(value: str, model: Model, kind: str, one_m: bool) -> ModelRef:
    reason = model.display_name
    if model.status != "active":
        reason += f" ({model.status})"
    if one_m and not model.context_1m:
        reason += "; [1m] on a model without 1M context"
    return ModelRef(value, kind, canonical=model.id, family=model.family, one_m=one_m, reason=reason)


class _Parse:
    """The scratch state of parsing one model string."""

    __slots__ = ("claude", "claude_typo", "family", "family_typo", "family_pos", "version_pos", "parts", "dotted", "date", "latest", "revision", "extra")

    def __init__(self) -> None:
        self.claude: bool = False
        self.claude_typo: bool = False
        self.family: str | None = None
        self.family_typo: bool = False
        self.family_pos: int = -1
        self.version_pos: int = -1
        self.parts: tuple[int, ...] = ()
        self.dotted: bool = False
        self.date: str | None = None
        self.latest: bool = False
        self.revision: bool = False
        self.extra: tuple[str, ...] = ()


def _parse(text: str) -> _Parse:
    p = _Parse()
    parts: list[int] = []
    extra: list[str] = []
    tokens = _rx().tokens.findall(text)
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok[0].isdigit():
            if len(tok) == 8 and tok.isdigit() and tok.startswith("20"):
                p.date = tok
            elif len(parts) < 2:
                if p.version_pos < 0:
                    p.version_pos = i
                if "." in tok:
                    p.dotted = True
                parts.extend(int(x) for x in tok.split(".") if x)
            else:
                extra.append(tok)
        elif tok == "v" and i + 1 < len(tokens) and tokens[i + 1].isdigit():
            p.revision = True
            i += 2
            while i < len(tokens) and tokens[i].isdigit() and len(tokens[i]) <= 2:
                i += 1  # the ":0" of "-v1:0"
            continue
        elif tok == "claude" or tok == "anthropic":
            p.claude = True
        elif tok == "latest":
            p.latest = True
        elif p.family is None and tok in _FAMILIES:
            p.family, p.family_pos = tok, i
        elif not p.claude and _fuzzy(tok, "claude"):
            p.claude = p.claude_typo = True
        elif p.family is None and any(_fuzzy(tok, f) for f in _FAMILIES):
            p.family = next(f for f in _FAMILIES if _fuzzy(tok, f))
            p.family_pos, p.family_typo = i, True
        else:
            extra.append(tok)
        i += 1
    p.parts = tuple(parts[:2])
    p.extra = tuple(extra)
    return p


def _version_candidates(p: _Parse, family: str) -> list[str]:
    parts = list(p.parts)
    if len(parts) == 1 and parts[0] >= 10 and not p.dotted:
        parts = [parts[0] // 10, parts[0] % 10]  # "sonnet45" -> 4.5
    if not parts:
        return []
    if family == "claude":
        return [".".join(str(x) for x in parts)] if len(parts) == 2 else []
    out = [".".join(str(x) for x in parts)]
    if len(parts) == 2 and parts[1] == 0:
        out.append(str(parts[0]))
    return out


def _natural(model: Model) -> str:
    ver = model.version.replace(".", "-")
    major = model.version.split(".")[0]
    if major.isdigit() and int(major) <= 3:
        return f"claude-{ver}-{model.family}"
    return f"claude-{model.family}-{ver}"


def _suggest(model: Model, p: _Parse, one_m: bool) -> str:
    if p.date and model.dated_id and model.dated_id.endswith(p.date):
        text = model.dated_id
    else:
        natural = _natural(model)
        text = natural if natural in model.api_ids else model.id
    return text + ("[1m]" if one_m else "")


def _issues(raw: str, p: _Parse, model: Model | None, ws: bool) -> list[str]:
    out: list[str] = []
    if ws:
        out.append("surrounding whitespace")
    core = raw.strip()
    if not core.isascii():
        out.append("non-ASCII characters (a pasted dash or space?)")
    if " " in core:
        out.append("a display name, not an id")
    elif core != core.lower():
        out.append("model ids are lower-case")
    if p.dotted and (model is None or "." not in model.id):
        out.append("dots instead of dashes")
    if not p.claude:
        out.append("missing 'claude-' prefix")
    elif p.claude_typo:
        out.append("misspelled 'claude'")
    if p.family_typo and p.family:
        out.append(f"misspelled '{p.family}'")
    if model is not None and p.family_pos >= 0 and p.version_pos >= 0 and " " not in core:
        old_style = _natural(model).endswith(model.family)
        if old_style != (p.version_pos < p.family_pos):
            out.append("family and version in the wrong order")
    if p.date and (model is None or not (model.dated_id or "").endswith(p.date)):
        out.append("unknown snapshot date")
    if p.latest:
        out.append("no '-latest' id for this model")
    if p.revision:
        out.append("Bedrock '-vN:M' suffix on a non-Bedrock id")
    if p.extra:
        out.append("unexpected " + ", ".join(repr(x) for x in p.extra))
    return out


def _repair(value: str, core: str, one_m: bool, ws: bool, cat: Catalog) -> ModelRef | None:
    """Map a near-miss to a catalog model; None when the string does not look like Claude at all."""
    low = core.lower()
    compact = re.sub(r"[^a-z0-9]", "", low)
    if compact in ALIASES and compact != low:
        return ModelRef(value, "malformed", family=compact if compact in _FAMILIES else None,
                        one_m=one_m, suggestion=compact + ("[1m]" if one_m else ""),
                        reason=f"misspelled alias '{compact}'", alias=compact)
    text = _rx().provider_prefix.sub("claude-" if not low.startswith("anthropic/claude") else "", low)
    p = _parse(text)
    if _rx().provider_prefix.match(low):
        p.claude = True
    if not p.claude and p.extra:
        return None  # "my-sonnet-4-6-deployment": a gateway, proxy or Foundry deployment name
    family = p.family
    if family is None and p.claude and p.parts and p.parts[0] == 2:
        family = "claude"
    if family is None:
        if p.claude and not p.claude_typo and _rx().strict_claude.match(core):
            return ModelRef(value, "unknown-claude-id", one_m=one_m, reason="not in the model catalog")
        if p.claude:
            issues = _issues(value, p, None, ws) or ["no model family or version"]
            return ModelRef(value, "malformed", one_m=one_m, reason="; ".join(issues))
        return None
    versions = _version_candidates(p, family)
    if family == "claude" and len(p.parts) == 1:
        olds = [m.id for m in cat.models if m.family == "claude" and m.version.startswith(f"{p.parts[0]}.")]
        if len(olds) > 1:
            return ModelRef(value, "malformed", family=family, one_m=one_m,
                            reason="ambiguous: " + " or ".join(olds))
    if not versions:
        if not p.claude and (p.extra or p.family_typo and len(_rx().tokens.findall(text)) > 1):
            return None  # "my-haiku-proxy": a deployment or proxy name
        if _rx().strict_claude.match(core) and not p.claude_typo and (p.extra or p.date):
            return ModelRef(value, "unknown-claude-id", family=family, one_m=one_m,
                            reason="not in the model catalog")
        suggestion = family if family in BASE_ALIASES and not p.extra and not p.date else None
        reason = "no version"
        if suggestion:
            reason += f"; use the alias '{family}' or a full id"
        return ModelRef(value, "malformed", family=family, one_m=one_m, suggestion=suggestion, reason=reason)
    candidates: list[Model] = []
    for ver in versions:
        candidates = cat.find(family, ver)
        if candidates:
            break
    if p.date and len(candidates) > 1:
        dated = [m for m in candidates if (m.dated_id or "").endswith(p.date)]
        candidates = dated or candidates
    if not candidates:
        if _rx().strict_claude.match(core) and not p.claude_typo:
            return ModelRef(value, "unknown-claude-id", family=family, one_m=one_m,
                            reason="not in the model catalog")
        issues = _issues(value, p, None, ws)
        return ModelRef(value, "malformed", family=family, one_m=one_m,
                        reason="; ".join(issues + ["no such model in the catalog"]))
    if len(candidates) > 1:
        names = " or ".join(m.id for m in candidates)
        return ModelRef(value, "malformed", family=family, one_m=one_m, reason=f"ambiguous: {names}")
    model = candidates[0]
    issues = _issues(value, p, model, ws) or [f"no such id; {model.display_name} is {model.id}"]
    return ModelRef(value, "malformed", canonical=model.id, family=model.family, one_m=one_m,
                    suggestion=_suggest(model, p, one_m), reason="; ".join(issues))


@lru_cache(maxsize=4096)
def _classify(value: str, cat: Catalog) -> ModelRef:
    core = value.strip()
    ws = core != value
    if not core:
        return ModelRef(value, "empty", reason="empty: Claude Code uses the default model")
    one_m = core.lower().endswith("[1m]")
    if one_m:
        core = core[:-4]
        if core.endswith("[1m]") or core.lower().endswith("[1m]"):
            return ModelRef(value, "malformed", one_m=True, reason="[1m] given twice")
    if core.lower() in ALIASES:
        return _alias_ref(value, core, one_m, ws)

    arn = _rx().arn.match(core) if core.startswith("arn:") else None
    if arn:
        if ws:
            return ModelRef(value, "malformed", one_m=one_m, suggestion=value.strip(),
                            reason="surrounding whitespace")
        rtype, resource = arn["type"], arn["resource"]
        if rtype in ("foundation-model", "inference-profile"):
            hit = cat.lookup(resource)
            if hit:
                return _known_ref(value, hit[0], "bedrock-arn", one_m)
            return ModelRef(value, "bedrock-arn", one_m=one_m, reason="Bedrock ARN of a model not in the catalog")
        return ModelRef(value, "bedrock-arn", one_m=one_m,
                        reason=f"{rtype} ARN: the model behind it cannot be read from the string")
    if core.startswith("arn:"):
        return ModelRef(value, "malformed", one_m=one_m, reason="not a valid Bedrock ARN")

    hit = cat.lookup(core)
    if hit:
        model, kind = hit
        if ws:
            return ModelRef(value, "malformed", canonical=model.id, family=model.family, one_m=one_m,
                            suggestion=value.strip(), reason="surrounding whitespace")
        ref = _known_ref(value, model, kind, one_m)
        if core.endswith("-latest"):
            ref = ModelRef(ref.value, ref.kind, ref.canonical, ref.family, ref.one_m, None,
                           ref.reason + "; '-latest' alias id")
        return ref

    if _rx().bedrock.match(core) and not ws:
        return ModelRef(value, "bedrock-id", one_m=one_m, reason="Bedrock id of a model not in the catalog")
    if _rx().vertex.match(core) and not ws:
        fixed = _repair(value, core.split("@", 1)[0], one_m, ws, cat)
        if fixed is not None and fixed.canonical:
            model = cat.by_id(fixed.canonical)
            vid = model.vertex_id or model.id
            return ModelRef(value, "malformed", canonical=model.id, family=model.family, one_m=one_m,
                            suggestion=vid + ("[1m]" if one_m else ""), reason="unknown Vertex version")
        return ModelRef(value, "vertex-id", one_m=one_m, reason="Vertex id of a model not in the catalog")

    tokens = re.split(r"[^a-z0-9]+", core.lower())
    if not any(t == "claude" or t == "anthropic" for t in tokens) and any(_rx().non_claude.match(t) for t in tokens if t):
        return ModelRef(value, "non-claude", one_m=one_m, reason="not a Claude model")
    fixed = _repair(value, core, one_m, ws, cat)
    if fixed is not None:
        return fixed
    return ModelRef(value, "non-claude", one_m=one_m,
                    reason="not a Claude model name (a gateway, proxy or other provider's model)")
