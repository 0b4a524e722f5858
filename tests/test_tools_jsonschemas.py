from pathlib import Path

from literacy_directory.tools.jsonschemas import front_matter_schemas

ROOT = Path(__file__).resolve().parents[1]


def test_committed_front_matter_schemas_are_up_to_date():
    for name, text in front_matter_schemas().items():
        committed = ROOT / "schemas" / "json" / name
        assert committed.read_text(encoding="utf-8") == text, f"run: python -m literacy_directory.tools.jsonschemas ({name})"
