"""literacy-directory: content checked against schemas, built into the public directory.

The package follows the data flow, one subpackage per stage; each may import only the layers below
it (an import-linter ``layers`` contract in ``pyproject.toml`` enforces this)::

    cli | plugin          the edges: the command line and the MkDocs plugin (the only MkDocs import)
    tools                 new, diff, codeowners, jsonschemas
    site | report         render the catalog into pages | render diagnostics as text, GitHub, JSON
    catalog               the validated directory as read-only objects; freshness
    validate : plans : forms   check content, Literacy Service Plans, form definitions
    load                  bytes to text, rows and front matter, with locations
    schema                Table Schemas, vocabularies, row models, front-matter models
    core                  project paths, diagnostics, suggestions, language fallback, dates

This module imports nothing.
"""
