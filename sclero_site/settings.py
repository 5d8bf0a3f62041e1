"""The only settings module. Environment variables decide every difference.

Unset variables give the embedded default: SQLite, local-memory cache, console
email and tasks run immediately. Production sets DATABASE_URL, REDIS_URL and
the email variables, and turns DJANGO_DEBUG off.
"""

import ipaddress
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


def parse_sentinels(value: str) -> list[tuple[str, int]]:
    """ "host:port,host:port" (port 26379 when left out) as django-redis wants it."""
    sentinels = []
    for item in value.split(","):
        item = item.strip()
        if not item:
            continue
        host, _, port = item.rpartition(":") if ":" in item else (item, "", "26379")
        if not host or not port.isdigit():
            raise ImproperlyConfigured(
                f"DJANGO_REDIS_SENTINELS: {item!r} is not host:port"
            )
        sentinels.append((host.strip("[]"), int(port)))
    return sentinels


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off."
        )
    SECRET_KEY = "insecure-development-key-only-for-debug-mode-" + "x" * 20

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# Our own proxies / load balancers (addresses or networks): their X-Forwarded-For
# gives the client's address for rate limits (core/clientip.py). Default: none.
TRUSTED_PROXIES = [
    str(ipaddress.ip_network(entry, strict=False))
    for entry in env_list("DJANGO_TRUSTED_PROXIES")
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    # Second factors (TOTP, recovery codes, passkeys) and the devices page.
    "allauth.mfa",
    "allauth.usersessions",
    "django_tasks_db",
    "core",
    "members",
    "articles",
    "forum",
    "conversations",
    "search",
    "sclero_site",
]

MIDDLEWARE = [
    # Which database serves the request: primary, replica or read-only.
    "sclero_site.middleware.ReplicaRoutingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "sclero_site.csp.DebugPagePolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Visitors' reading pages answered whole from the cache, before the session.
    "core.pagecache.VisitorPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language: the /zh-hant/ prefix, else English (sclero_site/i18n.py).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    # Staff and professionals set up a second factor before using their powers.
    "members.security.SecondFactorRequiredMiddleware",
    # A first visit from a browser that prefers Chinese goes to /zh-hant/.
    "sclero_site.i18n.FirstVisitLanguageMiddleware",
    "core.ratelimits.RateLimitMiddleware",
    "sclero_site.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "sclero_site.urls"
WSGI_APPLICATION = "sclero_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "sclero_site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sclero_site.context_processors.site",
                "sclero_site.context_processors.read_only",
                "sclero_site.context_processors.reader_comfort",
                "forum.context_processors.notifications",
                "conversations.context_processors.unread_messages",
            ],
            # `date` writes dates as the reader's language does (core/dates.py).
            "builtins": ["core.templatetags.localized_dates"],
        },
    },
]
# Form fields in the site's layout: a checkbox beside its label (core/forms.py).
FORM_RENDERER = "core.forms.SiteFormRenderer"
if not DEBUG:
    # Cached templates: parse once per process.
    TEMPLATES[0]["APP_DIRS"] = False
    TEMPLATES[0]["OPTIONS"]["loaders"] = [
        (
            "django.template.loaders.cached.Loader",
            [
                "django.template.loaders.filesystem.Loader",
                "django.template.loaders.app_directories.Loader",
            ],
        )
    ]

# Database: SQLite unless DATABASE_URL says otherwise. Persistent connections
# (CONN_MAX_AGE) with health checks so a restarted server is noticed.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    # Fail fast when the database host does not answer (503 page, worker restart).
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env_int(
        "DJANGO_DB_CONNECT_TIMEOUT", 5
    )
# Behind pgbouncer in transaction mode (DJANGO_DB_PGBOUNCER=1) each transaction may
# land on another server connection: no server-side cursors (they live across
# transactions), no server-side prepared statements (psycopg prepares none unless
# asked; pinned off), and Django's connections closed after each request
# (pgbouncer pools them). Advisory locks need a session: the timers and the worker
# connect to PostgreSQL directly (docs/scaling.md).
DB_PGBOUNCER = env_bool("DJANGO_DB_PGBOUNCER", False)


def _for_pgbouncer(database: dict) -> dict:
    if DB_PGBOUNCER and database["ENGINE"] == "django.db.backends.postgresql":
        database["DISABLE_SERVER_SIDE_CURSORS"] = True
        database["CONN_MAX_AGE"] = env_int("DJANGO_CONN_MAX_AGE", 0)
        database.setdefault("OPTIONS", {})["prepare_threshold"] = None
    return database


# Straight to PostgreSQL, queries are bound on the server so that psycopg prepares
# each one a connection has run DJANGO_DB_PREPARE_THRESHOLD times: PostgreSQL then
# plans the thread page's joins once per connection, not once per request
# (docs/performance.md). pgbouncer 1.18 (Debian 12) cannot keep prepared statements
# across transactions, so behind it the switch stays off.
DB_SERVER_SIDE_BINDING = env_bool("DJANGO_DB_SERVER_SIDE_BINDING", not DB_PGBOUNCER)


