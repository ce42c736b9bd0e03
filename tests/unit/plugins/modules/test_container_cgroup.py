# -*- coding: utf-8 -*-
# Copyright (c) dockerlab.training contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dockerlab.training.plugins.module_utils.checks import CheckList
from ansible_collections.dockerlab.training.plugins.modules.container_cgroup import (
    check_cpu_shares,
    run_checks,
)

PARAMS = dict(
    cgroup_version=None,
    cgroup_driver=None,
    cpu_shares=None,
    memory_limit=None,
    pids_limit=None,
)


def test_v1_shares_compared_directly():
    checks = CheckList()
    check_cpu_shares(checks, 512, {'version': 1, 'cpu_shares': 512})
    assert checks.checks[0]['ok'] is True


def test_v2_quadratic_weight_is_named():
    checks = CheckList()
    check_cpu_shares(checks, 512, {'version': 2, 'cpu_weight': 59})
    assert checks.checks[0]['ok'] is True
    assert 'quadratic' in checks.checks[0]['note']


def test_v2_linear_weight_is_named():
    checks = CheckList()
    check_cpu_shares(checks, 512, {'version': 2, 'cpu_weight': 20})
    assert 'linear' in checks.checks[0]['note']


def test_v2_weight_matching_neither():
    checks = CheckList()
    check_cpu_shares(checks, 2048, {'version': 2, 'cpu_weight': 59})
    assert checks.checks[0]['ok'] is False
    assert 'matches neither' in checks.failure_message('X')


def test_unlimited_memory_and_pids():
    cgroup = {'version': 1, 'memory_limit': None, 'pids_limit': None}
    checks = run_checks(dict(PARAMS, memory_limit='0', pids_limit=-1), cgroup)
    assert checks.failed() == []


def test_memory_limit_units():
    cgroup = {'version': 1, 'memory_limit': 67108864, 'pids_limit': 50}
    checks = run_checks(dict(PARAMS, memory_limit='64m', pids_limit=50), cgroup)
    assert checks.failed() == []
