# Copyright: dockerlab.training developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Turn the registered results of a lab's checks into its entry of labs_report."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ansible.errors import AnsibleFilterError


def _failed(result):
    return bool(result.get("failed", False))


def _reasons(failures):
    """Return the message of each failed check.

    A failed loop task's own msg only states that items failed, so a loop
    gives the msg of each failed item instead. Each message is given once,
    in order: two checks of one missing container fail with the same one.
    """
    reasons = []
    for result in failures:
        if "results" in result:
            reasons.extend(item.get("msg", "failed") for item in result["results"]
                           if isinstance(item, Mapping) and _failed(item))
        else:
            reasons.append(result.get("msg", "failed"))
    return list(dict.fromkeys(reasons))


def _skipped(results):
    """Return 'name: reason' for each check a module skipped."""
    skipped = []
    for result in results:
        for check in result.get("checks") or []:
            if isinstance(check, Mapping) and "skipped" in check:
                skipped.append(f"{check.get('name', '')}: {check.get('reason', '')}")
    return skipped


def lab_outcome(report, lab, results, skip_reason=""):
    """Return REPORT with the outcome of LAB recorded from its checks' RESULTS.

    The lab is reached when none of RESULTS failed, and skipped when
    SKIP_REASON is not empty.
    """
    if report is None:
        report = {}
    if not isinstance(report, Mapping):
        raise AnsibleFilterError(
            f"lab_outcome: labs_report is invalid: a {type(report).__name__}, where a dict of lab "
            "outcomes is expected. Reset it with set_fact labs_report: {}.")
    if not isinstance(lab, str) or not lab:
        raise AnsibleFilterError(
            f"lab_outcome: the lab name {lab!r} is invalid. Give the name of a lab, such as 'storage'.")
    if isinstance(results, (str, bytes)) or not isinstance(results, Sequence) \
            or not all(isinstance(result, Mapping) for result in results):
        raise AnsibleFilterError(
            f"lab_outcome: the results of lab {lab} are invalid: {results!r}. Give a list of "
            "registered task results.")
    skip_reason = skip_reason or ""
    failures = [result for result in results if _failed(result)]
    if skip_reason:
        status = "skipped"
    elif failures:
        status = "not reached"
    else:
        status = "reached"
    outcome = {
        "status": status,
        "skip_reason": skip_reason,
        "reached": not skip_reason and not failures,
        "checks": len(results),
        "reasons": _reasons(failures),
        "skipped": _skipped(results),
    }
    return {**report, lab: outcome}


class FilterModule:
    """Filters of the labs role."""

    def filters(self):
        return {"lab_outcome": lab_outcome}
