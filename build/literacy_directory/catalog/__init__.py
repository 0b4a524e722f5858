"""Catalog: the validated directory as typed, cross-linked, read-only objects
(``directory``) and which listings need checking again (``freshness``). No I/O, no MkDocs.

May import: ``validate``, ``plans``, ``forms``, ``load``, ``schema``, ``core``."""
