"""A readable, word-level comparison of two revisions, field by field."""

import difflib
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from core.models import Topic
from members.models import User

from .content import normalize
from .models import Article, Channel, DrugProfile, Reference, Revision

# Words, runs of spaces and single punctuation marks: small changes stay small.
_TOKEN = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


@dataclass
class FieldDiff:
    label: str
    segments: list[tuple[str, str]]  # ("equal" | "delete" | "insert", text)

    @property
    def changed(self) -> bool:
        return any(op != "equal" for op, _text in self.segments)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Segments that turn `old` into `new`, merged so the page reads naturally."""
    a, b = _TOKEN.findall(old or ""), _TOKEN.findall(new or "")
    segments: list[tuple[str, str]] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if segments and segments[-1][0] == op:
            segments[-1] = (op, segments[-1][1] + text)
        else:
            segments.append((op, text))

    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("equal", "".join(a[i1:i2]))
        else:
            add("delete", "".join(a[i1:i2]))
            add("insert", "".join(b[j1:j2]))
    return segments


def _reference_text(ref: dict) -> str:
    parts = [ref["title"]]
    if ref["source"]:
        parts.append(ref["source"])
    if ref["year"]:
        parts.append(str(ref["year"]))
    if ref["doi"]:
        parts.append(f"doi:{ref['doi']}")
    if ref["pmid"]:
        parts.append(f"PMID {ref['pmid']}")
    if ref["url"]:
        parts.append(ref["url"])
    return ". ".join(parts)


def _texts(content: dict, names: dict) -> list[tuple[str, str]]:
    """(label, text) for every field of `content`, in editing order."""
    field = Article._meta.get_field
    kinds = dict(Article.Kind.choices)
    rows = [
        (field("title").verbose_name, content["title"]),
        (field("slug").verbose_name, content["slug"]),
        (field("kind").verbose_name, str(kinds.get(content["kind"], content["kind"]))),
        (
            field("channel").verbose_name,
            names["channels"].get(content["channel_id"], ""),
        ),
        (
            field("topics").verbose_name,
            ", ".join(names["topics"].get(pk, "?") for pk in content["topic_ids"]),
        ),
        (
            field("authors").verbose_name,
            ", ".join(names["users"].get(pk, "?") for pk in content["author_ids"]),
        ),
        (field("summary").verbose_name, content["summary"]),
        (field("hero_image").verbose_name, content["hero_image"]),
        (field("hero_alt").verbose_name, content["hero_alt"]),
        (field("illustration").verbose_name, content["illustration"]),
        (field("body").verbose_name, content["body"]),
    ]
    for name in DrugProfile.FIELDS:
        rows.append(
            (DrugProfile._meta.get_field(name).verbose_name, content["drug"][name])
        )
    rows.append(
        (
            Reference._meta.verbose_name_plural,
            "\n".join(
                f"[{n}] {_reference_text(ref)}"
                for n, ref in enumerate(content["references"], start=1)
            ),
        )
    )
    return [(str(label).capitalize(), text) for label, text in rows]


def compare_revisions(old: Revision, new: Revision) -> list[FieldDiff]:
    """Every field of the two revisions, each with its word-level changes."""
    a, b = normalize(old.content), normalize(new.content)
    channel_ids = {a["channel_id"], b["channel_id"]}
    topic_ids = {*a["topic_ids"], *b["topic_ids"]}
    user_ids = {*a["author_ids"], *b["author_ids"]}
    names = {
        "channels": dict(
            Channel.objects.filter(pk__in=channel_ids).values_list("pk", "name")
        ),
        "topics": dict(
            Topic.objects.filter(pk__in=topic_ids).values_list("pk", "name")
        ),
        "users": dict(
            User.objects.filter(pk__in=user_ids).values_list(
                "pk", "profile__display_name"
            )
        ),
    }
    old_texts, new_texts = _texts(a, names), _texts(b, names)
    return [
        FieldDiff(label=label, segments=word_diff(old_text, new_text))
        for (label, old_text), (_label, new_text) in zip(
            old_texts, new_texts, strict=True
        )
    ]


def summary_line(diffs: list[FieldDiff]) -> str:
    changed = [diff.label for diff in diffs if diff.changed]
    if not changed:
        return _("The two revisions are identical.")
    return _("Changed: %(fields)s.") % {"fields": ", ".join(changed)}
