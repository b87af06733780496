"""A small JSON Schema validator for the bundled Claude Code schemas.

The pre-commit hot path must not import ``jsonschema`` (it costs several times Python's own
start-up), so this module validates exactly the subset of draft 2020-12 that the bundled schemas
use. A schema using any other keyword is refused when it is compiled, so the schemas and this
validator cannot drift apart silently; ``tests/test_schema_agreement.py`` checks that the results
agree with ``jsonschema`` and with what Claude Code 2.1.330 does.

Besides standard keywords the schemas carry ``x-`` annotations, read here and by the linter:

- ``x-on-invalid``: what Claude Code does when the subschema fails: ``"drop-file"`` (the default:
  the whole file is ignored), ``"skip-entry"`` (only the instance at that subschema is ignored,
  with a warning: a malformed permission rule, an unknown hook event), ``"ignored"`` (Claude
  Code does not check the value and silently does not use a bad one) or ``"converted"``
  (Claude Code uses the text JavaScript's ``String()`` makes of the value: a non-string ``env``
  value, ``null`` becoming ``"null"``). The nearest declaration
  wins, except that an explicit ``"drop-file"`` wins over every declaration below it (a broken
  PreToolUse hook drops the file although broken hooks elsewhere are only skipped);
- ``x-message``: the message shown when a keyword of that very subschema fails (``{value}`` is
  replaced by the failing value);
- ``x-valid-if``: a regular expression; a string it matches whole is valid against the whole
  subschema, which is then not evaluated (a shortcut for the common case of a subschema with many
  checks, such as a permission rule; ``tests/test_schema.py`` proves each one sound);
- ``x-scope``, ``x-deprecated``, ``x-replacement``, ``x-since``, ...: facts about a key, read with
  :func:`annotations`; ``x-outside-scope`` marks the keys Claude Code skips, with a warning, in
  files its ``x-scope`` excludes (see ``validate(..., scope=...)``).
"""

# No ``from __future__ import annotations`` here: it would bind the name ``annotations`` that this
# module's API defines as a function, and type checkers would then see the feature object.
import json
import re
from functools import lru_cache, partial
from typing import Any, Callable, NamedTuple, Sequence

from claude_tiers.resources import load_schema

