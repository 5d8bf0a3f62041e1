"""Page numbers from the query string, for pages whose every page is an address."""

from django.core.paginator import EmptyPage, Page, Paginator
from django.http import Http404


def strict_page(paginator: Paginator, raw) -> Page:
    """Page `raw` of `paginator`: garbage gives page 1, a number past the end a 404.

    `Paginator.get_page` clamps to the last page, so `?page=999` would repeat the
    last page under endless addresses; a page that does not exist is not found.
    """
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return paginator.page(1)
    try:
        return paginator.page(number)
    except EmptyPage as error:
        raise Http404(str(error)) from error
