# -*- coding: utf-8 -*-
# Copyright (c) dockerlab.training contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""cgroup v1 and v2 path resolution and limit files (see cgroups(7)).

A process's cgroup comes from /proc/<pid>/cgroup. The directory that
contains its control files is the mount point plus the cgroup path below
the mount root, taken from the mount table of the reading process, as runc
and systemd resolve it. That also works inside a cgroup namespace, where
both paths are namespace-relative.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import math
import os
import re

from ansible_collections.dockerlab.training.plugins.module_utils.procfs import (
    ProcError,
    find_mount,
    read_text,
)

CGROUP_ROOT = '/sys/fs/cgroup'

# cgroup v1 reports "no limit" as the largest page-aligned value of a signed
# 64-bit counter (9223372036854771712 with 4 KiB pages). Any value this large
# cannot be a limit someone set on purpose.
V1_UNLIMITED_THRESHOLD = 1 << 62

# Control files, per cgroup version, of each resource the modules read.
CONTROL_FILES = {
    1: {
        'cpu': ('cpu', 'cpu.shares'),
        'memory': ('memory', 'memory.limit_in_bytes'),
        'pids': ('pids', 'pids.max'),
    },
    2: {
        'cpu': (None, 'cpu.weight'),
        'memory': (None, 'memory.max'),
        'pids': (None, 'pids.max'),
    },
}


class CgroupError(Exception):
    """A cgroup that cannot be resolved or read."""


def parse_proc_cgroup(text):
    """Parse /proc/<pid>/cgroup into a list of dicts: hierarchy_id, controllers (a list), path.

    The cgroup v2 line is ``0::/path`` and has no controllers. A named v1
    hierarchy such as ``name=systemd`` is kept as its own controller name.
    """
    entries = []
    for line in text.splitlines():
        if not line.strip():
            continue
        parts = line.split(':', 2)
        if len(parts) != 3 or not parts[0].isdigit():
            raise CgroupError(
                '/proc/<pid>/cgroup line is not in the format of cgroups(7): %r' % line
            )
        entries.append(
            {
                'hierarchy_id': int(parts[0]),
                'controllers': [name for name in parts[1].split(',') if name],
                'path': parts[2],
            }
        )
    return entries


def detect_layout(mounts):
    """Return (version, layout) of the cgroup mounts in a mount table.

    layout is ``unified`` (v2 only), ``hybrid`` (v1 controllers plus a v2
    hierarchy without controllers) or ``legacy`` (v1 only).
    """
    root = find_mount(mounts, CGROUP_ROOT)
    if root is not None and root['fs_type'] == 'cgroup2':
        return 2, 'unified'
    v1_mounts = [mount for mount in mounts if mount['fs_type'] == 'cgroup']
    if not v1_mounts:
        raise CgroupError(
            'no cgroup file system is mounted; the mount table has neither cgroup nor cgroup2'
        )
    has_v2 = any(mount['fs_type'] == 'cgroup2' for mount in mounts)
    return 1, 'hybrid' if has_v2 else 'legacy'


def _hierarchy_mount(mounts, version, controller):
    for mount in reversed(mounts):
        if version == 2 and mount['fs_type'] == 'cgroup2':
            return mount
        if (
            version == 1
            and mount['fs_type'] == 'cgroup'
            and controller in mount['super_options']
        ):
            return mount
    return None


def _hierarchy_entry(entries, version, controller):
    for entry in entries:
        if version == 2 and entry['hierarchy_id'] == 0 and not entry['controllers']:
            return entry
        if version == 1 and controller in entry['controllers']:
            return entry
    return None


def cgroup_directory(entries, mounts, version, controller=None):
    """Return the directory of a process's cgroup for a v1 controller, or its v2 cgroup.

    entries come from parse_proc_cgroup() of the process, mounts from
    parse_mountinfo() of the reading process.
    """
    label = (
        'the cgroup v2 hierarchy'
        if version == 2
        else 'the cgroup v1 %s controller' % controller
    )
    entry = _hierarchy_entry(entries, version, controller)
    if entry is None:
        raise CgroupError('the process is in no cgroup of %s' % label)
    mount = _hierarchy_mount(mounts, version, controller)
    if mount is None:
        raise CgroupError('%s is not mounted' % label)
    root = mount['root'].rstrip('/')
    path = entry['path']
    if root and path != root and not path.startswith(root + '/'):
        raise CgroupError(
            'cgroup %s lies outside the part of %s mounted at %s (mount root %s)'
            % (path, label, mount['mount_point'], mount['root'])
        )
    relative = path[len(root) :].lstrip('/')
    return (
        os.path.join(mount['mount_point'], relative)
        if relative
        else mount['mount_point']
    )


def driver_from_path(path):
    """Guess the Docker cgroup driver from a container's cgroup path.

    The systemd driver puts containers in ``docker-<id>.scope`` units; the
    cgroupfs driver in ``<cgroup-parent>/<id>`` (``/docker/<id>`` by default).
    """
    if re.search(r'/docker-[0-9a-f]{64}\.scope$', path):
        return 'systemd'
    if re.search(r'/[0-9a-f]{64}$', path):
        return 'cgroupfs'
    return None


def parse_limit(text):
    """Return a limit file's value as an int, or None for "no limit".

    Accepts ``max`` (v2 and pids.max) and the v1 unlimited sentinel.
    """
    value = text.strip()
    if value == 'max':
        return None
    try:
        number = int(value)
    except ValueError:
        raise CgroupError('cgroup limit file has a non-integer value %r' % value)
    return None if number >= V1_UNLIMITED_THRESHOLD else number


def read_control_file(directory, name):
    """Return the text of a control file in a cgroup directory."""
    try:
        return read_text(os.path.join(directory, name))
    except ProcError as exc:
        raise CgroupError(str(exc))


def cpu_weight_linear(shares):
    """Convert cpu.shares to cpu.weight as runc < 1.3.2 and crun < 1.23 do.

    This maps the v1 default 1024 to 39, not to the v2 default 100.
    """
    if shares == 0:
        return 0
    return 1 + ((shares - 2) * 9999) // 262142


def cpu_weight_quadratic(shares):
    """Convert cpu.shares to cpu.weight as runc >= 1.3.2 and crun >= 1.23 do.

    The quadratic curve in log2(shares) maps 2 -> 1, 1024 -> 100 and
    262144 -> 10000 (runc pull request 4785).
    """
    if shares == 0:
        return 0
    if shares <= 2:
        return 1
    if shares >= 262144:
        return 10000
    log = math.log2(shares)
    exponent = (log * log + 125 * log) / 612.0 - 7.0 / 34.0
    return int(math.ceil(math.pow(10, exponent)))


def match_cpu_weight(shares, weight):
    """Return the name of the shares-to-weight conversion that yields weight, or None.

    Both conversions are tried because trainee VMs run runc versions on
    either side of the change.
    """
    if cpu_weight_quadratic(shares) == weight:
        return 'quadratic (runc >= 1.3.2, crun >= 1.23)'
    if cpu_weight_linear(shares) == weight:
        return 'linear (runc < 1.3.2, crun < 1.23)'
    return None
