"""The sysdig role's sample capture: its generator and the shipped file.

The monitoring scenario reads the file with a real `sysdig -r`. These
tests pin the block layout that libscap's reader expects, so a generator
change that breaks it fails here first.
"""

import importlib.util
import os
import struct

CHECKOUT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
FILES = os.path.join(CHECKOUT, "roles", "sysdig", "files")


def load_generator():
    spec = importlib.util.spec_from_file_location(
        "write_sample_capture", os.path.join(FILES, "write_sample_capture.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def split_blocks(data):
    """Return (type, body) per block, checking each block's two length fields."""
    blocks = []
    offset = 0
    while offset < len(data):
        block_type, total_length = struct.unpack_from("<II", data, offset)
        assert total_length % 4 == 0
        (trailer,) = struct.unpack_from("<I", data, offset + total_length - 4)
        assert trailer == total_length
        blocks.append((block_type, data[offset + 8:offset + total_length - 4]))
        offset += total_length
    assert offset == len(data)
    return blocks


def test_shipped_capture_matches_generator():
    generator = load_generator()
    with open(os.path.join(FILES, "sample.scap"), "rb") as shipped:
        assert shipped.read() == generator.sample_capture()


def test_capture_starts_with_section_header():
    generator = load_generator()
    block_type, body = split_blocks(generator.sample_capture())[0]
    assert block_type == 0x0A0D0D0A
    magic, major, minor, section_length = struct.unpack("<IHHq", body)
    assert magic == 0x1A2B3C4D
    assert (major, minor) == (1, 0)
    assert section_length == -1


def test_capture_events_are_consistent():
    generator = load_generator()
    events = split_blocks(generator.sample_capture())[1:]
    assert [block_type for block_type, _body in events] == [0x8010ABCD, 0x8010ABCD]
    types = []
    for _block_type, body in events:
        _cpu, _timestamp, thread_id, event_length, event_type = struct.unpack_from("<HQqIH", body)
        # The event starts after the 2-byte CPU number. What follows it in
        # the block is only padding to 4 bytes.
        assert 2 + event_length <= len(body) < 2 + event_length + 4
        assert thread_id == generator.THREAD_ID
        types.append(event_type)
    assert types == [generator.WRITE_ENTER, generator.WRITE_EXIT]


def test_write_exit_carries_message():
    generator = load_generator()
    body = split_blocks(generator.sample_capture())[2][1]
    lengths = struct.unpack_from("<HH", body, 2 + 22)
    assert lengths == (8, len(generator.MESSAGE))
    values = body[2 + 22 + 4:]
    (result,) = struct.unpack_from("<q", values)
    assert result == len(generator.MESSAGE)
    assert values[8:8 + lengths[1]] == generator.MESSAGE
