"""Writing articles: revisions, the live page untouched by drafts, conflicts, restore."""

from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles import services
from articles.content import normalize, snapshot
from articles.models import Article, ArticleLink, ArticleRedirect, DrugProfile
from core.models import AuditEntry
from tests.articles.factories import content, make_article, make_channel, make_topic
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    """A real (tiny) PNG: stored images are decoded and written again."""
    buffer = BytesIO()
    Image.new("RGB", (4, 3), "teal").save(buffer, format="PNG")
    return buffer.getvalue()


PNG = _png()


def test_create_article_makes_a_draft_with_revision_one_and_the_writer_as_author():
    editor = make_user("editor")
    article = services.create_article(actor=editor, content=content(title="Morphea"))
    assert article.status == Article.Status.DRAFT
    assert article.latest_revision.number == 1
    assert article.latest_revision.author == editor
    assert list(article.authors.all()) == [editor]
    assert AuditEntry.objects.filter(action="article.create").count() == 1


def test_every_save_creates_a_revision_with_a_full_snapshot():
    editor = make_user("editor")
    topic = make_topic()
    article = make_article(editor=editor)
    data = content(
        channel=article.channel,
        slug=article.slug,
        title="Second title",
        topics=[topic],
        references=[{"title": "A study", "year": 2020, "doi": "10.1000/abc"}],
    )
    revision = services.save_draft(article, actor=editor, content=data, note="Retitled")
    assert revision.number == 2
    assert revision.note == "Retitled"
    assert revision.content["title"] == "Second title"
    assert revision.content["topic_ids"] == [topic.pk]
    assert revision.content["references"][0]["doi"] == "10.1000/abc"
    assert set(revision.content) == set(normalize({}))


def test_a_draft_article_rows_follow_the_latest_revision():
    editor = make_user("editor")
    article = make_article(editor=editor)
    services.save_draft(
        article,
        actor=editor,
        content=content(channel=article.channel, slug=article.slug, body="**Draft**"),
    )
    article.refresh_from_db()
    assert "<strong>Draft</strong>" in article.body_html
    assert snapshot(article) == normalize(article.latest_revision.content)


def test_editing_a_published_article_never_changes_the_live_page():
    editor = make_user("editor")
    topic, other_topic = make_topic(), make_topic()
    article = make_article(
        status="published",
        editor=editor,
        topics=[topic],
        references=[{"title": "Live reference"}],
    )
    live = snapshot(article)
    services.save_draft(
        article,
        actor=editor,
        content=content(
            channel=make_channel(),
            slug="new-slug",
            title="Draft title",
            body="Draft body",
            topics=[other_topic],
            references=[{"title": "Draft reference"}],
        ),
    )
    article.refresh_from_db()
    assert snapshot(article) == live
    assert article.slug != "new-slug"
    assert article.has_unpublished_changes


def test_saving_unchanged_content_creates_no_revision():
    editor = make_user("editor")
    article = make_article(editor=editor)
    same = normalize(article.latest_revision.content)
    revision = services.save_draft(article, actor=editor, content=same)
    assert revision.number == 1
    assert article.revisions.count() == 1


def test_save_based_on_an_older_revision_raises_a_conflict():
    first, second = make_user("editor"), make_user("editor", display_name="Second Ed")
    article = make_article(editor=first)
    opened = article.latest_revision_id
    services.save_draft(
        article,
        actor=second,
        content=content(channel=article.channel, slug=article.slug, title="Theirs"),
        based_on=opened,
    )
    with pytest.raises(services.EditConflict) as caught:
        services.save_draft(
            article,
            actor=first,
            content=content(channel=article.channel, slug=article.slug, title="Mine"),
            based_on=opened,
        )
    assert "Second Ed" in caught.value.messages[0]
    article.refresh_from_db()
    assert article.title == "Theirs"
    assert article.revisions.count() == 2


def test_overwrite_saves_despite_a_conflict():
    editor = make_user("editor")
    article = make_article(editor=editor)
    opened = article.latest_revision_id
    services.save_draft(
        article,
        actor=editor,
        content=content(channel=article.channel, slug=article.slug, title="Theirs"),
    )
    services.save_draft(
        article,
        actor=editor,
        content=content(channel=article.channel, slug=article.slug, title="Mine"),
        based_on=opened,
        overwrite=True,
    )
    article.refresh_from_db()
    assert article.title == "Mine"


