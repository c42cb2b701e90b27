"""The web mixins share only what their bases declare (services/gateway/web/base.py): a private method
one mixin calls is defined by that mixin itself, never reached on another."""
import ast
import inspect

from services.gateway.web import base
from services.gateway.web.routes import WebPages


def private_calls_and_definitions(mixin):
    tree = ast.parse(inspect.getsource(inspect.getmodule(mixin)))
    called = {node.attr for node in ast.walk(tree)
              if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self"
              and node.attr.startswith("_") and not node.attr.startswith("__")}
    defined = {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
    return called, defined


def test_no_web_mixin_calls_another_mixins_private_method():
    for mixin in WebPages.__bases__:
        called, defined = private_calls_and_definitions(mixin)
        assert called <= defined, f"{mixin.__name__} reaches {sorted(called - defined)} elsewhere: move it to a base"


def test_every_web_mixin_inherits_the_page_base():
    for mixin in WebPages.__bases__:
        assert issubclass(mixin, base.PageBase), mixin.__name__
