# Copyright: dockerlab.training developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Build the class progress report and render it as a terminal table, an
HTML page and printable login cards.

Every string that reaches HTML goes through html.escape, because lab
results carry text that trainees control (container names, command output).
"""

from __future__ import annotations

import html

from ansible.errors import AnsibleFilterError

# Status of a VM in the report.
VM_CHECKED = "checked"
VM_UNREACHABLE = "unreachable"
VM_FAILED = "failed"

# Status of one lab on one VM. The labs role records the first three.
LAB_STATUSES = ("reached", "not reached", "skipped", "not checked")

# Marker of each lab status in the terminal table, four characters at most.
TABLE_MARKERS = {"reached": "yes", "not reached": "NO", "skipped": "skip", "not checked": "?"}

# Class of each lab status in the HTML page: its colour and its legend.
HTML_CLASSES = {"reached": "reached", "not reached": "missed", "skipped": "skipped",
                "not checked": "unknown"}


def _lab_columns(host_results):
    """Return the lab names of every host's labs_report, in first-seen order."""
    labs = []
    for result in host_results.values():
        for lab in (result.get("labs_report") or {}):
            if lab not in labs:
                labs.append(lab)
    return labs


def _lab_cell(lab_report):
    status = lab_report.get("status")
    if status not in LAB_STATUSES[:3]:
        raise AnsibleFilterError(
            f"class_report: a lab result has the invalid status {status!r}; expected one of "
            f"{', '.join(LAB_STATUSES[:3])}, as the labs role's labs_report records."
        )
    return {
        "status": status,
        "reasons": [str(reason) for reason in lab_report.get("reasons") or []],
        "skip_reason": str(lab_report.get("skip_reason") or ""),
        "skipped_checks": [str(skip) for skip in lab_report.get("skipped") or []],
        "checks": int(lab_report.get("checks") or 0),
    }


def _vm_entry(result, labs):
    """Return the report entry of one VM from its collected RESULT."""
    error = str(result.get("error") or "")
    if result.get("unreachable"):
        status = VM_UNREACHABLE
    elif error:
        status = VM_FAILED
    else:
        status = VM_CHECKED
    own = result.get("labs_report") or {}
    cells = {}
    for lab in labs:
        if lab in own:
            cells[lab] = _lab_cell(own[lab])
            continue
        reason = error or "the lab was not part of this VM's run"
        cells[lab] = {"status": "not checked", "reasons": [reason], "skip_reason": "",
                      "skipped_checks": [], "checks": 0}
    return {"status": status, "error": error, "labs": cells}


def class_report_host_result(host_vars):
    """Return what class_report needs from one VM's HOST_VARS.

    The class_report role's collect tasks register `__class_report_ping`
    and, when a task stopped the checks, set `__class_report_error`. A VM
    whose ping failed is unreachable too, because the docker connection
    with pipelining reports a missing container as a failed module run.
    """
    ping = host_vars.get("__class_report_ping") or {}
    unreachable = bool(ping.get("unreachable") or ping.get("failed"))
    error = host_vars.get("__class_report_error") or ""
    if unreachable and not error:
        error = ping.get("msg") or "the VM is unreachable"
    return {"labs_report": host_vars.get("labs_report") or {}, "unreachable": unreachable,
            "error": str(error).strip()}


def class_report(host_results, taken_at, labs=None):
    """Build the class progress report from each VM's collected results.

    HOST_RESULTS maps each inventory hostname to a dict with `labs_report`
    (the labs role's fact), `unreachable` (bool) and `error` (the message
    of a failure that stopped the checks, or empty). LABS orders the
    columns; by default they are the labs found, in the order first seen.
    """
    if not isinstance(host_results, dict):
        raise AnsibleFilterError(
            f"class_report expects a dict of host results, got {type(host_results).__name__}."
        )
    columns = list(labs) if labs else _lab_columns(host_results)
    vms = {host: _vm_entry(result or {}, columns) for host, result in host_results.items()}
    counts = {status: 0 for status in LAB_STATUSES}
    for vm in vms.values():
        for cell in vm["labs"].values():
            counts[cell["status"]] += 1
    return {"taken_at": str(taken_at), "labs": columns, "vms": vms, "counts": counts,
            "unreachable": sorted(host for host, vm in vms.items()
                                  if vm["status"] == VM_UNREACHABLE)}


