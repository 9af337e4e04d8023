"""Who is who: the two editorial groups, and who the safeguarding leads are.

The vocabulary every layer shares (the core's own admin views refuse editors what only leads may
do; features email the leads). What each group may do, and the sign-off workflow, are set up by
editorial (editorial/roles.py).
"""

from django.apps import apps as django_apps
from django.conf import settings

EDITORS = "Editors"
LEADS = "Safeguarding leads"
# A feature gives the roles permissions on its own models through this Wagtail hook: a function
# registered under it returns {EDITORS: [(app_label, model, codename), ...], LEADS: [...]}, and
# editorial's set-up (editorial/roles.py) grants them with the rest. So editorial names nothing
# of the feature, and the feature nothing of editorial.
ROLE_PERMISSIONS_HOOK = "register_role_permissions"


def is_lead(user):
    """A safeguarding lead (or a superuser): who approves what goes live, confirms reviews and
    keeps the helpline."""
    return user.is_active and (user.is_superuser or user.groups.filter(name=LEADS).exists())


def lead_emails():
    """Where to tell the safeguarding leads something."""
    User = django_apps.get_model(settings.AUTH_USER_MODEL)
    leads = User.objects.filter(is_active=True, groups__name=LEADS).exclude(email="")
    return sorted(set(leads.values_list("email", flat=True)))


def lead_names():
    """The active safeguarding leads' names, for "ask one of them"."""
    User = django_apps.get_model(settings.AUTH_USER_MODEL)
    leads = User.objects.filter(is_active=True, groups__name=LEADS).order_by("first_name")
    return [lead.get_full_name() or lead.get_username() for lead in leads.distinct()]
