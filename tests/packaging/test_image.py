"""deploy/Dockerfile's install step, without a Docker engine: the build context its COPY lines make under
/tmp/vern, rebuilt in a temporary folder, must build Vern's wheel (a file the wheel needs and the image
does not copy fails here), and the install must take the lock as its constraints."""
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "deploy" / "Dockerfile"
CONTEXT = "/tmp/vern"


def instructions(keyword: str) -> list[list[str]]:
    text = DOCKERFILE.read_text().replace("\\\n", " ")
    return [shlex.split(line[len(keyword):]) for line in text.splitlines() if line.startswith(f"{keyword} ")]


def copies() -> dict[str, str]:
    """Where each file or folder the COPY lines name lands in the image."""
    landed = {}
    for *sources, destination in instructions("COPY"):
        for source in sources:
            landed[source] = f"{destination}{Path(source).name}" if destination.endswith("/") else destination
    return landed


def install_context(target: Path) -> Path:
    """What the COPY lines put under /tmp/vern, copied from the checkout into `target`."""
    for source, destination in copies().items():
        if not destination.startswith(CONTEXT + "/"):
            continue
        place = target / destination.removeprefix(CONTEXT + "/")
        if (ROOT / source).is_dir():
            shutil.copytree(ROOT / source, place, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            place.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(ROOT / source, place)
    return target


def pip_install() -> list[str]:
    (run,) = [words for words in instructions("RUN") if "pip" in words and "install" in words]
    return run[:run.index("&&")] if "&&" in run else run


def constraint() -> str:
    words = pip_install()
    flags = [index for index, word in enumerate(words) if word in ("-c", "--constraint")]
    assert len(flags) == 1, f"one constraint file: {words}"
    return words[flags[0] + 1]


def test_the_image_installs_vern_with_the_lock_as_constraints():
    assert pip_install()[-1] == CONTEXT
    assert copies()["deploy/requirements.lock"] == constraint()


def test_the_context_the_image_copies_builds_the_wheel(tmp_path):
    context = install_context(tmp_path / "vern")
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir",
                            str(tmp_path / "dist"), str(context)], capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr[-2000:]
    assert list((tmp_path / "dist").glob("vern-*.whl"))
    # the lock the install is constrained by is the checkout's, byte for byte
    lock = context / constraint().removeprefix(CONTEXT + "/")
    assert lock.read_bytes() == (ROOT / "deploy" / "requirements.lock").read_bytes()
    assert re.search(r"^nameko==2\.14\.1$", lock.read_text(), re.M)
