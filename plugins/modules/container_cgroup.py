#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) dockerlab.training contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: container_cgroup
short_description: Assert a container's CPU shares, memory and pids limits from its cgroup files
version_added: 0.1.0
description:
  - Finds the cgroup of a container's main process from C(/proc/<pid>/cgroup) and the
    mount table, for
    cgroup v1 and v2 and for the C(cgroupfs) and C(systemd) cgroup drivers, and reads the limits the
    kernel enforces from the control files there.
  - "CPU shares: C(cpu.shares) on cgroup v1; C(cpu.weight) on cgroup v2, where the runtime converts the
    requested shares. Both the linear conversion of runc < 1.3.2 and the quadratic one of runc >= 1.3.2
    are accepted, and the result names the one that matched."
  - "Memory limit: C(memory.limit_in_bytes) (v1) or C(memory.max) (v2). Pids limit: C(pids.max)."
  - Also checks the cgroup version and the engine's cgroup driver.
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
  cgroup_version:
    description:
      - Expected cgroup version of the host, as the mount table shows it (v1 includes
        hybrid hosts).
    type: int
    choices: [1, 2]
  cgroup_driver:
    description:
      - Expected cgroup driver of the engine.
    type: str
    choices: [cgroupfs, systemd]
  cpu_shares:
    description:
      - Expected CPU shares, as given to C(docker run --cpu-shares) or C(docker update
        --cpu-shares).
      - The kernel default is 1024, which a container without C(--cpu-shares) gets.
    type: int
  memory_limit:
    description:
      - Expected memory limit, in bytes or with a unit suffix V(b), V(k), V(m), V(g),
        V(t) (powers of 1024, as
        C(docker run --memory) takes them).
      - V(0) means no limit.
    type: str
  pids_limit:
    description:
      - Expected maximum number of processes (C(--pids-limit)).
      - V(0) or V(-1) means no limit.
    type: int
notes:
  - Requires read access to the cgroup file system of the host the module runs on.
  - The CPU weight that C(--cpu-shares) gives on cgroup v2 depends on the runc version;
    the module accepts
    either conversion because trainee VMs run runc versions on both sides of the change.
seealso:
  - name: Control Group v2
    description: The kernel's cgroup v2 documentation, with C(cpu.weight), C(memory.max)
      and C(pids.max).
    link: https://docs.kernel.org/admin-guide/cgroup-v2.html
  - module: dockerlab.training.engine_config
'''

EXAMPLES = r'''
- name: Assert the CPU shares of the two burner containers of the cgroups lab
  dockerlab.training.container_cgroup:
    container: "{{ item.name }}"
    cpu_shares: "{{ item.shares }}"
  loop:
    - {name: burner-low, shares: 512}
    - {name: burner-high, shares: 2048}

- name: Assert memory and pids limits
  dockerlab.training.container_cgroup:
    container: web
    memory_limit: 256m
    pids_limit: 100
    cgroup_driver: systemd
'''

RETURN = r'''
checks:
  description: One entry per expectation, each with C(name), C(expected), C(actual) and
    C(ok); on cgroup v2
    the C(cpu_shares) entry has a C(note) naming the conversion that matched.
  returned: always
  type: list
  elements: dict
  sample:
    - name: cpu_shares
      expected: 512
      actual: {cpu.weight: 59}
      ok: true
      note: cpu.weight 59 matches the quadratic (runc >= 1.3.2, crun >= 1.23) conversion of 512 shares
cgroup:
  description: Where the cgroup is and what its control files contain.
  returned: always
  type: dict
  contains:
    version:
      description: The cgroup version, 1 or 2.
      type: int
    layout:
      description: V(unified) (v2 only), V(hybrid) or V(legacy) (v1 without a v2
        hierarchy).
      type: str
    engine_version:
      description: C(CgroupVersion) from the Engine API, when the engine reports it.
      type: str
    driver:
      description: C(CgroupDriver) from the Engine API.
      type: str
    driver_from_path:
      description: The driver that the cgroup path implies.
      type: str
    path:
      description: The cgroup path of the process (of the C(cpu) controller on v1).
      type: str
    directories:
      description: The directory that was read for each resource.
      type: dict
    cpu_shares:
      description: C(cpu.shares) (v1 only).
      type: int
    cpu_weight:
      description: C(cpu.weight) (v2 only).
      type: int
    memory_limit:
      description: The memory limit in bytes, V(null) for no limit.
      type: int
    pids_limit:
      description: The pids limit, V(null) for no limit.
      type: int
  sample:
    version: 1
    layout: hybrid
    engine_version: '1'
    driver: cgroupfs
    driver_from_path: cgroupfs
    path: /docker/6db4a64c4843029364a1c1d183e65e48f1528e3fc476fb5ea6587cd6d508fa0b
    directories: {cpu: /sys/fs/cgroup/cpu/docker/6db4a64c4843029364a1c1d183e65e48f1528e3fc476fb5ea6587cd6d508fa0b}
    cpu_shares: 512
    memory_limit: 67108864
    pids_limit: 50
