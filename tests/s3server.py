"""A real S3 API server for the storage tests: moto in server mode, started once per
test process on a free loopback port (production uses any S3-compatible store)."""

import socket
import subprocess
import sys
import time
import uuid

import boto3
import pytest

CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def s3_endpoint():
    port = _free_port()
    process = subprocess.Popen(  # noqa: S603 (moto, our own test server)
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            time.sleep(0.1)
    else:
        process.kill()
        raise RuntimeError("The S3 test server (moto) did not start.")
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def s3(s3_endpoint, settings, monkeypatch):
    """Fresh public and private buckets, configured as the site's storages."""
    for key, value in CREDENTIALS.items():
        monkeypatch.setenv(key.upper(), value)
    client = boto3.client(
        "s3", endpoint_url=s3_endpoint, region_name="us-east-1", **CREDENTIALS
    )
    tag = uuid.uuid4().hex[:12]
    media, private = f"media-{tag}", f"private-{tag}"
    for bucket in (media, private):
        client.create_bucket(Bucket=bucket)
    common = {
        "endpoint_url": s3_endpoint,
        "region_name": "us-east-1",
        "access_key": "testing",
        "secret_key": "testing",
    }
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **common,
                "bucket_name": media,
                "querystring_auth": False,
                "file_overwrite": False,
                "custom_domain": "cdn.example.org",
            },
        },
        "private": {
            "BACKEND": "core.storage.PrivateS3Storage",
            "OPTIONS": {**common, "bucket_name": private},
        },
    }

    class Buckets:
        def keys(self, bucket):
            listed = client.list_objects_v2(Bucket=bucket).get("Contents", [])
            return sorted(item["Key"] for item in listed)

        def read(self, bucket, key):
            return client.get_object(Bucket=bucket, Key=key)["Body"].read()

    buckets = Buckets()
    buckets.media, buckets.private, buckets.client = media, private, client
    return buckets
