"""One search index per language.

mkdocs-static-i18n leaves Material's search with a single index holding every language. After the
build, this splits it: the default language keeps ``search/search_index.json``; each other language
gets ``<lang>/search/search_index.json`` with its own documents (locations relative to its root)
and its own stemmer. The theme override points each language's pages at its own index.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

INDEX = Path("search") / "search_index.json"


def split_search_index(site_dir: Path, default: str, others: tuple[str, ...]) -> bool:
    """Split the mixed index in ``site_dir``; returns False when there was nothing to split."""
    path = site_dir / INDEX
    if not path.is_file():
        return False
    index = json.loads(path.read_text(encoding="utf-8"))
    prefixes = {lang: f"{lang}/" for lang in others}
    if not any(doc["location"].startswith(tuple(prefixes.values())) for doc in index["docs"]):
        return False
    for lang, prefix in prefixes.items():
        docs = [
            {**doc, "location": doc["location"][len(prefix) :]} for doc in index["docs"] if doc["location"].startswith(prefix)
        ]
        _write(site_dir / lang / INDEX, index["config"], lang, docs)
    own = [doc for doc in index["docs"] if not doc["location"].startswith(tuple(prefixes.values()))]
    _write(path, index["config"], default, own)
    return True


def _write(path: Path, config: dict[str, Any], lang: str, docs: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"config": {**config, "lang": [lang]}, "docs": docs}
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
