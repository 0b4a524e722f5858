"""Site: the catalog rendered into the Markdown pages, data files and assets MkDocs builds:
options and the build hand-off (``settings``), the Jinja environment (``templating``), pages
(``generate``, ``planpages``), the finder's data (``finder``), sanitizing (``sanitize``), writing
(``writer``), the footer every page carries (``chrome``), what a page needs to leave the screen (QR codes,
``sms:`` and ``mailto:`` links: ``handout``), each
network's workbook (``workbook``, kept by ``workbook_cache``), the site search: what it knows about
each page (``searchterms``), the theme's search strings (``uistrings``) and running Pagefind
(``pagefindindex``), and running ``mkdocs build``
(``mkdocs_build``).

May import: ``catalog`` and every layer below it."""
