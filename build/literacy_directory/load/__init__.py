"""Load: bytes on disk to text, rows and front matter, keeping every value's file, line and
column. Byte-level CSV checks (``csvfile``), where a quote went wrong (``quotes``), garbled accents
(``mojibake``) and the one YAML reader for front matter and form
definitions (``frontmatter``).

May import: ``schema``, ``core``."""
