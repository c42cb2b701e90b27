"""The API is split by area: each route lives in services/gateway/api/<tag>.py, under its OpenAPI tag,
and `nameko run services.gateway.service` finds the one gateway service there."""
import inspect

from nameko.cli.run import import_service

from services.gateway.api.routes import ApiRoutes
from services.gateway.openapi import routes
from services.gateway.service import GatewayService


def test_each_route_is_in_the_module_named_after_its_tag():
    for name, entrypoint in routes(GatewayService):
        module = inspect.getmodule(getattr(GatewayService, name)).__name__
        assert module == f"services.gateway.api.{entrypoint.tag}", name


def test_every_api_route_comes_from_an_area_mixin():
    api_names = {name for name, _ in routes(ApiRoutes)}
    assert api_names == {name for name, _ in routes(GatewayService)}


def test_no_area_defines_a_route_another_area_also_defines():
    seen = {}
    for mixin in ApiRoutes.__bases__:
        for name, _ in routes(mixin):
            assert name not in seen, f"{name} in {mixin.__name__} and {seen.get(name)}"
            seen[name] = mixin.__name__


def test_nameko_run_finds_exactly_the_gateway_service():
    assert import_service("services.gateway.service") == [GatewayService]
