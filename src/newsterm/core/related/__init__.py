"""Related stories computed from the library: the same event in other outlets, and
stories on the same subject that are different events.

Pure rules, no database: `words` folds an outlet's spelling into one form,
`signature` packs what a story is about into a few dozen bytes (built where a
story's row is built, in the parser processes), `likeness` scores two
signatures, and `recent` is the index of recent stories a new one is matched
against. The library stores the signatures and what they matched
(core/library/coverage.py).
"""
