"""A real S3-compatible server on loopback for the object storage tests: moto's standalone
server started here, or the one CI names in S3_ENDPOINT_URL (MinIO, say)."""

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

STARTUP_SECONDS = 30


@dataclass
class Store:
    endpoint: str
    access_key: str
    secret_key: str
    region: str = "us-east-1"

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name=self.region,
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
        )

    def environment(self, bucket, private_bucket):
        """The variables an operator sets (docs/deploy.md) for this store and these buckets."""
        return {
            "S3_ENDPOINT_URL": self.endpoint,
            "S3_REGION": self.region,
            "S3_ACCESS_KEY_ID": self.access_key,
            "S3_SECRET_ACCESS_KEY": self.secret_key,
            "S3_BUCKET": bucket,
            "S3_PRIVATE_BUCKET": private_bucket,
        }

    def anonymous_get(self, bucket, key):
        """What anyone on the internet gets for the object's address: (status, body)."""
        try:
            with urllib.request.urlopen(f"{self.endpoint}/{bucket}/{key}", timeout=10) as answer:
                return answer.status, answer.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()


def public_media_policy(bucket):
    """The public bucket's policy from docs/deploy.md: anyone may read images and renditions,
    nothing else (documents/ is read only by the app, for Wagtail's document view)."""
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "PublicImages",
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "s3:GetObject",
                    "Resource": [
                        f"arn:aws:s3:::{bucket}/images/*",
                        f"arn:aws:s3:::{bucket}/original_images/*",
                    ],
                }
            ],
        }
    )


def closed_port():
    """A loopback port nobody listens on: connections to it are refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def unavailable(reason):
    """Skipped with the reason locally; in CI the object storage tests are mandatory."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}: the object storage tests are mandatory in CI")
    pytest.skip(reason)


def _answers(endpoint):
    try:
        urllib.request.urlopen(endpoint, timeout=1).close()
    except urllib.error.HTTPError:
        return True  # an S3 error answer is an answer
    except OSError:
        return False
    return True


def start_moto(log_path):
    """(moto_server's process, its endpoint), or unavailable() with why not."""
    program = Path(sys.executable).with_name("moto_server")
    command = str(program) if program.exists() else shutil.which("moto_server")
    if command is None:
        unavailable('moto_server not found (uv pip install "moto[server]")')
    port = closed_port()
    endpoint = f"http://127.0.0.1:{port}"
    log = open(log_path, "wb")  # noqa: SIM115 (closed by stop_moto)
    server = subprocess.Popen(
        [command, "-H", "127.0.0.1", "-p", str(port)], stdout=log, stderr=subprocess.STDOUT
    )
    deadline = time.monotonic() + STARTUP_SECONDS
    while not _answers(endpoint):
        if server.poll() is not None or time.monotonic() > deadline:
            stop_moto(server)
            log.close()
            unavailable(f"moto_server did not start on {endpoint}; see {log_path}")
        time.sleep(0.2)
    server.log = log
    return server, endpoint


def stop_moto(server):
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
    if getattr(server, "log", None):
        server.log.close()


def new_buckets(store):
    """A public and a private bucket with fresh names, the public one with its policy."""
    suffix = secrets.token_hex(4)
    public, private = f"asker-media-{suffix}", f"asker-vedlegg-{suffix}"
    client = store.client()
    for bucket in (public, private):
        client.create_bucket(Bucket=bucket)
    client.put_bucket_policy(Bucket=public, Policy=public_media_policy(public))
    return public, private
