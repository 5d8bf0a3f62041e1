"""The forum index and a board's list of threads."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from ..conf import app_settings
from ..permissions import can_start_thread
from ..selectors import list_board_groups, list_boards, list_threads


@require_safe
def index(request):
    return render(request, "forum/index.html", {"groups": list_board_groups()})


@require_safe
def board_detail(request, slug: str):
    board = get_object_or_404(list_boards(), slug=slug)
    paginator = Paginator(
        list_threads(board, request.user), app_settings.THREADS_PER_PAGE
    )
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "board": board,
        "page": page,
        "threads": list(page.object_list),
        "can_start": can_start_thread(request.user, board),
    }
    return render(request, "forum/board_detail.html", context)
