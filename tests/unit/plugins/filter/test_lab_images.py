"""Unit tests of the lab_image_references filter."""

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.dockerlab.training.plugins.filter.lab_images import (
    lab_image_references,
)

CATALOG = {
    "debian": {"tags": ["debian:bookworm", "debian:latest"], "standin": "debian"},
    "cpu-burner": {"tags": ["pvnovarese/mprime:latest"], "standin": "cpu-burner"},
    "quay": {"tags": ["quay.io/prometheus/node-exporter:v1.8.0"]},
    "local": {"tags": ["localhost/tool:1"]},
}


def test_registry_docker_hub_pulls_first_tag():
    [debian] = lab_image_references(CATALOG, ["debian"], "registry")
    assert debian["pull"] == "debian:bookworm"
    assert debian["tags"] == ["debian:latest"]
    assert debian["standin"] == "debian"


def test_registry_host_prefixes_every_tag():
    [debian] = lab_image_references(CATALOG, ["debian"], "registry", "reg.example:5000")
    assert debian["pull"] == "reg.example:5000/debian:bookworm"
    assert debian["tags"] == ["debian:bookworm", "debian:latest"]


def test_registry_keeps_image_own_registry():
    [quay] = lab_image_references(CATALOG, ["quay"], "registry", "reg.example:5000")
    assert quay["pull"] == "quay.io/prometheus/node-exporter:v1.8.0"
    assert quay["tags"] == []


def test_mirror_spells_official_image_library():
    [debian] = lab_image_references(CATALOG, ["debian"], "mirror", "instructor:5000")
    assert debian["pull"] == "instructor:5000/library/debian:bookworm"
    assert debian["tags"] == ["debian:bookworm", "debian:latest"]


def test_mirror_keeps_user_repository_path():
    [burner] = lab_image_references(CATALOG, ["cpu-burner"], "mirror", "instructor:5000")
    assert burner["pull"] == "instructor:5000/pvnovarese/mprime:latest"
    assert burner["tags"] == ["pvnovarese/mprime:latest"]


@pytest.mark.parametrize("name, registry", [("quay", "quay.io"), ("local", "localhost")])
def test_mirror_rejects_other_registry(name, registry):
    with pytest.raises(AnsibleFilterError) as error:
        lab_image_references(CATALOG, [name], "mirror", "instructor:5000")
    assert f"'{registry}'" in str(error.value)
    assert "lab_images_catalog" in str(error.value)


def test_mirror_without_address_fails():
    with pytest.raises(AnsibleFilterError) as error:
        lab_image_references(CATALOG, ["debian"], "mirror", "")
    assert "lab_images_mirror" in str(error.value)


def test_offline_pulls_nothing():
    [debian, burner] = lab_image_references(CATALOG, ["debian", "cpu-burner"], "offline")
    assert debian["pull"] == ""
    assert debian["tags"] == ["debian:bookworm", "debian:latest"]
    assert burner["standin"] == "cpu-burner"


def test_order_follows_wanted():
    names = [item["name"] for item in lab_image_references(
        CATALOG, ["cpu-burner", "debian"], "registry")]
    assert names == ["cpu-burner", "debian"]


def test_unknown_source_lists_allowed():
    with pytest.raises(AnsibleFilterError) as error:
        lab_image_references(CATALOG, ["debian"], "nfs")
    message = str(error.value)
    assert "'nfs'" in message
    assert "registry, mirror, offline" in message


def test_unknown_image_lists_known():
    with pytest.raises(AnsibleFilterError) as error:
        lab_image_references(CATALOG, ["debian", "alpine"], "registry")
    message = str(error.value)
    assert "alpine" in message
    assert "cpu-burner, debian, local, quay" in message


@pytest.mark.parametrize("entry", [{}, {"tags": []}, {"tags": "debian:12"}, "debian:12"])
def test_entry_without_tags_list_fails(entry):
    with pytest.raises(AnsibleFilterError) as error:
        lab_image_references({"broken": entry}, ["broken"], "registry")
    assert "lab_images_catalog['broken']" in str(error.value)


def test_catalog_not_dict_fails():
    with pytest.raises(AnsibleFilterError) as error:
        lab_image_references(["debian"], ["debian"], "registry")
    assert "lab_images_catalog" in str(error.value)
