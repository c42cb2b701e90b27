"""What the gateway's API and web mixins reach through `self`: the services' RPC proxies, the settings
the routes read, metrics and single sign-on.

Declared once, on the one base both kinds of mixin inherit, so a mixin's `self.incidents` names a
dependency its own base declares, and nameko binds each of them once for the whole gateway service.
"""
from services.gateway.sso import SingleSignOn
from shared.metrics import Metrics
from shared.rpc import TimedRpcProxy
from shared.setting import Setting


class GatewayDependencies:
    health_timeout = Setting("health_timeout_seconds")
    deployed_services = Setting("services")
    attachment_max_bytes = Setting("attachment_max_bytes")
    metrics = Metrics()
    incidents = TimedRpcProxy("incidents")
    risk = TimedRpcProxy("risk")
    privacy_register = TimedRpcProxy("privacy_register")
    training = TimedRpcProxy("training")
    reporting = TimedRpcProxy("reporting")
    notifications = TimedRpcProxy("notifications")
    sign_in = SingleSignOn()
    webhooks = TimedRpcProxy("webhooks")
