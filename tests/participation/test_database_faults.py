"""The database fails during a post: a clear 503 with the text kept, nothing half-stored."""

from contextlib import contextmanager, nullcontext
from pathlib import Path

import pytest
from django.core import mail
from django.db import OperationalError, connection

from participation.models import Submission
from tests.participation import files
from tests.participation.conftest import FORM_URL, form_stamp, valid_input
from tests.participation.hidden_inputs import hidden_inputs

MESSAGE = "Vi fikk ikke lagret innspillet akkurat nå. Teksten din står under"
TEXT = "Sykkelvei langs Gamle Drammensvei, takk."


@contextmanager
def database_fails(when=lambda sql: True):
    """Every query the test client's view runs for which `when(sql)` holds raises, as psycopg
    does when PostgreSQL restarts under an open connection."""

    def fail(execute, sql, params, many, context):
        if when(sql):
            raise OperationalError("terminating connection due to administrator command")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(fail):
        yield


def database_fails_if(when):
    """database_fails(when), or nothing failing when `when` is None: the post fixtures' switch."""
    return nullcontext() if when is None else database_fails(when)


def writes_submission(verb):
    return lambda sql: sql.lstrip().upper().startswith(f'{verb} INTO "PARTICIPATION_SUBMISSION"')


@pytest.fixture
def post(client, demo_round, django_capture_on_commit_callbacks):
    def send(failing=None, **changes):
        data = {**valid_input(demo_round, text=TEXT), "shown_at": form_stamp(client), **changes}
        with django_capture_on_commit_callbacks(execute=True), database_fails_if(failing):
            return client.post(FORM_URL, data)

    return send


def test_a_failed_insert_shows_the_form_again_with_the_text_and_a_503(post):
    response = post(failing=writes_submission("INSERT"))
    assert response.status_code == 503
    html = response.content.decode()
    assert MESSAGE in html
    assert TEXT in html  # in the form's text field, ready to send again
    assert 'name="email"' in html and "kari@example.no" in html
    assert not Submission.objects.filter(text=TEXT).exists()
    assert mail.outbox == []  # no receipt for input that was not stored


def test_a_failure_after_the_row_is_written_rolls_the_row_back(post, settings):
    """The reference is set by a second write; failing there must not leave a row (or its file)
    without a reference."""

    def files_on_disk():
        return {p for p in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*") if p.is_file()}

    before = files_on_disk()
    update = lambda sql: sql.lstrip().upper().startswith('UPDATE "PARTICIPATION_SUBMISSION"')  # noqa: E731
    response = post(failing=update, attachment=files.upload(files.PDF, "innspill.pdf"))
    assert response.status_code == 503
    assert MESSAGE in response.content.decode()
    assert not Submission.objects.filter(text=TEXT).exists()
    assert not Submission.objects.filter(reference__isnull=True).exists()
    assert files_on_disk() == before


def test_with_the_database_gone_the_page_still_explains_and_keeps_the_text(post):
    response = post(failing=lambda sql: True)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-cache" in response["Cache-Control"]
    html = response.content.decode()
    assert "Innspillet ble ikke sendt" in html
    assert MESSAGE in html
    assert f">{TEXT}</textarea>" in html
    fields = hidden_inputs(html)
    assert fields["email"] == "kari@example.no" and fields["privacy"] == "on"


def test_send_again_from_the_fault_page_stores_the_input_once_the_database_is_back(client, post):
    html = post(failing=lambda sql: True).content.decode()
    again = {**hidden_inputs(html), "text": TEXT}
    response = client.post(FORM_URL, again)
    assert response.status_code == 302
    assert "/innspill/mitt/" in response["Location"]
    assert Submission.objects.filter(text=TEXT).count() == 1


def test_the_form_itself_answers_503_not_500_while_the_database_is_away(client, demo_round):
    with database_fails():
        response = client.get(FORM_URL)
    assert response.status_code == 503
    html = response.content.decode()
    assert "Vi kan ikke vise skjemaet akkurat nå" in html
    assert "<textarea" not in html


def test_postgresql_connections_are_checked_before_reuse(settings):
    """After a restart a worker's pooled connection is dead: the health check replaces it on
    the next request instead of failing that request too."""
    from asker.env import read_database

    config = read_database("NO_SUCH_VARIABLE", "postgres://u@127.0.0.1:5432/temaplaner")
    assert config["CONN_HEALTH_CHECKS"] is True
    assert config["CONN_MAX_AGE"] > 0


def test_posts_lost_to_the_database_do_not_count_against_the_rate_limit(post, settings):
    settings.PARTICIPATION_RATE_LIMIT = 2
    for _ in range(3):  # more failed tries than the limit allows posts
        assert post(failing=writes_submission("INSERT")).status_code == 503
    assert post().status_code == 302  # the database is back: the input is stored
    assert Submission.objects.filter(text=TEXT).count() == 1
