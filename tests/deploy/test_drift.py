"""The deployment's files cannot drift apart: the Kubernetes manifests, compose.yaml and the
README name the same environment variables, the same commands and the same ports, and the
edge is one file. (Their schemas, checkov and yamllint: `make deploy-check`.)"""

import re
from functools import cache
from pathlib import Path

import pytest
import yaml
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]
KUBERNETES = ROOT / "deploy" / "kubernetes"
EDGE_CONF = "deploy/nginx/protecting-babies.conf"
COMMAND = re.compile(r"python manage\.py (\w+)")
WEB_PORT, EDGE_PORT = 8000, 8080


@cache
def manifests():
    """Every resource the kustomization lists, by (kind, name)."""
    kustomization = yaml.safe_load((KUBERNETES / "kustomization.yaml").read_text())
    resources = {}
    for entry in kustomization["resources"]:
        path = KUBERNETES / entry
        if path.is_dir():
            continue  # ../nginx: the edge's ConfigMap (test_the_edge_is_one_file)
        for document in yaml.safe_load_all(path.read_text()):
            resources[document["kind"], document["metadata"]["name"]] = document
    return resources


@cache
def compose():
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


@cache
def secret_names():
    """The Secret's keys, as deploy/secrets.env.example names them (compose reads the same)."""
    lines = (ROOT / "deploy" / "secrets.env.example").read_text().splitlines()
    return {line.split("=")[0] for line in lines if line and not line.startswith("#")}


def pod_spec(resource):
    spec = resource["spec"]
    if resource["kind"] == "CronJob":
        spec = spec["jobTemplate"]["spec"]
    return spec["template"]["spec"]


def container(kind, name):
    [only] = pod_spec(manifests()[kind, name])["containers"]
    return only


def kubernetes_environment(kind, name):
    """The names a container's environment has: its ConfigMap's keys, the Secret's, its own."""
    names = set()
    for source in container(kind, name).get("envFrom", []):
        if "configMapRef" in source:
            names |= set(manifests()["ConfigMap", source["configMapRef"]["name"]]["data"])
        if "secretRef" in source:
            assert source["secretRef"]["name"] == "protecting-babies-secrets"
            names |= secret_names()
    return names | {variable["name"] for variable in container(kind, name).get("env", [])}


def compose_environment(service):
    definition = compose()["services"][service]
    assert definition["env_file"] == "deploy/secrets.env"
    return set(definition["environment"]) | secret_names()


def commands_in(text):
    return set(COMMAND.findall(text))


def kubernetes_commands(kind, name):
    return commands_in(" ".join(container(kind, name)["command"]))


def compose_commands(service):
    command = compose()["services"][service]["command"]
    return commands_in(command if isinstance(command, str) else " ".join(command))


@cache
def readme():
    return (ROOT / "README.md").read_text()


