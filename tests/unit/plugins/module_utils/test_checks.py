# -*- coding: utf-8 -*-
# Copyright (c) dockerlab.training contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dockerlab.training.plugins.module_utils.checks import (
    CheckList,
    compare_names,
)
from ansible_collections.dockerlab.training.plugins.module_utils.sizes import parse_size


class ModuleExit(Exception):
    pass


class FakeModule(object):
    """Records exit_json / fail_json the way AnsibleModule ends a run."""

    def exit_json(self, **result):
        self.result = dict(result, failed=False)
        raise ModuleExit()

    def fail_json(self, **result):
        self.result = dict(result, failed=True)
        raise ModuleExit()


def finish(checks, **facts):
    module = FakeModule()
    with pytest.raises(ModuleExit):
        checks.finish(module, 'Container web', **facts)
    return module.result


def test_all_passed_exits_with_summary():
    checks = CheckList()
    checks.equal('user', 'root', 'root')
    result = finish(checks, pid=7)
    assert result['failed'] is False
    assert result['changed'] is False
    assert result['msg'] == 'Container web: 1 of 1 checks passed.'
    assert result['pid'] == 7


def test_failure_lists_each_difference():
    checks = CheckList()
    checks.equal('user', 'root', 'nobody')
    checks.equal('seccomp.mode', 'filter', 'disabled')
    checks.equal('privileged', False, False)
    result = finish(checks)
    assert result['failed'] is True
    assert result['msg'] == (
        'Container web: 2 of 3 checks failed: user: expected root, actual nobody; '
        'seccomp.mode: expected filter, actual disabled.'
    )
    assert [check['ok'] for check in result['checks']] == [False, False, True]


def test_detail_kept_only_on_failure():
    checks = CheckList()
    checks.add('a', 1, 1, True, detail='would explain a failure')
    checks.add('b', 1, 2, False, detail='two is not one')
    assert 'detail' not in checks.checks[0]
    assert checks.checks[1]['detail'] == 'two is not one'
    assert '(two is not one)' in checks.failure_message('X')


def test_note_kept_on_success():
    checks = CheckList()
    checks.add('cpu_shares', 512, 59, True, note='quadratic')
    assert checks.checks[0]['note'] == 'quadratic'


def test_skip_is_neither_passed_nor_failed():
    checks = CheckList()
    checks.skip(
        'apparmor.profile', 'docker-default', 'AppArmor is not enabled in this kernel'
    )
    result = finish(checks)
    assert result['failed'] is False
    assert result['checks'][0]['ok'] is None
    assert result['msg'] == (
        'Container web: 0 of 1 checks passed, 1 skipped '
        '(apparmor.profile: AppArmor is not enabled in this kernel).'
    )


def test_compare_present_missing():
    checks = CheckList()
    compare_names(checks, 'caps', ['cap_chown'], present=['cap_chown', 'cap_net_raw'])
    assert checks.checks[0]['ok'] is False
    assert checks.checks[0]['detail'] == 'missing cap_net_raw'


def test_compare_absent_unexpected():
    checks = CheckList()
    compare_names(
        checks,
        'caps',
        ['cap_chown', 'cap_net_raw'],
        absent=['cap_net_raw', 'cap_sys_admin'],
    )
    assert checks.checks[0]['detail'] == 'unexpected cap_net_raw'


def test_compare_exact_both_ways():
    checks = CheckList()
    compare_names(
        checks, 'caps', ['cap_chown', 'cap_kill'], exact=['cap_chown', 'cap_net_raw']
    )
    assert checks.checks[0]['detail'] == 'missing cap_net_raw, extra cap_kill'
    assert checks.checks[0]['actual'] == ['cap_chown', 'cap_kill']


def test_compare_exact_empty_set():
    checks = CheckList()
    compare_names(checks, 'caps', [], exact=[])
    assert checks.checks[0]['ok'] is True


@pytest.mark.parametrize(
    'text, size',
    [
        ('1048576', 1048576),
        ('256m', 256 * 1024**2),
        ('1G', 1024**3),
        ('1gb', 1024**3),
        ('64k', 65536),
        ('0', 0),
        ('2t', 2 * 1024**4),
        (512, 512),
    ],
)
def test_parse_size(text, size):
    assert parse_size(text) == size


@pytest.mark.parametrize('text', ['64 MiB', '-1', '1.5g', 'lots', ''])
def test_parse_size_rejects(text):
    assert parse_size(text) is None
