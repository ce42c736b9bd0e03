# -*- coding: utf-8 -*-
# Copyright (c) dockerlab.training contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Engine API access through the Docker SDK for Python (5.0 or later).

The SDK is imported lazily so that a managed node without it gets
missing_required_lib's message instead of a traceback. Every error becomes
one sentence that names the container, volume or image involved.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import traceback

from ansible.module_utils.basic import env_fallback, missing_required_lib

DOCKER_ARGUMENT_SPEC = dict(
    docker_host=dict(
        type='str',
        default='unix:///var/run/docker.sock',
        fallback=(env_fallback, ['DOCKER_HOST']),
    ),
    timeout=dict(type='int', default=60),
)

SDK_INSTALL_HINT = (
    'Install python3-docker on Debian and Ubuntu, or the docker package from PyPI'
)


class EngineClient(object):
    """A connected Engine API client that reports failures through the module."""

    def __init__(self, module):
        self.module = module
        self.docker_host = module.params['docker_host']
        try:
            import docker
            from docker import errors
        except ImportError:
            module.fail_json(
                msg=missing_required_lib(
                    'Docker SDK for Python (>= 5.0)', reason=SDK_INSTALL_HINT
                ),
                exception=traceback.format_exc(),
            )
        self.errors = errors
        try:
            self.api = docker.APIClient(
                base_url=self.docker_host,
                version='auto',
                timeout=module.params['timeout'],
            )
        except errors.DockerException as exc:
            self.fail_unreachable(exc)

    def fail_unreachable(self, exc):
        self.module.fail_json(
            msg='Cannot reach the Docker daemon at %s (%s); check that Docker is installed and '
            'running on this host and that the module runs as a user who may use it.'
            % (self.docker_host, exc)
        )

    def _call(self, subject, function, *args, **kwargs):
        """Call an Engine API method; return None when the object is not found."""
        try:
            return function(*args, **kwargs)
        except self.errors.NotFound:
            return None
        except self.errors.APIError as exc:
            self.module.fail_json(
                msg='The Docker daemon at %s returned an error for %s: %s'
                % (self.docker_host, subject, exc.explanation or exc)
            )
        except self.errors.DockerException as exc:
            self.fail_unreachable(exc)
        except Exception as exc:  # requests' connection errors reach us unwrapped
            if type(exc).__module__.startswith(('requests', 'urllib3')):
                self.fail_unreachable(exc)
            raise

    def inspect_container(self, name):
        """Return the container's inspect document; fail when it does not exist."""
        details = self._call('container %s' % name, self.api.inspect_container, name)
        if details is None:
            self.module.fail_json(
                msg='Container %s does not exist on this host; create it first or '
                'check the name with docker ps -a.' % name
            )
        return details

    def running_pid(self, details):
        """Return the host PID of a running container's main process; fail when it is not running."""
        name = container_name(details)
        state = details.get('State') or {}
        if not state.get('Running') or not state.get('Pid'):
            self.module.fail_json(
                msg='Container %s is not running (status %s, exit code %s); start it before checking '
                'its process.' % (name, state.get('Status'), state.get('ExitCode'))
            )
        return state['Pid']

    def info(self):
        return self._call('the engine information', self.api.info)

    def inspect_volume(self, name):
        """Return a named volume's inspect document, or None when it does not exist."""
        return self._call('volume %s' % name, self.api.inspect_volume, name)

    def inspect_image(self, name):
        """Return an image's inspect document; fail when it does not exist."""
        details = self._call('image %s' % name, self.api.inspect_image, name)
        if details is None:
            self.module.fail_json(
                msg='Image %s does not exist on this host; build or pull it first.'
                % name
            )
        return details

    def image_history(self, name):
        return (
            self._call('the history of image %s' % name, self.api.history, name) or []
        )


def container_name(details):
    """Return a container's name without the leading slash of the Engine API."""
    return (details.get('Name') or details.get('Id', '?')[:12]).lstrip('/')
