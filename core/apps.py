from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The floor every app builds on: markup, plain text, audit log, disclaimers,
    rate limits, shared fields, fast URLs and the shared Topic."""

    name = "core"
    verbose_name = "Site"

    def ready(self) -> None:
        from . import converters  # registers <uslug:> and <id:> for every urls module

        converters.register()