@pytest.mark.parametrize(
    ("field", "value", "code_word"),
    [
        ("title", "", "blank"),
        ("title", "x" * 201, "at most 200"),
        ("title", "Bad\x00title", "null"),
        ("title", "<b>Bold</b>", "HTML"),
        ("summary", "y" * 301, "at most 300"),
        ("body", "Hello <script>alert(1)</script>", "Raw HTML"),
        ("slug", "feed", "reserved"),
        ("slug", "not a slug!", "slug"),
        ("channel_id", 999999, "channel"),
        ("topic_ids", [999999], "existing topics"),
    ],
)
def test_bad_content_is_refused_with_a_clear_message(field, value, code_word):
    editor = make_user("editor")
    with pytest.raises(ValidationError) as caught:
        services.create_article(actor=editor, content=content(**{field: value}))
    text = " ".join(sum(caught.value.message_dict.values(), []))
    assert code_word.lower() in text.lower(), text
    assert not Article.objects.exists()


def test_bad_reference_and_drug_section_are_refused():
    editor = make_user("editor")
    with pytest.raises(ValidationError) as caught:
        services.create_article(
            actor=editor,
            content=content(
                kind="drug",
                references=[{"title": "Study", "doi": "not-a-doi", "year": 3000}],
                drug={"dosing": "<iframe src=x>"},
            ),
        )
    errors = caught.value.message_dict
    assert any("DOI" in message for message in errors["references"])
    assert any("Reference 1" in message for message in errors["references"])
    assert "dosing" in errors


def test_slug_must_be_unique_among_articles():
    editor = make_user("editor")
    make_article(slug="morphea", editor=editor)
    with pytest.raises(ValidationError) as caught:
        services.create_article(actor=editor, content=content(slug="morphea"))
    assert "slug" in caught.value.message_dict


def test_unicode_slugs_are_accepted():
    article = make_article(status="published", slug="sclérodermie")
    assert article.get_absolute_url() == "/articles/scl%C3%A9rodermie/"


def test_an_image_needs_alt_text():
    editor = make_user("editor")
    with pytest.raises(ValidationError) as caught:
        services.create_article(
            actor=editor,
            content=content(),
            hero_upload=SimpleUploadedFile("hero.png", PNG, content_type="image/png"),
        )
    assert "hero_alt" in caught.value.message_dict


