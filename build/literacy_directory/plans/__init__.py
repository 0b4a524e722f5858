"""Plans: Literacy Service Plans, one folder per network and fiscal year: read and validated
(``load``) and checked against the directory (``rules``). Their coverage, computed from the
catalog, is ``catalog.plan_coverage``.

May import: ``validate``, ``forms`` (the same layer), ``load``, ``schema``, ``core``."""
