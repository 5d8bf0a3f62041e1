"""Every form's words follow the page's language: no label, help text, placeholder,
error message or choice is translated once at import time (in whatever language was
active then) and left in English on a Chinese page."""

import importlib
import inspect
import pkgutil
import re
from copy import deepcopy

import pytest
from django import forms
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.utils.translation import trans_real

from core.languages import Language
from tests.factories import make_user

pytestmark = pytest.mark.django_db

CHINESE = "zh-hant"
APPS = [
    "articles",
    "conversations",
    "core",
    "forum",
    "members",
    "search",
    "sclero_site",
]
TEXT_ATTRS = ("placeholder", "title", "aria-label")
# Each language is named in its own language in the language lists, on purpose.
AUTONYMS = {str(name) for _code, name in Language.CHOICES}


def _project_form_classes() -> list[type[forms.BaseForm]]:
    """The Form and ModelForm classes defined in the project's apps, found by
    importing every module of every app (not a hand-kept list)."""
    found = {}
    for app in APPS:
        package = importlib.import_module(app)
        for module_info in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".migrations" in module_info.name or ".tests" in module_info.name:
                continue
            module = importlib.import_module(module_info.name)
            for _name, cls in inspect.getmembers(module, inspect.isclass):
                if (
                    issubclass(cls, forms.BaseForm)
                    and cls.__module__ == module.__name__
                    and cls.__module__.split(".")[0] in APPS
                ):
                    found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return [found[name] for name in sorted(found)]


FORM_CLASSES = _project_form_classes()


def _variants(cls, user) -> list[dict]:
    """Keyword arguments to build the form with: its defaults, then each boolean
    switch (`answering`, `with_title`, ...) turned on, since some change labels."""
    base = {}
    switches = []
    for init in _project_inits(cls):
        for name, param in inspect.signature(init).parameters.items():
            if name == "self" or param.kind in (
                param.VAR_POSITIONAL,
                param.VAR_KEYWORD,
            ):
                continue
            if param.default is param.empty:
                base.setdefault(name, None)
            elif param.default is False and name not in switches:
                switches.append(name)
    request = RequestFactory().get("/")
    request.user = user
    request.session = {}
    # allauth's forms take the request or the user; ours ignore what they do not know.
    for extra, value in (("request", request), ("user", user)):
        if _accepts(cls, extra):
            base[extra] = value
    return [base] + [{**base, switch: True} for switch in switches]


def _project_inits(cls):
    """The __init__ methods the project's own classes define, nearest first."""
    for klass in cls.__mro__:
        if klass.__module__.split(".")[0] in APPS and "__init__" in klass.__dict__:
            yield klass.__dict__["__init__"]


def _accepts(cls, name: str) -> bool:
    for klass in cls.__mro__:
        init = klass.__dict__.get("__init__")
        if init and name in inspect.signature(init).parameters:
            return True
    return False


def _catalogue_patterns() -> list[tuple[str, re.Pattern]]:
    """The msgids with a Chinese translation different from the English, as patterns
    that also match the message once its %(name)s placeholders are filled in."""
    catalogue = trans_real.translation(CHINESE)._catalog
    patterns = []
    for msgid, msgstr in catalogue.items():
        if isinstance(msgid, tuple):  # a plural: (msgid, index)
            msgid = msgid[0]
        if not msgid or msgid == msgstr or len(msgid) < 3:
            continue
        pattern = re.escape(msgid)
        pattern = re.sub(r"%\\\(\w+\\\)[sd]", r".+?", pattern)
        pattern = re.sub(r"%[sd]", r".+?", pattern)
        patterns.append((msgid, re.compile(pattern)))
    return patterns


def _texts(form: forms.BaseForm):
    """(where, text) for every word of the form a reader sees."""
    for key, message in getattr(form, "error_messages", {}).items():
        yield f"error_messages[{key}]", message
    for name, field in form.fields.items():
        if field.label:
            yield f"{name}.label", field.label
        if field.help_text:
            yield f"{name}.help_text", field.help_text
        for key, message in field.error_messages.items():
            yield f"{name}.error_messages[{key}]", message
        for attr in TEXT_ATTRS:
            if field.widget.attrs.get(attr):
                yield f"{name}.widget.{attr}", field.widget.attrs[attr]
        if isinstance(field, forms.ChoiceField) and not isinstance(
            field, forms.ModelChoiceField
        ):
            for _value, label in field.choices:
                if isinstance(label, (list, tuple)):  # a group
                    for _v, inner in label:
                        yield f"{name}.choices", inner
                else:
                    yield f"{name}.choices", label


def _left_in_english(texts, patterns) -> list[str]:
    left = []
    for where, text in texts:
        text = str(text)
        if text in AUTONYMS:
            continue
        for msgid, pattern in patterns:
            if pattern.fullmatch(text):
                left.append(f"{where}: {text!r} (msgid {msgid!r})")
                break
    return left


def test_the_forms_are_found():
    names = {cls.__name__ for cls in FORM_CLASSES}
    assert {"StartForm", "ModerationActionForm", "SignupForm", "SearchForm"} <= names


@pytest.mark.parametrize("cls", FORM_CLASSES, ids=lambda cls: cls.__qualname__)
def test_a_form_reads_in_chinese(cls):
    user = make_user("member")
    patterns = _catalogue_patterns()
    with translation.override(CHINESE):
        left = []
        for kwargs in _variants(cls, user):
            form = _build(cls, kwargs, user)
            texts = list(_texts(form))
            texts += [
                (f"class {where}", text)
                for where, text in _texts(_unbound_fields(cls))
                if (where, text) not in texts
            ]
            left += _left_in_english(texts, patterns)
    assert not left, f"{cls.__qualname__} left in English: " + "; ".join(left)


def _build(cls, kwargs, user):
    """allauth's security key form takes the member as a keyword it pops."""
    try:
        return cls(**kwargs)
    except KeyError as missing:
        if missing.args != ("user",):
            raise
        return cls(**kwargs, user=user)


def _unbound_fields(cls):
    """The declared fields as written in the class, before any __init__ changes them."""

    class Fields:
        fields = deepcopy(cls.base_fields)

    return Fields()


def test_the_new_message_page_explains_the_recipients_in_chinese(client):
    member = make_user("member")
    client.force_login(member)
    with translation.override(CHINESE):
        url = reverse("conversations:start")
    assert url.startswith("/zh-hant/")
    response = client.get(url)
    page = response.content.decode()
    assert "顯示名稱，以逗號分隔：最多" in page
    assert "Display names, separated by commas" not in page
