# -*- coding: utf-8 -*-
# Copyright (c) dockerlab.training contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Filters that convert Linux capability masks to names and back.

``'00000000a80425fb' | dockerlab.training.capability_names`` returns the
names that ``capsh --decode`` prints (``cap_chown``, ...), and
``['NET_RAW'] | dockerlab.training.capability_mask`` returns the 16-digit
hex mask of /proc/<pid>/status (``0000000000002000``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleFilterError

from ansible_collections.dockerlab.training.plugins.module_utils.capabilities import (
    CapabilityError,
    decode_mask,
    encode_names,
    format_mask,
)


def capability_names(mask):
    """Decode a capability mask (hex string or int) into capsh-style names, lowest bit first."""
    try:
        return decode_mask(mask)
    except CapabilityError as exc:
        raise AnsibleFilterError('capability_names: %s' % exc)


def capability_mask(names):
    """Encode capability names (NET_RAW, CAP_NET_RAW or cap_net_raw) into a 16-digit hex mask."""
    if isinstance(names, str):
        names = [name for name in names.replace(',', ' ').split() if name]
    try:
        return format_mask(encode_names(names))
    except (CapabilityError, TypeError) as exc:
        raise AnsibleFilterError('capability_mask: %s' % exc)


class FilterModule(object):

    def filters(self):
        return {
            'capability_names': capability_names,
            'capability_mask': capability_mask,
        }
