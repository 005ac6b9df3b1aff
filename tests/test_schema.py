"""Editors get autocompletion: each data file names a JSON Schema generated from the models."""
import json

import pytest

from conftest import ROOT
from safeguarding_site.models import DATA_MODELS
from safeguarding_site.schema import schema_documents


def test_committed_schema_matches_the_models():
    for filename, text in schema_documents().items():
        committed = ROOT / "data" / "schema" / filename
        assert committed.exists(), f"{committed} is missing: run `make schema`"
        assert committed.read_text(encoding="utf-8") == text, f"{filename} is stale: run `make schema`"


@pytest.mark.parametrize("name", DATA_MODELS)
def test_each_data_file_names_its_schema_on_line_one(name):
    first_line = (ROOT / "data" / f"{name}.yml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema=schema/{name}.schema.json"


def test_schema_forbids_unknown_fields_and_requires_ids():
    schema = json.loads((ROOT / "data" / "schema" / "resources.schema.json").read_text(encoding="utf-8"))
    resource = schema["$defs"]["Resource"]
    assert resource["additionalProperties"] is False
    assert {"id", "title", "url", "offers", "topics"} <= set(resource["required"])
    assert "audience" not in resource["required"]  # only where the leaflet says who a resource is for
