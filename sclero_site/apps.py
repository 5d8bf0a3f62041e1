from django.apps import AppConfig


class SiteConfig(AppConfig):
    """Site-wide pieces both apps use: markup, roles, disclaimers, audit log."""

    name = "sclero_site"
    verbose_name = "Site"
