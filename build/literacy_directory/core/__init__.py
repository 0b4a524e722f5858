"""Core: what every stage shares and nothing else: where things are in a project (``project``),
located diagnostics and the registry of their codes (``diagnostics``, ``codes``), "did you mean"
suggestions (``suggest``), the French-else-English fallback (``lang``), today's date (``dates``),
file access that never follows a symbolic link (``safefs``), content text made safe to print in
a log (``logsafe``), caches that use only entries this machine sealed (``sealedcache``).

May import: nothing from the package."""
