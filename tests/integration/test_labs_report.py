"""The labs role's report step: every lab printed, unreached labs failed in setup mode.

A real ansible-playbook run on localhost reports fixed lab outcomes, as the
role does after its last lab.
"""

import json
import os
import subprocess
import sys

import pytest

CHECKOUT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PLAYBOOK = os.path.join(CHECKOUT, "tests", "integration", "playbooks", "labs_report.yml")


def outcome(status, reasons=(), skip_reason=""):
    return {"status": status, "skip_reason": skip_reason, "reached": status == "reached",
            "checks": len(reasons) or 1, "reasons": list(reasons), "skipped": []}


REPORT = {
    "first_container": outcome("reached"),
    "storage": outcome("not reached", ["myredis lost the key hello."]),
    "apparmor": outcome("skipped", skip_reason="AppArmor is not enabled in this kernel"),
    "veth": outcome("not reached", ["bare cannot ping docker0."]),
}


def report(**variables):
    """Run the report step; return the exit status and the report task's item results."""
    extra_vars = dict(variables, report_fixture=REPORT, ansible_python_interpreter=sys.executable)
    env = dict(os.environ, ANSIBLE_STDOUT_CALLBACK="ansible.posix.json",
               ANSIBLE_CONFIG=os.path.join(CHECKOUT, "ansible.cfg"))
    completed = subprocess.run(
        ["ansible-playbook", "-i", "localhost,", "-c", "local", "-e", json.dumps(extra_vars),
         PLAYBOOK], cwd=CHECKOUT, env=env, capture_output=True, text=True, check=False)
    assert "Traceback" not in completed.stdout + completed.stderr
    tasks = json.loads(completed.stdout)["plays"][0]["tasks"]
    [task] = [task for task in tasks if task["task"]["name"].endswith(": Report each lab")]
    items = {item["item"]: item for item in task["hosts"]["localhost"]["results"]}
    return completed.returncode, items


def test_setup_mode_fails_each_unreached_lab():
    returncode, items = report(labs_mode="setup")
    assert returncode != 0
    assert sorted(items) == sorted(REPORT)
    failed = sorted(lab for lab, item in items.items() if item.get("failed"))
    assert failed == ["storage", "veth"]
    assert "myredis lost the key hello." in items["storage"]["msg"]
    assert "was set up on localhost" in items["veth"]["msg"]


def test_setup_mode_prints_reached_and_skipped():
    _returncode, items = report(labs_mode="setup")
    assert items["first_container"]["msg"] == "first_container: reached (1 checks)"
    assert items["apparmor"]["msg"] == (
        "apparmor: skipped (1 checks): AppArmor is not enabled in this kernel")


@pytest.mark.parametrize("variables", [
    {"labs_mode": "check"},
    {"labs_mode": "setup", "labs_fail_on_unreached": False},
])
def test_unreached_lab_only_reported(variables):
    returncode, items = report(**variables)
    assert returncode == 0
    assert not any(item.get("failed") for item in items.values())
    assert items["storage"]["msg"].startswith("storage: not reached (1 checks); myredis")
