"""nameko entrypoints of the reporting service: parse, call a handler, dump."""
from nameko.events import event_handler
from nameko.rpc import rpc

from services.reporting import handlers
from services.reporting.schemas import (CompleteTaskSchema, ContactOutSchema, ContactQuerySchema, DirectorySchema,
                                        NotificationTaskPageSchema, NotificationTaskSchema, TaskListQuerySchema)
from shared.auth import CallerProvider
from shared.contracts.incidents import INCIDENT_ESCALATED
from shared.errors import EXPECTED_ERRORS
from shared.health import healthy
from shared.store import Database
from shared.validation import load


class ReportingService:
    name = "reporting"

    db = Database()
    caller = CallerProvider()

    @rpc
    def health(self):
        return healthy(self.name)

    # requeue_on_error: nameko would otherwise ack and drop an event whose handler raised
    @event_handler("incidents", "incident_escalated", requeue_on_error=True)
    def on_incident_escalated(self, body):
        self.db.handle_once("reporting.on_incident_escalated", body, INCIDENT_ESCALATED,
                            handlers.create_tasks_for_escalated_incident)

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def list_tasks(self, query=None):
        principal = self.caller.require("task.read")
        filters = load(TaskListQuerySchema(), query or {})
        with self.db.unit_of_work() as uow:
            return NotificationTaskPageSchema().dump(handlers.list_tasks(uow, principal, **filters))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def complete_task(self, task_id, payload=None):
        principal = self.caller.require("task.complete")
        command = load(CompleteTaskSchema(), payload or {})
        with self.db.unit_of_work() as uow:
            return NotificationTaskSchema().dump(handlers.complete_task(uow, principal, str(task_id), command["note"]))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def load_directory(self, payload):
        self.caller.require("directory.load")
        directory = load(DirectorySchema(), payload)
        with self.db.unit_of_work() as uow:
            return {"agencies": handlers.load_directory(uow, directory)}

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def get_contact(self, query):
        principal = self.caller.require("directory.read")
        wanted = load(ContactQuerySchema(), query)
        with self.db.unit_of_work() as uow:
            return ContactOutSchema().dump(handlers.find_contact(uow, principal, **wanted))
