"""`{% load form_errors %}`: the error summary at the top of a page whose form was
refused (the GOV.UK pattern): one line per problem, each a link to its field, so a
member on a phone sees at once what to fix instead of a page that seems to reload."""

from dataclasses import dataclass

from django import template
from django.forms import BaseForm
from django.forms.utils import ErrorDict

register = template.Library()


@dataclass(frozen=True, slots=True)
class Problem:
    message: str
    anchor: str  # the field's id, "" for a problem with the whole form


def _refused_forms(context) -> list[BaseForm]:
    forms, seen = [], set()
    for value in context.flatten().values():
        # type(), not isinstance(): that would evaluate the lazy objects beside the
        # forms (the user, the CSRF token), so a visitor's page would read the
        # session, set a cookie and never be cached.
        if (
            issubclass(type(value), BaseForm)
            and value.is_bound
            and id(value) not in seen
            and isinstance(value._errors, ErrorDict)  # validated, not validated here
            and value._errors
        ):
            seen.add(id(value))
            forms.append(value)
    return forms


def problems(context) -> list[Problem]:
    """Every error of every refused form in the page's context, in field order."""
    found = []
    for form in _refused_forms(context):
        for name, errors in form.errors.items():
            anchor = ""
            if name in form.fields and not form[name].is_hidden:
                field = form[name]
                anchor = field.id_for_label or field.auto_id or ""
            found.extend(Problem(str(message), anchor) for message in errors)
    return found


@register.simple_tag(takes_context=True)
def form_problems(context) -> list[Problem]:
    """`{% form_problems as problems %}`: for the summary and the page's title."""
    if "_form_problems" not in context.render_context:
        context.render_context["_form_problems"] = problems(context)
    return context.render_context["_form_problems"]
