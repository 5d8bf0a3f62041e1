"""What a new post meets: the new-member sandbox, link limits, duplicates, word
filters, and the personal-information finder behind the composer's warning."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from forum.models import Post, WordFilter
from forum.services import (
    approve_post,
    create_reply,
    edit_post,
    screening_skipped,
    start_thread,
)
from forum.services.screening import find_personal_information
from members.models import Profile
from tests.factories import make_user
from tests.forum.factories import accept_terms, make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(board, other_member):
    """An approved thread to reply in, even when the sandbox is on."""
    with screening_skipped():
        return make_thread(board=board, author=other_member, title="Tight skin")


def code_of(error: ValidationError) -> str:
    """The code of a service's error, whether it is on a field or not."""
    if hasattr(error, "error_dict"):
        return next(iter(error.error_dict.values()))[0].code
    return error.code


def newcomer(role: str = "member"):
    user = make_user(role)
    accept_terms(user)
    return user


def established(posts: int = 5):
    user = newcomer()
    Profile.objects.filter(user=user).update(post_count=posts)
    user.refresh_from_db()
    return user


# The sandbox ----------------------------------------------------------------------------


@pytest.mark.sandbox
def test_a_members_first_post_waits_for_a_moderator(client, thread):
    member = newcomer()
    reply = create_reply(thread, actor=member, body="Hello everyone, new here.")
    assert reply.status == Post.Status.PENDING
    assert reply.held_for == "one of the member's first posts"
    client.force_login(member)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Waiting for a moderator" in page
    assert "Hello everyone, new here." in page
    client.force_login(make_user("member"))
    assert (
        "Hello everyone" not in client.get(thread.get_absolute_url()).content.decode()
    )


@pytest.mark.sandbox
def test_after_approval_the_next_post_is_published_straight_away(thread):
    member = newcomer()
    first = create_reply(thread, actor=member, body="First")
    approve_post(first, actor=make_user("moderator"))
    member.refresh_from_db()
    second = create_reply(thread, actor=member, body="Second")
    assert second.status == Post.Status.PUBLISHED


@pytest.mark.sandbox
def test_the_number_of_held_posts_is_read_at_call_time(thread, settings):
    settings.FORUM_APPROVE_FIRST_POSTS = 2
    member = established(posts=1)
    assert create_reply(thread, actor=member, body="x").status == "pending"
    settings.FORUM_APPROVE_FIRST_POSTS = 1
    assert create_reply(thread, actor=member, body="y").status == "published"


@pytest.mark.sandbox
@pytest.mark.parametrize("role", ["professional", "editor", "moderator"])
def test_people_whose_role_staff_granted_skip_the_sandbox(thread, role):
    reply = create_reply(thread, actor=newcomer(role), body="Welcome, all.")
    assert reply.status == Post.Status.PUBLISHED


@pytest.mark.sandbox
def test_a_new_thread_waits_too_and_nothing_is_lost(board):
    member = newcomer()
    thread = start_thread(board, actor=member, title="My first question", body="Hi")
    assert thread.first_post.status == Post.Status.PENDING
    assert Post.objects.get(pk=thread.first_post_id).body == "Hi"
    board.refresh_from_db()
    assert board.thread_count == 0


def test_links_from_a_new_member_wait_for_approval(thread):
    reply = create_reply(
        thread, actor=established(posts=4), body="See https://example.org/guide"
    )
    assert reply.status == Post.Status.PENDING
    assert reply.held_for == "links from a new member"


def test_links_from_established_members_are_published(thread):
    reply = create_reply(
        thread, actor=established(posts=5), body="See https://example.org/guide"
    )
    assert reply.status == Post.Status.PUBLISHED


def test_links_to_our_own_pages_do_not_count(thread, settings):
    settings.SITE_URL = "https://sclero.example"
    reply = create_reply(
        thread,
        actor=established(posts=1),
        body="Read https://sclero.example/articles/morphea/ and /articles/lupus/",
    )
    assert reply.status == Post.Status.PUBLISHED


