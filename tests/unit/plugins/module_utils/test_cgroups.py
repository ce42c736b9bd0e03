# -*- coding: utf-8 -*-
# Copyright (c) dockerlab.training contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dockerlab.training.plugins.module_utils.cgroups import (
    CgroupError,
    cgroup_directory,
    cpu_weight_linear,
    cpu_weight_quadratic,
    detect_layout,
    driver_from_path,
    match_cpu_weight,
    parse_limit,
    parse_proc_cgroup,
    read_control_file,
)
from ansible_collections.dockerlab.training.plugins.module_utils.procfs import (
    parse_mountinfo,
)
from ansible_collections.dockerlab.training.tests.unit.plugins.module_utils.fixture_files import (
    DEFAULT_ID,
    V2_ID,
    fixture,
    v2_values,
)


def mounts(version, name):
    return parse_mountinfo(fixture('cgroup_v%d' % version, name))


def entries(version, name):
    return parse_proc_cgroup(fixture('cgroup_v%d' % version, name))


def test_proc_cgroup_v1_lines():
    parsed = entries(1, 'proc-cgroup-cgroupfs')
    assert len(parsed) == 10
    assert parsed[-1] == {
        'hierarchy_id': 0,
        'controllers': [],
        'path': '/docker/' + DEFAULT_ID,
    }
    assert {
        'hierarchy_id': 9,
        'controllers': ['name=systemd'],
        'path': '/docker/' + DEFAULT_ID,
    } in parsed


def test_proc_cgroup_rejects_garbage():
    with pytest.raises(CgroupError):
        parse_proc_cgroup('cpu:/docker')


def test_layout_v1_hybrid():
    assert detect_layout(mounts(1, 'mountinfo-host')) == (1, 'hybrid')


def test_layout_v1_legacy():
    legacy = [
        mount for mount in mounts(1, 'mountinfo-host') if mount['fs_type'] != 'cgroup2'
    ]
    assert detect_layout(legacy) == (1, 'legacy')


def test_layout_v2_unified():
    assert detect_layout(mounts(2, 'mountinfo-host')) == (2, 'unified')


def test_layout_without_cgroups():
    with pytest.raises(CgroupError):
        detect_layout(parse_mountinfo('26 1 254:1 / / rw - ext4 /dev/vda1 rw'))


@pytest.mark.parametrize('controller', ['cpu', 'memory', 'pids'])
def test_v1_directory_per_controller(controller):
    directory = cgroup_directory(
        entries(1, 'proc-cgroup-cgroupfs'), mounts(1, 'mountinfo-host'), 1, controller
    )
    assert directory == '/sys/fs/cgroup/%s/docker/%s' % (controller, DEFAULT_ID)


def test_v1_combined_cpu_cpuacct_mount():
    text = '32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct\n'
    proc = parse_proc_cgroup('4:cpu,cpuacct:/docker/abc\n')
    assert (
        cgroup_directory(proc, parse_mountinfo(text), 1, 'cpu')
        == '/sys/fs/cgroup/cpu,cpuacct/docker/abc'
    )


def test_v1_inside_private_cgroup_namespace():
    directory = cgroup_directory(
        entries(1, 'proc-cgroup-private-ns'),
        mounts(1, 'mountinfo-private-ns'),
        1,
        'cpu',
    )
    assert directory == '/sys/fs/cgroup/cpu'


def test_v1_mount_root_below_hierarchy_root():
    text = '120 119 0:29 /docker/vm1 /sys/fs/cgroup/cpu ro - cgroup cgroup rw,cpu\n'
    proc = parse_proc_cgroup('1:cpu:/docker/vm1/docker/abc\n')
    assert (
        cgroup_directory(proc, parse_mountinfo(text), 1, 'cpu')
        == '/sys/fs/cgroup/cpu/docker/abc'
    )


def test_v1_cgroup_outside_mount_root():
    text = '120 119 0:29 /docker/vm1 /sys/fs/cgroup/cpu ro - cgroup cgroup rw,cpu\n'
    proc = parse_proc_cgroup('1:cpu:/docker/vm2/abc\n')
    with pytest.raises(CgroupError) as info:
        cgroup_directory(proc, parse_mountinfo(text), 1, 'cpu')
    assert '/docker/vm2/abc' in str(info.value)


