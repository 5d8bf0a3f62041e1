"""Q&A as rich as seed 001, through the pages: a professional's short answer and
"more detail", similar questions with the professional's answer, the related FAQ,
answered/helpful badges in lists, share links on threads and questions."""

import itertools
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core import pagecache
from core.seo import absolute_url
from forum.models import Board, Post, PostVersion, Thread
from forum.services import create_reply, set_helpful_answer
from members.privacy import export_account_data
from tests.factories import make_user
from tests.forum.factories import accept_terms, make_board, make_post, make_thread
from tests.forum.test_selectors import BOARD_PAGE_QUERIES, count_queries

pytestmark = pytest.mark.django_db


def html(response) -> str:
    return response.content.decode()


@pytest.fixture
def qa():
    return make_board(kind=Board.Kind.QUESTIONS, name="Ask a professional")


@pytest.fixture
def doctor():
    user = make_user("professional", display_name="Dr Wu", specialty="Dermatology")
    accept_terms(user)
    return user


_n = itertools.count(1)


def answer(thread, doctor, *, short="", body=""):
    body = body or f"The long explanation, number {next(_n)}."
    return create_reply(thread, actor=doctor, body=body, short_answer=short)


# Short answer + more detail -------------------------------------------------


def test_a_professionals_composer_offers_a_short_answer_and_a_members_does_not(
    client, qa, doctor
):
    question = make_thread(board=qa)
    client.force_login(doctor)
    page = html(client.get(question.get_absolute_url()))
    composer = page[page.index('id="reply-heading"') :]
    assert 'name="short_answer"' in composer
    assert "Short answer (optional)" in composer and "More detail" in composer
    assert ">Post answer<" in composer or "Post answer" in composer
    member = make_user("member")
    accept_terms(member)
    client.force_login(member)
    page = html(client.get(question.get_absolute_url()))
    assert 'name="short_answer"' not in page
    assert "Post answer" in page[page.index('id="reply-heading"') :]


def test_the_answer_page_of_a_question_says_answer_throughout(client, qa, doctor):
    question = make_thread(board=qa, title="Cold fingers question")
    client.force_login(doctor)
    page = html(client.get(reverse("forum:reply-create", args=[question.pk])))
    assert "<h1>Answer “Cold fingers question”</h1>" in page
    assert "Post answer" in page and "Post reply" not in page
    assert 'name="short_answer"' in page


