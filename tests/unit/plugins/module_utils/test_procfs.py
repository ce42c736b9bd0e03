# -*- coding: utf-8 -*-
# Copyright (c) dockerlab.training contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

import pytest

from ansible_collections.dockerlab.training.plugins.module_utils.capabilities import (
    decode_mask,
)
from ansible_collections.dockerlab.training.plugins.module_utils.procfs import (
    ProcError,
    find_mount,
    id_inside_namespace,
    mount_containing,
    parse_apparmor_label,
    parse_id_map,
    parse_mountinfo,
    parse_namespace_link,
    parse_passwd,
    parse_stat,
    parse_status,
    read_namespace_inode,
    seccomp_state,
    status_ids,
)
from ansible_collections.dockerlab.training.tests.unit.plugins.module_utils.fixture_files import (
    fixture,
)


def status(name):
    return parse_status(fixture('cgroup_v1', name))


def test_status_default_capabilities():
    fields = status('status-default-caps')
    assert fields['CapEff'] == '00000000a80425fb'
    assert fields['CapBnd'] == '00000000a80425fb'
    assert decode_mask(fields['CapAmb']) == []


def test_status_netraw_nonroot_has_empty_effective_set():
    fields = status('status-netraw-nonroot')
    assert decode_mask(fields['CapBnd']) == ['cap_net_raw']
    assert decode_mask(fields['CapEff']) == []
    assert decode_mask(fields['CapPrm']) == []


def test_status_ids_nonroot():
    ids = status_ids(status('status-netraw-nonroot'), 'Uid')
    assert ids == {
        'real': 65534,
        'effective': 65534,
        'saved': 65534,
        'filesystem': 65534,
    }


def test_status_ids_missing_field():
    with pytest.raises(ProcError):
        status_ids({}, 'Uid')


def test_seccomp_default_profile_is_filter():
    assert seccomp_state(status('status-default-caps')) == {
        'mode': 'filter',
        'mode_number': 2,
        'filters': 1,
    }


def test_seccomp_unconfined_is_disabled():
    state = seccomp_state(status('status-netraw-nonroot'))
    assert state['mode'] == 'disabled'
    assert state['filters'] == 0


def test_seccomp_old_kernel_without_filter_count():
    assert seccomp_state({'Seccomp': '2'})['filters'] is None


def test_seccomp_missing_field():
    with pytest.raises(ProcError):
        seccomp_state({})


def test_no_new_privs_fields():
    assert status('status-netraw-nonroot')['NoNewPrivs'] == '1'
    assert status('status-default-caps')['NoNewPrivs'] == '0'


def test_mountinfo_readonly_root():
    root = find_mount(parse_mountinfo(fixture('cgroup_v1', 'mountinfo-readonly')), '/')
    assert root['fs_type'] == 'overlay'
    assert 'ro' in root['options']


def test_mountinfo_default_root_is_writable():
    root = find_mount(parse_mountinfo(fixture('cgroup_v1', 'mountinfo-default')), '/')
    assert 'rw' in root['options']


def test_mountinfo_volume_and_bind():
    mounts = parse_mountinfo(fixture('cgroup_v1', 'mountinfo-volume-bind'))
    volume = find_mount(mounts, '/data')
    bind = find_mount(mounts, '/srv/bind')
    assert volume['root'] == '/var/lib/docker/volumes/h4-s-vol/_data'
    assert 'rw' in volume['options']
    assert volume['optional_fields'] == ['master:1']
    assert bind['root'] == '/tmp/h4-bind'
    assert 'ro' in bind['options']
    assert bind['device'] == '254:0'


def test_mountinfo_decodes_octal_escapes():
    line = r'36 35 98:0 /my\040dir /mnt/with\040space rw,noatime - ext3 /dev/root rw,errors=continue'
    mount = parse_mountinfo(line)[0]
    assert mount['root'] == '/my dir'
    assert mount['mount_point'] == '/mnt/with space'
    assert mount['super_options'] == ['rw', 'errors=continue']


def test_mountinfo_rejects_garbage():
    with pytest.raises(ProcError):
        parse_mountinfo('not a mountinfo line')


def test_mount_containing_prefers_longest_prefix():
    mounts = parse_mountinfo(fixture('cgroup_v1', 'mountinfo-volume-bind'))
    assert mount_containing(mounts, '/data/dump.rdb')['mount_point'] == '/data'
    assert mount_containing(mounts, '/database')['mount_point'] == '/'
    assert mount_containing(mounts, '/srv/bind')['mount_point'] == '/srv/bind'


def test_id_map_identity():
    ranges = parse_id_map('         0          0 4294967295\n')
    assert id_inside_namespace(ranges, 65534) == 65534


def test_id_map_userns_remap():
    ranges = parse_id_map('         0     100000      65536\n')
    assert id_inside_namespace(ranges, 100000) == 0
    assert id_inside_namespace(ranges, 165533) == 65533
    assert id_inside_namespace(ranges, 0) is None


def test_passwd_names():
    text = 'root:x:0:0:root:/root:/bin/bash\n# comment\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n'
    assert parse_passwd(text) == {0: 'root', 65534: 'nobody'}


def test_group_names_first_entry_wins():
    assert parse_passwd('nogroup:x:65534:\nother:x:65534:\n') == {65534: 'nogroup'}


def test_namespace_link():
    assert parse_namespace_link('net:[4026532252]') == ('net', 4026532252)


def test_namespace_link_rejects_other_targets():
    with pytest.raises(ProcError):
        parse_namespace_link('/proc/1/ns/net')


def test_namespace_inode_of_own_process():
    inode = read_namespace_inode('/proc', 'self', 'net')
    assert inode == os.stat('/proc/self/ns/net').st_ino


def test_namespace_inode_of_missing_process():
    with pytest.raises(ProcError):
        read_namespace_inode('/proc', 4194305, 'net')


@pytest.mark.parametrize(
    'label, expected',
    [
        ('docker-default (enforce)\n', ('docker-default', 'enforce')),
        ('docker-tcpdump (complain)', ('docker-tcpdump', 'complain')),
        ('unconfined\n', ('unconfined', 'unconfined')),
        ('/usr/bin/foo (enforce)\x00', ('/usr/bin/foo', 'enforce')),
    ],
)
def test_apparmor_labels(label, expected):
    assert parse_apparmor_label(label) == expected


def test_stat_with_parenthesis_in_name():
    assert parse_stat('42 (we (ir)d) S 1 42 42 0 -1') == {
        'pid': 42,
        'comm': 'we (ir)d',
        'state': 'S',
    }


def test_stat_zombie():
    assert parse_stat('7 (sleep) Z 1 7 7 0')['state'] == 'Z'
