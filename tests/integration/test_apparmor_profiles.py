"""The apparmor_profiles role on this machine's own kernel, in check mode.

These run the role on localhost with --check, so nothing on the machine
changes. The syntax check still runs apparmor_parser for real, because it
only reads. Where the kernel has AppArmor, the cases that expect the skip
cannot happen and are skipped; the QEMU scenario `apparmor` covers loading.
"""

import json
import os
import shutil

import pytest

from test_bad_input import failure_messages, run_role

ROLE = "apparmor_profiles"
HAS_APPARMOR = (
    os.path.exists("/sys/module/apparmor/parameters/enabled")
    and open("/sys/module/apparmor/parameters/enabled").read().strip() == "Y"
)
needs_no_apparmor = pytest.mark.skipif(
    HAS_APPARMOR, reason="this kernel has AppArmor, so the role does not skip here")
# Check mode installs nothing, so the syntax check runs only where
# apparmor_parser is already installed (scripts/setup installs apparmor).
needs_parser = pytest.mark.skipif(
    shutil.which("apparmor_parser") is None,
    reason="apparmor_parser is not installed on this machine")
# Only the package that is already installed, so that check mode reports
# no pending install and runs the syntax check.
PARSER_ONLY = {"apparmor_profiles_packages": ["apparmor"]}


def task_results(result, task_name):
    """Return localhost's results of every task whose name ends with TASK_NAME."""
    return [task["hosts"]["localhost"]
            for play in result["plays"] for task in play["tasks"]
            if task["task"]["name"].endswith(task_name) and "localhost" in task["hosts"]]


@needs_no_apparmor
def test_required_fails_before_change():
    completed = run_role(ROLE, {"apparmor_profiles_required": True})
    assert completed.returncode != 0, completed.stdout[-2000:]
    result = json.loads(completed.stdout)
    assert result["stats"]["localhost"]["failures"] == 1
    assert result["stats"]["localhost"]["changed"] == 0
    messages = failure_messages(result)
    assert "apparmor_profiles_required" in messages
    assert "AppArmor is not enabled in this kernel" in messages


@needs_no_apparmor
@needs_parser
def test_skip_reported_with_reason():
    completed = run_role(ROLE, PARSER_ONLY)
    assert completed.returncode == 0, completed.stdout[-3000:]
    result = json.loads(completed.stdout)
    syntax = task_results(result, "Syntax-check each profile without loading it")
    assert len(syntax) == 1
    checked = [item["item"]["name"] for item in syntax[0]["results"] if item.get("rc") == 0]
    assert checked == ["docker-test", "docker-tcpdump"]
    report = task_results(result, "Report why the profiles were not loaded")
    assert len(report) == 1
    assert "Skipped loading the AppArmor profiles docker-test, docker-tcpdump" in report[0]["msg"]
    assert "AppArmor is not enabled in this kernel" in report[0]["msg"]
    assert "passed the syntax check" in report[0]["msg"]
    loads = task_results(result, "Load the profiles and confirm their enforce mode")
    assert loads[0].get("skipped") is True


@needs_parser
def test_invalid_profiles_fail_syntax_check():
    # One run with both broken profiles: every role run costs seconds.
    extra = [{"name": "ha-broken", "content": "profile ha-broken {\n  fille,\n}\n"},
             {"name": "ha-named", "content": "profile ha-other {\n  file,\n}\n"}]
    completed = run_role(ROLE, dict(PARSER_ONLY, apparmor_profiles_extra=extra))
    assert completed.returncode != 0, completed.stdout[-2000:]
    result = json.loads(completed.stdout)
    assert result["stats"]["localhost"]["changed"] == 0
    messages = failure_messages(result)
    assert "The AppArmor profile ha-broken is invalid" in messages
    assert "syntax error" in messages
    assert "ha-named declares ha-other instead" in messages
    assert "apparmor_profiles_extra" in messages
    assert "profile docker-test" not in messages
