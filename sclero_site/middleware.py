"""Requests and the databases: which database serves a request (primary, replica,
or the replica alone while the primary is away: read-only), and the 503 page when
no database answers."""

import contextlib
import logging

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse

from core import replicas
from core.kept_text import kept_fields

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
DATABASE_DOWN = (OperationalError, InterfaceError)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def database_unavailable(exception: BaseException, request=None) -> HttpResponse:
    """The 503 page; no context processors or queries: the database is the problem."""
    logger.error("Database unavailable, answering 503: %s", exception)
    if request is not None:
        request.database_failed = True  # ReplicaRoutingMiddleware may try elsewhere
    template = loader.get_template("503.html")
    context = {"home_url": reverse("home"), "retry_after": RETRY_AFTER_SECONDS}
    response = HttpResponse(template.render(context), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def read_only_refusal(request) -> HttpResponse:
    """A form sent while the site is read-only: say so calmly, give the text back."""
    text_fields, hidden_fields = kept_fields(request)
    context = {
        "text_fields": text_fields,
        "hidden_fields": hidden_fields,
        "action_url": request.get_full_path(),
        "retry_after": RETRY_AFTER_SECONDS,
    }
    response = render(request, "read_only.html", context, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _close(alias: str) -> None:
    with contextlib.suppress(*DATABASE_DOWN):
        connections[alias].close()


class ReplicaRoutingMiddleware:
    """Choose the request's database route (core.replicas) and follow a failure.

    First in the chain, so sessions, users and the page cache all follow the route.
    A safe request whose database failed is answered again elsewhere: from the
    primary when the replica failed, read-only from the replica when the primary
    did. Reading writes nothing, so answering a GET twice is harmless.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replicas.replica_configured():
            return self.get_response(request)
        safe = request.method in SAFE_METHODS
        route = self._route(request, safe)
        if route == replicas.READ_ONLY and not safe:
            return read_only_refusal(request)
        response = self._answer(request, route)
        if getattr(request, "database_failed", False):
            response = self._after_failure(request, route, safe, response)
        if not safe and response.status_code < 500:
            # Read-your-writes: this member's next requests read the primary.
            seconds = replicas.pin_seconds()
            response.set_cookie(
                replicas.PIN_COOKIE, "1", max_age=seconds, httponly=True,
                samesite="Lax", secure=request.is_secure(),
            )  # fmt: skip
        return response

    def _route(self, request, safe: bool) -> str:
        if replicas.primary_down():
            return replicas.READ_ONLY if replicas.replica_usable() else replicas.PRIMARY
        pinned = replicas.PIN_COOKIE in request.COOKIES
        if safe and not pinned and replicas.replica_usable():
            return replicas.REPLICA
        return replicas.PRIMARY

    def _answer(self, request, route: str):
        request.database_failed = False
        request.database_route = route
        token = replicas.set_route(route)
        try:
            return self.get_response(request)
        finally:
            replicas.reset_route(token)

    def _after_failure(self, request, route: str, safe: bool, response):
        if route == replicas.REPLICA:
            # The replica (or the primary, for a read in a transaction) failed:
            # note the replica as down and answer from the primary alone.
            replicas.mark_replica_down()
            _close(replicas.REPLICA_ALIAS)
            response = self._answer(request, replicas.PRIMARY)
            if not request.database_failed:
                return response
            route = replicas.PRIMARY
        if route == replicas.PRIMARY:
            replicas.mark_primary_down()
            if replicas.replica_usable():
                logger.warning("Primary database unreachable: serving read-only")
                if not safe:
                    return read_only_refusal(request)
                return self._answer(request, replicas.READ_ONLY)
        else:  # read-only and the replica failed too: nothing answers
            replicas.mark_replica_down()
            _close(replicas.REPLICA_ALIAS)
        return response


class DatabaseUnavailableMiddleware:
    """Turn a lost database connection raised by a view into the 503 page.

    Errors raised by other middleware (a session saved to the database) reach
    `sclero_site.views.server_error`, which answers the same way.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_DOWN):
            return database_unavailable(exception, request)
        return None
