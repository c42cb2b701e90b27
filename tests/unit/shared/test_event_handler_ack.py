"""An event handled while the broker goes away: the failed acknowledgement is logged, not fatal.

nameko lets a socket error from `message.ack()` escape the worker, and a worker error of that kind
kills the whole service container: after a broker restart reporting stayed down and the escalations
of the outage never became tasks. The broker requeues an unacknowledged event with its connection,
and `handle_once` finds it done when it comes back, so the handler only has to survive."""
import logging
from types import SimpleNamespace

import pytest

from shared.event_handler import VernEventHandler


class SocketGone:
    """A queue consumer whose connection died under it, as seen by nameko's ack and requeue."""

    def __init__(self, error):
        self.error = error

    def ack_message(self, message):
        raise self.error

    def requeue_message(self, message):
        raise self.error


def handler_with(queue_consumer, requeue_on_error=False) -> VernEventHandler:
    handler = VernEventHandler("incidents", "incident_escalated", requeue_on_error=requeue_on_error)
    handler.queue_consumer = queue_consumer
    return handler


MESSAGE = SimpleNamespace(delivery_info={"routing_key": "incidents.incident_escalated"})


@pytest.mark.parametrize("error", [ConnectionResetError(104, "Connection reset by peer"),
                                   BrokenPipeError(32, "Broken pipe")])
def test_a_socket_error_on_the_ack_is_logged_and_the_result_returned(error, caplog):
    handler = handler_with(SocketGone(error))
    with caplog.at_level(logging.WARNING, logger="shared.event_handler"):
        assert handler.handle_result(MESSAGE, worker_ctx=None, result="done") == ("done", None)
    assert "could not acknowledge event incidents.incident_escalated" in caplog.text


def test_a_failed_requeue_after_a_handler_error_keeps_the_error_for_nameko():
    failure = (ValueError, ValueError("handler failed"), None)
    handler = handler_with(SocketGone(ConnectionResetError(104, "reset")), requeue_on_error=True)
    assert handler.handle_result(MESSAGE, worker_ctx=None, exc_info=failure) == (None, failure)


def test_any_other_error_still_surfaces():
    handler = handler_with(SocketGone(KeyError("a bug, not the broker")))
    with pytest.raises(KeyError):
        handler.handle_result(MESSAGE, worker_ctx=None, result="done")
