"""Names readers see are in the page's language (core.names): topics, board groups,
library channels and a professional's specialty have a zh-Hant form, edited in the
admin, shown on /zh-hant/ pages; English pages keep the English name, and a name
with no Chinese form falls back to English."""

import re
from http import HTTPStatus

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from core.models import Topic
from forum.models import Board
from forum.services import create_reply
from members.models import User
from tests.articles.factories import make_channel, make_published, make_topic
from tests.factories import give_second_factor, make_user
from tests.forum.factories import accept_terms, make_board, make_group, make_thread

pytestmark = pytest.mark.django_db

CHINESE = "zh-hant"


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    translation.activate(settings.LANGUAGE_CODE)


def _in(language: str, url_of) -> str:
    with translation.override(language):
        return url_of()


def _html(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == HTTPStatus.OK, path
    return response.content.decode()


def _labels(html: str) -> list[str]:
    """The visible text of each topic checkbox's label."""
    found = re.findall(r'<label for="id_topics_\d+">(.*?)</label>', html, re.S)
    return [re.sub(r"<[^>]+>", "", label).strip() for label in found]


def test_thread_form_topics_are_ticked_by_their_chinese_names(client):
    make_topic("Lupus", name_zh_hant="紅斑性狼瘡")
    make_topic("Methotrexate", name_zh_hant="胺甲蝶呤")
    make_topic("Morphea")  # no Chinese form yet
    board = make_board()
    member = make_user("member")
    accept_terms(member)
    client.force_login(member)
    chinese = _html(client, _in(CHINESE, lambda: board.get_absolute_url()) + "new/")
    assert sorted(_labels(chinese)) == sorted(["紅斑性狼瘡", "胺甲蝶呤", "Morphea"])
    english = _html(client, _in("en", lambda: board.get_absolute_url()) + "new/")
    assert sorted(_labels(english)) == ["Lupus", "Methotrexate", "Morphea"]


def test_forum_index_names_board_groups_in_chinese_and_english(client):
    conditions = make_group("Conditions")
    conditions.name_zh_hant = "病症"
    conditions.save(update_fields=["name_zh_hant"])
    make_board(group=conditions, name="Morphea")
    make_board(group=make_group("Living with it"), name="Work")
    index = {
        lang: _in(lang, lambda: reverse("forum:index")) for lang in ("en", CHINESE)
    }
    english = _html(client, index["en"])  # a visitor: the page cache keeps it
    chinese = _html(client, index[CHINESE])
    heading = f'<h2 id="group-{conditions.slug}">'
    assert f"{heading}病症</h2>" in chinese and "病症的討論版" in chinese
    assert "Conditions的討論版" not in chinese
    assert "Living with it</h2>" in chinese  # no Chinese form: the English one
    assert f"{heading}Conditions</h2>" in english and "Boards in Conditions" in english
    assert "病症" not in english
    assert "Conditions</h2>" not in _html(client, index[CHINESE])  # cached, still zh


def test_home_library_and_article_pages_name_the_channel_in_chinese(client):
    drugs = make_channel("Drugs", name_zh_hant="藥物")
    child = make_channel("Immunosuppressants", parent=drugs, name_zh_hant="免疫抑制劑")
    article = make_published(title="Methotrexate, week by week", channel=child)
    english_home = _html(client, "/")
    assert (
        ">Immunosuppressants</a>" in english_home and "免疫抑制劑" not in english_home
    )
    chinese_home = _html(client, "/zh-hant/")
    assert (
        ">免疫抑制劑</a>" in chinese_home and ">Immunosuppressants<" not in chinese_home
    )
    library = _html(client, _in(CHINESE, lambda: reverse("articles:library")))
    assert ">藥物</a>" in library and ">免疫抑制劑</a>" in library
    page = _html(client, _in(CHINESE, article.get_absolute_url))
    crumbs = page[page.index('class="breadcrumbs"') :]
    crumbs = crumbs[: crumbs.index("</nav>")]
    assert ">藥物</a>" in crumbs and ">免疫抑制劑</a>" in crumbs
    assert "Drugs" not in crumbs
    channel = _html(client, _in(CHINESE, child.get_absolute_url))
    assert "<h1>免疫抑制劑</h1>" in channel
    assert "同屬藥物" not in channel  # no sibling yet
    make_channel("Painkillers", parent=drugs, name_zh_hant="止痛藥")
    channel = _html(client, _in(CHINESE, child.get_absolute_url) + "?again")
    assert "同屬藥物" in channel and ">止痛藥</a>" in channel


def test_search_filters_and_results_name_the_channel_in_chinese(client):
    make_channel("Drugs", name_zh_hant="藥物")
    make_channel("News")  # no Chinese form
    make_published(
        title="Methotrexate tablets",
        channel=make_channel("Guides", name_zh_hant="指南"),
    )
    search = _in(CHINESE, lambda: reverse("search"))
    chinese = _html(client, search)
    options = dict(re.findall(r'<option value="([^"]+)">([^<]+)</option>', chinese))
    assert "藥物" in options.values() and "News" in options.values()
    assert "Drugs" not in options.values()
    english = _html(client, _in("en", lambda: reverse("search")))
    assert ">Drugs</option>" in english and "藥物" not in english
    found = _html(client, search + "?q=methotrexate")
    assert "Methotrexate tablets" in found and "指南" in found


def test_topic_badges_and_topic_page_in_chinese(client):
    lupus = make_topic("Lupus", slug="lupus", name_zh_hant="紅斑性狼瘡")
    thread = make_thread(title="Tired all the time", topics=[lupus])
    page = _html(client, _in(CHINESE, thread.get_absolute_url))
    topics = page[page.index('class="topics"') :]
    assert "紅斑性狼瘡</a>" in topics[: topics.index("</p>")]
    topic = _html(client, _in(CHINESE, lupus.get_absolute_url))
    assert "<h1>紅斑性狼瘡</h1>" in topic
    assert "<h1>Lupus</h1>" in _html(client, _in("en", lupus.get_absolute_url))


def test_a_chinese_article_finds_discussions_by_its_topics_chinese_names(client):
    lupus = make_topic("Lupus", name_zh_hant="紅斑性狼瘡")
    article = make_published(title="每週一次的用藥", language=CHINESE, topics=[lupus])
    board = make_board(language=CHINESE)
    make_thread(board=board, title="紅斑性狼瘡讓我一直很累")
    page = _html(client, _in(CHINESE, article.get_absolute_url))
    assert 'id="discussions-heading"' in page
    assert "紅斑性狼瘡讓我一直很累" in page[page.index('id="discussions-heading"') :]


@pytest.fixture
def doctor():
    user = make_user(
        "professional",
        display_name="Dr Wu",
        specialty="Dermatology",
        specialty_zh_hant="皮膚科",
    )
    accept_terms(user)
    return user


def test_a_professionals_specialty_in_chinese_on_a_chinese_thread_page(client, doctor):
    thread = make_thread(title="Itchy patches")
    create_reply(thread, actor=doctor, body="Keep the skin moisturised.")
    chinese = _html(client, _in(CHINESE, thread.get_absolute_url))
    assert "醫療專業人員 · 皮膚科" in chinese and "Dermatology" not in chinese
    english = _html(client, _in("en", thread.get_absolute_url))
    assert "Health professional · Dermatology" in english and "皮膚科" not in english


def test_a_specialty_without_a_chinese_form_stays_english(client):
    nurse = make_user("professional", display_name="Nurse Li", specialty="Nursing")
    accept_terms(nurse)
    thread = make_thread(title="Dressing ulcers")
    create_reply(thread, actor=nurse, body="Change the dressing daily.")
    chinese = _html(client, _in(CHINESE, thread.get_absolute_url))
    assert "醫療專業人員 · Nursing" in chinese


def test_qa_cards_show_the_answering_professionals_specialty_in_chinese(client, doctor):
    qa = make_board(kind=Board.Kind.QUESTIONS, name="Ask a professional")
    question = make_thread(board=qa, title="Pimecrolimus cream on my back")
    answered = make_thread(board=qa, title="Pimecrolimus cream burning")
    create_reply(answered, actor=doctor, body="It fades.", short_answer="It fades.")
    page = _html(client, _in(CHINESE, question.get_absolute_url))
    similar = page[page.index('id="similar-heading"') : page.index('id="faq-heading"')]
    assert "Dr Wu</strong> · 皮膚科" in similar
    faq = page[page.index('id="faq-heading"') :]
    assert "(皮膚科)" in faq[: faq.index("</section>")]
    english = _html(client, _in("en", question.get_absolute_url))
    assert "Dr Wu</strong> · Dermatology" in english and "皮膚科" not in english


def test_a_chinese_article_is_signed_with_the_reviewers_chinese_specialty(
    client, doctor
):
    chinese = make_published(kind="guide", language=CHINESE, reviewer=doctor)
    english = make_published(kind="guide", language="en", reviewer=doctor)
    assert "Dr Wu, 皮膚科" in _html(client, _in(CHINESE, chinese.get_absolute_url))
    assert "Dr Wu, Dermatology" in _html(client, _in("en", english.get_absolute_url))


@pytest.fixture
def admin_client(client):
    admin = User.objects.create_superuser(email="root@example.test", password="x")
    give_second_factor(admin)
    client.force_login(admin)
    return client


def test_the_chinese_name_is_edited_in_the_admin_beside_the_name(admin_client):
    topic = make_topic("Lupus", slug="lupus")
    url = reverse("admin:core_topic_change", args=[topic.pk])
    form = _html(admin_client, url)
    assert form.index('name="name"') < form.index('name="name_zh_hant"')
    assert form.index('name="name_zh_hant"') < form.index('name="slug"')
    response = admin_client.post(
        url,
        {
            "name": "Lupus",
            "name_zh_hant": "紅斑性狼瘡",
            "slug": "lupus",
            "description": "",
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    assert Topic.objects.get(pk=topic.pk).name_zh_hant == "紅斑性狼瘡"
    group = make_group("Conditions")
    channel = make_channel("Drugs")
    for page in (
        reverse("admin:forum_boardgroup_change", args=[group.pk]),
        reverse("admin:articles_channel_change", args=[channel.pk]),
    ):
        assert 'name="name_zh_hant"' in _html(admin_client, page)
    doctor = make_user("professional", specialty="Dermatology")
    user_page = _html(
        admin_client, reverse("admin:members_user_change", args=[doctor.pk])
    )
    assert 'name="profile-0-specialty_zh_hant"' in user_page


def test_the_demo_gives_its_names_a_chinese_form_even_when_seeded_before(
    client, settings
):
    settings.DEBUG = True
    lupus = Topic.objects.create(name="Lupus", slug="lupus")  # seeded before
    call_command("seed_demo")
    lupus.refresh_from_db()
    assert lupus.name_zh_hant == "紅斑性狼瘡"
    assert Topic.objects.get(slug="methotrexate").name_zh_hant == "胺甲蝶呤"
    forum = _html(client, _in(CHINESE, lambda: reverse("forum:index")))
    assert ">病症</h2>" in forum and ">治療與藥物</h2>" in forum
    library = _html(client, _in(CHINESE, lambda: reverse("articles:library")))
    assert ">藥物</a>" in library
    assert User.objects.get(email="pro@demo.test").profile.specialty_zh_hant == "皮膚科"


def test_a_chinese_name_saved_in_the_admin_shows_to_visitors_at_once(admin_client):
    group = make_group("Conditions")
    make_board(group=group, name="Morphea")
    index = _in(CHINESE, lambda: reverse("forum:index"))
    visitor = Client()
    assert ">Conditions</h2>" in _html(visitor, index)  # now in the page cache
    response = admin_client.post(
        reverse("admin:forum_boardgroup_change", args=[group.pk]),
        {
            "name": "Conditions",
            "name_zh_hant": "病症",
            "slug": group.slug,
            "description": "",
            "position": "0",
            "boards-TOTAL_FORMS": "0",
            "boards-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    assert ">病症</h2>" in _html(visitor, index)
