#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) dockerlab.training contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: container_security
short_description: Assert the security state of a container's process as the kernel applied it
version_added: 0.1.0
description:
  - Reads the main process of a running container from C(/proc/<pid>/status),
    C(/proc/<pid>/mountinfo) and
    C(/proc/<pid>/attr), and the container's settings from one Engine API call.
  - Reports the five capability sets decoded to names as C(capsh --decode) prints them,
    the seccomp mode
    and filter count, the AppArmor profile and mode, C(NoNewPrivs), the process user and group, whether
    the root file system is mounted read-only, and whether the container is privileged.
  - Checks each of these against the expectations given, and fails listing every
    expected-versus-actual
    difference. Without any expectation the module only reports.
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
  capabilities:
    description:
      - Expected capability sets of the container's main process.
      - Each set takes O(capabilities.effective.present),
        O(capabilities.effective.absent) and
        O(capabilities.effective.exact) lists of capability names, spelled V(NET_RAW), V(CAP_NET_RAW) or
        V(cap_net_raw).
      - V(exact) with an empty list asserts that the set is empty.
    type: dict
    suboptions:
      inheritable:
        description: The inheritable set (C(CapInh)).
        type: dict
        suboptions: &capset
          present:
            description: Capabilities that must be in the set.
            type: list
            elements: str
          absent:
            description: Capabilities that must not be in the set.
            type: list
            elements: str
          exact:
            description: The complete set; any capability missing or extra fails.
            type: list
            elements: str
      permitted:
        description: The permitted set (C(CapPrm)).
        type: dict
        suboptions: *capset
      effective:
        description: The effective set (C(CapEff)), which is what the kernel checks on
          each privileged operation.
        type: dict
        suboptions: *capset
      bounding:
        description: The bounding set (C(CapBnd)), the limit on what the process and its
          children can ever gain.
        type: dict
        suboptions: *capset
      ambient:
        description: The ambient set (C(CapAmb)), kept across C(execve) of a
          non-privileged program.
        type: dict
        suboptions: *capset
  seccomp:
    description:
      - Expected seccomp state of the process.
    type: dict
    suboptions:
      mode:
        description:
          - V(filter) for a seccomp profile (Docker's default), V(disabled) for
            C(seccomp=unconfined),
            V(strict) for seccomp strict mode.
        type: str
        choices: [disabled, strict, filter]
      filters:
        description:
          - Number of seccomp filters attached to the process (C(Seccomp_filters), Linux
            5.9 or later).
          - On older kernels this check is skipped with the reason.
        type: int
  apparmor:
    description:
      - Expected AppArmor confinement of the process.
    type: dict
    suboptions:
      profile:
        description: Name of the AppArmor profile, for example V(docker-default) or
          V(unconfined).
        type: str
      mode:
        description: Mode of the profile.
        type: str
        choices: [enforce, complain, kill, unconfined]
      required:
        description:
          - What happens when the kernel has no AppArmor.
          - V(true) fails with "AppArmor is not enabled in this kernel"; V(false)
            records the AppArmor
            checks as skipped with that reason.
        type: bool
        default: true
  no_new_privileges:
    description:
      - Expected value of the process's C(NoNewPrivs) flag (C(--security-opt
        no-new-privileges)).
    type: bool
  user:
    description:
      - Expected effective user of the process, as a name from the container's own
        C(/etc/passwd) or a
        numeric UID.
    type: str
  group:
    description:
      - Expected effective group of the process, as a name from the container's own
        C(/etc/group) or a
        numeric GID.
    type: str
  read_only_rootfs:
    description:
      - Whether the root file system must be mounted read-only, as
        C(/proc/<pid>/mountinfo) shows it.
    type: bool
  privileged:
    description:
      - Expected value of the container's privileged flag.
    type: bool
notes:
  - O(privileged) is read from the Engine API (C(HostConfig.Privileged)); the kernel has
    no single flag for
    it, so compare O(capabilities) and O(seccomp) as well to see what the flag did.
  - The capability sets, seccomp state and user are those of the container's main
    process (PID 1 in its
    PID namespace); processes started later with C(docker exec) may differ.
  - User and group names are looked up in the container's C(/etc/passwd) and
    C(/etc/group) through
    C(/proc/<pid>/root); IDs in a user namespace are translated through C(/proc/<pid>/uid_map) first.
