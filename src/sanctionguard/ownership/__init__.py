"""Ownership and control analysis: who is blocked under the OFAC, EU and UK 50% rules.

Data flows: readers (``csv_format``, ``ftm``, ``bods``, ``gleif``; ``reader`` detects and
checks) → ``model`` → ``storage`` (versions) → ``linking`` (parties to listed entries) →
``graph`` + ``fixpoint`` (the rules of ``rules``) → ``analysis`` (findings, explanations) and
``cautions`` (evidence short of blocking). See docs/ownership.md.
"""
