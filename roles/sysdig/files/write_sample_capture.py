# Copyright: dockerlab.training developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Write a small sysdig capture file (scap format) without a capture driver.

The file holds a section header block and two event blocks of the
original event block type (0x8010ABCD, events without a parameter count).
sysdig 0.29.3 reads that type, and libscap's current reader still does.
The events are one write(2) of a line to standard output, as its enter
and exit events. The file lets `sysdig -r` be shown and tested on kernels
where sysdig cannot capture live.

Usage: python3 write_sample_capture.py PATH
"""

import struct
import sys

SECTION_HEADER_BLOCK = 0x0A0D0D0A
BYTE_ORDER_MAGIC = 0x1A2B3C4D
EVENT_BLOCK = 0x8010ABCD

# Event types and parameters as sysdig 0.29.3 decodes them (`sysdig -r`
# prints "> write fd=1 size=40" and "< write res=40 data=...").
WRITE_ENTER = 8  # PPME_SYSCALL_WRITE_E: fd (int64), size (uint32)
WRITE_EXIT = 9  # PPME_SYSCALL_WRITE_X: res (int64), data (bytes)

# 2026-01-01T00:00:00Z in nanoseconds, and a made-up thread ID.
START_NS = 1_767_225_600_000_000_000
THREAD_ID = 4242
MESSAGE = b"hello from the dockerlab sample capture\n"


def block(block_type, body):
    """Return one block: header, body padded to 4 bytes, trailing length."""
    body += b"\0" * (-len(body) % 4)
    total_length = 8 + len(body) + 4
    return struct.pack("<II", block_type, total_length) + body + struct.pack("<I", total_length)


def section_header():
    """Return the section header block: version 1.0, section length unknown."""
    return block(SECTION_HEADER_BLOCK, struct.pack("<IHHq", BYTE_ORDER_MAGIC, 1, 0, -1))


def event(timestamp_ns, event_type, params, cpu=0):
    """Return an event block. PARAMS are the encoded parameter values."""
    lengths = b"".join(struct.pack("<H", len(value)) for value in params)
    header_length = 8 + 8 + 4 + 2  # timestamp, thread ID, event length, type
    event_length = header_length + len(lengths) + sum(len(value) for value in params)
    header = struct.pack("<QqIH", timestamp_ns, THREAD_ID, event_length, event_type)
    return block(EVENT_BLOCK, struct.pack("<H", cpu) + header + lengths + b"".join(params))


def sample_capture():
    """Return the bytes of the sample capture."""
    return (
        section_header()
        + event(START_NS, WRITE_ENTER, [struct.pack("<q", 1), struct.pack("<I", len(MESSAGE))])
        + event(START_NS + 20_000, WRITE_EXIT, [struct.pack("<q", len(MESSAGE)), MESSAGE])
    )


def main(argv):
    if len(argv) != 2:
        sys.stderr.write(__doc__.rsplit("\n\n", 1)[-1] + "\n")
        return 2
    with open(argv[1], "wb") as capture:
        capture.write(sample_capture())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
