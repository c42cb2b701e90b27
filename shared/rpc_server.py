"""nameko's `@rpc` entrypoint, made safe for a broker that goes away mid-call.

nameko kills the whole service container when it cannot publish an RPC reply (a broker restart
while a worker runs), and the broker redelivers the request, unacknowledged, once the service has
reconnected: a command that already committed would be carried out twice. Here a lost reply is
logged (the caller times out and answers 503), and the request's id and its redelivered flag reach
the service's database dependency, which refuses to repeat a command it already committed
(`shared.service_database`, table `processed_commands`).
"""
import logging

from amqp.exceptions import ConnectionError as AmqpConnectionError
from kombu.exceptions import OperationalError
from nameko.rpc import Rpc, RpcConsumer

log = logging.getLogger(__name__)

REQUEST_ID_KEY = "vern.rpc_request_id"
REDELIVERED_KEY = "vern.rpc_redelivered"


class ResilientRpcConsumer(RpcConsumer):
    def handle_result(self, message, result, exc_info):
        try:
            return super().handle_result(message, result, exc_info)
        except (OperationalError, AmqpConnectionError, ConnectionError, OSError) as error:
            # the request goes back to the queue with the connection; a redelivery finds it done
            log.warning("could not reply to RPC %s (%s): %s", message.delivery_info.get("routing_key"),
                        message.properties.get("correlation_id"), error)
            return result, exc_info


class ResilientRpc(Rpc):
    rpc_consumer = ResilientRpcConsumer()

    def unpack_message_headers(self, message):
        context = super().unpack_message_headers(message)
        context[REQUEST_ID_KEY] = message.properties.get("correlation_id")
        context[REDELIVERED_KEY] = bool(message.delivery_info.get("redelivered"))
        return context


rpc = ResilientRpc.decorator