def _cell_reasons(cell):
    """Return every line that explains a cell's status, for hover and click."""
    lines = list(cell["reasons"])
    if cell["skip_reason"]:
        lines.append(cell["skip_reason"])
    lines.extend(f"skipped check {skip}" for skip in cell["skipped_checks"])
    return lines


def class_report_table(report):
    """Render REPORT as a plain-text table: one row per VM, one column per lab.

    The columns are numbered, and a legend and the reason of each lab not
    reached follow the table, so that 14 labs fit in about 100 columns.
    """
    labs = report["labs"]
    name_width = max([len("VM")] + [len(host) for host in report["vms"]])
    header = ["VM".ljust(name_width), "reached"] + [f"{number:>4}" for number in
                                                    range(1, len(labs) + 1)]
    lines = [f"Class progress at {report['taken_at']}", " ".join(header)]
    for host, vm in report["vms"].items():
        cells = [vm["labs"][lab] for lab in labs]
        reached = sum(1 for cell in cells if cell["status"] == "reached")
        counted = sum(1 for cell in cells if cell["status"] in ("reached", "not reached"))
        row = [host.ljust(name_width), f"{reached:>3}/{counted:<3}"]
        row += [f"{TABLE_MARKERS[cell['status']]:>4}" for cell in cells]
        if vm["status"] != VM_CHECKED:
            row.append(f" {vm['status']}")
        lines.append(" ".join(row).rstrip())
    lines.append("")
    lines.append("Labs: " + ", ".join(f"{number} {lab}" for number, lab in
                                      enumerate(labs, start=1)))
    lines.append("Cells: yes reached, NO not reached, skip skipped, ? not checked.")
    details = []
    for host, vm in report["vms"].items():
        if vm["status"] != VM_CHECKED:
            details.append(f"{host}: {vm['status']}: {vm['error']}")
            continue
        for lab in labs:
            cell = vm["labs"][lab]
            if cell["status"] in ("not reached", "skipped"):
                details.append(f"{host} {lab} {cell['status']}: "
                               + " ".join(_cell_reasons(cell)))
    if details:
        lines.append("")
        lines.extend(details)
    return "\n".join(lines) + "\n"


PAGE_STYLE = """
body { font-family: sans-serif; margin: 1.5em; color: #111; }
table { border-collapse: collapse; }
th, td { border: 1px solid #888; padding: 0.3em 0.5em; text-align: center; }
th.vm { text-align: left; }
thead th { background: #eee; font-weight: normal; font-size: 0.85em; }
td details summary { cursor: pointer; list-style: none; }
td details summary::-webkit-details-marker { display: none; }
td details p { text-align: left; max-width: 24em; font-size: 0.85em; margin: 0.3em 0; }
.reached { background: #b8e6b8; }
.missed { background: #f4b6b6; }
.skipped { background: #e4e4e4; color: #444; }
.unknown { background: #fde9a6; }
.legend span { display: inline-block; padding: 0.2em 0.6em; margin-right: 0.5em;
  border: 1px solid #888; }
"""


def _html_cell(host, lab, cell):
    css = HTML_CLASSES[cell["status"]]
    reasons = _cell_reasons(cell)
    label = html.escape(cell["status"])
    if not reasons:
        return (f'<td class="{css}" data-vm="{html.escape(host)}" data-lab="{html.escape(lab)}"'
                f' data-status="{label}">{label}</td>')
    hover = html.escape(" ".join(reasons))
    paragraphs = "".join(f"<p>{html.escape(reason)}</p>" for reason in reasons)
    return (f'<td class="{css}" data-vm="{html.escape(host)}" data-lab="{html.escape(lab)}"'
            f' data-status="{label}" title="{hover}"><details><summary>{label}</summary>'
            f"{paragraphs}</details></td>")