seealso:
  - name: capabilities(7)
    description: The Linux capability sets.
    link: https://man7.org/linux/man-pages/man7/capabilities.7.html
  - module: dockerlab.training.container_namespaces
'''

EXAMPLES = r'''
- name: Assert that only NET_RAW is left after --cap-drop ALL --cap-add NET_RAW
  dockerlab.training.container_security:
    container: tcpdump
    capabilities:
      effective:
        exact: [NET_RAW]
      bounding:
        exact: [NET_RAW]

- name: Assert the hardened tcpdump container of the security lab
  dockerlab.training.container_security:
    container: tcpdump
    user: tcpdump
    read_only_rootfs: true
    no_new_privileges: true
    seccomp:
      mode: filter
    apparmor:
      profile: docker-tcpdump
      mode: enforce
      required: false

- name: Read the security state without asserting anything
  dockerlab.training.container_security:
    container: web
  register: web_security
'''

RETURN = r'''
checks:
  description: One entry per expectation, in the order the module ran them.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: What was checked, for example C(capabilities.effective exact).
      type: str
    expected:
      description: The expected value.
      type: raw
    actual:
      description: The value found; for a capability set, all names in the set.
      type: raw
    detail:
      description: Present on some checks; names the offending values, for example
        C(missing cap_net_raw).
      type: str
    ok:
      description: V(true) when it matched, V(false) when not, V(null) when skipped.
      type: bool
    skipped:
      description: Present and V(true) when the check could not run.
      type: bool
    reason:
      description: Why a skipped check could not run.
      type: str
  sample:
    - name: capabilities.effective exact
      expected: [cap_net_raw]
      actual: []
      detail: missing cap_net_raw
      ok: false
pid:
  description: Host PID of the container's main process.
  returned: always
  type: int
  sample: 9686
capabilities:
  description: Each capability set with its hex mask from C(/proc/<pid>/status) and the
    decoded names.
  returned: always
  type: dict
  sample:
    effective: {mask: '0000000000002000', names: [cap_net_raw]}
    bounding: {mask: '0000000000002000', names: [cap_net_raw]}
seccomp:
  description: Seccomp mode (V(disabled), V(strict), V(filter)), filter count and the
    engine's setting.
  returned: always
  type: dict
  sample: {mode: filter, mode_number: 2, filters: 1, security_opt: []}
apparmor:
  description: Whether the kernel has AppArmor, and the process's profile and mode.
  returned: always
  type: dict
  sample: {enabled: false, profile: null, mode: null, engine_profile: '',
           reason: AppArmor is not enabled in this kernel}
no_new_privileges:
  description: The process's C(NoNewPrivs) flag.
  returned: always
  type: bool
user:
  description: Effective user and group of the process, IDs inside the container and
    names from its files.
  returned: always
  type: dict
  sample: {uid: 65534, user: nobody, gid: 65534, group: nogroup, engine_user: '65534:65534'}
read_only_rootfs:
  description: Whether the root mount is read-only in the kernel, and what the engine
    was asked for.
  returned: always
  type: dict
  sample: {kernel: true, engine: true}
privileged:
  description: The container's privileged flag from the Engine API.
  returned: always
  type: bool
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.dockerlab.training.plugins.module_utils.capabilities import (
    CAPABILITY_SETS,
    CapabilityError,
    decode_mask,
    normalize_capability,
)
from ansible_collections.dockerlab.training.plugins.module_utils.checks import (
    CheckList,
    compare_names,
)
from ansible_collections.dockerlab.training.plugins.module_utils.docker_api import (
    DOCKER_ARGUMENT_SPEC,
    EngineClient,
    container_name,
)
from ansible_collections.dockerlab.training.plugins.module_utils.procfs import (
    ProcError,
    apparmor_enabled,
    find_mount,
    id_inside_namespace,
    parse_apparmor_label,
    parse_id_map,
    parse_mountinfo,
    parse_passwd,
    parse_status,
    proc_path,
    read_apparmor_label,
    read_text,
    seccomp_state,
    status_ids,
)

