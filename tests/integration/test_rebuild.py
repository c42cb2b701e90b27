"""A reporting instance that lost its facts (or a new one) catches up with `vern reporting rebuild`,
which replays the services' event logs over the real RabbitMQ; the rebuilt reports equal the originals."""
import json
import uuid

import pytest
import yaml
from nameko.standalone.rpc import ClusterRpcProxy
from sqlalchemy import create_engine, text

from shared.errors import BadInput, Forbidden
from tests.integration.harness import wait_for
from tests.integration.test_reports import PERIOD, a_year_of_activity, ok
from vern_cli.main import main as vern_cli


def facts_of(vern, agency: str) -> dict:
    rows = vern.sql("reporting", "SELECT subject_type, subject_id, state FROM report_facts WHERE agency = :agency",
                    agency=agency)
    return {(kind, subject): state if isinstance(state, dict) else json.loads(state) for kind, subject, state in rows}


def forget_facts(vern, agency: str) -> None:
    engine = create_engine(vern.config["DATABASES"]["reporting"])
    try:
        with engine.begin() as connection:
            connection.execute(text("DELETE FROM report_facts WHERE agency = :agency"), {"agency": agency})
    finally:
        engine.dispose()


def settled(vern, agency: str) -> dict:
    """The facts once no more events arrive for the agency (two equal readings in a row)."""
    readings = [facts_of(vern, agency)]

    def steady():
        readings.append(facts_of(vern, agency))
        return readings[-1] == readings[-2] and readings[-1]

    wait_for(steady, timeout=20, interval=0.5)
    return readings[-1]


def test_rebuild_replays_every_services_events_into_the_same_facts_and_figures(vern, tmp_path, capsys):
    code = f"reb-{uuid.uuid4().hex[:8]}"
    coordinator, _ = a_year_of_activity(vern, code)
    wait_for(lambda: any(kind == "exercise" for kind, _ in facts_of(vern, code)), timeout=20)
    before = settled(vern, code)
    figures_before = ok(coordinator.get("/reports/comparison", params=PERIOD))

    forget_facts(vern, code)
    assert ok(coordinator.get("/reports/comparison", params=PERIOD)) != figures_before
    config_file = tmp_path / "config.yaml"
    config_file.write_text(yaml.safe_dump(vern.config))
    assert vern_cli(["--config", str(config_file), "reporting", "rebuild"]) == 0

    printed = capsys.readouterr().out
    for source in ("incidents", "risk", "privacy_register", "training"):
        assert f"{source}: rebuilt" in printed
    assert facts_of(vern, code) == before
    assert ok(coordinator.get("/reports/comparison", params=PERIOD)) == figures_before

    # a second rebuild over facts that exist changes nothing
    assert vern_cli(["--config", str(config_file), "reporting", "rebuild", "--service", "incidents"]) == 0
    assert facts_of(vern, code) == before


def test_the_event_log_is_for_the_operator_only_and_its_query_is_validated(vern):
    with ClusterRpcProxy(vern.config, context_data={"authorization": vern.token(roles=("pko", "central"), agency="fin")}) as rpc:
        with pytest.raises(Forbidden):
            rpc.incidents.published_events({"types": ["incident_reported"]})

    with ClusterRpcProxy(vern.config, context_data={"authorization": vern.token(roles=("admin",))}) as rpc:
        with pytest.raises(BadInput) as bad:
            rpc.risk.published_events({"types": ["assessment_approved"], "limit": 0})
        page = rpc.incidents.published_events({"types": ["incident_reported"], "limit": 1})
    assert "limit" in bad.value.details
    assert len(page["events"]) <= 1 and page["events"][0]["type"] == "no.vern.incidents.incident_reported.v1"
