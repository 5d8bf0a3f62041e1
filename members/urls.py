from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("<id:pk>/", views.profile_detail, name="profile"),
    path("<id:pk>/block/", views.profile_block, name="profile-block"),
    path("mentions/", views.mention_suggest, name="mention-suggest"),
]
