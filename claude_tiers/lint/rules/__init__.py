"""The rule registry: every rule module, listed once, in code order.

Adding a rule is adding one module here and its test cases; ``tests/lint`` fails when a
module in this folder is not registered, or when a code or name is used twice.
"""

from __future__ import annotations

RULE_MODULES: tuple[str, ...] = (
)
"""Module names (in this package) of every rule, in code order; imported on demand."""
