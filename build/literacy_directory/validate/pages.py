"""Hand-written pages (``content/pages/<name>.md`` and ``<name>.fr.md``): checked like every other
file the build reads, so ``build`` never meets a page it fails on or silently drops.

A page is UTF-8 Markdown whose first line is its title (``# About this directory``). Its name is an
id (it becomes the page's address) that the site does not keep for a page of its own
(``index``, ``find``, ``glossary``... from ``core.sitepaths``); its only suffix is a language of
the site (``about.fr.md``).
"""

from __future__ import annotations

import re
from pathlib import Path

from literacy_directory.core.diagnostics import Diagnostic, error
from literacy_directory.core.project import Project
from literacy_directory.core.sitepaths import DEFAULT_LANGUAGE, LANGUAGES, RESERVED_PAGE_NAMES
from literacy_directory.load.csvfile import read_utf8_text
from literacy_directory.load.textsafety import TEXT_CONTROLS, control_characters
from literacy_directory.schema.protocol import SLUG_PATTERN
from literacy_directory.validate.cells import ID_LIMIT

PAGES = "pages"
TRANSLATIONS = tuple(lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE)


def check_pages(project: Project) -> list[Diagnostic]:
    folder = project.content / PAGES
    found: list[Diagnostic] = []
    if folder.is_symlink() or not folder.is_dir():
        return found  # a linked folder is reported by the scan of content/
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.is_symlink():
            continue
        rel = project.relative(path)
        problem = _name_problem(rel, path)
        if problem is not None:
            found.append(problem)
            continue
        text = read_utf8_text(project, path, found)
        if text is not None:
            found.extend(_text_problems(rel, text))
    return found


def _name_problem(rel: str, path: Path) -> Diagnostic | None:
    if path.is_dir() or path.suffix != ".md":
        return error(
            rel,
            1,
            1,
            "unknown-file",
            f'"{path.name}" is not a page, so it is not published',
            "content/pages/ holds only pages: Markdown files named like about.md and about.fr.md.",
        )
    stem, _, lang = path.name.removesuffix(".md").partition(".")
    if lang and lang not in TRANSLATIONS:
        return error(
            rel,
            1,
            1,
            "page-language",
            f'"{lang}" is not a language of the site, so this page would never be published',
            f"Name the English page {stem}.md and its French version {stem}.fr.md.",
        )
    if not re.fullmatch(SLUG_PATTERN, stem):
        return error(
            rel,
            1,
            1,
            "slug",
            f'the page name "{stem}" is not a valid id (it becomes the page\'s address)',
            "Name the page with lowercase letters, digits and hyphens, like about-us.md.",
        )
    if len(stem) > ID_LIMIT:
        return error(rel, 1, 1, "id-too-long", f"the page name is {len(stem)} characters long", f"Use at most {ID_LIMIT}.")
    if stem in RESERVED_PAGE_NAMES:
        return error(
            rel,
            1,
            1,
            "reserved-name",
            f'"{stem}" is the name of one of the site\'s own pages: this page would replace it, or be dropped',
            f'Choose another name, like "{stem}-info.md".',
        )
    return None


def _text_problems(rel: str, text: str) -> list[Diagnostic]:
    found = []
    title = text.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
    if not title.startswith("# ") or not title[2:].strip():
        found.append(
            error(
                rel,
                1,
                1,
                "page-title",
                "a page starts with its title on the first line, written like '# About this directory'",
                "Put the title on line 1 after '# ' (no front matter between --- lines: pages have none).",
            )
        )
    elif control_characters(title):
        found.append(
            error(
                rel,
                1,
                1,
                "control-character",
                f"the title holds an invisible character ({control_characters(title)})",
                "Retype the title.",
            )
        )
    match = TEXT_CONTROLS.search(text)
    if match is not None:
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        found.append(
            error(
                rel,
                line,
                column,
                "control-character",
                f"the page holds an invisible character ({control_characters(match.group(), name=False)})",
                "Retype this line.",
            )
        )
    return found