def test_a_professional_posts_a_short_answer_shown_first_and_escaped(
    client, qa, doctor
):
    question = make_thread(board=qa)
    client.force_login(doctor)
    response = client.post(
        reverse("forum:reply-create", args=[question.pk]),
        {
            "short_answer": "Use it twice a day. <b>Not</b> on broken skin.",
            "body": "## Why\n\nIt calms the **inflammation**.",
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    post = Post.objects.get(author=doctor)
    assert post.is_professional_answer
    assert post.short_answer == "Use it twice a day. <b>Not</b> on broken skin."
    page = html(client.get(question.get_absolute_url()))
    mine = page[page.index(f'id="post-{post.pk}"') :]
    short = mine.index(">Short answer</h3>")
    detail = mine.index(">More detail</h3>")
    assert short < mine.index("Use it twice a day.") < detail
    assert "&lt;b&gt;Not&lt;/b&gt;" in mine  # plain text, escaped
    assert detail < mine.index("<strong>inflammation</strong>")


def test_a_too_long_short_answer_is_refused_with_the_text_kept(client, qa, doctor):
    question = make_thread(board=qa)
    client.force_login(doctor)
    too_long = "word " * 200
    response = client.post(
        reverse("forum:reply-create", args=[question.pk]),
        {"short_answer": too_long, "body": "The detail I wrote with care."},
    )
    assert response.status_code == HTTPStatus.OK
    page = html(response)
    assert "at most 600 characters" in page or "600" in page
    assert "The detail I wrote with care." in page
    assert not Post.objects.filter(author=doctor).exists()


def test_only_a_professionals_answer_can_have_a_short_answer(client, qa, doctor):
    question = make_thread(board=qa)
    member = make_user("member")
    accept_terms(member)
    with pytest.raises(ValidationError) as refused:
        create_reply(question, actor=member, body="Me too.", short_answer="Short")
    assert "short_answer" in refused.value.message_dict
    # Through the page the field is not there: what a member sends is ignored.
    client.force_login(member)
    client.post(
        reverse("forum:reply-create", args=[question.pk]),
        {"short_answer": "Sneaky", "body": "My own experience."},
    )
    assert Post.objects.get(author=member).short_answer == ""
    # A professional's reply to a reply is not an answer: no short answer either.
    top = make_post(question)
    with pytest.raises(ValidationError):
        create_reply(
            question, actor=doctor, body="Nested", reply_to=top, short_answer="x"
        )


def test_editing_a_short_answer_keeps_the_old_one_as_a_version(client, qa, doctor):
    question = make_thread(board=qa)
    post = answer(question, doctor, short="First short answer.")
    client.force_login(doctor)
    url = reverse("forum:post-edit", args=[post.pk])
    assert "First short answer." in html(client.get(url))
    response = client.post(
        url, {"short_answer": "Better short answer.", "body": post.body}
    )
    assert response.status_code == HTTPStatus.FOUND
    post.refresh_from_db()
    assert post.short_answer == "Better short answer." and post.edit_count == 1
    version = PostVersion.objects.get(post=post)
    assert version.short_answer == "First short answer."
    client.force_login(make_user("moderator"))
    versions = html(client.get(reverse("forum:post-versions", args=[post.pk])))
    assert "First short answer." in versions and "Better short answer." in versions


def test_the_privacy_export_holds_short_answers_and_their_versions(qa, doctor):
    question = make_thread(board=qa)
    post = answer(question, doctor, short="Exported short.")
    from forum.services import edit_post

    edit_post(post, actor=doctor, body=post.body, short_answer="Newer short.")
    exported = export_account_data(doctor)["forum_posts"]
    row = next(p for p in exported if p["id"] == post.pk)
    assert row["short_answer"] == "Newer short."
    assert row["earlier_versions"][0]["short_answer"] == "Exported short."


# Similar questions and the related FAQ --------------------------------------


def test_similar_questions_show_the_professionals_answer_or_not_answered_yet(
    client, qa, doctor
):
    question = make_thread(board=qa, title="Pimecrolimus cream on my back")
    answered = make_thread(board=qa, title="Pimecrolimus cream burning")
    answer(
        answered,
        doctor,
        short="Burning usually fades after a week.",
        body="A long text about **burning** that should not be the excerpt.",
    )
    plain = make_thread(board=qa, title="Pimecrolimus cream and sunlight")
    answer(plain, doctor, body="Protect the skin from the **sun** with clothing.")
    waiting = make_thread(board=qa, title="Pimecrolimus cream for children")
    page = html(client.get(question.get_absolute_url()))
    similar = page[page.index('id="similar-heading"') : page.index('id="faq-heading"')]

    def card(title):
        start = similar.index(title)
        return similar[start : similar.index("</li>", start)]

    assert "Dr Wu</strong> · Dermatology" in card(answered.title)
    assert "Burning usually fades after a week." in card(answered.title)
    assert "should not be the excerpt" not in card(answered.title)
    assert "Protect the skin from the sun with clothing." in card(plain.title)
    assert "Not answered yet" in card(waiting.title)
    assert "Read more" in card(waiting.title)


def test_related_faq_lists_the_board_and_specialty_answered_first(client, qa, doctor):
    question = make_thread(board=qa, title="Itchy patches on the arm")
    answer(question, doctor)
    waiting = make_thread(board=qa, title="Cold fingers in winter")
    answered = make_thread(board=qa, title="Hair loss on methotrexate")
    answer(answered, doctor)
    other_qa = make_board(kind=Board.Kind.QUESTIONS)
    same_specialty = make_thread(board=other_qa, title="Dry eyes and mouth")
    answer(same_specialty, doctor)
    elsewhere = make_thread(board=other_qa, title="Unanswered elsewhere")
    discussion = make_thread(title="Discussion thread title")
    hidden = make_thread(board=qa, title="Members only question")
    Thread.objects.filter(pk=hidden.pk).update(members_only=True)
    page = html(client.get(question.get_absolute_url()))
    faq = page[page.index('id="faq-heading"') :]
    faq = faq[: faq.index("</section>")]
    assert answered.title in faq and same_specialty.title in faq
    assert faq.index(answered.title) < faq.index(waiting.title)
    assert "(Dermatology)" in faq
    for absent in (question, elsewhere, discussion, hidden):
        assert absent.title not in faq


def test_related_content_is_computed_once_per_content_version(
    qa, doctor, django_assert_num_queries
):
    from search.related import related_faq, similar_questions

    question = make_thread(board=qa, title="Tacrolimus ointment question")
    other = make_thread(board=qa, title="Tacrolimus ointment burning")
    answer(other, doctor, short="Short one.")
    first = similar_questions(question, [], language="en")
    faq = related_faq(question, language="en")
    assert first[0].answer.excerpt == "Short one."
    assert [q.title for q in faq] == [other.title]
    with django_assert_num_queries(0):
        assert similar_questions(question, [], language="en") == first
        assert related_faq(question, language="en") == faq
    pagecache.bump()
    with django_assert_num_queries(2):
        similar_questions(question, [], language="en")


# Board lists ---------------------------------------------------------------


def test_board_lists_show_answered_waiting_and_helpful_as_text(client, qa, doctor):
    asker = make_user("member")
    waiting = make_thread(board=qa, title="Still waiting question")
    answered = make_thread(board=qa, author=asker, title="Answered question")
    set_helpful_answer(answer(answered, doctor), actor=asker)
    member_only = make_thread(board=qa, title="Member answered question")
    make_post(member_only)  # a member's reply is not a professional's answer
    page = html(client.get(qa.get_absolute_url()))

    def row(title):
        start = page.index(title)
        return page[page.rindex("<tr>", 0, start) : page.index("</tr>", start)]

    assert "Answered by a professional" in row(answered.title)
    assert "Helpful answer" in row(answered.title)
    assert "Waiting for an answer" in row(waiting.title)
    assert "Helpful answer" not in row(waiting.title)
    assert "Waiting for an answer" in row(member_only.title)
    home_rows = html(client.get(reverse("home")))
    assert "Answered by a professional" in home_rows


def test_a_qa_board_page_runs_a_fixed_number_of_queries(
    client, qa, doctor, django_assert_max_num_queries
):
    client.force_login(make_user("member"))
    make_thread(board=qa)
    few = count_queries(client, qa.get_absolute_url())
    for n in range(12):
        thread = make_thread(board=qa, author=make_user("member"))
        if n % 2:
            set_helpful_answer(answer(thread, doctor), actor=thread.author)
    with django_assert_max_num_queries(BOARD_PAGE_QUERIES):
        client.get(qa.get_absolute_url())
    assert count_queries(client, qa.get_absolute_url()) == few


# Share links ---------------------------------------------------------------


def test_threads_and_questions_have_share_links_without_trackers(client, qa):
    for thread in (make_thread(title="Sharing a thread"), make_thread(board=qa)):
        page = html(client.get(thread.get_absolute_url()))
        share = page[page.index('id="share-heading"') :]
        share = share[: share.index("</section>")]
        assert 'href="mailto:?subject=' in share
        assert absolute_url(thread.get_absolute_url()) in share
        assert "data-copy-url=" in share and 'id="share-url"' in share
        for tracker in ("facebook", "x.com", "wa.me", "<script", "<img"):
            assert tracker not in share


def test_a_members_only_threads_share_text_holds_only_its_address_and_title(client):
    member = make_user("member")
    thread = make_thread(
        title='Private <matter> & "quotes"',
        body="Something only members should read.",
    )
    Thread.objects.filter(pk=thread.pk).update(members_only=True)
    thread.members_only = True  # its address names no title now
    client.force_login(member)
    page = html(client.get(thread.get_absolute_url()))
    share = page[page.index('id="share-heading"') :]
    share = share[: share.index("</section>")]
    assert "Something only members should read" not in share
    assert "<matter>" not in share  # the title is escaped in the href
    assert "Private%20%3Cmatter%3E%20%26%20%22quotes%22" in share
