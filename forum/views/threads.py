"""A thread's pages, starting threads, replying, following, marking an answer helpful."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from core.converters import parse_id
from core.disclaimers import pending_acknowledgements
from core.forms import refuse_composer
from core.languages import written_path
from core.markup import quote_markdown

from ..forms import ReplyForm, ThreadForm
from ..permissions import (
    can_give_short_answer,
    can_reply,
    check_reply,
    check_start_thread,
)
from ..presentation import action_labels, present_posts
from ..selectors import (
    draft_for,
    list_boards,
    list_visible_posts,
    mark_new_posts,
    thread_page,
    visible_threads,
    with_read_position,
)
from ..services import (
    create_reply,
    follow_thread,
    set_helpful_answer,
    start_thread,
    unfollow_thread,
)
from ..services.reading import record_read
from .common import (
    WAITING,
    check_posting_rate,
    member_required,
    submit_composer,
)
from .drafts import draft_button, draft_is_back
from .members_only import members_only_or_404
from .unsent import keep_unsent_post, take_unsent_post


@require_safe
def thread_detail(request, pk: int, slug: str | None = None):
    """At /t/<id>/ or /t/<id>/<slug>/. Whoever may not read it gets the same page
    whatever the address said; a reader is sent on to the thread's own address
    (a public thread's names its title, a members-only thread's does not)."""
    threads = with_read_position(visible_threads(request.user), request.user)
    thread = threads.filter(pk=pk).first()
    if thread is None:
        return members_only_or_404(request, thread_pk=pk)
    if slug != thread.url_slug:
        url = thread.get_absolute_url()
        if request.GET.get("page"):
            url += "?" + urlencode({"page": request.GET["page"]})
        return redirect(url, permanent=True)
    page = thread_page(thread, request.user, request.GET.get("page"))
    present_posts(page.all_posts, viewer=request.user, thread=thread)
    buffered = record_read(request.user, thread, page.all_posts)
    first_new = mark_new_posts(
        request.user, thread, page.all_posts, buffered_post_id=buffered
    )
    context = {
        "thread": thread,
        "tp": page,
        "board": thread.board,
        "labels": action_labels(),
        "alternate_paths": {thread.language: written_path(thread)},
        "first_new_post_id": first_new,
    }
    if can_reply(request.user, thread):
        pending = pending_acknowledgements(request.user)
        draft = draft_for(request.user, thread=thread)
        form, restored = _blank_reply_form(request, thread, None, draft, pending)
        context.update(
            reply_form=form,
            pending_terms=pending,
            can_reply=True,
            draft=draft,
            draft_restored=restored,
        )
    return render(request, "forum/thread_detail.html", context)


def _refused(request, check, *args) -> PermissionDenied | None:
    """A refusal: on GET the 403 page; on POST it goes back on the form, text and all."""
    try:
        check(*args)
    except PermissionDenied as error:
        if request.method != "POST":
            raise
        return error
    return None


def _compose(request, form, refusal, action: str, write):
    """A new thread's or a reply's submit: a refusal found before goes back on the
    form with the text; else `write(data)` after the posting rate check, and a
    refusal on the way (locked meanwhile, suspended) goes back on the form too.
    Returns (preview, what was written or None, the refusal or None)."""
    if refusal is not None:
        refuse_composer(request, form, str(refusal))
        return None, None, refusal

    def save(data):
        check_posting_rate(request.user, action)
        return write(data)

    try:
        preview, written = submit_composer(request, form, save)
    except PermissionDenied as error:
        form.add_error(None, str(error))
        return None, None, error
    return preview, written, None


def _thread_composer_url(request, slug: str) -> str:
    return reverse("forum:thread-create", args=[slug])


@keep_unsent_post(_thread_composer_url)
@member_required
def thread_create(request, slug: str):
    board = get_object_or_404(list_boards(), slug=slug)
    if done := draft_button(request, request.path, board=board):
        return done
    refusal = _refused(request, check_start_thread, request.user, board)
    pending = pending_acknowledgements(request.user)
    data = request.POST if request.method == "POST" else None
    initial = {"members_only": board.members_only_default}
    draft = draft_for(request.user, board=board)
    if data is None and (kept := take_unsent_post(request)):
        initial = {"title": kept["title"], "body": kept["body"]}
        initial["topics"] = [t for t in kept["topics"] if t.isdigit()]
        initial["members_only"] = bool(kept.get("members_only"))
    elif data is None and draft is not None:
        initial.update(title=draft.title, body=draft.body)
        messages.info(request, draft_is_back(draft))
    form = ThreadForm(
        data,
        request.FILES or None,
        initial=initial,
        pending_terms=pending,
        previewing="preview" in request.POST,
    )
    preview, thread, refusal = _compose(
        request,
        form,
        refusal,
        "thread",
        lambda data: start_thread(
            board,
            actor=request.user,
            title=data["title"],
            body=data["body"],
            topics=data["topics"],
            accepted_versions=form.accepted_version_ids(),
            members_only=data["members_only"],
            photos=form.photos(),
        ),
    )
    if thread is not None:
        if thread.first_post.status == "pending":
            messages.info(request, WAITING)
        else:
            messages.success(request, _("Your thread is posted."))
        return redirect(thread)
    context = {
        "board": board,
        "form": form,
        "preview": preview,
        "pending_terms": pending,
        "refused": refusal is not None,
        "draft": draft,
    }
    status = 403 if refusal is not None else 200
    return render(request, "forum/thread_form.html", context, status=status)


def _reply_target(request, thread):
    raw = request.POST.get("reply_to") or request.GET.get("to")
    if not raw:
        return None
    post_id = parse_id(raw)
    if post_id is None:
        raise Http404
    return get_object_or_404(
        list_visible_posts(request.user, thread).filter(status="published"), pk=post_id
    )


def _reply_composer_url(request, pk: int) -> str:
    url = reverse("forum:reply-create", args=[pk])
    to = request.POST.get("reply_to", "")
    return f"{url}?{urlencode({'to': to})}" if to.isdigit() else url


def _blank_reply_form(request, thread, reply_to, draft, pending):
    """The reply composer before anything is posted, on the reply page and at the
    foot of the thread page alike: a quote, the text kept when the session had
    ended, or the member's draft. Returns (form, whether the draft filled it)."""
    initial = {"reply_to": reply_to.pk if reply_to else None}
    if reply_to is not None and request.GET.get("quote"):
        name = reply_to.author.profile.display_name if reply_to.author else ""
        initial["body"] = quote_markdown(reply_to.body, name)
        initial["quote"] = str(reply_to.pk)
    restored = False
    if kept := take_unsent_post(request):
        initial.update(body=kept["body"], quote=kept["quote"])
    elif draft is not None and draft.body.strip():
        initial["body"] = draft.body
        restored = True
    form = ReplyForm(
        initial=initial,
        pending_terms=pending,
        answering=thread.board.is_questions,
        short_answer=can_give_short_answer(request.user, thread, reply_to),
    )
    return form, restored