def class_report_html(report, title="Class progress"):
    """Render REPORT as a self-contained HTML page: a grid of VMs by labs.

    Each cell shows its status as text and colour. The reasons show on
    hover (title attribute) and on click (a details element), so the page
    needs no script and no file beside it.
    """
    labs = report["labs"]
    head = "".join(f'<th scope="col">{html.escape(lab)}</th>' for lab in labs)
    rows = []
    for host, vm in report["vms"].items():
        cells = "".join(_html_cell(host, lab, vm["labs"][lab]) for lab in labs)
        vm_label = html.escape(host)
        if vm["status"] != VM_CHECKED:
            vm_label += f' <span class="vm-status">({html.escape(vm["status"])})</span>'
        rows.append(f'<tr data-vm="{html.escape(host)}" data-vm-status="{html.escape(vm["status"])}">'
                    f'<th scope="row" class="vm">{vm_label}</th>{cells}</tr>')
    counts = ", ".join(f"{count} {html.escape(status)}"
                       for status, count in report["counts"].items())
    legend = "".join(f'<span class="{css}">{html.escape(status)}</span>'
                     for status, css in HTML_CLASSES.items())
    taken_at = html.escape(report["taken_at"])
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)} at {taken_at}</title>"
        f"<style>{PAGE_STYLE}</style></head><body>\n"
        f"<h1>{html.escape(title)}</h1>\n"
        f'<p>Taken at <time id="taken-at">{taken_at}</time>: {counts}.'
        " Hover over or click a cell for its reasons.</p>\n"
        f'<p class="legend">{legend}</p>\n'
        f'<table id="progress"><thead><tr><th scope="col" class="vm">VM</th>{head}</tr></thead>\n'
        "<tbody>\n" + "\n".join(rows) + "\n</tbody></table>\n</body></html>\n"
    )


CARDS_STYLE = """
body { font-family: sans-serif; margin: 1em; }
.card { display: inline-block; vertical-align: top; width: 17em; margin: 0.5em;
  padding: 0.8em 1em; border: 1px dashed #444; page-break-inside: avoid;
  break-inside: avoid; }
.card h2 { font-size: 1.1em; margin: 0 0 0.5em 0; }
.card dt { font-size: 0.75em; color: #555; }
.card dd { margin: 0 0 0.4em 0; font-family: monospace; font-size: 1em; word-break: break-all; }
@media print { body { margin: 0; } }
"""

CARD_FIELDS = (("address", "VM address"), ("login", "User name"), ("password", "Password"),
               ("ssh", "Log in with"), ("cadvisor_url", "cAdvisor"),
               ("first_command", "First command to try"))


def login_cards_html(cards, title="Docker training: login cards"):
    """Render one printable card per trainee account as an HTML page.

    Each item of CARDS is a dict with `host`, `address`, `login`,
    `password`, `cadvisor_url` and `first_command`.
    """
    rendered = []
    for card in cards:
        missing = [key for key in ("host", "address", "login", "password") if key not in card]
        if missing:
            raise AnsibleFilterError(
                f"login_cards_html: a card is missing {', '.join(missing)}, and each card needs "
                "host, address, login and password."
            )
        values = dict(card, ssh=f"ssh {card['login']}@{card['address']}")
        fields = "".join(
            f"<dt>{html.escape(label)}</dt><dd class=\"{key}\">{html.escape(str(values.get(key) or ''))}</dd>"
            for key, label in CARD_FIELDS)
        rendered.append(f'<section class="card"><h2>{html.escape(str(card["host"]))}</h2>'
                        f"<dl>{fields}</dl></section>")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{CARDS_STYLE}</style></head><body>\n"
        + "\n".join(rendered) + "\n</body></html>\n"
    )


class FilterModule:
    """The class report's filters."""

    def filters(self):
        return {
            "class_report": class_report,
            "class_report_host_result": class_report_host_result,
            "class_report_table": class_report_table,
            "class_report_html": class_report_html,
            "login_cards_html": login_cards_html,
        }
