"""Forms of the editor interface. Shape only: the services decide and save."""

from django import forms
from django.utils import timezone
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext_lazy as _

from core.forms import IdField, TextField
from core.languages import Language
from core.models import Topic

from .. import selectors
from ..content import REFERENCE_FIELDS, empty_content
from ..illustrations import illustration_choices
from ..models import Article, Channel, DrugProfile, Reference
from ..validators import (
    validate_doi,
    validate_hero_image,
    validate_markdown,
    validate_plain_text,
    validate_pmid,
)

MARKDOWN_HELP = _(
    "Markdown: a blank line starts a new paragraph; ## Heading and ### Subheading; "
    "**bold**, *italic*; - or 1. at the start of a line for lists; "
    "[link text](https://example.org) for links — link to another article with "
    "[its title](/articles/its-slug/) so it lists this one under “Referring pages”. "
    "No images or raw HTML."
)


class ChannelChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, channel: Channel) -> str:
        return " › ".join([*(c.name for c in channel.ancestors()), channel.name])


class AuthorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user) -> str:
        return user.profile.display_name


def _markdown_field(label, *, max_length: int, rows: int = 5, help_text: str = ""):
    return TextField(
        label=label,
        required=False,
        max_length=max_length,
        validators=[validate_markdown],
        widget=forms.Textarea(attrs={"rows": rows, "cols": 80}),
        help_text=help_text,
        strip=False,
    )


