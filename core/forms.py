"""Form fields and form helpers shared by every app."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext_lazy as _

from . import comfort, photos
from .converters import parse_id
from .markup import render_markdown
from .models import KeptPhoto
from .names import local_text
from .text import validate_no_null_bytes


class SiteFormRenderer(DjangoTemplates):
    """Django's renderer with the site's field layout (a checkbox beside its label)."""

    field_template_name = "core/forms/field.html"


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


class LocalNamesField(forms.ModelMultipleChoiceField):
    """Choices of named things (topics…) labelled in the page's language (`core.names`)."""

    def label_from_instance(self, obj) -> str:
        return local_text(obj)


class TextField(forms.CharField):
    """A CharField that refuses NUL bytes with the site's one message (`core.text`).

    The check comes before the field's other validators, so text holding one
    gets that single clear error, not a list of confused ones.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators = [
            validator
            for validator in self.validators
            if not isinstance(validator, ProhibitNullCharactersValidator)
        ]

    def validate(self, value) -> None:
        super().validate(value)
        validate_no_null_bytes(value)


def add_service_errors(
    form: forms.BaseForm,
    error: ValidationError,
    *,
    fields: dict[str, str] | None = None,
    codes: dict[str, str] | None = None,
) -> None:
    """Put a service's ValidationError on `form`, so the person keeps what they typed.

    Errors about a field the form shows go next to it: `fields` renames the
    service's names to the form's (`{"channel_id": "channel"}`), `codes` sends an
    error without a field to one by its code (`{"acknowledgement_required":
    "accept_terms"}`). Everything else goes on top of the form.
    """
    fields, codes = fields or {}, codes or {}
    if not hasattr(error, "error_dict"):
        name = codes.get(getattr(error, "code", None) or "")
        form.add_error(name if name in form.fields else None, error)
        return
    for key, errors in error.error_dict.items():
        name = fields.get(key, key)
        form.add_error(name if name in form.fields else None, errors)


def submit_composer(request, form, save, *, map_errors=add_service_errors):
    """A composer's POST: "Preview" shows the Markdown rendered; otherwise
    `save(cleaned_data)` runs, and a ValidationError goes back onto the form (through
    `map_errors`) so the person keeps their text, and their photos (kept for the
    next submit). Returns (preview HTML, what `save` returned or None). A
    PermissionDenied from `save` is the caller's to show (the photos are kept)."""
    back = _photos_go_back(request, form)
    if request.method != "POST" or not form.is_valid():
        back()
        return None, None
    if "preview" in request.POST:
        back()
        return render_markdown(form.cleaned_data["body"]), None
    try:
        saved = save(form.cleaned_data)
    except ValidationError as error:
        map_errors(form, error)
        back()
        return None, None
    except PermissionDenied:
        back()
        raise
    if isinstance(form, PhotosMixin):
        form.forget_used_photos()
    return None, saved


def refuse_composer(request, form, message: str) -> None:
    """A composer refused before it is saved (a locked thread, a suspension): the
    message on the form, the text and the photos kept."""
    back = _photos_go_back(request, form)
    form.is_valid()
    form.add_error(None, message)
    back()


def _photos_go_back(request, form):
    """What to call when `form` goes back to a signed-in member: keep its photos."""
    if not isinstance(form, PhotosMixin) or not request.user.is_authenticated:
        return lambda: None
    form.photo_owner = request.user
    return form.keep_photos if request.method == "POST" else (lambda: None)


