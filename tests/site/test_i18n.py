"""Two languages: English at the plain addresses, Traditional Chinese under /zh-hant/."""

import re
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from http import HTTPStatus
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from core.conf import site_settings
from core.dates import date_format
from core.templatetags.languages import bcp47
from forum.services import follow_thread
from members.models import Profile
from sclero_site import views
from tests.articles.factories import make_published
from tests.factories import make_user
from tests.forum.factories import accept_terms, make_post, make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_afterwards():
    """LocaleMiddleware leaves the last page's language active in the thread."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


CATALOG_DIR = Path(settings.BASE_DIR) / "locale" / "zh_Hant" / "LC_MESSAGES"
CHINESE = "zh-hant"


# The catalogs ----------------------------------------------------------------


def _unquote(text: str) -> str:
    return (
        text.strip()[1:-1]
        .encode("latin-1", "backslashreplace")
        .decode("unicode_escape")
    )


def parse_po(path: Path) -> list[dict]:
    """The entries of a .po file: msgid, msgid_plural, msgstr(s) and flags."""
    entries, entry, field = [], None, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if entry is not None and "msgid" in entry:
                entries.append(entry)
            entry, field = None, None
            continue
        entry = entry if entry is not None else {"flags": set(), "msgstr": []}
        if line.startswith("#,"):
            entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#~"):
            entry["obsolete"] = True
        elif line.startswith("#"):
            continue
        elif line.startswith("msgid_plural "):
            field, entry["msgid_plural"] = "msgid_plural", _unquote(line[13:])
        elif line.startswith("msgid "):
            field, entry["msgid"] = "msgid", _unquote(line[6:])
        elif line.startswith("msgstr"):
            field = "msgstr"
            entry["msgstr"].append(_unquote(line.split(" ", 1)[1]))
        elif line.startswith('"') and field == "msgstr":
            entry["msgstr"][-1] += _unquote(line)
        elif line.startswith('"') and field:
            entry[field] += _unquote(line)
    return [e for e in entries if e["msgid"] and not e.get("obsolete")]


CATALOGS = sorted(CATALOG_DIR.glob("*.po"))


def test_there_is_a_chinese_catalog():
    assert [path.name for path in CATALOGS] == ["django.po"]


@pytest.mark.parametrize("path", CATALOGS, ids=lambda path: path.name)
def test_every_interface_string_is_translated_and_none_is_fuzzy(path):
    entries = parse_po(path)
    assert len(entries) > 1000
    untranslated = [e["msgid"] for e in entries if not all(e["msgstr"])]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert untranslated == []
    assert fuzzy == []
    header = path.read_text(encoding="utf-8")
    assert "Plural-Forms: nplurals=1; plural=0;" in header
    assert '#, fuzzy\nmsgid ""' not in header


@pytest.mark.parametrize("path", CATALOGS, ids=lambda path: path.name)
def test_translations_keep_every_placeholder(path):
    placeholder = re.compile(r"%\(\w+\)[sd]|%[sd]")
    for entry in parse_po(path):
        wanted = sorted(placeholder.findall(entry.get("msgid_plural", entry["msgid"])))
        for msgstr in entry["msgstr"]:
            assert sorted(placeholder.findall(msgstr)) == wanted, entry["msgid"]


def test_the_compiled_catalog_is_used():
    """make messages compiles the .po; Django reads our catalog, Django's and allauth's."""
    assert (CATALOG_DIR / "django.mo").exists(), "run `make messages`"
    with translation.override(CHINESE):
        assert translation.gettext("Skip to main content") == "跳到主要內容"
        assert translation.gettext("Forum") == "論壇"
        # Django's own catalog (locale zh_Hant) and allauth's.
        assert translation.gettext("This field is required.") == "這個欄位是必須的。"
        assert translation.gettext("Sign In") != "Sign In"


# Pages -----------------------------------------------------------------------


class _Visible(HTMLParser):
    """Text nodes and the attributes people read or hear, outside script and style."""

    ATTRIBUTES = {"aria-label", "placeholder", "title", "alt"}

    def __init__(self):
        super().__init__()
        self.texts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in self.ATTRIBUTES and value:
                self.texts.append(value.strip())
        if tag == "input" and dict(attrs).get("type") == "submit":
            self.texts.append((dict(attrs).get("value") or "").strip())

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.texts.append(" ".join(data.split()))


def visible_texts(html: str) -> list[str]:
    parser = _Visible()
    parser.feed(html)
    return parser.texts


def interface_strings() -> set[str]:
    """English msgids shown as they are (no placeholder, no markup) whose Chinese differs."""
    strings = set()
    for path in CATALOGS:
        for entry in parse_po(path):
            msgid = entry["msgid"]
            if "%" in msgid or "<" in msgid or entry["msgstr"][0] == msgid:
                continue
            strings.add(" ".join(msgid.split()))
    return strings


@pytest.fixture
def site_content():
    author = make_user("member", display_name="Maple")
    accept_terms(author)
    thread = make_thread(author=author, title="Tacrolimus and itching", replies=2)
    article = make_published(title="Tacrolimus ointment for morphea")
    return {"author": author, "thread": thread, "article": article}


def _pages(content) -> dict[str, str]:
    thread, article, author = content["thread"], content["article"], content["author"]
    return {
        "home": reverse("home"),
        "library": reverse("articles:library"),
        "article": article.get_absolute_url(),
        "forum index": reverse("forum:index"),
        "board": thread.board.get_absolute_url(),
        "thread": thread.get_absolute_url(),
        "search": reverse("search") + "?q=tacrolimus",
        "login": reverse("account_login"),
        "signup": reverse("account_signup"),
        "profile": author.profile.get_absolute_url(),
        "404": "/no-such-page/",
    }


PAGES = [
    "home",
    "library",
    "article",
    "forum index",
    "board",
    "thread",
    "search",
    "login",
    "signup",
    "profile",
    "404",
]


@pytest.mark.parametrize("page", PAGES)
def test_chinese_pages_are_in_chinese_with_no_english_interface_left(
    client, site_content, page
):
    with translation.override("en"):
        english_path = _pages(site_content)[page]
    with translation.override(CHINESE):
        chinese_path = _pages(site_content)[page]
    if page == "404":
        chinese_path = "/zh-hant/no-such-page/"
    assert chinese_path.startswith("/zh-hant/")
    assert chinese_path.removeprefix("/zh-hant") == english_path
    response = client.get(chinese_path)
    expected = HTTPStatus.NOT_FOUND if page == "404" else HTTPStatus.OK
    assert response.status_code == expected
    html = response.content.decode()
    assert '<html lang="zh-Hant">' in html
    left = sorted(set(visible_texts(html)) & interface_strings())
    assert left == []
    # Links stay in Chinese.
    assert 'href="/zh-hant/forum/"' in html


@pytest.mark.parametrize("page", PAGES)
def test_english_pages_stay_english_at_their_addresses(client, site_content, page):
    with translation.override("en"):
        path = _pages(site_content)[page]
    assert not path.startswith("/zh-hant/")
    response = client.get(path)
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Skip to main content" in html and "跳到主要內容" not in html
    assert 'href="/forum/"' in html


def test_pages_name_their_other_language_with_hreflang(client, site_content):
    path = "/forum/"  # the interface, in each language
    origin = site_settings.URL.rstrip("/")
    for address in (path, "/zh-hant" + path):
        html = client.get(address).content.decode()
        assert f'hreflang="en" href="{origin}{path}"' in html
        assert f'hreflang="zh-Hant" href="{origin}/zh-hant{path}"' in html
        assert f'hreflang="x-default" href="{origin}{path}"' in html


def test_a_thread_in_one_language_names_no_other_and_is_canonical_in_its_own(
    client, site_content
):
    path = site_content["thread"].get_absolute_url()  # an English thread
    origin = site_settings.URL.rstrip("/")
    for address in (path, "/zh-hant" + path):
        html = client.get(address).content.decode()
        assert 'rel="alternate" hreflang' not in html, address
        assert f'<link rel="canonical" href="{origin}{path}">' in html, address


def test_standalone_error_pages_carry_the_language(client, rf):
    with translation.override(CHINESE):
        response = views.server_error(rf.get("/zh-hant/"))
    html = response.content.decode()
    assert '<html lang="zh-Hant">' in html
    assert "我們這邊出了點問題" in html


def test_bcp47_writes_script_and_region_subtags_as_html_wants():
    assert bcp47("en") == "en"
    assert bcp47("zh-hant") == "zh-Hant"
    assert bcp47("zh-tw") == "zh-TW"


# Choosing the language -------------------------------------------------------


def test_the_switcher_is_a_plain_form_to_the_same_page_in_the_other_language(
    client, site_content
):
    path = site_content["thread"].get_absolute_url()
    html = client.get(path).content.decode()
    assert f'action="{reverse("set_language")}" method="post"' in html
    assert f'name="next" value="/zh-hant{path}"' in html
    assert 'name="language" value="zh-hant"' in html
    # Visitors' pages hold no CSRF token, so the page cache keeps them.
    assert "csrfmiddlewaretoken" not in html

    response = client.post(
        reverse("set_language"), {"language": CHINESE, "next": f"/zh-hant{path}"}
    )
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == f"/zh-hant{path}"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == CHINESE

    html = client.get(f"/zh-hant{path}").content.decode()
    assert f'name="next" value="{path}"' in html
    response = client.post(reverse("set_language"), {"language": "en", "next": path})
    assert response["Location"] == path


def test_a_browser_that_prefers_chinese_is_sent_to_chinese_on_its_first_visit(client):
    response = client.get(
        "/forum/?page=1", HTTP_ACCEPT_LANGUAGE="zh-TW,zh;q=0.9,en;q=0.5"
    )
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/zh-hant/forum/?page=1"
    assert "Accept-Language" in response["Vary"]


@pytest.mark.parametrize(
    "accept",
    ["", "en-US,en;q=0.9,zh-TW;q=0.8", "fr-FR,fr;q=0.9", "en-GB", "*"],
)
def test_an_english_reader_stays_on_the_english_page(client, accept):
    response = client.get("/forum/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == HTTPStatus.OK
    assert '<html lang="en">' in response.content.decode()


def test_a_reader_who_chose_english_is_not_sent_away_again(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/forum/", HTTP_ACCEPT_LANGUAGE="zh-TW")
    assert response.status_code == HTTPStatus.OK


def test_machine_addresses_have_no_language_prefix(client):
    for path in ("/healthz", "/robots.txt"):
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="zh-TW")
        assert response.status_code == HTTPStatus.OK
        assert client.get("/zh-hant" + path).status_code == HTTPStatus.NOT_FOUND


def test_a_members_choice_is_saved_on_their_profile(client):
    member = make_user("member")
    client.force_login(member)
    html = client.get("/forum/").content.decode()
    assert "csrfmiddlewaretoken" in html  # members' switchers carry the token
    client.post(reverse("set_language"), {"language": CHINESE, "next": "/forum/"})
    member.profile.refresh_from_db()
    assert member.profile.language == CHINESE


def test_a_forged_switch_does_not_change_a_members_profile():
    member = make_user("member")
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    response = client.post(
        reverse("set_language"), {"language": CHINESE, "next": "/forum/"}
    )
    assert response.status_code == HTTPStatus.FOUND
    member.profile.refresh_from_db()
    assert member.profile.language == "en"


def test_signing_up_on_the_chinese_site_keeps_chinese_for_the_member(client):
    response = client.post(
        "/zh-hant/accounts/signup/",
        {
            "email": "new@example.test",
            "display_name": "新會員",
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    assert Profile.objects.get(user__email="new@example.test").language == CHINESE


# Emails ----------------------------------------------------------------------


def test_a_member_gets_their_notification_email_in_their_language(
    mailoutbox, django_capture_on_commit_callbacks
):
    reader = make_user("member", language=CHINESE)
    english_reader = make_user("member")
    thread = make_thread(title="Tacrolimus and itching")
    follow_thread(thread, actor=reader)
    follow_thread(thread, actor=english_reader)
    with django_capture_on_commit_callbacks(execute=True):
        make_post(thread, body="What helped me was a thinner layer.")
    chinese = next(m for m in mailoutbox if m.to == [reader.email])
    english = next(m for m in mailoutbox if m.to == [english_reader.email])
    assert chinese.subject == "「Tacrolimus and itching」有新回覆"
    assert "閱讀並回覆" in chinese.body
    assert f"{site_settings.URL.rstrip('/')}/zh-hant/" in chinese.body
    assert english.subject == "New reply in “Tacrolimus and itching”"
    assert "/zh-hant/" not in english.body


# Dates and numbers -----------------------------------------------------------


def test_dates_are_written_as_each_language_writes_them():
    moment = datetime(2026, 3, 7, 14, 5, tzinfo=UTC)
    page = Template(
        '{{ when|date:"j M Y" }}|{{ when|date:"j F Y, H:i" }}|{{ when|date:"c" }}'
    )
    context = Context({"when": moment})
    with translation.override("en"):
        assert page.render(context) == "7 Mar 2026|7 March 2026, 14:05|" + (
            "2026-03-07T14:05:00+00:00"
        )
    with translation.override(CHINESE):
        assert page.render(context) == "2026年3月7日|2026年3月7日 14:05|" + (
            "2026-03-07T14:05:00+00:00"
        )
        assert date_format(moment, "j F Y, H:i") == "2026年3月7日 14:05"


def test_relative_times_and_numbers_are_localized():
    with translation.override(CHINESE):
        assert naturaltime(timezone.now() - timedelta(hours=3)) == "3 小時前"
        assert (
            ngettext("%(counter)s reply", "%(counter)s replies", 5) % {"counter": 5}
            == "5 則回覆"
        )


def test_chinese_thread_pages_show_chinese_dates(client, site_content):
    path = site_content["thread"].get_absolute_url()
    html = client.get("/zh-hant" + path).content.decode()
    year = timezone.localtime().year
    assert re.search(rf"{year}年\d+月\d+日", html)
