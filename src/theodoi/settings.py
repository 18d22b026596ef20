"""Django settings, read from the environment through a few strict helpers.

Development needs nothing set: SQLite in ./var, DEBUG on. Production sets
THEODOI_ENV=production and the variables of ``REQUIRED_IN_PRODUCTION``; anything missing stops
the start with one line naming it (``theodoi.startup``) rather than running insecurely.
"""

from __future__ import annotations

import ipaddress
import os
from email.utils import parseaddr
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured

# Admin classes and inlines name their model's type (``ModelAdmin[Task]``), which Django's
# classes accept at run time only once patched.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("THEODOI_VAR_DIR", Path.cwd() / "var"))
# SQLite, the SQLite job queue and local uploads live here; a fresh clone has no such folder.
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"Thiếu biến môi trường {name}.")
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} phải là true hoặc false, không phải {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} phải là số nguyên, không phải {raw!r}.") from exc


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_networks(name: str, default: str) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    networks = []
    for item in env_list(name, default):
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"{name}: {item!r} không phải địa chỉ IP hay dải mạng (ví dụ 10.0.0.0/24)."
            ) from exc
    return networks


PRODUCTION = os.environ.get("THEODOI_ENV", "development") == "production"
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    SMTP_BACKEND if PRODUCTION else "django.core.mail.backends.console.EmailBackend",
)
# Without these production would run insecurely or never deliver a notice; the mail server
# and the sender's address are needed only when mail goes out by SMTP.
REQUIRED_IN_PRODUCTION = ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL") + (
    ("EMAIL_HOST", "DEFAULT_FROM_EMAIL") if EMAIL_BACKEND == SMTP_BACKEND else ()
)
if PRODUCTION:
    missing = [name for name in REQUIRED_IN_PRODUCTION if not os.environ.get(name, "").strip()]
    if missing:
        raise ImproperlyConfigured(
            f"Thiếu biến môi trường {', '.join(missing)} (README, mục Production)."
        )

DEBUG = env_bool("DEBUG", not PRODUCTION)
# In development a fixed key is harmless; production must bring its own.
SECRET_KEY = (
    env_str("SECRET_KEY")
    if PRODUCTION
    else env_str("SECRET_KEY", "dev-only-not-secret-0c9b7e0e6f0b4a1c9a8f")
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The reverse proxies whose X-Forwarded-For is believed, and how many of them stand in a row
# before the app (theodoi.proxies); by default the proxy on this machine that the README puts
# in front of gunicorn. A request from any other address is its own sender.
TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES", "127.0.0.1,::1")
PROXY_HOPS = env_int("PROXY_HOPS", 1)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "theodoi.audit",
    "theodoi.limits",
    "theodoi.orgs",
    "theodoi.plans",
    "theodoi.reporting",
    # A workspace sub-app (its pages' templates and catalogue) stands right after the app whose
    # rules it shows: where two catalogues translate a message differently the app listed first
    # wins, so the pages keep the words they had.
    "theodoi.workspace.reporting",
    "theodoi.workspace",
    "theodoi.snapshots",
    "theodoi.directives",
    "theodoi.workspace.directives",
    "theodoi.portal",
    "theodoi.workspace.feedback",
    "theodoi.workspace.dashboard",
    "theodoi.workspace.people",
    "theodoi.notify",
    "theodoi.exports",
    "theodoi.workspace.exports",
    "theodoi.workspace.coverage",
    "theodoi.workspace.scoring",
    "theodoi.workspace.auditlog",
    "theodoi.backup",
    "theodoi.api",
    "theodoi.demo",
    "huey.contrib.djhuey",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "theodoi.headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "theodoi.api.conditional.ApiConditionalGet",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "theodoi.orgs.middleware.chosen_membership",
    "django.contrib.messages.middleware.MessageMiddleware",
    "theodoi.workspace.upload_limit.UploadLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "theodoi.urls"
WSGI_APPLICATION = "theodoi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "theodoi.notify.context.unread_notices",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL")
        if PRODUCTION
        else env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'theodoi.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers queue as on PostgreSQL instead of failing with "database is locked":
    # readers never block the writer (WAL); a write transaction takes the lock as it begins
    # (IMMEDIATE), since SQLite refuses at once a read lock's upgrade while another writes;
    # and a writer waits up to 20 s for its turn.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "theodoi_cache"}
    )
}

