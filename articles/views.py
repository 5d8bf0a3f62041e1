from django.shortcuts import render
from django.views.decorators.http import require_safe


@require_safe
def library(request):
    return render(request, "articles/library.html")
