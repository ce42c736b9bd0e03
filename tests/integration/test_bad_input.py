"""Invalid role variables fail before any change, naming variable and value.

Each case runs a role on localhost in check mode (a second guard: nothing
may change even if validation let the value through) and expects a failure
whose message names the variable, the value and what is allowed.
"""

import json
import os

import pytest

from check_playbook import CHECKOUT, run_check_playbook

PLAYBOOK = os.path.join(CHECKOUT, "tests", "integration", "playbooks", "role.yml")

CASES = {
    "engine-source-unknown": (
        "docker_engine", {"docker_engine_source": "podman"},
        ["docker_engine_source", "podman", "distro", "docker-ce"]),
    "log-driver-unknown": (
        "docker_engine", {"docker_engine_daemon_config_overrides": {"log-driver": "sysl0g"}},
        ["docker_engine_daemon_config", "sysl0g", "journald"]),
    "log-opt-wrong-driver": (
        "docker_engine", {"docker_engine_daemon_config_overrides": {"log-opts": {"max-file": "3"}}},
        ["docker_engine_daemon_config", "max-file", "syslog log driver", "syslog-address"]),
    "log-opt-mode-unknown": (
        "docker_engine", {"docker_engine_daemon_config_overrides": {"log-opts": {"mode": "fast"}}},
        ["docker_engine_daemon_config", "'fast'", "non-blocking"]),
    "daemon-key-unknown": (
        "docker_engine", {"docker_engine_daemon_config_overrides": {"log-level2": "debug"}},
        ["docker_engine_daemon_config", "log-level2"]),
    "runc-filter-not-boolean": (
        "docker_engine", {"docker_engine_runc_capability_filter": "sometimes"},
        ["docker_engine_runc_capability_filter", "sometimes", "auto"]),
    "registry-mirror-not-url": (
        "docker_engine", {"docker_engine_registry_mirrors": ["instructor:5000"]},
        ["docker_engine_registry_mirrors", "instructor:5000", "https://instructor:5000"]),
    "extra-package-not-a-name": (
        "docker_engine", {"docker_engine_extra_packages": ["jq", "Lab Tools"]},
        ["docker_engine_extra_packages", "Lab Tools", "Debian package name"]),
    "image-source-unknown": (
        "lab_images", {"lab_images_source": "nfs"},
        ["lab_images_source", "nfs", "registry", "mirror", "offline"]),
    "mirror-without-instructor": (
        "lab_images", {"lab_images_source": "mirror"},
        ["lab_images_mirror", "''", "instructor", "<host>:<port>"]),
    "mirror-address-invalid": (
        "lab_images", {"lab_images_source": "mirror", "lab_images_mirror": "https://instructor"},
        ["lab_images_mirror", "https://instructor", "<host>:<port>"]),
    "push-registry-invalid": (
        "lab_images", {"lab_images_source": "mirror", "lab_images_mirror": "instructor:5000",
                       "lab_images_push_registry": "instructor"},
        ["lab_images_push_registry", "'instructor'", "<host>:<port>"]),
    "mirror-image-other-registry": (
        "lab_images", {"lab_images_source": "mirror", "lab_images_mirror": "instructor:5000",
                       "lab_images_wanted": ["exporter"],
                       "lab_images_catalog": {"exporter": {"tags": ["quay.io/x/exporter:1"]}}},
        ["lab_images_catalog", "quay.io/x/exporter:1", "lab_images_source=registry"]),
    "wanted-images-string": (
        "lab_images", {"lab_images_source": "offline", "lab_images_wanted": "debian,httpd"},
        ["lab_images_wanted", '"debian,httpd"', "list of catalog names"]),
    "wanted-images-number": (
        "lab_images", {"lab_images_source": "offline", "lab_images_wanted": 5},
        ["lab_images_wanted", "5, not a list"]),
    "catalog-not-mapping": (
        "lab_images", {"lab_images_source": "offline", "lab_images_catalog": ["debian"]},
        ["lab_images_catalog", "of type list", "dict"]),
    "offline-stream-over-local": (
        "lab_images", {"lab_images_source": "offline", "lab_images_offline_transfer": "stream"},
        ["lab_images_offline_transfer", "'stream'", "local connection", "copy"]),
    "class-registry-ports-equal": (
        "class_registry", {"class_registry_push_port": 5000},
        ["class_registry_cache_port", "class_registry_push_port", "5000", "must differ"]),
    "class-registry-port-range": (
        "class_registry", {"class_registry_cache_port": 70000},
        ["class_registry_cache_port", "70000", "1 to 65535"]),
    "class-registry-upstream-invalid": (
        "class_registry", {"class_registry_upstream_url": "registry-1.docker.io"},
        ["class_registry_upstream_url", "registry-1.docker.io", "https://registry-1.docker.io"]),
    "class-registry-half-credentials": (
        "class_registry", {"class_registry_upstream_username": "teacher"},
        ["class_registry_upstream_username", "class_registry_upstream_password"]),
    "class-registry-san-invalid": (
        "class_registry", {"class_registry_subject_alt_names": ["registry.example.org"]},
        ["class_registry_subject_alt_names", "registry.example.org", "DNS:"]),
    "apt-cache-without-host": (
        "class_apt_cache", {"class_apt_cache_enabled": True},
        ["class_apt_cache_enabled", "class_apt_cache_host", "instructor"]),
    "apt-cache-port-range": (
        "class_apt_cache", {"class_apt_cache_port": 0},
        ["class_apt_cache_port", "0", "1 to 65535"]),
    "vm-count-negative": (
        "local_lab", {"local_lab_vm_count": -1},
        ["local_lab_vm_count", "-1", "1 or more"]),
    "vm-release-unknown": (
        "local_lab", {"local_lab_release": "buster"},
        ["local_lab_release", "buster", "bookworm", "trixie"]),
    "vm-list-release-unknown": (
        "local_lab", {"local_lab_vms": [{"name": "vm-a", "release": "sid"}]},
        ["local_lab_vms", "sid", "bookworm, trixie"]),
    "vm-name-invalid": (
        "local_lab", {"local_lab_vms": [{"name": "bad name", "release": "bookworm"}]},
        ["local_lab_vms", "bad name"]),
    "lab-state-unknown": (
        "local_lab", {"local_lab_state": "stopped"},
        ["local_lab_state", "stopped", "present", "absent"]),
    "password-too-short": (
        "trainees", {"trainees_password_length": 8},
        ["trainees_password_length", "8", "16 or more"]),
    "labs-mode-unknown": (
        "labs", {"labs_mode": "verify"},
        ["labs_mode", "verify", "setup", "check"]),
    "labs-enabled-unknown": (
        "labs", {"labs_enabled": ["first_container", "swarm"]},
        ["labs_enabled", "swarm", "first_container"]),
    "burner-command-string": (
        "labs", {"labs_enabled": ["cgroups"], "labs_cpu_burner_command": "sleep infinity"},
        ["labs_cpu_burner_command", "sleep infinity", "list of words"]),
    "cadvisor-port-range": (
        "cadvisor", {"cadvisor_port": 70000},
        ["cadvisor_port", "70000", "1 to 65535"]),
    "cadvisor-bind-address-invalid": (
        "cadvisor", {"cadvisor_bind_address": "localhost"},
        ["cadvisor_bind_address", "localhost", "IPv4 or IPv6"]),
    "cadvisor-image-invalid": (
        "cadvisor", {"cadvisor_image": "Google/cAdvisor latest"},
        ["cadvisor_image", "Google/cAdvisor latest", "image reference"]),
    "sysdig-driver-unknown": (
        "sysdig", {"sysdig_driver": "ptrace"},
        ["sysdig_driver", "ptrace", "modern_ebpf"]),
    "sysdig-data-dir-relative": (
        "sysdig", {"sysdig_data_dir": "sysdig-data"},
        ["sysdig_data_dir", "sysdig-data", "absolute"]),
    "apparmor-training-unknown": (
        "apparmor_profiles", {"apparmor_profiles_training": ["docker-test", "docker-nginx"]},
        ["apparmor_profiles_training", "docker-nginx", "docker-tcpdump"]),
    "apparmor-extra-name-path": (
        "apparmor_profiles", {"apparmor_profiles_extra": [{"name": "lab/web", "content": "profile x {}"}]},
        ["apparmor_profiles_extra", "lab/web", "no '/'"]),
    "apparmor-extra-no-content": (
        "apparmor_profiles", {"apparmor_profiles_extra": [{"name": "web"}]},
        ["apparmor_profiles_extra", "web", "`content`"]),
    "apparmor-name-duplicate": (
        "apparmor_profiles", {"apparmor_profiles_extra": [{"name": "docker-test", "content": "profile docker-test {}"}]},
        ["apparmor_profiles_training", "apparmor_profiles_extra", "docker-test", "more than"]),
    "compose-timeout-too-short": (
        "labs", {"labs_compose_timeout": 2},
        ["labs_compose_timeout", "2", "5 seconds or more"]),
    "owncloud-port-range": (
        "labs", {"labs_owncloud_port": 80800},
        ["labs_owncloud_port", "80800", "1 to 65535"]),
    "owncloud-admin-invalid": (
        "labs", {"labs_owncloud_admin": "admin user"},
        ["labs_owncloud_admin", "admin user", "letters, digits"]),
    "owncloud-domain-with-port": (
        "labs", {"labs_owncloud_trusted_domains": ["vm-1:8100"]},
        ["labs_owncloud_trusted_domains", "vm-1:8100", "without ports"]),
    "owncloud-domains-empty": (
        "labs", {"labs_owncloud_trusted_domains": []},
        ["labs_owncloud_trusted_domains", "[]", "at least one"]),
    "progress-lab-unknown": (
        "class_report", {"labs_enabled": ["storage", "swarm"]},
        ["labs_enabled", "swarm", "first_container"]),
    "progress-labs-mode-setup": (
        "class_report", {"labs_mode": "setup"},
        ["labs_mode", "setup", "check mode"]),
    "account-name-invalid": (
        "trainees", {"trainees_accounts": [{"name": "Trainee One"}]},
        ["trainees_accounts", "Trainee One"]),
    "production-version-invalid": (
        "production_app", {"production_app_version": "2:latest",
                           "production_app_registry": "registry:5001"},
        ["production_app_version", "2:latest", "image tag"]),
    "production-without-registry": (
        "production_app", {},
        ["production_app_registry", "''", "registry", "<host>:<port>"]),
    "production-web-ports-equal": (
        "production_app", {"production_app_registry": "registry:5001",
                           "production_app_swarm_web_port": 8000},
        ["production_app_web_port", "production_app_swarm_web_port", "8000", "must differ"]),
}


