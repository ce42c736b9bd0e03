# -*- coding: utf-8 -*-
# Copyright (c) dockerlab.training contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Readers and parsers for /proc/<pid>/... files (see proc(5)).

The parsers take file contents so that unit tests can feed them samples.
The readers take a ``proc_root`` (normally ``/proc``) and a PID as seen from
the PID namespace of the module's own process.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import errno
import os
import re

NAMESPACE_TYPES = ('net', 'pid', 'ipc', 'uts', 'mnt', 'user', 'cgroup')

SECCOMP_MODES = {0: 'disabled', 1: 'strict', 2: 'filter'}

_OCTAL_ESCAPE = re.compile(r'\\([0-7]{3})')


class ProcError(Exception):
    """A /proc file that is missing, unreadable or not in the expected format."""


def read_text(path):
    """Return a file's text, raising ProcError with the path on failure."""
    try:
        with open(path, 'rb') as handle:
            return handle.read().decode('utf-8', 'replace')
    except (IOError, OSError) as exc:
        raise ProcError('cannot read %s: %s' % (path, exc.strerror or exc))


def proc_path(proc_root, pid, *parts):
    return os.path.join(proc_root, str(pid), *parts)


def parse_status(text):
    """Parse /proc/<pid>/status into a dict of field name to raw string value."""
    fields = {}
    for line in text.splitlines():
        name, sep, value = line.partition(':')
        if sep:
            fields[name.strip()] = value.strip()
    return fields


def status_ids(fields, name):
    """Return the real, effective, saved and filesystem IDs of a Uid: or Gid: field."""
    try:
        values = [int(part) for part in fields[name].split()]
    except (KeyError, ValueError):
        raise ProcError('/proc/<pid>/status has no valid %s: line' % name)
    if len(values) != 4:
        raise ProcError(
            '/proc/<pid>/status %s: line has %d values, expected 4'
            % (name, len(values))
        )
    return dict(zip(('real', 'effective', 'saved', 'filesystem'), values))


def status_int(fields, name, default=None):
    """Return an integer field of /proc/<pid>/status, or default when the kernel lacks it."""
    if name not in fields:
        return default
    try:
        return int(fields[name].split()[0])
    except (IndexError, ValueError):
        raise ProcError(
            '/proc/<pid>/status field %s has a non-integer value %r'
            % (name, fields[name])
        )


def seccomp_state(fields):
    """Return the seccomp mode name and filter count from /proc/<pid>/status.

    ``Seccomp_filters`` exists since Linux 5.9; on older kernels the count is None.
    """
    mode = status_int(fields, 'Seccomp')
    if mode is None:
        raise ProcError(
            '/proc/<pid>/status has no Seccomp: line; the kernel lacks CONFIG_SECCOMP'
        )
    return {
        'mode': SECCOMP_MODES.get(mode, str(mode)),
        'mode_number': mode,
        'filters': status_int(fields, 'Seccomp_filters'),
    }


def _unescape(field):
    return _OCTAL_ESCAPE.sub(lambda match: chr(int(match.group(1), 8)), field)


def parse_mountinfo(text):
    """Parse /proc/<pid>/mountinfo into a list of dicts, one a mount, in file order.

    Each dict has mount_id, parent_id, device (major:minor), root, mount_point,
    options (per-mount, a list), fs_type, source and super_options (a list).
    Octal escapes such as ``\\040`` for a space are decoded.
    """
    mounts = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        left, sep, right = line.partition(' - ')
        head = left.split()
        tail = right.split()
        if not sep or len(head) < 6 or len(tail) < 2:
            raise ProcError(
                'mountinfo line %d is not in the format of proc(5): %r' % (number, line)
            )
        mounts.append(
            {
                'mount_id': int(head[0]),
                'parent_id': int(head[1]),
                'device': head[2],
                'root': _unescape(head[3]),
                'mount_point': _unescape(head[4]),
                'options': head[5].split(','),
                'optional_fields': head[6:],
                'fs_type': tail[0],
                'source': _unescape(tail[1]),
                'super_options': tail[2].split(',') if len(tail) > 2 else [],
            }
        )
    return mounts


def find_mount(mounts, mount_point):
    """Return the mount visible at mount_point: the last one listed there, since it hides earlier ones."""
    found = None
    for mount in mounts:
        if mount['mount_point'] == mount_point:
            found = mount
    return found


