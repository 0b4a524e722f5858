"""Plans: Literacy Service Plans, one folder per network and fiscal year: read and validated
(``load``), checked against the directory (``rules``), and their coverage computed from the
catalog (``coverage``).

May import: ``validate``, ``forms`` (the same layer), ``load``, ``schema``, ``core``."""
