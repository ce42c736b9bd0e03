"""Unit tests of the class report filters."""

import html.parser

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.dockerlab.training.plugins.filter.class_report import (
    class_report,
    class_report_host_result,
    class_report_html,
    class_report_table,
    login_cards_html,
)

TAKEN_AT = "2026-12-04T01:00:00Z"
SCRIPT = "<script>alert('x')</script>"


def lab(status, reasons=(), skip_reason="", skipped=()):
    return {"status": status, "reasons": list(reasons), "skip_reason": skip_reason,
            "skipped": list(skipped), "checks": len(reasons) or 1,
            "reached": status == "reached"}


HOST_RESULTS = {
    "vm-1": {"unreachable": False, "error": "", "labs_report": {
        "first_container": lab("reached"),
        "apparmor": lab("skipped", skip_reason="AppArmor is not enabled in this kernel"),
        "storage": lab("not reached", reasons=["Container myredis does not exist", SCRIPT]),
    }},
    "vm-2": {"unreachable": False, "error": "", "labs_report": {
        "first_container": lab("not reached", reasons=["web is not running"]),
        "apparmor": lab("skipped", skip_reason="AppArmor is not enabled in this kernel"),
        "storage": lab("reached"),
    }},
    "vm-3": {"unreachable": True, "error": "Failed to connect to vm-3", "labs_report": {}},
}


class TextCollector(html.parser.HTMLParser):
    """Collect every start tag and the page's visible text."""

    def __init__(self):
        super().__init__()
        self.tags = []
        self.text = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(page):
    collector = TextCollector()
    collector.feed(page)
    return collector


def test_report_columns_first_seen_order():
    report = class_report(HOST_RESULTS, TAKEN_AT)
    assert report["labs"] == ["first_container", "apparmor", "storage"]
    assert report["taken_at"] == TAKEN_AT


def test_report_columns_given_order():
    report = class_report(HOST_RESULTS, TAKEN_AT, ["storage", "first_container"])
    assert report["labs"] == ["storage", "first_container"]
    assert list(report["vms"]["vm-1"]["labs"]) == ["storage", "first_container"]


def test_report_cell_statuses():
    vms = class_report(HOST_RESULTS, TAKEN_AT)["vms"]
    assert vms["vm-1"]["status"] == "checked"
    assert vms["vm-1"]["labs"]["first_container"]["status"] == "reached"
    assert vms["vm-1"]["labs"]["storage"]["status"] == "not reached"
    assert vms["vm-1"]["labs"]["storage"]["reasons"][1] == SCRIPT
    assert vms["vm-2"]["labs"]["apparmor"]["skip_reason"] == (
        "AppArmor is not enabled in this kernel")


def test_report_unreachable_vm():
    report = class_report(HOST_RESULTS, TAKEN_AT)
    vm = report["vms"]["vm-3"]
    assert vm["status"] == "unreachable"
    assert report["unreachable"] == ["vm-3"]
    assert {cell["status"] for cell in vm["labs"].values()} == {"not checked"}
    assert vm["labs"]["storage"]["reasons"] == ["Failed to connect to vm-3"]


def test_report_failed_vm():
    results = {"vm-1": {"unreachable": False, "error": "sudo: a password is required"}}
    report = class_report(results, TAKEN_AT, ["first_container"])
    assert report["vms"]["vm-1"]["status"] == "failed"
    assert report["vms"]["vm-1"]["labs"]["first_container"]["status"] == "not checked"


def test_report_lab_missing_on_one_vm():
    results = {"vm-1": {"labs_report": {"storage": lab("reached")}},
               "vm-2": {"labs_report": {"veth": lab("reached")}}}
    report = class_report(results, TAKEN_AT)
    assert report["vms"]["vm-1"]["labs"]["veth"]["status"] == "not checked"
    assert report["vms"]["vm-1"]["labs"]["veth"]["reasons"] == [
        "the lab was not part of this VM's run"]


def test_report_counts():
    counts = class_report(HOST_RESULTS, TAKEN_AT)["counts"]
    assert counts == {"reached": 2, "not reached": 2, "skipped": 2, "not checked": 3}


def test_report_unknown_status_rejected():
    results = {"vm-1": {"labs_report": {"storage": {"status": "done"}}}}
    with pytest.raises(AnsibleFilterError, match="'done'"):
        class_report(results, TAKEN_AT)


def test_report_not_a_dict_rejected():
    with pytest.raises(AnsibleFilterError, match="list"):
        class_report(["vm-1"], TAKEN_AT)


