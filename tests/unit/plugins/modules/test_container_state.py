# -*- coding: utf-8 -*-
# Copyright (c) dockerlab.training contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

from ansible_collections.dockerlab.training.plugins.module_utils.checks import CheckList
from ansible_collections.dockerlab.training.plugins.modules.container_state import (
    check_process,
    read_state,
    run_checks,
)

PARAMS = dict(
    status=None,
    running=None,
    exit_code=None,
    oom_killed=None,
    restart_policy=None,
    restart_max_retries=None,
    restart_count=None,
    restart_count_min=None,
)

EXITED = {
    'State': {
        'Status': 'exited',
        'Running': False,
        'ExitCode': 3,
        'OOMKilled': False,
        'Pid': 0,
    },
    'RestartCount': 2,
    'HostConfig': {'RestartPolicy': {'Name': 'on-failure', 'MaximumRetryCount': 2}},
}


def test_default_policy_reads_as_no():
    state, policy = read_state(
        {'State': {}, 'HostConfig': {'RestartPolicy': {'Name': ''}}}
    )
    assert policy['name'] == 'no'
    assert state['pid'] is None


def test_on_failure_gave_up():
    state, policy = read_state(EXITED)
    params = dict(
        PARAMS,
        status='exited',
        exit_code=3,
        restart_policy='on-failure',
        restart_max_retries=2,
        restart_count=2,
    )
    assert run_checks(params, state, policy).failed() == []


def test_restart_count_min():
    state, policy = read_state(EXITED)
    checks = run_checks(dict(PARAMS, restart_count_min=3), state, policy)
    assert checks.checks[0]['ok'] is False


def test_running_container_has_live_process():
    state = {'running': True, 'pid': os.getpid()}
    checks = CheckList()
    process = check_process(checks, state)
    assert process['pid'] == os.getpid()
    assert checks.checks[0]['ok'] is True


def test_running_container_with_vanished_process():
    checks = CheckList()
    check_process(checks, {'running': True, 'pid': 4194305})
    assert checks.checks[0]['ok'] is False
    assert 'does not exist in /proc' in checks.checks[0]['detail']


def test_stopped_container_has_no_process_check():
    checks = CheckList()
    assert check_process(checks, {'running': False, 'pid': None}) is None
    assert checks.checks == []
