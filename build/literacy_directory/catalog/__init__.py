"""Catalog: the validated directory as typed, cross-linked, read-only objects
(``directory``), which listings need checking again (``freshness``), each network's programs
by reading grade (``readinglevels``) and each Literacy Service
Plan's coverage computed from the directory (``plan_coverage``). No I/O, no MkDocs.

May import: ``validate``, ``plans``, ``forms``, ``load``, ``schema``, ``core``."""
