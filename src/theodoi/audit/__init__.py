"""The audit log. Every service function calls :func:`theodoi.audit.log.record` inside its
transaction."""
