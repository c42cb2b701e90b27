"""Fault tests: a fresh Vern per test, its services as processes, faults made on loopback only."""
import pytest

from tests.faults.cluster import Cluster


@pytest.fixture
def make_cluster(tmp_path):
    started = []

    def make(backend: str = "postgresql", instances: int = 1, **config) -> Cluster:
        cluster = Cluster(backend, tmp_path / f"{backend}-{len(started)}", instances, **config)
        started.append(cluster)
        return cluster.start()

    yield make
    for cluster in started:
        cluster.stop()