def mount_containing(mounts, path):
    """Return the visible mount whose mount point is the longest prefix of path."""
    best = None
    for mount in mounts:
        point = mount['mount_point']
        inside = (
            path == point or point == '/' or path.startswith(point.rstrip('/') + '/')
        )
        if inside and (best is None or len(point) >= len(best['mount_point'])):
            best = mount
    return best


def parse_id_map(text):
    """Parse /proc/<pid>/uid_map or gid_map into (inside, outside, count) tuples."""
    ranges = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 3:
            ranges.append(tuple(int(part) for part in parts))
    return ranges


def id_inside_namespace(ranges, outside_id):
    """Translate an ID seen from the reader's user namespace into the process's own namespace.

    Returns None when the ID has no mapping (the kernel shows it as the overflow ID).
    """
    for inside, outside, count in ranges:
        if outside <= outside_id < outside + count:
            return inside + outside_id - outside
    return None


def parse_passwd(text):
    """Parse passwd(5) or group(5) text into a dict of numeric ID to name (first entry wins)."""
    names = {}
    for line in text.splitlines():
        parts = line.split(':')
        if len(parts) >= 3 and parts[2].isdigit() and not line.startswith('#'):
            names.setdefault(int(parts[2]), parts[0])
    return names


def parse_namespace_link(target):
    """Return (type, inode) from a /proc/<pid>/ns/<type> link target such as ``net:[4026531840]``."""
    match = re.match(r'^([a-z_]+):\[(\d+)\]$', target)
    if not match:
        raise ProcError('unexpected namespace link target %r' % target)
    return match.group(1), int(match.group(2))


def read_namespace_inode(proc_root, pid, namespace):
    """Return the inode number of a process's namespace of the given type."""
    path = proc_path(proc_root, pid, 'ns', namespace)
    try:
        target = os.readlink(path)
    except OSError as exc:
        if exc.errno == errno.ENOENT:
            raise ProcError(
                '%s does not exist; the process is gone or the kernel lacks %s namespaces'
                % (path, namespace)
            )
        raise ProcError('cannot read %s: %s' % (path, exc.strerror))
    return parse_namespace_link(target)[1]


def parse_apparmor_label(text):
    """Parse an AppArmor label such as ``docker-default (enforce)`` into (profile, mode).

    An unconfined process shows ``unconfined`` with no mode; the mode is then
    returned as ``unconfined`` too.
    """
    label = text.strip().rstrip('\x00').strip()
    match = re.match(r'^(.*\S)\s+\(([a-z_]+)\)$', label)
    if match:
        return match.group(1), match.group(2)
    return label, 'unconfined' if label == 'unconfined' else None


def apparmor_enabled(sys_root='/sys'):
    """Return True when the running kernel has AppArmor enabled as an active LSM."""
    try:
        return (
            read_text(
                os.path.join(sys_root, 'module/apparmor/parameters/enabled')
            ).strip()
            == 'Y'
        )
    except ProcError:
        return False


def read_apparmor_label(proc_root, pid):
    """Return the raw AppArmor label of a process.

    Linux 5.8 and later expose it as attr/apparmor/current; older kernels only
    as attr/current, which belongs to whichever LSM is the first active one.
    """
    path = proc_path(proc_root, pid, 'attr', 'apparmor', 'current')
    if not os.path.exists(path):
        path = proc_path(proc_root, pid, 'attr', 'current')
    return read_text(path)


def process_state(proc_root, pid):
    """Return the one-letter state and the command name of a process from /proc/<pid>/stat.

    Returns None when the process does not exist.
    """
    try:
        text = read_text(proc_path(proc_root, pid, 'stat'))
    except ProcError:
        return None
    return parse_stat(text)


def parse_stat(text):
    """Parse /proc/<pid>/stat into a dict with pid, comm and state."""
    # The command name is in parentheses and may itself contain ')' or spaces.
    start = text.find('(')
    end = text.rfind(')')
    if start < 0 or end < start:
        raise ProcError(
            '/proc/<pid>/stat is not in the format of proc(5): %r' % text[:80]
        )
    rest = text[end + 1 :].split()
    return {
        'pid': int(text[:start]),
        'comm': text[start + 1 : end],
        'state': rest[0] if rest else None,
    }
