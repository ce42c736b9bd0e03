"""The offline stand-ins' hash covers every build file of every stand-in."""

import os
import re
import shutil
import subprocess
import sys

CHECKOUT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ROLE = os.path.join(CHECKOUT, "roles", "lab_images")
PLAYBOOK = os.path.join(CHECKOUT, "tests", "integration", "playbooks", "standins_hash.yml")


def inputs_hash(role_folder):
    """Run the hash playbook on ROLE_FOLDER and return the hash and the output."""
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(CHECKOUT, "ansible.cfg"))
    completed = subprocess.run(
        ["ansible-playbook", "-i", "localhost,", "-c", "local",
         "-e", f"ansible_python_interpreter={sys.executable}",
         "-e", f"role_folder={role_folder}", PLAYBOOK],
        cwd=CHECKOUT, env=env, capture_output=True, text=True, check=False)
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output[-2000:]
    match = re.search(r"hash=([0-9a-f]{12})", output)
    assert match, output[-2000:]
    return match.group(1), output


def test_hash_reads_every_standin_folder(tmp_path):
    role_copy = tmp_path / "lab_images"
    shutil.copytree(ROLE, role_copy)
    before, output = inputs_hash(role_copy)
    assert "Unable to find" not in output
    with open(role_copy / "files" / "standins" / "php-apache" / "Dockerfile", "a") as dockerfile:
        dockerfile.write("# changed\n")
    after, _ = inputs_hash(role_copy)
    assert after != before


def test_hash_same_for_same_files(tmp_path):
    role_copy = tmp_path / "lab_images"
    shutil.copytree(ROLE, role_copy)
    first, _ = inputs_hash(role_copy)
    second, _ = inputs_hash(role_copy)
    assert first == second
