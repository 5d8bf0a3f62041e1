"""The bare-Django ceiling for `make bench-http`: one view, no apps, no middleware,
no database, no templates. Whatever the site serves is measured against this,
served the same way (gunicorn, 2 sync workers, DEBUG off)."""

SECRET_KEY = "ceiling-only-not-secret"  # noqa: S105 (nothing to protect here)
DEBUG = False
ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
ROOT_URLCONF = "benchmarks.ceiling"
INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
DATABASES: dict = {}
USE_I18N = False
USE_TZ = True
