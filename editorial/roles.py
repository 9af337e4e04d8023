"""What the editorial roles may do, and the "Safeguarding sign-off" workflow, set up the same
way every time (who the two groups are, and who is a lead, is the core's: core/roles.py).

`setup_editorial_workflow()` is called by a data migration (editorial's 0003) and again by
tests and the screenshot script (a flushed test database loses what migrations created). It is
idempotent: running it again puts the two groups, their permissions and the workflow back as
described here, and changes nothing else.
"""

from django.apps import apps as django_apps
from wagtail import hooks

from core.roles import EDITORS, LEADS, ROLE_PERMISSIONS_HOOK

WORKFLOW_NAME = "Safeguarding sign-off"
# The workflow's one task has the workflow's name, so the admin says one thing everywhere
# ("Submit to Safeguarding sign-off", "Awaiting Safeguarding sign-off"). Its earlier name is
# renamed when found.
TASK_NAME = WORKFLOW_NAME
OLD_TASK_NAMES = ["Safeguarding lead approval"]


# Wagtail's own defaults, adapted here rather than left beside ours.
WAGTAIL_MODERATORS = "Moderators"
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"

# Page permissions on the root page, so they cover the whole tree.
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    LEADS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
# Image and document permissions on the root collection. Wagtail checks image permissions
# against wagtailimages.Image even with our own image model (its permission policy's auth_model).
COLLECTION_PERMISSIONS = {
    EDITORS: [
        ("wagtailimages", "image", "add_image"),
        ("wagtailimages", "image", "change_image"),
        ("wagtailimages", "image", "choose_image"),
        ("wagtaildocs", "document", "add_document"),
        ("wagtaildocs", "document", "change_document"),
        ("wagtaildocs", "document", "choose_document"),
    ],
}
COLLECTION_PERMISSIONS[LEADS] = COLLECTION_PERMISSIONS[EDITORS] + [
    ("wagtailimages", "image", "delete_image"),
    ("wagtaildocs", "document", "delete_document"),
]
# Model permissions: the admin itself, resource snippets, settings, redirects. Another feature
# adds its own through the ROLE_PERMISSIONS_HOOK (feedback's, in feedback/wagtail_hooks.py).
MODEL_PERMISSIONS = {
    EDITORS: [
        ("wagtailadmin", "admin", "access_admin"),
        ("resources", "resource", "add_resource"),
        ("resources", "resource", "change_resource"),
        ("resources", "resource", "view_resource"),
    ],
}
MODEL_PERMISSIONS[LEADS] = MODEL_PERMISSIONS[EDITORS] + [
    ("resources", "resource", "publish_resource"),
    ("resources", "resource", "delete_resource"),
    ("resources", "resource", "lock_resource"),
    ("resources", "resource", "unlock_resource"),
    ("helpline", "helplinesettings", "change_helplinesettings"),
    ("sitechrome", "sitelinks", "change_sitelinks"),
    ("protecting_babies", "contentreviewsettings", "change_contentreviewsettings"),
    ("wagtailredirects", "redirect", "add_redirect"),
    ("wagtailredirects", "redirect", "change_redirect"),
    ("wagtailredirects", "redirect", "delete_redirect"),
    # Promoted search results go live as soon as they are saved, so only leads manage them.
    ("wagtailsearchpromotions", "searchpromotion", "add_searchpromotion"),
    ("wagtailsearchpromotions", "searchpromotion", "change_searchpromotion"),
    ("wagtailsearchpromotions", "searchpromotion", "delete_searchpromotion"),
]


def model_permissions(name):
    """The model permissions of the role called `name`: MODEL_PERMISSIONS, and what each
    feature's ROLE_PERMISSIONS_HOOK gives the role."""
    wanted = list(MODEL_PERMISSIONS[name])
    for permissions_of_a_feature in hooks.get_hooks(ROLE_PERMISSIONS_HOOK):
        wanted += permissions_of_a_feature().get(name, [])
    return wanted


def _permission(apps, app_label, model, codename):
    """The permission, created if post_migrate has not made it yet (a fresh database)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": codename.replace("_", " ").capitalize()},
    )
    return permission


def _group(apps, name, old_name=None):
    """The group called `name`; Wagtail's group `old_name` is renamed to it if it exists."""
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=name).first()
    if group is None and old_name:
        group = Group.objects.filter(name=old_name).first()
        if group is not None:
            group.name = name
            group.save(update_fields=["name"])
    if group is None:
        group = Group.objects.create(name=name)
    return group


def setup_editorial_workflow(apps=django_apps):
    """Create or repair the Editors and Safeguarding leads groups and the sign-off workflow."""
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    groups = {EDITORS: _group(apps, EDITORS), LEADS: _group(apps, LEADS, WAGTAIL_MODERATORS)}
    root_page = Page.objects.filter(depth=1).order_by("path").first()
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()

    for name, group in groups.items():
        group.permissions.set([_permission(apps, *triple) for triple in model_permissions(name)])
        if root_page is not None:
            wanted = [
                _permission(apps, "wagtailcore", "page", codename)
                for codename in PAGE_PERMISSIONS[name]
            ]
            GroupPagePermission.objects.filter(group=group).exclude(
                page=root_page, permission__in=wanted
            ).delete()
            for permission in wanted:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=permission
                )
        if root_collection is not None:
            wanted = [_permission(apps, *triple) for triple in COLLECTION_PERMISSIONS[name]]
            GroupCollectionPermission.objects.filter(group=group).exclude(
                collection=root_collection, permission__in=wanted
            ).delete()
            for permission in wanted:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )

    workflow = _sign_off_workflow(apps, groups[LEADS])
    _assign_workflow(apps, workflow, root_page)
    return groups, workflow


def _sign_off_workflow(apps, leads):
    """The one-task workflow: a safeguarding lead approves. Wagtail's default is renamed; the
    group approval task it came with is replaced by the site's own task and switched off."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    TaskState = apps.get_model("wagtailcore", "TaskState")
    SignOffTask = apps.get_model("editorial", "SignOffTask")

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    workflow.name = WORKFLOW_NAME
    workflow.active = True
    workflow.save()

    task_type, _ = ContentType.objects.get_or_create(app_label="editorial", model="signofftask")
    task = SignOffTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = SignOffTask.objects.filter(name__in=OLD_TASK_NAMES).first()
    if task is None:
        task = SignOffTask.objects.create(name=TASK_NAME, content_type=task_type)
    task.name = TASK_NAME
    task.active = True
    task.save()
    task.groups.set([leads])
    # Wagtail's task the workflow had: what waits on it moves to the new task, and it goes.
    old = GroupApprovalTask.objects.filter(
        name__in=[TASK_NAME, *OLD_TASK_NAMES, WAGTAIL_DEFAULT_WORKFLOW]
    )
    TaskState.objects.filter(task__in=old, status="in_progress").update(task=task)
    old.update(active=False)

    WorkflowTask.objects.filter(workflow=workflow).exclude(task=task).delete()
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def _assign_workflow(apps, workflow, root_page):
    """The workflow covers every page (from the root) and the resource snippets."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    if root_page is not None:
        WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})
    resource_type, _ = ContentType.objects.get_or_create(app_label="resources", model="resource")
    WorkflowContentType.objects.update_or_create(
        content_type=resource_type, defaults={"workflow": workflow}
    )
