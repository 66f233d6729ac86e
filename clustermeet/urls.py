from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from clustermeet import seo, views

handler400 = "clustermeet.views.bad_request"
handler403 = "clustermeet.views.permission_denied"
handler404 = "clustermeet.views.page_not_found"
handler500 = "clustermeet.views.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("robots.txt", seo.robots_txt, name="robots_txt"),
    path("sitemap.xml", seo.sitemap_xml, name="sitemap"),
    path("favicon.ico", seo.favicon, name="favicon"),
    path("apple-touch-icon.png", seo.apple_touch_icon, name="apple_touch_icon"),
    path("healthz", views.health, name="health"),
    path("media/<path:path>", views.media),
]

urlpatterns += i18n_patterns(
    # share images (Open Graph, LinkedIn): events.sharing
    path("series/<slug:series>/share.png", seo.share_image_series, name="share_image_series"),
    path("series/<slug:series>/events/<slug:event>/share.png", seo.share_image_event,
         name="share_image_event"),
    path("series/<slug:series>/reports/<slug:report>/share.png", seo.share_image_report,
         name="share_image_report"),
    path("orga/", include("orga.urls")),
    path("", include("events.urls")),
    path("", include("reports.urls")),
    path("", include("registrations.urls")),
    path("", include("attendance.urls")),
    path("", include("feedback.urls")),
    path("", include("pitches.urls")),
    path("", include("matchmaking.urls")),
)
