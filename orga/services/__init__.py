"""Writes of the organiser workspace: the workflows that span apps, each recorded in the
audit log (orga.services.audit)."""
