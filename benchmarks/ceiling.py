"""The ceiling's one page: what Django costs with nothing of ours in the way."""

from django.http import HttpResponse
from django.urls import path

PAGE = (
    b"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
    b"<title>Ceiling</title></head><body><p>Hello from bare Django.</p></body></html>"
)


def hello(request):
    return HttpResponse(PAGE)


urlpatterns = [path("", hello)]