def test_v1_controller_not_mounted():
    with pytest.raises(CgroupError) as info:
        cgroup_directory(
            entries(1, 'proc-cgroup-cgroupfs'), mounts(2, 'mountinfo-host'), 1, 'cpu'
        )
    assert 'not mounted' in str(info.value)


def test_v2_systemd_driver_directory():
    directory = cgroup_directory(
        entries(2, 'proc-cgroup-systemd'), mounts(2, 'mountinfo-host'), 2
    )
    assert directory == '/sys/fs/cgroup/system.slice/docker-%s.scope' % V2_ID


def test_v2_cgroupfs_driver_directory():
    directory = cgroup_directory(
        entries(2, 'proc-cgroup-cgroupfs'), mounts(2, 'mountinfo-host'), 2
    )
    assert directory == '/sys/fs/cgroup/docker/%s' % V2_ID


def test_v2_inside_private_namespace():
    directory = cgroup_directory(
        entries(2, 'proc-cgroup-private-ns'), mounts(2, 'mountinfo-private-ns'), 2
    )
    assert directory == '/sys/fs/cgroup'


def test_v2_process_in_no_v2_cgroup():
    with pytest.raises(CgroupError):
        cgroup_directory(
            parse_proc_cgroup('1:cpu:/x\n'), mounts(2, 'mountinfo-host'), 2
        )


@pytest.mark.parametrize(
    'path, driver',
    [
        ('/system.slice/docker-%s.scope' % V2_ID, 'systemd'),
        ('/docker/%s' % DEFAULT_ID, 'cgroupfs'),
        ('/user.slice', None),
    ],
)
def test_driver_from_path(path, driver):
    assert driver_from_path(path) == driver


@pytest.mark.parametrize(
    'text, value',
    [
        ('9223372036854771712\n', None),
        ('67108864\n', 67108864),
        ('max\n', None),
        ('50\n', 50),
    ],
)
def test_v1_limit_values(text, value):
    assert parse_limit(text) == value


def test_v2_limit_values():
    values = v2_values()
    assert parse_limit(values['memory.max']) == 268435456
    assert parse_limit(values['memory.max.unlimited']) is None
    assert parse_limit(values['pids.max']) == 100
    assert parse_limit(values['pids.max.unlimited']) is None


def test_limit_rejects_text():
    with pytest.raises(CgroupError):
        parse_limit('lots')


@pytest.mark.parametrize(
    'shares, linear, quadratic',
    [
        (2, 1, 1),
        (512, 20, 59),
        (1024, 39, 100),
        (2048, 79, 174),
        (262144, 10000, 10000),
    ],
)
def test_cpu_weight_conversions(shares, linear, quadratic):
    assert cpu_weight_linear(shares) == linear
    assert cpu_weight_quadratic(shares) == quadratic


def test_match_quadratic_weight_from_v2_sample():
    weight = int(v2_values()['cpu.weight'])
    assert match_cpu_weight(512, weight).startswith('quadratic')


def test_match_linear_weight():
    assert match_cpu_weight(1024, 39).startswith('linear')


def test_match_neither_weight():
    assert match_cpu_weight(512, 100) is None


def test_default_weight_matches_default_shares():
    assert match_cpu_weight(1024, int(v2_values()['cpu.weight.default'])).startswith(
        'quadratic'
    )


def test_read_control_file_from_tree(tmp_path):
    directory = tmp_path / 'docker' / V2_ID
    directory.mkdir(parents=True)
    (directory / 'cpu.weight').write_text(v2_values()['cpu.weight'] + '\n')
    text = '27 22 0:26 / %s rw - cgroup2 cgroup2 rw,nsdelegate\n' % tmp_path
    found = cgroup_directory(
        entries(2, 'proc-cgroup-cgroupfs'), parse_mountinfo(text), 2
    )
    assert int(read_control_file(found, 'cpu.weight')) == 59


def test_read_missing_control_file(tmp_path):
    with pytest.raises(CgroupError):
        read_control_file(str(tmp_path), 'cpu.weight')
