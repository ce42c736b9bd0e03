"""The production demo: one image on every web host, a cross-host database,
a rolling update that stops at a failed host, and rollback.

The tests run in file order, because each playbook run leaves the state the
next test starts from: release 1 after converge, then 2, then a failed 3 on
web-1 only, then 2 again, then 1. Each test reaches the VMs through the
scenario's inventory, from the db host's `host` fixture.
"""

import json
import os
import re
import subprocess

import pytest
import testinfra

import testlib

INVENTORY = os.environ["MOLECULE_INVENTORY_FILE"]
SCENARIO_DIR = os.path.join(os.path.dirname(__file__), "..")
PLAYBOOKS = os.path.join(SCENARIO_DIR, "..", "..", "playbooks", "production")
BROKEN_APP = os.path.abspath(os.path.join(SCENARIO_DIR, "broken-app"))
DB = "molecule-production-db"
WEBS = ["molecule-production-web-1", "molecule-production-web-2"]
REGISTRY = f"{DB}:5001"
IMAGE = f"{REGISTRY}/dockerlab/phpmysql"
CA = f"/etc/docker/certs.d/{REGISTRY}/ca.crt"
WEB_PORT = 8000
SWARM_WEB_PORT = 8001
DB_PORT = 3306

testinfra_hosts = [f"ansible://{DB}?ansible_inventory={INVENTORY}"]


def get_vm(name):
    return testinfra.get_host(f"ansible://{name}?ansible_inventory={INVENTORY}")


def state_dir():
    """Return the controller folder of the passwords and the release record."""
    inventory_dir = os.path.dirname(INVENTORY)
    return os.path.join(os.path.dirname(inventory_dir), "credentials",
                        os.path.basename(inventory_dir), "app")


def run_playbook(name, *extra_args):
    """Run playbooks/production/NAME on the scenario's inventory.

    Returns (exit code, parsed output of the json callback, raw stdout).
    """
    env = dict(os.environ, ANSIBLE_STDOUT_CALLBACK="ansible.posix.json",
               ANSIBLE_LOAD_CALLBACK_PLUGINS="1")
    command = ["ansible-playbook", "-i", INVENTORY, os.path.join(PLAYBOOKS, name), *extra_args]
    completed = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    try:
        output = json.loads(completed.stdout)
    except ValueError as error:
        raise AssertionError(
            f"{' '.join(command)} exited {completed.returncode} without json output "
            f"({error}):\n{completed.stdout[-3000:]}\n{completed.stderr[-3000:]}") from error
    return completed.returncode, output, completed.stdout


def failure_messages(output):
    """Return the msg of every failed task result in a json callback output."""
    messages = []
    for play in output["plays"]:
        for task in play["tasks"]:
            for result in task["hosts"].values():
                if result.get("failed") and not result.get("ignore_errors"):
                    messages.append(str(result.get("msg", "")))
    return messages


def vm_address(host, name):
    """Return VM NAME's address on the lab network, as resolved on HOST."""
    return host.check_output("getent hosts %s", name).split()[0]


# The VMs have Python but no curl, so HTTP requests from a VM go through
# this script. It takes the URL, method, Accept header and CA file ("-" for
# none) and prints the status, the Docker-Content-Digest header, a blank
# line and the body.
_HTTP_GET = r"""
import ssl, sys, urllib.error, urllib.request
url, method, accept, cafile = [value if value != "-" else "" for value in sys.argv[1:5]]
request = urllib.request.Request(url, method=method, headers={"Accept": accept} if accept else {})
context = ssl.create_default_context(cafile=cafile) if cafile else None
try:
    response = urllib.request.urlopen(request, timeout=10, context=context)
except urllib.error.HTTPError as error:
    response = error
print(response.status)
print(response.headers.get("Docker-Content-Digest", ""))
print()
print(response.read().decode())
"""


