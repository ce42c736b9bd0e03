#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) dockerlab.training contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: container_mounts
short_description: Assert a container's named volumes and bind mounts, and that its data persists
version_added: 0.1.0
description:
  - Compares the mounts of a container as the engine records them with the mount table
    of its main
    process (C(/proc/<pid>/mountinfo)), so a mount passes only when the kernel has it at the destination,
    from the expected source, with the expected read-only flag.
  - Checks that named volumes exist.
  - Runs persistence probes, which read a file inside the container and check that it
    lies on a named
    volume or bind mount rather than on the container's writable layer, where C(docker rm) would delete it.
author:
  - dockerlab.training developers (@dockerlab)
extends_documentation_fragment:
  - dockerlab.training.engine
options:
  container:
    description:
      - Name or ID of a running container.
      - Required with O(mounts) and O(probes).
    type: str
  mounts:
    description:
      - Mounts that the container must have.
    type: list
    elements: dict
    default: []
    suboptions:
      destination:
        description: Absolute path inside the container.
        type: str
        required: true
      type:
        description: Kind of mount.
        type: str
        choices: [volume, bind, tmpfs]
      source:
        description:
          - For a named volume, the volume name; for a bind mount, the absolute path on
            the host.
          - Not used for V(tmpfs).
        type: str
      read_only:
        description: Whether the mount must be read-only in the kernel's mount table.
        type: bool
  volumes:
    description:
      - Names of named volumes that must exist on the engine.
    type: list
    elements: str
    default: []
  probes:
    description:
      - Persistence probes, each reading one file inside the container through
        C(/proc/<pid>/root).
    type: list
    elements: dict
    default: []
    suboptions:
      path:
        description: Absolute path of a file inside the container.
        type: str
        required: true
      content:
        description: Text the file must contain, compared after stripping trailing white
          space.
        type: str
      on_mount:
        description:
          - Whether the file must lie on a named volume or bind mount instead of the
            container's writable
            layer.
        type: bool
        default: true
notes:
  - A bind mount source is compared after resolving symbolic links on the host.
  - Probes read at most 64 KiB of each file.
  - The engine records C(--tmpfs) mounts in C(HostConfig.Tmpfs), not in C(Mounts); only
    V(tmpfs) mounts made
    with C(--mount type=tmpfs) are found by O(mounts[].type=tmpfs).
seealso:
  - module: community.docker.docker_volume_info
'''

EXAMPLES = r'''
- name: Assert the redis container keeps its data on a named volume
  dockerlab.training.container_mounts:
    container: redis
    volumes: [redis-data]
    mounts:
      - destination: /data
        type: volume
        source: redis-data
        read_only: false
    probes:
      - path: /data/dump.rdb

- name: Assert a read-only bind mount of the web content
  dockerlab.training.container_mounts:
    container: web
    mounts:
      - destination: /usr/local/apache2/htdocs
        type: bind
        source: /home/trainee1/labs/web
        read_only: true
    probes:
      - path: /usr/local/apache2/htdocs/index.html
        content: Hello from the bind mount
'''

RETURN = r'''
checks:
  description: One entry per expectation, each with C(name), C(expected), C(actual) and
    C(ok), and a
    C(detail) text on some failures.
  returned: always
  type: list
  elements: dict
  sample:
    - name: mount /data read_only
      expected: false
      actual: false
      ok: true
mounts:
  description: Each mount of the container, merged from the engine and the kernel's
    mount table.
  returned: when O(container) is set
  type: list
  elements: dict
  sample:
    - destination: /data
      type: volume
      name: redis-data
      source: /var/lib/docker/volumes/redis-data/_data
      engine_read_only: false
      kernel: {present: true, read_only: false, fs_type: ext4, root: /var/lib/docker/volumes/redis-data/_data}
volumes:
  description: Each volume of O(volumes) with whether it exists, its driver and mount
    point.
  returned: always
  type: list
  elements: dict
  sample:
    - {name: redis-data, exists: true, driver: local, mountpoint: /var/lib/docker/volumes/redis-data/_data}
probes:
  description: The result of each probe.
  returned: always
  type: list
  elements: dict
  sample:
    - {path: /data/dump.rdb, exists: true, mount_point: /data, on_mount: true, content: null}
