"""Editor support: the JSON Schemas the editors use accept the real content, and the settings
point at files that exist."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "schemas" / "json"


def validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads((SCHEMAS / name).read_text(encoding="utf-8")))


def as_json(value: Any) -> Any:
    """YAML as an editor's language server sees it: dates are text."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def test_vscode_settings_point_at_existing_schemas() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    for schema, globs in settings["yaml.schemas"].items():
        assert (ROOT / schema).is_file(), schema
        assert all(list(ROOT.glob(g)) for g in globs), globs
    assert "./schemas/json/form.schema.json" in settings["yaml.schemas"]
    recommended = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))["recommendations"]
    assert "redhat.vscode-yaml" in recommended


@pytest.mark.parametrize("path", sorted((ROOT / "content" / "forms").glob("*.yml")), ids=lambda p: p.name)
def test_every_form_matches_the_form_schema(path: Path) -> None:
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    assert [e.message for e in validator("form.schema.json").iter_errors(as_json(data))] == []


def test_the_form_schema_underlines_a_typo() -> None:
    broken = {
        "title_en": "T",
        "purpose_en": "P",
        "sections": [{"title_en": "S", "fields": [{"id": "a", "type": "txt"}]}],
        "titel_fr": "x",
    }
    messages = [e.message for e in validator("form.schema.json").iter_errors(broken)]
    assert any("titel_fr" in m for m in messages)
    assert any("'txt'" in m for m in messages)


@pytest.mark.parametrize(
    "path",
    sorted(p for p in (ROOT / "content" / "referral_protocols").glob("*.md") if not p.name.endswith(".fr.md")),
    ids=lambda p: p.name,
)
def test_every_protocol_front_matter_matches_its_schema(path: Path) -> None:
    front = path.read_text(encoding="utf-8").split("---\n")[1]
    data = YAML(typ="safe").load(front)
    assert [e.message for e in validator("referral_protocol.schema.json").iter_errors(as_json(data))] == []
