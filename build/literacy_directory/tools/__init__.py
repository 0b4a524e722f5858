"""Tools: the commands that help networks keep the content: ``new`` records, ``diff`` summaries,
``codeowners``, the editors' JSON Schemas (``jsonschemas``), the content formatter ``fix``
(its canonical form in ``canonical``; ``formatting`` tells ``diff`` what is formatting only) and
``workbook_import``.

May import: ``site``, ``report`` and every layer below them."""
