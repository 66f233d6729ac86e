"""The participants' side of attendance: a certificate downloaded through the personal link,
and its public verification page."""

from django.urls import path

from attendance import views

app_name = "attendance"

urlpatterns = [
    # the certificate, through the personal link (below registration/: kept from robots)
    path("registration/me/<str:token>/certificate/<int:registration>/",
         views.certificate_download, name="certificate"),
    # the public verification of a certificate's code
    path("certificates/", views.verify, name="verify"),
    path("certificates/<str:code>/", views.verify_code, name="verify_code"),
]
