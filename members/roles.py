"""The four roles are Django groups. Views ask for permissions, never roles.

Each app's data migration gives the groups the permissions that app needs,
through `grant_permissions`, so the roles grow with the models.
"""

MEMBERS = "Members"
HEALTH_PROFESSIONALS = "Health professionals"
EDITORS = "Editors"
MODERATORS = "Moderators"

ALL_GROUPS = (MEMBERS, HEALTH_PROFESSIONALS, EDITORS, MODERATORS)

# Short names used by seed_demo, factories and tests.
ROLE_GROUPS: dict[str, tuple[str, ...]] = {
    "member": (MEMBERS,),
    "professional": (MEMBERS, HEALTH_PROFESSIONALS),
    "editor": (MEMBERS, EDITORS),
    "moderator": (MEMBERS, MODERATORS),
}

# Roles that use the admin (the editor interface, reviewer sign-off).
STAFF_ROLES = frozenset({"professional", "editor", "moderator"})


def grant_permissions(apps, app_label: str, grants: dict[str, list[str]]) -> None:
    """Create the groups if needed and give each the listed codenames of `app_label`.

    For data migrations: permissions normally appear after `migrate` finishes,
    so they are created here first.
    """
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config(app_label)
    app_config.models_module = getattr(app_config, "models_module", None) or True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in grants.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        perms = Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )
        missing = set(codenames) - set(perms.values_list("codename", flat=True))
        if missing:
            raise LookupError(f"Unknown permissions for {app_label}: {sorted(missing)}")
        group.permissions.add(*perms)


def revoke_permissions(apps, app_label: str, grants: dict[str, list[str]]) -> None:
    """Reverse of `grant_permissions` for migrations that are rolled back."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in grants.items():
        group = Group.objects.filter(name=group_name).first()
        if group:
            perms = Permission.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            )
            group.permissions.remove(*perms)
