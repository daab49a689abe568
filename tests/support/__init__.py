"""Helpers every test folder may use: servers, the CLI, screens, hostile inputs, the machine.

Test folders import from here, never from one another."""
