"""The attachments of a service as a nameko dependency: its store and the size limit, from settings."""
from nameko.extensions import DependencyProvider

from shared.attachments import sniffing
from shared.attachments.store import store_for
from shared.config import settings


class Attachments:
    def __init__(self, store, max_bytes: int):
        self.store = store
        self.max_bytes = max_bytes

    def limits(self) -> dict:
        return {"max_bytes": self.max_bytes, "allowed_types": list(sniffing.ALLOWED)}


class AttachmentStoreProvider(DependencyProvider):
    def setup(self):
        cfg = settings(self.container.config)
        self.attachments = Attachments(store_for(cfg, self.container.service_name), cfg.attachment_max_bytes)

    def get_dependency(self, worker_ctx):
        return self.attachments
