"""Where an attachment's bytes live: a directory of files (the default, `var/attachments/<service>/`)
or an S3-compatible object store, chosen by ATTACHMENT_STORE. The metadata is in the owning service's
database; a store only maps a generated key to bytes.

Bytes are written before the metadata row commits: a transaction that then fails leaves an
unreferenced object behind (harmless, and found by comparing keys with the table), never a row
without its bytes. Nothing is ever deleted here: a removal is a recorded action on the row.
"""
import os
import re
import tempfile
import uuid
from pathlib import Path
from typing import Protocol

from shared.config import Settings, var_dir

_KEY = re.compile(r"^[0-9a-f]{32}$")


class StoreError(Exception):
    """The bytes could not be written or read (the caller answers 503, or 500 for missing bytes)."""


def new_key() -> str:
    """A key that says nothing about the file or its record, and that no client chooses."""
    return uuid.uuid4().hex


def _checked(key: str) -> str:
    if not _KEY.match(key or ""):
        raise ValueError(f"not an attachment key: {key!r}")
    return key


class AttachmentStore(Protocol):
    def put(self, key: str, data: bytes) -> None: ...

    def get(self, key: str) -> bytes: ...


class LocalStore:
    """Files under `root`, two levels deep by the key's first characters, readable by the owner only."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        key = _checked(key)
        return self.root / key[:2] / key

    def put(self, key: str, data: bytes) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            # written whole or not at all: a crash leaves a temporary file, never half a document
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(data)
                    out.flush()
                    os.fsync(out.fileno())
                os.chmod(temporary, 0o600)
                os.replace(temporary, path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError as error:
            raise StoreError(f"could not write attachment {key}: {error.strerror}") from None

    def get(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except OSError as error:
            raise StoreError(f"could not read attachment {key}: {error.strerror}") from None


class S3Store:
    """Objects `<prefix><key>` in one bucket of an S3-compatible store (AWS S3, MinIO, Ceph RGW, ...).

    `client` is a boto3 S3 client (or anything with its put_object/get_object); credentials come from
    boto3's own chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile, or an instance role), so
    no secret of the store passes through Vern's configuration."""

    def __init__(self, client, bucket: str, prefix: str = ""):
        self.client = client
        self.bucket = bucket
        self.prefix = prefix

    def put(self, key: str, data: bytes) -> None:
        try:
            # the stored object is opaque bytes: its type is in the service's table, served from there
            self.client.put_object(Bucket=self.bucket, Key=self.prefix + _checked(key), Body=data,
                                   ContentType="application/octet-stream")
        except ValueError:
            raise
        except Exception as error:  # botocore's errors, without importing botocore where it is not installed
            raise StoreError(f"could not write attachment {key}: {error}") from None

    def get(self, key: str) -> bytes:
        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=self.prefix + _checked(key))
            return answer["Body"].read()
        except ValueError:
            raise
        except Exception as error:
            raise StoreError(f"could not read attachment {key}: {error}") from None


def s3_client(endpoint_url: str | None, region: str | None):
    """A boto3 client; boto3 is installed only where the S3 store is configured (`pip install vern[s3]`)."""
    try:
        import boto3
    except ImportError:
        raise StoreError("ATTACHMENT_STORE is s3 but boto3 is not installed: pip install 'vern[s3]'") from None
    return boto3.client("s3", endpoint_url=endpoint_url or None, region_name=region or None)


def store_for(cfg: Settings, service_name: str) -> AttachmentStore:
    """The store a service keeps its attachments in: its own directory, or its own prefix in the bucket."""
    if cfg.attachment_store == "s3":
        return S3Store(s3_client(cfg.attachment_s3_endpoint_url, cfg.attachment_s3_region),
                       cfg.attachment_s3_bucket, f"{service_name}/")
    root = Path(cfg.attachment_dir) if cfg.attachment_dir else var_dir() / "attachments"
    return LocalStore(root / service_name)
