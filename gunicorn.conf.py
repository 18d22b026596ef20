"""gunicorn settings for production: ``gunicorn -c gunicorn.conf.py theodoi.wsgi``.

App servers are stateless (sessions, cache and jobs in the database or Redis, files in the
storage backend), so a province runs as many as it needs behind its load balancer."""

import multiprocessing
import os

from theodoi.startup import configured_or_exit

# A missing or wrong setting stops the start here, in one line, before any worker boots.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "theodoi.settings")
configured_or_exit(2)

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
# Importing a long PDF plan takes seconds; anything much longer is stuck.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 120))
# A worker that read a large workbook or plan keeps that memory (CPython seldom gives it back to
# the system): recycling each worker after so many requests returns it; the jitter staggers them.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 1000))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", 100))
accesslog = "-"
errorlog = "-"
# The proxies whose X-Forwarded-Proto gunicorn believes: the ones the app believes (settings).
forwarded_allow_ips = os.environ.get("TRUSTED_PROXIES", "127.0.0.1,::1")
