"""The one disclaimer mechanism: versioned texts, what is in force, acknowledgements.

A new version never changes an old one: threads and acknowledgements keep
pointing at the version they recorded. The current versions are cached,
because every page shows the site disclaimer; publishing clears the cache.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import audit, pagecache
from .languages import Language
from .markup import render_markdown
from .models import (
    Disclaimer,
    DisclaimerAcknowledgement,
    DisclaimerTranslation,
    DisclaimerVersion,
)

CACHE_KEY = "disclaimers:current:v1"
CACHE_SECONDS = 300
TRANSLATIONS_KEY = "disclaimers:translations:v1"

# What a member accepts before their first post; a new major version asks again.
ACKNOWLEDGED_SCOPES = (Disclaimer.Scope.GUIDELINES, Disclaimer.Scope.FORUM)


def can_publish_disclaimer(user) -> bool:
    """Editors with the publish permission may issue new versions."""
    return user.is_authenticated and user.has_perm("core.publish_disclaimer")


@transaction.atomic
def publish_version(
    disclaimer: Disclaimer, *, body: str, major: bool, actor, note: str = ""
) -> DisclaimerVersion:
    """Add a new version of `disclaimer` and make it current. `major` asks members again."""
    if actor is not None and not can_publish_disclaimer(actor):
        raise PermissionDenied(_("You can't publish disclaimers."))
    disclaimer = Disclaimer.objects.select_for_update().get(pk=disclaimer.pk)
    latest = disclaimer.versions.aggregate(major=Max("major"))["major"]
    if latest is None:
        number, minor = 1, 0
    elif major:
        number, minor = latest + 1, 0
    else:
        minor_max = disclaimer.versions.filter(major=latest).aggregate(m=Max("minor"))[
            "m"
        ]
        number, minor = latest, minor_max + 1
    version = DisclaimerVersion(
        disclaimer=disclaimer,
        major=number,
        minor=minor,
        body=body,
        body_html=render_markdown(body),
        created_by=actor,
    )
    version.full_clean()
    version.save()
    previous_id = disclaimer.current_version_id
    disclaimer.current_version = version
    disclaimer.save(update_fields=["current_version"])
    audit.record(
        actor,
        "disclaimer.publish",
        disclaimer,
        reason=note,
        before={"version_id": previous_id},
        after={"version_id": version.pk, "label": version.label},
    )
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))
    pagecache.bump()
    return version


def current_versions() -> dict[str, list[DisclaimerVersion]]:
    """Versions in force now, by scope (board disclaimers are looked up by id)."""
    current = cache.get(CACHE_KEY)
    if current is None:
        current = {}
        in_force = Disclaimer.objects.filter(current_version__isnull=False)
        versions = (
            DisclaimerVersion.objects.filter(pk__in=in_force.values("current_version"))
            .select_related("disclaimer")
            .order_by("disclaimer__scope", "disclaimer__name")
        )
        for version in versions:
            current.setdefault(version.disclaimer.scope, []).append(version)
            current.setdefault(f"disclaimer:{version.disclaimer_id}", []).append(
                version
            )
        cache.set(CACHE_KEY, current, CACHE_SECONDS)
    return current


def versions_in_force(
    *scopes: str, disclaimer_ids: tuple[int, ...] = ()
) -> list[DisclaimerVersion]:
    """Current versions for the given scopes and specific disclaimers (a board's own)."""
    current = current_versions()
    found = [version for scope in scopes for version in current.get(scope, [])]
    for disclaimer_id in disclaimer_ids:
        found.extend(current.get(f"disclaimer:{disclaimer_id}", []))
    return found


def pending_acknowledgements(user) -> list[DisclaimerVersion]:
    """Current guidelines/forum versions whose major version `user` has not accepted."""
    required = versions_in_force(*ACKNOWLEDGED_SCOPES)
    if not required:
        return []
    accepted = set(
        DisclaimerAcknowledgement.objects.filter(
            user_id=user.pk, version__disclaimer__in=[v.disclaimer_id for v in required]
        ).values_list("version__disclaimer_id", "version__major")
    )
    return [v for v in required if (v.disclaimer_id, v.major) not in accepted]


@transaction.atomic
def acknowledge(user, versions: list[DisclaimerVersion]) -> None:
    """Record that `user` accepted `versions` now (accepting twice keeps one row)."""
    for version in versions:
        DisclaimerAcknowledgement.objects.get_or_create(user=user, version=version)


# Translations: a version in the reader's language


@transaction.atomic
def translate_version(
    version: DisclaimerVersion, *, language: str, body: str, actor, name: str = ""
) -> DisclaimerTranslation:
    """Add `version`'s text in `language`. Like versions, translations are never
    edited: a better wording is a new (minor) version with its own translation."""
    if actor is not None and not can_publish_disclaimer(actor):
        raise PermissionDenied(_("You can't publish disclaimers."))
    if language == settings.LANGUAGE_CODE:
        raise ValidationError(
            {"language": _("The versions are written in this language already.")},
            code="original_language",
        )
    version = DisclaimerVersion.objects.select_for_update().get(pk=version.pk)
    if version.translations.filter(language=language).exists():
        raise ValidationError(
            {
                "language": _(
                    "Version %(label)s already has a translation in that language. "
                    "To change the wording, publish a new version with its translation."
                )
                % {"label": version.label}
            },
            code="translation_exists",
        )
    translation = DisclaimerTranslation(
        version=version,
        language=language,
        name=name.strip(),
        body=body.strip(),
        body_html=render_markdown(body),
        created_by=actor,
    )
    translation.full_clean()
    translation.save()
    audit.record(
        actor,
        "disclaimer.translate",
        version.disclaimer,
        after={"version_id": version.pk, "label": version.label, "language": language},
    )
    transaction.on_commit(lambda: cache.delete(TRANSLATIONS_KEY))
    pagecache.bump()
    return translation


def _translations() -> dict[tuple[int, str], DisclaimerTranslation]:
    """Every translation by (version id, language); a small table, cached."""
    found = cache.get(TRANSLATIONS_KEY)
    if found is None:
        found = {
            (t.version_id, t.language): t
            for t in DisclaimerTranslation.objects.only(
                "version_id", "language", "name", "body_html"
            )
        }
        cache.set(TRANSLATIONS_KEY, found, CACHE_SECONDS)
    return found


@dataclass(frozen=True)
class ShownVersion:
    """A version as a reader sees it: in their language when it has a translation,
    else the original, with `untranslated` set so the page can say so."""

    version: DisclaimerVersion
    name: str
    body_html: SafeString
    language: str
    untranslated: bool

    @property
    def label(self) -> str:
        return self.version.label

    @property
    def disclaimer(self) -> Disclaimer:
        return self.version.disclaimer

    @property
    def language_name(self) -> str:
        return dict(Language.CHOICES).get(self.language, self.language)


def shown_in(version: DisclaimerVersion, language: str | None = None) -> ShownVersion:
    """`version` in `language` (the active one by default)."""
    language = language or get_language() or settings.LANGUAGE_CODE
    original = settings.LANGUAGE_CODE
    translation = None
    if language != original:
        translation = _translations().get((version.pk, language))
    if translation is not None:
        return ShownVersion(
            version=version,
            name=translation.name or version.disclaimer.name,
            body_html=translation.body_html,
            language=language,
            untranslated=False,
        )
    return ShownVersion(
        version=version,
        name=version.disclaimer.name,
        body_html=version.body_html,
        language=original,
        untranslated=language != original,
    )
