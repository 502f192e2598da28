"""Any website may read the API from the browser: CORS for GET, preflight, no cookies, caching."""

import pytest

URLS = [
    "/api/",
    "/api/openapi.json",
    "/api/plans/",
    "/api/plans/handling-mot-klimaendringene/",
    "/api/plans/handling-mot-klimaendringene/submissions/",
]


@pytest.mark.parametrize("url", URLS)
def test_get_and_head_are_open_to_every_origin_and_cacheable(client, demo_site, url):
    for method in (client.get, client.head):
        response = method(url, HTTP_ORIGIN="https://example.org")
        assert response.status_code == 200
        assert response["Access-Control-Allow-Origin"] == "*"
        assert response["Cache-Control"] == "public, max-age=300"
        assert "Set-Cookie" not in response
        assert not response.cookies
    assert client.head(url).content == b""


@pytest.mark.parametrize("url", URLS)
def test_preflight_allows_reading_only(client, demo_site, url):
    response = client.options(
        url,
        HTTP_ORIGIN="https://example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="accept",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert response["Access-Control-Max-Age"] == "86400"
    assert "Access-Control-Allow-Credentials" not in response


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writing_is_refused_with_json(client, demo_site, method):
    response = getattr(client, method)("/api/plans/")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert "bare leses" in response.json()["detail"]


def test_errors_are_json_with_cors_and_not_cached(client, demo_site):
    for url, status in [
        ("/api/plans/finnes-ikke/", 404),
        ("/api/plans/?page=x", 400),
        ("/api/finnes-ikke/", 404),
    ]:
        response = client.get(url, HTTP_ORIGIN="https://example.org")
        assert response.status_code == status
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "Cache-Control" not in response or "public" not in response["Cache-Control"]
        assert response.json()["detail"]


def test_address_without_slash_redirects(client, demo_site):
    response = client.get("/api/plans")
    assert response.status_code == 301
    assert response["Location"] == "/api/plans/"


def test_pages_outside_the_api_send_no_cors_headers(client, demo_site):
    response = client.get("/", HTTP_ORIGIN="https://example.org")
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response


def test_options_without_preflight_lists_the_allowed_methods(client, demo_site):
    response = client.options("/api/plans/")
    assert response.status_code == 204
    assert response["Allow"] == "GET, HEAD, OPTIONS"
