# -*- coding: utf-8 -*-
# Copyright (c) dockerlab.training contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Byte sizes written the way the Docker CLI takes them (``--memory 256m``)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

SIZE_UNITS = {'': 1, 'b': 1, 'k': 1024, 'm': 1024**2, 'g': 1024**3, 't': 1024**4}

SIZE_HELP = (
    'use bytes or a number with a unit b, k, m, g or t (powers of 1024), such as 256m'
)


def parse_size(value):
    """Parse ``1048576``, ``256m`` or ``1GB`` into bytes; return None for anything else."""
    match = re.match(r'^\s*(\d+)\s*([bkmgt]?)b?\s*$', str(value).lower())
    if not match:
        return None
    return int(match.group(1)) * SIZE_UNITS[match.group(2)]
