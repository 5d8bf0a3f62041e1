"""Word-level comparison of revisions."""

import pytest

from articles import services
from articles.diff import compare_revisions, summary_line, word_diff
from tests.articles.factories import content, make_article, make_topic
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_word_diff_marks_only_the_changed_words():
    assert word_diff("Take it daily with food.", "Take it weekly with food.") == [
        ("equal", "Take it "),
        ("delete", "daily"),
        ("insert", "weekly"),
        ("equal", " with food."),
    ]


def test_word_diff_of_identical_text_is_all_equal():
    assert word_diff("same", "same") == [("equal", "same")]
    assert word_diff("", "") == []


def test_compare_revisions_covers_every_field_and_names_the_changes():
    editor = make_user("editor")
    topic = make_topic("Lupus")
    article = make_article(editor=editor, kind="drug")
    services.save_draft(
        article,
        actor=editor,
        content=content(
            channel=article.channel,
            slug=article.slug,
            kind="drug",
            title=article.title,
            topics=[topic],
            drug={"indications": "Lupus nephritis.", "dosing": "Twice a day."},
        ),
    )
    old, new = article.revisions.order_by("number")
    diffs = compare_revisions(old, new)
    labels = [diff.label for diff in diffs]
    assert {"Title", "Topics", "Main indications", "References"} <= set(labels)
    changed = {diff.label for diff in diffs if diff.changed}
    assert "Topics" in changed and "Main indications" in changed
    assert "Title" not in changed
    assert summary_line(diffs).startswith("Changed: ")
    assert (
        summary_line(compare_revisions(old, old)) == "The two revisions are identical."
    )