def http_request(host, url, method="GET", accept="", cafile=""):
    """Send an HTTP request from HOST: (status, Docker-Content-Digest, body)."""
    result = host.run("python3 -c %s %s %s %s %s", _HTTP_GET, url, method, accept or "-",
                      cafile or "-")
    assert result.rc == 0, result.stderr
    status, digest, _blank, body = result.stdout.split("\n", 3)
    return int(status), digest, body


def page(host, name, port=WEB_PORT):
    """Fetch the app's page of web host NAME from HOST: (HTTP status, body)."""
    status, _digest, body = http_request(host, f"http://{name}:{port}/")
    return status, body


def field(body, element_id):
    """Return the text of the page's <span id=ELEMENT_ID>."""
    match = re.search(f'id="{element_id}">([^<]*)<', body)
    assert match, f"no {element_id} on the page:\n{body}"
    return match.group(1)


def web_container(vm):
    """Return (id, image reference) of the web container on VM."""
    line = vm.check_output(
        "docker ps --filter label=com.docker.compose.project=production-web "
        "--format '{{.ID}} {{.Image}}'")
    assert line, "no web container runs"
    container_id, image = line.split()
    return container_id, image


def registry_digest(host, tag):
    """Return the registry's manifest digest of the app image's TAG."""
    status, digest, _body = http_request(
        host, f"https://{REGISTRY}/v2/dockerlab/phpmysql/manifests/{tag}", method="HEAD",
        accept="application/vnd.docker.distribution.manifest.v2+json", cafile=CA)
    assert status == 200, f"tag {tag} not in the registry (HTTP {status})"
    assert digest.startswith("sha256:"), digest
    return digest


def release_record():
    with open(os.path.join(state_dir(), "release.yml"), encoding="utf-8") as record:
        text = record.read()
    return dict(re.findall(r"(?m)^(deployed|previous): '?([^'\n]*)'?$", text))


def test_check_mode_changes_nothing():
    stats = testlib.run_playbook_check_mode(os.path.join(PLAYBOOKS, "deploy.yml"))
    assert stats, "the check-mode run reported no hosts"
    for hostname, host_stats in stats.items():
        assert host_stats["failures"] == 0, hostname
        assert host_stats["changed"] == 0, hostname


@pytest.mark.parametrize("name", WEBS)
def test_web_hosts_run_registry_image(host, name):
    digest = registry_digest(host, "1")
    vm = get_vm(name)
    _container_id, image = web_container(vm)
    assert image == f"{IMAGE}:1"
    repo_digests = vm.check_output("docker image inspect --format '{{json .RepoDigests}}' %s", image)
    assert f"{IMAGE}@{digest}" in json.loads(repo_digests)


def test_image_built_once():
    # An image the classic builder made locally records its parent image,
    # and a pulled one has none, so an empty Parent shows a pulled image.
    for name in WEBS:
        built = get_vm(name).run("docker image inspect --format '{{.Parent}}' %s:1", IMAGE)
        assert built.rc == 0, built.stderr
        assert built.stdout.strip() == "", f"{name} built the image instead of pulling it"


def test_database_published_on_host_address(host):
    address = host.interface("eth0").addresses[0]
    listeners = host.check_output("docker port $(docker ps -q --filter "
                                  "label=com.docker.compose.service=db) 3306")
    assert f"{address}:{DB_PORT}" in listeners


@pytest.mark.parametrize("name", WEBS)
def test_page_shows_row_across_hosts(host, name):
    status, body = page(host, name)
    assert status == 200, body
    assert field(body, "row") == "world"
    assert field(body, "release") == "1"
    assert field(body, "web-host") == name
    db_container = host.check_output("docker ps -q --filter label=com.docker.compose.service=db")
    hostname = host.check_output("docker inspect --format '{{.Config.Hostname}}' %s", db_container)
    assert field(body, "db-server") == hostname
    # The database saw the request come from the web host's own address
    # (which MariaDB resolves to the VM's name), so it crossed the hosts'
    # network rather than a local Compose network.
    client = field(body, "db-client")
    assert client == vm_address(host, name) or client.split(".")[0] == name


