from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from articles.models import Channel
from forum.models import Board

from .query import MAX_LENGTH
from .searching import PERIODS


class SearchForm(forms.Form):
    """The filters are choices; an unknown value is ignored rather than an error."""

    q = forms.CharField(
        label=_("Search for"), required=False, max_length=MAX_LENGTH * 5, strip=True
    )
    kind = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("", _("Everything")),
            ("articles", _("Articles")),
            ("discussions", _("Discussions")),
        ],
    )
    channel = forms.ChoiceField(label=_("Library channel"), required=False)
    board = forms.ChoiceField(label=_("Forum board"), required=False)
    period = forms.ChoiceField(
        label=_("Written"),
        required=False,
        choices=[("", _("Any time"))]
        + [(key, label) for key, (_delta, label) in PERIODS.items()],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [("", _("All channels"))] + [
            (channel.slug, channel.local_name)
            for channel in Channel.objects.order_by("name").only(
                "slug", "name", "name_zh_hant"
            )
        ]
        self.fields["board"].choices = [("", _("All boards"))] + list(
            Board.objects.order_by("name").values_list("slug", "name")
        )

    def cleaned_filters(self) -> dict[str, str]:
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            name: self.cleaned_data.get(name, "")
            for name in ("kind", "channel", "board", "period")
            if name not in self.errors
        }

    def querystring(self) -> str:
        """The current search without its page number, for pagination links."""
        if not self.is_bound:
            return ""
        keep = {k: v for k, v in self.data.items() if k != "page" and v}
        return urlencode(keep)
