# -*- coding: utf-8 -*-
# Copyright (c) dockerlab.training contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dockerlab.training.plugins.modules.engine_node_info import (
    bounding_set,
    choose_compose,
    parse_dockerd_version,
    parse_dpkg,
)

# CapBnd of a container on a Docker 20.10 engine whose host lacks
# cap_sys_resource (bit 24), so every other Linux 6.x capability is set.
STATUS = 'Name:\tpython3\nCapEff:\t000001fffeffffff\nCapBnd:\t000001fffeffffff\n'


def test_dpkg_lists_only_installed_packages():
    out = ('installed docker.io 20.10.24+dfsg1-1+deb12u1\n'
           'not-installed rsyslog \n'
           'config-files jq 1.6-2.1\n'
           'installed python3-docker 5.0.3-1\n')
    assert parse_dpkg(out) == {
        'docker.io': '20.10.24+dfsg1-1+deb12u1',
        'python3-docker': '5.0.3-1',
    }


def test_dpkg_of_no_package():
    assert parse_dpkg('') == {}


@pytest.mark.parametrize('output, version', [
    ('Docker version 20.10.24+dfsg1, build 297e128\n', '20.10.24'),
    ('Docker version 24.0.7, build 311b9ff\n', '24.0.7'),
    ('dockerd: command failed\n', ''),
])
def test_dockerd_version(output, version):
    assert parse_dockerd_version(output) == version


def test_compose_v2_before_v1():
    assert choose_compose((0, 'v2.24.5\n'), (0, '1.29.2\n')) == ('docker compose', '2.24.5')


def test_compose_v1_without_plugin():
    assert choose_compose((1, ''), (0, '1.29.2\n')) == ('docker-compose', '1.29.2')


def test_no_compose():
    assert choose_compose((127, ''), (127, '')) == ('', '')


def test_bounding_set_without_cap_sys_resource():
    caps = bounding_set(STATUS, '40\n')
    assert caps['bounding'] == '000001fffeffffff'
    assert caps['last_cap'] == 40
    assert caps['complete'] is False
    assert caps['missing'] == ['cap_sys_resource']


def test_bounding_set_ignores_unknown_bits():
    caps = bounding_set('CapBnd:\t000003ffffffffff\n', '40')
    assert caps['complete'] is True
    assert caps['missing'] == []


def test_bounding_set_without_the_field():
    with pytest.raises(KeyError):
        bounding_set('Name:\tpython3\n', '40')
