from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from theodoi.api import idpages, pages, subscribers, views, writes

app_name = "api"

# Paths with int converters, no format suffixes: one URL per resource, JSON only.
router = DefaultRouter(use_regex_path=False)
router.include_format_suffixes = False
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("plans", views.PlanViewSet, basename="plan")
router.register("groups", views.GroupViewSet, basename="group")
router.register("tasks", views.TaskViewSet, basename="task")
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("rounds", views.RoundViewSet, basename="round")
router.register("task-updates", views.TaskUpdateViewSet, basename="task_update")
router.register("indicator-values", views.IndicatorValueViewSet, basename="indicator_value")

urlpatterns = [
    path("api/", include(router.urls)),
    path(
        "api/rounds/<int:round_id>/tasks/<int:task_id>/updates/",
        writes.TaskUpdateWrite.as_view(),
        name="task_update_write",
    ),
    path(
        "api/rounds/<int:round_id>/indicators/<int:indicator_id>/values/",
        writes.IndicatorValueWrite.as_view(),
        name="indicator_value_write",
    ),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/tai-lieu/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
    path("tich-hop/khoa/", pages.token_list, name="tokens"),
    path("tich-hop/khoa/tao/", pages.token_create, name="token_create"),
    path("tich-hop/khoa/<int:token_id>/thu-hoi/", pages.token_revoke, name="token_revoke"),
    path("tich-hop/webhook/", subscribers.subscriber_list, name="subscribers"),
    path("tich-hop/webhook/them/", subscribers.subscriber_create, name="subscriber_create"),
    path(
        "tich-hop/webhook/<int:subscription_id>/go/",
        subscribers.subscriber_remove,
        name="subscriber_remove",
    ),
    path("tich-hop/ma-lien-thong/<int:plan_id>/", idpages.external_ids, name="external_ids"),
    path(
        "tich-hop/ma-lien-thong/<int:plan_id>/tai-ve/",
        idpages.external_ids_sheet,
        name="external_ids_sheet",
    ),
    path(
        "tich-hop/ma-lien-thong/<int:plan_id>/tai-len/",
        idpages.external_ids_upload,
        name="external_ids_upload",
    ),
]
