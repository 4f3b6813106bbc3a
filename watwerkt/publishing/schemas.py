"""The JSON Schema of every data file, from the record model: editors and the web form check
against it (written to schema/ by `watwerkt schema`, see generated_files.py)."""
from __future__ import annotations

from ..loading import DATA_FILES

SCHEMA_DIR = "schema"


def schema_name(data_file: str) -> str:
    return data_file.removesuffix(".yaml") + ".schema.json"


def editor_line(data_file: str) -> str:
    """The first line of a data file: editors with the YAML language server then check it."""
    return f"# yaml-language-server: $schema=../{SCHEMA_DIR}/{schema_name(data_file)}"


def file_schema(data_file: str) -> dict:
    model, is_list = DATA_FILES[data_file]
    schema = model.model_json_schema()
    if is_list:
        definitions = schema.pop("$defs", {})
        definitions[model.__name__] = schema
        schema = {"type": "array", "items": {"$ref": f"#/$defs/{model.__name__}"}, "$defs": definitions}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": data_file, **schema}
