#!/usr/bin/env bash
# `make deploy-check`: the deployment files checked as CI checks them (docs/deployment.md).
#   1. kustomize (kubectl's) builds deploy/kubernetes, as `kubectl apply -k` would;
#   2. every resource it makes is validated against Kubernetes' own schemas, strictly (no
#      unknown fields), for the oldest and the newest Kubernetes we support;
#   3. checkov scans those resources, the Dockerfile, and compose.yaml and deploy/ for secrets
#      (skipped checks, each with its reason: .checkov.yaml);
#   4. yamllint checks every YAML file of the deployment (.yamllint).
# The tools come from deploy/check-requirements.txt, in .tools/ (make deploy-check installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS=${TOOLS:-.tools/bin}
KUBERNETES_VERSIONS=${KUBERNETES_VERSIONS:-"1.30.0 1.37.0"}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "== kustomize: deploy/kubernetes"
"$TOOLS/kubectl" kustomize deploy/kubernetes > "$out/kubernetes.yaml"
grep -c '^kind:' "$out/kubernetes.yaml" | xargs printf '%s resources\n'

for version in $KUBERNETES_VERSIONS; do
  echo "== kubernetes-validate --strict, Kubernetes $version"
  "$TOOLS/kubernetes-validate" --strict --quiet -k "$version" "$out/kubernetes.yaml"
done

echo "== checkov: Kubernetes resources, Dockerfile, secrets"
"$TOOLS/checkov" --config-file .checkov.yaml --framework kubernetes -f "$out/kubernetes.yaml"
"$TOOLS/checkov" --config-file .checkov.yaml --framework dockerfile -f Dockerfile
# checkov has no framework for compose files: they (and deploy/) are scanned for secrets.
"$TOOLS/checkov" --config-file .checkov.yaml --framework secrets \
  -f compose.yaml -f Dockerfile -d deploy

echo "== yamllint"
"$TOOLS/yamllint" --strict -c .yamllint compose.yaml deploy .checkov.yaml .yamllint
echo "deploy-check: all passed"
