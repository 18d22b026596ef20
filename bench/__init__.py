"""Benchmarks that print figures (CONTRIBUTING.md): speed is measured here, never by timed
tests. ``pages.py`` is the page benchmark; its modules are beside it."""
