"""Rules of the code base that keep start-up cheap (``claude-tiers lint FILE`` runs on every commit).

The figures behind them are in docs/benchmarks.md ("Where the time goes").
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "claude_tiers"


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _defines_named_tuple(tree: ast.Module) -> bool:
    return any(isinstance(node, ast.ClassDef) and any(ast.unparse(b) in ("NamedTuple", "typing.NamedTuple")
                                                     for b in node.bases)
               for node in ast.walk(tree))


def _future_annotations(tree: ast.Module) -> bool:
    return any(isinstance(node, ast.ImportFrom) and node.module == "__future__"
               and any(a.name == "annotations" for a in node.names) for node in tree.body)


def test_no_named_tuple_under_future_annotations() -> None:
    """Under ``from __future__ import annotations`` every NamedTuple field's annotation is a
    string, which typing turns into a ForwardRef by running compile(): ~0.4M instructions a
    field, 60M (a fifth of linting one file) for the ~160 fields on the lint path."""
    offenders = [str(p.relative_to(PACKAGE)) for p in _modules()
                 if _defines_named_tuple(tree := ast.parse(p.read_text())) and _future_annotations(tree)]
    assert not offenders


def test_no_dataclass_on_the_lint_path() -> None:
    """A frozen dataclass costs ~4M instructions to create (it compiles generated methods)."""
    lint_path = ["catalog.py", "config.py", "discover.py", "jsonio.py", "modelstr.py", "redact.py",
                 "schema.py", "resources.py", "errors.py", "launch.py", "commands/lint.py"]
    lint_path += [str(p.relative_to(PACKAGE)) for p in (PACKAGE / "lint").rglob("*.py")]
    offenders = [rel for rel in lint_path if "@dataclass" in (PACKAGE / rel).read_text()]
    assert not offenders
