"""Every page type at a phone, a tablet and a desktop width: a full-page screenshot
of each (to look at), no sideways scrolling, no serious or critical axe violation,
and on a 390×844 phone the question of a thread on its first screen.

Screenshots go to artifacts/screenshots/ (gitignored) or $LAYOUT_SCREENSHOTS.
One browser context per width; the pages' data is made once, by the factories.
"""

import os
from pathlib import Path

import pytest

from articles.models import Article
from forum.models import Board
from forum.services import create_reply
from tests.articles.factories import make_article, make_channel, make_topic
from tests.e2e.conftest import ROOT, axe_violations
from tests.factories import make_user, restore_migration_data
from tests.forum.factories import accept_terms, make_board, make_post, make_thread

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = (390, 768, 1280)
PHONE = {"width": 390, "height": 844}
SHOTS = Path(os.environ.get("LAYOUT_SCREENSHOTS", ROOT / "artifacts" / "screenshots"))

LONG_WORDS = (
    "Hydroxychloroquine, methotrexate and mycophenolate mofetil: "
    "what did your rheumatologist say about eye checks and blood tests?"
)


def _pages() -> dict[str, str]:
    """One page of each type, with realistic lengths (long names, long titles)."""
    restore_migration_data()
    topic = make_topic("Tacrolimus", slug="tacrolimus")
    drugs = make_channel("Drugs", slug="drugs")
    reviewer = make_user(
        "professional", display_name="Dr Ana Review", specialty="Dermatology"
    )
    guide = make_article(
        status="published",
        kind=Article.Kind.GUIDE,
        title="Living with morphea: a guide for the first year after diagnosis",
        slug="living-with-morphea",
        summary="What morphea is, how it is treated, and what helps day to day.",
        body="## What it is\n\n" + "Morphea affects the skin. " * 40,
        channel=drugs,
        topics=[topic],
        reviewer=reviewer,
    )
    drug = make_article(
        status="published",
        kind=Article.Kind.DRUG,
        title="Tacrolimus ointment",
        slug="tacrolimus-ointment",
        summary="A calcineurin inhibitor ointment.",
        channel=drugs,
        topics=[topic],
        reviewer=reviewer,
        references=[{"title": "First study", "source": "Journal A", "year": 2009}],
        drug={
            "indications": "Morphea and lichen sclerosus.",
            "dosing": "Twice a day.",
            "monitoring": "Skin checks.",
        },
    )
    board = make_board(name="Systemic sclerosis and Raynaud's phenomenon", slug="ssc")
    asker = make_user("member", display_name="Bartholomew Featherstonehaugh")
    thread = make_thread(board=board, author=asker, title=LONG_WORDS, replies=6)
    make_post(thread, author=asker, body="Thank you all, this helps.")
    qa = make_board(name="Ask a professional", slug="ask", kind=Board.Kind.QUESTIONS)
    question = make_thread(
        board=qa,
        author=asker,
        title="How often should my eyes be checked on hydroxychloroquine?",
    )
    doctor = make_user("professional", display_name="Dr Lee", specialty="Eyes")
    accept_terms(doctor)
    create_reply(
        question,
        actor=doctor,
        short_answer="Usually once a year after the first five years.",
        body="Ask your own doctor: **risk factors** change the schedule.",
    )
    similar = make_thread(board=qa, title="Eye checks on hydroxychloroquine for lupus")
    create_reply(similar, actor=doctor, body="A first check early on, then yearly.")
    make_thread(board=qa, title="Hydroxychloroquine and eyesight: still waiting")
    return {
        "home": "/",
        "library": "/articles/",
        "article": guide.get_absolute_url(),
        "drug page": drug.get_absolute_url(),
        "channel": "/articles/channel/drugs/",
        "topic": "/topics/tacrolimus/",
        "forum index": "/forum/",
        "board": board.get_absolute_url(),
        "thread": thread.get_absolute_url(),
        "question": question.get_absolute_url(),
        "questions board": qa.get_absolute_url(),
        "profile": f"/members/{asker.pk}/",
        "search": "/search/?q=morphea",
        "login": "/accounts/login/",
    }


def test_every_page_type_fits_every_width_and_passes_axe(browser, server_url):
    pages = _pages()
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 844})
        page = context.new_page()
        for name, path in pages.items():
            response = page.goto(server_url + path)
            assert response.status == 200, (name, path, response.status)
            page.screenshot(
                path=SHOTS / f"{name.replace(' ', '-')}-{width}.png", full_page=True
            )
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - window.innerWidth"
            )
            if overflow > 0:
                problems.append(f"{name} at {width}px scrolls sideways by {overflow}px")
            if violations := axe_violations(page):
                problems.append(f"{name} at {width}px: {violations}")
        context.close()
    assert problems == [], "\n".join(problems)


def test_a_threads_first_post_is_on_a_phones_first_screen(browser, server_url):
    pages = _pages()
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    for name in ("thread", "question"):
        page.goto(server_url + pages[name])
        opening = page.locator(".opening .post")
        box = opening.bounding_box()
        body = opening.locator(".post-body").bounding_box()
        # The post starts on the first screen, with its first lines readable.
        assert box["y"] < PHONE["height"], (name, box)
        assert body["y"] + 48 <= PHONE["height"], (name, body)
    context.close()


def test_the_menu_opens_without_javascript_on_a_phone(browser, server_url):
    make_user("member")
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(server_url + "/")
    assert not page.get_by_role("link", name="Forum").is_visible()
    page.get_by_text("Menu", exact=True).click()
    assert page.get_by_role("link", name="Forum").is_visible()
    assert page.get_by_role("link", name="Log in").is_visible()
    # One search field, and the word "Search" nowhere else in the header.
    header = page.locator(".site-header")
    assert header.get_by_role("searchbox").count() == 1
    assert header.get_by_role("link", name="Search").count() == 0
    for target in header.locator("summary, button, a").all():
        if target.is_visible():
            box = target.bounding_box()
            assert box["height"] >= 44, (target.inner_text(), box)
    context.close()