PROC_ROOT = '/proc'
APPARMOR_DISABLED = 'AppArmor is not enabled in this kernel'

CAPABILITY_SET_SPEC = dict(
    type='dict',
    options=dict(
        present=dict(type='list', elements='str'),
        absent=dict(type='list', elements='str'),
        exact=dict(type='list', elements='str'),
    ),
)


def normalize_capability_options(module):
    """Rewrite every capability name of the options to capsh spelling, failing on unknown names."""
    requested = module.params['capabilities'] or {}
    for set_name, dummy in CAPABILITY_SETS:
        expectations = requested.get(set_name) or {}
        for kind in ('present', 'absent', 'exact'):
            names = expectations.get(kind)
            if names is None:
                continue
            try:
                expectations[kind] = [normalize_capability(name) for name in names]
            except CapabilityError as exc:
                module.fail_json(
                    msg='Invalid value in option capabilities.%s.%s: %s.'
                    % (set_name, kind, exc)
                )


def read_capabilities(status):
    sets = {}
    for set_name, field in CAPABILITY_SETS:
        mask = status.get(field)
        if mask is None:
            raise ProcError('/proc/<pid>/status has no %s: line' % field)
        sets[set_name] = {'mask': mask, 'names': decode_mask(mask)}
    return sets


def read_apparmor(pid, details):
    engine_profile = details.get('AppArmorProfile')
    if not apparmor_enabled():
        return {
            'enabled': False,
            'profile': None,
            'mode': None,
            'engine_profile': engine_profile,
            'reason': APPARMOR_DISABLED,
        }
    profile, mode = parse_apparmor_label(read_apparmor_label(PROC_ROOT, pid))
    return {
        'enabled': True,
        'profile': profile,
        'mode': mode,
        'engine_profile': engine_profile,
    }


def read_user(pid, status, details):
    """Return the effective user and group inside the container, with names from its own files."""
    user = {'engine_user': (details.get('Config') or {}).get('User') or ''}
    for kind, field, map_file, names_file in (
        ('uid', 'Uid', 'uid_map', 'etc/passwd'),
        ('gid', 'Gid', 'gid_map', 'etc/group'),
    ):
        host_id = status_ids(status, field)['effective']
        inside = id_inside_namespace(
            parse_id_map(read_text(proc_path(PROC_ROOT, pid, map_file))), host_id
        )
        user[kind] = inside
        try:
            names = parse_passwd(
                read_text(proc_path(PROC_ROOT, pid, 'root', names_file))
            )
        except ProcError:
            names = {}
        user['user' if kind == 'uid' else 'group'] = names.get(inside)
    return user


def read_process_view(pid, details):
    """Read everything the checks need from /proc/<pid> and the inspect document."""
    status = parse_status(read_text(proc_path(PROC_ROOT, pid, 'status')))
    root_mount = find_mount(
        parse_mountinfo(read_text(proc_path(PROC_ROOT, pid, 'mountinfo'))), '/'
    )
    host_config = details.get('HostConfig') or {}
    seccomp = seccomp_state(status)
    seccomp['security_opt'] = [
        opt for opt in host_config.get('SecurityOpt') or [] if opt.startswith('seccomp')
    ]
    return {
        'pid': pid,
        'capabilities': read_capabilities(status),
        'seccomp': seccomp,
        'apparmor': read_apparmor(pid, details),
        'no_new_privileges': status.get('NoNewPrivs') == '1',
        'user': read_user(pid, status, details),
        'read_only_rootfs': {
            'kernel': root_mount is not None and 'ro' in root_mount['options'],
            'engine': bool(host_config.get('ReadonlyRootfs')),
        },
        'privileged': bool(host_config.get('Privileged')),
    }


def check_capabilities(checks, requested, view):
    for set_name, field in CAPABILITY_SETS:
        expectations = (requested or {}).get(set_name)
        if expectations:
            compare_names(
                checks,
                'capabilities.%s (%s)' % (set_name, field),
                view['capabilities'][set_name]['names'],
                expectations.get('present'),
                expectations.get('absent'),
                expectations.get('exact'),
            )


