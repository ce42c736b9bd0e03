# -*- coding: utf-8 -*-
# Copyright (c) dockerlab.training contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.dockerlab.training.plugins.module_utils.checks import CheckList
from ansible_collections.dockerlab.training.plugins.modules.image_layers import (
    check_layers,
)

# Newest first, as the Engine API returns GET /images/{name}/history.
HISTORY = [
    {'created_by': '/bin/sh -c rm -f /big', 'size': 0},
    {
        'created_by': '/bin/sh -c dd if=/dev/zero of=/big bs=1M count=100',
        'size': 104857600,
    },
    {'created_by': '', 'size': 198899364},
]


def run(layers):
    checks = CheckList()
    check_layers(
        checks, layers, [re.compile(layer['created_by']) for layer in layers], HISTORY
    )
    return checks


def test_removed_file_still_costs_its_size():
    checks = run(
        [
            {'created_by': 'dd if=/dev/zero', 'min_size': '100m', 'max_size': None},
            {'created_by': r'rm -f /big', 'min_size': None, 'max_size': '1k'},
        ]
    )
    assert checks.failed() == []
    assert len(checks.checks) == 4


def test_removal_layer_is_not_large():
    checks = run([{'created_by': 'rm -f', 'min_size': '100m', 'max_size': None}])
    assert [check['name'] for check in checks.failed()] == ['layer /rm -f/ min_size']


def test_missing_step_skips_size_checks():
    checks = run([{'created_by': 'apt-get', 'min_size': '1m', 'max_size': None}])
    assert len(checks.checks) == 1
    assert 'no history entry' in checks.checks[0]['detail']
