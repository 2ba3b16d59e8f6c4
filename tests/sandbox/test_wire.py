"""The plain-data wire format on its own: round trips and strict refusals."""
import math

import numpy as np
import pytest

from autograder.sandbox import wire


def roundtrip(value):
    return wire.decode(wire.loads(wire.dumps({"v": wire.encode(value)})[wire.HEADER.size:])["v"])


def framed(json_text, *buffers):
    """A frame as loads() reads it (after the outer length): the JSON's length, the JSON, the buffers."""
    parts = [wire.HEADER.pack(len(json_text)), json_text]
    for data in buffers:
        parts += [wire.HEADER.pack(len(data)), data]
    return b"".join(parts)


@pytest.mark.parametrize("value", [None, True, False, 0, -7, 2 ** 80, 1.5, -0.0, "héllo ✓", "",
                                   [], [1, [2, [3]]], (), (1, "a"), {}, {"a": 1, 3: [None]},
                                   1 + 2j, slice(1, None, 2), Ellipsis])
def test_plain_values_round_trip_with_their_types(value):
    back = roundtrip(value)
    assert back == value and type(back) is type(value)


def test_int_and_float_stay_distinct():
    assert type(roundtrip(1)) is int and type(roundtrip(1.0)) is float
    assert type(roundtrip(np.int64(3))) is int and type(roundtrip(np.float32(0.5))) is float
    assert roundtrip(np.bool_(True)) is True


def test_non_finite_floats_round_trip():
    back = roundtrip([math.nan, math.inf, -math.inf, np.float64("nan")])
    assert math.isnan(back[0]) and back[1] == math.inf and back[2] == -math.inf and math.isnan(back[3])


@pytest.mark.parametrize("array", [np.arange(6.0).reshape(2, 3), np.array(3.5), np.zeros((0, 4)),
                                   np.array([True, False]), np.arange(5, dtype=np.uint8),
                                   np.array([1 + 1j]), np.array([np.nan, np.inf]),
                                   np.arange(12, dtype=np.int32).reshape(3, 4).T,
                                   np.arange(3, dtype=">f8")])
def test_arrays_round_trip_exactly(array):
    back = roundtrip(array)
    assert type(back) is np.ndarray and back.shape == array.shape
    assert back.dtype == array.dtype.newbyteorder("=")
    np.testing.assert_array_equal(back, array)
    assert back.flags.writeable


def test_nested_containers_with_arrays():
    value = {"params": {"W": np.ones((2, 2))}, "list": [np.zeros(1), (np.arange(2),)]}
    back = roundtrip(value)
    np.testing.assert_array_equal(back["params"]["W"], np.ones((2, 2)))
    assert isinstance(back["list"][1], tuple)


@pytest.mark.parametrize("value", [object(), np.array([object()]), np.array(["a"]),
                                   {(1, 2): 3}, {1.5: 0}, lambda x: x, 10 ** 2000])
def test_values_that_are_not_plain_data_are_refused(value):
    with pytest.raises(wire.NotPlainData):
        wire.encode(value)


def test_a_leaf_callback_replaces_what_is_not_plain():
    marker = object()
    encoded = wire.encode((1, marker), leaf=lambda obj: {"$handle": [7, "thing"]})
    assert encoded == {"$tuple": [1, {"$handle": [7, "thing"]}]}


@pytest.mark.parametrize("data", [
    {"$nd": ["|O8", [1], "AAAAAAAAAAA="]},            # object dtype
    {"$nd": ["<f8", [2], "AAAAAAAAAAA="]},            # 8 bytes for 2 floats
    {"$nd": ["<f8", [-1], ""]},                       # negative shape
    {"$nd": ["float64; import os", [0], ""]},         # not a dtype string
    {"$nd": ["<f8", [1 << 40], ""]},                  # over the size cap
    {"$pickle": "gASV"},                              # unknown tag
    {"$tuple": [], "$dict": []},                      # two tags
    {"$dict": [[1.5, 0]]},                            # float key
    {"$ref": [1, []]},                                # refs refused without a callback
    {"$slice": ["a", None, None]},
])
def test_malformed_data_is_refused(data):
    with pytest.raises(wire.WireError):
        wire.decode(data, max_bytes=1 << 20)


def test_depth_is_capped():
    deep = []
    for _ in range(wire.MAX_DEPTH + 10):
        deep = [deep]
    with pytest.raises(wire.NotPlainData):
        wire.encode(deep)
    with pytest.raises(wire.WireError):
        wire.decode(deep)


def test_json_constants_and_non_objects_are_refused():
    assert wire.loads(framed(b'{"v": 1}')) == {"v": 1}
    with pytest.raises(wire.WireError):
        wire.loads(framed(b'{"v": NaN}'))
    with pytest.raises(wire.WireError):
        wire.loads(framed(b'[1, 2]'))
    with pytest.raises(wire.WireError):
        wire.loads(framed(b'\xff\xfe'))


def test_arrays_travel_as_raw_bytes_after_the_json():
    array = np.arange(1000.0)
    frame = wire.dumps({"v": wire.encode(array)})
    assert len(frame) < array.nbytes + 200                       # no base64: the bytes as they are
    assert b'"$raw":0' in frame and array.tobytes() in frame


@pytest.mark.parametrize("frame", [
    framed(b'{"v": {"$nd": ["<f8", [1], {"$raw": 1}]}}', b"\0" * 8),           # no such buffer
    framed(b'{"v": {"$nd": ["<f8", [1], {"$raw": "0"}]}}', b"\0" * 8),         # not an index
    framed(b'{"v": [{"$raw": 0}, {"$raw": 0}]}', b"\0" * 8),                   # one buffer used twice
    framed(b'{"v": 1}') + wire.HEADER.pack(1 << 40),                           # a buffer past the end
    framed(b'{"v": 1}') + b"\0\0\0",                                           # a broken buffer table
    wire.HEADER.pack(1 << 30) + b'{"v": 1}',                                   # JSON past the end
    b"\0\0",                                                                  # no header
])
def test_forged_frames_are_wire_errors(frame):
    with pytest.raises(wire.WireError):
        wire.decode(wire.loads(frame)["v"], max_bytes=1 << 20)


def test_a_raw_buffer_must_match_its_arrays_shape():
    message = wire.loads(framed(b'{"v": {"$nd": ["<f8", [2], {"$raw": 0}]}}', b"\0" * 8))
    with pytest.raises(wire.WireError, match="does not match"):
        wire.decode(message["v"], max_bytes=1 << 20)
    assert wire.decode(wire.loads(framed(b'{"v": {"$nd": ["<f8", [1], {"$raw": 0}]}}', b"\0" * 8))["v"],
                       max_bytes=1 << 20).tolist() == [0.0]
