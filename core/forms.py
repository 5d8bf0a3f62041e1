"""Form fields shared by every app."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .converters import MAX_ID, parse_id


class IdField(forms.Field):
    """A database id (1..MAX_ID), typically a hidden input; anything else is invalid."""

    default_error_messages = {
        "invalid": _("This is not a valid reference; reload the page and try again.")
    }

    def __init__(self, *, widget=forms.HiddenInput, **kwargs):
        super().__init__(widget=widget, **kwargs)

    def to_python(self, value) -> int | None:
        if value in self.empty_values:
            return None
        number = parse_id(value)
        if number is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number

    def widget_attrs(self, widget) -> dict:
        return {**super().widget_attrs(widget), "data-max": str(MAX_ID)}
