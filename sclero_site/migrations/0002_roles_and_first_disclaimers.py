"""Permissions for disclaimers and the audit log, and the first disclaimer texts."""

from django.db import migrations

from members.roles import grant_permissions, revoke_permissions

GRANTS = {
    "Editors": [
        "add_disclaimer",
        "change_disclaimer",
        "view_disclaimer",
        "publish_disclaimer",
        "view_disclaimerversion",
        "view_auditentry",
    ],
    "Moderators": ["view_auditentry", "view_disclaimer", "view_disclaimerversion"],
}

SITE = """\
The information on this site is for general education. It is not medical advice, and it \
cannot replace a consultation with a doctor, nurse or pharmacist who knows your history. \
Do not start, stop or change a treatment because of something you read here without \
speaking to them first. If you feel very unwell, contact your doctor or emergency services.
"""

FORUM = """\
Posts in the forum are written by members sharing their own experience. They are **not \
checked by doctors** and may be wrong for you, even when they sound confident. Answers \
marked "Health professional" are general information, not a consultation. Talk to your \
own care team before acting on anything you read here.
"""

ARTICLES = """\
Our articles are written by editors and reviewed by health professionals, with the date \
of the last review and the next one shown on each page. Medicine changes: if an article \
differs from what your own doctor told you, follow your doctor and tell us, so we can check.
"""

GUIDELINES = """\
This community exists so that people living with scleroderma, morphea, lichen sclerosus \
and lupus can support each other. To keep it safe and kind:

1. **Be kind.** Many members are unwell, tired or frightened. Disagree with ideas, never \
with people. No insults, mockery or harassment.
2. **Share experience, not prescriptions.** Say what worked for you, not what others \
must do. Never tell someone to stop a prescribed treatment.
3. **Protect your privacy and others'.** Do not post your email address, phone number, \
home address or anyone else's personal details. Use a display name that does not identify you.
4. **No selling.** No advertising, fundraising links or "miracle cures".
5. **Be careful with sources.** Link to reputable sources where you can. Medical \
misinformation will be hidden.
6. **Keep on topic** and post in the board that fits best.
7. **Report, don't argue.** If a post breaks these guidelines, use "Report or request \
deletion". Moderators review every report.

Moderators may hide, edit or remove posts, and warn, suspend or ban members who break \
these guidelines. If you are in crisis, contact your local emergency number.
"""

FIRST_TEXTS = [
    ("Site medical disclaimer", "site", SITE),
    ("Forum disclaimer", "forum", FORUM),
    ("Article disclaimer", "articles", ARTICLES),
    ("Community guidelines", "guidelines", GUIDELINES),
]


def grant(apps, schema_editor):
    grant_permissions(apps, "sclero_site", GRANTS)


def revoke(apps, schema_editor):
    revoke_permissions(apps, "sclero_site", GRANTS)


def create_first_texts(apps, schema_editor):
    from core.markup import render_markdown

    Disclaimer = apps.get_model("sclero_site", "Disclaimer")
    DisclaimerVersion = apps.get_model("sclero_site", "DisclaimerVersion")
    for name, scope, body in FIRST_TEXTS:
        disclaimer, created = Disclaimer.objects.get_or_create(
            name=name, defaults={"scope": scope}
        )
        if created:
            version = DisclaimerVersion.objects.create(
                disclaimer=disclaimer,
                major=1,
                minor=0,
                body=body,
                body_html=render_markdown(body),
            )
            disclaimer.current_version = version
            disclaimer.save(update_fields=["current_version"])


class Migration(migrations.Migration):
    dependencies = [
        ("sclero_site", "0001_initial"),
        ("members", "0002_roles"),
    ]

    operations = [
        migrations.RunPython(grant, revoke),
        migrations.RunPython(create_first_texts, migrations.RunPython.noop),
    ]
