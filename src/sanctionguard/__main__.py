"""``python -m sanctionguard`` runs the command line."""

from sanctionguard.cli.app import main

main()
