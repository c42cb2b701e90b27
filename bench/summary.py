"""The run's summary: every module's figures, the derived ratios, the targets of issue 9, and the machine."""
import json
import platform
from datetime import datetime, timezone
from pathlib import Path

import requests

from tests.integration.harness import RABBIT_API

# figure -> (comparison, bound): what issue 9 asks of Vern on this machine
TARGETS = {
    "fanout_p99_ms_at_10_per_s": ("<", 250),
    "escalations_per_s_sustained": (">=", 100),
    "vern_to_raw_message_rate_ratio": (">=", 0.25),
    "management_review_100k_s": ("<", 2.0),
}
# the raw rate Vern is compared with: publishing the way the outbox relay publishes (a batch, then its
# confirms); the ratio against one confirm at a time (nameko's Publisher, Vern's RPC) is given beside it
RAW_AS_THE_OUTBOX = "raw_messages_per_s_confirm_batch"
RAW_ONE_AT_A_TIME = "raw_messages_per_s_confirm_each"


def machine() -> dict:
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = next((line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")),
                 platform.processor())
    try:
        broker = requests.get(f"{RABBIT_API}/overview", timeout=5).json().get("rabbitmq_version")
    except (requests.RequestException, ValueError):
        broker = None
    return {"cores": cpuinfo.count("processor\t:"), "cpu_model": model, "python": platform.python_version(),
            "rabbitmq": broker, "date": datetime.now(timezone.utc).isoformat(timespec="seconds")}


def derive(figures: dict) -> dict:
    derived = {}
    if figures.get("vern_messages_per_s") and figures.get(RAW_AS_THE_OUTBOX):
        derived["vern_to_raw_message_rate_ratio"] = round(figures["vern_messages_per_s"] / figures[RAW_AS_THE_OUTBOX], 3)
        derived["vern_to_raw_message_rate_ratio_against"] = RAW_AS_THE_OUTBOX
    if figures.get("vern_messages_per_s") and figures.get(RAW_ONE_AT_A_TIME):
        derived["vern_to_raw_confirm_each_ratio"] = round(figures["vern_messages_per_s"] / figures[RAW_ONE_AT_A_TIME], 3)
    return derived


def targets(figures: dict) -> dict:
    met = {}
    for key, (comparison, bound) in TARGETS.items():
        value = figures.get(key)
        met[key] = None if value is None else (value < bound if comparison == "<" else value >= bound)
    return met


def summarise(figures: dict, wall_seconds: float) -> dict:
    figures = {**figures, **derive(figures)}
    return {**machine(), "wall_seconds": round(wall_seconds, 1), **figures,
            "targets": {key: {"target": f"{c} {b}", "value": figures.get(key), "met": targets(figures)[key]}
                        for key, (c, b) in TARGETS.items()}}


def markdown(summary: dict) -> str:
    s = summary.get

    def cell(key):
        value = s(key)
        return "–" if value is None else f"{value:g}" if isinstance(value, float) else str(value)

    lines = [f"Vern benchmark, {s('date')}: {s('cores')} cores ({s('cpu_model')}), RabbitMQ {s('rabbitmq')}, "
             f"whole run {s('wall_seconds')} s", "",
             "| fan-out latency (ms) | PostgreSQL p50 | p95 | p99 | SQLite p50 | p95 | p99 |", "|---|---|---|---|---|---|---|"]
    for rate in (1, 10, 50):
        pg = [cell(f"fanout_{p}_ms_at_{rate}_per_s") for p in ("p50", "p95", "p99")]
        lite = [cell(f"fanout_sqlite_{p}_ms_at_{rate}_per_s") for p in ("p50", "p95", "p99")]
        lines.append(f"| {rate} incidents/s | " + " | ".join(pg + lite) + " |")
    lines += ["", "| figure | value |", "|---|---|",
              f"| escalations/s sustained, 1 notifications process (PostgreSQL) | {cell('escalations_per_s_sustained')} |",
              f"| escalations/s sustained, 2 notifications processes | {cell('escalations_per_s_two_notifications')} |",
              f"| speed-up with 2 notifications processes | {cell('two_notifications_speedup')} |",
              f"| CPU per escalation, all Vern processes + broker + database (ms) | {cell('cpu_ms_per_escalation')} |",
              f"| other users' load on the machine meanwhile (cores) | {cell('other_load_cores_during_throughput')} |",
              f"| Vern AMQP messages/s during the throughput run | {cell('vern_messages_per_s')} |",
              f"| raw kombu messages/s, confirm each | {cell('raw_messages_per_s_confirm_each')} |",
              f"| raw kombu messages/s, confirm per batch of 100 | {cell('raw_messages_per_s_confirm_batch')} |",
              f"| Vern / raw message rate (raw confirming per batch, as the outbox) | "
              f"{cell('vern_to_raw_message_rate_ratio')} |",
              f"| Vern / raw message rate (raw confirming each message) | {cell('vern_to_raw_confirm_each_ratio')} |",
              f"| GET /incidents (100 000 stored) requests/s | {cell('gateway_list_requests_per_s')} |",
              f"| GET /incidents p50 / p99 ms | {cell('gateway_list_p50_ms')} / {cell('gateway_list_p99_ms')} |",
              f"| management review over 100 000 incidents, PostgreSQL s | {cell('management_review_100k_s')} |",
              f"| management review over 100 000 incidents, SQLite s | {cell('management_review_100k_sqlite_s')} |",
              "", "| target | value | met |", "|---|---|---|"]
    for key, found in s("targets", {}).items():
        met = {True: "yes", False: "**no**", None: "not measured"}[found["met"]]
        lines.append(f"| {key} {found['target']} | {cell(key)} | {met} |")
    return "\n".join(lines)


def write(summary: dict, path: Path) -> None:
    path.write_text(json.dumps(summary, indent=2, default=str) + "\n")
