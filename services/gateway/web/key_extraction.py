"""pybabel's extractor for the page templates: the keys of t(...) and gettext calls, and the keys given to macros.

Jinja's own extractor finds "nav.inbox" in t("nav.inbox") but not a key handed to a macro, such as the label
and the hint of text_field(errors, values, "title", "risks.risk_title", hint_key="risks.risk_title_hint").
Here an argument is a key when the macro's parameter is named *_key. The parameters are read from the
templates (the file's own macros and those it imports with {% from ... import ... %}), so a new macro needs
no change here. babel.cfg names this extractor; docs/web-interface.md says how to run it.
"""
from pathlib import Path

from jinja2 import Environment, nodes
from jinja2.ext import extract_from_ast

KEY_PARAMETER_SUFFIX = "_key"
# Only parses: the pages' own settings (autoescape, trimmed blocks) do not change which calls a template makes.
_parser = Environment(extensions=["jinja2.ext.i18n"])


def extract(fileobj, keywords, comment_tags, options):
    """Babel's extraction method: (line, function, key, comments) for each key the template names."""
    tree = _parser.parse(fileobj.read().decode(options.get("encoding", "utf-8")))
    for lineno, function, message in extract_from_ast(tree, tuple(keywords)):
        yield lineno, function, message, []
    macros = _imported_macros(tree, Path(fileobj.name).parent) | _macro_parameters(tree)
    for call in tree.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.node.name in macros:
            for key, lineno in _key_arguments(call, macros[call.node.name]):
                yield lineno, None, key, []


def _macro_parameters(tree: nodes.Template) -> dict[str, list[str]]:
    return {macro.name: [argument.name for argument in macro.args] for macro in tree.find_all(nodes.Macro)}


def _imported_macros(tree: nodes.Template, folder: Path) -> dict[str, list[str]]:
    found = {}
    for imported in tree.find_all(nodes.FromImport):
        if not isinstance(imported.template, nodes.Const):
            continue
        defined = _macro_parameters(_parser.parse((folder / imported.template.value).read_text(encoding="utf-8")))
        for name in imported.names:
            name, alias = name if isinstance(name, tuple) else (name, name)
            if name in defined:
                found[alias] = defined[name]
    return found


def _key_arguments(call: nodes.Call, parameters: list[str]):
    given = list(zip(parameters, call.args)) + [(keyword.key, keyword.value) for keyword in call.kwargs]
    for parameter, value in given:
        if parameter.endswith(KEY_PARAMETER_SUFFIX) and isinstance(value, nodes.Const) and isinstance(value.value, str):
            yield value.value, value.lineno
