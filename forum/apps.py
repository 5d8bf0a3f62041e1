from django.apps import AppConfig


class ForumConfig(AppConfig):
    """The moderated patient forum."""

    name = "forum"
    verbose_name = "Forum"

    def ready(self) -> None:
        from core.read_buffer import register
        from members.community import register_interaction_check
        from members.privacy import register_section

        from . import interactions, read_buffer
        from .services import privacy
        from .services.reading import save_read_positions

        register_section("forum", export=privacy.export, erase=privacy.erase)
        register_interaction_check("forum", interactions.have_answered)
        register(read_buffer.buffer, save_read_positions)
