"""A call to a service the installation does not run is refused at once, saying so."""
import time

import pytest

from shared.errors import ServiceNotDeployed, ServiceUnavailable
from shared.rpc import NotDeployedProxy


def test_a_service_that_is_not_deployed_is_refused_at_once_in_both_languages():
    started = time.monotonic()
    with pytest.raises(ServiceNotDeployed) as refused:
        NotDeployedProxy("risk").list_risks({"agency": "demo"})
    assert time.monotonic() - started < 0.1  # no message sent, no timeout waited
    assert refused.value.http_status == 503 and refused.value.code == "service_not_deployed"
    assert "risk service is not deployed in this installation" in refused.value.message
    assert "Tjenesten risk er ikke installert her" in refused.value.message
    # callers that treat an absent service as unavailable (incidents asking reporting for the DPO) still do
    assert isinstance(refused.value, ServiceUnavailable)