def check_seccomp(checks, requested, view):
    if not requested:
        return
    seccomp = view['seccomp']
    if requested.get('mode') is not None:
        checks.equal('seccomp.mode', requested['mode'], seccomp['mode'])
    if requested.get('filters') is not None:
        if seccomp['filters'] is None:
            checks.skip(
                'seccomp.filters',
                requested['filters'],
                'this kernel has no Seccomp_filters field in /proc/<pid>/status (added in Linux 5.9)',
            )
        else:
            checks.equal('seccomp.filters', requested['filters'], seccomp['filters'])


def check_apparmor(module, checks, requested, view, name):
    if not requested or (
        requested.get('profile') is None and requested.get('mode') is None
    ):
        return
    apparmor = view['apparmor']
    if not apparmor['enabled']:
        if requested['required']:
            module.fail_json(
                msg='%s, so the AppArmor profile of container %s cannot be checked; set '
                'apparmor.required to false to skip this check.'
                % (APPARMOR_DISABLED, name),
                checks=checks.checks,
                **view,
            )
        for key in ('profile', 'mode'):
            if requested.get(key) is not None:
                checks.skip('apparmor.%s' % key, requested[key], APPARMOR_DISABLED)
        return
    for key in ('profile', 'mode'):
        if requested.get(key) is not None:
            checks.equal('apparmor.%s' % key, requested[key], apparmor[key])


def check_identity(checks, label, expected, number, name):
    """Check a user or group given as a name or a numeric ID."""
    if expected is None:
        return
    actual = {'id': number, 'name': name}
    checks.add(
        label,
        expected,
        actual,
        expected == name or (expected.isdigit() and int(expected) == number),
    )


def run_checks(module, view, name):
    params = module.params
    checks = CheckList()
    check_capabilities(checks, params['capabilities'], view)
    check_seccomp(checks, params['seccomp'], view)
    check_apparmor(module, checks, params['apparmor'], view, name)
    if params['no_new_privileges'] is not None:
        checks.equal(
            'no_new_privileges', params['no_new_privileges'], view['no_new_privileges']
        )
    check_identity(
        checks, 'user', params['user'], view['user']['uid'], view['user']['user']
    )
    check_identity(
        checks, 'group', params['group'], view['user']['gid'], view['user']['group']
    )
    if params['read_only_rootfs'] is not None:
        checks.equal(
            'read_only_rootfs',
            params['read_only_rootfs'],
            view['read_only_rootfs']['kernel'],
        )
    if params['privileged'] is not None:
        checks.equal('privileged', params['privileged'], view['privileged'])
    return checks


def main():
    argument_spec = dict(
        container=dict(type='str', required=True),
        capabilities=dict(
            type='dict',
            options=dict(
                (set_name, CAPABILITY_SET_SPEC) for set_name, dummy in CAPABILITY_SETS
            ),
        ),
        seccomp=dict(
            type='dict',
            options=dict(
                mode=dict(type='str', choices=['disabled', 'strict', 'filter']),
                filters=dict(type='int'),
            ),
        ),
        apparmor=dict(
            type='dict',
            options=dict(
                profile=dict(type='str'),
                mode=dict(
                    type='str', choices=['enforce', 'complain', 'kill', 'unconfined']
                ),
                required=dict(type='bool', default=True),
            ),
        ),
        no_new_privileges=dict(type='bool'),
        user=dict(type='str'),
        group=dict(type='str'),
        read_only_rootfs=dict(type='bool'),
        privileged=dict(type='bool'),
    )
    argument_spec.update(DOCKER_ARGUMENT_SPEC)
    module = AnsibleModule(argument_spec=argument_spec, supports_check_mode=True)
    normalize_capability_options(module)

    engine = EngineClient(module)
    details = engine.inspect_container(module.params['container'])
    name = container_name(details)
    pid = engine.running_pid(details)
    try:
        view = read_process_view(pid, details)
    except ProcError as exc:
        module.fail_json(
            msg='Cannot read the process of container %s (PID %s): %s.'
            % (name, pid, exc)
        )

    run_checks(module, view, name).finish(module, 'Container %s' % name, **view)


if __name__ == '__main__':
    main()
