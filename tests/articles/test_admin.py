"""The editor interface in the admin: editor form, workflow buttons, review, revisions."""

from http import HTTPStatus

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from articles import services
from articles.models import Article, CorrectionRequest, Revision
from core.models import AuditEntry
from tests.articles.factories import content, make_article, make_channel, make_topic
from tests.factories import give_second_factor, make_user

pytestmark = pytest.mark.django_db


def _url(name: str, *args) -> str:
    return reverse(f"admin:articles_article_{name}", args=args)


def _form_data(article: Article | None = None, **overrides) -> dict:
    """What the editor form posts, starting from the latest revision's content."""
    data = {
        "title": "Living with morphea",
        "slug": "",
        "kind": "guide",
        "channel": "",
        "summary": "What morphea is and how it is treated.",
        "body": "## What it is\n\nMorphea affects the skin.",
        "hero_alt": "",
        "note": "",
        "based_on": "",
        "refs-TOTAL_FORMS": "2",
        "refs-INITIAL_FORMS": "0",
        "refs-MIN_NUM_FORMS": "0",
        "refs-MAX_NUM_FORMS": "100",
        "refs-0-title": "",
        "refs-1-title": "",
    }
    if article is not None:
        revision = article.latest_revision
        c = revision.content
        data.update(
            title=c["title"],
            slug=c["slug"],
            kind=c["kind"],
            channel=str(c["channel_id"]),
            summary=c["summary"],
            body=c["body"],
            based_on=str(revision.pk),
        )
    data.update(overrides)
    return data


# Who gets in


@pytest.mark.parametrize(
    ("role", "changelist", "add"),
    [
        ("member", HTTPStatus.FOUND, HTTPStatus.FOUND),  # not staff: admin login
        ("moderator", HTTPStatus.FORBIDDEN, HTTPStatus.FORBIDDEN),
        ("professional", HTTPStatus.OK, HTTPStatus.FORBIDDEN),
        ("editor", HTTPStatus.OK, HTTPStatus.OK),
    ],
)
def test_who_reaches_the_article_admin(client, login_as, role, changelist, add):
    login_as(role)
    assert client.get(_url("changelist")).status_code == changelist
    assert client.get(_url("add")).status_code == add


def test_reviewers_opening_an_article_land_on_the_review_page(client, login_as):
    login_as("professional")
    article = make_article(status="in-review", kind="guide")
    response = client.get(_url("change", article.pk))
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == _url("review", article.pk)


# The editor form


def test_editor_creates_an_article_as_a_draft(client, login_as):
    editor = login_as("editor")
    channel = make_channel("Conditions")
    topic = make_topic("Morphea")
    data = _form_data(
        channel=str(channel.pk),
        topics=[str(topic.pk)],
        **{
            "refs-0-title": "Localized scleroderma guideline",
            "refs-0-year": "2016",
            "refs-0-doi": "10.1111/ddg.12724",
            "refs-0-ORDER": "1",
        },
    )
    response = client.post(_url("add"), data)
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:3000]
    article = Article.objects.get()
    assert article.slug == "living-with-morphea"
    assert article.status == Article.Status.DRAFT
    assert list(article.topics.all()) == [topic]
    assert list(article.authors.all()) == [editor]
    assert article.references.get().doi == "10.1111/ddg.12724"
    assert article.latest_revision.author == editor


def test_editor_form_shows_clear_errors_and_keeps_the_input(client, login_as):
    login_as("editor")
    channel = make_channel()
    response = client.post(
        _url("add"),
        _form_data(
            channel=str(channel.pk),
            title="x" * 201,
            body="Hello <iframe src=evil></iframe>",
            summary="Bad\x00byte",
            **{"refs-0-title": "Study", "refs-0-doi": "nope", "refs-0-ORDER": "1"},
        ),
    )
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "Ensure this value has at most 200 characters" in html
    assert "Raw HTML isn" in html
    assert "can&#x27;t be saved (a null byte). Please remove it." in html
    assert "A DOI looks like" in html
    assert "Hello &lt;iframe" in html  # what they typed is still there
    assert not Article.objects.exists()


def test_editor_form_reports_a_taken_slug_on_the_field(client, login_as):
    login_as("editor")
    existing = make_article(slug="morphea")
    response = client.post(
        _url("add"), _form_data(channel=str(existing.channel_id), slug="morphea")
    )
    assert response.status_code == HTTPStatus.OK
    assert "Another article already uses this slug" in response.content.decode()


