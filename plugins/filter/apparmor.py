# -*- coding: utf-8 -*-
# Copyright (c) dockerlab.training contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Filter that parses the kernel's list of loaded AppArmor profiles.

Given the text of /sys/kernel/security/apparmor/profiles (read on the node,
for example with ansible.builtin.slurp), ``dockerlab.training.apparmor_profile_modes``
returns a dict from profile name to mode, such as
``{'docker-test': 'enforce', 'docker-default': 'enforce'}``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleFilterError

from ansible_collections.dockerlab.training.plugins.module_utils.procfs import (
    parse_apparmor_label,
)


def apparmor_profile_modes(text):
    """Map each profile in /sys/kernel/security/apparmor/profiles to its mode.

    Each line of that file is ``<name> (<mode>)``; blank lines are ignored.
    """
    if not isinstance(text, str):
        raise AnsibleFilterError(
            'apparmor_profile_modes: expected the text of the profile list, got %s'
            % type(text).__name__)
    modes = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        name, mode = parse_apparmor_label(line)
        if mode is None:
            raise AnsibleFilterError(
                'apparmor_profile_modes: line %r is not "<name> (<mode>)"' % line)
        modes[name] = mode
    return modes


class FilterModule(object):

    def filters(self):
        return {
            'apparmor_profile_modes': apparmor_profile_modes,
        }
