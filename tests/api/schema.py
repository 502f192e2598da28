"""Check API responses against the OpenAPI schema the API itself publishes at /api/openapi.json."""

from datetime import date, datetime

from jsonschema import Draft202012Validator, FormatChecker

formats = FormatChecker()


@formats.checks("date-time", raises=ValueError)
def _is_datetime(value):
    # jsonschema checks date-time only with an extra package; the standard library suffices here.
    return not isinstance(value, str) or bool(datetime.fromisoformat(value).tzinfo)


@formats.checks("date", raises=ValueError)
def _is_date(value):
    return not isinstance(value, str) or bool(date.fromisoformat(value))


def response_schema(openapi, path, status=200):
    """The JSON Schema of one documented response, with the components its $refs point to."""
    operation = openapi["paths"][path]["get"]
    schema = operation["responses"][str(status)]["content"]["application/json"]["schema"]
    # "#/components/schemas/X" resolves against this document's root, so the components go here.
    return {**schema, "components": openapi["components"]}


def schema_errors(openapi, path, response):
    """Every way the response breaks its schema, as readable lines; [] when it fits."""
    assert response["Content-Type"].startswith("application/json")
    validator = Draft202012Validator(
        response_schema(openapi, path, response.status_code), format_checker=formats
    )
    errors = sorted(validator.iter_errors(response.json()), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]
