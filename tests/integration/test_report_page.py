"""The class report's HTML pages, rendered by the role and loaded in Chromium.

The role runs for real through ansible-playbook on this machine, from fixed
lab results; Debian's chromium loads each page from its file in headless
mode, dumps the DOM it built and takes a screenshot.
"""

import html.parser
import json
import os
import shutil
import stat
import subprocess
import sys

import pytest

CHECKOUT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PLAYBOOK = os.path.join(CHECKOUT, "tests", "integration", "playbooks", "class_report.yml")
CHROMIUM = shutil.which("chromium")
INJECTED = "<script>document.title='injected'</script>"
PASSWORD = "Pw<b>9&x"

REPORT_FIXTURE = {
    "vm-1": {
        "first_container": {"status": "reached", "reasons": [], "skip_reason": "",
                            "skipped": [], "checks": 3, "reached": True},
        "apparmor": {"status": "skipped", "reasons": [], "checks": 0, "reached": False,
                     "skip_reason": "AppArmor is not enabled in this kernel", "skipped": []},
        "storage": {"status": "not reached", "checks": 3, "reached": False,
                    "reasons": ["Container myredis does not exist on this host", INJECTED],
                    "skip_reason": "", "skipped": []},
    },
    "vm-2": {
        "first_container": {"status": "not reached", "reasons": ["web is not running"],
                            "skip_reason": "", "skipped": [], "checks": 3, "reached": False},
        "apparmor": {"status": "skipped", "reasons": [], "checks": 0, "reached": False,
                     "skip_reason": "AppArmor is not enabled in this kernel", "skipped": []},
        "storage": {"status": "reached", "reasons": [], "skip_reason": "", "skipped": [],
                    "checks": 3, "reached": True},
    },
}

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed; apt-get install chromium")


class DomCollector(html.parser.HTMLParser):
    """Collect the start tags, the text and the document title of a page."""

    def __init__(self):
        super().__init__()
        self.tags = []
        self.text = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        self.text.append(data)
        if self._in_title:
            self.title += data


def write_inventory(directory):
    local = {"ansible_connection": "local", "ansible_python_interpreter": sys.executable}
    hosts = {"trainees": {"hosts": {
        "vm-1": local,
        "vm-2": local,
        # Nothing listens on port 1, so Ansible reports vm-3 unreachable.
        "vm-3": {"ansible_connection": "ssh", "ansible_host": "127.0.0.1", "ansible_port": 1,
                 "ansible_ssh_common_args": "-o ConnectTimeout=5 -o BatchMode=yes"},
        # No container has this name. With pipelining, the docker connection
        # reports it as a failed module run rather than as unreachable.
        "vm-4": {"ansible_connection": "community.docker.docker",
                 "ansible_host": "hp-class-report-absent", "ansible_pipelining": True},
    }}}
    path = directory / "hosts.yml"
    path.write_text(json.dumps(hosts))
    return path


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Run the role once; return the folder holding the report and the cards."""
    directory = tmp_path_factory.mktemp("class-report")
    inventory = write_inventory(directory)
    credentials = directory / "credentials"
    (credentials / "vm-1").mkdir(parents=True)
    (credentials / "vm-1" / "trainee").write_text(PASSWORD + "\n")
    extra_vars = {"report_fixture": REPORT_FIXTURE,
                  "class_report_dir": str(directory / "reports"),
                  "class_report_credentials_dir": str(credentials),
                  "cadvisor_port": 8081}
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(CHECKOUT, "ansible.cfg"),
               ANSIBLE_STDOUT_CALLBACK="ansible.posix.json")
    completed = subprocess.run(
        ["ansible-playbook", "-i", str(inventory), "-e", json.dumps(extra_vars), PLAYBOOK],
        cwd=CHECKOUT, env=env, capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-2000:]
    result = json.loads(completed.stdout)
    # The role ignores vm-3 being unreachable, so the recap counts it as ignored.
    assert result["stats"]["vm-3"]["ignored"] >= 1
    assert result["stats"]["vm-3"]["unreachable"] == 0
    assert result["stats"]["vm-1"]["failures"] == 0
    assert PASSWORD not in completed.stdout
    return directory


def chromium(page, *arguments, profile):
    argv = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}",
            *arguments, page.as_uri()]
    completed = subprocess.run(argv, capture_output=True, text=True, timeout=120, check=False)
    assert completed.returncode == 0, completed.stderr[-2000:]
    return completed.stdout


def dump_dom(page, tmp_path):
    collector = DomCollector()
    collector.feed(chromium(page, "--dump-dom", profile=tmp_path / "profile"))
    return collector


def test_report_json_written(rendered):
    report = json.loads((rendered / "reports" / "progress.json").read_text())
    assert report["labs"] == ["first_container", "apparmor", "storage"]
    assert report["vms"]["vm-3"]["status"] == "unreachable"
    assert report["vms"]["vm-4"]["status"] == "unreachable"
    assert report["unreachable"] == ["vm-3", "vm-4"]
    assert report["vms"]["vm-1"]["labs"]["storage"]["reasons"][1] == INJECTED


def test_report_grid_in_chromium(rendered, tmp_path):
    dom = dump_dom(rendered / "reports" / "progress.html", tmp_path)
    cells = {(attrs["data-vm"], attrs["data-lab"]): attrs
             for tag, attrs in dom.tags if tag == "td"}
    assert len(cells) == 12
    assert cells[("vm-1", "first_container")]["data-status"] == "reached"
    assert cells[("vm-1", "storage")]["data-status"] == "not reached"
    assert cells[("vm-2", "first_container")]["data-status"] == "not reached"
    assert cells[("vm-2", "apparmor")]["title"] == "AppArmor is not enabled in this kernel"
    assert cells[("vm-3", "storage")]["data-status"] == "not checked"
    rows = {attrs["data-vm"]: attrs["data-vm-status"] for tag, attrs in dom.tags if tag == "tr"
            and "data-vm" in attrs}
    assert rows == {"vm-1": "checked", "vm-2": "checked", "vm-3": "unreachable",
                    "vm-4": "unreachable"}


def test_report_reason_shown_as_text(rendered, tmp_path):
    dom = dump_dom(rendered / "reports" / "progress.html", tmp_path)
    assert "script" not in [tag for tag, _attrs in dom.tags]
    assert INJECTED in "".join(dom.text)
    assert "injected" not in dom.title
    assert dom.title.startswith("Class progress at ")


def test_report_screenshot(rendered, tmp_path):
    shot = tmp_path / "progress.png"
    chromium(rendered / "reports" / "progress.html", f"--screenshot={shot}",
             "--window-size=1000,420", "--hide-scrollbars", profile=tmp_path / "profile")
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 2000
    keep = os.environ.get("CLASS_REPORT_SCREENSHOT_DIR")
    if keep:
        shutil.copy(shot, os.path.join(keep, "progress.png"))


def test_cards_in_chromium(rendered, tmp_path):
    page = rendered / "credentials" / "login-cards.html"
    assert stat.S_IMODE(page.stat().st_mode) == 0o600
    dom = dump_dom(page, tmp_path)
    cards = [attrs for tag, attrs in dom.tags if tag == "section"]
    text = "".join(dom.text)
    assert len(cards) == 4
    assert PASSWORD in text
    assert "b" not in [tag for tag, _attrs in dom.tags]
    assert "(not stored yet: run site.yml)" in text
    assert "ssh trainee@127.0.0.1" in text
    assert ":8081/" in text
    assert "docker run --name web -d httpd" in text