class ArticleEditorForm(forms.Form):
    """Every editable field of an article; the drug sections only for a drug page.

    `kind` is the kind the editor was opened for (the latest revision's, or
    the one chosen before writing a new article). Drug sections are left out
    of other kinds; what a revision already holds in them is kept, so
    switching a page's kind back and forth loses nothing.
    """

    title = TextField(
        label=_("Title"),
        max_length=Article.TITLE_MAX,
        validators=[validate_plain_text],
        widget=forms.TextInput(attrs={"size": 80}),
    )
    slug = forms.SlugField(
        label=_("Slug"),
        max_length=Article.TITLE_MAX,
        allow_unicode=True,
        required=False,
        help_text=_(
            "The last part of the address. Leave empty to make one from the title. "
            "Changing it on a published article keeps the old address working."
        ),
        widget=forms.TextInput(attrs={"size": 80}),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=Article.Kind.choices,
        help_text=_(
            "Drug pages have their own sections. After changing the kind, save "
            "and keep editing to see the fields that go with it."
        ),
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=Language.CHOICES, required=False
    )
    channel = ChannelChoiceField(
        label=_("Channel"), queryset=Channel.objects.select_related("parent__parent")
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Related articles are those sharing topics."),
    )
    authors = AuthorChoiceField(
        label=_("Authors"),
        queryset=selectors.author_choices(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    summary = TextField(
        label=_("Summary"),
        max_length=Article.SUMMARY_MAX,
        required=False,
        validators=[validate_plain_text],
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text=_("One or two plain sentences for lists, feeds and search results."),
    )
    hero_image = forms.FileField(
        label=_("Hero image"),
        required=False,
        validators=[validate_hero_image],
        help_text=_("Optional. JPEG, PNG or WebP, at most 2 MB."),
    )
    clear_hero_image = forms.BooleanField(
        label=_("Remove the current image"), required=False
    )
    hero_alt = TextField(
        label=_("Image description (alt text)"),
        max_length=200,
        required=False,
        validators=[validate_plain_text],
        help_text=_(
            "Required with an image: what it shows, for people who can't see it."
        ),
    )
    illustration = forms.ChoiceField(
        label=_("Illustration"),
        choices=[("", _("None")), *illustration_choices()],
        required=False,
        help_text=_(
            "One of the library's own diagrams, with its description and caption "
            "in every language. Shown when the article has no hero image."
        ),
    )
    body = _markdown_field(
        _("Article text"), max_length=Article.BODY_MAX, rows=24, help_text=MARKDOWN_HELP
    )
    note = TextField(
        label=_("What did you change? (optional)"),
        max_length=200,
        required=False,
        validators=[validate_plain_text],
    )
    based_on = IdField(required=False)
    overwrite = forms.BooleanField(
        label=_("Save anyway, replacing the newer version"), required=False
    )

    DRUG_FIELDS = DrugProfile.FIELDS

    def __init__(self, *args, kind: str = Article.Kind.GUIDE, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        if self.has_drug_sections:
            for name, heading, _anchor in DrugProfile.SECTIONS:
                self.fields[name] = _markdown_field(
                    heading, max_length=DrugProfile.SECTION_MAX, rows=5
                )

    @property
    def has_drug_sections(self) -> bool:
        return self.kind == Article.Kind.DRUG

    @property
    def drug_fields(self):
        return [self[name] for name in self.DRUG_FIELDS if name in self.fields]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("slug") and cleaned.get("title"):
            cleaned["slug"] = slugify(cleaned["title"], allow_unicode=True)[
                : Article.TITLE_MAX
            ].strip("-")
            if not cleaned["slug"]:
                self.add_error(
                    "slug", _("Please choose a slug with letters or digits.")
                )
        if cleaned.get("hero_image") and cleaned.get("clear_hero_image"):
            self.add_error(
                "clear_hero_image",
                _("Either upload a new image or remove the current one, not both."),
            )
        return cleaned

    @staticmethod
    def initial_from(content: dict, *, based_on: int | None) -> dict:
        initial = {
            "title": content["title"],
            "slug": content["slug"],
            "kind": content["kind"],
            "language": content["language"],
            "channel": content["channel_id"],
            "topics": content["topic_ids"],
            "authors": content["author_ids"],
            "summary": content["summary"],
            "hero_alt": content["hero_alt"],
            "illustration": content["illustration"],
            "body": content["body"],
            "based_on": based_on,
        }
        initial.update(content["drug"])
        return initial

    def to_content(self, previous: dict | None, references: list[dict]) -> dict:
        """The submitted fields in revision shape; the image stays unless replaced."""
        data = self.cleaned_data
        kept_drug = (previous or {}).get("drug") or {}
        content = empty_content()
        content.update(
            title=data["title"],
            slug=data["slug"],
            kind=data["kind"],
            # Left out (an older page): the language it had, else English.
            language=data["language"]
            or (previous or {}).get("language")
            or Language.ENGLISH,
            channel_id=data["channel"].pk,
            topic_ids=[topic.pk for topic in data["topics"]],
            author_ids=[user.pk for user in data["authors"]],
            summary=data["summary"],
            hero_alt=data["hero_alt"],
            illustration=data["illustration"],
            body=data["body"],
            references=references,
            drug={
                name: data[name] if name in self.fields else kept_drug.get(name, "")
                for name in self.DRUG_FIELDS
            },
        )
        kept = (previous or {}).get("hero_image", "")
        content["hero_image"] = "" if data.get("clear_hero_image") else kept
        return content


class ReferenceForm(forms.Form):
    title = TextField(
        label=capfirst(Reference._meta.get_field("title").verbose_name),
        max_length=300,
        validators=[validate_plain_text],
    )
    source = TextField(
        label=_("Source"),
        max_length=200,
        required=False,
        validators=[validate_plain_text],
    )
    year = forms.IntegerField(
        label=_("Year"), required=False, min_value=1800, max_value=2100
    )
    doi = TextField(
        label=_("DOI"), max_length=100, required=False, validators=[validate_doi]
    )
    pmid = TextField(
        label=_("PubMed ID"), max_length=12, required=False, validators=[validate_pmid]
    )
    url = forms.URLField(
        label=_("Link"), max_length=500, required=False, assume_scheme="https"
    )


ReferenceFormSet = forms.formset_factory(
    ReferenceForm, extra=2, can_delete=True, can_order=True, max_num=100
)


def references_from(formset) -> list[dict]:
    """The kept references of a valid formset, in the order the editor chose."""
    return [
        {name: form.cleaned_data.get(name) for name in REFERENCE_FIELDS}
        for form in formset.ordered_forms
    ]


class WorkflowForm(forms.Form):
    """One workflow step on one article; which fields matter depends on `action`."""

    ACTIONS = (
        ("submit", _("Submit for review")),
        ("return", _("Return to draft")),
        ("publish", _("Publish now")),
        ("schedule", _("Schedule")),
        ("unpublish", _("Unpublish")),
        ("archive", _("Archive")),
    )

    action = forms.ChoiceField(choices=ACTIONS, widget=forms.HiddenInput)
    publish_at = forms.DateTimeField(
        label=_("Publish at"),
        required=False,
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
        ),
    )
    expire_at = forms.DateTimeField(
        label=_("Expire at (optional)"),
        required=False,
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
        ),
    )
    reason = TextField(
        label=_("Note"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 40}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "schedule" and not cleaned.get("publish_at"):
            self.add_error("publish_at", _("Choose when to publish."))
        return cleaned


class SaveScheduleForm(forms.Form):
    """The times of the editor's "Save and schedule".

    Read only after the draft is saved, so a missing or wrong time costs a
    message, never the text. The service checks the rest (sign-off, expiry).
    """

    prefix = "schedule"
    use_required_attribute = False  # only "Save and schedule" needs a time

    publish_at = forms.DateTimeField(
        label=_("Publish at"),
        error_messages={
            "required": _("Not scheduled: choose when to publish it."),
            "invalid": _(
                "Not scheduled: the publication time is not a valid date and time."
            ),
        },
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
        ),
    )
    expire_at = forms.DateTimeField(
        label=_("Expire at (optional)"),
        required=False,
        error_messages={
            "invalid": _("Not scheduled: the expiry time is not a valid date and time.")
        },
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
        ),
    )

    def clean_publish_at(self):
        publish_at = self.cleaned_data["publish_at"]
        if publish_at <= timezone.now():
            raise forms.ValidationError(
                _(
                    "Not scheduled: that time has passed. Choose a later one, or "
                    "use “Save and publish” to publish now."
                ),
                code="past",
            )
        return publish_at


class SignOffForm(forms.Form):
    revision = IdField()
    next_review_due = forms.DateField(
        label=_("Next review due (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty for the default: 3 years, or 1 year for drug pages."),
    )
    note = TextField(
        label=_("Note for the editors (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
    )
