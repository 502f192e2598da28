"""S3_* variables choose the object store; without them files stay on local disk."""

import pytest

from asker.env import ConfigurationError, read_object_storage

VARIABLES = (
    "S3_BUCKET",
    "S3_PRIVATE_BUCKET",
    "S3_ENDPOINT_URL",
    "S3_REGION",
    "S3_ACCESS_KEY_ID",
    "S3_SECRET_ACCESS_KEY",
    "S3_PUBLIC_URL",
)


@pytest.fixture(autouse=True)
def no_store(monkeypatch):
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)


def test_without_buckets_files_stay_on_local_disk():
    assert read_object_storage() == {}


def test_both_buckets_move_media_and_attachments_to_the_store(monkeypatch):
    monkeypatch.setenv("S3_BUCKET", "temaplaner-media")
    monkeypatch.setenv("S3_PRIVATE_BUCKET", "temaplaner-vedlegg")
    monkeypatch.setenv("S3_ENDPOINT_URL", "http://minio.internt:9000")
    monkeypatch.setenv("S3_PUBLIC_URL", "https://media.temaplaner.asker.kommune.no/bilder/")

    storages = read_object_storage()

    public, private = storages["default"], storages["private"]
    assert public["BACKEND"] == "core.object_storage.PublicMediaStorage"
    assert private["BACKEND"] == "core.object_storage.PrivateObjectStorage"
    assert public["OPTIONS"]["bucket_name"] == "temaplaner-media"
    assert private["OPTIONS"]["bucket_name"] == "temaplaner-vedlegg"
    assert private["OPTIONS"]["endpoint_url"] == "http://minio.internt:9000"
    assert private["OPTIONS"]["region_name"] == "us-east-1"
    # Browsers fetch images from the public address; attachments have none.
    assert public["OPTIONS"]["custom_domain"] == "media.temaplaner.asker.kommune.no/bilder"
    assert "custom_domain" not in private["OPTIONS"]


@pytest.mark.parametrize("given", ["S3_BUCKET", "S3_PRIVATE_BUCKET"])
def test_one_bucket_without_the_other_stops_start_up(monkeypatch, given):
    monkeypatch.setenv(given, "temaplaner")
    missing = ({"S3_BUCKET", "S3_PRIVATE_BUCKET"} - {given}).pop()
    with pytest.raises(ConfigurationError, match=f"^{missing}: mangler"):
        read_object_storage()


def test_an_endpoint_that_is_not_http_is_refused(monkeypatch):
    monkeypatch.setenv("S3_BUCKET", "a")
    monkeypatch.setenv("S3_PRIVATE_BUCKET", "b")
    monkeypatch.setenv("S3_ENDPOINT_URL", "s3://minio:9000")
    with pytest.raises(ConfigurationError, match=r"^S3_ENDPOINT_URL:"):
        read_object_storage()
