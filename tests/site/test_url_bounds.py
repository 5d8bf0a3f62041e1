"""Every id and page number is bounded: no URL in the map answers 500 to a huge,
negative, zero or non-digit value in any of its arguments, for visitors and
members alike, by GET and by POST."""

import re
from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

from core.converters import MAX_ID, IdConverter, parse_id
from core.forms import IdField
from tests.factories import make_user

pytestmark = pytest.mark.django_db

HOSTILE = ("99999999999999999999", "-1", "0", "abc", str(MAX_ID + 1))
_ARGUMENT = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def _routes(resolver=None, prefix=""):
    """(route, names of its arguments) for every route-based pattern, through includes."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if not isinstance(entry.pattern, RoutePattern):
            continue  # admin's app-label regexes and the media prefix take no ids
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _routes(entry, route)
        elif isinstance(entry, URLPattern):
            yield route, [m["name"] for m in _ARGUMENT.finditer(route)]


def _fill(route: str, values: dict) -> str:
    return "/" + _ARGUMENT.sub(lambda m: values[m["name"]], route)


def _addresses():
    for route, names in _routes():
        if not names:
            yield _fill(route, {}) + "?page=" + HOSTILE[0]
            continue
        for name in names:
            for value in HOSTILE:
                yield _fill(route, {n: value if n == name else "1" for n in names})


def test_the_walk_covers_the_url_map():
    routes = list(_routes())
    assert len(routes) > 40
    assert any("<id:" in route for route, _ in routes)
    assert not [route for route, _ in routes if "<int:" in route]


@pytest.mark.parametrize("role", ["visitor", "member"])
def test_no_address_answers_500_to_out_of_range_values(role):
    user = None if role == "visitor" else make_user("member")
    client = Client(raise_request_exception=False)
    failures = []
    for address in _addresses():
        for method in ("get", "post"):
            if user is not None:
                client.force_login(user)
            response = getattr(client, method)(address)
            if response.status_code >= HTTPStatus.INTERNAL_SERVER_ERROR:
                failures.append(f"{method.upper()} {address}: {response.status_code}")
    assert failures == []


def test_a_huge_member_id_is_404_not_500(client):
    response = client.get("/members/99999999999999999999/")
    assert response.status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", 1),
        (str(MAX_ID), MAX_ID),
        ("0", None),
        ("-1", None),
        ("", None),
        (str(MAX_ID + 1), None),
        ("1e3", None),
        ("٣", None),
        (" 7 ", 7),
        (None, None),
    ],
)
def test_parse_id_accepts_only_ids_in_range(value, expected):
    assert parse_id(value) == expected


def test_id_converter_refuses_out_of_range_values():
    with pytest.raises(ValueError):
        IdConverter().to_python(str(MAX_ID + 1))
    assert IdConverter().to_python("42") == 42


def test_id_field_marks_out_of_range_values_invalid():
    field = IdField(required=False)
    assert field.clean("12") == 12
    assert field.clean("") is None
    with pytest.raises(Exception, match="not a valid reference"):
        field.clean("99999999999999999999")
