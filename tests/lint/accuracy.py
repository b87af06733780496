"""Lint's verdicts against Claude Code's, on the real-world corpus (used by test_accuracy.py).

``python -m tests.lint.accuracy [VERDICTS.json]`` prints the figures recorded in
``docs/accuracy.md`` (default: ``tests/oracle/corpus_verdicts.json``, recorded by
``python -m tests.oracle.harness corpus``).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claude_tiers.lint.base import DROPPED, SKIPPED
from claude_tiers.lint.engine import lint_text

KIND = {"project": "settings", "local": "local-settings", "user": "user-settings"}


def dotted(pointer: str) -> str:
    """``/permissions/allow/1`` -> ``permissions.allow.1`` (Claude Code's notation)."""
    from claude_tiers.jsonio import split_pointer

    return ".".join(split_pointer(pointer))


def covers(ours: str, theirs: str) -> bool:
    """Whether our finding's path names the entry Claude Code named (or something inside it)."""
    return theirs == "" or ours == theirs or ours.startswith(theirs + ".") \
        or theirs.startswith(ours + ".")


@dataclass
class Figures:
    """Agreement of lint with Claude Code over a set of files."""

    files: int = 0
    dropped: int = 0  # files Claude Code drops
    dropped_caught: int = 0  # ... that lint calls dropped
    skipped_files: int = 0  # files where Claude Code skips entries
    skipped_paths: int = 0  # entries Claude Code skips
    skipped_caught: int = 0  # ... that lint calls skipped, at that path
    loaded: int = 0  # files Claude Code loads without a problem
    false_alarms: int = 0  # ... that lint calls dropped or skipped
    misses: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)


def claims(text: bytes, scope: str) -> tuple[bool, list[str]]:
    """(lint says the file is dropped, paths lint says are skipped) for one file."""
    found = [f for f in lint_text(text, kind=KIND[scope]) if f.severity == "error"]
    dropped = any(DROPPED in f.message for f in found)
    skipped = [dotted(f.pointer) for f in found if SKIPPED in f.message]
    return dropped, skipped


def compare(entries: list[dict[str, Any]], corpus: Path) -> Figures:
    """Compare Claude Code's recorded verdicts with lint's claims."""
    fig = Figures()
    for entry in entries:
        fig.files += 1
        dropped, skipped = claims((corpus / entry["file"]).read_bytes(), entry["scope"])
        if entry["verdict"] == "dropped":
            fig.dropped += 1
            if dropped:
                fig.dropped_caught += 1
            else:
                fig.misses.append(f"{entry['file']}: dropped by Claude Code")
        elif entry["verdict"] == "entries-skipped":
            fig.skipped_files += 1
            for path in entry["paths"]:
                fig.skipped_paths += 1
                if any(covers(p, path) for p in skipped) and not dropped:
                    fig.skipped_caught += 1
                else:
                    fig.misses.append(f"{entry['file']}: {path} skipped by Claude Code")
        else:
            fig.loaded += 1
            if dropped or skipped:
                fig.false_alarms += 1
                fig.false.append(f"{entry['file']}: {'dropped' if dropped else skipped}")
    return fig


def schemastore_baseline(entries: list[dict[str, Any]], corpus: Path, schema: Path) -> dict[str, int]:
    """What validating against SchemaStore's schema flags (what check-jsonschema reports)."""
    import jsonschema

    validator_cls = jsonschema.validators.validator_for(json.loads(schema.read_text()))
    validator = validator_cls(json.loads(schema.read_text()))
    out = {"flagged_bad": 0, "bad": 0, "flagged_clean": 0, "clean": 0}
    for entry in entries:
        try:
            data = json.loads((corpus / entry["file"]).read_bytes())
            flagged = not validator.is_valid(data)
        except ValueError:
            flagged = True
        if entry["verdict"] == "loaded":
            out["clean"] += 1
            out["flagged_clean"] += flagged
        else:
            out["bad"] += 1
            out["flagged_bad"] += flagged
    return out


def main(argv: list[str]) -> int:
    """Print the figures."""
    from tests.conftest import CORPUS, SHARED
    from tests.oracle.harness import CORPUS_FILE

    source = Path(argv[0]) if argv else CORPUS_FILE
    entries = json.loads(source.read_text(encoding="utf-8"))["files"]
    fig = compare(entries, CORPUS)
    print(f"files {fig.files}: dropped {fig.dropped_caught}/{fig.dropped}, skipped entries "
          f"{fig.skipped_caught}/{fig.skipped_paths} (in {fig.skipped_files} files), "
          f"false dropped/skipped on clean files {fig.false_alarms}/{fig.loaded}")
    for line in fig.misses + fig.false:
        print("  ", line)
    base = schemastore_baseline(entries, CORPUS,
                                SHARED / "reference" / "schemastore-claude-code-settings.json")
    print(f"SchemaStore schema: flags {base['flagged_bad']}/{base['bad']} bad files and "
          f"{base['flagged_clean']}/{base['clean']} clean files")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
