from django.apps import AppConfig


class MembersConfig(AppConfig):
    """Accounts, roles and public profiles."""

    name = "members"
    verbose_name = "Members"

    def ready(self) -> None:
        from . import handlers  # noqa: F401  (connects allauth's signals)
