"""Unit tests of the lab_outcome filter."""

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.dockerlab.training.plugins.filter.labs import lab_outcome

PASSED = {"changed": False, "msg": "All assertions passed"}
FAILED = {"failed": True, "msg": "web is not running"}


def test_no_failure_is_reached():
    report = lab_outcome({}, "first_container", [PASSED, {"skipped": True}])
    assert report == {"first_container": {
        "status": "reached", "skip_reason": "", "reached": True, "checks": 2,
        "reasons": [], "skipped": []}}


def test_failure_gives_its_message():
    outcome = lab_outcome(None, "first_container", [PASSED, FAILED])["first_container"]
    assert outcome["status"] == "not reached"
    assert outcome["reached"] is False
    assert outcome["reasons"] == ["web is not running"]


def test_loop_gives_item_messages():
    loop = {"failed": True, "msg": "One or more items failed", "results": [
        {"failed": False, "msg": "ok"},
        {"failed": True, "msg": "page 1 lacks the row"},
        {"failed": True}]}
    outcome = lab_outcome({}, "compose_php", [loop])["compose_php"]
    assert outcome["reasons"] == ["page 1 lacks the row", "failed"]


def test_repeated_message_given_once():
    missing = {"failed": True, "msg": "Container quick-sniffer does not exist on this host"}
    outcome = lab_outcome({}, "security_quicklab", [missing, FAILED, missing])["security_quicklab"]
    assert outcome["reasons"] == [missing["msg"], "web is not running"]
    assert outcome["checks"] == 3


def test_missing_message_reads_failed():
    outcome = lab_outcome({}, "veth", [{"failed": True}])["veth"]
    assert outcome["reasons"] == ["failed"]


def test_skip_reason_skips_lab():
    outcome = lab_outcome({}, "apparmor", [], "AppArmor is not enabled")["apparmor"]
    assert outcome["status"] == "skipped"
    assert outcome["reached"] is False
    assert outcome["skip_reason"] == "AppArmor is not enabled"
    assert outcome["checks"] == 0


def test_module_skips_are_listed():
    result = {"changed": False, "checks": [
        {"name": "apparmor.profile", "skipped": True, "reason": "no AppArmor"},
        {"name": "capabilities", "passed": True}]}
    outcome = lab_outcome({}, "security_quicklab", [result])["security_quicklab"]
    assert outcome["status"] == "reached"
    assert outcome["skipped"] == ["apparmor.profile: no AppArmor"]


def test_other_labs_are_kept():
    report = {"storage": {"status": "reached"}, "veth": {"status": "not reached"}}
    new = lab_outcome(report, "veth", [PASSED])
    assert new["storage"] == {"status": "reached"}
    assert new["veth"]["status"] == "reached"
    assert report["veth"] == {"status": "not reached"}


@pytest.mark.parametrize("report, lab, results, named", [
    (["storage"], "storage", [], "labs_report is invalid: a list"),
    ({}, "", [], "the lab name '' is invalid"),
    ({}, "storage", "failed", "the results of lab storage are invalid: 'failed'"),
    ({}, "storage", [True], "the results of lab storage are invalid: [True]"),
])
def test_bad_input_is_named(report, lab, results, named):
    with pytest.raises(AnsibleFilterError) as error:
        lab_outcome(report, lab, results)
    assert named in str(error.value)
