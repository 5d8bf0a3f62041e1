"""Forms of the moderation pages. They check shape; the services decide and act."""

import re
from collections.abc import Iterable

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.forms import TextField

from .models import Post, Thread
from .services.moderation import REASON_MAX
from .services.moderation.actions import BULK_ACTIONS, ModerationAction
from .services.sanctions import SUSPENSION_DAYS

REASON_FIELD = {
    "label": _("Reason or message"),
    "max_length": REASON_MAX,
    "required": False,
    "widget": forms.Textarea(attrs={"rows": 3}),
}


def _days_label(days: int) -> str:
    """Translated and filled in when shown (in the page's language), not at import."""
    return ngettext("%(days)d day", "%(days)d days", days) % {"days": days}


DAYS_CHOICES = [
    ("", _("Choose how long")),
    *[(str(days), lazy(_days_label, str)(days)) for days in SUSPENSION_DAYS],
]


class ModerationActionForm(forms.Form):
    """One action on a post, its thread or its author, with a reason.

    `actions`: the catalogue's actions that fit; their keys are the choices.
    """

    action = forms.ChoiceField(
        label=_("Action"), error_messages={"required": _("Please choose an action.")}
    )
    reason = TextField(
        **REASON_FIELD,
        help_text=_(
            "Required to hide, warn, suspend or ban: the member reads it. "
            "Kept in the moderation log."
        ),
    )
    board = forms.TypedChoiceField(
        label=_("Move to board"), coerce=int, required=False, empty_value=None
    )
    days = forms.TypedChoiceField(
        label=_("Suspend for"),
        choices=DAYS_CHOICES,
        coerce=int,
        required=False,
        empty_value=None,
    )
    hide_posts = forms.BooleanField(
        label=_("When banning, also hide all their published posts"), required=False
    )
    next = TextField(widget=forms.HiddenInput, required=False)

    # An action's option the moderator must fill in (see the catalogue's `options`).
    MISSING = {
        "board": _("Please choose the board to move the thread to."),
        "days": _("Please choose how long the suspension lasts."),
    }

    def __init__(
        self, *args, actions: Iterable[ModerationAction] = (), boards=(), **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.actions = {action.key: action for action in actions}
        self.fields["action"].choices = [("", _("Choose an action"))] + [
            (action.key, action.label) for action in self.actions.values()
        ]
        if "board" in self.fields:
            self.fields["board"].choices = [("", _("Choose a board")), *boards]

    def clean_action(self) -> ModerationAction:
        """The catalogue's action for the chosen key."""
        return self.actions[self.cleaned_data["action"]]

    def clean(self):
        cleaned = super().clean()
        action = cleaned.get("action")
        options = action.options if action else ()
        for name, missing in self.MISSING.items():
            if name in options and not cleaned.get(name):
                self.add_error(name, missing)
        return cleaned


class MemberActionForm(ModerationActionForm):
    """One action on a member (from their record page)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["board"]


class BulkActionForm(forms.Form):
    """The same action on several posts of the queue."""

    action = forms.ChoiceField(
        label=_("With the selected posts"),
        choices=[
            ("", _("Choose an action")),
            *[(action.key, action.bulk_label) for action in BULK_ACTIONS.values()],
        ],
        error_messages={"required": _("Please choose an action.")},
    )
    posts = forms.TypedMultipleChoiceField(
        coerce=int,
        error_messages={
            "required": _("Please select at least one post."),
            "invalid_choice": _("Please select posts from the list."),
        },
    )
    reason = TextField(**REASON_FIELD)
    next = TextField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any id is a choice here; the view keeps the ones that exist.
        raw = self.data.getlist("posts") if hasattr(self.data, "getlist") else []
        self.fields["posts"].choices = [
            (value, value) for value in raw if str(value).isdigit()
        ]


class ModeratorEditForm(forms.Form):
    title = TextField(
        label=_("Title"), min_length=Thread.TITLE_MIN, max_length=Thread.TITLE_MAX
    )
    body = TextField(
        label=_("Text"),
        max_length=Post.BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 14}),
        error_messages={"required": _("The text can't be empty.")},
    )
    reason = TextField(
        **REASON_FIELD,
        help_text=_(
            "Why you edit it: the author reads this, and it is kept in the log."
        ),
    )

    def __init__(self, *args, with_title: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_title:
            del self.fields["title"]


class DateInput(forms.DateInput):
    """A date picker that never echoes text which isn't a date (invalid HTML)."""

    input_type = "date"

    def format_value(self, value):
        value = super().format_value(value)
        if value is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)):
            return value
        return None


class AuditFilterForm(forms.Form):
    """Filters of the moderation log. Bad values are reported, never a 500."""

    action = forms.ChoiceField(label=_("Action"), required=False)
    actor = TextField(label=_("Who (name contains)"), max_length=60, required=False)
    since = forms.DateField(label=_("From"), required=False, widget=DateInput)
    until = forms.DateField(label=_("Until"), required=False, widget=DateInput)

    def __init__(self, *args, actions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("Any action"))] + [
            (action, action) for action in actions
        ]

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end date is before the start date."))
        return cleaned
