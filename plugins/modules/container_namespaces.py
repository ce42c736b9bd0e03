#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) dockerlab.training contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: container_namespaces
short_description: Assert which namespaces a container shares with another container or the host
version_added: 0.1.0
description:
  - Reads the namespace inodes of a container's main process from C(/proc/<pid>/ns/) and
    compares them
    with those of a peer container or of the host.
  - Two processes share a namespace exactly when the inodes are equal. This catches what
    the Engine API
    cannot show, such as a C(--net container:X) container left in a stale network namespace after X was
    restarted.
  - On a mismatch the failure shows both inodes.
author:
  - dockerlab.training developers (@dockerlab)
extends_documentation_fragment:
  - dockerlab.training.engine
options:
  container:
    description:
      - Name or ID of a running container.
    type: str
    required: true
  peer:
    description:
      - Name or ID of a running container to compare with.
      - If not set, the container is compared with the host, that is with the namespaces
        of the module's own
        process, which runs on the host.
    type: str
  shared:
    description:
      - Namespace types that the container and the peer must share (equal inodes).
    type: list
    elements: str
    choices: [net, pid, ipc, uts, mnt, user, cgroup]
    default: []
  separate:
    description:
      - Namespace types that the container and the peer must not share (different
        inodes).
    type: list
    elements: str
    choices: [net, pid, ipc, uts, mnt, user, cgroup]
    default: []
notes:
  - Without user namespace remapping every container shares the host's C(user)
    namespace, and on cgroup v1
    Docker 20.10 leaves containers in the host's C(cgroup) namespace by default.
  - When the module runs inside a trainee VM that is itself a container, "the host" is
    that VM.
  - The host's namespaces are read from C(/proc/self/ns) rather than from PID 1, because
    PID 1 may belong to
    another user namespace whose links even root cannot read (as in some sandboxes).
seealso:
  - name: namespaces(7)
    description: The Linux namespace types and their C(/proc/<pid>/ns) links.
    link: https://man7.org/linux/man-pages/man7/namespaces.7.html
  - module: dockerlab.training.container_security
'''

EXAMPLES = r'''
- name: Assert that the tcpdump container runs in the network namespace of web
  dockerlab.training.container_namespaces:
    container: tcpdump
    peer: web
    shared: [net]
    separate: [pid, mnt]

- name: Assert that a container is isolated from the host
  dockerlab.training.container_namespaces:
    container: web
    separate: [net, pid, ipc, uts, mnt]

- name: Assert a --pid host container
  dockerlab.training.container_namespaces:
    container: sysdig
    shared: [pid]
'''

RETURN = r'''
checks:
  description: One entry per namespace type in O(shared) and O(separate); each entry has
    C(name),
    C(expected), C(actual) (both inodes) and C(ok).
  returned: always
  type: list
  elements: dict
  sample:
    - name: net namespace shared with web
      expected: shared
      actual: {tcpdump: 4026532252, web: 4026532252}
      ok: true
peer:
  description: Name of the peer container, or V(host).
  returned: always
  type: str
  sample: web
namespaces:
  description: Inode of each namespace type, for the container and for the peer.
  returned: always
  type: dict
  sample:
    container: {net: 4026532252, pid: 4026532250, ipc: 4026532249, uts: 4026532248, mnt: 4026532247,
                user: 4026531837, cgroup: 4026531835}
    peer: {net: 4026532252, pid: 4026532190, ipc: 4026532189, uts: 4026532188, mnt: 4026532187,
           user: 4026531837, cgroup: 4026531835}
engine_modes:
  description: The namespace modes the engine was asked for (C(HostConfig.NetworkMode),
    C(PidMode), C(IpcMode),
    C(UTSMode), C(CgroupnsMode), C(UsernsMode)) of the container.
  returned: always
  type: dict
  sample: {net: 'container:0c5f8e2a1b7d', pid: '', ipc: private, uts: '', cgroup: host, user: ''}
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.dockerlab.training.plugins.module_utils.checks import CheckList
from ansible_collections.dockerlab.training.plugins.module_utils.docker_api import (
    DOCKER_ARGUMENT_SPEC,
    EngineClient,
    container_name,
)
from ansible_collections.dockerlab.training.plugins.module_utils.procfs import (
    NAMESPACE_TYPES,
    ProcError,
    read_namespace_inode,
)

