from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The floor every app builds on: markup, plain text, audit log, disclaimers,
    rate limits, shared fields, fast URLs and the shared Topic."""

    name = "core"
    verbose_name = "Site"

    def ready(self) -> None:
        # converters registers <uslug:> and <id:>.
        from . import converters

        converters.register()
