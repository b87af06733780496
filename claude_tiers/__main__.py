"""Entry point for ``python -m claude_tiers``."""

from __future__ import annotations

from claude_tiers.launch import main

raise SystemExit(main())
