"""RPC to another service with a deadline: an absent or silent service is a 503, not a hang.

A service left out of the deployment (`SERVICES`) is answered at once as not deployed: its RPC
queue may still exist from an earlier installation, and a call would wait there for the timeout.
"""
import eventlet
from kombu.exceptions import OperationalError
from nameko.exceptions import RemoteError, UnknownService
from nameko.rpc import RpcProxy

from shared.config import settings
from shared.errors import ServiceNotDeployed, ServiceUnavailable

# A service whose own database does not answer raises these (SQLAlchemy's names): a passing
# outage, which the caller should hear as 503 and retry, not as a 500.
DATABASE_OUTAGES = {"OperationalError", "InterfaceError", "DisconnectionError", "TimeoutError"}


class TimedRpcProxy(RpcProxy):
    """nameko's RpcProxy, but every call gives up after RPC_TIMEOUT_SECONDS."""

    def setup(self):
        super().setup()
        configured = settings(self.container.config)
        self.timeout = configured.rpc_timeout_seconds
        self.deployed = self.target_service in configured.services

    def get_dependency(self, worker_ctx):
        if not self.deployed:
            return NotDeployedProxy(self.target_service)
        return TimedServiceProxy(super().get_dependency(worker_ctx), self.target_service, self.timeout)


class NotDeployedProxy:
    """Stands in for a service this installation does not run: every call is refused without a message sent."""

    def __init__(self, service_name: str):
        self._service_name = service_name

    def call(self, method_name: str, *args, **kwargs):
        raise ServiceNotDeployed(
            f"The {self._service_name} service is not deployed in this installation / "
            f"Tjenesten {self._service_name} er ikke installert her")

    def __getattr__(self, method_name: str):
        return lambda *args, **kwargs: self.call(method_name, *args, **kwargs)


class TimedServiceProxy:
    def __init__(self, proxy, service_name: str, timeout: float):
        self._proxy = proxy
        self._service_name = service_name
        self._timeout = timeout

    def call(self, method_name: str, *args, timeout: float | None = None, **kwargs):
        method = getattr(self._proxy, method_name)
        try:
            with eventlet.Timeout(timeout or self._timeout):
                return method.call_async(*args, **kwargs).result()
        except (UnknownService, eventlet.Timeout, OperationalError, ConnectionError):
            raise ServiceUnavailable(
                f"The {self._service_name} service does not answer / Tjenesten {self._service_name} svarer ikke"
            ) from None
        except RemoteError as error:
            if error.exc_type not in DATABASE_OUTAGES:
                raise
            raise ServiceUnavailable(
                f"The {self._service_name} service cannot reach its database; try again shortly / "
                f"Tjenesten {self._service_name} får ikke kontakt med databasen; prøv igjen om litt") from None

    def __getattr__(self, method_name: str):
        return lambda *args, **kwargs: self.call(method_name, *args, **kwargs)
