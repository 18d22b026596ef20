"""The project's URLs plus the floor: the least a page of theodoi can cost.

The floor reads the signed-in person (the session and the user, from the database, as every
workspace page does) and a CSRF token (so the test client's POST can send one back), and
answers a few bytes. Its POST passes the CSRF check as a form's does. A page's figure divided
by it is what the page adds to the framework."""

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.urls import path

from theodoi.urls import urlpatterns as project

FLOOR = "bench-floor"


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"{request.user.is_authenticated} {get_token(request)}")


urlpatterns = [path("bench/floor/", floor, name=FLOOR), *project]
