"""A file storage with no public address, for what only the site's own views serve
(members' photos). Its folder is PRIVATE_MEDIA_ROOT, read when first used, so
tests and deployments can point it elsewhere; keep it outside what the web server
publishes."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property


class PrivateStorage(FileSystemStorage):
    def url(self, name):
        raise ValueError("This file is not accessible via a URL.")

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)
