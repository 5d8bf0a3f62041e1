"""Settings come from the environment; production settings pass `check --deploy`."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-key-" + "k7Qp" * 10,
    "DJANGO_ALLOWED_HOSTS": "sclero.example",
}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    return subprocess.run(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def settings_under(env: dict[str, str], *names: str) -> dict:
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}, default=str))"
    )
    done = run_manage("shell", "-c", code, env=env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_check_deploy_passes_with_production_settings():
    done = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_secret_key_is_required_when_debug_is_off():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SECRET_KEY"}
    done = run_manage("check", env=env)
    assert done.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in done.stderr


def test_unset_environment_gives_the_embedded_default():
    found = settings_under({}, "DEBUG", "DATABASES", "CACHES", "MAILERS", "TASKS")
    assert found["DEBUG"] is True
    assert found["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert found["CACHES"]["default"]["BACKEND"].endswith("LocMemCache")
    assert found["MAILERS"]["default"]["BACKEND"].endswith("console.EmailBackend")
    assert found["TASKS"]["default"]["BACKEND"].endswith("ImmediateBackend")


def test_production_environment_variables_choose_postgres_redis_smtp_and_a_worker():
    env = PRODUCTION_ENV | {
        "DATABASE_URL": "postgres://app:pw@db.internal:5432/sclero",
        "REDIS_URL": "redis://cache.internal:6379/0",
        "DJANGO_EMAIL_HOST": "smtp.internal",
        "DJANGO_EMAIL_PORT": "587",
        "DJANGO_EMAIL_USE_TLS": "1",
        "DJANGO_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "MEDIA_ROOT": "/srv/media",
    }
    found = settings_under(
        env,
        "DATABASES",
        "CACHES",
        "MAILERS",
        "TASKS",
        "MEDIA_ROOT",
        "SECURE_HSTS_SECONDS",
    )
    db = found["DATABASES"]["default"]
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["HOST"], db["NAME"], db["CONN_MAX_AGE"]) == (
        "db.internal",
        "sclero",
        600,
    )
    assert found["CACHES"]["default"]["BACKEND"].endswith("RedisCache")
    assert found["CACHES"]["default"]["LOCATION"] == "redis://cache.internal:6379/0"
    smtp = found["MAILERS"]["default"]
    assert smtp["BACKEND"].endswith("smtp.EmailBackend")
    assert smtp["OPTIONS"]["host"] == "smtp.internal"
    assert smtp["OPTIONS"]["port"] == 587 and smtp["OPTIONS"]["use_tls"] is True
    assert found["TASKS"]["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert found["MEDIA_ROOT"] == "/srv/media"
    assert found["SECURE_HSTS_SECONDS"] >= 31536000


def test_csp_is_on_in_debug_mode_too():
    found = settings_under({"DJANGO_DEBUG": "1"}, "SECURE_CSP", "MIDDLEWARE")
    assert (
        "django.middleware.csp.ContentSecurityPolicyMiddleware" in found["MIDDLEWARE"]
    )
    assert found["SECURE_CSP"]["script-src"] == ["'self'"]


@pytest.mark.django_db
def test_the_test_run_uses_the_configured_database_vendor():
    from django.db import connection

    expected = (
        "postgresql"
        if os.environ.get("DATABASE_URL", "").startswith("postgres")
        else "sqlite"
    )
    assert connection.vendor == expected


def test_redis_sentinels_are_parsed_from_the_environment():
    from django.core.exceptions import ImproperlyConfigured

    from sclero_site.settings import parse_sentinels

    assert parse_sentinels("") == []
    assert parse_sentinels("10.0.0.5:26379, 10.0.0.6:26380,sentinel3") == [
        ("10.0.0.5", 26379),
        ("10.0.0.6", 26380),
        ("sentinel3", 26379),
    ]
    assert parse_sentinels("[fd00::5]:26379") == [("fd00::5", 26379)]
    with pytest.raises(ImproperlyConfigured, match="not host:port"):
        parse_sentinels("10.0.0.5:port")


def test_sentinel_and_pgbouncer_switches_configure_redis_and_postgres():
    env = PRODUCTION_ENV | {
        "DATABASE_URL": "postgres://app:pw@pgbouncer.internal:6432/sclero",
        "DJANGO_DB_PGBOUNCER": "1",
        "REDIS_URL": "redis://mymaster/0",
        "DJANGO_REDIS_SENTINELS": "10.0.0.5:26379,10.0.0.6:26379",
    }
    found = settings_under(env, "DATABASES", "CACHES")
    db = found["DATABASES"]["default"]
    assert db["DISABLE_SERVER_SIDE_CURSORS"] is True
    assert db["CONN_MAX_AGE"] == 0
    assert db["OPTIONS"]["prepare_threshold"] is None
    options = found["CACHES"]["default"]["OPTIONS"]
    assert options["CLIENT_CLASS"] == "django_redis.client.SentinelClient"
    assert (
        options["CONNECTION_FACTORY"] == "django_redis.pool.SentinelConnectionFactory"
    )
    assert options["SENTINELS"] == [["10.0.0.5", 26379], ["10.0.0.6", 26379]]
    assert found["CACHES"]["default"]["LOCATION"] == "redis://mymaster/0"
    # Without the switches: persistent connections, the plain Redis client.
    found = settings_under(
        PRODUCTION_ENV
        | {"DATABASE_URL": env["DATABASE_URL"], "REDIS_URL": "redis://r/0"},
        "DATABASES",
        "CACHES",
    )
    assert found["DATABASES"]["default"]["CONN_MAX_AGE"] == 600
    assert "DISABLE_SERVER_SIDE_CURSORS" not in found["DATABASES"]["default"] or (
        found["DATABASES"]["default"]["DISABLE_SERVER_SIDE_CURSORS"] is False
    )
    assert "SENTINELS" not in found["CACHES"]["default"]["OPTIONS"]


def test_the_pgbouncer_settings_connect_to_postgresql():
    """psycopg accepts the options (no prepared statements) on a real server."""
    done = run_manage(
        "shell",
        "-c",
        "from django.db import connection\n"
        "with connection.cursor() as c:\n"
        "    c.execute('SELECT 1'); print(c.fetchone()[0], connection.connection.prepare_threshold)",
        env={
            "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
            "DJANGO_DB_PGBOUNCER": "1",
        },
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "1 None"


def test_straight_to_postgresql_queries_are_prepared_after_two_runs():
    """Server-side binding: the second run of a query uses a prepared statement."""
    done = run_manage(
        "shell",
        "-c",
        "from django.db import connection\n"
        "with connection.cursor() as c:\n"
        "    for _ in range(3):\n"
        "        c.execute('SELECT %s::int + 1', [1])\n"
        "    c.execute('SELECT count(*) FROM pg_prepared_statements'); print(c.fetchone()[0])",
        env={"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres"},
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.strip().splitlines()[-1]) >= 1
    # Behind pgbouncer, or switched off: nothing is prepared.
    for switch in (
        {"DJANGO_DB_PGBOUNCER": "1"},
        {"DJANGO_DB_SERVER_SIDE_BINDING": "0"},
    ):
        found = settings_under(
            {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres"} | switch,
            "DATABASES",
        )
        assert "server_side_binding" not in found["DATABASES"]["default"]["OPTIONS"]