def test_new_members_may_post_at_most_two_links(thread):
    body = "a https://one.example b https://two.example c https://three.example"
    with pytest.raises(ValidationError) as refused:
        create_reply(thread, actor=established(posts=2), body=body)
    assert code_of(refused.value) == "too_many_links"
    assert "at most 2 links" in refused.value.message_dict["body"][0]
    reply = create_reply(thread, actor=established(posts=5), body=body)
    assert reply.status == Post.Status.PUBLISHED


def test_the_link_limit_is_read_at_call_time(thread, settings):
    settings.FORUM_NEW_MEMBER_LINKS = 0
    with pytest.raises(ValidationError, match="at most 0 links"):
        create_reply(thread, actor=established(posts=1), body="https://one.example")


def test_editing_in_new_links_as_a_new_member_sends_the_post_back(thread):
    member = established(posts=3)
    reply = create_reply(thread, actor=member, body="Plain words")
    assert reply.status == "published"
    thread.refresh_from_db()
    replies = thread.reply_count
    edit_post(reply, actor=member, body="Plain words https://shop.example")
    reply.refresh_from_db()
    assert reply.status == Post.Status.PENDING
    thread.refresh_from_db()
    assert thread.reply_count == replies - 1


def test_fixing_a_typo_keeps_an_approved_post_with_links_published(thread):
    member = established(posts=3)
    reply = create_reply(thread, actor=member, body="Sea https://nhs.example")
    approve_post(reply, actor=make_user("moderator"))
    edit_post(reply, actor=member, body="See https://nhs.example")
    reply.refresh_from_db()
    assert reply.status == Post.Status.PUBLISHED


# Duplicates ---------------------------------------------------------------------------------


def test_the_same_text_twice_within_five_minutes_is_refused(thread):
    member = established()
    create_reply(thread, actor=member, body="Has anyone tried UVA1?")
    with pytest.raises(ValidationError) as refused:
        create_reply(thread, actor=member, body="Has anyone tried UVA1?")
    assert code_of(refused.value) == "duplicate"
    assert Post.objects.filter(body="Has anyone tried UVA1?").count() == 1


def test_the_same_text_after_five_minutes_or_by_someone_else_is_fine(thread):
    member = established()
    first = create_reply(thread, actor=member, body="Thank you!")
    Post.objects.filter(pk=first.pk).update(
        created_at=timezone.now() - timedelta(minutes=5, seconds=1)
    )
    create_reply(thread, actor=member, body="Thank you!")
    create_reply(thread, actor=established(), body="Thank you!")
    assert Post.objects.filter(body="Thank you!").count() == 3


def test_a_duplicate_thread_is_refused_too(board):
    member = established()
    start_thread(board, actor=member, title="Tacrolimus burning", body="Normal?")
    with pytest.raises(ValidationError, match="exactly this text"):
        start_thread(board, actor=member, title="Tacrolimus burning!", body="Normal?")


# Word filters ---------------------------------------------------------------------------------


def test_a_blocked_word_refuses_the_post_with_a_clear_message(thread):
    WordFilter.objects.create(pattern="miracle cure", action="block")
    with pytest.raises(ValidationError) as refused:
        create_reply(thread, actor=established(), body="Try this MIRACLE   cure today")
    assert code_of(refused.value) == "blocked_word"
    assert "“miracle cure”" in refused.value.message_dict["body"][0]
    assert not Post.objects.filter(body__icontains="miracle").exists()


def test_a_blocked_word_matches_whole_words_only(thread):
    WordFilter.objects.create(pattern="ass", action="block")
    reply = create_reply(thread, actor=established(), body="My assessment went well")
    assert reply.status == "published"


