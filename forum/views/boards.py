"""The forum index and a board's list of threads (with what is new for a member)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from core.pagination import strict_page

from ..conf import app_settings
from ..forms import BoardListForm
from ..permissions import can_start_thread
from ..selectors import (
    annotate_unread_boards,
    annotate_unread_threads,
    list_board_groups,
    list_boards,
    list_threads,
)
from ..services.reading import mark_board_read
from .common import member_required


@require_safe
def index(request):
    groups = list_board_groups(request.user, language=get_language())
    annotate_unread_boards(request.user, groups)
    return render(request, "forum/index.html", {"groups": groups})


@require_safe
def board_detail(request, slug: str):
    board = get_object_or_404(list_boards(), slug=slug)
    list_form = BoardListForm(request.GET, questions=board.is_questions)
    paginator = Paginator(
        list_threads(board, request.user, **list_form.choices()),
        app_settings.THREADS_PER_PAGE,
    )
    page = strict_page(paginator, request.GET.get("page"))
    threads = list(page.object_list)
    annotate_unread_threads(request.user, threads)
    context = {
        "board": board,
        "page": page,
        "threads": threads,
        "can_start": can_start_thread(request.user, board),
        "list_form": list_form,
        "list_query": list_form.querystring(),
    }
    return render(request, "forum/board_detail.html", context)


@member_required
@require_POST
def board_mark_read(request, slug: str):
    board = get_object_or_404(list_boards(), slug=slug)
    mark_board_read(board, actor=request.user)
    messages.success(request, _("Everything on this board is marked as read."))
    return redirect(board)
