# -*- coding: utf-8 -*-
# Copyright (c) dockerlab.training contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Linux capability table and the mask <-> name conversions of capsh(1).

The bit numbers are those of include/uapi/linux/capability.h (Linux 6.x,
CAP_LAST_CAP = 40). A bit above that is decoded as its number, the way
``capsh --decode`` of libcap 2.66 prints it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

CAPABILITY_NAMES = (
    'cap_chown',  # 0
    'cap_dac_override',
    'cap_dac_read_search',
    'cap_fowner',
    'cap_fsetid',
    'cap_kill',  # 5
    'cap_setgid',
    'cap_setuid',
    'cap_setpcap',
    'cap_linux_immutable',
    'cap_net_bind_service',  # 10
    'cap_net_broadcast',
    'cap_net_admin',
    'cap_net_raw',
    'cap_ipc_lock',
    'cap_ipc_owner',  # 15
    'cap_sys_module',
    'cap_sys_rawio',
    'cap_sys_chroot',
    'cap_sys_ptrace',
    'cap_sys_pacct',  # 20
    'cap_sys_admin',
    'cap_sys_boot',
    'cap_sys_nice',
    'cap_sys_resource',
    'cap_sys_time',  # 25
    'cap_sys_tty_config',
    'cap_mknod',
    'cap_lease',
    'cap_audit_write',
    'cap_audit_control',  # 30
    'cap_setfcap',
    'cap_mac_override',
    'cap_mac_admin',
    'cap_syslog',
    'cap_wake_alarm',  # 35
    'cap_block_suspend',
    'cap_audit_read',
    'cap_perfmon',
    'cap_bpf',
    'cap_checkpoint_restore',  # 40
)

CAPABILITY_BITS = dict((name, bit) for bit, name in enumerate(CAPABILITY_NAMES))

# The five sets of /proc/<pid>/status, keyed by the names the modules use.
CAPABILITY_SETS = (
    ('inheritable', 'CapInh'),
    ('permitted', 'CapPrm'),
    ('effective', 'CapEff'),
    ('bounding', 'CapBnd'),
    ('ambient', 'CapAmb'),
)


class CapabilityError(ValueError):
    """A capability name or mask that cannot be converted."""


def normalize_capability(name):
    """Return the capsh spelling (``cap_net_raw``) of a capability name.

    Accepts ``NET_RAW``, ``CAP_NET_RAW``, ``cap_net_raw`` and the bare bit
    number as a string (``"13"``). Raises CapabilityError for anything else.
    """
    text = str(name).strip().lower()
    if text.isdigit():
        bit = int(text)
        return CAPABILITY_NAMES[bit] if bit < len(CAPABILITY_NAMES) else text
    if not text.startswith('cap_'):
        text = 'cap_' + text
    if text not in CAPABILITY_BITS:
        raise CapabilityError(
            "unknown capability %r; use a name from capabilities(7) such as "
            "NET_RAW or CAP_NET_RAW" % (name,)
        )
    return text


def parse_mask(mask):
    """Return the integer value of a capability mask.

    Accepts an int, or a hex string with or without ``0x`` as in
    /proc/<pid>/status (``00000000a80425fb``).
    """
    if isinstance(mask, bool):
        raise CapabilityError(
            'a capability mask must be an integer or a hex string, got %r' % (mask,)
        )
    if isinstance(mask, int):
        value = mask
    else:
        text = str(mask).strip().lower()
        if text.startswith('0x'):
            text = text[2:]
        try:
            value = int(text, 16)
        except ValueError:
            raise CapabilityError(
                'invalid capability mask %r; expected a hex string such as 00000000a80425fb'
                % (mask,)
            )
    if value < 0:
        raise CapabilityError(
            'invalid capability mask %r; a mask cannot be negative' % (mask,)
        )
    return value


def decode_mask(mask):
    """Return the capability names set in a mask, lowest bit first, like capsh --decode."""
    value = parse_mask(mask)
    names = []
    bit = 0
    while value >> bit:
        if (value >> bit) & 1:
            names.append(
                CAPABILITY_NAMES[bit] if bit < len(CAPABILITY_NAMES) else str(bit)
            )
        bit += 1
    return names


def encode_names(names):
    """Return the integer mask of a list of capability names (any accepted spelling)."""
    value = 0
    for name in names:
        canonical = normalize_capability(name)
        bit = (
            CAPABILITY_BITS[canonical]
            if canonical in CAPABILITY_BITS
            else int(canonical)
        )
        value |= 1 << bit
    return value


def format_mask(value):
    """Return a mask as the 16-digit hex string of /proc/<pid>/status."""
    return '%016x' % value
