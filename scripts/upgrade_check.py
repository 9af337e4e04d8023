"""Does a database filled on an older commit upgrade with `migrate` and serve the same pages?

    .venv/bin/python scripts/upgrade_check.py --old <commit> [--database-url postgres://...]

1. checks the old commit out in a temporary git worktree (this checkout's virtualenv and built
   assets lent to it), and on a scratch PostgreSQL database there: `migrate`, the launch content,
   and what an editor and a lead leave behind (an uploaded image and its rendition, a helpline
   notice, a page waiting for sign-off, a confirmed review, feedback);
2. reads back, on the old code: every live page's HTML and status code (the page cache off, CSP
   nonces and the feedback box's signed time blanked), and facts the admin stands on: content
   types and their ids, each group's permissions, the sign-off workflow's tasks and what waits in
   it, the image's renditions and files, the helpline's notices, log action names, feedback;
3. `migrate` with this checkout's code on the same database, and reads back the same again;
4. prints what differs, and exits 1 if anything does (docs/operations.md, "Moving code between
   apps").
"""

import argparse
import difflib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
GIT, PSQL = shutil.which("git") or "git", shutil.which("psql") or "psql"
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/pb_upgrade_check"

# Run on the old code only: what editors and leads leave in a database, beyond the launch copy.
FILL = r"""
import datetime, io
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from PIL import Image as Picture
from wagtail.images import get_image_model
from wagtail.models import Page, Site, Workflow
from wagtail.contrib.settings.registry import registry

User = get_user_model()
lead = User.objects.create_user("upgrade-lead", "lead@example.org", "x", first_name="Lee")
editor = User.objects.create_user("upgrade-editor", "editor@example.org", "x", first_name="Eddie")
lead.groups.add(Group.objects.get(name="Safeguarding leads"))
editor.groups.add(Group.objects.get(name="Editors"))

buffer = io.BytesIO()
Picture.new("RGB", (64, 48), (200, 100, 50)).save(buffer, "PNG")
image = get_image_model()(
    title="Upgrade check", alt_text="An orange square", uploaded_by_user=editor
)
image.file = ImageFile(buffer, name="upgrade-check.png")
image.save()
image.get_rendition("fill-32x24")

site = Site.objects.get(is_default_site=True)
soon = datetime.date.today() + datetime.timedelta(days=5)  # shown on every page as "From …"
for model in registry:
    if model.__name__ == "HelplineSettings":
        helpline = model.for_site(site)
        helpline.notices = [
            {"type": "notice", "value": {
                "first_date": soon.isoformat(), "last_date": soon.isoformat(),
                "closed": True, "message": "Closed for staff training.",
            }}
        ]
        helpline.save()

page = Page.objects.live().type(Page).exclude(depth__lte=2).order_by("path").last().specific
revision = page.save_revision(user=editor)
Workflow.objects.get(name="Safeguarding sign-off").start(page, editor)
print("filled; waiting for sign-off:", page.title)
"""

# Run on both: what the pages show and what the admin stands on, as JSON on stdout.
READ = r"""
import json, re
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from wagtail.images import get_image_model
from wagtail.models import Page, Site, WorkflowState, ModelLogEntry, PageLogEntry

NONCE = re.compile(r'nonce="[^"]*"')
TOKEN = re.compile(r'(name="rendered"[^>]*value=")[^"]*"|(value=")[^"]*("[^>]*name="rendered")')
client = Client()
pages = {}
for page in Page.objects.live().order_by("path"):
    url = page.get_url()
    if not url:
        continue
    site = page.get_site()
    response = client.get(url, HTTP_HOST=site.hostname if site else "localhost")
    html = response.content.decode("utf-8", "replace")
    html = NONCE.sub('nonce=""', html)
    html = TOKEN.sub(lambda m: (m.group(1) or m.group(2)) + '"' + (m.group(3) or ""), html)
    pages[url] = {"status": response.status_code, "html": html}

Image = get_image_model()
facts = {
    "content types": sorted(f"{c.id} {c.model}" for c in ContentType.objects.all()),
    "groups": {
        g.name: sorted(f"{p.content_type.model}.{p.codename}" for p in g.permissions.all())
        for g in Group.objects.order_by("name")
    },
    "waiting": sorted(
        f"{s.content_object} {s.status} {s.current_task_state.task.specific.__class__.__name__} "
        f"{s.current_task_state.task.name} {s.current_task_state.status}"
        for s in WorkflowState.objects.all()
    ),
    "images": sorted(
        f"{i.title} {i.file.name} {i.alt_text} "
        + " ".join(sorted(f"{r.filter_spec} {r.url}" for r in i.renditions.all()))
        for i in Image.objects.all()
    ),
    "log actions": sorted(
        {e.action for e in PageLogEntry.objects.all()}
        | {e.action for e in ModelLogEntry.objects.all()}
    ),
}
try:
    from wagtail.contrib.settings.registry import registry
    for model in registry:
        for row in model.objects.all():
            facts[f"setting {model.__name__}"] = json.loads(
                json.dumps({f.name: f.value_from_object(row) for f in model._meta.concrete_fields
                            if f.name != "id"}, default=str)
            )
except Exception as error:  # noqa: BLE001 - reported, not hidden
    facts["settings error"] = repr(error)
print("@@JSON@@" + json.dumps({"pages": pages, "facts": facts}, default=str))
"""