def test_editing_a_live_article_saves_a_draft_and_keeps_the_live_page(client, login_as):
    editor = login_as("editor")
    article = make_article(status="published", editor=editor, title="Live title")
    response = client.get(_url("change", article.pk))
    assert response.status_code == HTTPStatus.OK
    response = client.post(
        _url("change", article.pk),
        _form_data(article, title="Draft title", _continue="1"),
    )
    assert response.status_code == HTTPStatus.FOUND
    article.refresh_from_db()
    assert article.title == "Live title"
    assert article.latest_revision.content["title"] == "Draft title"
    # The editor reopens the draft, not the live page.
    assert (
        'value="Draft title"' in client.get(_url("change", article.pk)).content.decode()
    )


def test_save_and_preview_goes_to_the_preview(client, login_as):
    editor = login_as("editor")
    article = make_article(editor=editor)
    response = client.post(
        _url("change", article.pk), _form_data(article, body="New", _preview="1")
    )
    article.refresh_from_db()
    assert response["Location"] == article.latest_revision.get_preview_url()


def test_someone_elses_newer_save_is_not_overwritten(client, login_as):
    editor = login_as("editor")
    other = make_user("editor", display_name="Olga Other")
    article = make_article(editor=editor)
    stale = _form_data(article, title="My version")
    services.save_draft(
        article,
        actor=other,
        content=content(channel=article.channel, slug=article.slug, title="Olga's"),
    )
    response = client.post(_url("change", article.pk), stale)
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "Olga Other saved a newer version" in html
    assert "Compare the version you opened" in html
    assert 'value="My version"' in html
    article.refresh_from_db()
    assert article.title == "Olga's"
    response = client.post(_url("change", article.pk), {**stale, "overwrite": "on"})
    assert response.status_code == HTTPStatus.FOUND
    article.refresh_from_db()
    assert article.title == "My version"


# Workflow buttons


@pytest.mark.parametrize(
    ("role", "action", "allowed"),
    [
        ("editor", "submit", True),
        ("professional", "submit", False),
        ("editor", "publish", True),
        ("professional", "publish", False),
        ("moderator", "publish", False),
        ("editor", "archive", True),
        ("professional", "return", True),
    ],
)
def test_workflow_buttons_follow_permissions(client, login_as, role, action, allowed):
    user = login_as(role)
    article = make_article(status="in-review", kind="news")
    before = Article.objects.get(pk=article.pk).status
    response = client.post(
        _url("workflow", article.pk), {"action": action, "reason": "A note."}
    )
    article.refresh_from_db()
    if role == "moderator":
        assert response.status_code == HTTPStatus.FORBIDDEN
    elif allowed:
        assert response.status_code == HTTPStatus.FOUND
        assert AuditEntry.objects.filter(actor=user).exists()
    else:
        assert response.status_code == HTTPStatus.FORBIDDEN
        assert article.status == before


def test_publish_button_reports_a_missing_sign_off(client, login_as):
    login_as("editor")
    article = make_article(status="in-review", kind="guide")
    response = client.post(_url("workflow", article.pk), {"action": "publish"})
    flashed = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("must sign off the latest revision" in text for text in flashed)
    assert Article.objects.get(pk=article.pk).status == Article.Status.IN_REVIEW


def test_editor_shows_what_blocks_publishing_before_the_click(client, login_as):
    login_as("editor")
    article = make_article(status="in-review", kind="guide")
    page = client.get(_url("change", article.pk)).content.decode()
    assert "Not ready to publish:" in page
    assert "must sign off the latest revision" in page
    services.sign_off_review(
        article, actor=make_user("professional"), revision=article.latest_revision
    )
    page = client.get(_url("change", article.pk)).content.decode()
    assert "Not ready to publish:" not in page
    assert "Publish now" in page


def test_reviewers_are_not_shown_publish_blockers(client, login_as):
    login_as("professional")
    article = make_article(status="in-review", kind="guide")
    page = client.get(_url("review", article.pk)).content.decode()
    assert "Not ready to publish:" not in page


def test_schedule_button_needs_a_time_and_schedules(client, login_as):
    login_as("editor")
    article = make_article(status="in-review", kind="news")
    response = client.post(
        _url("workflow", article.pk), {"action": "schedule"}, follow=True
    )
    assert "Choose when to publish." in response.content.decode()
    response = client.post(
        _url("workflow", article.pk),
        {"action": "schedule", "publish_at": "2099-01-02T09:30"},
    )
    article.refresh_from_db()
    assert article.status == Article.Status.SCHEDULED
    assert article.publish_at.year == 2099


def test_workflow_view_refuses_get_and_bad_actions(client, login_as):
    login_as("editor")
    article = make_article()
    assert client.get(_url("workflow", article.pk)).status_code == HTTPStatus.FOUND
    response = client.post(_url("workflow", article.pk), {"action": "explode"})
    assert response.status_code == HTTPStatus.FOUND
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT


