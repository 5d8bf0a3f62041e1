"""An article's editable content as one plain dict: the shape every revision stores.

    {"title", "slug", "summary", "body", "kind", "language", "channel_id", "topic_ids",
     "author_ids", "hero_image", "hero_alt", "illustration", "references": [{…}],
     "drug": {…}}

`normalize` gives any partial dict that shape, `validate` checks every rule
the rows will have to satisfy (so a revision is always publishable as far as
its fields go), `snapshot` reads the rows back into the shape, and `preview`
builds unsaved objects for the staff preview page. Nothing here writes.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.languages import Language
from core.markup import render_markdown
from core.models import Topic
from members.models import User

from .headings import render_body
from .models import Article, Channel, DrugProfile, Reference

ROW_FIELDS = (
    "title",
    "slug",
    "summary",
    "body",
    "kind",
    "language",
    "hero_alt",
    "illustration",
)
REFERENCE_FIELDS = ("title", "source", "year", "doi", "pmid", "url")
MAX_REFERENCES = 100


def empty_content() -> dict:
    return {
        "title": "",
        "slug": "",
        "summary": "",
        "body": "",
        "kind": Article.Kind.GUIDE.value,
        "language": Language.ENGLISH,
        "channel_id": None,
        "topic_ids": [],
        "author_ids": [],
        "hero_image": "",
        "hero_alt": "",
        "illustration": "",
        "references": [],
        "drug": dict.fromkeys(DrugProfile.FIELDS, ""),
    }


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _int_or_none(value):
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return value  # left for `validate` to report


def normalize(content: dict) -> dict:
    """The full shape with clean types: stripped text, int ids, ordered lists."""
    result = empty_content()
    for key in ROW_FIELDS:
        if key in content:
            result[key] = _text(content[key])
    # Markdown keeps its leading indentation (code blocks), not trailing space.
    result["body"] = str(content.get("body") or "").rstrip()
    result["channel_id"] = _int_or_none(content.get("channel_id"))
    result["topic_ids"] = sorted(
        {_int_or_none(pk) for pk in content.get("topic_ids") or [] if pk != ""},
        key=lambda pk: (
            not isinstance(pk, int),
            pk if isinstance(pk, int) else 0,
            str(pk),
        ),
    )
    author_ids = []
    for pk in content.get("author_ids") or []:
        pk = _int_or_none(pk)
        if pk is not None and pk not in author_ids:
            author_ids.append(pk)
    result["author_ids"] = author_ids
    result["hero_image"] = _text(content.get("hero_image"))
    references = []
    for ref in content.get("references") or []:
        ref = {key: _text(ref.get(key)) for key in REFERENCE_FIELDS}
        ref["year"] = _int_or_none(ref["year"])
        if any(value not in ("", None) for value in ref.values()):
            references.append(ref)
    result["references"] = references
    drug = content.get("drug") or {}
    result["drug"] = {
        name: str(drug.get(name) or "").rstrip() for name in DrugProfile.FIELDS
    }
    return result


def validate(content: dict, *, article: Article | None = None) -> None:
    """Raise ValidationError({field: [messages]}) unless `content` makes valid rows.

    Keys are content keys; drug sections use their own field names
    ("indications"…) and every reference problem goes under "references".
    """
    errors: dict[str, list[str]] = {}
    row = Article(
        **{key: content[key] for key in ROW_FIELDS},
        channel_id=content["channel_id"],
        hero_image=content["hero_image"],
    )
    try:
        row.full_clean(
            exclude=["body_html", "status"],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            key = "channel_id" if name == "channel" else name
            errors.setdefault(key, []).extend(messages)
    slug = content["slug"]
    if slug in Article.RESERVED_SLUGS:
        errors.setdefault("slug", []).append(
            _("“%(slug)s” is reserved for the library's own pages.") % {"slug": slug}
        )
    elif slug:
        others = Article.objects.filter(slug=slug)
        if article is not None and article.pk:
            others = others.exclude(pk=article.pk)
        if others.exists():
            errors.setdefault("slug", []).append(
                _("Another article already uses this slug. Please choose another.")
            )
    if (
        article is not None
        and article.translation_group is not None
        and Article.objects.filter(
            translation_group=article.translation_group, language=content["language"]
        )
        .exclude(pk=article.pk)
        .exists()
    ):
        errors.setdefault("language", []).append(
            _(
                "Another translation of this article is already in that language. "
                "Each language has one article in a group."
            )
        )
    if content["hero_image"] and not content["hero_alt"]:
        errors.setdefault("hero_alt", []).append(
            _("Describe the image for people who can't see it.")
        )
    topic_ids = content["topic_ids"]
    if not all(isinstance(pk, int) for pk in topic_ids) or (
        Topic.objects.filter(pk__in=topic_ids).count() != len(topic_ids)
    ):
        errors.setdefault("topic_ids", []).append(_("Please choose existing topics."))
    author_ids = content["author_ids"]
    if author_ids and (
        not all(isinstance(pk, int) for pk in author_ids)
        or (User.objects.filter(pk__in=author_ids).count() != len(author_ids))
    ):
        errors.setdefault("author_ids", []).append(
            _("Please choose existing people as authors.")
        )
    references = content["references"]
    if len(references) > MAX_REFERENCES:
        errors.setdefault("references", []).append(
            _("At most %(max)d references.") % {"max": MAX_REFERENCES}
        )
    for number, ref in enumerate(references, start=1):
        try:
            Reference(**ref).full_clean(exclude=["article"])
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                label = Reference._meta.get_field(name).verbose_name
                errors.setdefault("references", []).extend(
                    _("Reference %(n)d, %(field)s: %(message)s")
                    % {"n": number, "field": label, "message": message}
                    for message in messages
                )
    try:
        DrugProfile(**content["drug"]).full_clean(exclude=["article"])
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def check_publishable(content: dict) -> None:
    """What a page needs before readers see it, beyond what a draft needs."""
    errors: dict[str, list[str]] = {}
    if not content["summary"]:
        errors["summary"] = [_("Write a summary before publishing.")]
    is_drug = content["kind"] == Article.Kind.DRUG
    if not content["body"] and not is_drug:
        errors["body"] = [_("Write the article before publishing.")]
    if is_drug:
        for name in DrugProfile.REQUIRED:
            if not content["drug"][name]:
                label = DrugProfile._meta.get_field(name).verbose_name
                errors[name] = [
                    _("A drug page needs its “%(section)s” section.")
                    % {"section": label}
                ]
    if errors:
        raise ValidationError(errors)


def snapshot(article: Article) -> dict:
    """The content of the rows, in revision shape (references and drug included)."""
    content = {key: getattr(article, key) for key in ROW_FIELDS}
    content["channel_id"] = article.channel_id
    content["topic_ids"] = sorted(article.topics.values_list("pk", flat=True))
    content["author_ids"] = list(
        article.authors.order_by("pk").values_list("pk", flat=True)
    )
    content["hero_image"] = article.hero_image.name or ""
    content["references"] = [
        {key: getattr(ref, key) for key in REFERENCE_FIELDS}
        for ref in article.references.all()
    ]
    profile = DrugProfile.objects.filter(article=article).first()
    content["drug"] = {
        name: getattr(profile, name) if profile else "" for name in DrugProfile.FIELDS
    }
    return normalize(content)


def render_drug_profile(drug: dict, *, article: Article) -> DrugProfile:
    """An unsaved DrugProfile with every section rendered through the one pipeline."""
    profile = DrugProfile(article=article)
    for name in DrugProfile.FIELDS:
        setattr(profile, name, drug[name])
        setattr(profile, f"{name}_html", render_markdown(drug[name]))
    return profile


@dataclass
class Preview:
    """Everything the article template needs, built from a snapshot, unsaved."""

    article: Article
    topics: list = field(default_factory=list)
    authors: list = field(default_factory=list)
    references: list = field(default_factory=list)
    drug_profile: DrugProfile | None = None


def preview(content: dict, *, article: Article) -> Preview:
    """Unsaved objects showing `content` as readers would see it once published.

    Markdown is rendered here, on request: previews are for staff only and
    must show exactly the revision asked for, which no stored HTML holds.
    """

    page = Article(
        pk=article.pk,
        **{key: content[key] for key in ROW_FIELDS},
        channel=Channel.objects.select_related("parent__parent")
        .filter(pk=content["channel_id"])
        .first(),
        hero_image=content["hero_image"],
        status=article.status,
        first_published_at=article.first_published_at,
        last_published_at=article.last_published_at,
        publish_at=article.publish_at,
        next_review_due=article.next_review_due,
    )
    page.body_html = render_body(content["body"], content["language"])
    authors = {
        user.pk: user
        for user in User.objects.select_related("profile").filter(
            pk__in=content["author_ids"]
        )
    }
    return Preview(
        article=page,
        topics=list(Topic.objects.filter(pk__in=content["topic_ids"])),
        authors=[authors[pk] for pk in content["author_ids"] if pk in authors],
        references=[Reference(**ref) for ref in content["references"]],
        drug_profile=(
            render_drug_profile(content["drug"], article=page)
            if content["kind"] == Article.Kind.DRUG
            else None
        ),
    )
