# -*- coding: utf-8 -*-
# Copyright (c) dockerlab.training contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from ansible_collections.dockerlab.training.plugins.module_utils.checks import CheckList
from ansible_collections.dockerlab.training.plugins.module_utils.procfs import (
    parse_mountinfo,
)
from ansible_collections.dockerlab.training.plugins.modules.container_mounts import (
    check_mounts,
    expected_fs_location,
    merge_mount,
)
from ansible_collections.dockerlab.training.tests.unit.plugins.module_utils.fixture_files import (
    fixture,
)

ENGINE_MOUNTS = [
    {
        'Type': 'volume',
        'Name': 'h4-s-vol',
        'Source': '/var/lib/docker/volumes/h4-s-vol/_data',
        'Destination': '/data',
        'RW': True,
    },
    {'Type': 'bind', 'Source': '/tmp/h4-bind', 'Destination': '/srv/bind', 'RW': False},
]


def host_mounts():
    return parse_mountinfo(fixture('cgroup_v1', 'mountinfo-host'))


def container_mounts():
    kernel = parse_mountinfo(fixture('cgroup_v1', 'mountinfo-volume-bind'))
    return [merge_mount(item, kernel) for item in ENGINE_MOUNTS]


def test_volume_location_below_var_lib_docker_mount():
    assert expected_fs_location(
        '/var/lib/docker/volumes/h4-s-vol/_data', host_mounts()
    ) == ('254:0', '/var/lib/docker/volumes/h4-s-vol/_data')


def test_bind_location_on_root_file_system():
    assert expected_fs_location('/tmp/h4-bind', host_mounts()) == (
        '254:0',
        '/tmp/h4-bind',
    )


def test_location_inside_trainee_vm():
    # /var/lib/docker of a trainee VM container is an anonymous volume of the outer engine.
    vm = parse_mountinfo(
        '500 400 254:0 /var/lib/docker/volumes/abc/_data /var/lib/docker rw - ext4 /dev/vda rw\n'
        '499 400 0:90 / / rw - overlay overlay rw\n'
    )
    assert expected_fs_location('/var/lib/docker/volumes/redis/_data', vm) == (
        '254:0',
        '/var/lib/docker/volumes/abc/_data/volumes/redis/_data',
    )


def test_merge_reads_kernel_flags():
    merged = container_mounts()
    assert merged[0]['kernel']['present'] is True
    assert merged[0]['kernel']['read_only'] is False
    assert merged[1]['kernel']['read_only'] is True
    assert merged[1]['engine_read_only'] is True


def test_expected_mounts_pass():
    checks = CheckList()
    expected = [
        {
            'destination': '/data',
            'type': 'volume',
            'source': 'h4-s-vol',
            'read_only': False,
        },
        {'destination': '/srv/bind', 'type': 'bind', 'source': None, 'read_only': True},
    ]
    check_mounts(checks, expected, container_mounts(), host_mounts())
    assert checks.failed() == [], json.dumps(checks.checks, indent=1)


def test_wrong_mounts_fail_each_way():
    checks = CheckList()
    expected = [
        {'destination': '/data', 'type': 'bind', 'source': 'other', 'read_only': True},
        {'destination': '/nowhere', 'type': None, 'source': None, 'read_only': None},
    ]
    check_mounts(checks, expected, container_mounts(), host_mounts())
    failed = [check['name'] for check in checks.failed()]
    assert failed == [
        'mount /data type',
        'mount /data source',
        'mount /data read_only',
        'mount /nowhere in the engine',
    ]


def test_kernel_source_mismatch_is_caught():
    kernel = parse_mountinfo(fixture('cgroup_v1', 'mountinfo-volume-bind'))
    engine = dict(ENGINE_MOUNTS[0], Source='/var/lib/docker/volumes/other/_data')
    checks = CheckList()
    expected = [
        {
            'destination': '/data',
            'type': 'volume',
            'source': 'h4-s-vol',
            'read_only': None,
        }
    ]
    check_mounts(checks, expected, [merge_mount(engine, kernel)], host_mounts())
    assert [check['name'] for check in checks.failed()] == [
        'mount /data source in the kernel mount table'
    ]
