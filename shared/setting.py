"""One validated configuration value as a nameko dependency, read once at start, not per request."""
from nameko.extensions import DependencyProvider

from shared.config import settings


class Setting(DependencyProvider):
    """`timeout = Setting("health_timeout_seconds")`: the value of that field of `settings(config)`."""

    def __init__(self, name: str, default=None):
        self.name = name
        self.default = default

    def setup(self):
        value = getattr(settings(self.container.config), self.name)
        self.value = self.default if value is None else value

    def get_dependency(self, worker_ctx):
        return self.value
