"""Unit tests of the daemon_config_errors and daemon_config_normalize filters."""

import pytest

from ansible_collections.dockerlab.training.plugins.filter.daemon_config import (
    daemon_config_errors,
    daemon_config_normalize,
)

DEFAULT_CONFIG = {
    "log-driver": "syslog",
    "log-opts": {
        "tag": "docker/{{.Name}}",
        "syslog-facility": "daemon",
        "mode": "non-blocking",
        "max-buffer-size": "4m",
    },
}


def test_default_config_has_no_errors():
    assert daemon_config_errors(DEFAULT_CONFIG) == []


def test_empty_config_has_no_errors():
    assert daemon_config_errors({}) == []


def test_unknown_key_is_named():
    errors = daemon_config_errors({"log-drivers": "syslog"})
    assert len(errors) == 1
    assert "'log-drivers'" in errors[0]
    assert "docker_engine_daemon_config" in errors[0]


def test_unknown_log_driver_lists_allowed():
    errors = daemon_config_errors({"log-driver": "sysl0g"})
    assert len(errors) == 1
    assert "'sysl0g'" in errors[0]
    assert "syslog" in errors[0]
    assert "json-file" in errors[0]


def test_log_opt_of_other_driver_is_rejected():
    errors = daemon_config_errors({"log-driver": "syslog", "log-opts": {"max-file": "3"}})
    assert len(errors) == 1
    assert "'max-file'" in errors[0]
    assert "syslog log driver" in errors[0]


def test_log_opts_default_to_json_file_driver():
    assert daemon_config_errors({"log-opts": {"max-size": "10m", "max-file": 3}}) == []
    assert daemon_config_errors({"log-opts": {"syslog-address": "udp://x:514"}})


@pytest.mark.parametrize("name, value", [
    ("mode", "sometimes"),
    ("syslog-format", "rfc9999"),
    ("syslog-facility", "kernel"),
])
def test_log_opt_choice_is_checked(name, value):
    errors = daemon_config_errors({"log-driver": "syslog", "log-opts": {name: value}})
    assert len(errors) == 1
    assert f"'{value}'" in errors[0]
    assert "allowed" in errors[0]


def test_nested_log_opt_value_is_rejected():
    errors = daemon_config_errors({"log-driver": "syslog", "log-opts": {"tag": ["a"]}})
    assert len(errors) == 1
    assert "must be a string" in errors[0]


def test_log_opts_must_be_a_dict():
    errors = daemon_config_errors({"log-opts": "max-size=1m"})
    assert errors == ["docker_engine_daemon_config['log-opts'] is 'max-size=1m'; it must be a dict."]


def test_hosts_must_be_a_list_of_strings():
    assert daemon_config_errors({"hosts": ["unix:///var/run/docker.sock"]}) == []
    assert daemon_config_errors({"hosts": "unix:///var/run/docker.sock"})


def test_config_must_be_a_dict():
    assert daemon_config_errors(["log-driver"]) == [
        "docker_engine_daemon_config is ['log-driver']; it must be a dict of daemon.json keys."
    ]


def test_variable_name_is_cited():
    errors = daemon_config_errors({"bogus": 1}, "my_var")
    assert errors[0].startswith("my_var has the unknown key 'bogus'")


def test_several_errors_are_all_reported():
    errors = daemon_config_errors({"bogus": 1, "log-driver": "syslog",
                                   "log-opts": {"max-file": "3", "mode": "x"}})
    assert len(errors) == 3


def test_normalize_turns_values_into_strings():
    config = {"log-driver": "json-file",
              "log-opts": {"max-file": 3, "compress": True, "max-size": "10m"},
              "debug": True}
    normalized = daemon_config_normalize(config)
    assert normalized["log-opts"] == {"max-file": "3", "compress": "true", "max-size": "10m"}
    assert normalized["debug"] is True


def test_normalize_leaves_input_unchanged():
    config = {"log-opts": {"max-file": 3}}
    daemon_config_normalize(config)
    assert config == {"log-opts": {"max-file": 3}}


def test_normalize_without_log_opts():
    assert daemon_config_normalize({"debug": False}) == {"debug": False}
