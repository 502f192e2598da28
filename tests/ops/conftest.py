"""Fixtures for the object storage tests (tests/ops/object_store.py)."""

import os

import pytest

from tests.ops import object_store


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory):
    """A real S3-compatible server on loopback, for the whole session."""
    endpoint = os.environ.get("S3_ENDPOINT_URL")
    if endpoint:
        yield object_store.Store(
            endpoint.rstrip("/"),
            os.environ.get("S3_ACCESS_KEY_ID", "testing"),
            os.environ.get("S3_SECRET_ACCESS_KEY", "testing"),
            os.environ.get("S3_REGION", "us-east-1"),
        )
        return
    log = tmp_path_factory.mktemp("moto") / "moto_server.log"
    server, endpoint = object_store.start_moto(log)
    try:
        yield object_store.Store(endpoint, "testing", "testing")
    finally:
        object_store.stop_moto(server)


@pytest.fixture(scope="session")
def s3_buckets(s3_server):
    return object_store.new_buckets(s3_server)


@pytest.fixture
def local_disks(settings, tmp_path):
    """Fresh MEDIA_ROOT and PRIVATE_MEDIA_ROOT; `switch()` moves to another "instance" whose
    disks hold nothing the first one wrote."""
    disks = []

    def switch():
        root = tmp_path / f"instans-{len(disks) + 1}"
        settings.MEDIA_ROOT = root / "media"
        settings.PRIVATE_MEDIA_ROOT = root / "private-media"
        disks.append(root)
        return root

    switch.files = lambda: [p for root in disks for p in root.rglob("*") if p.is_file()]
    switch()
    return switch


@pytest.fixture
def object_storage(s3_server, s3_buckets, settings, monkeypatch, local_disks):
    """The site configured for the store as an operator would (S3_* variables): the
    `default` and `private` storages in its two buckets."""
    from asker.env import read_object_storage

    for name, value in s3_server.environment(*s3_buckets).items():
        monkeypatch.setenv(name, value)
    settings.STORAGES = {**settings.STORAGES, **read_object_storage()}
    return s3_server
