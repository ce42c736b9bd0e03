# -*- coding: utf-8 -*-
# Copyright (c) dockerlab.training contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The structured check list that every assertion module returns.

Each check is a dict {name, expected, actual, ok}; a skipped check has
ok None, skipped True and a reason. The progress report reads these lists.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json


def _show(value):
    if isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True)


class CheckList(object):
    """Collects checks and ends the module with exit_json or fail_json."""

    def __init__(self):
        self.checks = []

    def add(self, name, expected, actual, ok, detail=None, note=None):
        """Record a check; ok is the result of comparing expected with actual.

        detail explains a failure (such as which names are missing) and is
        kept only when the check fails. note is kept either way.
        """
        check = {'name': name, 'expected': expected, 'actual': actual, 'ok': bool(ok)}
        if detail and not ok:
            check['detail'] = detail
        if note:
            check['note'] = note
        self.checks.append(check)
        return bool(ok)

    def equal(self, name, expected, actual):
        """Record a check that passes when actual equals expected."""
        return self.add(name, expected, actual, expected == actual)

    def skip(self, name, expected, reason):
        """Record a check that could not run, with the reason."""
        self.checks.append(
            {
                'name': name,
                'expected': expected,
                'actual': None,
                'ok': None,
                'skipped': True,
                'reason': reason,
            }
        )

    def failed(self):
        return [check for check in self.checks if check['ok'] is False]

    def skipped(self):
        return [check for check in self.checks if check.get('skipped')]

    def failure_message(self, subject):
        failed = self.failed()
        lines = []
        for check in failed:
            line = '%s: expected %s, actual %s' % (
                check['name'],
                _show(check['expected']),
                _show(check['actual']),
            )
            explanation = check.get('detail') or check.get('note')
            if explanation:
                line += ' (%s)' % explanation
            lines.append(line)
        return '%s: %d of %d checks failed: %s.' % (
            subject,
            len(failed),
            len(self.checks),
            '; '.join(lines),
        )

    def summary(self, subject):
        passed = len([check for check in self.checks if check['ok']])
        text = '%s: %d of %d checks passed' % (subject, passed, len(self.checks))
        skipped = self.skipped()
        if skipped:
            text += ', %d skipped (%s)' % (
                len(skipped),
                '; '.join(
                    '%s: %s' % (check['name'], check['reason']) for check in skipped
                ),
            )
        return text + '.'

    def finish(self, module, subject, **facts):
        """End the module: fail listing each difference, or exit with the checks and facts."""
        if self.failed():
            module.fail_json(
                msg=self.failure_message(subject), checks=self.checks, **facts
            )
        module.exit_json(
            changed=False, msg=self.summary(subject), checks=self.checks, **facts
        )


def compare_names(checks, label, actual, present=None, absent=None, exact=None):
    """Check a list of names against present / absent / exact expectations.

    Each given expectation becomes one check with the actual names; its
    detail names the offending ones (missing, unexpected, extra).
    """
    actual_set = set(actual)
    actual_sorted = sorted(actual_set)
    if present is not None:
        missing = sorted(set(present) - actual_set)
        checks.add(
            '%s present' % label,
            sorted(present),
            actual_sorted,
            not missing,
            'missing %s' % ', '.join(missing) if missing else None,
        )
    if absent is not None:
        unexpected = sorted(set(absent) & actual_set)
        checks.add(
            '%s absent' % label,
            sorted(absent),
            actual_sorted,
            not unexpected,
            'unexpected %s' % ', '.join(unexpected) if unexpected else None,
        )
    if exact is not None:
        missing = sorted(set(exact) - actual_set)
        extra = sorted(actual_set - set(exact))
        parts = []
        if missing:
            parts.append('missing %s' % ', '.join(missing))
        if extra:
            parts.append('extra %s' % ', '.join(extra))
        checks.add(
            '%s exact' % label,
            sorted(exact),
            actual_sorted,
            not parts,
            ', '.join(parts) or None,
        )