def readme_variables():
    """Every variable named in a row of the README's configuration tables."""
    rows = [line for line in readme().splitlines() if line.startswith("| `")]
    return {name for row in rows for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", row.split("|")[1])}


@pytest.mark.parametrize(
    ("kind", "name", "service"),
    [("Deployment", "web", "web"), ("Job", "release", "migrate")],
)
def test_kubernetes_and_compose_give_the_app_the_same_variables(kind, name, service):
    assert kubernetes_environment(kind, name) == compose_environment(service)


def test_every_scheduled_job_runs_with_the_app_s_configuration():
    web = kubernetes_environment("Deployment", "web") - {"PORT"}
    for (kind, name), _resource in manifests().items():
        if kind == "CronJob":
            assert kubernetes_environment(kind, name) == web, name
    assert compose_environment("scheduler") == compose_environment("web") - {"PORT"}


def test_every_variable_the_deployment_names_is_in_the_readme():
    named = set()
    for kind, name in manifests():
        if kind in {"Deployment", "Job", "CronJob"} and name != "edge":
            named |= kubernetes_environment(kind, name)
    for service in ("web", "migrate", "scheduler"):
        named |= compose_environment(service)
    missing = named - readme_variables()
    assert not missing, f"not in the README's configuration tables: {sorted(missing)}"


def test_the_release_step_is_the_same_everywhere():
    release = {"migrate", "set_site_url", "update_index", "warm_cache"}
    assert kubernetes_commands("Job", "release") == release
    assert compose_commands("migrate") == release
    assert {f"manage.py {command}" for command in release} <= {
        f"manage.py {command}" for command in commands_in(readme())
    }


def test_the_scheduled_commands_are_the_same_everywhere():
    cronjobs = set()
    for (kind, name), resource in manifests().items():
        if kind == "CronJob":
            assert resource["spec"]["concurrencyPolicy"] == "Forbid", name
            cronjobs |= kubernetes_commands(kind, name)
    assert cronjobs == {
        "publish_scheduled",
        "send_review_reminders",
        "remind_disclosures",
        "delete_old_feedback",
        "delete_abandoned_uploads",
    }
    assert compose_commands("scheduler") == cronjobs
    assert cronjobs <= commands_in(readme())
    every_minute = [
        resource
        for (kind, _name), resource in manifests().items()
        if kind == "CronJob" and resource["spec"]["schedule"] == "* * * * *"
    ]
    assert [kubernetes_commands("CronJob", r["metadata"]["name"]) for r in every_minute] == [
        {"publish_scheduled"}
    ]


def test_every_command_the_deployment_runs_exists():
    commands = kubernetes_commands("Job", "release") | compose_commands("scheduler")
    assert commands <= set(get_commands())


def named_port(kind, name, port_name="http"):
    [port] = [p for p in container(kind, name)["ports"] if p["name"] == port_name]
    return port["containerPort"]


def policy_ports(name, direction):
    rules = manifests()["NetworkPolicy", name]["spec"][direction]
    return {port["port"] for rule in rules for port in rule["ports"]}


def edge_environment():
    return manifests()["ConfigMap", "edge-environment"]["data"]


def compose_config(name):
    return compose()["configs"][name]["content"]


def test_the_web_port_is_the_same_everywhere():
    assert named_port("Deployment", "web") == WEB_PORT
    assert manifests()["Service", "web"]["spec"]["ports"][0]["port"] == WEB_PORT
    web_env = {v["name"]: v["value"] for v in container("Deployment", "web")["env"]}
    assert web_env["PORT"] == str(WEB_PORT)
    assert compose()["services"]["web"]["environment"]["PORT"] == str(WEB_PORT)
    assert compose()["services"]["web"]["expose"] == [str(WEB_PORT)]
    assert f"EXPOSE {WEB_PORT}" in (ROOT / "Dockerfile").read_text()
    assert f"PORT={WEB_PORT}" in (ROOT / "Dockerfile").read_text()
    assert policy_ports("web", "ingress") == {WEB_PORT}
    assert policy_ports("edge", "egress") == {WEB_PORT}
    # The edge's upstream, on Kubernetes and in compose.
    assert edge_environment()["web.conf"].strip() == f"server web:{WEB_PORT};"
    assert compose_config("edge-web").strip() == f"server web:{WEB_PORT};"
    assert f"| `PORT` | `{WEB_PORT}` |" in readme()


def test_the_edge_port_is_the_same_everywhere():
    assert named_port("Deployment", "edge") == EDGE_PORT
    assert f"listen {EDGE_PORT};" in edge_environment()["edge.conf"]
    assert f"listen {EDGE_PORT};" in compose_config("edge-listen")
    assert compose()["services"]["proxy"]["ports"] == [f"80:{EDGE_PORT}"]
    assert policy_ports("edge", "ingress") == {EDGE_PORT}
    probes = container("Deployment", "edge")
    assert probes["livenessProbe"]["httpGet"]["path"] == "/edge-healthz"
    assert "location = /edge-healthz" in (ROOT / EDGE_CONF).read_text()


def test_the_edge_is_one_file():
    """compose mounts the shipped file, and Kubernetes makes its ConfigMap from it."""
    assert compose()["configs"]["edge"]["file"] == EDGE_CONF
    generator = yaml.safe_load((ROOT / "deploy" / "nginx" / "kustomization.yaml").read_text())
    [config_map] = generator["configMapGenerator"]
    assert (config_map["name"], config_map["files"]) == ("edge-nginx", ["protecting-babies.conf"])
    assert (
        "../nginx" in yaml.safe_load((KUBERNETES / "kustomization.yaml").read_text())["resources"]
    )
    volumes = {
        volume["name"]: volume["configMap"]["name"]
        for volume in pod_spec(manifests()["Deployment", "edge"])["volumes"]
        if "configMap" in volume
    }
    assert volumes == {"edge-nginx": "edge-nginx", "edge-environment": "edge-environment"}
    # Both name the files the shipped file includes, where it includes them from.
    assert set(edge_environment()) == {"web.conf", "edge.conf"}
    targets = {c["target"] for c in compose()["services"]["proxy"]["configs"]}
    assert targets == {
        "/etc/nginx/conf.d/default.conf",
        "/etc/nginx/protecting-babies/web.conf",
        "/etc/nginx/protecting-babies/edge.conf",
    }


def test_every_file_in_deploy_kubernetes_is_applied():
    listed = set(yaml.safe_load((KUBERNETES / "kustomization.yaml").read_text())["resources"])
    files = {path.name for path in KUBERNETES.glob("*.yaml")} - {"kustomization.yaml"}
    assert files <= listed
