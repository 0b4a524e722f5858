"""Schema: the contracts for content, as data. The Table Schemas of ``schemas/datapackage.json``
(``datapackage``), controlled vocabularies (``vocabularies``), typed row models generated from the
Table Schemas (``rowmodels``) and the front-matter model of referral protocols (``protocol``).

May import: ``core``."""
