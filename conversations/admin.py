"""Conversations stay out of the admin's lists: moderators read them only through a
report, on the site, where each reading is audited. Reports are listed here."""

from django.contrib import admin

from .models import MessageEmail, MessageReport


@admin.register(MessageReport)
class MessageReportAdmin(admin.ModelAdmin):
    list_display = ["pk", "status", "created_at", "handled_at"]
    list_filter = ["status"]
    readonly_fields = [
        "message",
        "reporter",
        "reason",
        "status",
        "outcome",
        "handled_by",
        "handled_at",
        "created_at",
    ]
    exclude = ["snapshot"]


@admin.register(MessageEmail)
class MessageEmailAdmin(admin.ModelAdmin):
    list_display = ["pk", "state", "attempts", "created_at", "sent_at"]
    list_filter = ["state"]
    readonly_fields = [
        "message",
        "recipient",
        "state",
        "attempts",
        "claimed_at",
        "next_attempt_at",
        "sent_at",
        "error",
        "created_at",
    ]
