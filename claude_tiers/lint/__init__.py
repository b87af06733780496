"""The linter: an engine, a registry of rule modules, and output formats."""
