#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) dockerlab.training contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: image_layers
short_description: Assert an image's layers and their sizes from its history
version_added: 0.1.0
description:
  - Reads an image's history (C(docker history)) and size from the Engine API and checks
    the size of the
    image layers whose build step matches a pattern.
  - This shows the storage lesson that a file added in one layer and removed in the next
    still costs its
    size, because the removal only adds a whiteout in a new, empty layer.
author:
  - dockerlab.training developers (@dockerlab)
extends_documentation_fragment:
  - dockerlab.training.engine
options:
  image:
    description:
      - Name, C(name:tag) or ID of an image on the engine.
    type: str
    required: true
  layers:
    description:
      - Expectations on the layers whose build step (C(CreatedBy)) matches
        O(layers[].created_by).
    type: list
    elements: dict
    default: []
    suboptions:
      created_by:
        description:
          - Python regular expression searched in the build step of each history entry,
            for example
            V(dd if=/dev/zero) or V(rm .*/big).
          - The newest matching entry is checked; no match fails.
        type: str
        required: true
      min_size:
        description: Minimum size of the layer, in bytes or with a unit V(k), V(m),
          V(g), V(t) (powers of 1024).
        type: str
      max_size:
        description: Maximum size of the layer, in bytes or with a unit V(k), V(m),
          V(g), V(t) (powers of 1024).
        type: str
  min_size:
    description:
      - Minimum size of the whole image, in bytes or with a unit V(k), V(m), V(g), V(t)
        (powers of 1024).
    type: str
  max_size:
    description:
      - Maximum size of the whole image, in bytes or with a unit V(k), V(m), V(g), V(t)
        (powers of 1024).
    type: str
notes:
  - Layer sizes are those the engine stores for each layer's changes (C(docker
    history)), not the space used
    on disk after compression or sharing with other images.
  - History entries of steps that change no files (C(ENV), C(CMD)) have size 0 and show
    C(<missing>) as ID
    when the image came from a registry.
seealso:
  - module: community.docker.docker_image_info
'''

EXAMPLES = r'''
- name: Assert that removing the 100 MB file in a later layer did not make the image smaller
  dockerlab.training.image_layers:
    image: layers-demo:latest
    layers:
      - created_by: dd if=/dev/zero of=/big
        min_size: 100m
      - created_by: rm -f /big
        max_size: 1k
    min_size: 100m
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
    - {name: layer /dd if=/dev/zero/ min_size, expected: 104857600, actual: 104857600, ok: true}
image:
  description: ID, tags and total size of the image in bytes.
  returned: always
  type: dict
  sample: {id: 'sha256:3f2a...', tags: ['layers-demo:latest'], size: 221782016}
history:
  description: The history entries, newest first, as C(docker history) lists them.
  returned: always
  type: list
  elements: dict
  sample:
    - {index: 0, id: 'sha256:9d19...', created_by: '/bin/sh -c rm -f /big', size: 0, comment: ''}
    - {index: 1, id: '<missing>', created_by: '/bin/sh -c dd if=/dev/zero of=/big bs=1M count=100',
       size: 104857600, comment: ''}
'''

import re

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.dockerlab.training.plugins.module_utils.checks import CheckList
from ansible_collections.dockerlab.training.plugins.module_utils.sizes import (
    SIZE_HELP,
    parse_size,
)
from ansible_collections.dockerlab.training.plugins.module_utils.docker_api import (
    DOCKER_ARGUMENT_SPEC,
    EngineClient,
)


def validate(module):
    """Fail on a size or pattern that cannot be used; return the layer patterns compiled."""
    params = module.params
    sizes = [('min_size', params['min_size']), ('max_size', params['max_size'])]
    for index, layer in enumerate(params['layers']):
        sizes += [
            ('layers[%d].min_size' % index, layer['min_size']),
            ('layers[%d].max_size' % index, layer['max_size']),
        ]
    for option, value in sizes:
        if value is not None and parse_size(value) is None:
            module.fail_json(
                msg='Invalid value %r for option %s; %s.' % (value, option, SIZE_HELP)
            )
    patterns = []
    for index, layer in enumerate(params['layers']):
        try:
            patterns.append(re.compile(layer['created_by']))
        except re.error as exc:
            module.fail_json(
                msg='Invalid value %r for option layers[%d].created_by; it is not a valid regular '
                'expression: %s.' % (layer['created_by'], index, exc)
            )
    return patterns


def check_size(checks, label, value, minimum, maximum):
    if minimum is not None:
        checks.add(
            '%s min_size' % label,
            parse_size(minimum),
            value,
            value >= parse_size(minimum),
        )
    if maximum is not None:
        checks.add(
            '%s max_size' % label,
            parse_size(maximum),
            value,
            value <= parse_size(maximum),
        )


def check_layers(checks, layers, patterns, history):
    for layer, pattern in zip(layers, patterns):
        label = 'layer /%s/' % layer['created_by']
        match = None
        for entry in history:
            if pattern.search(entry['created_by']):
                match = entry
                break
        if not checks.add(
            '%s exists' % label,
            True,
            match is not None,
            match is not None,
            'no history entry was created by a step matching %s' % layer['created_by'],
        ):
            continue
        check_size(checks, label, match['size'], layer['min_size'], layer['max_size'])


def main():
    argument_spec = dict(
        image=dict(type='str', required=True),
        layers=dict(
            type='list',
            elements='dict',
            default=[],
            options=dict(
                created_by=dict(type='str', required=True),
                min_size=dict(type='str'),
                max_size=dict(type='str'),
            ),
        ),
        min_size=dict(type='str'),
        max_size=dict(type='str'),
    )
    argument_spec.update(DOCKER_ARGUMENT_SPEC)
    module = AnsibleModule(argument_spec=argument_spec, supports_check_mode=True)
    patterns = validate(module)

    engine = EngineClient(module)
    details = engine.inspect_image(module.params['image'])
    history = [
        {
            'index': index,
            'id': entry.get('Id'),
            'created_by': entry.get('CreatedBy') or '',
            'size': entry.get('Size') or 0,
            'comment': entry.get('Comment') or '',
        }
        for index, entry in enumerate(engine.image_history(details['Id']))
    ]
    image = {
        'id': details['Id'],
        'tags': details.get('RepoTags') or [],
        'size': details.get('Size') or 0,
    }

    checks = CheckList()
    check_layers(checks, module.params['layers'], patterns, history)
    check_size(
        checks,
        'image',
        image['size'],
        module.params['min_size'],
        module.params['max_size'],
    )
    checks.finish(
        module, 'Image %s' % module.params['image'], image=image, history=history
    )


if __name__ == '__main__':
    main()
