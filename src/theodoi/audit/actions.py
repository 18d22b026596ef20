"""Every action the audit log records, declared once with what the audit page calls it.

Actions are dotted, ``app.object.verb`` (``plans.plan.published``); the stored value is the
string, so entries written before an action was declared here still read. ``record`` takes only
an :class:`Action` or an :func:`admin_action` and refuses anything else, so an action made up
on the spot (an f-string) never reaches the log unlabelled.
"""

from __future__ import annotations

from typing import NewType

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    IMPORT_STAGED = "plans.import.staged", _("Plan document imported for review")
    IMPORT_CORRECTED = "plans.import.corrected", _("Imported plan corrected")
    IMPORT_CORRECTION_UNDONE = "plans.import.correction_undone", _("Correction undone")
    IMPORT_AGENCY_MAPPED = "plans.import.agency_mapped", _("Agency name mapped")
    IMPORT_DISCARDED = "plans.import.discarded", _("Import discarded")
    PLAN_PUBLISHED = "plans.plan.published", _("Plan published")
    TASK_CONFIDENTIALITY_SET = "plans.task.confidentiality_set", _("Task confidentiality set")
    TASK_CONDITION_MET = "plans.task.condition_met", _("Condition of a task met")
    TASK_EXTERNAL_ID_SET = "plans.task.external_id_set", _("Task identifier set")
    INDICATOR_EXTERNAL_ID_SET = "plans.indicator.external_id_set", _("Indicator identifier set")
    LINKS_SUGGESTED = "plans.links.suggested", _("Links to higher tasks suggested")
    LINK_CONFIRMED = "plans.link.confirmed", _("Link to a higher task confirmed")
    LINK_REJECTED = "plans.link.rejected", _("Link to a higher task rejected")
    SCHEDULE_SET = "reporting.schedule.set", _("Reporting schedule set")
    ROUND_OPENED = "reporting.round.opened", _("Reporting round opened")
    ROUND_LOCKED = "reporting.round.locked", _("Reporting round locked")
    ROUND_REOPENED = "reporting.round.reopened", _("Reporting round reopened for an agency")
    ROUND_CLOSED = "reporting.round.closed", _("Reporting round closed")
    UPDATE_SAVED = "reporting.update.saved", _("Task report saved as a draft")
    UPDATE_SUBMITTED = "reporting.update.submitted", _("Task report submitted")
    UPDATE_ACCEPTED = "reporting.update.accepted", _("Task report accepted")
    UPDATE_RETURNED = "reporting.update.returned", _("Task report returned")
    VALUE_SAVED = "reporting.value.saved", _("Indicator figure saved as a draft")
    VALUE_SUBMITTED = "reporting.value.submitted", _("Indicator figure submitted")
    VALUE_ACCEPTED = "reporting.value.accepted", _("Indicator figure accepted")
    VALUE_RETURNED = "reporting.value.returned", _("Indicator figure returned")
    EVIDENCE_ATTACHED = "reporting.evidence.attached", _("Evidence attached")
    SNAPSHOT_REBUILT = "snapshots.snapshot.rebuilt", _("Evaluation recalculated")
    RANKING_PUBLISHED = "snapshots.ranking.published", _("Ranking published")
    SYNTH_LOADED = "snapshots.synth.loaded", _("Synthetic data loaded")
    SYNTH_REMOVED = "snapshots.synth.removed", _("Synthetic data removed")
    NOTICE_READ = "notify.notice.read", _("Notice read")
    NOTICES_ALL_READ = "notify.notice.all_read", _("All notices read")
    NOTICE_PREFERENCES_SET = "notify.preferences.set", _("Notice preferences set")
    ALIAS_CREATED = "orgs.alias.created", _("Organisation name added")
    MEMBERSHIP_GRANTED = "orgs.membership.granted", _("Role granted")
    CONFIDENTIAL_READ = "plans.task.confidential_read", _("Confidential task read")
    PERSON_DEACTIVATED = "orgs.person.deactivated", _("Person deactivated")
    ORGANISATIONS_LOADED = "orgs.data.loaded", _("Organisations loaded")
    PASSWORD_CHANGED = "accounts.password.changed", _("Password changed by its owner")
    PASSWORD_RESET = "accounts.password.reset", _("Password reset")
    FEEDBACK_RECEIVED = "portal.feedback.received", _("Feedback received")
    PERSON_INVITED = "orgs.person.invited", _("Account created and invited")
    INVITATION_RESENT = "orgs.person.invitation_resent", _("Invitation sent again")
    PERSON_REACTIVATED = "orgs.person.reactivated", _("Person reactivated")
    INVITATION_ACCEPTED = "accounts.invitation.accepted", _("Password chosen from an invitation")
    PROFILE_CHANGED = "accounts.profile.changed", _("Own name or e-mail changed")
    API_TOKEN_ISSUED = "api.token.issued", _("API token issued")
    API_TOKEN_REVOKED = "api.token.revoked", _("API token revoked")
    WEBHOOK_SUBSCRIBED = "api.webhook.subscribed", _("Webhook subscriber added")
    WEBHOOK_UNSUBSCRIBED = "api.webhook.unsubscribed", _("Webhook subscriber removed")
    SCORING_SET = "snapshots.scoring.set", _("Scoring weights and bands set")
    RANKING_WITHDRAWN = "snapshots.ranking.withdrawn", _("Ranking withdrawn")
    PLAN_AMENDED = "plans.plan.amended", _("Plan amended")
    PLAN_WITHDRAWN = "plans.plan.withdrawn", _("Plan withdrawn")
    TASK_PEOPLE_SET = "plans.task.people_set", _("People in charge of a task set")
    EXTENSION_REQUESTED = "reporting.extension.requested", _("Deadline extension requested")
    EXTENSION_GRANTED = "reporting.extension.granted", _("Deadline extension granted")
    EXTENSION_REFUSED = "reporting.extension.refused", _("Deadline extension refused")
    ROUND_EDITED = "reporting.round.edited", _("Reporting round dates edited")
    ROUND_EXTENDED = "reporting.round.extended", _("Reporting round deadline extended")
    ROUND_LOCKED_EARLY = "reporting.round.locked_early", _("Reporting round locked early")
    ROUND_AD_HOC_OPENED = "reporting.round.ad_hoc_opened", _("Ad-hoc reporting round opened")
    FEEDBACK_TAKEN_IN = "portal.feedback.taken_in", _("Reported difficulty or proposal taken in")
    FEEDBACK_ROUTED = "portal.feedback.routed", _("Feedback sent to an agency")
    FEEDBACK_ANSWERED = "portal.feedback.answered", _("Feedback answered")
    FEEDBACK_PUBLISHED = "portal.feedback.published", _("Feedback and its answer published")
    DIRECTIVE_ISSUED = "directives.directive.issued", _("Directive issued")
    DIRECTIVE_ANSWERED = "directives.directive.answered", _("Directive answered")


