"""The database is unreachable: 503 with Retry-After and the friendly page, not 500."""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.urls import reverse

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
DATABASE_DOWN = (OperationalError, InterfaceError)


def database_unavailable(exception: BaseException) -> HttpResponse:
    """The 503 page; no context processors or queries: the database is the problem."""
    logger.error("Database unavailable, answering 503: %s", exception)
    template = loader.get_template("503.html")
    context = {"home_url": reverse("home"), "retry_after": RETRY_AFTER_SECONDS}
    response = HttpResponse(template.render(context), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
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
            return database_unavailable(exception)
        return None
