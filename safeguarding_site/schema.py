"""Write the JSON Schema of each data file to data/schema/, for editor autocompletion.

Run `make schema` (or `python -m safeguarding_site.schema`) after changing safeguarding_site/models.py;
a test fails while the committed schema differs from the models.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from .models import DATA_MODELS, ORG_MODELS

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "data" / "schema"


def schema_documents() -> dict[str, str]:
    documents = {}
    files = [(name, model, f"data/{name}.yml") for name, model in DATA_MODELS.items()]
    files += [(name, model, f"org/data/{name}.yml") for name, model in ORG_MODELS.items()]  # a fork's overlay
    for name, model, title in files:
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = title
        documents[f"{name}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return documents


def main(target: Path = SCHEMA_DIR) -> int:
    target.mkdir(parents=True, exist_ok=True)
    for filename, text in schema_documents().items():
        (target / filename).write_text(text, encoding="utf-8")
        print(f"wrote {target / filename}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
