"""Where uploaded files live.

Two storages, both chosen in settings.STORAGES: "default" for public files (article
hero images) and "private" for members' photos, which have no public address and
are served only by the apps' own permission-checked views. On one machine both are
folders (the embedded default); on several app nodes both are S3 buckets
(django-storages), so every node sees every file.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.functional import cached_property
from storages.backends.s3 import S3Storage

NO_URL = "This file is not accessible via a URL."


class PrivateStorage(FileSystemStorage):
    """A folder outside anything the web server publishes (PRIVATE_MEDIA_ROOT, read
    when first used so tests and deployments can point it elsewhere)."""

    def url(self, name):
        raise ValueError(NO_URL)

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)


class PrivateS3Storage(S3Storage):
    """A private bucket. It never hands out an address, not even a signed one: the
    site streams each photo after its own permission check, so a copied link, a
    cached page or a browser history entry never opens a photo."""

    default_acl = "private"
    querystring_auth = True
    file_overwrite = False

    def url(self, name, parameters=None, expire=None, http_method=None):
        raise ValueError(NO_URL)


class ConfiguredStorage:
    """The storage settings.STORAGES names `alias`, looked up on every use.

    Model fields keep the storage object they were given at import; this stand-in
    lets a deployment's (or a test's) STORAGES decide at run time instead. Like
    Django's own default_storage it passes for the storage it stands for."""

    __class__ = property(lambda self: type(storages[self.alias]))

    def __init__(self, alias: str):
        self.__dict__["alias"] = alias

    def __getattr__(self, name):
        return getattr(storages[self.alias], name)

    def __eq__(self, other):
        return getattr(other, "__dict__", {}).get("alias") == self.alias

    def __hash__(self):
        return hash(("ConfiguredStorage", self.alias))


private = ConfiguredStorage("private")
