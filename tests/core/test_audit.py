"""The audit log is append-only."""

import pytest
from django.urls import reverse

from core import audit
from core.models import AuditEntry, Disclaimer
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_record_keeps_who_what_target_reason_and_before_after():
    actor = make_user("moderator", display_name="Mod A")
    target = Disclaimer.objects.first()
    entry = audit.record(
        actor, "thing.do", target, reason="why", before={"a": 1}, after={"a": 2}
    )
    entry = AuditEntry.objects.get(pk=entry.pk)
    assert (entry.actor, entry.actor_name, entry.action) == (actor, "Mod A", "thing.do")
    assert entry.target_id == str(target.pk) and entry.target_repr == str(target)
    assert (entry.reason, entry.before, entry.after) == ("why", {"a": 1}, {"a": 2})


def test_audit_rows_cannot_be_changed_or_deleted():
    entry = audit.record(None, "system.tick")
    entry.reason = "rewritten"
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="x")
    with pytest.raises(TypeError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).reason == ""


def test_the_admin_offers_no_way_to_edit_or_delete_audit_rows(client):
    entry = audit.record(None, "system.tick")
    admin_user = make_user("member", second_factor=True)
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client.force_login(admin_user)
    change = reverse("admin:core_auditentry_change", args=[entry.pk])
    delete = reverse("admin:core_auditentry_delete", args=[entry.pk])
    assert "Save" not in client.get(change).content.decode()
    client.post(change, {"reason": "edited"})
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.get(pk=entry.pk).reason == ""
