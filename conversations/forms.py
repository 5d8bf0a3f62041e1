from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.forms import IdField, PhotosMixin, TextField

from .models import Conversation, Message, MessageReport


class MessageForm(forms.Form):
    body = TextField(
        label=_("Your message"),
        max_length=Message.BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown works here: **bold**, *italic*, lists and links."),
    )


class ComposeForm(PhotosMixin, MessageForm):
    """A new message in a conversation: text and photos."""


def _recipients_help() -> str:
    """Translated and filled in when shown (in the page's language), not at import."""
    limit = Conversation.MAX_RECIPIENTS
    return ngettext(
        "Display names, separated by commas: up to %(max)d person.",
        "Display names, separated by commas: up to %(max)d people.",
        limit,
    ) % {"max": limit}


class StartForm(PhotosMixin, MessageForm):
    to = TextField(
        label=_("To"),
        max_length=400,
        help_text=lazy(_recipients_help, str)(),
    )
    subject = TextField(
        label=_("Subject (optional)"),
        max_length=Conversation.SUBJECT_MAX,
        required=False,
    )

    field_order = ["to", "subject", "body"]

    def clean_to(self) -> list[str]:
        names = [name.strip() for name in self.cleaned_data["to"].split(",")]
        return [name for name in dict.fromkeys(names) if name]


class ReportForm(forms.Form):
    reason = TextField(
        label=_("What is wrong with this message?"),
        max_length=MessageReport.REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "A moderator will read this message and the ones around it. "
            "Nobody else in the conversation is told who reported it."
        ),
    )


class ReadReasonForm(forms.Form):
    reason = TextField(
        label=_("Why do you need to read this conversation?"),
        max_length=500,
        help_text=_("Kept in the audit log with your name and the time."),
    )
    # Which button was pressed: the messages around the reported one as reported,
    # or the whole conversation; without one, the narrower reading.
    scope = forms.ChoiceField(
        choices=MessageReport.ReadScope.choices,
        required=False,
        widget=forms.HiddenInput,
    )

    def clean_scope(self) -> str:
        return self.cleaned_data["scope"] or MessageReport.ReadScope.AROUND


class HideForm(forms.Form):
    reason = TextField(
        label=_("Reason (the author sees it)"),
        max_length=300,
    )
    report = IdField(required=False)


class DismissForm(forms.Form):
    reason = TextField(label=_("Note (optional)"), max_length=300, required=False)
