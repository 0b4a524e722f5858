"""The catalog builds its records without validating them again: prove that gives the same records."""

from pathlib import Path

from literacy_directory.core.project import Project
from literacy_directory.schema.rowmodels import to_models
from literacy_directory.validate.content import load_content

ROOT = Path(__file__).resolve().parents[1]


def test_constructed_records_equal_validated_records() -> None:
    content = load_content(Project(ROOT))
    for table in content.tables.values():
        rows = [r.values for r in table.rows]
        assert to_models(table.spec, rows) == to_models(table.spec, rows, validate=True), table.spec.name
