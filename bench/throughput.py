"""Sustained escalations: closed-loop clients for 60 s against every service as its own process, on
PostgreSQL, with one and then two notifications processes.

Escalations per second = incidents escalated in the window whose five tasks were all created, divided by
the time from the first request to the last of their tasks persisted. Vern's message rate = the AMQP
messages of those escalations (every event the outboxes relayed, counted in the outbox tables, and an RPC
request and its reply per HTTP request) divided by the time from the first request to the last of them
relayed. RabbitMQ's own count of messages published into the run's vhost is kept beside it as a check.

    python -m bench.throughput
"""
import time

from bench import broker, load, persisted, report
from bench.cpu import CpuMeter, database_activity
from bench.system import running
from bench.workload import TASKS_PER_ESCALATION, escalator

WINDOW_SECONDS = 60
THREADS = 16  # clients in flight: more than the gateway's 10 workers, so it never waits for a request
DRAIN_SECONDS = 120
RPC_MESSAGES_PER_REQUEST = 2  # the gateway's request to the service and the reply (counted on the broker)
ESCALATION_QUEUE = "evt-incidents-incident_escalated--notifications.on_incident_escalated"


def window(vern, seconds: float = WINDOW_SECONDS) -> dict:
    """One closed-loop window on a quiet system (every earlier task made); its figures."""
    tasks_db = vern.config["DATABASES"]["notifications"]
    databases = {name: vern.config["DATABASES"][name] for name in vern.deployed()}
    tasks_before = persisted.wait_for_tasks(tasks_db, 0, 0)
    counted_before = broker.settled_message_counts(vern.vhost.name)
    activity_before = database_activity(vern.databases.prefix)
    meter = CpuMeter(vern).start()
    outcome = load.closed_loop(escalator(vern.base_url, vern.token()), seconds, THREADS)
    loaded = time.time()
    persisted.wait_for_tasks(tasks_db, tasks_before + TASKS_PER_ESCALATION * len(outcome.results), DRAIN_SECONDS)
    events, last_relayed = persisted.relayed_since(databases, outcome.started)
    cpu = meter.stop()
    made = persisted.tasks_by_incident(tasks_db)
    complete = [e for e in outcome.results if made.get(e.incident_id, (0, 0))[0] == TASKS_PER_ESCALATION]
    last_task = max(made[e.incident_id][1] for e in complete)
    elapsed = last_task - outcome.started
    carried_s = max(last_task, last_relayed) - outcome.started  # until the last of their messages was sent
    requests_answered = 2 * len(outcome.results) + len(outcome.errors)
    carried = sum(events.values()) + RPC_MESSAGES_PER_REQUEST * requests_answered
    counted_after = broker.settled_message_counts(vern.vhost.name)
    activity_after = database_activity(vern.databases.prefix)
    per = max(1, len(complete))
    return {
        "escalations_per_s": round(len(complete) / elapsed, 1),
        "escalated": len(complete), "incomplete": len(outcome.results) - len(complete),
        "errors": len(outcome.errors), "error_samples": outcome.errors[:3],
        "seconds_to_last_task": round(elapsed, 1), "drain_after_load_s": round(last_task - loaded, 1),
        "http_requests_per_s": round(2 * len(outcome.results) / (outcome.ended - outcome.started), 1),
        "messages": carried, "seconds_to_last_message": round(carried_s, 1),
        "messages_per_s": round(carried / carried_s, 1), "messages_per_escalation": round(carried / per, 2),
        "events_relayed": events,
        "broker_counted": {key: counted_after[key] - counted_before[key] for key in counted_after},
        "cpu_seconds": cpu,
        "cpu_ms_per_escalation": {name: round(1000 * used / per, 1) for name, used in cpu.items()},
        "database_per_escalation": {
            name: {key: round((found[key] - activity_before.get(name, {}).get(key, 0)) / per, 1) for key in found}
            for name, found in activity_after.items() if name in ("incidents", "notifications")},
    }


def warm_up(vern):
    """Lazy imports, empty connection pools and a database without statistics are not what we measure."""
    done = load.batch(escalator(vern.base_url, vern.token()), 20, threads=4)
    persisted.wait_for_tasks(vern.config["DATABASES"]["notifications"], TASKS_PER_ESCALATION * len(done.results),
                             DRAIN_SECONDS)
    persisted.analyze(vern.config["DATABASES"])


def run() -> dict:
    with running("postgresql", "throughput") as vern:
        warm_up(vern)
        one = window(vern)
        print(f"  throughput, 1 notifications process: {one}", flush=True)
        vern.start_process("notifications")
        broker.wait_for_consumers(vern.vhost.name, ESCALATION_QUEUE, 2)
        two = window(vern)
        print(f"  throughput, 2 notifications processes: {two}", flush=True)
    return {
        "escalations_per_s_sustained": one["escalations_per_s"],
        "escalations_per_s_two_notifications": two["escalations_per_s"],
        "two_notifications_speedup": round(two["escalations_per_s"] / one["escalations_per_s"], 2),
        "vern_messages_per_s": one["messages_per_s"],
        "vern_messages_per_escalation": one["messages_per_escalation"],
        "cpu_ms_per_escalation": round(sum(used for name, used in one["cpu_ms_per_escalation"].items()
                                           if name not in ("bench_client", "rest_of_machine")), 1),
        "other_load_cores_during_throughput": round(
            one["cpu_seconds"]["rest_of_machine"] / one["seconds_to_last_task"], 2),
        "vern_messages_per_s_two_notifications": two["messages_per_s"],
        "throughput_details": {"one_notifications": one, "two_notifications": two},
    }


if __name__ == "__main__":
    report.save_and_print("throughput", run())
