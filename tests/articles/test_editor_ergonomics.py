"""The article editor fits the job: a new article starts from its kind, drug
sections appear only on drug pages, rarely used fields fold away, and the
workflow steps sit next to Save, on a new article too."""

import datetime
import re
from http import HTTPStatus

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from core import pagecache
from tests.articles.factories import make_article, make_channel
from tests.articles.test_admin import _form_data
from tests.factories import make_user

pytestmark = pytest.mark.django_db

DRUG_SECTION_NAMES = ("brand_names", "indications", "dosing", "monitoring")


def _add(kind: str = "") -> str:
    url = reverse("admin:articles_article_add")
    return f"{url}?kind={kind}" if kind else url


def _change(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def _field_names(html: str) -> set[str]:
    return set(re.findall(r'<(?:input|textarea|select)[^>]* name="([^"]+)"', html))


def test_a_new_article_starts_by_choosing_its_kind(client, login_as):
    login_as("editor")
    html = client.get(_add()).content.decode()
    assert "what are you writing?" in html
    for kind in ("news", "guide", "drug", "qa-digest"):
        assert f'href="?kind={kind}"' in html
    assert "<form" not in html.split('id="content-main"')[1]
    # An unknown kind asks again rather than failing.
    assert 'href="?kind=drug"' in client.get(_add("poem")).content.decode()


@pytest.mark.parametrize("kind", ["news", "guide", "qa-digest"])
def test_only_drug_pages_show_drug_sections(client, login_as, kind):
    login_as("editor")
    html = client.get(_add(kind)).content.decode()
    names = _field_names(html)
    assert "title" in names and "body" in names
    assert not names & set(DRUG_SECTION_NAMES)
    assert "Drug page sections" not in html
    assert re.search(rf'<option value="{kind}" selected>', html)


def test_a_drug_page_shows_its_sections_open(client, login_as):
    login_as("editor")
    html = client.get(_add("drug")).content.decode()
    assert set(DRUG_SECTION_NAMES) <= _field_names(html)
    assert re.search(
        r'<fieldset class="module aligned collapse drug-sections"[^>]*>\s*<details open>',
        html,
    )


def test_editing_follows_the_kind_of_the_latest_revision(client, login_as):
    login_as("editor")
    news = make_article(kind=Article.Kind.NEWS)
    drug = make_article(kind=Article.Kind.DRUG)
    assert not _field_names(client.get(_change(news)).content.decode()) & set(
        DRUG_SECTION_NAMES
    )
    assert set(DRUG_SECTION_NAMES) <= _field_names(
        client.get(_change(drug)).content.decode()
    )


def test_hidden_drug_sections_keep_what_the_revision_held(client, login_as):
    """A drug page turned into a guide keeps its sections in its revisions, so
    turning it back loses nothing."""
    login_as("editor")
    article = make_article(kind=Article.Kind.DRUG)
    held = article.latest_revision.content["drug"]["dosing"]
    assert held
    shown = article.latest_revision.content["drug"]  # the drug page's form shows them
    response = client.post(_change(article), _form_data(article, kind="guide", **shown))
    assert response.status_code == HTTPStatus.FOUND
    article.refresh_from_db()
    html = client.get(_change(article)).content.decode()
    assert "dosing" not in _field_names(html)  # a guide now
    response = client.post(
        _change(article), _form_data(article, kind="drug", title="Back again")
    )
    assert response.status_code == HTTPStatus.FOUND
    article.refresh_from_db()
    assert article.latest_revision.content["kind"] == "drug"
    assert article.latest_revision.content["drug"]["dosing"] == held


def test_rarely_used_fields_fold_away_and_open_on_errors(client, login_as):
    login_as("editor")
    html = client.get(_add("news")).content.decode()
    for heading in ("Hero image", "References", "Address, language and authors"):
        assert re.search(
            r'<fieldset class="module[^"]*collapse[^"]*"[^>]*>\s*<details>\s*<summary>'
            rf'<h2 [^>]*class="fieldset-heading">{heading}',
            html,
        ), heading
    # Pages a health professional signs off start with their references open.
    assert re.search(
        r"<details open>\s*<summary><h2 [^>]*>References",
        client.get(_add("guide")).content.decode(),
    )
    # An error inside a folded fieldset opens it.
    channel = make_channel()
    response = client.post(
        _add("guide"),
        _form_data(channel=str(channel.pk), slug="bad slug!"),
    )
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert re.search(
        r"<details open>\s*<summary><h2 [^>]*>Address, language and authors", html
    )


def test_references_are_cards_with_visible_labels(client, login_as):
    login_as("editor")
    html = client.get(_add("guide")).content.decode()
    assert "<table" not in html.split('class="module collapse references-editor"')[1]
    assert "<legend>Reference 1</legend>" in html
    assert re.search(
        r'<label for="id_refs-0-doi">DOI<span class="visually-hidden"> \(1\)</span>',
        html,
    )


def test_a_new_article_offers_the_workflow_next_to_save(client, login_as):
    login_as("editor")
    html = client.get(_add("guide")).content.decode()
    submit_row = html.split('<div class="submit-row">')[1].split("</div>")[0]
    assert 'name="_submit"' in submit_row and 'name="_publish"' in submit_row
    assert "New: not saved yet" in html
    assert "Needed before publishing" in html


def test_save_and_submit_for_review_from_the_add_page(client, login_as):
    login_as("editor")
    channel = make_channel()
    response = client.post(
        _add("guide"), _form_data(channel=str(channel.pk), _submit="1")
    )
    article = Article.objects.get()
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == _change(article)
    assert article.status == Article.Status.IN_REVIEW
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert texts[0].startswith("Saved as revision 1.")
    assert texts[1].startswith("Submitted for review")


def test_save_and_publish_a_news_item_from_the_add_page(client, login_as):
    login_as("editor")
    channel = make_channel()
    response = client.post(
        _add("news"),
        _form_data(channel=str(channel.pk), kind="news", _publish="1"),
    )
    article = Article.objects.get()
    assert response["Location"] == _change(article)
    assert article.status == Article.Status.PUBLISHED
    assert client.get(article.get_absolute_url()).status_code == HTTPStatus.OK


def test_save_and_publish_keeps_the_expiry_already_set(client, login_as):
    login_as("editor")
    channel = make_channel()
    client.post(
        _add("news"), _form_data(channel=str(channel.pk), kind="news", _publish="1")
    )
    article = Article.objects.get()
    expiry = timezone.now() + datetime.timedelta(days=30)
    Article.objects.filter(pk=article.pk).update(expire_at=expiry)
    article.refresh_from_db()

    data = _form_data(article, body="An update to the news.", _publish="1")
    client.post(_change(article), data)

    article.refresh_from_db()
    assert article.latest_revision.content["body"] == "An update to the news."
    assert article.live_revision == article.latest_revision
    assert article.expire_at == expiry


def test_save_and_publish_keeps_the_draft_when_a_sign_off_is_missing(client, login_as):
    login_as("editor")
    channel = make_channel()
    response = client.post(
        _add("guide"), _form_data(channel=str(channel.pk), _publish="1")
    )
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("sign off" in text for text in texts), texts


def _writer():
    """Staff who may write and edit articles, not publish them."""
    writers = Group.objects.create(name="Writers")
    writers.permissions.set(
        Permission.objects.filter(
            content_type__app_label="articles",
            codename__in=["add_article", "change_article", "view_article"],
        )
    )
    writer = make_user("member", second_factor=True)
    writer.is_staff = True
    writer.save(update_fields=["is_staff"])
    writer.groups.add(writers)
    return writer


def test_writers_without_the_publish_permission_cannot_save_and_publish(client):
    client.force_login(_writer())
    html = client.get(_add("news")).content.decode()
    assert 'name="_submit"' in html and 'name="_publish"' not in html
    channel = make_channel()
    response = client.post(
        _add("news"), _form_data(channel=str(channel.pk), kind="news", _publish="1")
    )
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not Article.objects.exists()


# "Save and schedule": the panel's Schedule step beside Save, on a new article too.


def _at(delta: datetime.timedelta) -> str:
    """A datetime-local value, in the site's time zone, `delta` from now."""
    return timezone.localtime(timezone.now() + delta).strftime("%Y-%m-%dT%H:%M")


def _texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_add_page_offers_save_and_schedule_with_labelled_times(client, login_as):
    login_as("editor")
    html = client.get(_add("news")).content.decode()
    submit_row = html.split('<div class="submit-row">')[1].split("</div>")[0]
    assert 'name="_schedule"' in submit_row
    assert re.search(
        r'<label for="id_schedule-publish_at">Publish at \(time zone [^)]+\)</label>\s*'
        r'<input type="datetime-local" name="schedule-publish_at"[^>]*'
        r'id="id_schedule-publish_at">',
        html,
    )
    assert '<label for="id_schedule-expire_at">Expire at (optional)</label>' in html
    # The times are optional for every other button.
    assert "required" not in re.search(
        r'<input [^>]*name="schedule-publish_at"[^>]*>', html
    ).group(0)


def test_save_and_schedule_a_news_item_from_the_add_page(client, login_as):
    login_as("editor")
    channel = make_channel()
    response = client.post(
        _add("news"),
        _form_data(
            channel=str(channel.pk),
            kind="news",
            title="Trial results next week",
            _schedule="1",
            **{
                "schedule-publish_at": _at(datetime.timedelta(hours=2)),
                "schedule-expire_at": _at(datetime.timedelta(days=30)),
            },
        ),
    )
    article = Article.objects.get()
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == _change(article)
    assert article.status == Article.Status.SCHEDULED
    assert article.publish_at > timezone.now() + datetime.timedelta(minutes=110)
    assert article.expire_at > timezone.now() + datetime.timedelta(days=29)
    texts = _texts(response)
    assert texts[0].startswith("Saved as revision 1.")
    assert texts[1].startswith("Scheduled: it goes live on ")
    # Readers see nothing until its time comes.
    visitor = Client()
    assert visitor.get(article.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND
    assert "Trial results next week" not in visitor.get("/articles/").content.decode()
    Article.objects.filter(pk=article.pk).update(
        publish_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    pagecache.bump()
    assert visitor.get(article.get_absolute_url()).status_code == HTTPStatus.OK
    assert "Trial results next week" in visitor.get("/articles/").content.decode()


@pytest.mark.parametrize(
    ("times", "message"),
    [
        ({}, "Not scheduled: choose when to publish it."),
        (
            {"schedule-publish_at": "next tuesday"},
            "Not scheduled: the publication time is not a valid date and time.",
        ),
        ({"schedule-publish_at": "2020-01-02T09:30"}, "Not scheduled: that time"),
        (
            {
                "schedule-publish_at": "2099-01-02T09:30",
                "schedule-expire_at": "soon",
            },
            "Not scheduled: the expiry time is not a valid date and time.",
        ),
        (
            {
                "schedule-publish_at": "2099-01-02T09:30",
                "schedule-expire_at": "2099-01-01T09:30",
            },
            "The expiry time must be after the publication time.",
        ),
    ],
)
def test_save_and_schedule_with_a_bad_time_keeps_the_draft(
    client, login_as, times, message
):
    login_as("editor")
    channel = make_channel()
    response = client.post(
        _add("news"),
        _form_data(
            channel=str(channel.pk),
            kind="news",
            title="Kept whatever the time",
            _schedule="1",
            **times,
        ),
    )
    article = Article.objects.get()
    assert response["Location"] == _change(article)
    assert article.status == Article.Status.DRAFT
    assert article.publish_at is None
    assert article.latest_revision.content["title"] == "Kept whatever the time"
    texts = _texts(response)
    assert texts[0].startswith("Saved as revision 1.")
    assert any(text.startswith(message) for text in texts[1:]), texts
    assert not any(text.startswith("Scheduled") for text in texts), texts


def test_save_and_schedule_a_guide_without_sign_off_reports_the_blocker(
    client, login_as
):
    login_as("editor")
    article = make_article(kind=Article.Kind.GUIDE)
    response = client.post(
        _change(article),
        _form_data(
            article,
            body="A new paragraph the reviewers have not seen.",
            _schedule="1",
            **{"schedule-publish_at": _at(datetime.timedelta(days=1))},
        ),
    )
    assert response["Location"] == _change(article)
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert article.latest_revision.number == 2
    assert "reviewers have not seen" in article.latest_revision.content["body"]
    texts = _texts(response)
    assert any("must sign off the latest revision" in text for text in texts), texts
    # The editor still offers to schedule once a reviewer has signed it off.
    html = client.get(_change(article)).content.decode()
    assert 'name="_schedule"' in html


def test_a_live_article_offers_no_save_and_schedule(client, login_as):
    login_as("editor")
    article = make_article(status="published", kind=Article.Kind.NEWS)
    html = client.get(_change(article)).content.decode()
    assert 'name="_publish"' in html
    assert 'name="_schedule"' not in html and "schedule-publish_at" not in html


def test_writers_cannot_save_and_schedule(client):
    client.force_login(_writer())
    html = client.get(_add("news")).content.decode()
    assert 'name="_submit"' in html
    assert 'name="_schedule"' not in html and "schedule-publish_at" not in html
    channel = make_channel()
    response = client.post(
        _add("news"),
        _form_data(
            channel=str(channel.pk),
            kind="news",
            _schedule="1",
            **{"schedule-publish_at": "2099-01-02T09:30"},
        ),
    )
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not Article.objects.exists()
