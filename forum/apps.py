from django.apps import AppConfig


class ForumConfig(AppConfig):
    """The moderated patient forum."""

    name = "forum"
    verbose_name = "Forum"

    def ready(self) -> None:
        from members.community import register_interaction_check
        from members.privacy import register_section

        from . import interactions
        from .services import privacy

        register_section("forum", export=privacy.export, erase=privacy.erase)
        register_interaction_check("forum", interactions.have_answered)
