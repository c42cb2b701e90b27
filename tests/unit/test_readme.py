"""The README keeps its promises: the two commands come first, and its layout is the tree as it is."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()


def test_the_two_commands_come_first_each_in_its_own_code_block():
    """.ci/run and a new user take `make run` and `make test` from the top of the README."""
    blocks = re.findall(r"```sh\n(.*?)```", README, re.S)
    assert [block.strip() for block in blocks[:2]] == ["make run", "make test"]
    assert README.index("```sh") < README.index("\n## ")


def documented_layout() -> dict[str, set[str]]:
    """The Layout section's code block: `services/<name>/` followed by its entries, wrapped lines indented."""
    section = README.split("\n## Layout\n", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```\n(.*?)```", section, re.S).group(1)
    layout, current = {}, None
    for line in block.splitlines():
        if line.startswith("services/"):
            current, line = line.split(maxsplit=1)[0], line.split(maxsplit=1)[1]
            layout[current] = set()
        layout[current].update(line.split())
    return layout


def test_the_layout_section_lists_every_service_folder_exactly():
    actual = {f"services/{folder.name}/": {entry.name + ("/" if entry.is_dir() else "")
                                           for entry in folder.iterdir() if entry.name != "__pycache__"}
              for folder in sorted((ROOT / "services").iterdir())
              if folder.is_dir() and folder.name != "__pycache__"}
    assert documented_layout() == actual, "README's Layout section differs from `ls services/*/`"
