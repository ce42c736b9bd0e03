# -*- coding: utf-8 -*-
# Copyright (c) dockerlab.training contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dockerlab.training.plugins.modules.engine_config import (
    find_syslog_line,
    parse_security_options,
    render_log_tag,
)

DETAILS = {
    'Id': 'fba74e43d3aa642146dd905551613deb9c52fd4ba2beca01c4052290cd2e6935',
    'Name': '/logger',
    'Config': {'Image': 'h4-base:bookworm'},
}


def test_security_options_of_docker_20_10():
    parsed = parse_security_options(['name=seccomp,profile=default', 'name=cgroupns'])
    assert parsed == {'seccomp': {'profile': 'default'}, 'cgroupns': {}}


def test_security_options_of_old_engines():
    assert parse_security_options(['apparmor', 'seccomp']) == {
        'apparmor': {},
        'seccomp': {},
    }


def test_security_options_none():
    assert parse_security_options(None) == {}


def test_tag_default_is_short_id():
    assert render_log_tag(None, DETAILS) == 'fba74e43d3aa'


def test_tag_name_template():
    assert render_log_tag('docker/{{.Name}}', DETAILS) == 'docker/logger'


def test_tag_all_known_fields():
    tag = render_log_tag('{{.ImageName}}/{{.ID}}/{{.FullID}}', DETAILS)
    assert tag == 'h4-base:bookworm/fba74e43d3aa/' + DETAILS['Id']


def test_tag_unknown_field_is_not_guessed():
    assert render_log_tag('{{.DaemonName}}/{{.Name}}', DETAILS) is None


def test_syslog_line_with_tag(tmp_path):
    log = tmp_path / 'messages'
    log.write_text(
        'Dec  3 21:55:01 vm1 docker/other[9]: marker\n'
        'Dec  3 21:55:02 vm1 docker/logger[812]: marker\n'
        'Dec  3 21:55:03 vm1 kernel: unrelated\n'
    )
    assert find_syslog_line(str(log), 'marker', 'docker/logger').endswith(
        'docker/logger[812]: marker'
    )


def test_syslog_line_wrong_tag(tmp_path):
    log = tmp_path / 'messages'
    log.write_text('Dec  3 21:55:01 vm1 docker/other[9]: marker\n')
    assert find_syslog_line(str(log), 'marker', 'docker/logger') is None


def test_syslog_line_without_tag_takes_last(tmp_path):
    log = tmp_path / 'messages'
    log.write_text('a marker 1\nb marker 2\n')
    assert find_syslog_line(str(log), 'marker', None) == 'b marker 2'
