"""Reporting's subscriptions to the events it folds into its facts (services.reporting.facts):
one event handler, so one queue, per folded event type.

The method names are part of the queue names (evt-<source>-<event>--reporting.<method>): renaming one
would leave its queue, and the events waiting in it, behind. A unit test checks that each fold in
facts.FOLDS has exactly its handler here, under the name record_<source>_<event>.
"""
from functools import partial

from services.reporting import annual_plan, facts
from shared.contracts import incidents, privacy_register, risk, training
from shared.event_handler import event_handler
from shared.events import EventType

FOLD_OF = {fold.event.key: fold for fold in facts.FOLDS}


def _subscribe(event_type: EventType):
    # requeue_on_error: nameko would otherwise ack and drop an event whose handler raised
    return event_handler(event_type.source, event_type.name, requeue_on_error=True)


class FactRecorders:
    """ReportingService's handlers that fold an event into its facts, and tick the annual plan's
    activity the event fulfils, in the same transaction."""

    def _record_fact(self, event_type: EventType, body):
        fold = FOLD_OF[event_type.key]
        self.db.handle_once(f"reporting.facts.{event_type.key}", body, event_type,
                            partial(annual_plan.record_fact, fold))

    @_subscribe(incidents.INCIDENT_REPORTED)
    def record_incidents_incident_reported(self, body):
        self._record_fact(incidents.INCIDENT_REPORTED, body)

    @_subscribe(incidents.INCIDENT_ASSESSED)
    def record_incidents_incident_assessed(self, body):
        self._record_fact(incidents.INCIDENT_ASSESSED, body)

    @_subscribe(incidents.INCIDENT_CLOSED)
    def record_incidents_incident_closed(self, body):
        self._record_fact(incidents.INCIDENT_CLOSED, body)

    @_subscribe(incidents.AUTHORITY_NOTIFICATION_SUBMITTED)
    def record_incidents_authority_notification_submitted(self, body):
        self._record_fact(incidents.AUTHORITY_NOTIFICATION_SUBMITTED, body)

    @_subscribe(incidents.BREACH_ASSESSED)
    def record_incidents_breach_assessed(self, body):
        self._record_fact(incidents.BREACH_ASSESSED, body)

    @_subscribe(incidents.BREACH_DECIDED)
    def record_incidents_breach_decided(self, body):
        self._record_fact(incidents.BREACH_DECIDED, body)

    @_subscribe(incidents.INCIDENT_STATUS_CHANGED)
    def record_incidents_incident_status_changed(self, body):
        self._record_fact(incidents.INCIDENT_STATUS_CHANGED, body)

    @_subscribe(risk.ASSESSMENT_APPROVED)
    def record_risk_assessment_approved(self, body):
        self._record_fact(risk.ASSESSMENT_APPROVED, body)

    @_subscribe(risk.UNACCEPTABLE_RISK_IDENTIFIED)
    def record_risk_unacceptable_risk_identified(self, body):
        self._record_fact(risk.UNACCEPTABLE_RISK_IDENTIFIED, body)

    @_subscribe(risk.RISK_ACCEPTED)
    def record_risk_risk_accepted(self, body):
        self._record_fact(risk.RISK_ACCEPTED, body)

    @_subscribe(risk.TREATMENT_DECIDED)
    def record_risk_treatment_decided(self, body):
        self._record_fact(risk.TREATMENT_DECIDED, body)

    @_subscribe(risk.UNACCEPTABLE_RISK_RESOLVED)
    def record_risk_unacceptable_risk_resolved(self, body):
        self._record_fact(risk.UNACCEPTABLE_RISK_RESOLVED, body)

    @_subscribe(risk.MEASURE_OVERDUE)
    def record_risk_measure_overdue(self, body):
        self._record_fact(risk.MEASURE_OVERDUE, body)

    @_subscribe(privacy_register.PROCESSING_REGISTERED)
    def record_privacy_register_processing_registered(self, body):
        self._record_fact(privacy_register.PROCESSING_REGISTERED, body)

    @_subscribe(privacy_register.PROCESSING_UPDATED)
    def record_privacy_register_processing_updated(self, body):
        self._record_fact(privacy_register.PROCESSING_UPDATED, body)

    @_subscribe(privacy_register.DPIA_REQUIRED)
    def record_privacy_register_dpia_required(self, body):
        self._record_fact(privacy_register.DPIA_REQUIRED, body)

    @_subscribe(privacy_register.DPIA_COMPLETED)
    def record_privacy_register_dpia_completed(self, body):
        self._record_fact(privacy_register.DPIA_COMPLETED, body)

    @_subscribe(privacy_register.DPIA_OUTDATED)
    def record_privacy_register_dpia_outdated(self, body):
        self._record_fact(privacy_register.DPIA_OUTDATED, body)

    @_subscribe(privacy_register.AGREEMENT_COVERAGE_CHANGED)
    def record_privacy_register_agreement_coverage_changed(self, body):
        self._record_fact(privacy_register.AGREEMENT_COVERAGE_CHANGED, body)

    @_subscribe(training.CAMPAIGN_COMPLETED)
    def record_training_campaign_completed(self, body):
        self._record_fact(training.CAMPAIGN_COMPLETED, body)

    @_subscribe(training.EXERCISE_COMPLETED)
    def record_training_exercise_completed(self, body):
        self._record_fact(training.EXERCISE_COMPLETED, body)

    @_subscribe(training.TRAINING_OVERDUE)
    def record_training_training_overdue(self, body):
        self._record_fact(training.TRAINING_OVERDUE, body)

    @_subscribe(training.COORDINATOR_COURSE_PUBLISHED)
    def record_training_coordinator_course_published(self, body):
        self._record_fact(training.COORDINATOR_COURSE_PUBLISHED, body)

    @_subscribe(training.COORDINATOR_PARTICIPATION_RECORDED)
    def record_training_coordinator_participation_recorded(self, body):
        self._record_fact(training.COORDINATOR_PARTICIPATION_RECORDED, body)