@pytest.mark.parametrize("path", ["db/db.env"])
def test_db_secret_file_private(host, path):
    secret = host.file(f"/opt/dockerlab-production/{path}")
    assert secret.mode == 0o600


@pytest.mark.parametrize("name", WEBS)
def test_web_secret_file_private(name):
    secret = get_vm(name).file("/opt/dockerlab-production/web/app.env")
    assert secret.mode == 0o600


@pytest.mark.parametrize("login", ["mysql-root", "mysql-app"])
def test_controller_passwords_private(login):
    path = os.path.join(state_dir(), login)
    assert oct(os.stat(path).st_mode & 0o777) == "0o600"


def test_swarm_nodes_ready(host):
    nodes = host.check_output("docker node ls --format '{{.Hostname}} {{.Status}}'")
    assert sorted(nodes.splitlines()) == sorted(f"{name} Ready" for name in [DB, *WEBS])


@pytest.mark.parametrize("name", WEBS)
def test_swarm_page_over_overlay(host, name):
    status, body = page(host, name, SWARM_WEB_PORT)
    assert status == 200, body
    assert field(body, "row") == "world"
    assert field(body, "web-host") == name
    # MariaDB names the client after its task on the overlay network, so the
    # request reached the db node's task through the overlay.
    assert field(body, "db-client").endswith(".production_backend")


def test_rolling_update_one_host_per_batch(host):
    containers_before = {name: web_container(get_vm(name))[0] for name in WEBS}
    code, output, stdout = run_playbook("rolling_update.yml", "-e", "production_app_version=2")
    assert code == 0, failure_messages(output)
    # With `serial: 1`, Ansible runs the play once per batch of one host.
    batches = [sorted({name for task in play["tasks"] for name in task["hosts"]})
               for play in output["plays"]
               if play["play"]["name"] == "Deploy the release on one web host at a time"]
    assert batches == [[WEBS[0]], [WEBS[1]]]
    for name in WEBS:
        container_id, image = web_container(get_vm(name))
        assert image == f"{IMAGE}:2"
        assert container_id != containers_before[name]
        status, body = page(host, name)
        assert status == 200, body
        assert field(body, "release") == "2"
    assert release_record() == {"deployed": "2", "previous": "1"}
    with open(os.path.join(state_dir(), "mysql-app"), encoding="utf-8") as secret:
        password = secret.read().split()[0]
    assert password not in stdout


def test_failed_update_stops_at_first_host(host):
    untouched = web_container(get_vm(WEBS[1]))
    code, output, _stdout = run_playbook(
        "rolling_update.yml", "-e", "production_app_version=3",
        "-e", f"production_app_source_dir={BROKEN_APP}", "-e", "production_app_health_timeout=9")
    assert code != 0
    messages = failure_messages(output)
    assert any("Release 3 on molecule-production-web-1 did not serve" in m for m in messages), messages
    assert web_container(get_vm(WEBS[0]))[1] == f"{IMAGE}:3"
    assert web_container(get_vm(WEBS[1])) == untouched
    status, body = page(host, WEBS[1])
    assert status == 200, body
    assert field(body, "release") == "2"
    assert release_record() == {"deployed": "2", "previous": "1"}


def test_rollback_after_failed_update(host):
    code, output, _stdout = run_playbook("rollback.yml")
    assert code == 0, failure_messages(output)
    for name in WEBS:
        status, body = page(host, name)
        assert status == 200, body
        assert field(body, "release") == "2"
    assert release_record() == {"deployed": "2", "previous": "1"}


def test_rollback_to_previous_release(host):
    code, output, _stdout = run_playbook("rollback.yml")
    assert code == 0, failure_messages(output)
    for name in WEBS:
        status, body = page(host, name)
        assert status == 200, body
        assert field(body, "release") == "1"
    assert release_record() == {"deployed": "1", "previous": ""}


def test_rollback_without_earlier_release_fails():
    code, output, _stdout = run_playbook("rollback.yml")
    assert code != 0
    messages = failure_messages(output)
    assert any("no earlier release to return to" in m for m in messages), messages