class PhotosMixin(forms.Form):
    """Up to PHOTO_SLOTS photos, each with the words that describe it (alt text).
    The app's service checks and re-encodes them (`core.photos`).

    A photo chosen on a form that goes back to the member (an error, a preview, a
    refusal) is kept for their next submit (`keep_photos`): the slot says so, and
    they need not choose it again (a file input cannot be filled by a page)."""

    PHOTO_SLOTS = 4
    PHOTO_ALT_MAX = 250

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.photo_owner = None  # set by submit_composer: kept photos are theirs
        self.kept_photos: dict[int, object] = {}  # slot -> core.models.KeptPhoto
        for n in range(1, self.PHOTO_SLOTS + 1):
            self.fields[f"photo_{n}"] = forms.FileField(
                label=_("Photo %(n)d") % {"n": n},
                required=False,
                widget=forms.ClearableFileInput(
                    attrs={"accept": "image/jpeg,image/png,image/webp"}
                ),
            )
            self.fields[f"alt_{n}"] = forms.CharField(
                label=_("What the photo shows (for people who can't see it)"),
                required=False,
                max_length=self.PHOTO_ALT_MAX,
            )
            self.fields[f"kept_{n}"] = forms.CharField(
                required=False, widget=forms.HiddenInput, max_length=40
            )
            self.fields[f"forget_{n}"] = forms.BooleanField(
                label=_("Remove this photo"), required=False
            )

    def clean(self):
        cleaned = super().clean()
        for n in range(1, self.PHOTO_SLOTS + 1):
            token = cleaned.get(f"kept_{n}")
            if (
                token
                and not cleaned.get(f"photo_{n}")
                and not cleaned.get(f"forget_{n}")
            ):
                kept = photos.kept_photo(self.photo_owner, token)
                if kept is None:
                    self.add_error(
                        f"photo_{n}",
                        _(
                            "We could not keep this photo any longer: please choose it again."
                        ),
                    )
                else:
                    self.kept_photos[n] = kept
                    cleaned[f"photo_{n}"] = photos.kept_file(kept)
            if (
                cleaned.get(f"photo_{n}")
                and not (cleaned.get(f"alt_{n}") or "").strip()
            ):
                self.add_error(
                    f"alt_{n}", _("Please describe this photo in a few words.")
                )
        return cleaned

    def keep_photos(self) -> None:
        """The form goes back to the member: keep each photo they chose for their
        next submit, named in its slot (a removed one is forgotten)."""
        if self.photo_owner is None or not self.is_bound:
            return
        self.data = self.data.copy()
        for n in range(1, self.PHOTO_SLOTS + 1):
            upload = self.files.get(f"photo_{n}")
            if upload:
                kept = photos.keep_photo(self.photo_owner, upload)
                self.kept_photos.pop(n, None)
                if kept is not None:
                    self.kept_photos[n] = kept
            elif self.data.get(f"forget_{n}"):
                self.kept_photos.pop(n, None)
            kept = self.kept_photos.get(n)
            self.data[f"kept_{n}"] = str(kept.token) if kept else ""
            self.data[f"forget_{n}"] = ""

    def forget_used_photos(self) -> None:
        """The post went out with the kept photos: they are not needed any more."""
        tokens = [kept.token for kept in self.kept_photos.values()]
        if tokens:
            photos.forget_kept_photos(KeptPhoto.objects.filter(token__in=tokens))

    def photos(self) -> list[tuple]:
        """(file, alt text) for each photo chosen."""
        return [
            (self.cleaned_data[f"photo_{n}"], self.cleaned_data.get(f"alt_{n}", ""))
            for n in range(1, self.PHOTO_SLOTS + 1)
            if self.cleaned_data.get(f"photo_{n}")
        ]

    def photo_fields(self) -> list[tuple]:
        """(photo, alt, kept token, remove box, the kept photo or None) per slot."""
        return [
            (
                self[f"photo_{n}"],
                self[f"alt_{n}"],
                self[f"kept_{n}"],
                self[f"forget_{n}"],
                self.kept_photos.get(n),
            )
            for n in range(1, self.PHOTO_SLOTS + 1)
        ]


class ComfortForm(forms.Form):
    """Text size, line spacing, motion and contrast (`core.comfort`)."""

    text_size = forms.ChoiceField(
        label=_("Text size"),
        choices=comfort.TextSize.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages={
            "invalid_choice": _("Please choose one of the text sizes shown."),
        },
    )
    line_spacing = forms.ChoiceField(
        label=_("Space between lines"),
        choices=comfort.LineSpacing.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages={
            "invalid_choice": _("Please choose one of the line spacings shown."),
        },
    )
    reduce_motion = forms.BooleanField(
        label=_("Reduce motion"),
        required=False,
        help_text=_("Nothing slides, scrolls smoothly or fades on its own."),
    )
    more_contrast = forms.BooleanField(
        label=_("Stronger contrast"),
        required=False,
        help_text=_("Darker text and thicker lines around buttons, fields and links."),
    )

    def clean_text_size(self) -> str:
        """Left out (an older page): keep what was chosen before."""
        return self.cleaned_data["text_size"] or self.initial.get(
            "text_size", comfort.TextSize.NORMAL
        )

    def clean_line_spacing(self) -> str:
        return self.cleaned_data["line_spacing"] or self.initial.get(
            "line_spacing", comfort.LineSpacing.NORMAL
        )

    def chosen(self) -> comfort.Comfort:
        """The settings chosen (call after is_valid())."""
        return comfort.Comfort.of(**self.cleaned_data)
