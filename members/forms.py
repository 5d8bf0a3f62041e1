from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.mfa.webauthn.forms import AddWebAuthnForm
from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import TextField

from .models import Profile
from .services import validate_display_name


class LoginForm(AllauthLoginForm):
    """allauth's login with a plain "remember" choice in our words."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "remember" in self.fields:
            self.fields["remember"].label = _("Keep me logged in on this device")


class AddSecurityKeyForm(AddWebAuthnForm):
    """allauth's "add a security key" with labels in plain words (its name field has none)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = _("A name to tell this key apart")
        if "passwordless" in self.fields:
            self.fields["passwordless"].label = _("Use it as a passkey (no password)")


class SignupForm(AllauthSignupForm):
    """allauth's signup plus the public display name."""

    display_name = TextField(
        label=_("Display name"),
        min_length=Profile.DISPLAY_NAME_MIN,
        max_length=Profile.DISPLAY_NAME_MAX,
        help_text=_(
            "Shown with everything you post. Use a nickname if you prefer: "
            "not your email address."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )

    field_order = ["display_name", "email", "password1", "password2"]

    def clean_display_name(self) -> str:
        return validate_display_name(self.cleaned_data["display_name"])


class ProfileForm(forms.Form):
    """What a member may change about their own profile."""

    display_name = TextField(
        label=_("Display name"),
        min_length=Profile.DISPLAY_NAME_MIN,
        max_length=Profile.DISPLAY_NAME_MAX,
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    age_range = forms.ChoiceField(
        label=_("Age range (optional)"),
        choices=[("", _("Prefer not to say")), *Profile.AgeRange.choices],
        required=False,
        help_text=_("Shown beside questions you ask, to help professionals answer."),
    )
    sex = forms.ChoiceField(
        label=_("Sex (optional)"),
        choices=[("", _("Prefer not to say")), *Profile.Sex.choices],
        required=False,
    )
    bio = TextField(
        label=_("A few words about you (optional)"),
        max_length=Profile.BIO_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    follow_on_post = forms.BooleanField(
        label=_("Follow threads I start or reply to"), required=False
    )
    email_frequency = forms.ChoiceField(
        label=_("Email me about replies"), choices=Profile.EmailFrequency.choices
    )
    accepts_new_conversations = forms.BooleanField(
        label=_("Let members start private conversations with me"),
        required=False,
        help_text=_(
            "Health professionals may prefer to answer in the forum, where "
            "everyone benefits. People already talking with you can still write."
        ),
    )
    notify_without_content = forms.BooleanField(
        label=_("Leave the text out of emails about private messages"),
        required=False,
        help_text=_("The email then only says who wrote to you."),
    )
    notify_on_mention = forms.BooleanField(
        label=_("Tell me when someone mentions me in the forum"), required=False
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=Profile.Language.choices,
        required=False,
        help_text=_("For the site when you are logged in, and for our emails."),
    )

    def clean_language(self) -> str:
        """Left out of the form (an older page): keep the language already saved."""
        return self.cleaned_data["language"] or self.initial.get(
            "language", Profile.Language.ENGLISH
        )


class DeleteAccountForm(forms.Form):
    """Deleting one's account: what happens to the posts, the password, and a confirmation."""

    mode = forms.ChoiceField(
        label=_("Your posts"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose what happens to your posts.")},
    )
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Please type your password to confirm.")},
    )
    confirm = forms.BooleanField(
        label=_(
            "I understand that my account is deleted for good: this can't be undone."
        ),
        error_messages={"required": _("Please tick the box to confirm.")},
    )

    def __init__(self, *args, **kwargs):
        from .privacy import DeletionMode

        super().__init__(*args, **kwargs)
        self.fields["mode"].choices = DeletionMode.choices
