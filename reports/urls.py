from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("series/<slug:series>/reports/", views.report_list, name="list"),
    path("series/<slug:series>/reports/feed.atom", views.report_feed, name="feed"),
    path("series/<slug:series>/reports/<slug:report>/", views.report_detail, name="detail"),
]
