"""Helpers shared by the Molecule scenarios' testinfra tests."""

import json
import os
import subprocess
import time
import uuid

# A minimal image made inside a trainee VM from its own dash binary and the
# libraries ldd lists, so tests can run nested containers with no registry
# and no image source.
PROBE_IMAGE = "dockerlab-probe:1"
_PROBE_BUILD = r"""
set -e
docker image inspect {image} >/dev/null 2>&1 && exit 0
root=$(mktemp -d)
cp --parents /usr/bin/dash $(ldd /usr/bin/dash | grep -o '/[^ ]*') "$root"
tar -C "$root" -c . | docker import -c 'CMD ["/usr/bin/dash"]' - {image} >/dev/null
rm -rf "$root"
"""


def ensure_probe_image(host):
    """Create the probe image in HOST's nested engine unless it exists."""
    host.run_expect([0], "sh -c %s", _PROBE_BUILD.format(image=PROBE_IMAGE))
    return PROBE_IMAGE


def unique_name(prefix):
    """Return a container name that no earlier test run used."""
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def wait_for(check, timeout=20, interval=0.5):
    """Call CHECK until it returns a true value or TIMEOUT seconds pass."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(interval)


def run_playbook_check_mode(playbook, extra_args=(), with_stderr=False):
    """Run PLAYBOOK with --check on the scenario's inventory.

    Returns the per-host stats of the json callback, as
    {host: {"changed": n, "failures": n, ...}}, and with WITH_STDERR
    also the run's standard error, which contains Ansible's warnings.
    """
    env = dict(os.environ, ANSIBLE_STDOUT_CALLBACK="ansible.posix.json",
               ANSIBLE_LOAD_CALLBACK_PLUGINS="1")
    command = ["ansible-playbook", "--check", "-i",
               os.environ["MOLECULE_INVENTORY_FILE"], playbook, *extra_args]
    completed = subprocess.run(command, env=env, capture_output=True, text=True,
                               check=False)
    try:
        stats = json.loads(completed.stdout)["stats"]
    except (ValueError, KeyError) as error:
        raise AssertionError(
            f"{' '.join(command)} exited {completed.returncode} without json "
            f"stats ({error}):\n{completed.stdout[-3000:]}\n{completed.stderr[-3000:]}"
        ) from error
    if with_stderr:
        return stats, completed.stderr
    return stats
