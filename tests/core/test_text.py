"""One rule for text people type: a NUL byte is refused with one clear message,
never stripped and never a 500. And one way to put a service's errors on a form."""

from http import HTTPStatus

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.forms import TextField, add_service_errors
from core.text import NULL_BYTE_MESSAGE, clean_text, validate_no_null_bytes
from forum.models import Post, Thread
from tests.articles.factories import make_article
from tests.factories import make_user
from tests.forum.factories import accept_terms, make_board, make_thread

MESSAGE = str(NULL_BYTE_MESSAGE)
SHOWN = MESSAGE.replace("'", "&#x27;")  # as the templates escape it
TYPED = "Kept words\x00and more kept words"


def test_null_bytes_are_refused_with_the_one_message():
    with pytest.raises(ValidationError) as caught:
        validate_no_null_bytes("a\x00b")
    assert caught.value.messages == [MESSAGE]
    assert caught.value.code == "null_characters"
    validate_no_null_bytes("")
    validate_no_null_bytes(None)
    validate_no_null_bytes("plain text")


def test_clean_text_trims_and_refuses_rather_than_strips():
    assert clean_text("  one\r\ntwo  ") == "one\ntwo"
    assert clean_text(None) == ""
    with pytest.raises(ValidationError) as caught:
        clean_text("bad\x00")
    assert caught.value.messages == [MESSAGE]
    with pytest.raises(ValidationError) as caught:
        clean_text("bad\x00", field="reason")
    assert caught.value.message_dict == {"reason": [MESSAGE]}


class _Form(forms.Form):
    title = TextField(max_length=5, validators=[validate_no_null_bytes])
    body = forms.CharField(required=False)
    channel = forms.CharField(required=False)
    accept = forms.BooleanField(required=False)


def test_text_field_gives_a_single_clear_error_for_a_null_byte():
    form = _Form({"title": "far too long\x00"})
    assert not form.is_valid()
    assert form.errors["title"] == [MESSAGE]
    assert _Form({"title": "fine"}).is_valid()


def test_service_errors_land_on_their_fields_and_the_rest_on_top():
    form = _Form({"title": "fine"})
    assert form.is_valid()
    add_service_errors(
        form,
        ValidationError(
            {"body": "Too short.", "channel_id": "No channel.", "other": "Odd."}
        ),
        fields={"channel_id": "channel"},
    )
    assert form.errors["body"] == ["Too short."]
    assert form.errors["channel"] == ["No channel."]
    assert form.non_field_errors() == ["Odd."]


def test_service_errors_without_a_field_go_where_their_code_says():
    form = _Form({"title": "fine"})
    form.is_valid()
    add_service_errors(
        form,
        ValidationError("Please accept.", code="terms"),
        codes={"terms": "accept"},
    )
    add_service_errors(form, ValidationError("Something else.", code="other"))
    assert form.errors["accept"] == ["Please accept."]
    assert form.non_field_errors() == ["Something else."]


# Through the pages: a form error that keeps the text, never a 500 or a strip.


@pytest.fixture
def member(db, client):
    user = make_user("member")
    accept_terms(user)
    client.force_login(user)
    return user


def _assert_refused_and_kept(response) -> None:
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert SHOWN in page
    assert TYPED in page


def test_a_thread_with_a_null_byte_is_refused_and_the_text_kept(client, member):
    board = make_board(slug="morphea")
    response = client.post(
        reverse("forum:thread-create", args=[board.slug]),
        {"title": "A fine title", "body": TYPED},
    )
    _assert_refused_and_kept(response)
    assert not Thread.objects.exists()


def test_a_reply_with_a_null_byte_is_refused_and_the_text_kept(client, member):
    thread = make_thread(board=make_board(slug="morphea"))
    before = Post.objects.count()
    response = client.post(
        reverse("forum:reply-create", args=[thread.pk]), {"body": TYPED}
    )
    _assert_refused_and_kept(response)
    assert Post.objects.count() == before


def test_an_article_with_a_null_byte_is_refused_and_the_text_kept(db, client):
    editor = make_user("editor")
    client.force_login(editor)
    article = make_article(status="draft", editor=editor)
    number = article.latest_revision.number
    page = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    data = {
        key: value
        for key, value in page.context["form"].initial.items()
        if value is not None
    }
    data |= {
        "channel": str(article.channel_id),
        "body": TYPED,
        "refs-TOTAL_FORMS": "0",
        "refs-INITIAL_FORMS": "0",
    }
    data.pop("topics", None)
    data.pop("authors", None)
    response = client.post(
        reverse("admin:articles_article_change", args=[article.pk]), data
    )
    _assert_refused_and_kept(response)
    article.refresh_from_db()
    assert article.latest_revision.number == number
