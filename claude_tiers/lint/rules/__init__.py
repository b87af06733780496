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
    "ct110_unknown_key",
    "ct111_invented_key",
    "ct112_key_at_wrong_level",
    "ct113_env_var_as_key",
    "ct114_mcp_servers_in_settings",
    "ct115_deprecated_key",
    "ct116_managed_only_key",
    "ct117_user_only_key",
    "ct118_global_config_key",
    "ct201_malformed_model",
    "ct202_retired_model",
    "ct203_deprecated_model",
    "ct204_unknown_model_id",
    "ct205_non_claude_model",
    "ct206_model_keyword_misplaced",
    "ct207_opusplan_in_subagent",
    "ct208_one_m_unsupported",
    "ct209_effort_unsupported",
    "ct210_fallback_model_chain",
    "ct211_available_models_excludes_model",
    "ct212_available_models_not_enforced",
    "ct213_env_model_overrides_model",
    "ct214_deprecated_small_fast_model",
    "ct215_unknown_model_env_var",
    "ct216_subagent_model_env_partial",
    "ct217_floating_model_alias",
    "ct601_agent_missing_field",
    "ct602_agent_name_skipped",
    "ct603_frontmatter_invalid_value",
    "ct604_frontmatter_field_ignored",
)
"""Module names (in this package) of every rule, in code order; imported on demand."""
