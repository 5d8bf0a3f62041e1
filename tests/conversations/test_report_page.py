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
