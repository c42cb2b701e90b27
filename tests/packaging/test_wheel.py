"""The wheel a release ships: built from the sources as a release builds it, installed into a fresh venv,
and run from there, so a file missing from the package data fails here and not at an agency.

How it is installed, and why: the wheel goes into a new venv with `--no-deps`, and the venv borrows the
locked dependencies from the project's venv through a `.pth` line naming its site-packages. Installing
every dependency again would take minutes and the package index; the borrowed ones are exactly
deploy/requirements.lock (the project venv installs within it), and a path line in a `.pth` file does not
run that directory's own `.pth` files, so the editable install of the checkout stays out of the way.
The test asserts that Vern's modules are imported from the new venv, not from the checkout.
"""
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("shared", "services", "vern_cli")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
VERSION = PYPROJECT["project"]["version"]


def run(*args, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run([str(arg) for arg in args], capture_output=True, text=True, timeout=300, **kwargs)
    assert result.returncode == 0, f"{' '.join(map(str, args))}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """Built from a copy of what the wheel is made of: building in the checkout would leave build/ and
    vern.egg-info/ in it. Build isolation fetches pyproject's build requirement (setuptools) as a release does."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    source.mkdir()
    shutil.copy(ROOT / "pyproject.toml", source)
    for package in PACKAGES:
        shutil.copytree(ROOT / package, source / package, ignore=shutil.ignore_patterns("__pycache__"))
    for data_file in data_files():
        (source / data_file).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / data_file, source / data_file)
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", work / "dist", source)
    (built,) = (work / "dist").glob("vern-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("venv") / "venv"
    run(sys._base_executable, "-m", "venv", "--without-pip", target)
    site_packages = Path(sysconfig.get_path("purelib", vars={"base": str(target), "platbase": str(target)}))
    (site_packages / "vern-locked-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    run(sys.executable, "-m", "pip", "--python", target / "bin" / "python", "install", "--no-deps", "--no-index",
        "--quiet", wheel)
    return target


def data_files() -> list[str]:
    return [name for names in PYPROJECT["tool"]["setuptools"].get("data-files", {}).values() for name in names]


def source_files(package: str) -> set[str]:
    return {path.relative_to(ROOT).as_posix() for path in (ROOT / package).rglob("*")
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"}


def test_the_wheel_holds_every_file_of_the_packages_and_the_config(wheel):
    """Migrations (env.py, versions, script.py.mako), message templates and every module: what
    pyproject's packages and package-data must carry. A new kind of file needs a package-data pattern."""
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = set().union(*(source_files(package) for package in PACKAGES))
    assert expected - names == set(), "add a package-data pattern in pyproject.toml for these"
    for service in ("incidents", "risk", "privacy_register", "training", "reporting", "webhooks", "notifications"):
        migrations = f"services/{service}/migrations/"
        assert {f"{migrations}env.py", f"{migrations}script.py.mako"} <= names
        assert any(name.startswith(f"{migrations}versions/") for name in names), service
    for language in ("nb", "en"):
        assert f"services/notifications/templates/{language}/incident_escalated_datatilsynet.html.j2" in names
    data = f"vern-{VERSION}.data/data/share/vern/config.yaml"
    assert data in names and zipfile.ZipFile(wheel).read(data) == (ROOT / "deploy/config.yaml").read_bytes()
    assert not [name for name in names if name.split("/")[0] in ("tests", "deploy", "bench", "examples")]


def test_the_wheel_names_its_version_dependencies_and_command(wheel):
    with zipfile.ZipFile(wheel) as archive:
        metadata = archive.read(f"vern-{VERSION}.dist-info/METADATA").decode()
        entry_points = archive.read(f"vern-{VERSION}.dist-info/entry_points.txt").decode()
    assert f"Version: {VERSION}\n" in metadata
    required = {line.split(": ", 1)[1] for line in metadata.splitlines()
                if line.startswith("Requires-Dist:") and "extra ==" not in line}
    assert {name.replace(" ", "") for name in required} == {
        dependency.replace(" ", "") for dependency in PYPROJECT["project"]["dependencies"]}
    assert "vern = vern_cli.main:main" in entry_points


def test_the_installed_vern_runs_from_the_venv(venv, tmp_path):
    vern = venv / "bin" / "vern"
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VERN_CONFIG")}
    # the operator's agency directory: an installation has none of its own (tokens are only for its agencies)
    (tmp_path / "directory.yaml").write_text("agencies: [{code: demo, name: Demo-etaten}]\n")
    env.update(VERN_JWT_SECRET="s" * 40, VERN_VAR_DIR=str(tmp_path / "var"), PYTHONWARNINGS="ignore",
               VERN_DIRECTORY_FILE=str(tmp_path / "directory.yaml"))
    elsewhere = {"cwd": tmp_path, "env": env}  # not the checkout: nothing may be found through it

    assert run(vern, "--version", **elsewhere).stdout.strip() == f"vern {VERSION}"
    assert "incidents" in run(vern, "--help", **elsewhere).stdout

    where = run(venv / "bin" / "python", "-c", "import json, shared, services.reporting.service, vern_cli; "
                "print(json.dumps([shared.__file__, services.reporting.service.__file__, vern_cli.__file__]))",
                **elsewhere)
    for module_file in json.loads(where.stdout):
        assert Path(module_file).is_relative_to(venv), f"{module_file} is not the installed wheel's"

    # the installed default config (share/vern/config.yaml) and its environment overrides
    token = run(vern, "token", "--sub", "u1", "--roles", "pko", "--agency", "demo", **elsewhere).stdout.strip()
    assert token.count(".") == 2
    # every service's migrations, from the installed package, to head on SQLite
    migrated = run(vern, "migrate", **elsewhere).stdout
    for service in ("incidents", "risk", "privacy_register", "training", "reporting", "webhooks", "notifications"):
        assert f"migrated {service}" in migrated
        assert (tmp_path / "var" / f"{service}.db").stat().st_size > 0
    # the message templates, both languages
    rendered = run(venv / "bin" / "python", "-c", "from services.notifications import messages; "
                   "print(len(messages.template_names()))", **elsewhere)
    assert int(rendered.stdout) >= 10