def run(tree, code, env):
    """`manage.py shell -c code` in `tree`, with `env`; its stdout."""
    result = subprocess.run(  # noqa: S603 - fixed local command
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        sys.exit(f"manage.py shell failed in {tree}:\n{result.stderr[-4000:]}")
    return result.stdout


def manage(tree, env, *args):
    subprocess.run(  # noqa: S603 - fixed local command
        [sys.executable, "manage.py", *args], cwd=tree, env=env, check=True
    )


def read(tree, env):
    out = run(tree, READ, env)
    return json.loads(out.split("@@JSON@@", 1)[1])


def recreate(database_url):
    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    for statement in (f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", f"CREATE DATABASE {name}"):
        subprocess.run([PSQL, "-q", admin, "-c", statement], check=True)  # noqa: S603


def compare(before, after):
    """Lines describing each difference."""
    differences = []
    for url in sorted(set(before["pages"]) | set(after["pages"])):
        old, new = before["pages"].get(url), after["pages"].get(url)
        if old != new:
            differences.append(f"page {url}: differs")
            if old and new:
                differences += list(
                    difflib.unified_diff(
                        old["html"].splitlines(), new["html"].splitlines(), lineterm="", n=1
                    )
                )[:40]
    for key in sorted(set(before["facts"]) | set(after["facts"])):
        old, new = before["facts"].get(key), after["facts"].get(key)
        if old != new:
            differences.append(f"{key}: {json.dumps(old)[:800]}\n   -> {json.dumps(new)[:800]}")
    return differences


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--old", required=True, help="the commit the database is filled on")
    parser.add_argument("--database-url", default=DEFAULT_DATABASE)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="upgrade-check-"))
    old_tree = workdir / "old"
    media = workdir / "media"
    added = subprocess.run(  # noqa: S603 - fixed local command
        [GIT, "worktree", "add", "--detach", "--quiet", str(old_tree), args.old],
        cwd=ROOT,
        check=False,
    )
    if added.returncode:
        shutil.rmtree(workdir, ignore_errors=True)
        sys.exit(f"No commit {args.old!r} to fill the database on (git says why above).")
    try:
        (old_tree / "static" / "dist").mkdir(parents=True, exist_ok=True)
        shutil.copytree(ROOT / "static" / "dist", old_tree / "static" / "dist", dirs_exist_ok=True)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "protecting_babies.settings.dev",
            "DATABASE_URL": args.database_url,
            "MEDIA_ROOT": str(media),
            "PAGE_CACHE_ENABLED": "false",
            "DEBUG": "false",
            "REDIS_URL": "",
        }
        recreate(args.database_url)
        manage(old_tree, env, "migrate", "--noinput", "-v", "0")
        manage(old_tree, env, "load_launch_content")
        print(run(old_tree, FILL, env).strip())  # noqa: T201
        before = read(old_tree, env)
        manage(ROOT, env, "migrate", "--noinput", "-v", "1")
        after = read(ROOT, env)
    finally:
        subprocess.run(  # noqa: S603 - fixed local command
            [GIT, "worktree", "remove", "--force", str(old_tree)], cwd=ROOT, check=False
        )
        shutil.rmtree(workdir, ignore_errors=True)

    differences = compare(before, after)
    pages = len(before["pages"])
    print(  # noqa: T201
        f"\n{pages} pages read before and after the upgrade from {args.old}; "
        f"{len(before['facts'])} sets of facts compared."
    )
    if differences:
        print("Differences:\n" + "\n".join(differences))  # noqa: T201
        sys.exit(1)
    print(  # noqa: T201
        "The same pages, byte for byte (CSP nonces and the feedback box's signed time aside), "
        "and the same facts."
    )


if __name__ == "__main__":
    main()