def test_a_fake_image_is_refused(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    editor = make_user("editor")
    with pytest.raises(ValidationError):
        services.create_article(
            actor=editor,
            content=content(hero_alt="A hand"),
            hero_upload=SimpleUploadedFile("hero.png", b"<svg onload=alert(1)>"),
        )
    assert list(tmp_path.iterdir()) == []


def test_a_hero_image_is_stored_and_kept_in_the_snapshot(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    editor = make_user("editor")
    article = services.create_article(
        actor=editor,
        content=content(hero_alt="Ointment on a fingertip"),
        hero_upload=SimpleUploadedFile("hero.png", PNG, content_type="image/png"),
    )
    assert article.hero_image.name.startswith("articles/heroes/")
    assert article.latest_revision.content["hero_image"] == article.hero_image.name
    assert (tmp_path / article.hero_image.name).exists()


def test_drug_profile_rows_follow_the_kind():
    editor = make_user("editor")
    article = make_article(kind="drug", editor=editor)
    profile = DrugProfile.objects.get(article=article)
    assert "Morphea" in profile.indications_html
    services.save_draft(
        article,
        actor=editor,
        content=content(channel=article.channel, slug=article.slug, kind="guide"),
    )
    assert not DrugProfile.objects.filter(article=article).exists()


def test_restore_makes_an_old_revision_the_newest_draft():
    editor = make_user("editor")
    article = make_article(title="Original", editor=editor)
    services.save_draft(
        article,
        actor=editor,
        content=content(channel=article.channel, slug=article.slug, title="Changed"),
    )
    old = article.revisions.get(number=1)
    new = services.restore_revision(article, actor=editor, revision=old)
    assert new.number == 3
    assert new.content["title"] == "Original"
    assert new.note == "Restored revision 1"
    article.refresh_from_db()
    assert article.title == "Original"
    assert article.revisions.count() == 3
    assert AuditEntry.objects.filter(action="article.restore").count() == 1


def test_restore_on_a_live_article_is_a_draft_until_published():
    editor = make_user("editor")
    article = make_article(status="published", title="Live", editor=editor)
    services.save_draft(
        article,
        actor=editor,
        content=content(channel=article.channel, slug=article.slug, title="Older"),
    )
    services.publish_article(article, actor=editor)
    services.restore_revision(
        article, actor=editor, revision=article.revisions.get(number=1)
    )
    article.refresh_from_db()
    assert article.title == "Older"
    assert article.latest_revision.content["title"] == "Live"


def test_restore_refuses_another_articles_revision():
    editor = make_user("editor")
    one, two = make_article(editor=editor), make_article(editor=editor)
    with pytest.raises(ValidationError):
        services.restore_revision(one, actor=editor, revision=two.latest_revision)


def test_members_cannot_restore():
    from django.core.exceptions import PermissionDenied

    article = make_article()
    with pytest.raises(PermissionDenied):
        services.restore_revision(
            article, actor=make_user("member"), revision=article.latest_revision
        )


def test_publishing_a_new_slug_leaves_a_redirect_from_the_old_one():
    editor = make_user("editor")
    article = make_article(status="published", slug="old-name", editor=editor)
    services.save_draft(
        article,
        actor=editor,
        content=content(channel=article.channel, slug="new-name"),
    )
    assert not ArticleRedirect.objects.exists()  # not published yet
    services.publish_article(article, actor=editor)
    redirect = ArticleRedirect.objects.get()
    assert (redirect.old_slug, redirect.article) == ("old-name", article)


def test_returning_to_an_old_slug_removes_its_redirect():
    editor = make_user("editor")
    article = make_article(status="published", slug="first", editor=editor)
    for slug in ("second", "first"):
        services.save_draft(
            article, actor=editor, content=content(channel=article.channel, slug=slug)
        )
        services.publish_article(article, actor=editor)
    assert list(ArticleRedirect.objects.values_list("old_slug", flat=True)) == [
        "second"
    ]


def test_never_published_articles_leave_no_redirects():
    editor = make_user("editor")
    article = make_article(slug="draft-one", editor=editor)
    services.save_draft(
        article,
        actor=editor,
        content=content(channel=article.channel, slug="draft-two"),
    )
    assert not ArticleRedirect.objects.exists()


def test_link_index_records_links_to_articles_only():
    editor = make_user("editor")
    article = make_article(
        status="published",
        editor=editor,
        body=(
            "See [one](/articles/tacrolimus/), [two](http://testserver/articles/morphea/), "
            "[channel](/articles/channel/drugs/), [elsewhere](https://example.org/articles/x/) "
            "and [again](/articles/tacrolimus/#dose)."
        ),
    )
    assert set(
        ArticleLink.objects.filter(source=article).values_list("target_slug", flat=True)
    ) == {"tacrolimus", "morphea"}


def test_link_index_of_a_live_article_changes_only_when_published():
    editor = make_user("editor")
    article = make_article(
        status="published", body="[a](/articles/first/)", editor=editor
    )
    services.save_draft(
        article,
        actor=editor,
        content=content(
            channel=article.channel, slug=article.slug, body="[b](/articles/second/)"
        ),
    )

    def targets():
        return list(
            ArticleLink.objects.filter(source=article).values_list(
                "target_slug", flat=True
            )
        )

    assert targets() == ["first"]
    services.publish_article(article, actor=editor)
    assert targets() == ["second"]


def test_links_in_drug_sections_are_indexed():
    article = make_article(
        kind="drug",
        drug={"indications": "See [morphea](/articles/morphea/).", "dosing": "Daily."},
    )
    assert ArticleLink.objects.filter(source=article, target_slug="morphea").exists()
