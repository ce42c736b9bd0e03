"""The mitogen_linear strategy: Mitogen when installed, linear otherwise."""

import importlib
import sys

import pytest
from ansible.playbook.play_context import PlayContext
from ansible.plugins.strategy.linear import StrategyModule as LinearStrategy

MODULE = "ansible_collections.dockerlab.training.plugins.strategy.mitogen_linear"


def load(monkeypatch, hide_mitogen=False):
    """Import the strategy afresh, with the mitogen packages hidden if asked."""
    if hide_mitogen:
        for name in ("ansible_mitogen", "ansible_mitogen.loaders", "ansible_mitogen.strategy"):
            monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.delitem(sys.modules, MODULE, raising=False)
    return importlib.import_module(MODULE)


def test_uses_mitogen_when_installed(monkeypatch):
    pytest.importorskip("ansible_mitogen.strategy", reason="mitogen is not installed")
    import ansible_mitogen.strategy

    monkeypatch.setattr(ansible_mitogen.strategy, "wrap_connection_loader__get_with_context",
                        ansible_mitogen.strategy.wrap_connection_loader__get_with_context)
    strategy = load(monkeypatch)
    assert strategy.MITOGEN_ERROR is None
    assert issubclass(strategy.StrategyModule, ansible_mitogen.strategy.StrategyMixin)
    assert ansible_mitogen.strategy.wrap_connection_loader__get_with_context \
        is strategy._connection_loader


@pytest.mark.parametrize("name, short", [
    ("community.docker.docker", "docker"),
    ("ansible.builtin.ssh", "ssh"),
    ("ansible.legacy.local", "local"),
    ("docker", "docker"),
    ("paramiko_ssh", "paramiko_ssh"),
])
def test_maps_connection_to_short_name(monkeypatch, name, short):
    pytest.importorskip("ansible_mitogen.strategy", reason="mitogen is not installed")
    import ansible_mitogen.strategy

    monkeypatch.setattr(ansible_mitogen.strategy, "wrap_connection_loader__get_with_context",
                        ansible_mitogen.strategy.wrap_connection_loader__get_with_context)
    strategy = load(monkeypatch)
    calls = []
    monkeypatch.setattr(strategy, "_mitogen_connection_loader",
                        lambda plugin, *args, **kwargs: calls.append((plugin, args[0].connection)))
    play_context = PlayContext()
    play_context.connection = name
    strategy._connection_loader(name, play_context)
    assert len(calls) == 1
    plugin, connection = calls[0]
    assert plugin == short
    assert connection == short


@pytest.mark.parametrize("name, remote_user, expected", [
    # A local connection logs in as the user running Ansible, as
    # ansible.builtin.local does, so become to that user needs no sudo.
    ("ansible.builtin.local", None, "running-user"),
    ("local", "trainee", "running-user"),
    # Other connections keep the user the inventory gives.
    ("community.docker.docker", None, None),
    ("ssh", "trainee", "trainee"),
])
def test_local_login_is_running_user(monkeypatch, name, remote_user, expected):
    pytest.importorskip("ansible_mitogen.strategy", reason="mitogen is not installed")
    import ansible_mitogen.strategy

    monkeypatch.setattr(ansible_mitogen.strategy, "wrap_connection_loader__get_with_context",
                        ansible_mitogen.strategy.wrap_connection_loader__get_with_context)
    strategy = load(monkeypatch)
    monkeypatch.setattr(strategy.getpass, "getuser", lambda: "running-user")
    users = []
    monkeypatch.setattr(strategy, "_mitogen_connection_loader",
                        lambda plugin, *args, **kwargs: users.append(args[0].remote_user))
    play_context = PlayContext()
    play_context.connection = name
    play_context.remote_user = remote_user
    strategy._connection_loader(name, play_context)
    assert users == [expected]


def test_falls_back_without_mitogen(monkeypatch):
    strategy = load(monkeypatch, hide_mitogen=True)
    assert strategy.MITOGEN_ERROR.startswith("ModuleNotFoundError: ")
    assert issubclass(strategy.StrategyModule, LinearStrategy)
    assert not hasattr(strategy, "_connection_loader")


def test_documentation_parses(monkeypatch):
    import yaml

    strategy = load(monkeypatch)
    documentation = yaml.safe_load(strategy.DOCUMENTATION)
    assert documentation["name"] == "mitogen_linear"
    assert documentation["description"]
    assert documentation["notes"]