def test_table_rows_and_markers():
    table = class_report_table(class_report(HOST_RESULTS, TAKEN_AT))
    lines = table.splitlines()
    assert lines[0] == f"Class progress at {TAKEN_AT}"
    assert lines[1].split() == ["VM", "reached", "1", "2", "3"]
    assert lines[2].split() == ["vm-1", "1/2", "yes", "skip", "NO"]
    assert lines[3].split() == ["vm-2", "1/2", "NO", "skip", "yes"]
    assert lines[4].split() == ["vm-3", "0/0", "?", "?", "?", "unreachable"]


def test_table_legend_and_reasons():
    table = class_report_table(class_report(HOST_RESULTS, TAKEN_AT))
    assert "Labs: 1 first_container, 2 apparmor, 3 storage" in table
    assert "vm-2 first_container not reached: web is not running" in table
    assert "vm-1 apparmor skipped: AppArmor is not enabled in this kernel" in table
    assert "vm-3: unreachable: Failed to connect to vm-3" in table


def test_html_escapes_reason():
    page = class_report_html(class_report(HOST_RESULTS, TAKEN_AT))
    assert SCRIPT not in page
    assert "&lt;script&gt;" in page
    parsed = parse(page)
    assert "script" not in [tag for tag, _attrs in parsed.tags]
    assert SCRIPT in "".join(parsed.text)


def test_html_escapes_host_and_lab_names():
    results = {'vm"<b>': {"labs_report": {"lab<i>": lab("reached")}}}
    page = class_report_html(class_report(results, TAKEN_AT))
    tags = [tag for tag, _attrs in parse(page).tags]
    assert "b" not in tags
    assert "i" not in tags
    assert "vm&quot;&lt;b&gt;" in page


def test_html_grid_cells():
    page = class_report_html(class_report(HOST_RESULTS, TAKEN_AT))
    cells = {(attrs["data-vm"], attrs["data-lab"]): attrs
             for tag, attrs in parse(page).tags if tag == "td"}
    assert len(cells) == 9
    assert cells[("vm-1", "first_container")]["class"] == "reached"
    assert cells[("vm-1", "storage")]["class"] == "missed"
    assert cells[("vm-1", "storage")]["title"] == f"Container myredis does not exist {SCRIPT}"
    assert cells[("vm-2", "apparmor")]["data-status"] == "skipped"
    assert cells[("vm-3", "storage")]["class"] == "unknown"


def test_html_taken_at_and_self_contained():
    page = class_report_html(class_report(HOST_RESULTS, TAKEN_AT))
    tags = parse(page).tags
    assert ("time", {"id": "taken-at"}) in tags
    assert TAKEN_AT in page
    assert not [attrs for tag, attrs in tags if tag in ("link", "script", "img")]


CARD = {"host": "vm-1", "address": "172.20.0.2", "login": "trainee",
        "password": "p<a>ss&word", "cadvisor_url": "http://172.20.0.2:8080/",
        "first_command": "docker run --name web -d httpd"}


def test_cards_fields():
    page = login_cards_html([CARD, dict(CARD, host="vm-2", address="172.20.0.3")])
    parsed = parse(page)
    sections = [attrs for tag, attrs in parsed.tags if tag == "section"]
    text = "".join(parsed.text)
    assert len(sections) == 2
    assert "p<a>ss&word" in text
    assert "ssh trainee@172.20.0.3" in text
    assert "http://172.20.0.2:8080/" in text
    assert "docker run --name web -d httpd" in text


def test_cards_escape_password():
    page = login_cards_html([CARD])
    assert "p&lt;a&gt;ss&amp;word" in page
    assert "a" not in [tag for tag, _attrs in parse(page).tags]


def test_cards_missing_field_rejected():
    with pytest.raises(AnsibleFilterError, match="password"):
        login_cards_html([{"host": "vm-1", "address": "x", "login": "trainee"}])


def test_host_result_checked():
    result = class_report_host_result({"labs_report": {"storage": lab("reached")},
                                       "__class_report_ping": {"ping": "pong"}})
    assert result == {"labs_report": {"storage": lab("reached")}, "unreachable": False,
                      "error": ""}


def test_host_result_unreachable():
    result = class_report_host_result({"__class_report_ping": {
        "unreachable": True, "msg": "Failed to connect to the host via ssh"}})
    assert result["unreachable"] is True
    assert result["error"] == "Failed to connect to the host via ssh"
    assert result["labs_report"] == {}


def test_host_result_failed():
    result = class_report_host_result({"__class_report_error": " Run every lab failed: boom\n"})
    assert result["unreachable"] is False
    assert result["error"] == "Run every lab failed: boom"


def test_host_result_ping_failed():
    error = "Check that the VM answers failed: Module result deserialization failed"
    result = class_report_host_result({"__class_report_ping": {"failed": True, "msg": "x"},
                                       "__class_report_error": error})
    assert result["unreachable"] is True
    assert result["error"] == error
