"""A trainee VM built by site.yml: engine, syslog logging, tools, accounts."""

import json
import os
import stat

import pytest
from passlib.hash import sha512_crypt

import testlib

LAB_COMMANDS = ["redis-cli", "mysql", "tcpdump", "brctl", "ip", "capsh", "setcap",
                "iptables", "curl", "jq", "ps", "pstree", "ping"]


def test_dockerd_is_active(host):
    assert host.service("docker").is_running
    assert host.service("docker").is_enabled


def test_rsyslog_is_active(host):
    assert host.service("rsyslog").is_running
    assert host.socket("unix:///dev/log").is_listening or host.file("/dev/log").exists


def test_engine_log_driver_is_syslog(host):
    driver = host.check_output("docker info --format '{{.LoggingDriver}}'")
    assert driver == "syslog"


def test_engine_default_runtime_matches_daemon_json(host):
    # On a fresh VM the package starts the engine once, after daemon.json
    # is written, so a match shows that this start read the file.
    config = json.loads(host.file("/etc/docker/daemon.json").content_string)
    runtime = host.check_output("docker info --format '{{.DefaultRuntime}}'")
    assert runtime == config.get("default-runtime", "runc")


def test_daemon_json_log_opts_are_strings(host):
    config = host.file("/etc/docker/daemon.json").content_string
    log_opts = json.loads(config)["log-opts"]
    assert log_opts["tag"] == "docker/{{.Name}}"
    assert all(isinstance(value, str) for value in log_opts.values())


def test_container_output_reaches_syslog(host):
    image = testlib.ensure_probe_image(host)
    name = testlib.unique_name("syslog-probe")
    marker = testlib.unique_name("marker")
    host.run_expect([0], "docker run --name %s %s /usr/bin/dash -c 'echo %s'",
                    name, image, marker)
    try:
        found = testlib.wait_for(lambda: host.run(
            "grep -F %s /var/log/syslog", f"docker/{name}[").stdout)
        assert marker in found
    finally:
        host.run("docker rm -f %s", name)


def test_docker_logs_still_reads_syslog_containers(host):
    image = testlib.ensure_probe_image(host)
    name = testlib.unique_name("logs-probe")
    marker = testlib.unique_name("marker")
    host.run_expect([0], "docker run --name %s %s /usr/bin/dash -c 'echo %s'",
                    name, image, marker)
    try:
        assert host.check_output("docker logs %s", name) == marker
    finally:
        host.run("docker rm -f %s", name)


def test_nested_privileged_container_starts(host):
    image = testlib.ensure_probe_image(host)
    result = host.run("docker run --rm --privileged %s /usr/bin/dash -c 'echo up'", image)
    assert result.rc == 0, result.stderr
    assert result.stdout.strip() == "up"


def test_compose_is_installed(host):
    v2 = host.run("docker compose version --short")
    v1 = host.run("docker-compose version --short")
    assert v2.rc == 0 or v1.rc == 0


@pytest.mark.parametrize("command", LAB_COMMANDS)
def test_lab_tool_is_installed(host, command):
    assert host.exists(command)


def test_trainee_runs_docker_without_sudo(host):
    assert host.user("trainee").uid != 0
    assert "docker" in host.user("trainee").groups
    result = host.run("su - trainee -c 'docker ps --format {{.Names}}'")
    assert result.rc == 0, result.stderr


def test_trainee_has_labs_folder(host):
    labs = host.file("/home/trainee/labs")
    assert labs.is_directory
    assert labs.user == "trainee"


def test_trainee_password_is_stored_privately(host):
    hostname = host.backend.get_hostname()
    inventory_dir = os.path.dirname(os.environ["MOLECULE_INVENTORY_FILE"])
    path = os.path.join(os.path.dirname(inventory_dir), "credentials",
                        os.path.basename(inventory_dir), hostname, "trainee")
    mode = stat.S_IMODE(os.stat(path).st_mode)
    assert mode == 0o600
    with open(path, encoding="ascii") as password_file:
        password = password_file.read().strip()
    assert len(password) >= 16
    shadow_hash = host.check_output("getent shadow trainee").split(":")[1]
    assert sha512_crypt.verify(password, shadow_hash)
