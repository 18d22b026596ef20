"""With S3_BUCKET set, evidence and plan documents live in an S3-compatible object store: here
a real local one (moto's server, over HTTP), as a province's own store would be. theodoi's
views still serve the files, checking who asks."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pytest_django.fixtures import Settings

from tests import builders
from tests.builders import GOLD, NOW, PDF
from theodoi.plans.importing import stage_import
from theodoi.plans.models import Plan
from theodoi.reporting.evidence import attach_evidence

pytestmark = pytest.mark.django_db

BUCKET = "theodoi-minh-chung"
KEYS = {"aws_access_key_id": "theodoi", "aws_secret_access_key": "theodoi-secret"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def s3_server() -> Iterator[str]:
    """A local S3-compatible server in its own process."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("the local S3 server did not start")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def bucket(s3_server: str, settings: Settings, tmp_path: Path) -> Any:
    client = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1", **KEYS)
    client.create_bucket(Bucket=BUCKET)
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_server,
                "region_name": "us-east-1",
                "access_key": KEYS["aws_access_key_id"],
                "secret_key": KEYS["aws_secret_access_key"],
                "default_acl": "private",
                "file_overwrite": False,
            },
        },
    }
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def stored_keys(client: Any) -> list[str]:
    return [item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_evidence_goes_to_the_bucket_and_is_served_by_theodoi(
    bucket: Any,
    tien_giang_plan: Plan,
    coordinator: User,
    reporter: User,
    other_reporter: User,
    tmp_path: Path,
) -> None:
    round_ = builders.open_round_now(tien_giang_plan, by=coordinator)
    task = builders.lead_task_of(round_, reporter)
    evidence = attach_evidence(
        round_, task, ContentFile(PDF, name="bien-ban.pdf"), by=reporter, now=timezone.now()
    )
    assert evidence.file.name in stored_keys(bucket)
    assert bucket.get_object(Bucket=BUCKET, Key=evidence.file.name)["Body"].read() == PDF
    assert not (tmp_path / "media").exists()
    url = reverse("reporting:evidence", kwargs={"evidence_id": evidence.pk})
    response = builders.signed_in(coordinator).get(url)
    assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]
    assert builders.signed_in(other_reporter).get(url).status_code == 404


def test_an_uploaded_plan_document_goes_to_the_bucket(bucket: Any, orgs: None) -> None:
    upload = SimpleUploadedFile("69.json", (GOLD / builders.TIEN_GIANG).read_bytes())
    draft = stage_import(upload, by=None, now=NOW)
    assert draft.source_file.name in stored_keys(bucket)
    with draft.source_file.open("rb") as stored:
        assert stored.read() == (GOLD / builders.TIEN_GIANG).read_bytes()
