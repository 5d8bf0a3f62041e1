"""What a page carries besides its body: references and drug-page sections."""

from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
)
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fields import RenderedHTMLField

from ..validators import (
    validate_doi,
    validate_markdown,
    validate_plain_text,
    validate_pmid,
)
from .article import Article


class Reference(models.Model):
    """A source, numbered on the page in `position` order."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="references"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(
        _("title"), max_length=300, validators=[validate_plain_text]
    )
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        validators=[validate_plain_text],
        help_text=_("Journal, publisher or organisation."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
    )
    doi = models.CharField(
        _("DOI"), max_length=100, blank=True, validators=[validate_doi]
    )
    pmid = models.CharField(
        _("PubMed ID"), max_length=12, blank=True, validators=[validate_pmid]
    )
    url = models.URLField(_("link"), max_length=500, blank=True)

    class Meta:
        ordering = ["article", "position", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def doi_url(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def pubmed_url(self) -> str:
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/" if self.pmid else ""


DRUG_SECTION_MAX = 20_000


def _drug_section(label) -> models.TextField:
    """One Markdown section of a drug page (its HTML sits beside it as `<name>_html`)."""
    return models.TextField(
        label,
        blank=True,
        max_length=DRUG_SECTION_MAX,
        validators=[MaxLengthValidator(DRUG_SECTION_MAX), validate_markdown],
    )


class DrugProfile(models.Model):
    """The structured sections of a drug page, each Markdown through the one pipeline."""

    # (field, heading, anchor): the fixed order readers see.
    SECTIONS = (
        ("brand_names", _("Brand names"), "brand-names"),
        ("indications", _("Main indications"), "indications"),
        ("dosing", _("Usual dosing"), "dosing"),
        ("adverse_reactions", _("Adverse reactions"), "adverse-reactions"),
        ("contraindications", _("Contraindications"), "contraindications"),
        ("pregnancy", _("Pregnancy and breastfeeding"), "pregnancy"),
        ("interactions", _("Interactions"), "interactions"),
        ("monitoring", _("Monitoring"), "monitoring"),
    )
    FIELDS = tuple(field for field, _heading, _anchor in SECTIONS)
    # A drug page is not publishable without these.
    REQUIRED = ("indications", "dosing")
    SECTION_MAX = DRUG_SECTION_MAX

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, related_name="drug_profile"
    )
    brand_names = _drug_section(_("brand names"))
    brand_names_html = RenderedHTMLField()
    indications = _drug_section(_("main indications"))
    indications_html = RenderedHTMLField()
    dosing = _drug_section(_("usual dosing"))
    dosing_html = RenderedHTMLField()
    adverse_reactions = _drug_section(_("adverse reactions"))
    adverse_reactions_html = RenderedHTMLField()
    contraindications = _drug_section(_("contraindications"))
    contraindications_html = RenderedHTMLField()
    pregnancy = _drug_section(_("pregnancy and breastfeeding"))
    pregnancy_html = RenderedHTMLField()
    interactions = _drug_section(_("interactions"))
    interactions_html = RenderedHTMLField()
    monitoring = _drug_section(_("monitoring"))
    monitoring_html = RenderedHTMLField()

    def __str__(self) -> str:
        return str(self.article)

    def sections(self) -> list[tuple[str, str, str]]:
        """(anchor, heading, html) of the filled sections, in the fixed order."""
        return [
            (anchor, heading, getattr(self, f"{field}_html"))
            for field, heading, anchor in self.SECTIONS
            if getattr(self, f"{field}_html")
        ]