requested:
  description: The limits the engine was asked for (C(HostConfig.CpuShares), C(Memory),
    C(PidsLimit)).
  returned: always
  type: dict
  sample: {cpu_shares: 512, memory_limit: 67108864, pids_limit: 50}
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.dockerlab.training.plugins.module_utils.cgroups import (
    CONTROL_FILES,
    CgroupError,
    cgroup_directory,
    detect_layout,
    driver_from_path,
    match_cpu_weight,
    parse_limit,
    parse_proc_cgroup,
    read_control_file,
)
from ansible_collections.dockerlab.training.plugins.module_utils.checks import CheckList
from ansible_collections.dockerlab.training.plugins.module_utils.sizes import (
    SIZE_HELP,
    parse_size,
)
from ansible_collections.dockerlab.training.plugins.module_utils.docker_api import (
    DOCKER_ARGUMENT_SPEC,
    EngineClient,
    container_name,
)
from ansible_collections.dockerlab.training.plugins.module_utils.procfs import (
    ProcError,
    parse_mountinfo,
    proc_path,
    read_text,
)

PROC_ROOT = '/proc'


def read_cgroup(pid, info):
    """Resolve the container's cgroup directories and read its limit files."""
    entries = parse_proc_cgroup(read_text(proc_path(PROC_ROOT, pid, 'cgroup')))
    mounts = parse_mountinfo(read_text(proc_path(PROC_ROOT, 'self', 'mountinfo')))
    version, layout = detect_layout(mounts)
    result = {
        'version': version,
        'layout': layout,
        'engine_version': info.get('CgroupVersion'),
        'driver': info.get('CgroupDriver'),
        'directories': {},
    }
    for resource in ('cpu', 'memory', 'pids'):
        controller, file_name = CONTROL_FILES[version][resource]
        directory = cgroup_directory(entries, mounts, version, controller)
        result['directories'][resource] = directory
        text = read_control_file(directory, file_name)
        if resource == 'cpu':
            result['cpu_shares' if version == 1 else 'cpu_weight'] = int(text.strip())
        else:
            result['%s_limit' % resource] = parse_limit(text)
    path_entry = [
        entry
        for entry in entries
        if (version == 2 and entry['hierarchy_id'] == 0)
        or (version == 1 and 'cpu' in entry['controllers'])
    ]
    result['path'] = path_entry[0]['path'] if path_entry else None
    result['driver_from_path'] = driver_from_path(result['path'] or '')
    return result


def check_cpu_shares(checks, expected, cgroup):
    if cgroup['version'] == 1:
        shares = cgroup['cpu_shares']
        checks.add('cpu_shares', expected, {'cpu.shares': shares}, shares == expected)
        return
    weight = cgroup['cpu_weight']
    conversion = match_cpu_weight(expected, weight)
    if conversion:
        note = 'cpu.weight %d matches the %s conversion of %d shares' % (
            weight,
            conversion,
            expected,
        )
    else:
        note = 'cpu.weight %d matches neither conversion of %d shares' % (
            weight,
            expected,
        )
    checks.add(
        'cpu_shares',
        expected,
        {'cpu.weight': weight},
        conversion is not None,
        note=note,
    )


def run_checks(params, cgroup):
    checks = CheckList()
    if params['cgroup_version'] is not None:
        checks.equal('cgroup_version', params['cgroup_version'], cgroup['version'])
    if params['cgroup_driver'] is not None:
        checks.equal('cgroup_driver', params['cgroup_driver'], cgroup['driver'])
    if params['cpu_shares'] is not None:
        check_cpu_shares(checks, params['cpu_shares'], cgroup)
    if params['memory_limit'] is not None:
        expected = parse_size(params['memory_limit']) or None
        checks.equal('memory_limit', expected, cgroup['memory_limit'])
    if params['pids_limit'] is not None:
        expected = params['pids_limit'] if params['pids_limit'] > 0 else None
        checks.equal('pids_limit', expected, cgroup['pids_limit'])
    return checks


def validate(module):
    params = module.params
    if (
        params['memory_limit'] is not None
        and parse_size(params['memory_limit']) is None
    ):
        module.fail_json(
            msg='Invalid value %r for option memory_limit; %s.'
            % (params['memory_limit'], SIZE_HELP)
        )
    if params['cpu_shares'] is not None and not 2 <= params['cpu_shares'] <= 262144:
        module.fail_json(
            msg='Invalid value %d for option cpu_shares; the kernel accepts 2 to 262144.'
            % params['cpu_shares']
        )
    if params['pids_limit'] is not None and params['pids_limit'] < -1:
        module.fail_json(
            msg='Invalid value %d for option pids_limit; use a positive number, or 0 or -1 '
            'for no limit.' % params['pids_limit']
        )


def main():
    argument_spec = dict(
        container=dict(type='str', required=True),
        cgroup_version=dict(type='int', choices=[1, 2]),
        cgroup_driver=dict(type='str', choices=['cgroupfs', 'systemd']),
        cpu_shares=dict(type='int'),
        memory_limit=dict(type='str'),
        pids_limit=dict(type='int'),
    )
    argument_spec.update(DOCKER_ARGUMENT_SPEC)
    module = AnsibleModule(argument_spec=argument_spec, supports_check_mode=True)
    validate(module)

    engine = EngineClient(module)
    details = engine.inspect_container(module.params['container'])
    name = container_name(details)
    pid = engine.running_pid(details)
    try:
        cgroup = read_cgroup(pid, engine.info() or {})
    except (CgroupError, ProcError) as exc:
        module.fail_json(
            msg='Cannot read the cgroup of container %s (PID %s): %s.'
            % (name, pid, exc)
        )

    host_config = details.get('HostConfig') or {}
    requested = {
        'cpu_shares': host_config.get('CpuShares'),
        'memory_limit': host_config.get('Memory'),
        'pids_limit': host_config.get('PidsLimit'),
    }
    run_checks(module.params, cgroup).finish(
        module, 'Container %s' % name, cgroup=cgroup, requested=requested
    )


if __name__ == '__main__':
    main()
