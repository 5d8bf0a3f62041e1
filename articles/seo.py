"""What machines read about an article: schema.org JSON-LD and share links."""

from django.conf import settings
from django.utils import translation

from core.conf import site_settings
from core.markup import html_to_text
from core.sharing import share_links as core_share_links
from core.templatetags.languages import bcp47

from .models import Article, DrugProfile, ReviewSignOff


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def article_json_ld(
    article: Article,
    *,
    url: str,
    site_url: str,
    authors: list,
    topics: list,
    references: list,
    review: ReviewSignOff | None,
    drug_profile: DrugProfile | None,
    image_url: str = "",
) -> dict:
    """A schema.org MedicalWebPage (with a Drug as main entity for drug pages)."""
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "headline": article.title,
        "name": article.title,
        "description": article.summary,
        "url": url,
        "inLanguage": bcp47(article.language or settings.LANGUAGE_CODE),
        "datePublished": _iso(article.first_published_at),
        "dateModified": _iso(article.last_published_at),
        "isPartOf": {"@type": "WebSite", "name": site_settings.NAME, "url": site_url},
        "publisher": {"@type": "Organization", "name": site_settings.NAME},
    }
    if authors:
        data["author"] = [
            {"@type": "Person", "name": author.profile.display_name}
            for author in authors
        ]
    if topics:
        data["about"] = [
            {"@type": "Thing", "name": topic.local_name} for topic in topics
        ]
    if review is not None:
        data["lastReviewed"] = review.reviewed_at.date().isoformat()
        reviewer = {"@type": "Person", "name": review.reviewer_name}
        if review.reviewer_specialty:
            reviewer["jobTitle"] = review.reviewer_specialty
        data["reviewedBy"] = reviewer
    if image_url:
        data["image"] = image_url
    if references:
        data["citation"] = [
            {
                "@type": "CreativeWork",
                "name": ref.title,
                **({"url": ref.doi_url or ref.url} if ref.doi_url or ref.url else {}),
            }
            for ref in references
        ]
    if drug_profile is not None:
        drug = {"@type": "Drug", "name": article.title, "url": url}
        brands = html_to_text(drug_profile.brand_names_html)
        if brands:
            drug["alternateName"] = brands
        data["mainEntity"] = drug
    return {key: value for key, value in data.items() if value is not None}


def share_links(*, url: str, title: str) -> list[tuple[str, str]]:
    """(label, href) pairs: plain links, nothing loaded from other sites (an email
    and the public networks' share pages; `core.sharing`)."""
    return core_share_links(url=url, title=title)


def translation_paths(article: Article, translations: list[Article]) -> dict[str, str]:
    """The address for each language of a page with translations: each article of
    the group under its own language's prefix (hreflang alternates, the switcher).
    Empty without translations: the page's own address in each language is right."""
    if not translations:
        return {}
    paths = {}
    for member in [article, *translations]:
        with translation.override(member.language):
            paths[member.language] = member.get_absolute_url()
    return paths