__all__ = [
    "CONVERTED",
    "DROP_FILE",
    "IGNORED",
    "SCOPES",
    "SETTINGS_SCHEMA",
    "SKIP_ENTRY",
    "SUPPORTED_KEYWORDS",
    "SchemaDefinitionError",
    "SchemaIssue",
    "allowed_values",
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
CONVERTED = "converted"
_CONSEQUENCES = frozenset({DROP_FILE, SKIP_ENTRY, IGNORED, CONVERTED})

SCOPES = ("user", "project", "local", "managed", "cli")
"""Kinds of settings file for ``validate(..., scope=...)``; ``cli`` is ``--settings``."""

# The kinds of settings file each x-scope value is honoured in.
_SCOPE_FILES = {
    "any": frozenset(SCOPES),
    "user-local-managed": frozenset({"user", "local", "managed", "cli"}),
    "user-managed": frozenset({"user", "managed", "cli"}),
    "managed": frozenset({"managed"}),
    "global-config": frozenset(),
}


class SchemaIssue(NamedTuple):
    """One place where a document does not satisfy a schema."""

    pointer: str  # RFC 6901 JSON pointer of the failing instance, "" for the root
    message: str  # human message, e.g. "expected a string, got number 42"
    keyword: str  # the failing JSON Schema keyword: "type", "enum", ...
    consequence: str  # DROP_FILE, SKIP_ENTRY, IGNORED or CONVERTED


class SchemaDefinitionError(ValueError):
    """A bundled schema uses a keyword or a construct this validator does not implement."""


_ANNOTATION_KEYWORDS = frozenset({"$schema", "$id", "$defs", "title", "description"})
_ASSERTION_KEYWORDS = frozenset({
    "$ref", "type", "enum", "const", "minimum", "maximum", "exclusiveMinimum", "minLength",
    "pattern", "items", "maxItems", "properties", "additionalProperties", "propertyNames",
    "required", "allOf", "anyOf", "oneOf", "not", "if", "then",
})
SUPPORTED_KEYWORDS: frozenset[str] = _ANNOTATION_KEYWORDS | _ASSERTION_KEYWORDS
"""Every keyword a bundled schema may use (besides ``x-`` annotations)."""

_JSON_TYPES = frozenset({"null", "boolean", "object", "array", "number", "string", "integer"})

# An issue before sorting: (document-order key, issue, pointer of the entry it makes Claude skip).
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
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _got(value: object) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    if value is None:
        return "null"
    return f"{_json_type(value)} {_short(value)}"


def _type_phrase(name: str) -> str:
    return {"object": "an object", "array": "an array", "integer": "an integer",
            "null": "null"}.get(name, f"a {name}")


def _plural(type_name: str) -> str:
    return "null values" if type_name == "null" else f"{type_name}s"


def _or_list(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def _number_text(value: float) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _enum_text(values: Sequence[object]) -> str:
    return ", ".join(_short(v) for v in values)


def _bound_text(relation: str, bound: float, value: float) -> str:
    return f"expected a number {relation} {_number_text(bound)}, got {_short(value)}"


def _missing_text(name: str) -> str:
    return f"missing required property {_short(name)}"


# --------------------------------------------------------------------------------------------
# Compiled schema nodes


class _Ctx(NamedTuple):
    """Where the validator is in the instance, and what a failure there costs."""

    pointer: str
    order: tuple[int, ...]  # positions in the instance, for document-order sorting
    consequence: str
    entry: str = ""  # pointer of the instance whose subschema declared the consequence
    sticky: bool = False  # an enclosing subschema declared drop-file

    # Built directly rather than with _replace: a context is made for every value visited.
    def at(self, token: str | int, index: int) -> "_Ctx":
        text = str(token)
        if "~" in text or "/" in text:
            text = _escape(text)
        return _Ctx(f"{self.pointer}/{text}", self.order + (index,), self.consequence,
                    self.entry, self.sticky)

    def declare(self, consequence: str) -> "_Ctx":
        if self.sticky:
            return self
        return _Ctx(self.pointer, self.order, consequence, self.pointer,
                    consequence == DROP_FILE)


_SHORTCUTS = True  # tests turn x-valid-if and the valid-string memo off to prove them sound
_MEMO_STRINGS = 128  # valid strings remembered per node, at most (512 was no faster)
_MEMO_CHARS = 160  # longer strings (whole shell commands) are rarely repeated: not remembered
_ROOT = _Ctx("", (), DROP_FILE)


class _Node:
    """One compiled (sub)schema."""

    __slots__ = (
        "_compiler", "location", "always", "message", "consequence", "types", "py_types",
        "valid_if", "has_const",
        "const", "enum", "minimum", "maximum", "exclusive_minimum", "min_length", "pattern",
        "items", "max_items", "properties", "raw_properties", "additional", "property_names",
        "required",
        "all_of", "any_of", "one_of", "not_", "if_", "then", "ref", "valid_strings", "only_types",
        "ref_only",
    )

    def __init__(self, compiler: "_Compiler", location: str) -> None:
        self._compiler = compiler
        self.location = location or "#"
        self.always: bool | None = None  # a boolean schema
        self.message: str | None = None
        self.consequence: str | None = None
        self.types: tuple[str, ...] = ()
        self.py_types: tuple[type, ...] | None = None  # isinstance() suffices for these types
        self.valid_if: re.Pattern[str] | None = None  # x-valid-if: a string it matches is valid
        self.has_const = False
        self.const: object = None
        self.enum: list[object] | None = None
        self.minimum: float | None = None
        self.maximum: float | None = None
        self.exclusive_minimum: float | None = None
        self.min_length: int | None = None
        self.pattern: re.Pattern[str] | None = None
        self.items: _Node | None = None
        self.max_items: int | None = None
        self.properties: dict[str, _Node] = {}  # compiled on first use (see subschema_of())
        self.raw_properties: dict[str, object] = {}
        self.additional: _Node | None = None
        self.property_names: _Node | None = None
        self.required: list[str] = []
        self.all_of: list[_Node] = []
        self.any_of: list[_Node] = []
        self.one_of: list[_Node] = []
        self.not_: _Node | None = None
        self.if_: _Node | None = None
        self.then: _Node | None = None
        self.ref: str | None = None
        # Strings this node found valid before: whether a string is valid depends on the node
        # and the string alone (the context only names and grades issues), and a monorepo's
        # files repeat the same permission rules, env values and model ids: 88% of the string
        # checks of the 1k benchmark tree are repeats. Bounded (see _remember_valid): the
        # lint's memory limit counts every worker.
        self.valid_strings: set[str] = set()
        # Set when the type alone decides validity (isinstance), as for most env values and
        # hook commands: is_valid is then one call, and remembers nothing.
        self.only_types: tuple[type, ...] | None = None
        # Set when the node is a $ref and nothing else: is_valid asks the target directly
        # (which remembers its valid strings) rather than remembering them twice.
        self.ref_only = False

    # ---- compilation -------------------------------------------------------------------

    def _fail(self, text: str) -> SchemaDefinitionError:
        return SchemaDefinitionError(f"{self.location}: {text}")

    def _number(self, raw: dict[str, Any], key: str) -> float | None:
        value = raw.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self._fail(f"{key} must be a number, not {value!r}")
        return value

    def _count(self, raw: dict[str, Any], key: str) -> int | None:
        value = raw.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self._fail(f"{key} must be a non-negative integer, not {value!r}")
        return value

    def _branches(self, raw: dict[str, Any], key: str) -> list["_Node"]:
        value = raw.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or not value:
            raise self._fail(f"{key} must be a non-empty array")
        return [self._sub(s, f"{key}/{i}") for i, s in enumerate(value)]

    def _sub(self, raw: object, path: str) -> "_Node":
        return self._compiler.node(raw, f"{self.location}/{path}")

    def build(self, raw: object) -> None:
        if isinstance(raw, bool):
            self.always = raw
            return
        if not isinstance(raw, dict):
            raise self._fail("a schema must be an object or a boolean")
        unknown = sorted(k for k in raw if k not in SUPPORTED_KEYWORDS and not k.startswith("x-"))
        if unknown:
            raise self._fail(f"keyword {unknown[0]!r} is not supported by claude_tiers.schema "
                             f"(supported: {', '.join(sorted(SUPPORTED_KEYWORDS))})")
        message = raw.get("x-message")
        if message is not None and not isinstance(message, str):
            raise self._fail(f"x-message must be a string, not {message!r}")
        self.message = message
        consequence = raw.get("x-on-invalid")
        if consequence is not None and consequence not in _CONSEQUENCES:
            raise self._fail(f"x-on-invalid must be one of {sorted(_CONSEQUENCES)}, "
                             f"not {consequence!r}")
        self.consequence = consequence
        if "x-valid-if" in raw:
            self.valid_if = _compile_pattern(raw["x-valid-if"], self.location)
        if "type" in raw:
            names = [raw["type"]] if isinstance(raw["type"], str) else raw["type"]
            if not isinstance(names, list) or not names or any(t not in _JSON_TYPES
                                                               for t in names):
                raise self._fail(f"bad type {raw['type']!r}")
            self.types = tuple(names)
            simple: dict[str, tuple[type, ...]] = {
                "string": (str,), "object": (dict,), "array": (list,), "null": (type(None),),
                "boolean": (bool,)}
            if "boolean" in self.types:  # a bool is an int to isinstance: right only here
                simple["number"] = (int, float)
            if all(t in simple for t in self.types):
                self.py_types = tuple(k for t in self.types for k in simple[t])
        if "const" in raw:
            self.has_const, self.const = True, raw["const"]
        if "enum" in raw:
            if not isinstance(raw["enum"], list) or not raw["enum"]:
                raise self._fail("enum must be a non-empty array")
            self.enum = raw["enum"]
        self.minimum = self._number(raw, "minimum")
        self.maximum = self._number(raw, "maximum")
        self.exclusive_minimum = self._number(raw, "exclusiveMinimum")
        self.min_length = self._count(raw, "minLength")
        self.max_items = self._count(raw, "maxItems")
        if "pattern" in raw:
            self.pattern = _compile_pattern(raw["pattern"], self.location)
        if "items" in raw:
            self.items = self._sub(raw["items"], "items")
        if "properties" in raw:
            if not isinstance(raw["properties"], dict):
                raise self._fail("properties must be an object")
            self.raw_properties = raw["properties"]
        if "additionalProperties" in raw:
            self.additional = self._sub(raw["additionalProperties"], "additionalProperties")
        if "propertyNames" in raw:
            self.property_names = self._sub(raw["propertyNames"], "propertyNames")
        if "required" in raw:
            if not isinstance(raw["required"], list) or not all(isinstance(r, str)
                                                                for r in raw["required"]):
                raise self._fail("required must be an array of strings")
            self.required = raw["required"]
        self.all_of = self._branches(raw, "allOf")
        self.any_of = self._branches(raw, "anyOf")
        self.one_of = self._branches(raw, "oneOf")
        if "not" in raw:
            self.not_ = self._sub(raw["not"], "not")
        if "then" in raw and "if" not in raw:
            raise self._fail("then without if")
        if "if" in raw:
            self.if_ = self._sub(raw["if"], "if")
            if "then" in raw:
                self.then = self._sub(raw["then"], "then")
        if "$ref" in raw:
            ref = raw["$ref"]
            if not isinstance(ref, str) or not (ref == "#" or ref.startswith("#/")):
                raise self._fail(f"only local $refs are supported, not {ref!r}")
            self.ref = ref  # resolved on first use; compile_all() checks every reference
        others = (self.has_const or self.enum is not None or self.minimum is not None
                  or self.maximum is not None or self.exclusive_minimum is not None
                  or self.min_length is not None or self.pattern is not None
                  or self.items is not None or self.max_items is not None or self.raw_properties
                  or self.additional is not None or self.property_names is not None
                  or bool(self.required) or bool(self.all_of) or bool(self.any_of)
                  or bool(self.one_of) or self.not_ is not None or self.if_ is not None)
        if not others and self.ref is None:
            self.only_types = self.py_types if self.types else (object,)
        elif not others and not self.types and self.valid_if is None:
            self.ref_only = True

    def subschema_of(self, name: str) -> "_Node | None":
        """The subschema of property ``name`` (``additionalProperties`` when not listed).

        Compiled on first use: a settings file names a few of the 150 top-level keys, so
        compiling the others at every start would be most of the cost of validating it.
        """
        node = self.properties.get(name)
        if node is None:
            if name not in self.raw_properties:
                return self.additional
            node = self.properties[name] = self._sub(self.raw_properties[name],
                                                     f"properties/{_escape(name)}")
        return node

    def children(self) -> list["_Node"]:
        """Every direct subschema, compiling the lazy ones (for :meth:`_Compiler.compile_all`)."""
        out = [n for n in (self.items, self.additional, self.property_names, self.not_,
                           self.if_, self.then) if n is not None]
        out += [n for name in self.raw_properties if (n := self.subschema_of(name)) is not None]
        out += self.all_of + self.any_of + self.one_of
        if self.ref is not None:
            out.append(self._compiler.resolve(self.ref))
        return out

    # ---- validation --------------------------------------------------------------------

    def is_valid(self, value: object) -> bool:
        """Is ``value`` valid here? The verdict of an empty :meth:`check`, reached without
        building contexts, pointers or issues, and at the first failure: most files are valid,
        and this decides them at a fraction of the cost (tests compare the two)."""
        if self.only_types is not None:
            return isinstance(value, self.only_types)
        if self.ref_only and self.ref is not None:
            return self._compiler.resolve(self.ref).is_valid(value)
        if type(value) is str and _SHORTCUTS:
            if value in self.valid_strings:
                return True
            if self.valid_if is not None and self.valid_if.fullmatch(value) is not None:
                return True
            if not self._valid(value):
                return False
            if len(value) <= _MEMO_CHARS:
                self._remember_valid(value)
            return True
        return self._valid(value)

    def _valid(self, value: object) -> bool:  # the same keywords, in the order of _check
        if self.always is not None:
            return self.always
        if self.types and not (isinstance(value, self.py_types) if self.py_types is not None
                               else any(_is_type(value, t) for t in self.types)):
            return False
        if self.has_const and not _json_equal(value, self.const):
            return False
        if self.enum is not None and not any(_json_equal(value, e) for e in self.enum):
            return False
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if (self.minimum is not None and value < self.minimum
                    or self.maximum is not None and value > self.maximum
                    or self.exclusive_minimum is not None and value <= self.exclusive_minimum):
                return False
        elif isinstance(value, str):
            if self.min_length is not None and len(value) < self.min_length:
                return False
            if self.pattern is not None and self.pattern.search(value) is None:
                return False
        elif isinstance(value, list):
            if self.max_items is not None and len(value) > self.max_items:
                return False
            items = self.items
            if items is not None and not (
                    all(isinstance(item, items.only_types) for item in value)
                    if items.only_types is not None
                    else all(items.is_valid(item) for item in value)):
                return False
        elif isinstance(value, dict):
            if not self._valid_object(value):
                return False
        if self.all_of and not all(node.is_valid(value) for node in self.all_of):
            return False
        if self.any_of and not any(node.is_valid(value) for node in self.any_of):
            return False
        if self.one_of and sum(node.is_valid(value) for node in self.one_of) != 1:
            return False
        if self.not_ is not None and self.not_.is_valid(value):
            return False
        if self.if_ is not None and self.then is not None and self.if_.is_valid(value) \
                and not self.then.is_valid(value):
            return False
        return self.ref is None or self._compiler.resolve(self.ref).is_valid(value)

    def _valid_object(self, value: dict[str, Any]) -> bool:
        for name in self.required:
            if name not in value:
                return False
        if not (self.raw_properties or self.additional is not None
                or self.property_names is not None):
            return True
        names, compiled = self.property_names, self.properties
        for name, item in value.items():
            if names is not None and not names.is_valid(name):
                return False
            node = compiled.get(name) or self.subschema_of(name)
            if node is None:
                continue
            # The type-only test inline: most members of an object are plain values.
            if node.only_types is not None:
                if not isinstance(item, node.only_types):
                    return False
            elif not node.is_valid(item):
                return False
        return True

    def _issue(self, out: _Out, ctx: _Ctx, keyword: str, value: object,
               message: Callable[[], str]) -> None:
        text = (self.message.replace("{value}", _short(value)) if self.message is not None
                else message())
        out.append((ctx.order, SchemaIssue(ctx.pointer, text, keyword, ctx.consequence),
                    ctx.entry))

    def check(self, value: object, ctx: _Ctx, out: _Out) -> None:
        """Append the issues of ``value`` (at ``ctx``) to ``out``."""
        if type(value) is str and _SHORTCUTS:
            if value in self.valid_strings:
                return
            if self.valid_if is not None and self.valid_if.fullmatch(value) is not None:
                return
            before = len(out)
            self._check(value, ctx, out)
            if len(out) == before and len(value) <= _MEMO_CHARS:
                self._remember_valid(value)
            return
        self._check(value, ctx, out)

    def _remember_valid(self, value: str) -> None:
        strings = self.valid_strings
        if len(strings) >= _MEMO_STRINGS:  # full: start again, so memory stays bounded
            strings.clear()
        strings.add(value)

    def _check(self, value: object, ctx: _Ctx, out: _Out) -> None:
        if self.consequence is not None:
            ctx = ctx.declare(self.consequence)
        if self.always is not None:
            if not self.always:
                self._issue(out, ctx, "false", value, lambda: "no value is allowed here")
            return
        if self.types and not (isinstance(value, self.py_types) if self.py_types is not None
                               else any(_is_type(value, t) for t in self.types)):
            self._issue(out, ctx, "type", value, lambda: (
                f"expected {_or_list([_type_phrase(t) for t in self.types])}, got {_got(value)}"))
            return  # the other keywords here would only repeat the point
        if self.has_const and not _json_equal(value, self.const):
            self._issue(out, ctx, "const", value,
                        lambda: f"expected {_short(self.const)}, got {_short(value)}")
        if self.enum is not None and not any(_json_equal(value, e) for e in self.enum):
            enum = self.enum
            self._issue(out, ctx, "enum", value,
                        lambda: f"expected one of {_enum_text(enum)}; got {_short(value)}")
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
            self._issue(out, ctx, "not", value, lambda: f"{_short(value)} is not allowed here")
        if self.if_ is not None and self.then is not None and self.if_.is_valid(value):
            self.then.check(value, ctx, out)
        if self.ref is not None:
            self._compiler.resolve(self.ref).check(value, ctx, out)

    def _check_number(self, value: float, ctx: _Ctx, out: _Out) -> None:
        if self.minimum is not None and value < self.minimum:
            self._issue(out, ctx, "minimum", value, partial(_bound_text, ">=", self.minimum, value))
        if self.maximum is not None and value > self.maximum:
            self._issue(out, ctx, "maximum", value, partial(_bound_text, "<=", self.maximum, value))
        if self.exclusive_minimum is not None and value <= self.exclusive_minimum:
            self._issue(out, ctx, "exclusiveMinimum", value,
                        partial(_bound_text, ">", self.exclusive_minimum, value))

    def _check_string(self, value: str, ctx: _Ctx, out: _Out) -> None:
        if self.min_length is not None and len(value) < self.min_length:
            wanted = ("a non-empty string" if self.min_length == 1
                      else f"a string of at least {self.min_length} characters")
            self._issue(out, ctx, "minLength", value,
                        lambda: f"expected {wanted}, got {_short(value)}")
        pattern = self.pattern
        if pattern is not None and pattern.search(value) is None:
            self._issue(out, ctx, "pattern", value,
                        lambda: f"{_short(value)} does not match the pattern {pattern.pattern}")

    def _check_array(self, value: list[Any], ctx: _Ctx, out: _Out) -> None:
        if self.max_items is not None and len(value) > self.max_items:
            limit = self.max_items
            self._issue(out, ctx, "maxItems", value, lambda: (
                f"expected at most {limit} item{'' if limit == 1 else 's'}, got {len(value)}"))
        if self.items is not None:
            for index, item in enumerate(value):
                self.items.check(item, ctx.at(index, index), out)

    def _check_object(self, value: dict[str, Any], ctx: _Ctx, out: _Out) -> None:
        for name in self.required:
            if name not in value:
                self._issue(out, ctx, "required", value, partial(_missing_text, name))
        if not (self.raw_properties or self.additional is not None
                or self.property_names is not None):
            return
        names = self.property_names
        for index, (name, item) in enumerate(value.items()):
            node = self.subschema_of(name)
            if node is None and names is None:
                continue
            child = ctx.at(name, index)
            if names is not None:
                names._check_name(name, child, out)
            if node is None:
                continue
            if node.always is False:  # additionalProperties: false
                out.append((child.order, SchemaIssue(
                    child.pointer, f"unexpected property {_short(name)}", "additionalProperties",
                    child.consequence), child.entry))
            else:
                node.check(item, child, out)

    def _check_name(self, name: str, ctx: _Ctx, out: _Out) -> None:
        """Validate a property name; issues point at the property, not at the object."""
        found: _Out = []
        self.check(name, ctx, found)
        for order, issue, entry in found:
            message = issue.message if self.message is not None else (
                f"property name {_short(name)}: {issue.message}")
            out.append((order, issue._replace(message=message, keyword="propertyNames"), entry))

    def _check_any_of(self, value: object, ctx: _Ctx, out: _Out) -> None:
        if any(node.is_valid(value) for node in self.any_of):
            return
        self._issue(out, ctx, "anyOf", value,
                    lambda: self._no_match(value, ctx, self.any_of))

    def _check_one_of(self, value: object, ctx: _Ctx, out: _Out) -> None:
        passed = sum(node.is_valid(value) for node in self.one_of)
        if passed > 1:
            self._issue(out, ctx, "oneOf", value,
                        lambda: f"{_short(value)} matches more than one of the allowed forms")
        elif passed == 0:
            self._issue(out, ctx, "oneOf", value,
                        lambda: self._no_match(value, ctx, self.one_of))

    def _no_match(self, value: object, ctx: _Ctx, branches: list["_Node"]) -> str:
        failures: list[_Out] = []
        for node in branches:
            found: _Out = []
            node.check(value, ctx, found)
            failures.append(found)

        def wrong_type(failure: _Out) -> bool:
            issue = failure[0][1]
            return len(failure) == 1 and issue.keyword == "type" and issue.pointer == ctx.pointer

        if all(wrong_type(f) for f in failures):
            return f"expected {_or_list([b.expected() for b in branches])}, got {_got(value)}"
        # Explain the closest form: one of the right type, with the fewest problems.
        candidates = [f for f in failures if not wrong_type(f)]
        best = min(candidates, key=len)
        first = min(best, key=lambda raw: raw[0])[1]
        where = f" at {first.pointer}" if first.pointer != ctx.pointer else ""
        if len(candidates) == 1:  # the only form of the value's type says it best
            return f"{first.message}{where}"
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
        for name in target.types:
            phrase = _type_phrase(name)
            if name == "array" and target.items is not None and target.items.types:
                phrase += " of " + _or_list([_plural(t) for t in target.items.types])
            phrases.append(phrase)
        return _or_list(phrases)


def _compile_pattern(pattern: object, where: str) -> re.Pattern[str]:
    if not isinstance(pattern, str):
        raise SchemaDefinitionError(f"{where}: pattern must be a string, not {pattern!r}")
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise SchemaDefinitionError(f"{where}: bad pattern {pattern!r}: {exc}") from None


class _Compiler:
    """Compiles one schema document; nodes are shared and $refs resolved once."""

    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self._nodes: dict[int, _Node] = {}
        self._refs: dict[str, _Node] = {}
        self.top = self.node(root, "")

    def node(self, raw: object, location: str) -> _Node:
        found = self._nodes.get(id(raw))
        if found is not None:
            return found
        node = _Node(self, location)
        self._nodes[id(raw)] = node  # before build(), so recursive schemas terminate
        node.build(raw)
        return node

    def compile_all(self) -> int:
        """Compile every subschema now (the lazy ones too), raising SchemaDefinitionError on
        the first bad one; returns how many nodes there are. Tests call it on every bundled
        schema, so a broken schema fails there and not in the middle of a user's run."""
        seen: set[int] = set()
        todo = [self.top]
        while todo:
            node = todo.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            todo.extend(node.children())
        return len(seen)

    def resolve(self, ref: str) -> _Node:
        found = self._refs.get(ref)
        if found is not None:
            return found
        target: object = self.root
        for part in ref[2:].split("/") if ref != "#" else []:
            if not isinstance(target, dict) or _unescape(part) not in target:
                raise SchemaDefinitionError(f"unresolvable $ref {ref!r}")
            target = target[_unescape(part)]
        node = self._refs[ref] = self.node(target, ref[1:])
        return node


@lru_cache(maxsize=None)
def compiled(schema: str = SETTINGS_SCHEMA) -> _Compiler:
    """The compiled form of a bundled schema (compiled once, on first use)."""
    return _Compiler(load_schema(schema))


# --------------------------------------------------------------------------------------------
# Validation API


def _run(data: object, schema: str, scope: str | None) -> list[_Raw]:
    if scope is not None and scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}; expected one of {', '.join(SCOPES)}")
    out: _Out = []
    top = compiled(schema).top
    if not top.is_valid(data):
        top.check(data, _ROOT, out)
    if scope is not None:
        out.extend(_scope_issues(data, schema, scope))
    if scope == "managed":
        out = [_as_managed(raw, schema) for raw in out]
    out.sort(key=lambda raw: raw[0])  # stable: one place keeps its keyword order
    return out


def _as_managed(raw: _Raw, schema: str) -> _Raw:
    """Managed settings drop a bad key, not the file (recorded from Claude Code 2.1.330).

    Only the default drop-file changes: one an enclosing subschema declares (a broken PreToolUse
    hook) still fails closed, and Claude Code then refuses to start. The entry is the top-level key,
    or as many levels as its ``x-managed-entry-depth`` says (``permissions.defaultMode``).
    """
    order, issue, entry = raw
    if issue.consequence != DROP_FILE or entry or not issue.pointer:
        return raw
    parts = issue.pointer.split("/")[1:]
    depth = _annotations_of([_unescape(parts[0])], schema).get("x-managed-entry-depth", 1)
    depth = depth if isinstance(depth, int) else 1
    return order, issue._replace(consequence=SKIP_ENTRY), "/" + "/".join(parts[:depth])


def validate(data: object, schema: str = SETTINGS_SCHEMA, *,
             scope: str | None = None) -> list[SchemaIssue]:
    """Validate parsed JSON ``data`` against a bundled schema; issues in document order.

    With ``scope`` (one of :data:`SCOPES`), also report the top-level keys Claude Code skips
    because that kind of settings file does not honour them (the keys declaring
    ``x-outside-scope``). With ``scope="managed"``, an invalid key makes Claude Code ignore that
    key (``skip-entry``) rather than the file, and a remaining ``drop-file`` means it refuses to
    start at all.
    """
    return [issue for _, issue, _ in _run(data, schema, scope)]


def skipped_entries(data: object, schema: str = SETTINGS_SCHEMA, *,
                    scope: str | None = None) -> list[str]:
    """JSON pointers of the entries Claude Code skips in ``data``, once each, in document order.

    An entry is the instance at the subschema that declared ``x-on-invalid: skip-entry`` (a
    permission rule, a hook handler, an unknown hook event...), not the deeper value that failed.
    Meaningful only when no issue drops the whole file.
    """
    entries: dict[str, None] = {}
    for _, issue, entry in _run(data, schema, scope):
        if issue.consequence == SKIP_ENTRY:
            entries.setdefault(entry, None)
    return list(entries)


def _scope_issues(data: object, schema: str, scope: str) -> list[_Raw]:
    if not isinstance(data, dict):
        return []
    properties = load_schema(schema).get("properties", {})
    out: list[_Raw] = []
    for index, name in enumerate(data):
        sub = properties.get(name)
        if not isinstance(sub, dict) or "x-outside-scope" not in sub:
            continue
        key_scope = str(sub.get("x-scope", "any"))
        if scope in _SCOPE_FILES.get(key_scope, _SCOPE_FILES["any"]):
            continue
        pointer = "/" + _escape(name)
        message = (f"{_short(name)} is honoured only in {key_scope} settings; Claude Code skips "
                   f"it in {scope} settings")
        issue = SchemaIssue(pointer, message, "x-scope", str(sub["x-outside-scope"]))
        out.append(((index,), issue, pointer))
    return out


@lru_cache(maxsize=None)
def linked_keys(schema: str = SETTINGS_SCHEMA) -> frozenset[str]:
    """Top-level keys that a root-level condition relates to one another (``allOf``/``if``
    ``required``): every other top-level key is validated on its own, so a change to some
    keys can be checked by validating just those, plus these."""
    root = load_schema(schema)
    names: set[str] = set()
    for branch in root.get("allOf", []) + root.get("anyOf", []) + root.get("oneOf", []):
        for part in (branch.get("if"), branch.get("then"), branch):
            if isinstance(part, dict):
                names.update(n for n in part.get("required", []) if isinstance(n, str))
                names.update(n for n in part.get("properties", {}) if isinstance(n, str))
    return frozenset(names)


def verdict(issues: Sequence[SchemaIssue]) -> str:
    """What Claude Code does with a file having these issues.

    ``"dropped"`` (the whole file is ignored), ``"entries-skipped"`` (only the failing entries
    are, with a warning) or ``"loaded"`` (``ignored`` and ``converted`` issues never stop a file
    loading).
    """
    if any(issue.consequence == DROP_FILE for issue in issues):
        return "dropped"
    if any(issue.consequence == SKIP_ENTRY for issue in issues):
        return "entries-skipped"
    return "loaded"


# --------------------------------------------------------------------------------------------
# Annotations API


def annotations(pointer_parts: Sequence[str],
                schema: str = SETTINGS_SCHEMA) -> dict[str, object]:
    """The ``x-`` annotations (and ``description``) of the property at ``pointer_parts``.

    ``("permissions", "defaultMode")`` gives those of ``permissions.defaultMode``; array items
    are reached with any index (``("hooks", "Stop", "0", "hooks", "0", "command")``). Unknown
    locations give ``{}``.
    """
    return _annotations_of(pointer_parts, schema)


def _annotations_of(pointer_parts: Sequence[str], schema: str) -> dict[str, object]:
    root = load_schema(schema)
    result: dict[str, object] = {}
    for raw in reversed(_schemas_at(root, root, tuple(pointer_parts))):
        for chained in reversed(_ref_chain(root, raw)):  # the property's own annotations win
            for key, value in chained.items():
                if key.startswith("x-") or key == "description":
                    result[key] = value
    return result


def known_keys(schema: str = SETTINGS_SCHEMA, at: Sequence[str] = ()) -> frozenset[str]:
    """The property names a schema defines at a location (by default its top level)."""
    root = load_schema(schema)
    names: set[str] = set()
    for raw in _schemas_at(root, root, tuple(at)):
        for branch in _expand(root, raw):
            properties = branch.get("properties")
            if isinstance(properties, dict):
                names.update(properties)
    return frozenset(names)


def allowed_values(pointer_parts: Sequence[str],
                   schema: str = SETTINGS_SCHEMA) -> list[object]:
    """The values a schema enumerates at a location (``enum``/``const``, also inside anyOf,
    oneOf, allOf and $ref), in schema order; for did-you-mean suggestions. ``[]`` if none."""
    root = load_schema(schema)
    values: list[object] = []
    for raw in _schemas_at(root, root, tuple(pointer_parts)):
        for branch in _expand(root, raw):
            if "if" in branch:
                continue
            listed = branch.get("enum", [branch["const"]] if "const" in branch else [])
            values.extend(v for v in listed if not any(_json_equal(v, w) for w in values))
    return values


def _target(root: dict[str, Any], ref: str) -> object:
    target: object = root
    for part in ref[2:].split("/") if ref != "#" else []:
        target = target.get(_unescape(part)) if isinstance(target, dict) else None
    return target


def _ref_chain(root: dict[str, Any], raw: dict[str, Any]) -> list[dict[str, Any]]:
    """A subschema followed through its $refs (the subschema first)."""
    chain = [raw]
    while isinstance(chain[-1].get("$ref"), str) and len(chain) < 20:
        target = _target(root, chain[-1]["$ref"])
        if not isinstance(target, dict):
            break
        chain.append(target)
    return chain


def _expand(root: dict[str, Any], raw: object, depth: int = 0) -> list[dict[str, Any]]:
    """A subschema with its $ref target and allOf/anyOf/oneOf/then branches, recursively."""
    if not isinstance(raw, dict) or depth > 20:
        return []
    found = [raw]
    if isinstance(raw.get("$ref"), str):
        found.extend(_expand(root, _target(root, raw["$ref"]), depth + 1))
    for key in ("allOf", "anyOf", "oneOf"):
        for branch in raw.get(key, ()):
            found.extend(_expand(root, branch, depth + 1))
    if "then" in raw:
        found.extend(_expand(root, raw["then"], depth + 1))
    return found


def _schemas_at(root: dict[str, Any], raw: object,
                parts: tuple[str, ...]) -> list[dict[str, Any]]:
    """The subschemas that describe the instance at ``parts`` below ``raw`` (closest first)."""
    if not parts:
        return [raw] if isinstance(raw, dict) else []
    head, rest = parts[0], parts[1:]
    found: list[dict[str, Any]] = []
    for branch in _expand(root, raw):
        properties = branch.get("properties")
        if isinstance(properties, dict) and head in properties:
            found.extend(_schemas_at(root, properties[head], rest))
        elif isinstance(branch.get("additionalProperties"), dict) and "type" in branch:
            found.extend(_schemas_at(root, branch["additionalProperties"], rest))
        if head.isdigit() and isinstance(branch.get("items"), dict):
            found.extend(_schemas_at(root, branch["items"], rest))
    return found
