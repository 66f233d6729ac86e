"""The participants' side of attendance: a certificate downloaded through the personal link,
and its public verification page."""

app_name = "attendance"

urlpatterns = []