'''

import os

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.dockerlab.training.plugins.module_utils.checks import CheckList
from ansible_collections.dockerlab.training.plugins.module_utils.docker_api import (
    DOCKER_ARGUMENT_SPEC,
    EngineClient,
    container_name,
)
from ansible_collections.dockerlab.training.plugins.module_utils.procfs import (
    ProcError,
    find_mount,
    mount_containing,
    parse_mountinfo,
    proc_path,
    read_text,
)

PROC_ROOT = '/proc'
PROBE_MAX_BYTES = 65536


def expected_fs_location(host_path, host_mounts):
    """Return (device, root) that a mount of host_path shows in mountinfo.

    The kernel records a bind or volume mount by the device and the path
    inside that device's file system. That path differs from the host path
    when the host path is below a bind mount, as /var/lib/docker is in a
    trainee VM container.
    """
    path = os.path.realpath(host_path)
    mount = mount_containing(host_mounts, path)
    if mount is None:
        return None, None
    point = mount['mount_point'].rstrip('/')
    relative = path[len(point) :] if point else path
    root = mount['root'].rstrip('/') + relative
    return mount['device'], root or '/'


def merge_mount(engine_mount, kernel_mounts):
    destination = engine_mount.get('Destination')
    kernel = find_mount(kernel_mounts, destination)
    merged = {
        'destination': destination,
        'type': engine_mount.get('Type'),
        'name': engine_mount.get('Name'),
        'source': engine_mount.get('Source'),
        'engine_read_only': not engine_mount.get('RW', True),
        'kernel': {'present': False},
    }
    if kernel is not None:
        merged['kernel'] = {
            'present': True,
            'read_only': 'ro' in kernel['options'],
            'fs_type': kernel['fs_type'],
            'device': kernel['device'],
            'root': kernel['root'],
        }
    return merged


def check_mount_source(checks, label, expected, mount, host_mounts):
    if expected.get('source') is None or expected.get('type') == 'tmpfs':
        return
    engine_source = mount['name'] if mount['type'] == 'volume' else mount['source']
    if mount['type'] == 'bind':
        engine_source = os.path.realpath(engine_source or '')
        expected_source = os.path.realpath(expected['source'])
    else:
        expected_source = expected['source']
    checks.equal('%s source' % label, expected_source, engine_source)
    if mount['kernel']['present'] and mount['source']:
        device, root = expected_fs_location(mount['source'], host_mounts)
        actual = {'device': mount['kernel']['device'], 'root': mount['kernel']['root']}
        checks.add(
            '%s source in the kernel mount table' % label,
            {'device': device, 'root': root},
            actual,
            actual == {'device': device, 'root': root},
            'the kernel mounted something other than %s at %s'
            % (mount['source'], mount['destination']),
        )


def check_mounts(checks, expected_mounts, mounts, host_mounts):
    by_destination = dict((mount['destination'], mount) for mount in mounts)
    for expected in expected_mounts:
        label = 'mount %s' % expected['destination']
        mount = by_destination.get(expected['destination'])
        if not checks.add(
            '%s in the engine' % label,
            True,
            mount is not None,
            mount is not None,
            'the container has no mount at %s' % expected['destination'],
        ):
            continue
        checks.add(
            '%s in the kernel mount table' % label,
            True,
            mount['kernel']['present'],
            mount['kernel']['present'],
            'the process has no mount at %s' % expected['destination'],
        )
        if expected.get('type') is not None:
            checks.equal('%s type' % label, expected['type'], mount['type'])
        check_mount_source(checks, label, expected, mount, host_mounts)
        if expected.get('read_only') is not None and mount['kernel']['present']:
            checks.equal(
                '%s read_only' % label,
                expected['read_only'],
                mount['kernel']['read_only'],
            )


def check_volumes(checks, engine, names):
    results = []
    for name in names:
        details = engine.inspect_volume(name)
        result = {'name': name, 'exists': details is not None}
        if details is not None:
            result.update(
                driver=details.get('Driver'), mountpoint=details.get('Mountpoint')
            )
        checks.add('volume %s exists' % name, True, result['exists'], result['exists'])
        results.append(result)
    return results


def read_probe_file(pid, path):
    """Return (exists, text) of a file inside the container, or raise ProcError."""
    full = proc_path(PROC_ROOT, pid, 'root', path.lstrip('/'))
    # NOTE: the kernel resolves an absolute symbolic link in a parent
    # directory of path against the host's root, not the container's. Only a
    # link in the last component is rejected here.
    if os.path.islink(full):
        raise ProcError('%s is a symbolic link; probe the file it points to' % path)
    if not os.path.isfile(full):
        return False, None
    try:
        with open(full, 'rb') as handle:
            return True, handle.read(PROBE_MAX_BYTES).decode('utf-8', 'replace')
    except (IOError, OSError) as exc:
        raise ProcError(
            'cannot read %s inside the container: %s' % (path, exc.strerror)
        )


def run_probe(checks, pid, probe, kernel_mounts, mounts):
    path = probe['path']
    label = 'probe %s' % path
    exists, text = read_probe_file(pid, path)
    mount = mount_containing(kernel_mounts, path)
    on_mount = mount is not None and mount['mount_point'] != '/'
    kinds = dict((item['destination'], item['type']) for item in mounts)
    result = {
        'path': path,
        'exists': exists,
        'content': text,
        'on_mount': on_mount,
        'mount_point': mount['mount_point'] if mount else None,
        'mount_type': kinds.get(mount['mount_point']) if on_mount else None,
    }
    checks.add(
        '%s exists' % label,
        True,
        exists,
        exists,
        'no regular file at %s in the container' % path,
    )
    if probe.get('content') is not None:
        actual = text.rstrip() if text is not None else None
        checks.equal('%s content' % label, probe['content'].rstrip(), actual)
    if probe['on_mount']:
        checks.add(
            '%s on a volume or bind mount' % label,
            True,
            result['mount_point'],
            on_mount,
            '%s is on the container\'s writable layer, which docker rm deletes' % path,
        )
    return result


def main():
    argument_spec = dict(
        container=dict(type='str'),
        mounts=dict(
            type='list',
            elements='dict',
            default=[],
            options=dict(
                destination=dict(type='str', required=True),
                type=dict(type='str', choices=['volume', 'bind', 'tmpfs']),
                source=dict(type='str'),
                read_only=dict(type='bool'),
            ),
        ),
        volumes=dict(type='list', elements='str', default=[]),
        probes=dict(
            type='list',
            elements='dict',
            default=[],
            options=dict(
                path=dict(type='str', required=True),
                content=dict(type='str'),
                on_mount=dict(type='bool', default=True),
            ),
        ),
    )
    argument_spec.update(DOCKER_ARGUMENT_SPEC)
    module = AnsibleModule(argument_spec=argument_spec, supports_check_mode=True)
    params = module.params
    for option in ('mounts', 'probes'):
        if params[option] and not params['container']:
            module.fail_json(
                msg='Option %s needs the option container, which is not set.' % option
            )
    for option, key in (('mounts', 'destination'), ('probes', 'path')):
        for item in params[option]:
            if not item[key].startswith('/'):
                module.fail_json(
                    msg='Invalid value %r for option %s[].%s; it must be an absolute path.'
                    % (item[key], option, key)
                )

    engine = EngineClient(module)
    checks = CheckList()
    result = {'volumes': check_volumes(checks, engine, params['volumes']), 'probes': []}
    subject = 'Volumes'
    if params['container']:
        details = engine.inspect_container(params['container'])
        name = container_name(details)
        subject = 'Container %s' % name
        pid = engine.running_pid(details)
        try:
            kernel_mounts = parse_mountinfo(
                read_text(proc_path(PROC_ROOT, pid, 'mountinfo'))
            )
            host_mounts = parse_mountinfo(
                read_text(proc_path(PROC_ROOT, 'self', 'mountinfo'))
            )
            mounts = [
                merge_mount(item, kernel_mounts) for item in details.get('Mounts') or []
            ]
            check_mounts(checks, params['mounts'], mounts, host_mounts)
            result['probes'] = [
                run_probe(checks, pid, probe, kernel_mounts, mounts)
                for probe in params['probes']
            ]
        except ProcError as exc:
            module.fail_json(
                msg='Cannot check the mounts of container %s (PID %s): %s.'
                % (name, pid, exc)
            )
        result['mounts'] = mounts
    checks.finish(module, subject, **result)


if __name__ == '__main__':
    main()
