"""The headless core: the canvas file, its model and every operation on it.

Nothing here imports Textual or ``bmc_tui.tui``; the command line, pre-commit hooks and git
drivers use it without loading the editor (an import-linter contract checks it in CI).
"""