def test_a_blocked_domain_matches_its_links_and_subdomains(thread):
    WordFilter.objects.create(pattern="pills.example", action="block")
    for body in (
        "Cheap at https://shop.pills.example/offer",
        "Go to pills.example now",
        "[click here](https://PILLS.example)",
    ):
        with pytest.raises(ValidationError, match="pills.example"):
            create_reply(thread, actor=established(), body=body)
    ok = create_reply(thread, actor=established(), body="https://notpills.example")
    assert ok.status == "published"


def test_a_blocked_word_in_a_title_is_reported_on_the_title(board):
    WordFilter.objects.create(pattern="casino", action="block")
    with pytest.raises(ValidationError) as refused:
        start_thread(board, actor=established(), title="Best casino bonus", body="Hi")
    assert list(refused.value.message_dict) == ["title"]


def test_a_watched_word_sends_the_post_to_the_queue(thread):
    WordFilter.objects.create(pattern="stop taking", action="watch")
    reply = create_reply(
        thread, actor=established(), body="I decided to stop taking it."
    )
    assert reply.status == Post.Status.PENDING
    assert reply.held_for == "watched word “stop taking”"


def test_moderators_are_not_held_by_watched_words_but_are_by_blocked_ones(thread):
    WordFilter.objects.create(pattern="stop taking", action="watch")
    WordFilter.objects.create(pattern="casino", action="block")
    moderator = newcomer("moderator")
    reply = create_reply(thread, actor=moderator, body="Never stop taking it alone.")
    assert reply.status == "published"
    with pytest.raises(ValidationError):
        create_reply(thread, actor=moderator, body="casino")


def test_a_blocked_word_added_in_an_edit_is_refused(thread):
    WordFilter.objects.create(pattern="casino", action="block")
    member = established()
    reply = create_reply(thread, actor=member, body="Fine text")
    with pytest.raises(ValidationError):
        edit_post(reply, actor=member, body="Fine text, casino")
    reply.refresh_from_db()
    assert reply.body == "Fine text"


def test_demo_content_and_imports_can_skip_screening(thread):
    WordFilter.objects.create(pattern="casino", action="block")
    with screening_skipped():
        reply = create_reply(thread, actor=newcomer(), body="casino https://a.example")
    assert reply.status == "published"


# Personal information ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Write to me at jo.smith+forum@example.co.uk", ["email"]),
        ("Call 07700 900123 after six", ["phone"]),
        ("My number is +44 20 7946 0958", ["phone"]),
        ("ring (555) 123-4567", ["phone"]),
        ("I live at 12 Baker Street, come by", ["address"]),
        ("221B Baker St.", ["address"]),
        ("Postcode SW1A 1AA", ["address"]),
        ("me@example.org, 0612345678", ["email", "phone"]),
    ],
)
def test_personal_information_is_found(text, kinds):
    assert [item.kind for item in find_personal_information(text)] == kinds


@pytest.mark.parametrize(
    "text",
    [
        "I take 20 mg twice a day since 2019",
        "Diagnosed on 2021-03-15, biopsy 2021-04-02",
        "doi 10.1007/s00105-013-2594-1 and PMID: 23456789",
        "I walked 5 miles along the road today",
        "Take 2 St John's wort tablets? No!",
        "See https://example.org/path/12345678901",
        "My dermatologist, Dr Ada, said 3 times a week",
    ],
)
def test_ordinary_medical_text_raises_no_warning(text):
    assert find_personal_information(text) == []


@pytest.mark.sandbox
def test_the_author_is_told_their_post_waits_and_finds_it_in_the_thread(client, thread):
    from django.urls import reverse

    member = newcomer()
    client.force_login(member)
    response = client.post(
        reverse("forum:reply-create", args=[thread.pk]),
        {"body": "My very first words here."},
        follow=True,
    )
    page = response.content.decode()
    assert "Your post is waiting for a moderator" in page
    assert "Your reply is posted." not in page
    assert "My very first words here." in page