AUTHENTICATION_BACKENDS = [
    # Takes an attempt before any password is checked (a burst cannot pass the limit).
    "theodoi.limits.logins.AttemptBackend",
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
# Single sign-on with the province's OpenID Connect provider (theodoi.workspace.sso): off
# unless OIDC_RP_CLIENT_ID is set. The endpoints default to the issuer's usual paths.
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
LOGIN_REDIRECT_URL_FAILURE = "/dang-nhap/?sso=loi"
OIDC_ROLES_CLAIM = os.environ.get("OIDC_ROLES_CLAIM", "theodoi_roles")
if OIDC_RP_CLIENT_ID:
    OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET")
    OIDC_ISSUER = env_str("OIDC_ISSUER").rstrip("/")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env_str(
        "OIDC_OP_AUTHORIZATION_ENDPOINT", f"{OIDC_ISSUER}/auth"
    )
    OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT", f"{OIDC_ISSUER}/token")
    OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT", f"{OIDC_ISSUER}/me")
    OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT", f"{OIDC_ISSUER}/jwks")
    OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", "openid email profile theodoi")
    AUTHENTICATION_BACKENDS.insert(-1, "theodoi.workspace.sso.ClaimsBackend")
LOGOUT_REDIRECT_URL = "/"

# Login throttling: after 5 failures for one user name and address, wait an hour. The address
# is the sender's as theodoi.proxies reads it, the one the feedback limit counts.
AXES_CLIENT_IP_CALLABLE = "theodoi.proxies.client_address"
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # its start-up banner would print on every command
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"  # a Vietnamese page, not axes' English line

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)  # one working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_ENGINE = "django.contrib.sessions.backends.db"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
# Django's vi formats do not group thousands; ours write 1.234,5 and 25/02/2025.
FORMAT_MODULE_PATH = ["theodoi.workspace.formats"]

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# WhiteNoise warns at every start while the folder collectstatic fills is missing, which a dev
# server and the tests (serving through the finders) never need filled.
STATIC_ROOT.mkdir(exist_ok=True)
# Chart.js comes from the npm registry at set-up (scripts/setup: npm ci), never from a CDN;
# Luxon and Chart.js's own adapter to it give the charts a time axis (dates spaced by time).
NODE_MODULES = BASE_DIR.parents[1] / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/chart.js", NODE_MODULES / "chart.js" / "dist"),
    ("vendor/luxon", NODE_MODULES / "luxon" / "build" / "global"),
    ("vendor/chartjs-adapter-luxon", NODE_MODULES / "chartjs-adapter-luxon" / "dist"),
]
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "media/"
# Evidence, plan documents and uploads: the local folder above by default; an S3-compatible
# object store (a province's own, or a cloud's) when S3_BUCKET is set. Files are still served
# by theodoi's views, which check access, never by a public bucket URL.
S3_BUCKET = os.environ.get("S3_BUCKET")
DEFAULT_STORAGE = (
    {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID"),
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY"),
            "location": os.environ.get("S3_PREFIX", ""),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    if S3_BUCKET
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
)
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
THEODOI_MAX_UPLOAD_BYTES = env_int("THEODOI_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
# Read scanned PDFs uploaded to the import page with OCR (needs the ``ocr`` extra and Debian's
# tesseract-ocr tesseract-ocr-vie); off, officials are asked for the Word file instead.
THEODOI_IMPORT_OCR = env_bool("THEODOI_IMPORT_OCR", False)
# LibreOffice conversions of .doc/.rtf/.odt plans at once on this machine (each some 210 MB),
# counted by file locks in VAR_DIR; one that waited THEODOI_CONVERT_WAIT_SECONDS for a slot
# is refused, asking the official to try again (theodoi.ingest.readers.slots).
THEODOI_CONVERT_SLOTS = env_int("THEODOI_CONVERT_SLOTS", 2)
THEODOI_CONVERT_WAIT_SECONDS = env_int("THEODOI_CONVERT_WAIT_SECONDS", 30)
if THEODOI_CONVERT_SLOTS < 1 or THEODOI_CONVERT_WAIT_SECONDS < 0:
    raise ImproperlyConfigured(
        "THEODOI_CONVERT_SLOTS phải từ 1 trở lên và THEODOI_CONVERT_WAIT_SECONDS không được âm."
    )
# A file past THEODOI_MAX_UPLOAD_BYTES stops being stored while it streams in (and a request
# declaring more is answered 413 unread): theodoi.workspace.upload_limit.
FILE_UPLOAD_HANDLERS = [
    "theodoi.workspace.upload_limit.UploadLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)  # a mail server that hangs must not hold a worker
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "theodoi@localhost")
if "@" not in parseaddr(DEFAULT_FROM_EMAIL)[1]:
    raise ImproperlyConfigured(
        f"DEFAULT_FROM_EMAIL: {DEFAULT_FROM_EMAIL!r} không phải địa chỉ thư (ví dụ "
        "theodoi@skhcn.dongthap.gov.vn)."
    )
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("EMAIL_USE_TLS và EMAIL_USE_SSL: chỉ bật một trong hai.")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    X_FRAME_OPTIONS = "DENY"

# The job queue (theodoi.notify.jobs): Redis when REDIS_URL is set, with several workers;
# otherwise a SQLite file next to the database, so one machine needs nothing else installed.
HUEY = {
    "name": "theodoi",
    "huey_class": "huey.PriorityRedisHuey" if REDIS_URL else "huey.SqliteHuey",
    **({"url": REDIS_URL} if REDIS_URL else {"filename": str(VAR_DIR / "huey.sqlite3")}),
    # Jobs run in a worker (theodoi run_huey), never inside a web request.
    "immediate": env_bool("HUEY_IMMEDIATE", False),
    "consumer": {"workers": env_int("HUEY_WORKERS", 2), "worker_type": "thread"},
}
# A worker that claimed a notice and died holds it this long before another may send it.
NOTICE_CLAIM_SECONDS = env_int("NOTICE_CLAIM_SECONDS", 300)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line": {"()": "theodoi.startup.WithoutTraceback"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        # A request for a foreign Host is a scan or a misconfigured proxy, not a bug: one
        # line each, not a traceback.
        "console_one_line": {"class": "logging.StreamHandler", "filters": ["one_line"]},
    },
    "loggers": {
        "django.security.DisallowedHost": {
            "handlers": ["console_one_line"],
            "level": "WARNING",
            "propagate": False,
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# The API (theodoi.api): tokens or the browser's session; every refusal as problem details;
# reads throttled per caller (an agency's system polls, it does not flood).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "theodoi.api.authentication.BearerToken",
        # The browser's session, with Django's CSRF check on writes.
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "theodoi.api.permissions.SignedInToWrite",
        "theodoi.api.permissions.TokenWrites",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "theodoi.api.pagination.Pages",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "theodoi.api.problems.problem_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("API_RATE_ANONYMOUS", "120/minute"),
        "user": env_str("API_RATE_SIGNED_IN", "600/minute"),
    },
    "NUM_PROXIES": PROXY_HOPS,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "theodoi API",
    "DESCRIPTION": "Plans, tasks, indicators, reports and evaluations of Resolution 57-NQ/TW "
    "plans; the same rows and rules as theodoi's pages.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI and ReDoc from the installed package: the documentation works on a closed
    # network, with no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "ReviewStateEnum": "theodoi.reporting.models.ReviewState",
        "RoundStateEnum": "theodoi.reporting.models.RoundState",
    },
}
