"""The headless subcommands of `newsterm`, one file each; cli.py only parses and dispatches."""
