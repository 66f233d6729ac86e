"""Settings for clustermeet, read from environment variables.

Every variable has a safe default for the demo (SQLite, local task queue, mails to the
console). With PRODUCTION=1 the platform refuses to start without a real SECRET_KEY.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from core.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("DATA_DIR", str(BASE_DIR / "data")))

PRODUCTION = env_bool("PRODUCTION", False)
DEBUG = env_bool("DEBUG", False) and not PRODUCTION

_DEMO_SECRET_KEY = "demo-only-insecure-secret-key-do-not-use-in-production"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY") or _DEMO_SECRET_KEY
if PRODUCTION and (SECRET_KEY == _DEMO_SECRET_KEY or len(SECRET_KEY) < 32):
    raise ImproperlyConfigured("PRODUCTION=1 needs a SECRET_KEY of at least 32 random characters.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
CSRF_FAILURE_VIEW = "clustermeet.views.csrf_failure"  # translated, in the site's design
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "modeltranslation",  # must precede the admin to patch its forms
    "clustermeet.apps.AdminConfig",  # the admin behind the second factor (admin_site.py)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",  # its sitemap.xml templates (clustermeet.seo)
    "django_countries",
    "template_partials",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "clustermeet",
    "events",
    "reports",
    "mail",
    "registrations",
    "attendance",
    "feedback",
    "pitches",
    "matchmaking",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "rules",
    "orga",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "clustermeet.middleware.accept_language_cleaning",
    "django.middleware.locale.LocaleMiddleware",
    "clustermeet.middleware.form_encoding_refusal",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): the second factor
    "django.contrib.messages.middleware.MessageMiddleware",
    "clustermeet.middleware.DatabaseBusyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out login into the lockout page
]

ROOT_URLCONF = "clustermeet.urls"
WSGI_APPLICATION = "clustermeet.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "clustermeet.context_processors.site",
            ],
        },
    },
]

# Database: a SQLite file in the data folder unless DATABASE_URL says otherwise.
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'clustermeet.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent visitors on the embedded default: take the write lock at BEGIN and use WAL,
    # otherwise parallel writes fail with "database is locked".
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# A transaction the database aborts for a deadlock or a serialisation failure (or SQLite's
# "database is locked") is run again, this many times in all (core.db.retry_on_conflict);
# then the visitor is asked to try again (503).
DATABASE_CONFLICT_ATTEMPTS = env_int("DATABASE_CONFLICT_ATTEMPTS", 3)

# Cache: shared between worker processes, so that a change invalidates every worker's pages.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "core.cache.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "cache"),
        }
    }
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)

# Background work: Django's tasks framework (the django-tasks backport). The embedded default
# keeps the queue in the database (run by `manage.py db_worker`); TASKS_BACKEND=rq puts it on
# Redis (REDIS_URL), consumed by `manage.py rqworker`-style workers on any host.
TASKS_BACKEND = env_str("TASKS_BACKEND", "database")
# Two queues: "default" (mails, sweeps) and "registrations" (what the public forms leave to
# the worker, registrations.tasks); run_worker serves both, in this order: a visitor's
# request does not wait behind a backlog of mails.
TASK_QUEUES = ["registrations", "default"]
if TASKS_BACKEND == "rq":
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": TASK_QUEUES}}
    # on the cache's Redis, through its connection pool (core.cache.RedisCache)
    RQ_QUEUES = {name: {"USE_REDIS_CACHE": "default"} if REDIS_URL
                 else {"URL": "redis://127.0.0.1:6379/0"} for name in TASK_QUEUES}
    INSTALLED_APPS.append("django_rq")  # the RQ backend's system check demands it
elif TASKS_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
                         "QUEUES": TASK_QUEUES}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": TASK_QUEUES}}

# E-mail: to the console unless EMAIL_URL names an SMTP server
# (smtp://user:password@host:587/?tls=True, or smtp+ssl://...).
EMAIL_URL = env_str("EMAIL_URL", "console://")
vars().update(dj_email_url.parse(EMAIL_URL))
if EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend":  # noqa: F821 (from the URL)
    EMAIL_BACKEND = "mail.backends.EmailBackend"  # Django's, with RFC 5321's timeouts
elif EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend":  # noqa: F821
    EMAIL_BACKEND = "mail.console.ConsoleEmailBackend"  # a line each, the message in data/mail
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "clustermeet <events@example.org>")
# Seconds for connecting and each SMTP command; the reply to the end of a message may take
# EMAIL_DATA_END_TIMEOUT (RFC 5321: 10 minutes), and without it the mail is "unconfirmed".
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
EMAIL_DATA_END_TIMEOUT = env_int("EMAIL_DATA_END_TIMEOUT", 600)
# The outbox (mail/): a failed send is retried after 30 s · 2^(attempt − 1), at most an hour
# apart, and marked failed after MAIL_MAX_ATTEMPTS; the worker sweeps for due mails as well.
MAIL_MAX_ATTEMPTS = env_int("MAIL_MAX_ATTEMPTS", 15)
MAIL_RETRY_SECONDS = env_int("MAIL_RETRY_SECONDS", 30)
MAIL_RETRY_MAX_SECONDS = env_int("MAIL_RETRY_MAX_SECONDS", 3600)
# How long a worker holds a mail it sends; longer than any send may take (mail.E001).
MAIL_CLAIM_SECONDS = env_int("MAIL_CLAIM_SECONDS", EMAIL_DATA_END_TIMEOUT + 30 * EMAIL_TIMEOUT)
MAIL_SWEEP_SECONDS = env_int("MAIL_SWEEP_SECONDS", 60)
if TASKS_BACKEND == "rq":  # RQ stops a job after 180 s by default, mid-send: let one send end
    for _queue in RQ_QUEUES.values():
        _queue["DEFAULT_TIMEOUT"] = env_int("RQ_JOB_TIMEOUT", MAIL_CLAIM_SECONDS + 60)
# The tasks run_worker enqueues every MAIL_SWEEP_SECONDS; each is safe to run twice.
WORKER_SWEEP_TASKS = [
    "mail.tasks.mails_send_due",
    "registrations.tasks.reminders_send_due",
    "registrations.tasks.registrations_expire_pending",
    "registrations.tasks.participants_anonymise_expired",
    "registrations.tasks.registration_requests_forget",
    "orga.tasks.pitch_offers_sweep",
    "matchmaking.tasks.meetings_remind_due",
    "matchmaking.tasks.meetings_of_absentees_cancel",
]

# Registrations
REGISTRATION_PENDING_HOURS = env_int("REGISTRATION_PENDING_HOURS", 48)
PERSONAL_LINK_MAX_AGE_DAYS = env_int("PERSONAL_LINK_MAX_AGE_DAYS", 60)
REGISTRATION_RATE_LIMIT_PER_ADDRESS = env_int("REGISTRATION_RATE_LIMIT_PER_ADDRESS", 5)
REGISTRATION_RATE_LIMIT_PER_IP = env_int("REGISTRATION_RATE_LIMIT_PER_IP", 30)
REGISTRATION_RATE_LIMIT_WINDOW_SECONDS = env_int("REGISTRATION_RATE_LIMIT_WINDOW_SECONDS", 3600)
# A queued form request (registrations.tasks) the database fails (down, or busy) is queued
# again after 60 s · 2^(attempt − 1): 8 attempts span about two hours.
REGISTRATION_REQUEST_ATTEMPTS = env_int("REGISTRATION_REQUEST_ATTEMPTS", 8)
REGISTRATION_REQUEST_RETRY_SECONDS = env_int("REGISTRATION_REQUEST_RETRY_SECONDS", 60)
# How many reverse proxies in front of the app append the client's address to
# X-Forwarded-For (nginx: proxy_add_x_forwarded_for). 0: the header is not trusted and the
# connection's address counts (behind a proxy, every visitor would share the proxy's).
TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 0)

# Failed logins (django-axes): after LOGIN_FAILURE_LIMIT failures for one account (from any
# address) or from one address (for any account), logins are refused for
# LOGIN_LOCKOUT_MINUTES after the last failure; an administrator unlocks earlier (the admin's
# "Access attempts", or `manage.py axes_reset_username NAME` / `axes_reset_ip IP`). The
# count is kept in the database, which every gunicorn worker shares and which counts under
# a row lock (the file cache of the embedded default is neither atomic nor shared by hosts).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out login
    "rules.permissions.ObjectPermissionBackend",  # the workspace's roles (orga/rules.py)
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "orga:login"
LOGIN_REDIRECT_URL = "orga:home"
# Organisers' authenticator apps (django-otp): the account is named "clustermeet: <user>".
OTP_TOTP_ISSUER = "clustermeet"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # a reset link holds for a day
# Requests for a reset link per address and per IP in a window (registrations.ratelimit).
PASSWORD_RESET_LIMIT_PER_ADDRESS = env_int("PASSWORD_RESET_LIMIT_PER_ADDRESS", 3)
PASSWORD_RESET_LIMIT_PER_IP = env_int("PASSWORD_RESET_LIMIT_PER_IP", 20)
PASSWORD_RESET_LIMIT_WINDOW_SECONDS = env_int("PASSWORD_RESET_LIMIT_WINDOW_SECONDS", 3600)
# Look-ups of certificate codes per IP in a window (attendance.views).
CERTIFICATE_LOOKUP_LIMIT_PER_IP = env_int("CERTIFICATE_LOOKUP_LIMIT_PER_IP", 30)
CERTIFICATE_LOOKUP_WINDOW_SECONDS = env_int("CERTIFICATE_LOOKUP_WINDOW_SECONDS", 3600)
# The SME pitch session: the largest slides (PDF) an applicant may upload
PITCH_SLIDES_MAX_MB = env_int("PITCH_SLIDES_MAX_MB", 10)
# Matchmaking: the video room of an online meeting, {room} standing for its unguessable name
# (a series may set its own); a self-hosted Jitsi or BigBlueButton in production.
MATCHMAKING_ROOM_URL = env_str("MATCHMAKING_ROOM_URL", "https://meet.jit.si/clustermeet-{room}")
# How long before a meeting its reminder mail goes out
MATCHMAKING_REMINDER_MINUTES = env_int("MATCHMAKING_REMINDER_MINUTES", 15)
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# The client's address as the rest of the site sees it (TRUSTED_PROXIES), never an
# X-Forwarded-For the client wrote itself.
AXES_CLIENT_IP_CALLABLE = "registrations.ratelimit.client_address"
AXES_LOCKOUT_CALLABLE = "clustermeet.views.login_locked_out"
# A successful login clears nothing: it would clear its address's failures against other
# accounts too. Failures expire after the lockout time.
AXES_RESET_ON_SUCCESS = False
AXES_DISABLE_ACCESS_LOG = True  # successful logins: Django's last_login is enough

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages. The interface (gettext) and the content (django-modeltranslation adds a column
# per language) speak the five languages of the partner countries; the interface languages
# are named in themselves (the language switch shows these names).
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("de", "Deutsch"),
    ("en", "English"),
    ("es", "Español"),
    ("it", "Italiano"),
    ("bg", "Български"),
]
CONTENT_LANGUAGES = [
    ("de", _("German")),
    ("en", _("English")),
    ("es", _("Spanish")),
    ("it", _("Italian")),
    ("bg", _("Bulgarian")),
]
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in CONTENT_LANGUAGES)
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
# A text missing in the reader's language falls back to the series' main language, then
# English, then the others: the chain of events/content_language.py, which sets this table.
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en", "de", "es", "it", "bg")
# The admin's language tabs need jQuery UI: served from our static folder, never a CDN.
JQUERY_UI_URL = "vendor/jquery-ui-1.14.2/jquery-ui.min.js"
LOCALE_PATHS = [BASE_DIR / "clustermeet" / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Berlin"
USE_TZ = True
# Dates and numbers in each language's own forms where Django's are wrong (clustermeet/formats;
# month and weekday names in lower case for Bulgarian and Italian: clustermeet/locale).
FORMAT_MODULE_PATH = ["clustermeet.formats"]
# Country names: django-countries' translations, but where some still use a country's former
# name (Italian "Macedonia", German "Swasiland"), its name today.
COUNTRIES_OVERRIDE = {"MK": _("North Macedonia"), "SZ": _("Eswatini")}

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(DATA_DIR / "media")))
# Files handed out only by views that check who asks (pitch slides before they are public):
# never under MEDIA_ROOT, which is served to anyone.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(DATA_DIR / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    # The TLS proxy in front says X-Forwarded-Proto: https (nginx: proxy_set_header).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# In production every plain-HTTP request is redirected to HTTPS (SECURE_SSL_REDIRECT=0 where
# the proxy redirects itself and sends no X-Forwarded-Proto), except the health check of a
# load balancer; browsers are told to use nothing but HTTPS for a year (HSTS).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# Content-Security-Policy on every page, the admin's too (django-csp): nothing inline, nothing
# from another host. The admin and our templates need no inline script or style attribute
# (the admin's scripts set styles through the CSSOM, element.style, which CSP allows).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# Logs name participants and mails by id only, and never carry a link's token: Django logs
# the path of every 4xx/5xx answer ("Bad Request: /en/registration/me/<token>/") and the
# development server every request line, so the token filter (core.log_redaction) sits on
# those loggers (before Django's own handlers see a record) and on every handler of ours.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_tokens": {"()": "core.log_redaction.TokenRedactingFilter"}},
    "formatters": {
        "django.server": {"()": "django.utils.log.ServerFormatter",
                          "format": "[{server_time}] {message}", "style": "{"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["no_tokens"]},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server",
                          "filters": ["no_tokens"]},
    },
    "loggers": {
        "django.request": {"filters": ["no_tokens"]},
        "django.security.csrf": {"filters": ["no_tokens"]},
        "django.server": {"handlers": ["django.server"], "filters": ["no_tokens"],
                          "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
