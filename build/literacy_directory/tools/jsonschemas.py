"""JSON Schemas of the front matter and of form definitions, for editors' autocompletion and red
underlines (``.vscode/settings.json`` wires them to the content files).

Regenerate the committed files with ``python -m literacy_directory.tools.jsonschemas``; a test fails
when they are out of date.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import BaseModel

from literacy_directory.core.project import Project
from literacy_directory.forms.model import FormDefinition
from literacy_directory.schema.protocol import ReferralProtocol

FRONT_MATTER_MODELS: dict[str, type[BaseModel]] = {
    "referral_protocol.schema.json": ReferralProtocol,
    "form.schema.json": FormDefinition,
}


def front_matter_schemas() -> dict[str, str]:
    out = {}
    for name, model in FRONT_MATTER_MODELS.items():
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **model.model_json_schema()}
        out[name] = json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    return out


def write(project: Project) -> None:
    folder = project.schemas / "json"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in front_matter_schemas().items():
        (folder / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    write(Project.find(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