@keep_unsent_post(_reply_composer_url)
@member_required
def reply_create(request, pk: int):
    thread = get_object_or_404(visible_threads(request.user), pk=pk)
    url = _reply_composer_url(request, pk)
    if request.POST.get("from_thread"):  # the composer at the foot of the thread
        url = f"{thread.get_absolute_url()}#reply-heading"
    if done := draft_button(request, url, thread=thread):
        return done
    refusal = _refused(request, check_reply, request.user, thread)
    reply_to = _reply_target(request, thread)
    draft = draft_for(request.user, thread=thread)
    pending = pending_acknowledgements(request.user)
    if request.method == "POST":
        form = ReplyForm(
            request.POST,
            request.FILES,
            pending_terms=pending,
            previewing="preview" in request.POST,
            answering=thread.board.is_questions,
            short_answer=can_give_short_answer(request.user, thread, reply_to),
        )
    else:
        form, restored = _blank_reply_form(request, thread, reply_to, draft, pending)
        if restored:
            messages.info(request, draft_is_back(draft))
    preview, post, refusal = _compose(
        request,
        form,
        refusal,
        "reply",
        lambda data: create_reply(
            thread,
            actor=request.user,
            body=data["body"],
            reply_to=reply_to,
            quoted_post_ids=form.quoted_post_ids(),
            accepted_versions=form.accepted_version_ids(),
            photos=form.photos(),
            short_answer=data.get("short_answer", ""),
        ),
    )
    if post is not None:
        if post.status == "pending":
            messages.info(request, WAITING)
        else:
            messages.success(request, _("Your reply is posted."))
        return redirect(post)
    context = {
        "thread": thread,
        "board": thread.board,
        "reply_to": reply_to,
        "form": form,
        "preview": preview,
        "pending_terms": pending,
        "refused": refusal is not None,
        "draft": draft,
    }
    status = 403 if refusal is not None else 200
    return render(request, "forum/reply_form.html", context, status=status)


@member_required
@require_POST
def thread_follow(request, pk: int):
    thread = get_object_or_404(visible_threads(request.user), pk=pk)
    if request.POST.get("follow") == "0":
        unfollow_thread(thread, actor=request.user)
        messages.success(request, _("You no longer follow this thread."))
    else:
        follow_thread(thread, actor=request.user)
        messages.success(
            request, _("You follow this thread: we'll tell you about new replies.")
        )
    return redirect(thread)


@member_required
@require_POST
def post_helpful(request, pk: int):
    post = get_object_or_404(list_visible_posts(request.user), pk=pk)
    helpful = request.POST.get("helpful") != "0"
    set_helpful_answer(post, actor=request.user, helpful=helpful)
    if helpful:
        messages.success(request, _("Thank you: the answer is marked as helpful."))
    else:
        messages.success(request, _("The answer is no longer marked as helpful."))
    return redirect(post)
