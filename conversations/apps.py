from django.apps import AppConfig


class ConversationsConfig(AppConfig):
    """Private conversations between members, with reports and blocking."""

    name = "conversations"
    verbose_name = "Conversations"

    def ready(self) -> None:
        from core.read_buffer import register
        from members.community import register_interaction_check
        from members.privacy import register_section

        from . import privacy, read_buffer, selectors
        from .services.conversations import save_read_marks

        register_section("conversations", export=privacy.export, erase=privacy.erase)
        register_interaction_check("conversations", selectors.have_exchanged)
        register(read_buffer.buffer, save_read_marks)