class AdminVerb(models.TextChoices):
    """What IT staff did to a row in Django admin; the action names the row's model."""

    CREATED = "created", _("Created in administration")
    CHANGED = "changed", _("Changed in administration")
    DELETED = "deleted", _("Deleted in administration")
    PASSWORD_SET = "password_set", _("Password set in administration")


# ``admin.<app label>.<model name>.<verb>``, made only by ``admin_action``.
AdminAction = NewType("AdminAction", str)
ADMIN = "admin."


def admin_action(model: type[models.Model] | models.Model, verb: AdminVerb) -> AdminAction:
    return AdminAction(f"{ADMIN}{model._meta.label_lower}.{verb.value}")


def _admin_parts(action: str) -> tuple[type[models.Model], AdminVerb] | None:
    if not action.startswith(ADMIN):
        return None
    label, _dot, verb = action.removeprefix(ADMIN).rpartition(".")
    if verb not in AdminVerb.values:
        return None
    try:
        return apps.get_model(label), AdminVerb(verb)
    except (LookupError, ValueError):
        return None


def is_declared(action: str) -> bool:
    return action in Action.values or _admin_parts(action) is not None


def label_of(action: str) -> str:
    """What the audit page calls an action; an action no longer declared shows as stored."""
    if action in Action.values:
        return str(Action(action).label)
    parts = _admin_parts(action)
    if parts is None:
        return action
    model, verb = parts
    return f"{verb.label}: {model._meta.verbose_name}"