# Review page


def test_reviewer_signs_off_from_the_review_page(client, login_as):
    reviewer = login_as("professional")
    article = make_article(status="in-review", kind="guide")
    page = client.get(_url("review", article.pk))
    assert page.status_code == HTTPStatus.OK
    assert "Sign off revision 1" in page.content.decode()
    response = client.post(
        _url("review", article.pk),
        {"revision": article.latest_revision_id, "note": "Checked doses."},
    )
    assert response.status_code == HTTPStatus.FOUND
    sign_off = article.latest_revision.sign_offs.get()
    assert sign_off.reviewer == reviewer
    assert sign_off.note == "Checked doses."


def test_review_page_refuses_a_stale_revision(client, login_as):
    login_as("professional")
    editor = make_user("editor")
    article = make_article(status="in-review", kind="guide", editor=editor)
    opened = article.latest_revision_id
    services.save_draft(
        article,
        actor=editor,
        content=content(channel=article.channel, slug=article.slug, kind="guide"),
    )
    response = client.post(_url("review", article.pk), {"revision": opened})
    assert response.status_code == HTTPStatus.OK
    assert "no longer the latest revision" in response.content.decode()
    assert not Revision.objects.filter(sign_offs__isnull=False).exists()


def test_editors_cannot_sign_off(client, login_as):
    login_as("editor")
    article = make_article(status="in-review", kind="guide")
    response = client.post(
        _url("review", article.pk), {"revision": article.latest_revision_id}
    )
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not article.latest_revision.sign_offs.exists()


def test_review_page_shows_changes_since_the_live_version(client, login_as):
    login_as("professional")
    editor = make_user("editor")
    article = make_article(
        status="published", kind="news", body="Old words", editor=editor
    )
    services.save_draft(
        article,
        actor=editor,
        content=content(channel=article.channel, slug=article.slug, body="New words"),
    )
    html = client.get(_url("review", article.pk)).content.decode()
    assert "<del>Old</del>" in html and "<ins>New</ins>" in html


# Revisions


def test_history_lists_revisions_with_compare_and_restore(client, login_as):
    editor = login_as("editor")
    article = make_article(editor=editor)
    services.save_draft(
        article,
        actor=editor,
        content=content(channel=article.channel, slug=article.slug, title="Two"),
        note="Second go",
    )
    html = client.get(_url("history", article.pk)).content.decode()
    assert "Second go" in html
    assert "Restore revision 1 as a draft" in html
    assert "Restore revision 2" not in html  # the latest needs no restoring


def test_compare_shows_a_word_level_diff_of_every_field(client, login_as):
    editor = login_as("editor")
    topic = make_topic("Methotrexate")
    article = make_article(editor=editor, title="Weekly dose", body="Take it daily.")
    services.save_draft(
        article,
        actor=editor,
        content=content(
            channel=article.channel,
            slug=article.slug,
            title="Weekly dose",
            body="Take it weekly.",
            topics=[topic],
            references=[{"title": "BNF entry"}],
        ),
    )
    one, two = article.revisions.order_by("number")
    response = client.get(_url("compare", article.pk), {"a": two.pk, "b": one.pk})
    html = response.content.decode()
    assert "From revision 1" in html  # order is normalised
    assert "<del>daily</del><ins>weekly</ins>" in html
    assert "<ins>Methotrexate</ins>" in html
    assert "<ins>[1] BNF entry</ins>" in html
    assert "Changed: Topics, Article text" not in html  # labels are the fields'
    assert "Changed:" in html and "Body (markdown)" in html


def test_compare_with_bad_ids_goes_back_to_history(client, login_as):
    login_as("editor")
    article = make_article()
    other = make_article()
    response = client.get(
        _url("compare", article.pk), {"a": other.latest_revision_id, "b": "x"}
    )
    assert response.status_code == HTTPStatus.FOUND


def test_restore_from_the_history_page(client, login_as):
    editor = login_as("editor")
    article = make_article(editor=editor, title="Original")
    services.save_draft(
        article,
        actor=editor,
        content=content(channel=article.channel, slug=article.slug, title="Changed"),
    )
    first = article.revisions.get(number=1)
    assert client.get(_url("restore", article.pk, first.pk)).status_code == 302
    assert article.revisions.count() == 2  # GET changes nothing
    response = client.post(_url("restore", article.pk, first.pk))
    assert response.status_code == HTTPStatus.FOUND
    article.refresh_from_db()
    assert article.title == "Original"
    assert article.latest_revision.number == 3


