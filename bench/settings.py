"""The project's settings with the bench's URLconf: the pages plus the framework's floor,
so the floor goes through the same middleware, session and database and ships nowhere."""

from theodoi.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
