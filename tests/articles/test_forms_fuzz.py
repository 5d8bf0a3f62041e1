"""No input gives a 500: any text in any editor or reader field is saved or refused."""

from http import HTTPStatus

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article
from tests.articles.factories import make_article, make_channel
from tests.factories import make_user

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
nasty = st.text(max_size=400) | st.sampled_from(
    [
        "\x00",
        "<script>alert(1)</script>",
        "x" * 100_001,
        "[a](javascript:alert(1))",
        "<!--",
        "\u202e\u200b",
        "%00",
        " ",
    ]
)
FIELDS = [
    "title",
    "slug",
    "summary",
    "body",
    "hero_alt",
    "indications",
    "refs-0-title",
    "refs-0-doi",
    "note",
]


@pytest.fixture
def editor_client(client):
    client.force_login(make_user("editor"))
    return client


@FUZZ
@given(field=st.sampled_from(FIELDS), value=nasty)
def test_the_editor_form_never_fails_whatever_is_typed(editor_client, field, value):
    channel = make_channel()
    data = {
        "title": "A title",
        "kind": "drug",
        "channel": str(channel.pk),
        "summary": "A summary.",
        "body": "Text.",
        "refs-TOTAL_FORMS": "1",
        "refs-INITIAL_FORMS": "0",
        "refs-MIN_NUM_FORMS": "0",
        "refs-MAX_NUM_FORMS": "100",
        "refs-0-title": "A reference",
        field: value,
    }
    response = editor_client.post("/admin/articles/article/add/", data)
    assert response.status_code in (HTTPStatus.OK, HTTPStatus.FOUND)
    if response.status_code == HTTPStatus.OK:
        assert "errornote" in response.content.decode()


@FUZZ
@given(message=nasty)
def test_the_report_form_never_fails_whatever_is_typed(client, message):
    article = Article.objects.filter(slug="fuzz-target").first() or make_article(
        status="published", slug="fuzz-target"
    )
    client.force_login(make_user("member"))
    response = client.post(f"{article.get_absolute_url()}report/", {"message": message})
    assert response.status_code in (HTTPStatus.OK, HTTPStatus.FOUND)


@FUZZ
@given(
    action=st.sampled_from(["publish", "schedule", "submit", "archive", "??"]),
    when=nasty,
)
def test_workflow_buttons_never_fail_whatever_is_sent(editor_client, action, when):
    article = make_article(status="in-review")
    response = editor_client.post(
        f"/admin/articles/article/{article.pk}/workflow/",
        {"action": action, "publish_at": when, "expire_at": when, "reason": when},
    )
    assert response.status_code == HTTPStatus.FOUND
