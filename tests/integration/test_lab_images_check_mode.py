"""lab_images in check mode on a controller that lacks the stand-ins."""

import json
import os
import subprocess
import uuid

import pytest

from check_playbook import CHECKOUT, run_check_playbook

PLAYBOOK = os.path.join(CHECKOUT, "tests", "integration", "playbooks", "role.yml")
BASE_IMAGE = "dockerlab/debian-base:bookworm"


def image_exists(name):
    completed = subprocess.run(["docker", "image", "inspect", name],
                               capture_output=True, check=False)
    return completed.returncode == 0


def test_check_mode_plans_missing_standins():
    if not image_exists(BASE_IMAGE):
        pytest.skip(f"base image {BASE_IMAGE} not found on the controller; "
                    "build it with playbooks/local_lab_images.yml")
    # A repository name no earlier run used, so the stand-in is missing.
    repository = f"dockerlab/standin-check-{uuid.uuid4().hex[:8]}"
    variables = {
        "role_under_test": "lab_images",
        "lab_images_source": "offline",
        "lab_images_offline_transfer": "copy",
        "lab_images_wanted": ["debian"],
        "__lab_images_standin_repository": repository,
    }
    completed = run_check_playbook(PLAYBOOK, variables)
    assert completed.returncode == 0, completed.stdout[-3000:]
    stats = json.loads(completed.stdout)["stats"]["localhost"]
    assert stats["failures"] == 0
    # The build that a real run would make is the one change reported.
    assert stats["changed"] == 1
    images = subprocess.run(
        ["docker", "image", "ls", "--quiet", repository + "/debian"],
        capture_output=True, text=True, check=True).stdout
    assert images.strip() == ""
