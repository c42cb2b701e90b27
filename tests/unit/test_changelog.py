"""The version is written once (pyproject.toml) and every version has its changelog entry."""
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Keep a Changelog: "## [1.2.3] - 2026-11-23", newest first, an "## [Unreleased]" section on top
RELEASE_HEADING = re.compile(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", re.M)
SECTION_KINDS = {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}


def project_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def changelog() -> str:
    return (ROOT / "CHANGELOG.md").read_text()


def test_the_current_version_has_a_changelog_entry_and_is_the_newest():
    releases = RELEASE_HEADING.findall(changelog())
    assert releases, "no '## [x.y.z] - YYYY-MM-DD' heading in CHANGELOG.md"
    assert releases[0][0] == project_version(), (
        f"pyproject.toml says {project_version()}, the newest changelog entry is {releases[0][0]}")


def test_the_changelog_keeps_the_format():
    text = changelog()
    assert text.startswith("# Changelog\n") and "## [Unreleased]" in text
    assert text.index("## [Unreleased]") < RELEASE_HEADING.search(text).start()
    versions = [tuple(map(int, version.split("."))) for version, _ in RELEASE_HEADING.findall(text)]
    assert versions == sorted(versions, reverse=True) and len(set(versions)) == len(versions), "newest first, once"
    kinds = set(re.findall(r"^### (\w+)$", text, re.M))
    assert kinds <= SECTION_KINDS, f"not a Keep a Changelog section: {kinds - SECTION_KINDS}"


def test_no_other_file_writes_the_version():
    """`vern --version` reads the installed metadata: a second copy in the code would drift."""
    version = re.escape(project_version())
    written = [path for folder in ("shared", "services", "vern_cli") for path in (ROOT / folder).rglob("*.py")
               if re.search(rf"""["']{version}["']""", path.read_text())]
    assert written == []
