from django.apps import AppConfig


class ForumConfig(AppConfig):
    """The moderated patient forum."""

    name = "forum"
    verbose_name = "Forum"
