"""Refresh the vendored Kubernetes JSON schemas from a downloaded kubernetes-validate wheel:

    pip download --no-deps kubernetes-validate==1.37.0 -d /tmp/kv
    python tests/unit/kubernetes_schema/vendor.py /tmp/kv/kubernetes_validate-1.37.0-py3-none-any.whl

Keeps only the kinds deploy/kubernetes uses and the definitions they reach (the whole set is 1.4 MB),
so the test needs neither the package nor a network.
"""
import json
import re
import sys
import zipfile
from pathlib import Path

KUBERNETES = "v1.33.0"  # a version municipal clusters run; the manifests use nothing newer
KINDS = ("deployment-apps-v1", "service-v1", "job-batch-v1", "configmap-v1", "secret-v1")
REF = re.compile(r"#/\$defs/([^\"]+)")
HERE = Path(__file__).parent


def reachable(definitions: dict, start: set) -> set:
    seen, todo = set(), list(start)
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(REF.findall(json.dumps(definitions[name])))
    return seen


def main(wheel: str):
    folder = f"kubernetes_validate/kubernetes-json-schema/{KUBERNETES}-local-strict/"
    with zipfile.ZipFile(wheel) as archive:
        kinds = {kind: archive.read(f"{folder}{kind}.json").decode() for kind in KINDS}
        definitions = json.loads(archive.read(f"{folder}_definitions.json"))["$defs"]
        licence = archive.read("kubernetes_validate-1.37.0.dist-info/licenses/LICENSE").decode()
    needed = reachable(definitions, {name for text in kinds.values() for name in REF.findall(text)})
    for kind, text in kinds.items():
        (HERE / f"{kind}.json").write_text(text.replace("/api/_definitions.json#", "_definitions.json#"))
    kept = {"$defs": {name: definitions[name] for name in sorted(needed)}}
    (HERE / "_definitions.json").write_text(json.dumps(kept, indent=1, sort_keys=True) + "\n")
    (HERE / "LICENSE").write_text(licence)


if __name__ == "__main__":
    main(sys.argv[1])
