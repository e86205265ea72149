"""List parsers: one module per official format, each turning files into ``ListEntry`` objects.

``registry`` lists the formats, ``detect`` recognises a file by its content, ``loader`` groups
files into sources and parses them; ``textio``, ``xmlsafe`` and ``archive`` are the hardened
readers every parser uses.
"""
