# -*- coding: utf-8 -*-
# Copyright (c) dockerlab.training contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):

    # Options, requirements and attributes shared by every assertion module.
    DOCUMENTATION = r'''
options:
  docker_host:
    description:
      - The Docker daemon to ask, as a URL the Docker SDK for Python accepts.
      - If not set, the value of the E(DOCKER_HOST) environment variable is used, then the local socket.
      - The module reads C(/proc) and the cgroup tree of the host it runs on, so the daemon must run on
        that same host; a remote daemon gives PIDs and paths that do not exist here.
    type: str
    default: unix:///var/run/docker.sock
  timeout:
    description:
      - Timeout in seconds of each Engine API call.
    type: int
    default: 60
requirements:
  - Docker SDK for Python >= 5.0 (C(python3-docker) on Debian and Ubuntu)
  - Linux with C(/proc) mounted, and root, or read access to the container processes' C(/proc) entries
attributes:
  check_mode:
    description: Can run in check mode and return the same result as a normal run.
    support: full
    details:
      - The module only reads state.
  diff_mode:
    description: Would return a diff of what it changed in diff mode.
    support: none
    details:
      - The module changes nothing, so it has no diff.
  idempotent:
    description: Run twice in a row with the same arguments, the second run reports no change.
    support: full
    details:
      - The module never reports a change.
'''
