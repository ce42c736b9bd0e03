# -*- coding: utf-8 -*-
# Copyright (c) dockerlab.training contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dockerlab.training.plugins.module_utils.checks import CheckList
from ansible_collections.dockerlab.training.plugins.module_utils.procfs import (
    parse_status,
)
from ansible_collections.dockerlab.training.plugins.modules.container_security import (
    check_capabilities,
    check_identity,
    check_seccomp,
    read_capabilities,
)
from ansible_collections.dockerlab.training.tests.unit.plugins.module_utils.fixture_files import (
    fixture,
)


def view(name):
    status = parse_status(fixture('cgroup_v1', name))
    return {
        'capabilities': read_capabilities(status),
        'seccomp': {'mode': 'disabled', 'filters': None},
    }


def test_capability_sets_of_netraw_sample():
    sets = view('status-netraw-nonroot')['capabilities']
    assert sets['bounding'] == {'mask': '0000000000002000', 'names': ['cap_net_raw']}
    assert sets['effective']['names'] == []


def test_check_only_requested_sets():
    checks = CheckList()
    requested = {
        'effective': {'present': None, 'absent': None, 'exact': []},
        'bounding': None,
    }
    check_capabilities(checks, requested, view('status-netraw-nonroot'))
    assert [check['name'] for check in checks.checks] == [
        'capabilities.effective (CapEff) exact'
    ]
    assert checks.checks[0]['ok'] is True


def test_nonroot_cannot_use_bounding_capability():
    checks = CheckList()
    requested = {
        'effective': {'present': ['cap_net_raw'], 'absent': None, 'exact': None}
    }
    check_capabilities(checks, requested, view('status-netraw-nonroot'))
    assert checks.checks[0]['detail'] == 'missing cap_net_raw'


def test_filter_count_skipped_on_old_kernel():
    checks = CheckList()
    check_seccomp(checks, {'mode': None, 'filters': 1}, view('status-default-caps'))
    assert checks.checks[0]['ok'] is None
    assert 'Linux 5.9' in checks.checks[0]['reason']


def test_identity_by_name_or_number():
    checks = CheckList()
    check_identity(checks, 'user', 'nobody', 65534, 'nobody')
    check_identity(checks, 'user', '65534', 65534, 'nobody')
    check_identity(checks, 'user', 'root', 65534, 'nobody')
    assert [check['ok'] for check in checks.checks] == [True, True, False]
