"""Who a resource is for and what kind of thing it is: the library's fixed lists."""

from django.db import models


class Audience(models.TextChoices):
    PARENTS = "parents", "Parents and carers"
    PROFESSIONALS = "professionals", "Professionals"


class Format(models.TextChoices):
    ONLINE_PROGRAMME = "online-programme", "Online programme"
    GUIDE = "guide", "Guide"
    WEBSITE = "website", "Website"
    VIDEO = "video", "Video"
    LEAFLET = "leaflet", "Leaflet"
    BRIEFING = "briefing", "Briefing"
    TRAINING = "training", "Training"
