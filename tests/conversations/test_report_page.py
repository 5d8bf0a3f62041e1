"""The report page holds three forms with a `reason`: each label must name its own field."""

import re
from collections import Counter
from http import HTTPStatus

import pytest
from django.urls import reverse

from conversations.services import report_message
from tests.conversations.factories import established, make_conversation
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_report_page_ids_are_unique_and_every_label_names_one_field(client):
    me, other = established(), established()
    conversation = make_conversation(me, other)
    report = report_message(
        conversation.messages.get(), actor=other, reason="Not wanted"
    )
    client.force_login(make_user("moderator"))
    response = client.get(reverse("conversations:report-detail", args=[report.pk]))
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    ids = Counter(re.findall(r'\sid="([^"]+)"', page))
    assert [name for name, count in ids.items() if count > 1] == []
    for target in re.findall(r'<label for="([^"]+)"', page):
        assert ids[target] == 1, target


def test_the_snapshot_shows_formatted_text_and_never_markup_that_is_not_ours(client):
    me, other = established(), established()
    conversation = make_conversation(me, other, body="Try **this** cream")
    report = report_message(
        conversation.messages.get(), actor=other, reason="Selling things"
    )
    # Stored JSON is not a RenderedHTMLField: whatever it holds is cleaned again.
    report.snapshot[0]["html"] += '<script>alert(1)</script><img src=x onerror="x()">'
    report.save(update_fields=["snapshot"])
    client.force_login(make_user("moderator"))
    page = client.get(
        reverse("conversations:report-detail", args=[report.pk])
    ).content.decode()
    assert "<strong>this</strong>" in page
    assert "alert(1)" not in page and "onerror" not in page
