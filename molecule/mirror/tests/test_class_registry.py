"""Trainee VMs pull through the class mirror and share images via its push target.

Each test runs once, from the instructor host's `host` fixture, and reaches
the trainee VMs through the same inventory.
"""

import os
import subprocess
import time

import pytest
import testinfra

import testlib

INVENTORY = os.environ["MOLECULE_INVENTORY_FILE"]
INSTRUCTOR = "molecule-mirror-instructor"
VMS = ["molecule-mirror-1", "molecule-mirror-2"]
MIRROR = f"{INSTRUCTOR}:5000"
PUSH_TARGET = f"{INSTRUCTOR}:5001"

testinfra_hosts = [f"ansible://{INSTRUCTOR}?ansible_inventory={INVENTORY}"]


def get_vm(name):
    return testinfra.get_host(f"ansible://{name}?ansible_inventory={INVENTORY}")


def registry_log_since(host, instance, since):
    """Return the journal of one class registry instance since epoch SINCE."""
    return host.check_output(
        "journalctl -u dockerlab-registry@%s --since @%s --no-pager -o cat",
        instance, str(int(since)))


def vm_address(host, name):
    """Return VM NAME's address on the lab network, as resolved on the instructor HOST.

    `hostname -I` inside the VM would also list its nested engine's docker0.
    """
    return host.check_output("getent hosts %s", name).split()[0]


@pytest.mark.parametrize("name", VMS)
def test_vm_verifies_mirror_with_class_ca(name):
    vm = get_vm(name)
    ca = f"/etc/docker/certs.d/{MIRROR}/ca.crt"
    trusted = vm.run("curl -sS -o /dev/null -w '%%{http_code}' --cacert %s https://%s/v2/",
                     ca, MIRROR)
    assert trusted.rc == 0, trusted.stderr
    assert trusted.stdout == "200"
    # The system trust store lacks the class CA, so the same request without
    # it must fail certificate verification (curl exit 60).
    untrusted = vm.run("curl -sS -o /dev/null https://%s/v2/", MIRROR)
    assert untrusted.rc == 60, untrusted.stderr


@pytest.mark.parametrize("name", VMS)
def test_engine_lists_mirror(name):
    mirrors = get_vm(name).check_output("docker info --format '{{json .RegistryConfig.Mirrors}}'")
    assert f'"https://{MIRROR}/"' in mirrors


@pytest.mark.parametrize("name", VMS)
def test_pull_goes_through_mirror(host, name):
    vm = get_vm(name)
    started = time.time() - 1
    # No Docker Hub is reachable here, so this pull can only succeed through
    # registry-mirrors; the cache's log shows that it did.
    pull = vm.run("docker pull debian:bookworm")
    assert pull.rc == 0, pull.stderr
    address = vm_address(host, name)
    log = registry_log_since(host, "cache", started)
    requests = [line for line in log.splitlines()
                if "/v2/library/debian/manifests/bookworm" in line and address in line]
    assert requests, f"no manifest request from {address} in the cache's log:\n{log[-3000:]}"


@pytest.mark.parametrize("name", VMS)
def test_pulled_image_is_upstream_image(name):
    vm_id = get_vm(name).check_output("docker image inspect --format '{{.Id}}' debian:bookworm")
    controller_id = subprocess.run(
        ["docker", "image", "inspect", "--format", "{{.Id}}", "dockerlab/debian-base:bookworm"],
        capture_output=True, text=True, check=True).stdout.strip()
    assert vm_id == controller_id


def test_lab_tags_applied():
    vm = get_vm(VMS[0])
    latest = vm.check_output("docker image inspect --format '{{.Id}}' debian:latest")
    bookworm = vm.check_output("docker image inspect --format '{{.Id}}' debian:bookworm")
    assert latest == bookworm


def test_cache_rejects_push():
    vm = get_vm(VMS[0])
    image = f"{MIRROR}/class/{testlib.unique_name('rejected')}:1"
    vm.run_expect([0], "docker tag debian:bookworm %s", image)
    try:
        push = vm.run("docker push %s", image)
    finally:
        vm.run("docker rmi %s", image)
    assert push.rc != 0
    assert "unsupported" in (push.stdout + push.stderr).lower()


def test_built_image_shared_via_push_target():
    builder, puller = get_vm(VMS[0]), get_vm(VMS[1])
    token = testlib.unique_name("token")
    image = f"{PUSH_TARGET}/class/{token}:1"
    context = builder.check_output("mktemp -d")
    script = (f"cd {context} && printf 'FROM debian:bookworm\\nRUN echo {token} > /token\\n'"
              f" > Dockerfile && docker build -q -t {image} . && docker push {image}")
    try:
        builder.run_expect([0], "sh -c %s", script)
        puller.run_expect([0], "docker pull %s", image)
        assert puller.check_output("docker run --rm %s cat /token", image) == token
    finally:
        builder.run("rm -rf %s; docker rmi %s", context, image)
        puller.run("docker rmi %s", image)


@pytest.mark.parametrize("path, owner", [
    ("/etc/dockerlab/registry/registry.key", "docker-registry"),
    ("/etc/dockerlab/registry/cache.yml", "docker-registry"),
    ("/etc/dockerlab/registry/push.yml", "docker-registry"),
])
def test_secret_files_private(host, path, owner):
    secret = host.file(path)
    assert secret.mode == 0o600
    assert secret.user == owner


def test_controller_ca_key_private():
    inventory_dir = os.path.dirname(INVENTORY)
    key = os.path.join(os.path.dirname(inventory_dir), "credentials",
                       os.path.basename(inventory_dir), "class-ca", "ca.key")
    assert oct(os.stat(key).st_mode & 0o777) == "0o600"


@pytest.mark.parametrize("name", VMS)
def test_vm_apt_uses_class_cache(name):
    setting = get_vm(name).file("/etc/apt/apt.conf.d/01dockerlab-proxy")
    assert f'"http://{INSTRUCTOR}:3142"' in setting.content_string


def apt_cache_log(host):
    """Return apt-cacher-ng's transfer log as (kind, client, path) tuples.

    Each line is time|kind|bytes|client|path, kind I for bytes fetched from
    the Debian mirror and O for bytes sent to a client.
    """
    entries = []
    for line in host.check_output("cat /var/log/apt-cacher-ng/apt-cacher.log").splitlines():
        fields = line.split("|")
        if len(fields) >= 5:
            entries.append((fields[1], fields[3], fields[4]))
    return entries


def test_apt_cache_served_both_vms(host):
    addresses = {vm_address(host, name) for name in VMS}
    clients = {client for kind, client, _path in apt_cache_log(host) if kind == "O"}
    assert addresses <= clients, f"clients {clients}, VMs {addresses}"


def test_apt_cache_shares_downloads(host):
    entries = apt_cache_log(host)
    fetched = [path for kind, _client, path in entries if kind == "I"]
    served = {}
    for kind, client, path in entries:
        if kind == "O":
            served.setdefault(path, set()).add(client)
    shared = [path for path, clients in served.items()
              if len(clients) == len(VMS) and fetched.count(path) == 1]
    assert shared, "no package was fetched once and served to every VM"