def _prepared_statements(database: dict) -> dict:
    if (
        DB_SERVER_SIDE_BINDING
        and not DB_PGBOUNCER
        and database["ENGINE"] == "django.db.backends.postgresql"
    ):
        database.setdefault("OPTIONS", {}).update(
            server_side_binding=True,
            prepare_threshold=env_int("DJANGO_DB_PREPARE_THRESHOLD", 2),
        )
    return database


_prepared_statements(_for_pgbouncer(DATABASES["default"]))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A streaming replica for reads (core/replicas.py): reads of safe requests go there
# while it lags at most DJANGO_REPLICA_MAX_LAG seconds; a member's own writes pin
# their next DJANGO_REPLICA_PIN_SECONDS of requests to the primary; while the
# primary is away the site reads from the replica alone, read-only.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = {
        **dj_database_url.parse(
            os.environ["DATABASE_REPLICA_URL"],
            conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 600),
            conn_health_checks=True,
        ),
        "OPTIONS": dict(DATABASES["default"].get("OPTIONS", {})),
        # Tests read the test database through this alias as well.
        "TEST": {"MIRROR": "default"},
    }
    _prepared_statements(_for_pgbouncer(DATABASES["replica"]))
    DATABASE_ROUTERS = ["core.replicas.ReplicaRouter"]
REPLICA_MAX_LAG = env_int("DJANGO_REPLICA_MAX_LAG", 5)
REPLICA_PIN_SECONDS = env_int("DJANGO_REPLICA_PIN_SECONDS", 10)
REPLICA_HEALTH_SECONDS = env_int("DJANGO_REPLICA_HEALTH_SECONDS", 3)

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # django-redis: while Redis is away every cache call is logged and answered as a
    # miss (core/cache.py), so pages keep serving and rate limits fail open.
    CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_PREFIX", "sclero"),
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    # Redis Sentinel: DJANGO_REDIS_SENTINELS="10.0.0.5:26379,10.0.0.6:26379" and
    # REDIS_URL=redis://<service name>/0 (e.g. redis://mymaster/0): django-redis asks
    # the sentinels for the current primary and follows a failover.
    REDIS_SENTINELS = parse_sentinels(os.environ.get("DJANGO_REDIS_SENTINELS", ""))
    if REDIS_SENTINELS:
        CACHES["default"]["OPTIONS"] |= {
            "CLIENT_CLASS": "django_redis.client.SentinelClient",
            "CONNECTION_FACTORY": "django_redis.pool.SentinelConnectionFactory",
            "SENTINELS": REDIS_SENTINELS,
        }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "sclero",
        }
    }

# Tasks: run immediately unless a worker backend is chosen. Production uses
# django-tasks-db: DJANGO_TASKS_BACKEND=django_tasks_db.DatabaseBackend and a
# `python manage.py db_worker` process.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "DJANGO_TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend"
        ),
    }
}
# A task RUNNING longer than this lost its worker: `reclaim_stuck_tasks` requeues
# it (emails, publishing: safe to run again) or marks it FAILED; /healthz counts it.
TASKS_STUCK_SECONDS = env_int("DJANGO_TASKS_STUCK_SECONDS", 1800)

AUTH_USER_MODEL = "members.User"
# allauth's email login, loading the profile with the user and caching permissions.
AUTHENTICATION_BACKENDS = ["members.backends.MemberBackend"]
# Sessions read from the cache (Redis in production), written through to the database.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# django-allauth: email login, mandatory verification, no enumeration, rate
# limits on (they live in the cache).
ACCOUNT_ADAPTER = "members.adapters.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "members.forms.LoginForm",
    "signup": "members.forms.SignupForm",
}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_GET = False
# A new password keeps this device signed in and ends every other session (Django
# checks the password hash each session holds).
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# A word by email when the password, the email address or a factor changes.
ACCOUNT_EMAIL_NOTIFICATIONS = True
# Changing email or password, removing a factor: the password (or a factor) again.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
# ... and before an export or a moderator's reading of a reported conversation;
# once proved, ten minutes of a moderator's shift go on without asking again.
ACCOUNT_REAUTHENTICATION_TIMEOUT = 600
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_SESSION_REMEMBER = None
# The name people see (page titles, emails); `sclero_site` stays the package name.
SITE_NAME = os.environ.get("SITE_NAME") or "Kindred"
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
    "reauthenticate": "10/m/user",
}

# allauth.mfa: authenticator apps with recovery codes, security keys and passkeys
# (a passkey alone signs in). Required for moderators, editors, administrators and
# verified professionals before their powers work (members/security.py).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_FORMS = {"add_webauthn": "members.forms.AddSecurityKeyForm"}
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_PASSKEY_SIGNUP_ENABLED = False
MFA_TOTP_ISSUER = SITE_NAME
# Browsers allow WebAuthn on http://localhost only; debug and tests run there.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG or env_bool(
    "DJANGO_WEBAUTHN_ALLOW_INSECURE_ORIGIN", False
)
MFA_TRUST_ENABLED = False
# Devices (allauth.usersessions) at /accounts/sessions/: last use is the sign-in
# time, never written on an ordinary page view (no database write on a GET).
USERSESSIONS_TRACK_ACTIVITY = False

