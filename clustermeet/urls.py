from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from clustermeet import views

handler400 = "clustermeet.views.bad_request"
handler404 = "clustermeet.views.page_not_found"
handler500 = "clustermeet.views.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("healthz", views.health, name="health"),
    path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}),
]

urlpatterns += i18n_patterns(
    path("", include("events.urls")),
    path("", include("reports.urls")),
    path("", include("registrations.urls")),
)
