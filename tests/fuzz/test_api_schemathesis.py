"""The JSON API fuzzed from its own OpenAPI schema: schemathesis generates path and query
values for every operation and checks each answer against the schema it publishes."""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import event
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.main import api
from tests.fuzz.conftest import fuzz

CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
]


@pytest.fixture
def in_process_app(demo_site):
    """The site's WSGI application, called in this thread, so it reads the test database with
    the demo content. Like Django's test client, it must not close the connection after each
    request: that would end the test's transaction."""
    from asker.wsgi import application

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield application
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


# The schema the API serves at /api/openapi.json, read from the app itself when the tests are
# collected: schemathesis' lazy `from_fixture` loader does not run under pytest 9.
schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
# Plans of the demo content, one with published input: random slugs alone would only ever
# reach the 404 answer.
DEMO_PLANS = ["handling-mot-klimaendringene", "kultur", "naturmangfold"]


@schema.hook
def before_generate_path_parameters(context, strategy):
    real = st.fixed_dictionaries({"slug": st.sampled_from(DEMO_PLANS)})
    return st.one_of(strategy, real, real)


@schema.parametrize()
@fuzz
def test_api_answers_as_documented(case, in_process_app):
    response = case.call_and_validate(app=in_process_app, checks=CHECKS)
    event(f"{case.method} {case.path} {response.status_code}")


@pytest.mark.parametrize("path", ["/api/plans/{slug}/", "/api/plans/{slug}/submissions/"])
def test_the_fuzzed_api_reads_the_demo_content(in_process_app, path):
    """The in-process calls above reach the test database: a real plan is found and fits."""
    case = schema[path]["GET"].Case(path_parameters={"slug": DEMO_PLANS[0]})
    response = case.call_and_validate(app=in_process_app, checks=CHECKS)
    assert response.status_code == 200
    assert response.json()["slug" if path.endswith("{slug}/") else "count"]
