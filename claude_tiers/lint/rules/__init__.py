"""The rule registry: every rule module, listed once, in code order.

Adding a rule is adding one module here and its test cases; ``tests/lint`` fails when a
module in this folder is not registered, or when a code or name is used twice.
"""

from __future__ import annotations

RULE_MODULES: tuple[str, ...] = (
    "ct001_invalid_json",
    "ct002_top_level_not_object",
    "ct003_duplicate_key",
    "ct004_unread_settings_file",
    "ct005_settings_in_claude_json",
    "ct006_local_settings_tracked",
    "ct007_flat_skill_file",
    "ct008_managed_settings_unparsable",
    "ct009_frontmatter_unparsable",
    "ct100_invalid_setting_drops_file",
    "ct101_invalid_entry_skipped",
)
"""Module names (in this package) of every rule, in code order; imported on demand."""
