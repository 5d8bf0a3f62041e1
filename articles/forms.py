"""Reader-facing forms. They validate shape only; services decide and save."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import TextField

from .models import CorrectionRequest
from .validators import validate_plain_text


class CorrectionForm(forms.Form):
    message = TextField(
        label=_("What is wrong or out of date?"),
        min_length=CorrectionRequest.MESSAGE_MIN,
        max_length=CorrectionRequest.MESSAGE_MAX,
        validators=[validate_plain_text],
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Quote the sentence if you can, and tell us where the correct information "
            "comes from. Editors read every report; please don't include personal "
            "medical details."
        ),
    )
