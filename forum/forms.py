"""Forms check the shape of what was typed; the services decide and save."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.http import urlencode
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.converters import parse_id
from core.forms import IdField, LocalNamesField, PhotosMixin, TextField
from core.models import Topic

from .models import Post, Report, Thread
from .services.screening import find_personal_information

BODY_HELP = _(
    "You can use Markdown: **bold**, *italic*, > quotes, - lists and links. "
    "Please don't share your email address, phone number or home address."
)
BODY_ERRORS = {"required": _("Please write something before posting.")}


def _id_list(value: str) -> list[int]:
    ids = (parse_id(part) for part in (value or "").split(","))
    return [number for number in ids if number is not None]


class TermsMixin(forms.Form):
    """A member's first post asks them to accept the guidelines and forum disclaimer.

    `pending_terms` are the versions still to accept (from
    `core.disclaimers.pending_acknowledgements`); their ids travel in a
    hidden field so a member accepts exactly the versions they were shown.
    """

    accept_terms = forms.BooleanField(
        label=_(
            "I have read and accept the community guidelines and the forum disclaimer"
        ),
        required=False,
    )
    accepted_versions = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, pending_terms=(), previewing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.pending_terms = list(pending_terms)
        self.previewing = previewing  # a preview needs no acceptance yet
        if self.pending_terms:
            self.fields["accepted_versions"].initial = ",".join(
                str(version.pk) for version in self.pending_terms
            )
        else:
            del self.fields["accept_terms"]
            del self.fields["accepted_versions"]

    def clean(self):
        cleaned = super().clean()
        if (
            self.pending_terms
            and not self.previewing
            and not cleaned.get("accept_terms")
        ):
            self.add_error(
                "accept_terms",
                _(
                    "Please confirm that you have read and accept the community "
                    "guidelines and the forum disclaimer."
                ),
            )
        return cleaned

    def accepted_version_ids(self) -> list[int]:
        if not self.pending_terms or not self.cleaned_data.get("accept_terms"):
            return []
        return _id_list(self.cleaned_data.get("accepted_versions", ""))


class PersonalInformationMixin(forms.Form):
    """Warn before posting text that looks like an email address, phone number or
    street address. The member edits it, or presses "Post anyway" (`post_anyway`).
    Previews are never blocked. Works without JavaScript: it is a form error.
    """

    personal_information: tuple | list = ()

    def clean(self):
        cleaned = super().clean()
        if self.data.get("preview") or self.data.get("post_anyway"):
            return cleaned
        text = "\n".join(str(cleaned.get(name) or "") for name in ("title", "body"))
        found = find_personal_information(text)
        if found:
            self.personal_information = found
            raise ValidationError(
                format_lazy(
                    "{} {}",
                    _("You are about to share personal information publicly:"),
                    ", ".join(item.label for item in found) + ".",
                ),
                code="personal_information",
            )
        return cleaned


class ThreadForm(PhotosMixin, PersonalInformationMixin, TermsMixin):
    title = TextField(
        label=_("Title"),
        min_length=Thread.TITLE_MIN,
        max_length=Thread.TITLE_MAX,
        help_text=_("A short summary, e.g. “Itching after starting tacrolimus”."),
    )
    body = TextField(
        label=_("Your post"),
        max_length=Post.BODY_MAX,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=BODY_HELP,
        error_messages=BODY_ERRORS,
    )
    topics = LocalNamesField(
        label=_("Topics (optional)"),
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Topics link your thread with the library's articles."),
    )
    members_only = forms.BooleanField(
        label=_("Members only: hide this thread from visitors and search engines"),
        required=False,
        help_text=_(
            "Only signed-in members will be able to read it. It is still not "
            "private: every member can."
        ),
    )

    field_order = [
        "title",
        "body",
        "topics",
        "members_only",
        "accept_terms",
        "accepted_versions",
    ]


def short_answer_field() -> forms.Field:
    """A professional's short answer: optional plain text, a few sentences."""
    return TextField(
        label=_("Short answer (optional)"),
        required=False,
        max_length=Post.SHORT_ANSWER_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=format_lazy(
            _(
                "A few plain sentences shown first, before your full answer. "
                "Plain text, at most {max} characters."
            ),
            max=Post.SHORT_ANSWER_MAX,
        ),
    )


class ReplyForm(PhotosMixin, PersonalInformationMixin, TermsMixin):
    short_answer = short_answer_field()
    body = TextField(
        label=_("Your reply"),
        max_length=Post.BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=BODY_HELP,
        error_messages=BODY_ERRORS,
    )
    reply_to = IdField(required=False)
    quote = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args,
        answering: bool = False,
        short_answer: bool = False,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        if answering:  # a Q&A board: the composer says "answer" throughout
            self.fields["body"].label = _("Your answer")
        if short_answer:  # a professional's answer: the body is the detail
            self.fields["body"].label = _("More detail")
        else:
            del self.fields["short_answer"]

    def quoted_post_ids(self) -> list[int]:
        return _id_list(self.cleaned_data.get("quote", ""))


class EditPostForm(PersonalInformationMixin, forms.Form):
    title = TextField(
        label=_("Title"), min_length=Thread.TITLE_MIN, max_length=Thread.TITLE_MAX
    )
    short_answer = short_answer_field()
    body = TextField(
        label=_("Text"),
        max_length=Post.BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=BODY_HELP,
        error_messages=BODY_ERRORS,
    )

    def __init__(
        self, *args, with_title: bool = False, short_answer: bool = False, **kwargs
    ):
        super().__init__(*args, **kwargs)
        if not with_title:
            del self.fields["title"]
        if short_answer:
            self.fields["body"].label = _("More detail")
        else:
            del self.fields["short_answer"]


class ReportForm(forms.Form):
    """Report or request deletion: a reason from the list and an optional note."""

    reason = forms.ChoiceField(
        label=_("Why are you reporting this?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose a reason.")},
    )
    note = TextField(
        label=_("Anything the moderators should know? (optional)"),
        max_length=Report.NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only moderators read this."),
    )

    def __init__(self, *args, reasons=(), **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Report.Reason.choices)
        self.fields["reason"].choices = [(reason, labels[reason]) for reason in reasons]
        if len(reasons) == 1:
            self.fields["reason"].initial = reasons[0]


class BoardListForm(forms.Form):
    """A board page's order and filter (GET). Anything unknown means the default."""

    order = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("latest", _("Latest activity")),
            ("newest", _("Newest")),
            ("liked", _("Most liked")),
        ],
    )
    show = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("", _("All threads")),
            ("unanswered", _("Unanswered")),
            ("answered", _("Answered")),
        ],
    )

    def __init__(self, data, *, questions: bool = False):
        super().__init__(data)
        if questions:
            self.fields["show"].choices = [
                ("", _("All questions")),
                ("unanswered", _("No professional answer yet")),
                ("answered", _("Answered by a professional")),
            ]
        else:
            self.fields["show"].choices = [
                ("", _("All threads")),
                ("unanswered", _("No replies yet")),
                ("answered", _("With replies")),
            ]

    def choices(self) -> dict[str, str]:
        """{"order": ..., "show": ...}: valid values kept, anything else the default."""
        chosen = {"order": "latest", "show": ""}
        for name in chosen:
            value = self.data.get(name, "")
            if value in dict(self.fields[name].choices):
                chosen[name] = value
        return chosen

    def querystring(self) -> str:
        """The chosen values that are not the default, for pagination links."""
        defaults = {"order": "latest", "show": ""}
        return urlencode({k: v for k, v in self.choices().items() if v != defaults[k]})