DEFAULT_FROM_EMAIL = os.environ.get(
    "DJANGO_DEFAULT_FROM_EMAIL", f"{SITE_NAME} <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Email: the console in debug mode unless DJANGO_EMAIL_HOST is set; SMTP otherwise
# (a local relay on localhost:25 unless told where).
if os.environ.get("DJANGO_EMAIL_HOST") or not DEBUG:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ.get("DJANGO_EMAIL_HOST", "localhost"),
                "port": env_int("DJANGO_EMAIL_PORT", 25),
                "username": os.environ.get("DJANGO_EMAIL_HOST_USER", ""),
                "password": os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("DJANGO_EMAIL_USE_TLS", False),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

# English at the plain addresses, Traditional Chinese (Taiwan) under /zh-hant/
# (sclero_site/urls.py). The names are written in their own language for the switcher.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("zh-hant", "繁體中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
# Members' photos never live under MEDIA_URL: "private" has no public address and
# its files are served only by the forum's photo view, to members who may read the
# post. Keep PRIVATE_MEDIA_ROOT outside anything the web server publishes.
PRIVATE_MEDIA_ROOT = Path(
    os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media")
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "core.storage.PrivateStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# In debug mode (and tests) WhiteNoise serves straight from the app folders.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# Object storage (S3 API, django-storages) for more than one app node: set a bucket
# and every node reads and writes the same files. Credentials come the usual boto3
# way (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, or the machine's role).
S3_ENDPOINT_URL = os.environ.get("DJANGO_S3_ENDPOINT_URL") or None  # None: AWS
S3_REGION = os.environ.get("DJANGO_S3_REGION") or None
S3_MEDIA_BUCKET = os.environ.get("DJANGO_S3_MEDIA_BUCKET", "")
S3_PRIVATE_BUCKET = os.environ.get("DJANGO_S3_PRIVATE_BUCKET", "")


def s3_options(bucket: str, **options) -> dict:
    return {
        "bucket_name": bucket,
        "endpoint_url": S3_ENDPOINT_URL,
        "region_name": S3_REGION,
        "file_overwrite": False,
        **options,
    }


if S3_MEDIA_BUCKET:
    # Public files (hero images) are public: plain addresses that cached pages can
    # keep, on a CDN when DJANGO_MEDIA_CDN_DOMAIN names one.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": s3_options(
            S3_MEDIA_BUCKET,
            querystring_auth=False,
            default_acl=None,
            custom_domain=os.environ.get("DJANGO_MEDIA_CDN_DOMAIN") or None,
            object_parameters={
                "CacheControl": "public, max-age=31536000, immutable",
                "ContentDisposition": "inline",
            },
        ),
    }
if S3_PRIVATE_BUCKET:
    # Members' photos: a private bucket, streamed by the site's own views only.
    STORAGES["private"] = {
        "BACKEND": "core.storage.PrivateS3Storage",
        "OPTIONS": s3_options(S3_PRIVATE_BUCKET),
    }

# Security headers. CSP is on in every mode: no inline script or style, no
# third-party origin.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
if not DEBUG:
    # Browsers POST violations here (sclero_site/csp.py logs one line each).
    SECURE_CSP["report-uri"] = ["/csp-report/"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# The load balancer probes each node over plain http: /healthz answers it, never 301.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING"),
    },
}

# Site and forum options. Their defaults are written once, in core/conf.py and
# forum/conf.py (read at call time); the environment overrides any of them.
for _name in ("SITE_NAME", "SITE_URL", "SITE_CONTACT_EMAIL"):
    if os.environ.get(_name):
        globals()[_name] = os.environ[_name]
for _name, _value in os.environ.items():
    if _name.startswith("FORUM_") and _value.strip():
        globals()[_name] = (
            int(_value) if _value.strip().isdigit() else env_bool(_name, False)
        )
CSRF_FAILURE_VIEW = "sclero_site.views.csrf_failure"

# Visitors' pages cached whole (core/pagecache.py): the reading pages, by URL name.
# Never accounts, moderation, messages, admin or search results.
PAGECACHE_ENABLED = env_bool("DJANGO_PAGECACHE", True)
PAGECACHE_SECONDS = env_int("DJANGO_PAGECACHE_SECONDS", 60)
PAGECACHE_URL_NAMES = {
    "home",
    "topic-detail",
    "about",
    "terms",
    "privacy",
    "contact",
    "guidelines",
    "articles:library",
    "articles:channel",
    "articles:detail",
    "forum:index",
    "forum:board-detail",
    "forum:thread",
    "forum:thread-detail",
    # Results are public pages (search/caching.py keeps members' result pages).
    "search",
}
