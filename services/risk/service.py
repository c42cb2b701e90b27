"""The risk service: only a health check until its issue builds it."""
from nameko.rpc import rpc

from shared.health import healthy


class RiskService:
    name = "risk"

    @rpc
    def health(self):
        return healthy(self.name)