PROC_ROOT = '/proc'
HOST_PID = 'self'

ENGINE_MODE_FIELDS = (
    ('net', 'NetworkMode'),
    ('pid', 'PidMode'),
    ('ipc', 'IpcMode'),
    ('uts', 'UTSMode'),
    ('cgroup', 'CgroupnsMode'),
    ('user', 'UsernsMode'),
)


def read_inodes(module, pid, label):
    inodes = {}
    for namespace in NAMESPACE_TYPES:
        try:
            inodes[namespace] = read_namespace_inode(PROC_ROOT, pid, namespace)
        except ProcError as exc:
            module.fail_json(
                msg='Cannot read the %s namespace of %s (PID %s): %s.'
                % (namespace, label, pid, exc)
            )
    return inodes


def compare_inodes(checks, expected_relations, name, peer_name, inodes, peer_inodes):
    for namespace in NAMESPACE_TYPES:
        if namespace not in expected_relations:
            continue
        expected = expected_relations[namespace]
        actual = {name: inodes[namespace], peer_name: peer_inodes[namespace]}
        same = inodes[namespace] == peer_inodes[namespace]
        detail = '%s %s:[%s], %s %s:[%s]' % (
            name,
            namespace,
            inodes[namespace],
            peer_name,
            namespace,
            peer_inodes[namespace],
        )
        relation = 'shared with' if expected == 'shared' else 'separate from'
        checks.add(
            '%s namespace %s %s' % (namespace, relation, peer_name),
            expected,
            actual,
            same == (expected == 'shared'),
            detail,
        )


def main():
    argument_spec = dict(
        container=dict(type='str', required=True),
        peer=dict(type='str'),
        shared=dict(
            type='list', elements='str', choices=list(NAMESPACE_TYPES), default=[]
        ),
        separate=dict(
            type='list', elements='str', choices=list(NAMESPACE_TYPES), default=[]
        ),
    )
    argument_spec.update(DOCKER_ARGUMENT_SPEC)
    module = AnsibleModule(argument_spec=argument_spec, supports_check_mode=True)
    both = sorted(set(module.params['shared']) & set(module.params['separate']))
    if both:
        module.fail_json(
            msg='Invalid options: namespace types %s are in both shared and separate; '
            'list each type in one of them only.' % ', '.join(both)
        )

    engine = EngineClient(module)
    details = engine.inspect_container(module.params['container'])
    name = container_name(details)
    inodes = read_inodes(module, engine.running_pid(details), 'container %s' % name)
    if module.params['peer']:
        peer_details = engine.inspect_container(module.params['peer'])
        peer_name = container_name(peer_details)
        peer_inodes = read_inodes(
            module, engine.running_pid(peer_details), 'container %s' % peer_name
        )
    else:
        peer_name = 'host'
        peer_inodes = read_inodes(module, HOST_PID, 'the host (the module process)')

    expected_relations = dict(
        (namespace, 'shared') for namespace in module.params['shared']
    )
    expected_relations.update(
        (namespace, 'separate') for namespace in module.params['separate']
    )
    checks = CheckList()
    compare_inodes(checks, expected_relations, name, peer_name, inodes, peer_inodes)

    host_config = details.get('HostConfig') or {}
    engine_modes = dict(
        (namespace, host_config.get(field) or '')
        for namespace, field in ENGINE_MODE_FIELDS
    )
    checks.finish(
        module,
        'Container %s' % name,
        peer=peer_name,
        namespaces={'container': inodes, 'peer': peer_inodes},
        engine_modes=engine_modes,
    )


if __name__ == '__main__':
    main()