def test_reviewers_cannot_restore(client, login_as):
    login_as("professional")
    article = make_article()
    response = client.post(_url("restore", article.pk, article.latest_revision_id))
    assert response.status_code == HTTPStatus.FORBIDDEN


# Changelist, filters and bulk actions


def test_changelist_flags_overdue_and_awaiting_reviews(client, login_as):
    login_as("editor")
    overdue = make_article(status="published", kind="guide", title="Old guide")
    Article.objects.filter(pk=overdue.pk).update(next_review_due="2000-01-01")
    make_article(status="in-review", kind="guide", title="Waiting guide")
    html = client.get(_url("changelist")).content.decode()
    assert "1 published article is overdue for medical review." in html
    assert "1 article is waiting for a reviewer" in html
    filtered = client.get(_url("changelist"), {"review": "overdue"}).content.decode()
    assert "Old guide" in filtered and "Waiting guide" not in filtered
    awaiting = client.get(_url("changelist"), {"review": "awaiting"}).content.decode()
    assert "Waiting guide" in awaiting and "Old guide" not in awaiting


def test_changelist_filters_by_reviewer_and_searches(client, login_as):
    login_as("editor")
    reviewer = make_user("professional", display_name="Dr Filter")
    mine = make_article(
        status="published", kind="guide", reviewer=reviewer, title="Mine"
    )
    make_article(status="published", kind="guide", title="Someone else's")
    html = client.get(_url("changelist"), {"reviewer": reviewer.pk}).content.decode()
    assert "Mine" in html and "Someone else" not in html
    html = client.get(_url("changelist"), {"q": "Mine"}).content.decode()
    assert mine.title in html


def test_bulk_publish_action_reports_each_failure(client, login_as):
    login_as("editor")
    news = make_article(status="in-review", kind="news")
    guide = make_article(status="in-review", kind="guide", title="Unreviewed guide")
    response = client.post(
        _url("changelist"),
        {"action": "publish_selected", "_selected_action": [news.pk, guide.pk]},
        follow=True,
    )
    html = response.content.decode()
    assert "1 article(s) published." in html
    assert "Unreviewed guide: A health professional must sign off" in html
    assert Article.objects.get(pk=news.pk).status == Article.Status.PUBLISHED
    assert Article.objects.get(pk=guide.pk).status == Article.Status.IN_REVIEW


def test_reviewers_do_not_get_publish_actions(client, login_as):
    login_as("professional")
    html = client.get(_url("changelist")).content.decode()
    assert "publish_selected" not in html
    assert "delete_selected" not in html


def test_articles_cannot_be_deleted_in_the_admin(client, login_as):
    from members.models import User

    admin = User.objects.create_superuser(email="root@example.test", password="x")
    give_second_factor(admin)
    client.force_login(admin)
    article = make_article()
    assert client.get(_url("delete", article.pk)).status_code == HTTPStatus.FORBIDDEN


def test_editors_close_correction_requests(client, login_as):
    editor = login_as("editor")
    article = make_article(status="published")
    correction = services.report_error(
        article, actor=make_user("member"), message="The date is wrong."
    )
    response = client.post(
        reverse("admin:articles_correctionrequest_changelist"),
        {"action": "mark_fixed", "_selected_action": [correction.pk]},
    )
    assert response.status_code == HTTPStatus.FOUND
    correction.refresh_from_db()
    assert correction.status == CorrectionRequest.Status.FIXED
    assert correction.handled_by == editor
    assert AuditEntry.objects.filter(action="correction.fixed").exists()


def test_channel_admin_refuses_a_cycle_and_deep_nesting(client, login_as):
    login_as("editor")
    top = make_channel("Top")
    middle = make_channel("Middle", parent=top)
    bottom = make_channel("Bottom", parent=middle)
    url = reverse("admin:articles_channel_change", args=[top.pk])
    response = client.post(
        url, {"name": "Top", "slug": top.slug, "parent": bottom.pk, "position": 0}
    )
    assert "inside itself" in response.content.decode()
    response = client.post(
        reverse("admin:articles_channel_add"),
        {"name": "Too deep", "slug": "too-deep", "parent": bottom.pk, "position": 0},
    )
    assert "at most 3 levels" in response.content.decode()


def test_bad_article_ids_are_404_not_500(client, login_as):
    login_as("editor")
    for url in (
        "/admin/articles/article/abc/change/",
        "/admin/articles/article/abc/history/",
        "/admin/articles/article/999999/change/",
        "/admin/articles/article/999999/review/",
    ):
        assert client.get(url).status_code == HTTPStatus.NOT_FOUND, url
