# -*- coding: utf-8 -*-
# Copyright (c) dockerlab.training contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Access to the /proc and cgroup samples in fixtures/ (see fixtures/README.md)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'fixtures')

DEFAULT_ID = '96f9b406f4f5b0b8fc251ebb92464a90b7f4bec1c22e6a6891f353a92edba3c1'
NETRAW_ID = '6db4a64c4843029364a1c1d183e65e48f1528e3fc476fb5ea6587cd6d508fa0b'
V2_ID = '3f6a0c2d9b8e4f1a7c5d2e9b0a8f6c4d1e3b5a7c9d0f2e4a6b8c0d1e2f3a4b5c'


def fixture(*parts):
    with open(os.path.join(FIXTURES, *parts)) as handle:
        return handle.read()


def capsh_decodings():
    """Return {mask: [names]} from the capsh --decode output sample."""
    decodings = {}
    for line in fixture('capsh', 'decode.txt').splitlines():
        mask, dummy, names = line.partition('=')
        decodings[mask[2:]] = [name for name in names.split(',') if name]
    return decodings


def v2_values():
    values = {}
    for line in fixture('cgroup_v2', 'values.txt').splitlines():
        if line and not line.startswith('#'):
            key, dummy, value = line.partition('\t')
            values[key] = value
    return values
