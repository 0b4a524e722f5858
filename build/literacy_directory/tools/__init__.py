"""Tools: the commands that help networks keep the content: ``new`` records, ``diff`` summaries,
``codeowners`` and the editors' JSON Schemas (``jsonschemas``).

May import: ``site``, ``report`` and every layer below them."""
