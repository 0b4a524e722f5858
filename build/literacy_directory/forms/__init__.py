"""Forms: one definition per downloadable form (``model``), rendered as an accessible page, a
fillable tagged PDF (``render``) and an editable Word document (``docx``), in the words of
``strings``.

May import: ``validate``, ``plans`` (the same layer), ``load``, ``schema``, ``core``."""
