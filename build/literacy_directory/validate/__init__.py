"""Validate: the Table Schemas through frictionless with our row rules in the same pass
(``tables``, worded by ``messages``), all content read and validated (``content``), rules across
files (``rules``), French coverage (``translation``), the reading grade of learner text
(``readability``) and ``check``, which runs them all.

May import: ``plans``, ``forms`` (the same layer), ``load``, ``schema``, ``core``."""
