"""The privacy_register service: only a health check until its issue builds it."""
from nameko.rpc import rpc

from shared.health import healthy


class PrivacyRegisterService:
    name = "privacy_register"

    @rpc
    def health(self):
        return healthy(self.name)