def failure_messages(result):
    """Return the messages of every failed task and loop item in RESULT."""
    messages = []
    for play in result["plays"]:
        for task in play["tasks"]:
            for host_result in task["hosts"].values():
                if not host_result.get("failed"):
                    continue
                messages.append(str(host_result.get("msg", "")))
                messages.extend(str(item.get("msg", ""))
                                for item in host_result.get("results", [])
                                if item.get("failed"))
    return " ".join(messages)


def run_role(role, variables):
    return run_check_playbook(PLAYBOOK, dict(variables, role_under_test=role))


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_fails_before_change(case):
    role, variables, expected_words = CASES[case]
    completed = run_role(role, variables)
    assert completed.returncode != 0, completed.stdout[-2000:]
    result = json.loads(completed.stdout)
    stats = result["stats"]["localhost"]
    assert stats["failures"] == 1
    assert stats["changed"] == 0
    assert "Traceback" not in completed.stdout + completed.stderr
    messages = failure_messages(result)
    for word in expected_words:
        assert word in messages, f"{word!r} missing from: {messages}"


def test_standins_playbook_rejects_list_catalog():
    playbook = os.path.join(CHECKOUT, "playbooks", "lab_images_standins.yml")
    completed = run_check_playbook(playbook, {"lab_images_catalog": ["debian"]})
    assert completed.returncode != 0, completed.stdout[-2000:]
    result = json.loads(completed.stdout)
    assert result["stats"]["localhost"]["changed"] == 0
    assert "Traceback" not in completed.stdout + completed.stderr
    messages = failure_messages(result)
    assert "lab_images_catalog" in messages, messages
    assert "of type list" in messages, messages
    assert "dict2items" not in messages, messages
