from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "sclero_site.search"
    label = "search"
    verbose_name = "Search"
