"""site.yml in check mode on the converged class reports no change."""

import os

import testlib

CONVERGE = os.path.join(os.path.dirname(__file__), "..", "converge.yml")


def test_check_mode_changes_nothing():
    stats = testlib.run_playbook_check_mode(CONVERGE)
    assert stats, "the check-mode run reported no hosts"
    for hostname, host_stats in stats.items():
        assert host_stats["failures"] == 0, hostname
        assert host_stats["unreachable"] == 0, hostname
        assert host_stats["changed"] == 0, hostname
