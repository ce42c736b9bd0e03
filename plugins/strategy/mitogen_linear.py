# -*- coding: utf-8 -*-
# Copyright (c) dockerlab.training contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: mitogen_linear
short_description: Mitogen's linear strategy when Mitogen is installed, ansible.builtin.linear otherwise
version_added: 0.1.0
description:
  - Runs the play as P(ansible.builtin.linear#strategy) does, task by task on every host, through
    Mitogen for Ansible when the C(mitogen) Python package is installed on the controller.
    Mitogen keeps one Python interpreter running on each host and sends it the modules, so a
    task costs a fraction of a new C(docker exec) or SSH session.
  - Mitogen only replaces the connections it has a plugin for, and it knows them by their
    short names. This strategy also maps C(community.docker.docker), C(ansible.builtin.ssh)
    and C(ansible.builtin.local) to those names, which are the same plugins.
  - Without Mitogen, or when Mitogen fails to load, the strategy warns and runs
    P(ansible.builtin.linear#strategy).
author:
  - dockerlab.training developers (@dockerlab)
notes:
  - Mitogen supports the connections C(ssh), C(docker), C(local) and a few others; hosts
    reached through another connection plugin, such as C(paramiko) or C(winrm), fail under
    this strategy.
  - Like P(ansible.builtin.local#connection), the strategy takes the user running Ansible as
    the login user of C(local) connections, so a task delegated to the controller with C(become)
    runs C(sudo) there only when that user is not the C(become) user. Mitogen alone would run
    C(sudo) for it also on a controller where Ansible runs as root.
  - ansible-core 2.19 warns that strategy plugins outside ansible.builtin are deprecated.
'''

from ansible.plugins.strategy.linear import StrategyModule as LinearStrategy
from ansible.utils.display import Display

display = Display()

# Full names of connection plugins that Mitogen does not redirect, mapped to
# the short names that it does.
MITOGEN_CONNECTION_NAMES = {
    'community.docker.docker': 'docker',
    'ansible.builtin.ssh': 'ssh',
    'ansible.legacy.ssh': 'ssh',
    'ansible.builtin.local': 'local',
    'ansible.legacy.local': 'local',
}

import getpass

try:
    import ansible_mitogen.loaders
    import ansible_mitogen.strategy
    from ansible.playbook.play_context import PlayContext
except Exception as error:  # pylint: disable=broad-except
    # An ImportError, or the AnsibleError that ansible_mitogen raises for
    # an ansible-core older than it supports.
    MITOGEN_ERROR = '%s: %s' % (type(error).__name__, error)
else:
    MITOGEN_ERROR = None


if MITOGEN_ERROR is None:
    _mitogen_connection_loader = ansible_mitogen.strategy.wrap_connection_loader__get_with_context

    def _connection_loader(name, *args, **kwargs):
        """Load a connection plugin through Mitogen under its short name."""
        if args and isinstance(args[0], PlayContext):
            play_context = args[0]
            play_context.connection = MITOGEN_CONNECTION_NAMES.get(play_context.connection,
                                                                   play_context.connection)
            if play_context.connection == 'local':
                # Mitogen runs sudo when the become user differs from the play
                # context's login user, which a local connection leaves unset.
                # ansible.builtin.local takes the user running Ansible.
                play_context.remote_user = getpass.getuser()
        short_name = MITOGEN_CONNECTION_NAMES.get(name, name)
        return _mitogen_connection_loader(short_name, *args, **kwargs)

    # StrategyMixin installs this module global as the connection loader.
    ansible_mitogen.strategy.wrap_connection_loader__get_with_context = _connection_loader

    class StrategyModule(ansible_mitogen.strategy.StrategyMixin,
                         ansible_mitogen.loaders.strategy_loader.get('linear', class_only=True)):
        """Mitogen's linear strategy."""

else:

    class StrategyModule(LinearStrategy):
        """The linear strategy, with a warning that Mitogen failed to load."""

        def __init__(self, *args, **kwargs):
            super(StrategyModule, self).__init__(*args, **kwargs)
            display.warning(
                'dockerlab.training.mitogen_linear runs as ansible.builtin.linear without '
                'Mitogen, because loading Mitogen failed (%s). Install the controller '
                'requirements with pip install -r requirements.txt.' % MITOGEN_ERROR)
