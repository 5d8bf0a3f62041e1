"""A newcomer in Traditional Chinese: switches to 繁體中文 with the header switcher,
signs up and confirms their email, asks a question in the Chinese Q&A board, a
verified professional answers it, and a two-character Chinese search finds it.
Every Chinese page on the way passes axe (no serious or critical violation)."""

import re

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from articles import services
from articles.models import Article
from core.languages import Language
from forum.models import Board, Thread
from tests.articles.factories import make_article
from tests.e2e.conftest import assert_accessible, give_authenticator_code, log_in
from tests.factories import make_user, restore_migration_data
from tests.forum.factories import accept_terms, make_board

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ZH = Language.TRADITIONAL_CHINESE
PASSWORD = "a-long-pass-phrase-42"
TITLE = "擦普特皮的地方晒太陽會怎樣嗎？"
QUESTION = "醫師開了普特皮給我擦手臂的硬斑病，最近要去海邊，擦藥的地方可以晒太陽嗎？"


@pytest.fixture(autouse=True)
def _roles_and_disclaimers(transactional_db, settings):
    restore_migration_data()
    # The journey is about language, not the new-member sandbox.
    settings.FORUM_APPROVE_FIRST_POSTS = 0


def zh(text: str) -> str:
    """`text` as the Chinese interface says it (from the catalogue, not typed here)."""
    with translation.override(ZH):
        return gettext(text)


def test_a_newcomer_signs_up_asks_and_finds_the_answer_in_chinese(
    page, browser, server_url
):
    board = make_board(
        name="請教醫療專業人員",
        slug="zh-ask",
        kind=Board.Kind.QUESTIONS,
        language=ZH,
    )
    professional = make_user(
        "professional",
        email="lin@example.test",
        password=PASSWORD,
        display_name="林醫師",
        specialty="皮膚科",
    )
    accept_terms(professional)

    # The newcomer arrives on the English site and switches with the header form.
    page.goto(f"{server_url}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("button", name="繁體中文").click()
    expect(page).to_have_url(f"{server_url}/zh-hant/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hant")
    assert_accessible(page)

    # Sign up in Chinese and confirm the address from the email.
    page.get_by_role("link", name=zh("Sign up")).first.click()
    expect(page).to_have_url(re.compile(r"/zh-hant/accounts/signup/"))
    assert_accessible(page)
    page.get_by_label(zh("Display name")).fill("阿珍媽媽")
    page.get_by_label(zh("Email"), exact=False).first.fill("azhen@example.test")
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    page.get_by_role("button", name=zh("Create my account")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(zh("Check your email"))
    assert_accessible(page)
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body)
    assert link, mail.outbox[-1].body
    assert "/zh-hant/" in link.group(0)
    page.goto(re.sub(r"^https?://[^/]+", server_url, link.group(0)))
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hant")
    assert_accessible(page)
    page.get_by_role("button", name=zh("Confirm my email address")).click()
    expect(page.get_by_role("link", name="阿珍媽媽")).to_be_visible()

    # Ask in the Chinese Q&A board.
    page.goto(f"{server_url}/zh-hant{_en(board.get_absolute_url)}")
    assert_accessible(page)
    page.get_by_role("link", name=zh("Ask a question")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(zh("Ask a question"))
    assert_accessible(page)
    page.get_by_label(zh("Title")).fill(TITLE)
    page.locator("textarea[name=body]").fill(QUESTION)
    page.locator("input[name=accept_terms]").check()
    page.get_by_role("button", name=zh("Post your question")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert_accessible(page)
    question = Thread.objects.get(title=TITLE)

    # The verified professional answers, in Chinese too.
    pro = browser.new_page()
    pro.goto(f"{server_url}/zh-hant/accounts/login/")
    pro.locator("input[name=login]").fill("lin@example.test")
    pro.locator("input[name=password]").fill(PASSWORD)
    pro.locator(
        "form.login button[type=submit], main form button[type=submit]"
    ).first.click()
    give_authenticator_code(pro)
    pro.goto(f"{server_url}/zh-hant{_en(question.get_absolute_url)}")
    pro.locator("textarea[name=body]").fill(
        "擦藥的地方要避免長時間日曬，出門前做好防曬，穿長袖或撐傘都有幫助。"
    )
    pro.get_by_role("button", name=zh("Post answer")).click()
    expect(pro.locator(".post-body").last).to_contain_text("避免長時間日曬")
    pro.close()

    # Back as the newcomer: the answer is there, badged, and search finds the question.
    page.reload()
    expect(page.get_by_text("林醫師").first).to_be_visible()
    expect(page.get_by_text("皮膚科").first).to_be_visible()
    assert_accessible(page)
    page.goto(f"{server_url}/zh-hant/search/?q=海邊")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hant")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    assert_accessible(page)
    page.goto(f"{server_url}/zh-hant/search/?q=普特")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()


def _en(get_url) -> str:
    """An address without the language prefix (the test adds /zh-hant itself)."""
    with translation.override("en"):
        return get_url()


def test_an_editor_translates_an_article_and_readers_find_each_version(
    page, server_url
):
    editor = make_user("editor", email="eddie@example.test", password=PASSWORD)
    english = make_article(
        status="published", kind="news", title="New trial opens", editor=editor
    )
    log_in(page, server_url, "eddie@example.test", PASSWORD)
    page.goto(f"{server_url}/admin/articles/article/{english.pk}/change/")
    panel = page.locator(".translations-panel")
    expect(panel).to_contain_text("English · New trial opens")
    assert_accessible(page)
    panel.get_by_role("button", name="Translate into 繁體中文").click()
    chinese = Article.objects.get(language=ZH)
    expect(page).to_have_url(
        f"{server_url}/admin/articles/article/{chinese.pk}/change/"
    )
    expect(page.locator(".translations-panel")).to_contain_text("繁體中文")
    assert Article.objects.get(pk=english.pk).status == Article.Status.PUBLISHED
    assert chinese.status == Article.Status.DRAFT

    # Translated and published on its own, the page links the English one.
    content = dict(
        chinese.latest_revision.content, title="新試驗開始收案", slug="新試驗開始收案"
    )
    services.save_draft(chinese, actor=editor, content=content)
    services.submit_for_review(chinese, actor=editor)
    services.publish_article(Article.objects.get(pk=chinese.pk), actor=editor)
    page.goto(f"{server_url}/zh-hant/articles/新試驗開始收案/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hant")
    link = page.locator(".article-translations a[hreflang=en]")
    expect(link).to_have_attribute("lang", "en")
    assert_accessible(page)
    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New trial opens")
    expect(page.locator("html")).to_have_attribute("lang", "en")
