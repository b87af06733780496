"""Carrying out the cross-file fixes of :mod:`claude_tiers.lint.fileops` (the I/O edge)."""

from __future__ import annotations

import os
import subprocess
from typing import Any

from claude_tiers.errors import DocumentError, TiersError
from claude_tiers.lint.fileops import FileOp, FileOps, MergeInto, Move, Untrack


class OpRefused(TiersError):
    """A cross-file fix that cannot be carried out safely (the files are left alone)."""


def conflicts(base: Any, extra: Any, path: str = "") -> list[str]:
    """JSON paths where merging ``extra`` into ``base`` would change a value ``base`` has."""
    if isinstance(base, dict) and isinstance(extra, dict):
        found: list[str] = []
        for key, value in extra.items():
            if key in base:
                found.extend(conflicts(base[key], value, f"{path}.{key}" if path else key))
        return found
    if isinstance(base, list) and isinstance(extra, list):
        return []
    from claude_tiers.jsonio import same

    return [] if same(base, extra) else [path]


def _merge(op: MergeInto, dry_run: bool) -> tuple[str, str]:
    from claude_tiers import jsonio
    from claude_tiers.lint.engine import unified
    from claude_tiers.merge import merge

    state = jsonio.snapshot(op.target)
    if state.exists:
        try:
            doc = jsonio.load(op.target)
        except DocumentError as exc:
            raise OpRefused(f"not merged into {op.target}: {exc}") from None
        clash = conflicts(doc.data, op.data)
        if clash:
            raise OpRefused(f"not merged into {op.target}: it already sets "
                            f"{', '.join(clash)} differently; merge by hand")
        old_text = doc.text
        try:
            new_text = jsonio.render(doc, merge(doc.data, op.data))
        except DocumentError as exc:
            raise OpRefused(f"not merged into {op.target}: {exc}") from None
    else:
        old_text = ""
        new_text = jsonio.dumps(op.data)
    diff = unified(old_text, new_text, op.target) + f"deleted file {op.source}\n"
    if not dry_run:
        jsonio.write_atomic(op.target, new_text, state, op.target)
        os.remove(op.source)
    return diff, f"merged {op.source} into {op.target} and deleted it"


def _move(op: Move, dry_run: bool) -> tuple[str, str]:
    if os.path.lexists(op.destination):
        raise OpRefused(f"not moved: {op.destination} already exists")
    diff = f"rename from {op.source}\nrename to {op.destination}\n"
    if not dry_run:
        os.makedirs(os.path.dirname(op.destination) or ".", exist_ok=True)
        os.rename(op.source, op.destination)
    return diff, f"moved {op.source} to {op.destination}"


def _untrack(op: Untrack, dry_run: bool) -> tuple[str, str]:
    from claude_tiers.lint.engine import unified

    try:
        with open(op.gitignore, encoding="utf-8") as fh:
            old = fh.read()
    except FileNotFoundError:
        old = ""
    lines = [line.strip() for line in old.splitlines()]
    new = old
    if op.pattern not in lines:
        new = old + ("" if not old or old.endswith("\n") else "\n") + op.pattern + "\n"
    diff = f"git rm --cached {op.path}\n" + unified(old, new, op.gitignore)
    if not dry_run:
        folder, name = os.path.split(os.path.abspath(op.path))
        proc = subprocess.run(["git", "-C", folder, "rm", "--cached", "-q", "--", name],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
        if proc.returncode != 0:
            message = proc.stderr.decode("utf-8", "replace").strip()
            raise OpRefused(f"not untracked: git rm --cached {op.path}: {message}")
        if new != old:
            from claude_tiers import jsonio

            jsonio.write_atomic(op.gitignore, new, jsonio.snapshot(op.gitignore), op.gitignore)
    return diff, f"untracked {op.path} (git rm --cached) and ignored it in {op.gitignore}"


def _one(op: FileOp, dry_run: bool) -> tuple[str, str]:
    if isinstance(op, MergeInto):
        return _merge(op, dry_run)
    if isinstance(op, Move):
        return _move(op, dry_run)
    return _untrack(op, dry_run)


def carry_out(all_ops: list[FileOps], *, dry_run: bool, state_text: str | None = None
              ) -> tuple[set[str], str, list[str], bool]:
    """Do (or, with ``dry_run``, describe) each fix; returns (codes fixed, diff, notes, wrote)."""
    done: set[str] = set()
    diff: list[str] = []
    notes: list[str] = []
    wrote = False
    for fix in all_ops:
        try:
            for op in fix.ops:
                text, note = _one(op, dry_run)
                diff.append(text)
                if not dry_run:
                    notes.append(note)
                    wrote = True
            done.add(fix.code)
        except (TiersError, OSError) as exc:
            notes.append(str(exc))
    return done, "".join(diff), notes, wrote
