"""Site: the catalog rendered into the Markdown pages, data files and assets MkDocs builds:
options and the build hand-off (``settings``), the Jinja environment (``templating``), pages
(``generate``, ``planpages``), the finder's data (``finder``), sanitizing (``sanitize``), writing
(``writer``), the footer every page carries (``chrome``), search indexes (``searchindex``), each
network's workbook (``workbook``, kept by ``workbook_cache``) and running ``mkdocs build``
(``mkdocs_build``).

May import: ``catalog`` and every layer below it."""
