"""Helper that runs a playbook on localhost in check mode with the JSON callback."""

import json
import os
import subprocess
import sys

CHECKOUT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run_check_playbook(playbook, variables):
    """Run PLAYBOOK on localhost in check mode with VARIABLES; return the completed process."""
    extra_vars = dict(variables, ansible_python_interpreter=sys.executable)
    env = dict(os.environ, ANSIBLE_STDOUT_CALLBACK="ansible.posix.json",
               ANSIBLE_CONFIG=os.path.join(CHECKOUT, "ansible.cfg"))
    return subprocess.run(
        ["ansible-playbook", "--check", "-i", "localhost,", "-c", "local",
         "-e", json.dumps(extra_vars), playbook],
        cwd=CHECKOUT, env=env, capture_output=True, text=True, check=False)
