"""Display names that cannot impersonate.

A display name is NFKC-normalized; invisible and direction-changing characters
are refused; a name that looks like (Unicode TR39 "skeleton") the name of a
verified health professional, an editor or a moderator is refused, and so are
reserved words (moderator, admin, the site's name…) and, for anyone who is not a
verified professional, the titles Dr, Doctor and Prof and credentials in any
position (MD, RN, PhD, D.O., PA-C, MBBS, 醫師, 護理師, 博士…). A name whose core
(the name without its titles and credentials) looks like the core of a protected
name is refused too: "Ada Demo MD" and "Ada Demo" both imitate "Dr Ada Demo".

The skeleton maps every character to an ASCII look-alike where Unicode's
confusables data (the `confusable-homoglyphs` package ships it) has one, then
folds case and the ASCII look-alikes themselves (0/o, 1/l/I, rn/m, vv/w), and
ignores spaces and punctuation: "Dr Ada Dеmo" (Cyrillic е) and "dr.ada demo"
share the skeleton of "Dr Ada Demo".
"""

import re
import unicodedata
from functools import cache

from confusable_homoglyphs.confusables import confusables_data
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from core.conf import site_settings

from .models import Profile, User
from .roles import EDITORS, MODERATORS

# Invisible or layout-changing characters that are not in categories Cc/Cf.
_INVISIBLE_EXTRA = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e\u034f")
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cn", "Cs"})
_ASCII_FOLDS = (("rn", "m"), ("vv", "w"), ("0", "o"), ("1", "l"), ("i", "l"))
_WORD = re.compile(r"[^\W_]+")

RESERVED_WORDS = frozenset(
    {"moderator", "moderators", "admin", "administrator", "staff", "sclero", "official"}
)
PROFESSIONAL_TITLES = frozenset({"dr", "doctor", "prof", "professor"})
# Credentials, compared as words without their dots, commas and hyphens ("M.D.",
# "md,", "Pa-C"), in any case: only verified professionals may show one.
CREDENTIALS = frozenset(
    {
        "md", "mbbs", "mbchb", "mbbch", "frcp", "frcpc", "mrcp", "facp", "facr",
        "phd", "dphil", "rn", "bsn", "msn", "lpn", "aprn", "np", "cnp", "fnp",
        "dnp", "pac", "dds", "dmd", "pharmd", "rph", "dpt", "psyd", "mph",
    }
)  # fmt: skip
# "DO" (osteopathic doctor) is also the English word "do" and a surname: only
# the capitals "DO" or "D.O." are taken for the credential.
CAPITAL_CREDENTIALS = frozenset({"DO"})
# Chinese titles and credentials stand without spaces, before or after the name.
CJK_CREDENTIALS = (
    "醫師", "医师", "醫生", "医生", "護理師", "护理师", "護士", "护士", "藥師", "药师",
    "博士", "教授", "大夫", "中醫", "中医", "牙醫", "牙医",
)  # fmt: skip
_TOKEN_SPLIT = re.compile(r"[\s,;:/|()（）\[\]【】「」、，]+|(?<=\.)(?=[^\W\d_]{2})")


def normalize_display_name(name: str) -> str:
    """NFKC form of `name` with runs of ordinary whitespace made one space."""
    return " ".join(unicodedata.normalize("NFKC", name or "").split())


def invisible_characters(name: str) -> list[str]:
    """The invisible, control or direction-changing characters in `name`."""
    return [
        ch
        for ch in name
        if unicodedata.category(ch) in _REFUSED_CATEGORIES or ch in _INVISIBLE_EXTRA
    ]


@cache
def _prototype(ch: str) -> str:
    if ch.isascii():
        return ch
    ascii_lookalikes = sorted(
        entry["c"]
        for entry in confusables_data.get(ch, ())
        if len(entry["c"]) == 1 and entry["c"].isascii() and entry["c"].isalnum()
    )
    if ascii_lookalikes:
        return ascii_lookalikes[0]
    # Letters with marks keep their marks (é is not e), but look-alike bases fold.
    decomposed = unicodedata.normalize("NFD", ch)
    if len(decomposed) > 1 and not decomposed[0].isascii():
        return _prototype(decomposed[0]) + decomposed[1:]
    return ch


def _folded(text: str) -> str:
    # Look-alikes before and after case folding: capital М looks like M,
    # small м like nothing in ASCII.
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text))
    text = "".join(_prototype(ch) for ch in text).casefold()
    text = "".join(_prototype(ch) for ch in text)
    text = unicodedata.normalize("NFD", text.casefold())
    for lookalike, prototype in _ASCII_FOLDS:
        text = text.replace(lookalike, prototype)
    return text


def skeleton(text: str) -> str:
    """What `text` looks like: equal skeletons mean names a reader can't tell apart."""
    return "".join(ch for ch in _folded(text) if ch.isalnum() or _is_mark(ch))


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch).startswith("M")


