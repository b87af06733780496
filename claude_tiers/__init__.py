"""claude-tiers: keep Claude Code configuration right, cheap and consistent."""

from __future__ import annotations

__version__ = "0.1.0"
