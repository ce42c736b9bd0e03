# -*- coding: utf-8 -*-
# Copyright (c) dockerlab.training contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dockerlab.training.plugins.module_utils.checks import CheckList
from ansible_collections.dockerlab.training.plugins.modules.container_namespaces import (
    compare_inodes,
)

WEB = {'net': 4026532252, 'pid': 4026532250, 'user': 4026531837}
TCPDUMP = {'net': 4026532252, 'pid': 4026532190, 'user': 4026531837}


def test_shared_and_separate_pass():
    checks = CheckList()
    compare_inodes(
        checks, {'net': 'shared', 'pid': 'separate'}, 'tcpdump', 'web', TCPDUMP, WEB
    )
    assert [check['ok'] for check in checks.checks] == [True, True]
    assert checks.checks[0]['name'] == 'net namespace shared with web'


def test_mismatch_shows_both_inodes():
    checks = CheckList()
    compare_inodes(checks, {'pid': 'shared'}, 'tcpdump', 'web', TCPDUMP, WEB)
    message = checks.failure_message('Container tcpdump')
    assert 'tcpdump pid:[4026532190], web pid:[4026532250]' in message
    assert checks.checks[0]['actual'] == {'tcpdump': 4026532190, 'web': 4026532250}


def test_separate_fails_when_shared():
    checks = CheckList()
    compare_inodes(checks, {'user': 'separate'}, 'tcpdump', 'host', TCPDUMP, WEB)
    assert checks.checks[0]['name'] == 'user namespace separate from host'
    assert checks.checks[0]['ok'] is False
