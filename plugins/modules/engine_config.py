#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) dockerlab.training contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: engine_config
short_description: Assert the Docker engine's log driver, storage driver, cgroups and security options
version_added: 0.1.0
description:
  - Reads the engine's settings from one Engine API call (C(GET /info)) and checks the
    log driver and its
    options, the storage driver, the cgroup version and driver, and the security options.
  - The cgroup version is checked both as the engine reports it and as the kernel's
    mount table shows it.
  - The syslog probe checks that what a container printed really reached the syslog
    file, not only that
    the container was configured for the C(syslog) log driver.
author:
  - dockerlab.training developers (@dockerlab)
extends_documentation_fragment:
  - dockerlab.training.engine
options:
  container:
    description:
      - Name or ID of a container whose own log configuration (C(HostConfig.LogConfig))
        O(log_driver) and
        O(log_options) are compared with, instead of the engine's defaults.
    type: str
  log_driver:
    description:
      - Expected default log driver of the engine (C(LoggingDriver)), or of
        O(container).
    type: str
  log_options:
    description:
      - Log options that must be set, with these values; other options may be set too.
      - Without O(container) they are compared with C(log-opts) in O(daemon_config),
        because the Engine API
        does not return the engine's default log options.
    type: dict
  daemon_config:
    description:
      - Path of the engine's configuration file, read for O(log_options) without
        O(container).
    type: path
    default: /etc/docker/daemon.json
  storage_driver:
    description:
      - Expected storage driver, for example V(overlay2).
    type: str
  cgroup_version:
    description:
      - Expected cgroup version; both the engine's C(CgroupVersion) and the kernel's
        mount table must show it.
    type: int
    choices: [1, 2]
  cgroup_driver:
    description:
      - Expected cgroup driver of the engine.
    type: str
    choices: [cgroupfs, systemd]
  security_options:
    description:
      - Security options of the engine (C(SecurityOptions)); V(true) means the option
        must be listed,
        V(false) that it must not be.
    type: dict
    suboptions:
      apparmor:
        description: AppArmor confinement of containers.
        type: bool
      seccomp:
        description: Seccomp filtering of containers.
        type: bool
      selinux:
        description: SELinux labelling of containers.
        type: bool
      userns:
        description: User namespace remapping (C(userns-remap)).
        type: bool
      rootless:
        description: The engine runs rootless.
        type: bool
      cgroupns:
        description: Containers get a private cgroup namespace by default.
        type: bool
  seccomp_profile:
    description:
      - Expected seccomp profile of the engine, V(default) (or V(builtin) on Docker 25
        and later) for the
        built-in one, or the path of a custom profile.
    type: str
  syslog_probe:
    description:
      - Check that a line a container printed reached the syslog file.
      - The container must use the C(syslog) log driver and must already have printed
        O(syslog_probe.text).
    type: dict
    suboptions:
      container:
        description: Name or ID of the container that printed the message.
        type: str
        required: true
      text:
        description: Text that a line of the syslog file must contain, such as a marker
          the container printed.
        type: str
        required: true
      path:
        description: The syslog file that the syslog daemon writes.
        type: path
        default: /var/log/syslog
      tag:
        description:
          - Syslog tag the line must carry, followed by C([pid]) or C(:).
          - If not set, the tag is derived from the container's C(tag) log option when
            it is a plain text or
            uses only C({{.Name}}), C({{.ID}}), C({{.FullID}}) and C({{.ImageName}}); the engine's default
            tag is the first 12 characters of the container ID.
        type: str
notes:
  - The syslog probe reads the whole file; a busy syslog file of several hundred MiB
    takes seconds.
  - The probe cannot see messages that the syslog daemon sent elsewhere (a remote
    server, another file).
seealso:
  - module: dockerlab.training.container_cgroup
'''

EXAMPLES = r'''
- name: Assert the engine that the docker_engine role configures
  dockerlab.training.engine_config:
    log_driver: syslog
    log_options:
      tag: docker/{{ '{{' }}.Name{{ '}}' }}
    storage_driver: overlay2
    security_options:
      seccomp: true
      rootless: false

- name: Assert that the logging lab's container reached syslog
  dockerlab.training.engine_config:
    syslog_probe:
      container: logger
      text: hello from the logging lab
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
    - {name: storage_driver, expected: overlay2, actual: overlay2, ok: true}
