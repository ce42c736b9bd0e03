#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) dockerlab.training contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: engine_node_info
short_description: Read a node's engine packages, dockerd, Compose and capability bounding set
version_added: 0.1.0
description:
  - Reads in one module run which of the given Debian packages are installed, the version
    of the installed dockerd and whether it can validate a configuration file, and which
    Compose runs. The P(dockerlab.training.docker_engine#role) role decides from these.
  - Compares this node's capability bounding set with the capabilities the kernel
    supports (C(/proc/sys/kernel/cap_last_cap)).
  - Runs C(dpkg-query), C(dockerd --version), C(dockerd --help), C(docker compose version)
    and C(docker-compose version). The Compose commands run side by side with the others,
    because the Python Compose v1 tool took 0.45 to 0.66 s as a task of its own on a
    2-core VM.
  - Changes nothing, so it runs in check mode too.
author:
  - dockerlab.training developers (@dockerlab)
options:
  packages:
    description:
      - Debian package names to look up with C(dpkg-query).
      - A version pin such as C(docker.io=20.10.24+dfsg1-1+deb12u1) is looked up by its name.
    type: list
    elements: str
    default: []
attributes:
  check_mode:
    support: full
  diff_mode:
    support: none
notes:
  - The capability bounding set is that of the module's own process, which it inherits
    from the connection. For a container, that is the container's bounding set.
seealso:
  - module: dockerlab.training.engine_config
'''

EXAMPLES = r'''
- name: Read the engine packages, tools and capabilities of this node
  dockerlab.training.engine_node_info:
    packages: [docker.io, docker-compose, rsyslog]
  register: node

- name: Show the engine version, or that none is installed
  ansible.builtin.debug:
    msg: "{{ node.dockerd.version if node.dockerd.installed else 'no dockerd' }}"
'''

RETURN = r'''
packages:
  description: Each package of O(packages) that dpkg lists as installed, with its version.
  returned: always
  type: dict
  sample: {docker.io: 20.10.24+dfsg1-1+deb12u1, rsyslog: 8.2302.0-1+deb12u1}
dockerd:
  description: The installed Docker daemon.
  returned: always
  type: dict
  contains:
    installed:
      description: Whether C(dockerd) is on the PATH.
      type: bool
      sample: true
    version:
      description: Version that C(dockerd --version) prints, or empty without dockerd.
      type: str
      sample: 20.10.24
    validate:
      description: Whether C(dockerd --help) lists C(--validate), which Docker 23.0 added.
      type: bool
      sample: false
compose:
  description: The Compose tool that runs, the v2 plugin before the v1 tool.
  returned: always
  type: dict
  contains:
    command:
      description: V(docker compose), V(docker-compose), or empty when neither runs.
      type: str
      sample: docker-compose
    version:
      description: Version the tool prints with C(version --short), or empty when none runs.
      type: str
      sample: 1.29.2
capabilities:
  description: The capability bounding set, compared with the capabilities the kernel supports.
  returned: always
  type: dict
  contains:
    bounding:
      description: The bounding set (C(CapBnd) of C(/proc/self/status)) as 16 hex digits.
      type: str
      sample: 000001fffeffffff
    last_cap:
      description: Highest capability number the kernel supports (C(/proc/sys/kernel/cap_last_cap)).
      type: int
      sample: 40
    complete:
      description:
        - Whether the bounding set contains every capability up to
          RV(capabilities.last_cap).
      type: bool
      sample: false
    missing:
      description: Names of the capabilities the kernel supports that the bounding set lacks.
      type: list
      elements: str
      sample: [cap_sys_resource]
'''

import os
import re
import subprocess

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.dockerlab.training.plugins.module_utils.capabilities import (
    decode_mask,
    format_mask,
    parse_mask,
)
from ansible_collections.dockerlab.training.plugins.module_utils.procfs import (
    ProcError,
    parse_status,
    read_text,
)

DPKG_FORMAT = '${db:Status-Status} ${Package} ${Version}\n'
PACKAGE_NAME = re.compile(r'^[a-z0-9][a-z0-9+.-]+(:[a-z0-9-]+)?$')
VERSION = re.compile(r'version v?([0-9]+\.[0-9]+(?:\.[0-9]+)?)')


def parse_dpkg(text):
    """Parse dpkg-query output into {package: version} of the installed packages."""
    installed = {}
    for line in text.splitlines():
        fields = line.split()
        if len(fields) == 3 and fields[0] == 'installed':
            installed[fields[1]] = fields[2]
    return installed


def parse_dockerd_version(text):
    """Return the version in the output of `dockerd --version`, or an empty string."""
    match = VERSION.search(text)
    return match.group(1) if match else ''


def choose_compose(v2, v1):
    """Return (command, version) from the (rc, output) of the v2 and v1 version commands."""
    for command, (rc, output) in (('docker compose', v2), ('docker-compose', v1)):
        if rc == 0 and output.strip():
            return command, output.strip().lstrip('v')
    return '', ''


def bounding_set(status_text, last_cap_text):
    """Return the bounding set, the kernel's last capability and what the set lacks."""
    mask = parse_mask(parse_status(status_text)['CapBnd'])
    last_cap = int(last_cap_text.strip())
    known = (1 << (last_cap + 1)) - 1
    return {
        'bounding': format_mask(mask),
        'last_cap': last_cap,
        'complete': mask & known == known,
        'missing': decode_mask(known & ~mask),
    }


def start(argv):
    """Start ARGV with its standard output captured, or return None when it cannot run."""
    try:
        return subprocess.Popen(
            argv,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=dict(os.environ, LC_ALL='C'),
        )
    except OSError:
        return None


def finish(process):
    """Wait for PROCESS and return (rc, output), or (127, '') when start() failed."""
    if process is None:
        return 127, ''
    output = process.communicate()[0]
    return process.returncode, output.decode('utf-8', 'replace')


def main():
    module = AnsibleModule(
        argument_spec=dict(packages=dict(type='list', elements='str', default=[])),
        supports_check_mode=True,
    )
    names = [name.split('=', 1)[0] for name in module.params['packages']]
    invalid = [name for name in names if not PACKAGE_NAME.match(name)]
    if invalid:
        module.fail_json(
            msg='packages has invalid Debian package names: %s. Use lower case letters, '
            'digits, +, - and ., with an optional :architecture or =version.'
            % ', '.join(repr(name) for name in invalid)
        )

    docker = module.get_bin_path('docker')
    compose_v1 = module.get_bin_path('docker-compose')
    dockerd = module.get_bin_path('dockerd')
    # The Compose commands start first and run while the rest is read.
    v2 = start([docker, 'compose', 'version', '--short']) if docker else None
    v1 = start([compose_v1, 'version', '--short']) if compose_v1 else None

    packages = {}
    if names:
        argv = ['dpkg-query', '--show', '--showformat=' + DPKG_FORMAT] + names
        rc, out, err = module.run_command(argv)
        # dpkg-query exits 1 when a package is unknown, and lists the others.
        if rc not in (0, 1):
            module.fail_json(msg='dpkg-query failed (exit %d): %s' % (rc, err.strip()))
        packages = parse_dpkg(out)

    engine = {'installed': bool(dockerd), 'version': '', 'validate': False}
    if dockerd:
        rc, out, err = module.run_command([dockerd, '--version'])
        engine['version'] = parse_dockerd_version(out) if rc == 0 else ''
        rc, out, err = module.run_command([dockerd, '--help'])
        engine['validate'] = rc == 0 and '--validate' in out

    try:
        capabilities = bounding_set(
            read_text('/proc/self/status'), read_text('/proc/sys/kernel/cap_last_cap')
        )
    except (ProcError, KeyError, ValueError) as error:
        module.fail_json(msg='failed to read the capability bounding set: %s' % error)

    command, version = choose_compose(finish(v2), finish(v1))
    module.exit_json(
        changed=False,
        packages=packages,
        dockerd=engine,
        compose={'command': command, 'version': version},
        capabilities=capabilities,
    )


if __name__ == '__main__':
    main()
