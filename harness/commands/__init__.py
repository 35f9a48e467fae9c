"""Subcommands that live in their own module: each module here registers its commands on
``harness.cli.main`` when imported (``harness.cli`` imports every module in this package)."""
