"""The ``sanctionguard`` command line: Typer commands with rich output.

``app`` holds the root command and error handling; ``lists`` the list and snapshot commands.
"""
