"""Wagtail's database search backend, with the last word of a query matched as a prefix.

Norwegian builds long compounds: «klima» should find «klimaendringene» and «klimatilpasning»,
which neither SQLite's exact words nor PostgreSQL's stemming do. Only the last word is a
prefix (the backends' own autocomplete rule), so a finished query stays precise.
"""

from wagtail.search.backends.database import SearchBackend as DatabaseSearchBackend


def SearchBackend(params):  # the name Wagtail looks up in a backend module
    backend = DatabaseSearchBackend(params)
    compiler = backend.query_compiler_class
    if hasattr(compiler, "LAST_TERM_IS_PREFIX"):
        backend.query_compiler_class = type(
            compiler.__name__, (compiler,), {"LAST_TERM_IS_PREFIX": True}
        )
    return backend
