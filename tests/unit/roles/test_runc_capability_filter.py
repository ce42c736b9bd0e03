"""The docker_engine role's runc wrapper: which files it filters, and how."""

import importlib.machinery
import importlib.util
import json
import os

CHECKOUT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
WRAPPER = os.path.join(CHECKOUT, "roles", "docker_engine", "files", "runc-capability-filter")


def load_wrapper():
    loader = importlib.machinery.SourceFileLoader("runc_capability_filter", WRAPPER)
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def test_exec_process_file_found():
    wrapper = load_wrapper()
    args = ["--root", "/run/runc", "exec", "--process", "/tmp/runc-process1", "--detach", "abc"]
    assert wrapper.process_path(args) == "/tmp/runc-process1"
    assert wrapper.process_path(["exec", "--process=/tmp/p2", "abc"]) == "/tmp/p2"
    assert wrapper.bundle_path(args) is None


def test_other_commands_have_no_process_file():
    wrapper = load_wrapper()
    assert wrapper.process_path(["create", "--bundle", "/b", "abc"]) is None
    assert wrapper.process_path(["delete", "abc"]) is None


def test_exec_process_capabilities_filtered(tmp_path):
    wrapper = load_wrapper()
    process = {"args": ["wget"], "capabilities": {
        "bounding": ["CAP_CHOWN", "CAP_SYS_RESOURCE"],
        "effective": ["CAP_SYS_RESOURCE"],
    }}
    path = tmp_path / "process.json"
    path.write_text(json.dumps(process))
    wrapper.filter_file(str(path), {"CAP_CHOWN"}, ())
    filtered = json.loads(path.read_text())
    assert filtered["capabilities"]["bounding"] == ["CAP_CHOWN"]
    assert filtered["capabilities"]["effective"] == []
    assert filtered["args"] == ["wget"]


def test_bundle_capabilities_filtered(tmp_path):
    wrapper = load_wrapper()
    config = {"process": {"capabilities": {"permitted": ["CAP_KILL", "CAP_SYS_RESOURCE"]}}}
    (tmp_path / "config.json").write_text(json.dumps(config))
    wrapper.filter_bundle(str(tmp_path), {"CAP_KILL"})
    filtered = json.loads((tmp_path / "config.json").read_text())
    assert filtered["process"]["capabilities"]["permitted"] == ["CAP_KILL"]
