from django.shortcuts import render
from django.views.decorators.http import require_safe

from .caching import cached_search
from .forms import SearchForm


@require_safe
def search(request):
    form = SearchForm(request.GET or None)
    filters = form.cleaned_filters()
    results = cached_search(
        form.data.get("q"),
        page=request.GET.get("page", 1),
        viewer=request.user,
        **filters,
    )
    context = {
        "form": form,
        "results": results,
        "querystring_without_page": form.querystring(),
    }
    return render(request, "search/results.html", context)