engine:
  description: The settings read from the engine.
  returned: always
  type: dict
  sample:
    server_version: 20.10.24+dfsg1
    log_driver: json-file
    storage_driver: overlay2
    cgroup_version: 1
    kernel_cgroup_version: 1
    cgroup_layout: hybrid
    cgroup_driver: cgroupfs
    security_options: {seccomp: {profile: default}}
log_config:
  description: The log driver and options that O(log_driver) and O(log_options) were
    compared with, and where
    they came from.
  returned: when O(log_driver) or O(log_options) is set
  type: dict
  sample: {source: engine, driver: syslog, options: {tag: '{{.Name}}'}}
syslog_probe:
  description: Result of the syslog probe.
  returned: when O(syslog_probe) is set
  type: dict
  sample: {container: logger, log_driver: syslog, tag: docker/logger, path: /var/log/syslog,
           line: 'Dec  3 21:55:01 vm1 docker/logger[812]: hello from the logging lab'}
'''

import json

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.dockerlab.training.plugins.module_utils.cgroups import (
    CgroupError,
    detect_layout,
)
from ansible_collections.dockerlab.training.plugins.module_utils.checks import CheckList
from ansible_collections.dockerlab.training.plugins.module_utils.docker_api import (
    DOCKER_ARGUMENT_SPEC,
    EngineClient,
    container_name,
)
from ansible_collections.dockerlab.training.plugins.module_utils.procfs import (
    ProcError,
    parse_mountinfo,
    read_text,
)

SECURITY_OPTION_NAMES = (
    'apparmor',
    'seccomp',
    'selinux',
    'userns',
    'rootless',
    'cgroupns',
)
TAG_FIELDS = ('{{.Name}}', '{{.ID}}', '{{.FullID}}', '{{.ImageName}}')


def parse_security_options(options):
    """Parse the engine's SecurityOptions (``name=seccomp,profile=default``) into a dict."""
    parsed = {}
    for option in options or []:
        if '=' not in option:
            # Older engines list bare names such as "seccomp".
            parsed[option] = {}
            continue
        fields = dict(part.partition('=')[::2] for part in option.split(','))
        name = fields.pop('name', None)
        if name:
            parsed[name] = fields
    return parsed


def render_log_tag(template, details):
    """Render the syslog tag the engine gives a container, or None for a template it cannot render."""
    identifier = details.get('Id', '')
    if not template:
        return identifier[:12]
    values = {
        '{{.Name}}': container_name(details),
        '{{.ID}}': identifier[:12],
        '{{.FullID}}': identifier,
        '{{.ImageName}}': (details.get('Config') or {}).get('Image', ''),
    }
    rendered = template
    for field in TAG_FIELDS:
        rendered = rendered.replace(field, values[field])
    return None if '{{' in rendered else rendered


def read_engine(info):
    try:
        mounts = parse_mountinfo(read_text('/proc/self/mountinfo'))
        kernel_version, layout = detect_layout(mounts)
    except (ProcError, CgroupError):
        kernel_version, layout = None, None
    engine_version = info.get('CgroupVersion')
    return {
        'server_version': info.get('ServerVersion'),
        'log_driver': info.get('LoggingDriver'),
        'storage_driver': info.get('Driver'),
        'cgroup_version': int(engine_version) if engine_version else None,
        'kernel_cgroup_version': kernel_version,
        'cgroup_layout': layout,
        'cgroup_driver': info.get('CgroupDriver'),
        'security_options': parse_security_options(info.get('SecurityOptions')),
    }


def read_daemon_log_options(module, path):
    try:
        text = read_text(path)
    except ProcError:
        return {}
    try:
        config = json.loads(text)
    except ValueError as exc:
        module.fail_json(
            msg='The engine configuration %s is not valid JSON: %s.' % (path, exc)
        )
    return config.get('log-opts') or {}


def check_log_config(module, engine, checks, engine_facts):
    params = module.params
    if params['container']:
        details = engine.inspect_container(params['container'])
        log_config = (details.get('HostConfig') or {}).get('LogConfig') or {}
        facts = {
            'source': 'container %s' % container_name(details),
            'driver': log_config.get('Type'),
            'options': log_config.get('Config') or {},
        }
    else:
        facts = {
            'source': 'engine',
            'driver': engine_facts['log_driver'],
            'options': read_daemon_log_options(module, params['daemon_config']),
            'options_source': params['daemon_config'],
        }
    if params['log_driver'] is not None:
        checks.equal('log_driver', params['log_driver'], facts['driver'])
    for key, value in sorted((params['log_options'] or {}).items()):
        checks.equal('log_options.%s' % key, str(value), facts['options'].get(key))
    return facts


def check_engine(params, checks, engine_facts):
    if params['storage_driver'] is not None:
        checks.equal(
            'storage_driver', params['storage_driver'], engine_facts['storage_driver']
        )
    if params['cgroup_version'] is not None:
        checks.equal(
            'cgroup_version (engine)',
            params['cgroup_version'],
            engine_facts['cgroup_version'],
        )
        checks.equal(
            'cgroup_version (kernel)',
            params['cgroup_version'],
            engine_facts['kernel_cgroup_version'],
        )
    if params['cgroup_driver'] is not None:
        checks.equal(
            'cgroup_driver', params['cgroup_driver'], engine_facts['cgroup_driver']
        )
    listed = engine_facts['security_options']
    for name in SECURITY_OPTION_NAMES:
        expected = (params['security_options'] or {}).get(name)
        if expected is not None:
            checks.equal('security_options.%s' % name, expected, name in listed)
    if params['seccomp_profile'] is not None:
        profile = (listed.get('seccomp') or {}).get('profile')
        checks.equal('seccomp_profile', params['seccomp_profile'], profile)


def find_syslog_line(path, text, tag):
    """Return the last line of the file that contains text (and tag), or None."""
    found = None
    with open(path, 'rb') as handle:
        for raw in handle:
            line = raw.decode('utf-8', 'replace').rstrip('\n')
            if text in line and (tag is None or tag + '[' in line or tag + ':' in line):
                found = line
    return found


def run_syslog_probe(module, engine, checks, probe):
    details = engine.inspect_container(probe['container'])
    name = container_name(details)
    log_config = (details.get('HostConfig') or {}).get('LogConfig') or {}
    tag = probe['tag'] or render_log_tag(
        (log_config.get('Config') or {}).get('tag'), details
    )
    result = {
        'container': name,
        'log_driver': log_config.get('Type'),
        'tag': tag,
        'path': probe['path'],
        'line': None,
    }
    checks.equal('syslog_probe log driver of %s' % name, 'syslog', result['log_driver'])
    try:
        result['line'] = find_syslog_line(probe['path'], probe['text'], tag)
    except (IOError, OSError) as exc:
        checks.add(
            'syslog_probe line in %s' % probe['path'],
            probe['text'],
            None,
            False,
            'cannot read %s: %s' % (probe['path'], exc.strerror),
        )
        return result
    with_tag = ' with tag %s' % tag if tag else ''
    detail = 'no line of %s contains %r%s' % (probe['path'], probe['text'], with_tag)
    checks.add(
        'syslog_probe line in %s' % probe['path'],
        probe['text'],
        result['line'],
        result['line'] is not None,
        detail,
    )
    return result


def main():
    argument_spec = dict(
        container=dict(type='str'),
        log_driver=dict(type='str'),
        log_options=dict(type='dict'),
        daemon_config=dict(type='path', default='/etc/docker/daemon.json'),
        storage_driver=dict(type='str'),
        cgroup_version=dict(type='int', choices=[1, 2]),
        cgroup_driver=dict(type='str', choices=['cgroupfs', 'systemd']),
        security_options=dict(
            type='dict',
            options=dict((name, dict(type='bool')) for name in SECURITY_OPTION_NAMES),
        ),
        seccomp_profile=dict(type='str'),
        syslog_probe=dict(
            type='dict',
            options=dict(
                container=dict(type='str', required=True),
                text=dict(type='str', required=True),
                path=dict(type='path', default='/var/log/syslog'),
                tag=dict(type='str'),
            ),
        ),
    )
    argument_spec.update(DOCKER_ARGUMENT_SPEC)
    module = AnsibleModule(argument_spec=argument_spec, supports_check_mode=True)
    params = module.params
    if (
        params['container']
        and params['log_driver'] is None
        and params['log_options'] is None
    ):
        module.fail_json(
            msg='Option container is set, but neither log_driver nor log_options, which it applies to.'
        )

    engine = EngineClient(module)
    engine_facts = read_engine(engine.info() or {})
    checks = CheckList()
    result = {'engine': engine_facts}
    if params['log_driver'] is not None or params['log_options'] is not None:
        result['log_config'] = check_log_config(module, engine, checks, engine_facts)
    check_engine(params, checks, engine_facts)
    if params['syslog_probe']:
        result['syslog_probe'] = run_syslog_probe(
            module, engine, checks, params['syslog_probe']
        )
    checks.finish(module, 'Docker engine', **result)


if __name__ == '__main__':
    main()
