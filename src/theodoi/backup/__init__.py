"""Backing up an installation (database and uploaded files) into one archive, and restoring it
on a fresh machine: ``theodoi backup`` and ``theodoi restore``."""
