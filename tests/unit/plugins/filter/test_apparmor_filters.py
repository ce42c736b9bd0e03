# -*- coding: utf-8 -*-
# Copyright (c) dockerlab.training contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

import pytest

from ansible.errors import AnsibleFilterError

from ansible_collections.dockerlab.training.plugins.filter.apparmor import (
    FilterModule,
    apparmor_profile_modes,
)

CHECKOUT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.abspath(__file__))))))

# /sys/kernel/security/apparmor/profiles of the apparmor scenario's Debian 12
# guest after the apparmor_profiles role loaded its two profiles.
KERNEL_LIST = """docker-tcpdump (enforce)
docker-test (enforce)
docker-default (enforce)
nvidia_modprobe (enforce)
nvidia_modprobe//kmod (enforce)
lsb_release (enforce)
"""


def test_filter_registered():
    assert sorted(FilterModule().filters()) == ['apparmor_profile_modes']


def test_modes_by_profile_name():
    modes = apparmor_profile_modes(KERNEL_LIST)
    assert modes['docker-tcpdump'] == 'enforce'
    assert modes['docker-test'] == 'enforce'
    assert modes['nvidia_modprobe//kmod'] == 'enforce'
    assert len(modes) == 6


def test_complain_and_path_names():
    modes = apparmor_profile_modes('/usr/bin/man (complain)\ndocker-test (kill)\n')
    assert modes == {'/usr/bin/man': 'complain', 'docker-test': 'kill'}


def test_empty_list_has_no_profiles():
    assert apparmor_profile_modes('') == {}
    assert apparmor_profile_modes('\n') == {}


def test_line_without_mode_rejected():
    with pytest.raises(AnsibleFilterError, match='docker-test'):
        apparmor_profile_modes('docker-test\n')


def test_non_text_rejected():
    with pytest.raises(AnsibleFilterError, match='got list'):
        apparmor_profile_modes(['docker-test (enforce)'])


@pytest.mark.parametrize('handout, profile', [
    ('apparmor/docker-test.apparmor', 'docker-test'),
    ('security_quicklab/docker-tcpdump.apparmor', 'docker-tcpdump'),
])
def test_handout_matches_loaded_profile(handout, profile):
    # Trainees read the handout copy; the apparmor_profiles role loads its own.
    roles = os.path.join(CHECKOUT, 'roles')
    with open(os.path.join(roles, 'labs', 'files', 'handouts', handout)) as handle:
        handed_out = handle.read()
    with open(os.path.join(roles, 'apparmor_profiles', 'files', profile)) as handle:
        loaded = handle.read()
    assert handed_out == loaded
