# -*- coding: utf-8 -*-
# Copyright (c) dockerlab.training contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dockerlab.training.plugins.module_utils.capabilities import (
    CAPABILITY_NAMES,
    CapabilityError,
    decode_mask,
    encode_names,
    format_mask,
    normalize_capability,
    parse_mask,
)
from ansible_collections.dockerlab.training.tests.unit.plugins.module_utils.fixture_files import (
    capsh_decodings,
)

CAPSH = capsh_decodings()


@pytest.mark.parametrize('mask', sorted(CAPSH))
def test_decode_matches_capsh(mask):
    assert decode_mask(mask) == CAPSH[mask]


def test_decode_docker_default_set():
    names = decode_mask('00000000a80425fb')
    assert len(names) == 14
    assert 'cap_net_raw' in names
    assert 'cap_sys_admin' not in names


def test_decode_unknown_bits_as_numbers():
    assert decode_mask(0x70000000000) == ['cap_checkpoint_restore', '41', '42']


def test_decode_accepts_0x_prefix_and_int():
    assert decode_mask('0x2000') == ['cap_net_raw']
    assert decode_mask(1 << 13) == ['cap_net_raw']


@pytest.mark.parametrize('bad', ['zz', '', '-1', True])
def test_parse_mask_rejects(bad):
    with pytest.raises(CapabilityError):
        parse_mask(bad)


@pytest.mark.parametrize(
    'spelling', ['NET_RAW', 'CAP_NET_RAW', 'cap_net_raw', ' net_raw ', '13']
)
def test_normalize_spellings(spelling):
    assert normalize_capability(spelling) == 'cap_net_raw'


def test_normalize_rejects_unknown_name():
    with pytest.raises(CapabilityError) as info:
        normalize_capability('NET_RAWW')
    assert 'NET_RAWW' in str(info.value)


@pytest.mark.parametrize('mask', sorted(CAPSH))
def test_encode_inverts_decode(mask):
    assert format_mask(encode_names(decode_mask(mask))) == mask


def test_encode_mixed_spellings():
    assert encode_names(['NET_RAW', 'cap_chown', 'CAP_SYS_TIME']) == (1 << 13) | 1 | (
        1 << 25
    )


def test_table_matches_last_cap():
    assert CAPABILITY_NAMES[40] == 'cap_checkpoint_restore'
    assert len(CAPABILITY_NAMES) == 41
