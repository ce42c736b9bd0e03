#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) dockerlab.training contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: container_state
short_description: Assert a container's running state, exit code and restart policy
version_added: 0.1.0
description:
  - Reads a container's state and restart policy from one Engine API call and checks its
    status, exit
    code, restart policy and restart count.
  - When the engine reports the container as running, the module also checks in
    C(/proc/<pid>/stat) that
    its main process exists and is not a zombie.
  - Unlike the other assertion modules, a stopped container is not an error here but a
    state to check.
author:
  - dockerlab.training developers (@dockerlab)
extends_documentation_fragment:
  - dockerlab.training.engine
options:
  container:
    description:
      - Name or ID of a container.
    type: str
    required: true
  status:
    description:
      - Expected status of the container.
    type: str
    choices: [created, running, paused, restarting, removing, exited, dead]
  running:
    description:
      - Whether the container must be running; a paused or restarting container counts
        as running, as
        C(State.Running) of the Engine API does.
    type: bool
  exit_code:
    description:
      - Expected exit code of the last run of the main process.
    type: int
  oom_killed:
    description:
      - Whether the kernel's out-of-memory killer must have ended the last run.
    type: bool
  restart_policy:
    description:
      - Expected restart policy; V(no) is also matched by an empty policy name, which is
        how the engine
        stores the default.
    type: str
    choices: ['no', always, unless-stopped, on-failure]
  restart_max_retries:
    description:
      - Expected maximum retry count of an V(on-failure) restart policy (C(on-failure:5)
        has 5).
    type: int
  restart_count:
    description:
      - Expected number of times the engine restarted the container since it was
        created.
    type: int
  restart_count_min:
    description:
      - Minimum number of times the engine restarted the container since it was created.
    type: int
notes:
  - The engine counts in C(RestartCount) only restarts by the restart policy; a
    container that the engine
    starts again after the daemon itself restarted (policy V(always)) keeps its count.
seealso:
  - module: community.docker.docker_container_info
'''

EXAMPLES = r'''
- name: Assert that the on-failure container gave up after 5 restarts
  dockerlab.training.container_state:
    container: crasher
    status: exited
    exit_code: 1
    restart_policy: on-failure
    restart_max_retries: 5
    restart_count: 5

- name: Assert that the web container came back after kill 1
  dockerlab.training.container_state:
    container: web
    running: true
    restart_policy: always
    restart_count_min: 1
'''

RETURN = r'''
checks:
  description: One entry per expectation, each with C(name), C(expected), C(actual) and
    C(ok), and a
    C(detail) text on some failures.
  returned: always
  type: list
  elements: dict
  sample:
    - {name: restart_policy, expected: always, actual: always, ok: true}
state:
  description: The container's state from the Engine API.
  returned: always
  type: dict
  sample: {status: running, running: true, exit_code: 0, oom_killed: false, pid: 4242,
           started_at: '2026-12-03T21:40:02.1Z', finished_at: '0001-01-01T00:00:00Z', restart_count: 1}
restart_policy:
  description: The container's restart policy.
  returned: always
  type: dict
  sample: {name: on-failure, maximum_retry_count: 5}
process:
  description: The main process as C(/proc/<pid>/stat) shows it, or V(null) when the
    engine reports no process.
  returned: always
  type: dict
  sample: {pid: 4242, comm: httpd, state: S}
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.dockerlab.training.plugins.module_utils.checks import CheckList
from ansible_collections.dockerlab.training.plugins.module_utils.docker_api import (
    DOCKER_ARGUMENT_SPEC,
    EngineClient,
    container_name,
)
from ansible_collections.dockerlab.training.plugins.module_utils.procfs import (
    process_state,
)

PROC_ROOT = '/proc'


def read_state(details):
    state = details.get('State') or {}
    policy = (details.get('HostConfig') or {}).get('RestartPolicy') or {}
    return (
        {
            'status': state.get('Status'),
            'running': bool(state.get('Running')),
            'exit_code': state.get('ExitCode'),
            'oom_killed': bool(state.get('OOMKilled')),
            'pid': state.get('Pid') or None,
            'started_at': state.get('StartedAt'),
            'finished_at': state.get('FinishedAt'),
            'restart_count': details.get('RestartCount', 0),
        },
        {
            'name': policy.get('Name') or 'no',
            'maximum_retry_count': policy.get('MaximumRetryCount', 0),
        },
    )


def check_process(checks, state):
    """Check that a container the engine calls running has a live main process."""
    if not state['running']:
        return None
    process = process_state(PROC_ROOT, state['pid']) if state['pid'] else None
    alive = process is not None and process['state'] not in ('Z', 'X')
    detail = None
    if process is None:
        detail = (
            'the engine reports PID %s, which does not exist in /proc' % state['pid']
        )
    elif not alive:
        detail = 'PID %s is in state %s' % (state['pid'], process['state'])
    checks.add('main process alive', True, process, alive, detail)
    return process


def run_checks(params, state, policy):
    checks = CheckList()
    for option in ('status', 'running', 'exit_code', 'oom_killed', 'restart_count'):
        if params[option] is not None:
            checks.equal(option, params[option], state[option])
    if params['restart_policy'] is not None:
        checks.equal('restart_policy', params['restart_policy'], policy['name'])
    if params['restart_max_retries'] is not None:
        checks.equal(
            'restart_max_retries',
            params['restart_max_retries'],
            policy['maximum_retry_count'],
        )
    if params['restart_count_min'] is not None:
        checks.add(
            'restart_count_min',
            params['restart_count_min'],
            state['restart_count'],
            state['restart_count'] >= params['restart_count_min'],
        )
    return checks


def main():
    argument_spec = dict(
        container=dict(type='str', required=True),
        status=dict(
            type='str',
            choices=[
                'created',
                'running',
                'paused',
                'restarting',
                'removing',
                'exited',
                'dead',
            ],
        ),
        running=dict(type='bool'),
        exit_code=dict(type='int'),
        oom_killed=dict(type='bool'),
        restart_policy=dict(
            type='str', choices=['no', 'always', 'unless-stopped', 'on-failure']
        ),
        restart_max_retries=dict(type='int'),
        restart_count=dict(type='int'),
        restart_count_min=dict(type='int'),
    )
    argument_spec.update(DOCKER_ARGUMENT_SPEC)
    module = AnsibleModule(
        argument_spec=argument_spec,
        supports_check_mode=True,
        mutually_exclusive=[('restart_count', 'restart_count_min')],
    )

    engine = EngineClient(module)
    details = engine.inspect_container(module.params['container'])
    state, policy = read_state(details)
    checks = run_checks(module.params, state, policy)
    process = check_process(checks, state)
    checks.finish(
        module,
        'Container %s' % container_name(details),
        state=state,
        restart_policy=policy,
        process=process,
    )


if __name__ == '__main__':
    main()
