"""The one way to write the audit log. Every moderator and editor action calls `record`."""

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEntry


def record(
    actor,
    action: str,
    target: models.Model | None = None,
    *,
    reason: str = "",
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEntry:
    """Append one row: `actor` did `action` (e.g. 'post.hide') to `target`."""
    profile = getattr(actor, "profile", None) if actor is not None else None
    entry = AuditEntry(
        actor=actor if actor is not None and actor.pk else None,
        actor_name=(profile.display_name if profile else "system")[:60],
        action=action,
        reason=reason,
        before=before,
        after=after,
    )
    if target is not None:
        entry.target_type = ContentType.objects.get_for_model(target)
        entry.target_id = str(target.pk)
        entry.target_repr = str(target)[:200]
    entry.save()
    return entry
