"""Faults a class meets, on a trainee VM with the production and storage labs.

The tests run in file order and each leaves the VM with both labs reached,
so a later fault starts from a working lab. Every test takes the `host`
fixture, even where it does not use it: pytest would otherwise move the
tests without it after those with it.
"""

import os
import signal
import subprocess
import time

from testlib import wait_for

VM = "molecule-faults-bookworm"
SCENARIO_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MARKER = "/data/fault-marker"


def run_playbook(playbook, *extra_args, timeout=600):
    """Run a playbook of this scenario on its inventory and return the result."""
    command = ["ansible-playbook", "-i", os.environ["MOLECULE_INVENTORY_FILE"],
               os.path.join(SCENARIO_DIR, playbook), *extra_args]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                          check=False)


def assert_labs_reached():
    completed = run_playbook("check_labs.yml")
    assert completed.returncode == 0, (completed.stdout + completed.stderr)[-4000:]


def inspect(host, container, template):
    result = host.run("docker inspect -f %s %s", template, container)
    return result.stdout.strip() if result.rc == 0 else None


def is_running(host, container):
    return inspect(host, container, "{{.State.Running}}") == "true"


def engine_answers(host):
    return host.run("docker info --format '{{.ServerVersion}}'").rc == 0


def start_myredis_and_read_hello(host):
    """Start myredis, which has no restart policy, and return key hello."""
    host.run_expect([0], "docker start myredis")
    reply = wait_for(lambda: host.run("docker exec myredis redis-cli get hello"), timeout=30)
    return reply.stdout.strip()


def assert_volume_data_intact(host):
    marker = host.run_expect([0], "docker run --rm -v redisdata:/data debian cat %s", MARKER)
    assert marker.stdout.strip() == "intact"
    assert start_myredis_and_read_hello(host) == "world"


def start_containers_without_restart_policy(host):
    """Start the stopped containers that the engine leaves stopped, as a trainee would.

    After an engine or VM restart, only containers with a restart policy come
    back by themselves; the labs' others (myredis-bind, prod-logger) wait for
    `docker start`.
    """
    names = host.run_expect([0], "docker ps -a --filter status=exited --format '{{.Names}}'")
    for name in names.stdout.split():
        # The API leaves the name empty where no policy was given; the CLI writes "no".
        if inspect(host, name, "{{.HostConfig.RestartPolicy.Name}}") in ("", "no"):
            host.run_expect([0], "docker start %s", name)


def test_marker_written_to_named_volume(host):
    host.run_expect([0], "docker run --rm -v redisdata:/data debian sh -c %s",
                    f"echo intact > {MARKER}")


def test_engine_restart_brings_back_always_container(host):
    host.run_expect([0], "systemctl restart docker")
    assert wait_for(lambda: engine_answers(host), timeout=60)
    assert wait_for(lambda: is_running(host, "prod-always"), timeout=60)


def test_engine_restart_keeps_volume_data(host):
    assert_volume_data_intact(host)


def test_labs_reached_after_engine_restart(host):
    start_containers_without_restart_policy(host)
    assert_labs_reached()


def test_vm_restart_brings_back_engine_and_containers(host):
    subprocess.run(["docker", "restart", "--time", "30", VM], check=True, timeout=120)
    booted = wait_for(lambda: host.run("systemctl is-system-running").stdout.strip()
                      in ("running", "degraded"), timeout=120, interval=2)
    assert booted, host.run("systemctl --failed --no-legend").stdout
    assert wait_for(lambda: engine_answers(host), timeout=90, interval=2)
    assert wait_for(lambda: is_running(host, "prod-always"), timeout=60)


def test_vm_restart_keeps_volume_data(host):
    assert_volume_data_intact(host)


def test_labs_reached_after_vm_restart(host):
    start_containers_without_restart_policy(host)
    assert_labs_reached()


def test_syslog_outage_neither_blocks_nor_stops_containers(host):
    host.run_expect([0], "docker rm -f fault-chatter")
    host.run_expect([0], "docker run -d --name fault-chatter debian sh -c %s",
                    "i=0; while true; do i=$((i+1)); echo chatter $i; sleep 0.01; done")
    host.run_expect([0], "systemctl stop syslog.socket rsyslog.service")
    try:
        time.sleep(5)
        # A blocked log driver would hang docker exec and stop the counter.
        first = host.run("timeout 10 docker logs --tail 1 fault-chatter")
        time.sleep(2)
        second = host.run("timeout 10 docker logs --tail 1 fault-chatter")
        assert first.rc == 0, first.stderr
        assert second.rc == 0, second.stderr
        assert first.stdout != second.stdout, "the container stopped writing while syslog was down"
        assert is_running(host, "fault-chatter")
        exec_result = host.run("timeout 10 docker exec fault-chatter true")
        assert exec_result.rc == 0, exec_result.stderr
    finally:
        host.run_expect([0], "systemctl start rsyslog.service")


def test_syslog_lines_resume_after_outage(host):
    def latest_syslog_count():
        lines = host.run("grep -a 'docker/fault-chatter' /var/log/syslog | tail -n 1")
        words = lines.stdout.split()
        return int(words[-1]) if words and words[-1].isdigit() else 0

    before = latest_syslog_count()
    assert wait_for(lambda: latest_syslog_count() > before, timeout=30), (
        "no new docker/fault-chatter line reached /var/log/syslog after rsyslog restarted")
    host.run_expect([0], "docker rm -f fault-chatter")


def test_unreachable_registry_fails_clearly(host):
    completed = run_playbook("unreachable_source.yml")
    # ansible-core 2.19's default callback prints failed tasks on stderr.
    output = completed.stdout + completed.stderr
    assert completed.returncode != 0, output[-3000:]
    assert "127.0.0.1:9" in output, output[-3000:]
    assert "lab_images_source=mirror" in output, output[-3000:]
    assert "lab_images_source=offline" in output, output[-3000:]
    assert "Traceback" not in output


def test_unreachable_registry_loads_nothing(host):
    assert host.run("docker image inspect mysql:8.4").rc != 0
    references = host.run_expect([0], "docker images --format '{{.Repository}}:{{.Tag}}'")
    assert "127.0.0.1:9" not in references.stdout


def run_converge():
    return run_playbook("converge.yml", timeout=900)


def test_killed_converge_converges_again(host):
    # Take away an image so the next converge streams the stand-in tarball
    # into the VM's engine, and kill it while the VM loads it.
    host.run_expect([0], "docker rm -f prod-always")
    host.run_expect([0], "docker rmi httpd:2.4 httpd:latest")
    command = ["ansible-playbook", "-i", os.environ["MOLECULE_INVENTORY_FILE"],
               os.path.join(SCENARIO_DIR, "converge.yml")]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, start_new_session=True)
    killed_at = None
    try:
        for line in process.stdout:
            if line.startswith("TASK [dockerlab.training.lab_images : Stream the tarball into"):
                killed_at = line.strip()
                time.sleep(2)
                break
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
    assert killed_at, "the converge ended before streaming the tarball"

    again = run_converge()
    assert again.returncode == 0, again.stdout[-4000:]
    assert host.run("docker image inspect httpd:2.4").rc == 0
    assert is_running(host, "prod-always")


def test_converge_after_kill_is_idempotent(host):
    again = run_converge()
    assert again.returncode == 0, again.stdout[-4000:]
    recap = [line for line in again.stdout.splitlines() if line.startswith(VM)]
    assert recap, again.stdout[-3000:]
    assert "changed=0" in recap[-1], recap[-1]
    assert_labs_reached()
