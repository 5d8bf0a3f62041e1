"""Diagrams made for the library, kept in the repository as static SVG files.

An article may show one of them (its `illustration` field names it) when it
has no hero image of its own. The drawings carry no words, only numbered
markers, so one file serves every language: the description for people who
can't see it and the caption that explains the numbers are translated here.
SVG never comes from an upload (it can carry script); these files are ours.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.templatetags.static import static
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Illustration:
    key: str
    label: Promise  # what editors choose from
    alt: Promise  # what it shows, for people who can't see it
    caption: Promise  # what the numbered markers mean
    width: int = 640
    height: int = 360

    @property
    def url(self) -> str:
        return static(f"articles/illustrations/{self.key}.svg")


ILLUSTRATIONS = {
    item.key: item
    for item in (
        Illustration(
            key="skin-layers-morphea",
            label=_("Skin layers in morphea"),
            alt=_(
                "Two cross-sections of skin side by side. On the left, healthy "
                "skin: a thin outer layer, a soft middle layer with loose wavy "
                "fibres and a thick layer of fat below. On the right, a morphea "
                "patch: the middle layer is much thicker and packed with tight, "
                "straight fibres, and the fat below is thinner."
            ),
            caption=_(
                "1 Outer layer (epidermis) · 2 Middle layer (dermis) · 3 Fat · "
                "4 In a morphea patch, extra collagen thickens and hardens the "
                "dermis and can replace some of the fat."
            ),
        ),
        Illustration(
            key="fingertip-unit",
            label=_("Applying an ointment: the fingertip unit"),
            alt=_(
                "A finger with a line of ointment squeezed from the tip to the "
                "first crease, and an arrow to a patch of skin covered with a "
                "thin, even layer that reaches a little beyond the patch's edge."
            ),
            caption=_(
                "1 One fingertip unit: a line of ointment from the tip of an "
                "adult's finger to the first crease · 2 It covers an area about "
                "the size of two adult palms · 3 Spread it thinly over the whole "
                "patch and just past its edge."
            ),
        ),
        Illustration(
            key="raynauds-fingers",
            label=_("Raynaud's phenomenon: the three colour changes"),
            alt=_(
                "Three fingers in a row, with arrows between them. The tip of the "
                "first is white, the tip of the second is blue and the tip of the "
                "third is red."
            ),
            caption=_(
                "1 White: the small blood vessels narrow and blood flow stops · "
                "2 Blue: the skin runs short of oxygen · 3 Red: blood rushes back "
                "as the fingers warm, often with tingling or throbbing."
            ),
        ),
    )
}


def illustration_choices() -> list[tuple[str, Promise]]:
    return [(key, item.label) for key, item in ILLUSTRATIONS.items()]


def validate_illustration(value: str) -> None:
    """Empty, or the key of one of the library's own diagrams."""
    if value and value not in ILLUSTRATIONS:
        raise ValidationError(
            _("Please choose one of the library's illustrations."),
            code="unknown_illustration",
        )
