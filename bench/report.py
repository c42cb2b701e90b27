"""Where results go: one JSON file per module in bench/results/, and a markdown table on stdout."""
import json
from pathlib import Path

RESULTS = Path(__file__).with_name("results")


def save(name: str, figures: dict) -> Path:
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(figures, indent=2, sort_keys=True, default=str) + "\n")
    return path


def load(name: str) -> dict:
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else {}


def table(figures: dict) -> str:
    """The flat numeric figures as a two-column markdown table (nested details stay in the JSON)."""
    rows = ["| figure | value |", "|---|---|"]
    rows += [f"| {key} | {value} |" for key, value in figures.items()
             if isinstance(value, (int, float)) and not isinstance(value, bool)]
    return "\n".join(rows)


def save_and_print(name: str, figures: dict) -> None:
    path = save(name, figures)
    print(table(figures))
    print(f"\n(written to {path})")
