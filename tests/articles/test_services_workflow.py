"""The editorial workflow: every transition, and who may and may not make it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from articles import services
from articles.models import Article
from articles.selectors import published_articles
from core.models import AuditEntry
from tests.articles.factories import content, make_article
from tests.factories import make_user

pytestmark = pytest.mark.django_db

ROLES_WITHOUT_ACCOUNT = ("unverified", "member", "moderator")


def actions_for(article: Article, role_user):
    return {
        "submit": lambda: services.submit_for_review(article, actor=role_user),
        "return": lambda: services.return_to_draft(
            article, actor=role_user, reason="Fix the dose."
        ),
        "publish": lambda: services.publish_article(article, actor=role_user),
        "unpublish": lambda: services.unpublish_article(article, actor=role_user),
        "archive": lambda: services.archive_article(article, actor=role_user),
        "feature": lambda: services.set_featured(
            article, actor=role_user, featured=True
        ),
        "sign_off": lambda: services.sign_off_review(
            article, actor=role_user, revision=article.latest_revision
        ),
        "save_draft": lambda: services.save_draft(
            article,
            actor=role_user,
            content=content(channel=article.channel, slug=article.slug),
        ),
        "create": lambda: services.create_article(actor=role_user, content=content()),
    }


# Which role may perform which step (the product's permission table).
ALLOWED = {
    "submit": {"editor"},
    "return": {"editor", "professional"},
    "publish": {"editor"},
    "unpublish": {"editor"},
    "archive": {"editor"},
    "feature": {"editor"},
    "sign_off": {"professional"},
    "save_draft": {"editor"},
    "create": {"editor"},
}


def _article_for(action: str) -> Article:
    if action in ("unpublish", "feature"):
        return make_article(status="published")
    if action == "return":
        return make_article(status="in-review")
    if action in ("publish",):
        return make_article(status="in-review", kind=Article.Kind.NEWS)
    return make_article(status="draft")


@pytest.mark.parametrize("action", sorted(ALLOWED))
@pytest.mark.parametrize(
    "role", ["unverified", "member", "professional", "editor", "moderator"]
)
def test_workflow_permission_matrix(action, role):
    article = _article_for(action)
    user = make_user(role)
    run = actions_for(article, user)[action]
    if role in ALLOWED[action]:
        run()
    else:
        with pytest.raises(PermissionDenied):
            run()


@pytest.mark.parametrize("action", sorted(ALLOWED))
def test_anonymous_visitor_can_do_nothing(action):
    from django.contrib.auth.models import AnonymousUser

    article = _article_for(action)
    with pytest.raises(PermissionDenied):
        actions_for(article, AnonymousUser())[action]()


def test_superuser_can_do_everything():
    from members.models import User

    admin = User.objects.create_superuser(email="root@example.test", password="x")
    article = services.create_article(actor=admin, content=content(kind="guide"))
    services.submit_for_review(article, actor=admin)
    article.refresh_from_db()
    services.sign_off_review(article, actor=admin, revision=article.latest_revision)
    services.publish_article(article, actor=admin)
    assert Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED


def test_submit_for_review_moves_a_draft_to_in_review_and_audits():
    article = make_article(status="draft")
    editor = make_user("editor")
    services.submit_for_review(article, actor=editor, note="Ready")
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW
    assert article.review_requested_at is not None
    entry = AuditEntry.objects.filter(action="article.submit").get()
    assert entry.actor == editor
    assert entry.before == {"status": "draft"}
    assert entry.reason == "Ready"


def test_submitting_changes_to_a_live_article_keeps_it_live():
    article = make_article(status="published")
    editor = make_user("editor")
    services.save_draft(
        article,
        actor=editor,
        content=content(channel=article.channel, slug=article.slug, title="New"),
    )
    services.submit_for_review(article, actor=editor)
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.workflow_label() == "Published · changes in review"
    assert published_articles().filter(pk=article.pk).exists()


def test_return_to_draft_needs_a_reason_and_an_article_in_review():
    editor = make_user("editor")
    article = make_article(status="in-review")
    with pytest.raises(ValidationError):
        services.return_to_draft(article, actor=editor, reason="  ")
    services.return_to_draft(article, actor=editor, reason="Check the dose.")
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert AuditEntry.objects.filter(
        action="article.return_to_draft", reason="Check the dose."
    ).exists()
    with pytest.raises(ValidationError):
        services.return_to_draft(article, actor=editor, reason="Again")


def test_news_is_published_without_review():
    article = make_article(status="draft", kind=Article.Kind.NEWS)
    services.publish_article(article, actor=make_user("editor"))
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.first_published_at == article.last_published_at
    assert article.live_revision_id == article.latest_revision_id
    assert article.live_review is None
    assert AuditEntry.objects.filter(action="article.publish").count() == 1


@pytest.mark.parametrize("kind", [Article.Kind.GUIDE, Article.Kind.DRUG])
def test_medical_article_cannot_be_published_without_sign_off(kind):
    article = make_article(status="in-review", kind=kind)
    with pytest.raises(ValidationError) as caught:
        services.publish_article(article, actor=make_user("editor"))
    assert caught.value.code == "needs_review"
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW
    assert not published_articles().filter(pk=article.pk).exists()


def test_sign_off_records_revision_date_and_default_next_review():
    article = make_article(status="in-review", kind=Article.Kind.GUIDE)
    reviewer = make_user("professional", display_name="Dr Kay", specialty="Dermatology")
    sign_off = services.sign_off_review(
        article, actor=reviewer, revision=article.latest_revision
    )
    today = timezone.localdate()
    assert sign_off.revision_id == article.latest_revision_id
    assert sign_off.reviewed_at.date() == today
    assert sign_off.next_review_due == today.replace(year=today.year + 3)
    assert sign_off.reviewer_line == "Dr Kay, Dermatology"
    services.publish_article(article, actor=make_user("editor"))
    article.refresh_from_db()
    assert article.live_review == sign_off
    assert article.next_review_due == sign_off.next_review_due


def test_drug_pages_are_due_for_review_after_one_year():
    article = make_article(status="in-review", kind=Article.Kind.DRUG)
    sign_off = services.sign_off_review(
        article, actor=make_user("professional"), revision=article.latest_revision
    )
    today = timezone.localdate()
    assert sign_off.next_review_due == today.replace(year=today.year + 1)


def test_an_edit_after_sign_off_needs_a_new_sign_off():
    editor = make_user("editor")
    reviewer = make_user("professional")
    article = make_article(status="in-review", kind=Article.Kind.GUIDE, editor=editor)
    services.sign_off_review(article, actor=reviewer, revision=article.latest_revision)
    services.save_draft(
        article,
        actor=editor,
        content=content(channel=article.channel, slug=article.slug, kind="guide"),
    )
    with pytest.raises(ValidationError) as caught:
        services.publish_article(article, actor=editor)
    assert caught.value.code == "needs_review"
    article.refresh_from_db()
    services.sign_off_review(article, actor=reviewer, revision=article.latest_revision)
    services.publish_article(article, actor=editor)
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED


def test_an_edit_to_a_live_medical_page_stays_off_the_page_until_signed_off():
    editor = make_user("editor")
    article = make_article(status="published", kind=Article.Kind.GUIDE, editor=editor)
    live_body = article.body_html
    services.save_draft(
        article,
        actor=editor,
        content=content(
            channel=article.channel, slug=article.slug, kind="guide", body="Wrong dose."
        ),
    )
    with pytest.raises(ValidationError):
        services.publish_article(article, actor=editor)
    article.refresh_from_db()
    assert article.body_html == live_body
    assert "Wrong dose" not in article.body_html


def test_sign_off_of_a_stale_revision_is_refused():
    editor = make_user("editor")
    article = make_article(status="in-review", kind=Article.Kind.GUIDE, editor=editor)
    opened = article.latest_revision
    services.save_draft(
        article,
        actor=editor,
        content=content(channel=article.channel, slug=article.slug, kind="guide"),
    )
    with pytest.raises(ValidationError) as caught:
        services.sign_off_review(
            article, actor=make_user("professional"), revision=opened
        )
    assert caught.value.code == "stale_revision"


def test_signing_off_twice_keeps_one_sign_off():
    article = make_article(status="in-review", kind=Article.Kind.GUIDE)
    reviewer = make_user("professional")
    first = services.sign_off_review(
        article, actor=reviewer, revision=article.latest_revision
    )
    second = services.sign_off_review(
        article, actor=reviewer, revision=article.latest_revision
    )
    assert first == second
    assert AuditEntry.objects.filter(action="article.sign_off").count() == 1


def test_sign_off_refuses_a_next_review_date_in_the_past():
    article = make_article(status="in-review", kind=Article.Kind.GUIDE)
    with pytest.raises(ValidationError):
        services.sign_off_review(
            article,
            actor=make_user("professional"),
            revision=article.latest_revision,
            next_review_due=timezone.localdate(),
        )


def test_periodic_review_of_the_live_revision_updates_the_page_at_once():
    article = make_article(status="published", kind=Article.Kind.GUIDE)
    later = timezone.localdate() + datetime.timedelta(days=400)
    reviewer = make_user("professional", display_name="Dr Second")
    sign_off = services.sign_off_review(
        article, actor=reviewer, revision=article.live_revision, next_review_due=later
    )
    article.refresh_from_db()
    assert article.live_review == sign_off
    assert article.next_review_due == later


def test_publishing_twice_changes_nothing_the_second_time():
    editor = make_user("editor")
    article = make_article(status="published", editor=editor)
    services.publish_article(article, actor=editor)
    assert AuditEntry.objects.filter(action="article.publish").count() == 1


def test_schedule_keeps_the_article_hidden_until_its_time():
    editor = make_user("editor")
    when = timezone.now() + datetime.timedelta(hours=2)
    article = make_article(status="in-review", editor=editor)
    services.publish_article(article, actor=editor, publish_at=when)
    article.refresh_from_db()
    assert article.status == Article.Status.SCHEDULED
    assert article.workflow_label().startswith("Scheduled for")
    assert not published_articles().filter(pk=article.pk).exists()
    assert published_articles(now=when).filter(pk=article.pk).exists()
    assert AuditEntry.objects.filter(action="article.schedule").count() == 1


def test_a_live_article_cannot_be_rescheduled_into_the_future():
    editor = make_user("editor")
    article = make_article(status="published", editor=editor)
    with pytest.raises(ValidationError) as caught:
        services.publish_article(
            article,
            actor=editor,
            publish_at=timezone.now() + datetime.timedelta(days=1),
        )
    assert caught.value.code == "live"


def test_expiry_must_follow_publication():
    editor = make_user("editor")
    article = make_article(status="in-review", editor=editor)
    with pytest.raises(ValidationError):
        services.publish_article(
            article,
            actor=editor,
            expire_at=timezone.now() - datetime.timedelta(hours=1),
        )


def test_publish_scheduled_flips_due_articles_and_audits():
    editor = make_user("editor")
    soon = make_article(status="in-review", editor=editor)
    later = make_article(status="in-review", editor=editor)
    now = timezone.now()
    services.publish_article(
        soon, actor=editor, publish_at=now + datetime.timedelta(minutes=5)
    )
    services.publish_article(
        later, actor=editor, publish_at=now + datetime.timedelta(days=5)
    )
    run = services.publish_scheduled(now=now + datetime.timedelta(minutes=10))
    assert run.went_live == [soon.pk]
    soon.refresh_from_db()
    later.refresh_from_db()
    assert soon.status == Article.Status.PUBLISHED
    assert later.status == Article.Status.SCHEDULED
    entry = AuditEntry.objects.get(action="article.go_live")
    assert entry.actor is None and entry.actor_name == "system"
    # Running again changes nothing.
    assert (
        services.publish_scheduled(now=now + datetime.timedelta(minutes=10)).went_live
        == []
    )


def test_expired_articles_vanish_at_once_and_the_command_unpublishes_them():
    editor = make_user("editor")
    now = timezone.now()
    article = make_article(status="in-review", editor=editor)
    services.publish_article(
        article, actor=editor, expire_at=now + datetime.timedelta(hours=1)
    )
    after = now + datetime.timedelta(hours=2)
    assert published_articles().filter(pk=article.pk).exists()
    assert not published_articles(now=after).filter(pk=article.pk).exists()
    run = services.publish_scheduled(now=after)
    assert run.expired == [article.pk]
    article.refresh_from_db()
    assert article.status == Article.Status.UNPUBLISHED
    assert AuditEntry.objects.filter(action="article.expire").count() == 1


def test_publish_scheduled_command_reports_what_it_did(capsys):
    editor = make_user("editor")
    article = make_article(status="in-review", editor=editor)
    services.publish_article(
        article, actor=editor, publish_at=timezone.now() + datetime.timedelta(seconds=1)
    )
    Article.objects.filter(pk=article.pk).update(
        publish_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    call_command("publish_scheduled")
    assert "1 article(s) went live" in capsys.readouterr().out
    assert Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED


def test_unpublish_takes_the_article_off_and_keeps_its_dates():
    editor = make_user("editor")
    article = make_article(status="published", editor=editor)
    first = article.first_published_at
    services.unpublish_article(article, actor=editor, reason="Outdated")
    article.refresh_from_db()
    assert article.status == Article.Status.UNPUBLISHED
    assert article.first_published_at == first
    assert not published_articles().filter(pk=article.pk).exists()
    assert AuditEntry.objects.get(action="article.unpublish").reason == "Outdated"
    # Twice is harmless.
    services.unpublish_article(article, actor=editor)
    assert AuditEntry.objects.filter(action="article.unpublish").count() == 1


def test_cancelling_a_schedule_forgets_the_publication_date():
    editor = make_user("editor")
    article = make_article(status="scheduled", editor=editor)
    assert article.first_published_at > timezone.now()
    services.unpublish_article(article, actor=editor)
    article.refresh_from_db()
    assert article.first_published_at is None


def test_unpublishing_a_draft_is_refused():
    with pytest.raises(ValidationError):
        services.unpublish_article(make_article(), actor=make_user("editor"))


def test_republishing_keeps_the_first_publication_date():
    editor = make_user("editor")
    article = make_article(status="unpublished", editor=editor)
    first = article.first_published_at
    services.publish_article(article, actor=editor)
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.first_published_at == first


def test_archive_removes_from_site_and_featured():
    editor = make_user("editor")
    article = make_article(status="published", editor=editor)
    services.set_featured(article, actor=editor, featured=True)
    services.archive_article(article, actor=editor, reason="Superseded")
    article.refresh_from_db()
    assert article.status == Article.Status.ARCHIVED
    assert not article.featured
    assert not published_articles().filter(pk=article.pk).exists()
    assert AuditEntry.objects.filter(action="article.archive").count() == 1


def test_an_archived_article_can_be_published_again():
    editor = make_user("editor")
    article = make_article(status="archived", editor=editor)
    services.publish_article(article, actor=editor)
    assert published_articles().filter(pk=article.pk).exists()


def test_publishing_a_live_article_shows_the_new_revision_and_updates_last_updated():
    editor = make_user("editor")
    article = make_article(status="published", editor=editor)
    before = article.last_published_at
    services.save_draft(
        article,
        actor=editor,
        content=content(channel=article.channel, slug=article.slug, body="New text."),
    )
    article.refresh_from_db()
    assert "New text" not in article.body_html
    services.publish_article(article, actor=editor)
    article.refresh_from_db()
    assert "New text" in article.body_html
    assert article.last_published_at > before
    assert article.live_revision_id == article.latest_revision_id


def test_publish_requires_a_summary_and_drug_sections():
    editor = make_user("editor")
    article = make_article(status="draft", summary="", editor=editor)
    with pytest.raises(ValidationError) as caught:
        services.publish_article(article, actor=editor)
    assert "summary" in caught.value.message_dict
    drug = make_article(
        status="draft", kind=Article.Kind.DRUG, drug={"brand_names": "Protopic"}
    )
    services.sign_off_review(
        drug, actor=make_user("professional"), revision=drug.latest_revision
    )
    with pytest.raises(ValidationError) as caught:
        services.publish_article(drug, actor=editor)
    assert {"indications", "dosing"} <= set(caught.value.message_dict)


def test_featuring_is_audited_and_idempotent():
    editor = make_user("editor")
    article = make_article(status="published", editor=editor)
    services.set_featured(article, actor=editor, featured=True)
    services.set_featured(article, actor=editor, featured=True)
    assert Article.objects.get(pk=article.pk).featured
    assert AuditEntry.objects.filter(action="article.feature").count() == 1


def test_reason_with_null_bytes_is_refused():
    editor = make_user("editor")
    article = make_article(status="published", editor=editor)
    with pytest.raises(ValidationError):
        services.unpublish_article(article, actor=editor, reason="bad\x00")


def test_publish_preconditions_say_what_blocks_without_writing():
    editor = make_user("editor")
    article = make_article(status="in-review", kind=Article.Kind.GUIDE, editor=editor)
    with pytest.raises(ValidationError) as caught:
        services.check_publish_article(article, actor=editor)
    assert caught.value.code == "needs_review"
    assert "must sign off" in services.publish_blockers(article, actor=editor)[0]
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW
    assert not AuditEntry.objects.filter(action="article.publish").exists()


def test_publish_preconditions_refuse_people_without_the_permission():
    article = make_article(status="draft", kind=Article.Kind.NEWS)
    member = make_user("member")
    with pytest.raises(PermissionDenied):
        services.check_publish_article(article, actor=member)
    assert services.publish_blockers(article, actor=member)


def test_publish_preconditions_pass_then_apply_publishes():
    editor = make_user("editor")
    article = make_article(status="draft", kind=Article.Kind.NEWS, editor=editor)
    plan = services.check_publish_article(article, actor=editor)
    assert plan.revision.pk == article.latest_revision_id
    assert not plan.scheduling and not plan.unchanged
    assert services.publish_blockers(article, actor=editor) == []
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    services.publish_article(article, actor=editor)
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert services.check_publish_article(article, actor=editor).unchanged
