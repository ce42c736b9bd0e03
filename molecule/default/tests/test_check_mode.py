"""site.yml in check mode on converged trainee VMs reports no change."""

import os

import testlib

CONVERGE = os.path.join(os.path.dirname(__file__), "..", "converge.yml")


def test_check_mode_changes_nothing():
    stats, stderr = testlib.run_playbook_check_mode(CONVERGE, with_stderr=True)
    assert stats, "the check-mode run reported no hosts"
    for hostname, host_stats in stats.items():
        assert host_stats["failures"] == 0, hostname
        assert host_stats["unreachable"] == 0, hostname
        assert host_stats["changed"] == 0, hostname
    # site.yml runs through Mitogen, and the strategy warns when it falls
    # back to linear.
    assert "without Mitogen" not in stderr
