"""Names: normalisation, transliteration, tokens and name parts, for matching.

``types`` declares what an analysed name is; ``analyze`` (``analyze_name``) turns one published
or queried name into that form. Everything here is pure and deterministic; tables (legal forms,
spelling-variant rules) live as data beside the code.
"""
