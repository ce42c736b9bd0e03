# -*- coding: utf-8 -*-
# Copyright (c) dockerlab.training contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible.errors import AnsibleFilterError

from ansible_collections.dockerlab.training.plugins.filter.capabilities import (
    FilterModule,
    capability_mask,
    capability_names,
)


def test_filters_registered():
    assert sorted(FilterModule().filters()) == ['capability_mask', 'capability_names']


def test_names_from_status_mask():
    assert capability_names('0000000000002000') == ['cap_net_raw']


def test_mask_from_list():
    assert capability_mask(['NET_RAW']) == '0000000000002000'


def test_mask_from_comma_string():
    assert capability_mask('NET_RAW, CHOWN') == '0000000000002001'


def test_round_trip_default_set():
    assert capability_mask(capability_names('00000000a80425fb')) == '00000000a80425fb'


def test_names_bad_mask_raises():
    with pytest.raises(AnsibleFilterError) as info:
        capability_names('not-hex')
    assert 'capability_names' in str(info.value)


def test_mask_unknown_name_raises():
    with pytest.raises(AnsibleFilterError) as info:
        capability_mask(['NET_RAWW'])
    assert 'NET_RAWW' in str(info.value)
