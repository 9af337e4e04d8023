"""`make audit`: pip-audit over the locked packages (requirements/dev.txt: the runtime set and
the tools, every version for every platform the lock covers), read from the lock itself rather
than from whatever this virtualenv happens to hold.

pip-audit says "No known vulnerabilities found" even when it could check nothing (every
package "not found" because the vulnerability service did not answer). This wrapper tells the
two apart:

- exit 1: a known vulnerability in an installed package (the table says which and the fix);
- exit 0: every package was checked and none is known to be vulnerable;
- when the service could not be reached, it says loudly that nothing was audited and exits 0,
  or 3 with AUDIT_REQUIRED=1 (use that wherever PyPI's JSON API is reachable).

AUDIT_SERVICE=osv asks the OSV database instead of PyPI.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent
# The whole locked set: requirements/base.txt's packages, at the same versions, and the tools.
LOCKED = Path(__file__).resolve().parent.parent / "requirements" / "dev.txt"


def say(line):
    sys.stdout.write(line + "\n")


def run_pip_audit(service):
    command = [
        str(BIN / "pip-audit"),
        "--requirement",
        str(LOCKED),
        # Every package is pinned with its hashes: audit those, resolve nothing.
        "--require-hashes",
        "--disable-pip",
        "--progress-spinner",
        "off",
        "--format",
        "json",
        "--vulnerability-service",
        service,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=600)  # noqa: S603


def main():
    service = os.environ.get("AUDIT_SERVICE", "pypi")
    required = os.environ.get("AUDIT_REQUIRED", "") in {"1", "true", "yes"}
    result = run_pip_audit(service)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        report = None

    if report is None:
        reason = (result.stderr.strip().splitlines() or ["no output"])[-1]
        return not_audited(f"pip-audit failed before auditing anything: {reason}", required)

    dependencies = report["dependencies"]
    audited = [dep for dep in dependencies if "skip_reason" not in dep]
    skipped = [dep for dep in dependencies if "skip_reason" in dep]
    vulnerable = [dep for dep in audited if dep.get("vulns")]

    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions") or []) or "no fixed version yet"
            say(f"VULNERABLE {dep['name']} {dep['version']}: {vuln['id']} (fixed in {fixes})")
    if vulnerable:
        say(
            f"{len(vulnerable)} vulnerable package(s): upgrade them (docs/operations.md, "
            "upgrading a package), then `make lock`."
        )
        return 1

    if not audited:
        return not_audited(
            f"the {service} vulnerability service answered for none of the {len(skipped)} "
            f"locked packages (first: {skipped[0]['skip_reason'] if skipped else 'none'})",
            required,
        )

    say(f"pip-audit ({service}): {len(audited)} locked packages checked, no known vulnerabilities.")
    for dep in skipped:
        say(f"  not checked: {dep['skip_reason']}")
    return 0


def not_audited(reason, required):
    say("=" * 78)
    say("DEPENDENCIES NOT AUDITED: " + reason + ".")
    say("This machine cannot reach the vulnerability data; run `make audit` where it can")
    say("(AUDIT_REQUIRED=1 makes this an error, AUDIT_SERVICE=osv uses the OSV database).")
    say("=" * 78)
    return 3 if required else 0


if __name__ == "__main__":
    sys.exit(main())