def _words(text: str) -> set[str]:
    """The words of `text`, folded like skeletons (Dr, Mоderator…)."""
    letters = "".join(ch for ch in _folded(text) if not _is_mark(ch))
    return set(_WORD.findall(letters))


def _tokens(name: str) -> list[str]:
    """The words of `name` as written, split at spaces, commas, brackets, and
    after a dot that ends a title ("Dr.Ada" is "Dr." and "Ada"; "M.D." stays one)."""
    return [token for token in _TOKEN_SPLIT.split(name) if token]


def _credential_key(token: str) -> str:
    """A token without dots and hyphens, look-alikes folded: "М.D." is "MD"."""
    text = unicodedata.normalize("NFKC", token)
    return "".join(_prototype(ch) for ch in text if ch.isalnum())


def _is_title_or_credential(token: str) -> bool:
    key = _credential_key(token)
    folded = key.casefold()
    return (
        key in CAPITAL_CREDENTIALS
        or folded in CREDENTIALS
        or folded in PROFESSIONAL_TITLES
    )


def credentials_in(name: str) -> list[str]:
    """The credentials written in `name` ("MD", "Ph.D.", "醫師"…), as written."""
    found = [
        token
        for token in _tokens(name)
        if _credential_key(token) in CAPITAL_CREDENTIALS
        or _credential_key(token).casefold() in CREDENTIALS
    ]
    text = unicodedata.normalize("NFKC", name)
    found += [word for word in CJK_CREDENTIALS if word in text]
    return found


def core_skeleton(name: str) -> str:
    """The skeleton of `name` without its titles and credentials."""
    text = unicodedata.normalize("NFKC", name)
    for word in CJK_CREDENTIALS:
        text = text.replace(word, " ")
    kept = [token for token in _tokens(text) if not _is_title_or_credential(token)]
    return skeleton(" ".join(kept))


def _reserved_skeletons() -> set[str]:
    site = skeleton(site_settings.NAME)
    return {skeleton(word) for word in RESERVED_WORDS} | {site}


def is_verified_professional(user: User | None) -> bool:
    profile = getattr(user, "profile", None) if user is not None else None
    return bool(profile and profile.verified_professional)


def protected_profiles():
    """Profiles whose names others may not imitate: verified professionals,
    editors, moderators and superusers."""
    return Profile.objects.filter(
        Q(verified_professional=True)
        | Q(user__groups__name__in=[EDITORS, MODERATORS])
        | Q(user__is_superuser=True)
    ).distinct()


def check_display_name(name: str, *, user: User | None = None) -> None:
    """Raise ValidationError if `name` (already normalized) could impersonate.

    `user` is the member choosing the name (None at signup).
    """
    hidden = invisible_characters(name)
    if hidden:
        codes = ", ".join(f"U+{ord(ch):04X}" for ch in dict.fromkeys(hidden))
        raise ValidationError(
            _(
                "Display names can't contain invisible or text-direction characters "
                "(found: %(codes)s). Please type your name again without them."
            )
            % {"codes": codes},
            code="invisible",
        )
    words = _words(name)
    reserved = _reserved_skeletons()
    if words & reserved or skeleton(name) in reserved:
        raise ValidationError(
            _(
                "Display names can't include words such as “moderator”, “admin”, "
                "“staff”, “official” or the site's name: they would mislead others."
            ),
            code="reserved",
        )
    titles = {skeleton(title) for title in PROFESSIONAL_TITLES}
    if words & titles and not is_verified_professional(user):
        raise ValidationError(
            _(
                "Only health professionals verified by our staff may use a title "
                "such as Dr or Prof in their display name."
            ),
            code="title",
        )
    credentials = credentials_in(name)
    if credentials and not is_verified_professional(user):
        raise ValidationError(
            _(
                "Only health professionals verified by our staff may show a "
                "credential such as MD, RN, PhD, 醫師 or 護理師 in their display "
                "name (found: %(found)s). Please leave it out."
            )
            % {"found": ", ".join(dict.fromkeys(credentials))},
            code="credential",
        )
    mine = skeleton(name)
    my_core = core_skeleton(name)
    others = protected_profiles()
    if user is not None and user.pk is not None:
        others = others.exclude(user=user)
    if any(
        skeleton(other) == mine or (my_core and core_skeleton(other) == my_core)
        for other in others.values_list("display_name", flat=True)
    ):
        raise ValidationError(
            _(
                "That name looks too much like the name of one of our health "
                "professionals, editors or moderators. Please choose another."
            ),
            code="lookalike",
        )


def display_name_problems(profile: Profile) -> list[ValidationError]:
    """What is wrong with an existing profile's name (for moderators' reports)."""
    problems = []
    name = profile.display_name
    if normalize_display_name(name) != name:
        problems.append(
            ValidationError(_("Not in normalized (NFKC) form."), code="normalization")
        )
    try:
        check_display_name(name, user=profile.user)
    except ValidationError as error:
        problems.append(error)
    return problems
