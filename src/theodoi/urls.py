from django.contrib import admin
from django.urls import path

urlpatterns = [
    path("quan-tri/", admin.site.urls),
]
