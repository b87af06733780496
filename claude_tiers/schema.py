"""A small JSON Schema validator for the bundled Claude Code schemas.

The pre-commit hot path must not import ``jsonschema`` (it costs several times Python's own
start-up), so this module validates exactly the subset of draft 2020-12 the bundled schemas use.
A schema that uses any other keyword is refused when it is compiled, so the schemas and this
validator cannot drift apart silently; ``tests/test_schema_agreement.py`` checks that the
verdicts agree with ``jsonschema``.

Besides standard keywords the schemas carry ``x-`` annotations, read here and by the linter:

- ``x-on-invalid``: what Claude Code does when the subschema fails: ``"drop-file"`` (the default:
  the whole file is ignored), ``"skip-entry"`` (only the instance at that subschema is ignored,
  with a warning: a malformed permission rule, an unknown hook event) or ``"ignored"`` (Claude
  Code does not check the value and silently does not use a bad one). The nearest declaration
  wins, except that an explicit ``"drop-file"`` wins over every declaration below it (a broken
  PreToolUse hook drops the file although hooks elsewhere are only skipped);
- ``x-message``: the message to show when a keyword of that very subschema fails
  (``{value}`` is replaced by the failing value);
- ``x-scope``, ``x-deprecated``, ``x-replacement``, ``x-since``, ...: facts about a key, see
  :func:`annotations`.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any, NamedTuple, Sequence

from claude_tiers.resources import load_schema

__all__ = [
    "DROP_FILE",
    "IGNORED",
    "SKIP_ENTRY",
    "SETTINGS_SCHEMA",
    "SchemaDefinitionError",
    "SchemaIssue",
    "annotations",
    "compiled",
    "known_keys",
    "skipped_entries",
    "validate",
    "verdict",
]

SETTINGS_SCHEMA = "claude-code-settings.schema.json"
DROP_FILE = "drop-file"
SKIP_ENTRY = "skip-entry"
IGNORED = "ignored"

_CONSEQUENCES = frozenset({DROP_FILE, SKIP_ENTRY, IGNORED})

# Which settings files each x-scope value is honoured in.
_SCOPE_FILES = {
    "any": frozenset({"user", "project", "local", "managed", "cli"}),
    "user-local-managed": frozenset({"user", "local", "managed", "cli"}),
    "user-managed": frozenset({"user", "managed", "cli"}),
    "managed": frozenset({"managed"}),
    "global-config": frozenset(),
}
SCOPES = ("user", "project", "local", "managed", "cli")


class SchemaIssue(NamedTuple):
    """One place where a document does not satisfy a schema."""

    pointer: str  # RFC 6901 JSON pointer of the failing instance, "" for the root
    message: str  # human message, e.g. "expected a string, got number 42"
    keyword: str  # the failing JSON Schema keyword: "type", "enum", ...
    consequence: str  # DROP_FILE, SKIP_ENTRY or IGNORED


class SchemaDefinitionError(ValueError):
    """A bundled schema uses a keyword or a construct this validator does not implement."""


# Keywords with no effect on validation.
_ANNOTATION_KEYWORDS = frozenset({
    "$schema", "$id", "$comment", "$defs", "title", "description", "default", "examples",
    "deprecated", "readOnly", "writeOnly",
})
# Keywords implemented by _Node.
_ASSERTION_KEYWORDS = frozenset({
    "$ref", "type", "enum", "const",
    "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
    "minLength", "maxLength", "pattern",
    "items", "prefixItems", "minItems", "maxItems",
    "properties", "patternProperties", "additionalProperties", "propertyNames", "required",
    "minProperties",
    "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
})
SUPPORTED_KEYWORDS: frozenset[str] = _ANNOTATION_KEYWORDS | _ASSERTION_KEYWORDS

_JSON_TYPES = frozenset({"null", "boolean", "object", "array", "number", "string", "integer"})

# An issue before it is sorted: (document-order key, issue, pointer of the entry it affects).
_Raw = tuple[tuple[int, ...], SchemaIssue, str]
_Out = list[_Raw]


# --------------------------------------------------------------------------------------------
# JSON helpers


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _is_type(value: object, name: str) -> bool:
    if name == "string":
        return isinstance(value, str)
    if name == "object":
        return isinstance(value, dict)
    if name == "array":
        return isinstance(value, list)
    if name == "boolean":
        return isinstance(value, bool)
    if name == "null":
        return value is None
    if isinstance(value, bool):
        return False
    if name == "number":
        return isinstance(value, (int, float))
    # integer: JSON Schema counts 1.0 as an integer
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


def _json_equal(a: object, b: object) -> bool:
    """Equality as JSON Schema defines it (1 == 1.0, but true != 1)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_json_equal(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_json_equal(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


def _short(value: object, limit: int = 60) -> str:
    """A compact JSON rendering of a value for messages."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return text


def _got(value: object) -> str:
    kind = _json_type(value)
    if isinstance(value, (dict, list)):
        return f"{'an' if kind == 'object' or kind == 'array' else 'a'} {kind}"
    if value is None:
        return "null"
    return f"{kind} {_short(value)}"


_ARTICLE = {"object": "an object", "array": "an array", "integer": "an integer",
            "null": "null"}


def _type_phrase(name: str) -> str:
    return _ARTICLE.get(name, f"a {name}")


def _or_list(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def _number_text(value: float) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --------------------------------------------------------------------------------------------
# Compiled schema nodes


class _Ctx(NamedTuple):
    pointer: str
    order: tuple[int, ...]
    consequence: str
    entry: str = ""  # where the deciding x-on-invalid was declared
    sticky: bool = False  # an enclosing subschema declared drop-file

    def at(self, token: str | int, index: int) -> _Ctx:
        return self._replace(pointer=f"{self.pointer}/{_escape(str(token))}",
                             order=self.order + (index,))

    def declare(self, consequence: str) -> _Ctx:
        if self.sticky:
            return self
        return self._replace(consequence=consequence, entry=self.pointer,
                             sticky=consequence == DROP_FILE)


class _Node:
    """One compiled (sub)schema."""

    __slots__ = (
        "raw", "location", "always", "message", "consequence", "types", "const", "has_const",
        "enum", "minimum", "maximum", "exclusive_minimum", "exclusive_maximum", "min_length",
        "max_length", "pattern", "items", "prefix_items", "min_items", "max_items", "properties",
        "pattern_properties", "additional", "property_names", "required", "min_properties",
        "all_of", "any_of", "one_of", "not_", "if_", "then", "else_", "ref", "_compiler",
    )

    def __init__(self, compiler: _Compiler, raw: object, location: str) -> None:
        self._compiler = compiler
        self.raw = raw
        self.location = location
        self.always: bool | None = None
        self.message: str | None = None
        self.consequence: str | None = None
        self.types: tuple[str, ...] = ()
        self.has_const = False
        self.const: object = None
        self.enum: list[object] | None = None
        self.minimum: float | None = None
        self.maximum: float | None = None
        self.exclusive_minimum: float | None = None
        self.exclusive_maximum: float | None = None
        self.min_length: int | None = None
        self.max_length: int | None = None
        self.pattern: re.Pattern[str] | None = None
        self.items: _Node | None = None
        self.prefix_items: list[_Node] = []
        self.min_items: int | None = None
        self.max_items: int | None = None
        self.properties: dict[str, _Node] = {}
        self.pattern_properties: list[tuple[re.Pattern[str], _Node]] = []
        self.additional: _Node | None = None
        self.property_names: _Node | None = None
        self.required: list[str] = []
        self.min_properties: int | None = None
        self.all_of: list[_Node] = []
        self.any_of: list[_Node] = []
        self.one_of: list[_Node] = []
        self.not_: _Node | None = None
        self.if_: _Node | None = None
        self.then: _Node | None = None
        self.else_: _Node | None = None
        self.ref: str | None = None

    # ---- compilation -------------------------------------------------------------------

    def build(self) -> None:
        raw = self.raw
        where = self.location or "#"
        if isinstance(raw, bool):
            self.always = raw
            return
        if not isinstance(raw, dict):
            raise SchemaDefinitionError(f"{where}: a schema must be an object or a boolean")
        for key in raw:
            if key.startswith("x-") or key in SUPPORTED_KEYWORDS:
                continue
            raise SchemaDefinitionError(
                f"{where}: keyword {key!r} is not supported by claude_tiers.schema "
                f"(supported: {', '.join(sorted(SUPPORTED_KEYWORDS))})")
        sub = self._compiler.node
        message = raw.get("x-message")
        if message is not None:
            self.message = _require(isinstance(message, str), where, "x-message", message)
        consequence = raw.get("x-on-invalid")
        if consequence is not None:
            if consequence not in _CONSEQUENCES:
                raise SchemaDefinitionError(f"{where}: x-on-invalid must be one of "
                                            f"{sorted(_CONSEQUENCES)}, not {consequence!r}")
            self.consequence = consequence
        if "type" in raw:
            types = raw["type"]
            names = [types] if isinstance(types, str) else types
            if not isinstance(names, list) or not names or any(
                    t not in _JSON_TYPES for t in names):
                raise SchemaDefinitionError(f"{where}: bad type {types!r}")
            self.types = tuple(names)
        if "const" in raw:
            self.has_const = True
            self.const = raw["const"]
        if "enum" in raw:
            enum = raw["enum"]
            self.enum = _require(isinstance(enum, list) and bool(enum), where, "enum", enum)
        for key, attr in (("minimum", "minimum"), ("maximum", "maximum"),
                          ("exclusiveMinimum", "exclusive_minimum"),
                          ("exclusiveMaximum", "exclusive_maximum")):
            if key in raw:
                value = raw[key]
                ok = isinstance(value, (int, float)) and not isinstance(value, bool)
                setattr(self, attr, _require(ok, where, key, value))
        for key, attr in (("minLength", "min_length"), ("maxLength", "max_length"),
                          ("minItems", "min_items"), ("maxItems", "max_items"),
                          ("minProperties", "min_properties")):
            if key in raw:
                value = raw[key]
                ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
                setattr(self, attr, _require(ok, where, key, value))
        if "pattern" in raw:
            self.pattern = _compile_pattern(raw["pattern"], where)
        if "items" in raw:
            self.items = sub(raw["items"], f"{where}/items")
        if "prefixItems" in raw:
            prefix = raw["prefixItems"]
            _require(isinstance(prefix, list), where, "prefixItems", prefix)
            self.prefix_items = [sub(s, f"{where}/prefixItems/{i}") for i, s in enumerate(prefix)]
        if "properties" in raw:
            props = raw["properties"]
            _require(isinstance(props, dict), where, "properties", props)
            self.properties = {name: sub(s, f"{where}/properties/{_escape(name)}")
                               for name, s in props.items()}
        if "patternProperties" in raw:
            pprops = raw["patternProperties"]
            _require(isinstance(pprops, dict), where, "patternProperties", pprops)
            self.pattern_properties = [
                (_compile_pattern(p, where), sub(s, f"{where}/patternProperties/{_escape(p)}"))
                for p, s in pprops.items()]
        if "additionalProperties" in raw:
            self.additional = sub(raw["additionalProperties"], f"{where}/additionalProperties")
        if "propertyNames" in raw:
            self.property_names = sub(raw["propertyNames"], f"{where}/propertyNames")
        if "required" in raw:
            req = raw["required"]
            ok = isinstance(req, list) and all(isinstance(r, str) for r in req)
            self.required = _require(ok, where, "required", req)
        for key, attr in (("allOf", "all_of"), ("anyOf", "any_of"), ("oneOf", "one_of")):
            if key in raw:
                branches = raw[key]
                _require(isinstance(branches, list) and bool(branches), where, key, branches)
                setattr(self, attr, [sub(s, f"{where}/{key}/{i}") for i, s in enumerate(branches)])
        if "not" in raw:
            self.not_ = sub(raw["not"], f"{where}/not")
        if "if" in raw:
            self.if_ = sub(raw["if"], f"{where}/if")
            if "then" in raw:
                self.then = sub(raw["then"], f"{where}/then")
            if "else" in raw:
                self.else_ = sub(raw["else"], f"{where}/else")
        if "$ref" in raw:
            ref = raw["$ref"]
            _require(isinstance(ref, str) and (ref == "#" or ref.startswith("#/")), where,
                     "$ref", ref)
            self.ref = ref
            self._compiler.resolve(ref)  # fail early on a dangling reference

    # ---- validation --------------------------------------------------------------------

    def is_valid(self, value: object) -> bool:
        out: _Out = []
        self.check(value, _ROOT, out)
        return not out

    def _issue(self, out: _Out, ctx: _Ctx, keyword: str, message: str, value: object) -> None:
        if self.message is not None:
            message = self.message.replace("{value}", _short(value))
        out.append((ctx.order, SchemaIssue(ctx.pointer, message, keyword, ctx.consequence), ctx.entry))

    def check(self, value: object, ctx: _Ctx, out: _Out) -> None:
        if self.consequence is not None:
            ctx = ctx.declare(self.consequence)
        if self.always is not None:
            if not self.always:
                self._issue(out, ctx, "false", "no value is allowed here", value)
            return
        if self.types and not any(_is_type(value, t) for t in self.types):
            expected = _or_list([_type_phrase(t) for t in self.types])
            self._issue(out, ctx, "type", f"expected {expected}, got {_got(value)}", value)
            return  # every other keyword at this place would only repeat the point
        if self.has_const and not _json_equal(value, self.const):
            self._issue(out, ctx, "const", f"expected {_short(self.const)}, got {_short(value)}",
                        value)
        if self.enum is not None and not any(_json_equal(value, e) for e in self.enum):
            self._issue(out, ctx, "enum", f"expected one of {_enum_text(self.enum)}; "
                        f"got {_short(value)}", value)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            self._check_number(value, ctx, out)
        elif isinstance(value, str):
            self._check_string(value, ctx, out)
        elif isinstance(value, list):
            self._check_array(value, ctx, out)
        elif isinstance(value, dict):
            self._check_object(value, ctx, out)
        for node in self.all_of:
            node.check(value, ctx, out)
        if self.any_of:
            self._check_any_of(value, ctx, out)
        if self.one_of:
            self._check_one_of(value, ctx, out)
        if self.not_ is not None and self.not_.is_valid(value):
            self._issue(out, ctx, "not", f"{_short(value)} is not allowed here", value)
        if self.if_ is not None:
            branch = self.then if self.if_.is_valid(value) else self.else_
            if branch is not None:
                branch.check(value, ctx, out)
        if self.ref is not None:
            self._compiler.resolve(self.ref).check(value, ctx, out)

    def _check_number(self, value: float, ctx: _Ctx, out: _Out) -> None:
        if self.minimum is not None and value < self.minimum:
            self._issue(out, ctx, "minimum", f"expected a number >= "
                        f"{_number_text(self.minimum)}, got {_short(value)}", value)
        if self.maximum is not None and value > self.maximum:
            self._issue(out, ctx, "maximum", f"expected a number <= "
                        f"{_number_text(self.maximum)}, got {_short(value)}", value)
        if self.exclusive_minimum is not None and value <= self.exclusive_minimum:
            self._issue(out, ctx, "exclusiveMinimum", f"expected a number > "
                        f"{_number_text(self.exclusive_minimum)}, got {_short(value)}", value)
        if self.exclusive_maximum is not None and value >= self.exclusive_maximum:
            self._issue(out, ctx, "exclusiveMaximum", f"expected a number < "
                        f"{_number_text(self.exclusive_maximum)}, got {_short(value)}", value)

    def _check_string(self, value: str, ctx: _Ctx, out: _Out) -> None:
        if self.min_length is not None and len(value) < self.min_length:
            wanted = ("a non-empty string" if self.min_length == 1
                      else f"a string of at least {self.min_length} characters")
            self._issue(out, ctx, "minLength", f"expected {wanted}, got {_short(value)}", value)
        if self.max_length is not None and len(value) > self.max_length:
            self._issue(out, ctx, "maxLength", f"expected at most {self.max_length} characters,"
                        f" got {len(value)}", value)
        if self.pattern is not None and self.pattern.search(value) is None:
            self._issue(out, ctx, "pattern", f"{_short(value)} does not match the pattern "
                        f"{self.pattern.pattern}", value)

    def _check_array(self, value: list[Any], ctx: _Ctx, out: _Out) -> None:
        if self.min_items is not None and len(value) < self.min_items:
            self._issue(out, ctx, "minItems", f"expected at least {_count(self.min_items)}, "
                        f"got {len(value)}", value)
        if self.max_items is not None and len(value) > self.max_items:
            self._issue(out, ctx, "maxItems", f"expected at most {_count(self.max_items)}, "
                        f"got {len(value)}", value)
        if self.items is None and not self.prefix_items:
            return
        n_prefix = len(self.prefix_items)
        for index, item in enumerate(value):
            node = self.prefix_items[index] if index < n_prefix else self.items
            if node is not None:
                node.check(item, ctx.at(index, index), out)

    def _check_object(self, value: dict[str, Any], ctx: _Ctx, out: _Out) -> None:
        for name in self.required:
            if name not in value:
                self._issue(out, ctx, "required", f"missing required property {_short(name)}",
                            value)
        if self.min_properties is not None and len(value) < self.min_properties:
            self._issue(out, ctx, "minProperties", f"expected at least "
                        f"{self.min_properties} propert{'y' if self.min_properties == 1 else 'ies'}"
                        f", got {len(value)}", value)
        if not (self.properties or self.pattern_properties or self.additional is not None
                or self.property_names is not None):
            return
        for index, (name, item) in enumerate(value.items()):
            child = ctx.at(name, index)
            if self.property_names is not None:
                self.property_names.check_name(name, child, out)
            matched = False
            node = self.properties.get(name)
            if node is not None:
                matched = True
                node.check(item, child, out)
            for regex, pnode in self.pattern_properties:
                if regex.search(name) is not None:
                    matched = True
                    pnode.check(item, child, out)
            if not matched and self.additional is not None:
                if self.additional.always is False:
                    text = f"unexpected property {_short(name)}"
                    out.append((child.order, SchemaIssue(child.pointer, text,
                                                         "additionalProperties", child.consequence),
                                child.entry))
                else:
                    self.additional.check(item, child, out)

    def check_name(self, name: str, ctx: _Ctx, out: _Out) -> None:
        """Validate a property name; issues point at the property (not at the object)."""
        sub: _Out = []
        self.check(name, ctx, sub)
        for order, issue, entry in sub:
            message = issue.message
            if self.message is None:
                message = f"property name {_short(name)}: {message}"
            out.append((order, issue._replace(message=message, keyword="propertyNames"), entry))

    def _check_any_of(self, value: object, ctx: _Ctx, out: _Out) -> None:
        failures: list[_Out] = []
        for node in self.any_of:
            sub: _Out = []
            node.check(value, ctx, sub)
            if not sub:
                return
            failures.append(sub)
        self._issue(out, ctx, "anyOf", self._no_match(value, ctx, self.any_of, failures), value)

    def _check_one_of(self, value: object, ctx: _Ctx, out: _Out) -> None:
        failures: list[_Out] = []
        passed = 0
        for node in self.one_of:
            sub: _Out = []
            node.check(value, ctx, sub)
            if sub:
                failures.append(sub)
            else:
                passed += 1
        if passed == 1:
            return
        if passed > 1:
            self._issue(out, ctx, "oneOf", f"{_short(value)} matches more than one of the "
                        "allowed forms", value)
            return
        self._issue(out, ctx, "oneOf", self._no_match(value, ctx, self.one_of, failures), value)

    def _no_match(self, value: object, ctx: _Ctx, branches: list[_Node],
                  failures: list[_Out]) -> str:
        def wrong_type(failure: _Out) -> bool:
            return (len(failure) == 1 and failure[0][1].keyword == "type"
                    and failure[0][1].pointer == ctx.pointer)

        if all(wrong_type(f) for f in failures):
            return f"expected {_or_list([b.expected() for b in branches])}, got {_got(value)}"
        # Explain the closest form: one of the right type, with the fewest problems.
        best = min((f for f in failures if not wrong_type(f)), key=len)
        first = best[0][1]
        where = f" at {first.pointer}" if first.pointer != ctx.pointer else ""
        return f"matches none of the allowed forms; closest: {first.message}{where}"

    def expected(self) -> str:
        """A short phrase for what this schema accepts, used in anyOf/oneOf messages."""
        target = self
        if self.ref is not None and not (self.types or self.has_const or self.enum):
            target = self._compiler.resolve(self.ref)
        if target.has_const:
            return _short(target.const)
        if target.enum is not None:
            return f"one of {_enum_text(target.enum)}"
        if not target.types:
            return "a value of another form"
        phrases = []
        for t in target.types:
            phrase = _type_phrase(t)
            if t == "array" and target.items is not None and target.items.types:
                phrase += " of " + _or_list([_plural(x) for x in target.items.types])
            phrases.append(phrase)
        return _or_list(phrases)


_ROOT = _Ctx("", (), DROP_FILE)


def _plural(type_name: str) -> str:
    return {"string": "strings", "object": "objects", "array": "arrays", "number": "numbers",
            "integer": "integers", "boolean": "booleans", "null": "nulls"}[type_name]


def _count(n: int) -> str:
    return f"{n} item" if n == 1 else f"{n} items"


def _enum_text(values: Sequence[object]) -> str:
    return ", ".join(_short(v) for v in values)


def _require(ok: bool, where: str, keyword: str, value: Any) -> Any:
    if not ok:
        raise SchemaDefinitionError(f"{where}: invalid value for {keyword}: {value!r}")
    return value


def _compile_pattern(pattern: object, where: str) -> re.Pattern[str]:
    if not isinstance(pattern, str):
        raise SchemaDefinitionError(f"{where}: pattern must be a string, not {pattern!r}")
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise SchemaDefinitionError(f"{where}: bad pattern {pattern!r}: {exc}") from None


class _Compiler:
    """Compiles one schema document; nodes are shared and $refs resolved on demand."""

    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self._nodes: dict[int, _Node] = {}
        self._refs: dict[str, _Node] = {}
        self.top = self.node(root, "")

    def node(self, raw: object, location: str) -> _Node:
        key = id(raw)
        found = self._nodes.get(key)
        if found is not None:
            return found
        node = _Node(self, raw, location)
        self._nodes[key] = node  # before build(), so recursive schemas terminate
        node.build()
        return node

    def resolve(self, ref: str) -> _Node:
        found = self._refs.get(ref)
        if found is not None:
            return found
        target: object = self.root
        for part in ref[2:].split("/") if ref != "#" else []:
            part = _unescape(part)
            if not isinstance(target, dict) or part not in target:
                raise SchemaDefinitionError(f"unresolvable $ref {ref!r}")
            target = target[part]
        node = self.node(target, ref[1:])
        self._refs[ref] = node
        return node


@lru_cache(maxsize=None)
def compiled(schema: str = SETTINGS_SCHEMA) -> _Compiler:
    """The compiled form of a bundled schema (compiled once, on first use)."""
    return _Compiler(load_schema(schema))


# --------------------------------------------------------------------------------------------
# Public API


def _run(data: object, schema: str, scope: str | None) -> list[_Raw]:
    out: _Out = []
    compiled(schema).top.check(data, _ROOT, out)
    if scope is not None:
        out.extend(_scope_issues(data, schema, scope))
    out.sort(key=lambda raw: raw[0])  # stable: the same place keeps its keyword order
    return out


def validate(data: object, schema: str = SETTINGS_SCHEMA, *,
             scope: str | None = None) -> list[SchemaIssue]:
    """Validate parsed JSON ``data`` against a bundled schema; issues in document order.

    With ``scope`` (``user``, ``project``, ``local``, ``managed`` or ``cli``), also report the
    top-level keys Claude Code skips because they are not honoured in that kind of file (those
    whose schema declares ``x-outside-scope``).
    """
    if scope is not None and scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}; expected one of {', '.join(SCOPES)}")
    return [issue for _, issue, _ in _run(data, schema, scope)]


def skipped_entries(data: object, schema: str = SETTINGS_SCHEMA, *,
                    scope: str | None = None) -> list[str]:
    """JSON pointers of the entries Claude Code skips in ``data``, once each, in document order.

    An entry is the instance at the subschema that declared ``x-on-invalid: skip-entry`` (a
    permission rule, a hook handler, an unknown hook event...), not the deeper value that failed.
    Meaningful when no issue drops the whole file.
    """
    seen: dict[str, None] = {}
    for _, issue, entry in _run(data, schema, scope):
        if issue.consequence == SKIP_ENTRY:
            seen.setdefault(entry, None)
    return list(seen)


def _scope_issues(data: object, schema: str, scope: str) -> list[_Raw]:
    if not isinstance(data, dict):
        return []
    props = load_schema(schema).get("properties", {})
    out: list[_Raw] = []
    for index, name in enumerate(data):
        sub = props.get(name)
        if not isinstance(sub, dict) or "x-outside-scope" not in sub:
            continue
        allowed = _SCOPE_FILES.get(str(sub.get("x-scope", "any")), _SCOPE_FILES["any"])
        if scope in allowed:
            continue
        pointer = "/" + _escape(name)
        message = (f"{_short(name)} is only honoured in {sub.get('x-scope')} settings; "
                   f"Claude Code ignores it in {scope} settings")
        out.append(((index,), SchemaIssue(pointer, message, "x-scope",
                                          str(sub["x-outside-scope"])), pointer))
    return out


def verdict(issues: Sequence[SchemaIssue]) -> str:
    """What Claude Code does with a file having these issues.

    ``"dropped"`` (the whole file is ignored), ``"entries-skipped"`` (only the failing entries
    are ignored, with a warning) or ``"loaded"`` (``ignored`` issues do not stop a file loading).
    """
    if any(issue.consequence == DROP_FILE for issue in issues):
        return "dropped"
    if any(issue.consequence == SKIP_ENTRY for issue in issues):
        return "entries-skipped"
    return "loaded"


# The name is part of the API; it shadows the ``from __future__ import annotations`` feature
# flag, which is harmless once the module is compiled.
def annotations(pointer_parts: Sequence[str],  # type: ignore[no-redef]
                schema: str = SETTINGS_SCHEMA) -> dict[str, object]:
    """The ``x-`` annotations (and ``description``) of the property at ``pointer_parts``.

    ``("permissions", "defaultMode")`` gives the annotations of ``permissions.defaultMode``;
    array indices are given as strings (``("hooks", "Stop", "0", "hooks")``).  Unknown
    locations give ``{}``.
    """
    root = load_schema(schema)
    nodes = _schemas_at(root, root, tuple(pointer_parts))
    result: dict[str, object] = {}
    for raw in reversed(nodes):  # the property's own annotations win over its $ref target's
        for key, value in raw.items():
            if key.startswith("x-") or key == "description":
                result[key] = value
    return result


def known_keys(schema: str = SETTINGS_SCHEMA, at: Sequence[str] = ()) -> frozenset[str]:
    """The property names a schema defines at a location (the top level by default)."""
    root = load_schema(schema)
    names: set[str] = set()
    targets = _schemas_at(root, root, tuple(at)) if at else _expand(root, root)
    for raw in targets:
        for branch in _expand(root, raw):
            props = branch.get("properties")
            if isinstance(props, dict):
                names.update(props)
    return frozenset(names)


def _expand(root: dict[str, Any], raw: object, depth: int = 0) -> list[dict[str, Any]]:
    """A schema followed through $ref and into its allOf/anyOf/oneOf/then/else branches."""
    if not isinstance(raw, dict) or depth > 20:
        return []
    found = [raw]
    ref = raw.get("$ref")
    if isinstance(ref, str) and ref.startswith("#"):
        target: object = root
        for part in ref[2:].split("/") if ref != "#" else []:
            target = target.get(_unescape(part)) if isinstance(target, dict) else None
        found.extend(_expand(root, target, depth + 1))
    for key in ("allOf", "anyOf", "oneOf"):
        for branch in raw.get(key, ()):
            found.extend(_expand(root, branch, depth + 1))
    for key in ("then", "else"):
        if key in raw:
            found.extend(_expand(root, raw[key], depth + 1))
    return found


def _schemas_at(root: dict[str, Any], raw: object,
                parts: tuple[str, ...]) -> list[dict[str, Any]]:
    """Every subschema that applies at ``parts`` below ``raw`` (the first ones are closest)."""
    if not parts:
        return _expand(root, raw)
    head, rest = parts[0], parts[1:]
    found: list[dict[str, Any]] = []
    for branch in _expand(root, raw):
        children: list[object] = []
        props = branch.get("properties")
        if isinstance(props, dict) and head in props:
            children.append(props[head])
        pprops = branch.get("patternProperties")
        if isinstance(pprops, dict):
            children.extend(s for p, s in pprops.items() if re.search(p, head))
        if not children and isinstance(branch.get("additionalProperties"), dict) and (
                branch.get("type") == "object" or "properties" in branch):
            children.append(branch["additionalProperties"])
        if head.isdigit():
            prefix = branch.get("prefixItems")
            if isinstance(prefix, list) and int(head) < len(prefix):
                children.append(prefix[int(head)])
            elif isinstance(branch.get("items"), dict):
                children.append(branch["items"])
        for child in children:
            found.extend(_schemas_at(root, child, rest))
    return found

