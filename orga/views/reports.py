"""Reports (news) in the workspace: the list, drafting a report from an event's data, editing
it with images, preview and publishing."""

urlpatterns = []
