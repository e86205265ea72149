"""sanctionguard: find sanctioned parties and sanctions-evasion schemes in a firm's own data.

The package is laid out along the data flow: ``sources`` (list parsers) → ``store``
(versioned snapshots) → matching and channel detectors → ``cli``.
"""

__version__ = "0.1.0"
