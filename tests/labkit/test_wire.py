"""The grader↔checker data format: values round-trip with their types, and whatever a
hostile sender can put on the channel decodes to plain data or is refused."""

from __future__ import annotations

import json
import math
import os
import threading
import time
from typing import Any

import numpy as np
import pytest

from la4ai.labkit.wire import (
    MAX_DEPTH,
    Closed,
    PlottedAxes,
    TimedOut,
    Unencodable,
    WireError,
    decode,
    encode,
    read_frame,
    write_frame,
)


def roundtrip(value: object) -> Any:
    return decode(json.loads(json.dumps(encode(value))))


@pytest.mark.parametrize(
    "value",
    [
        None,
        True,
        0,
        -(2**80),
        1.5,
        "text with ünïcode",
        [1, [2.0, "x"], []],
        (1, (2, 3)),
        {"a": 1, 2: [3], (1, 2): None},
        complex(1, -2),
    ],
)
def test_plain_values_round_trip_with_their_types(value: object) -> None:
    back = roundtrip(value)
    assert back == value
    assert type(back) is type(value)


def test_lists_and_tuples_and_ints_and_floats_stay_distinct() -> None:
    back = roundtrip([1, 1.0, (1,), [1], True])
    assert [type(x) for x in back] == [int, float, tuple, list, bool]


@pytest.mark.parametrize("special", [math.inf, -math.inf])
def test_infinities_cross(special: float) -> None:
    assert roundtrip(special) == special


def test_nan_crosses_as_nan_inside_structures_too() -> None:
    back = roundtrip({"x": math.nan, "z": complex(math.nan, 1)})
    assert math.isnan(back["x"])
    assert math.isnan(back["z"].real)


@pytest.mark.parametrize(
    "array",
    [
        np.arange(12, dtype=np.float64).reshape(3, 4),
        np.array([[1, 2]], dtype=np.int32),
        np.array([True, False]),
        np.array([1 + 2j], dtype=np.complex64),
        np.zeros((0, 3)),
        np.asfortranarray(np.arange(6.0).reshape(2, 3)),
        np.arange(10.0)[::3],
        np.array([1.0, 2.0], dtype=">f8"),  # big-endian input
        np.float32(2.5) * np.ones((2, 2, 2), dtype=np.float32),
    ],
)
def test_arrays_round_trip_with_dtype_shape_and_values(array: np.ndarray[Any, Any]) -> None:
    back = roundtrip(array)
    assert isinstance(back, np.ndarray)
    assert back.shape == array.shape
    assert back.dtype == array.dtype.newbyteorder("=")
    np.testing.assert_array_equal(back, array)
    back[...] = 0  # a writable copy, not a view of the message


def test_numpy_scalars_stay_numpy_scalars() -> None:
    back = roundtrip([np.int64(3), np.float32(0.5), np.bool_(True)])
    assert [type(x) for x in back] == [np.int64, np.float32, np.bool_]
    assert back == [3, 0.5, True]


@pytest.mark.parametrize(
    "value",
    [
        np.array([object()], dtype=object),
        np.array(["text"]),
        np.zeros(2, dtype=[("a", "f8")]),
        object(),
        {1, 2},
        (x for x in range(2)),
        lambda: 1,
    ],
)
def test_what_cannot_cross_is_refused_with_its_type(value: object) -> None:
    with pytest.raises(Unencodable):
        encode(value)


def test_a_self_containing_list_is_refused_not_a_crash() -> None:
    loop: list[object] = []
    loop.append(loop)
    with pytest.raises(Unencodable, match="nested more than"):
        encode(loop)


@pytest.mark.parametrize(
    "obj",
    [
        {"$": "pickle", "data": "gASV"},
        {"no": "tag"},
        {"$": "ndarray", "dtype": "|O", "shape": [1], "data": "AAAAAAAAAAA="},
        {"$": "ndarray", "dtype": "<f8", "shape": [2], "data": "AAAAAAAAAAA="},  # 8 bytes for 2
        {"$": "ndarray", "dtype": "<f8", "shape": [-1], "data": ""},
        {"$": "ndarray", "dtype": "<f8", "shape": [1], "data": "not base64!"},
        {"$": "ndarray", "dtype": "(2,)f8", "shape": [1], "data": "A" * 24},
        {"$": "scalar", "dtype": "<f8", "shape": [1], "data": "AAAAAAAAAAA="},
        {"$": "float", "value": "__import__('os')"},
        {"$": "dict", "items": [[1]]},
        {"$": "dict", "items": [[[1], 2]]},  # an unhashable key
        {"$": "axes", "items": [1]},
        {"$": "tuple"},
    ],
)
def test_malformed_or_hostile_data_is_refused(obj: object) -> None:
    with pytest.raises(WireError):
        decode(obj)


def test_decoding_depth_is_bounded() -> None:
    deep: object = 1
    for _ in range(MAX_DEPTH + 5):
        deep = [deep]
    with pytest.raises(WireError, match="nested"):
        decode(deep)


def test_a_matplotlib_axes_crosses_as_what_it_draws() -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.plot([0, 1], [2, 3], label="line")
    ax.set_title("T")
    try:
        back = roundtrip(ax)
        both = roundtrip(fig)
    finally:
        plt.close(fig)
    assert isinstance(back, PlottedAxes)
    assert back["title"] == "T"
    np.testing.assert_array_equal(back["lines"][0]["y"], [2, 3])
    assert isinstance(both, PlottedAxes)  # a figure with one axes is that axes


def test_frames_round_trip_through_a_pipe() -> None:
    read, write = os.pipe()
    try:
        write_frame(write, {"value": encode(np.ones(3))})
        message = read_frame(read, deadline=time.monotonic() + 5)
    finally:
        os.close(read)
        os.close(write)
    np.testing.assert_array_equal(decode(message["value"]), np.ones(3))


def test_a_large_frame_arrives_whole() -> None:
    read, write = os.pipe()
    big = np.arange(200_000, dtype=np.float64)  # far more than a pipe buffer
    writer = threading.Thread(target=write_frame, args=(write, {"value": encode(big)}))
    writer.start()
    try:
        message = read_frame(read, deadline=time.monotonic() + 10)
    finally:
        writer.join()
        os.close(read)
        os.close(write)
    np.testing.assert_array_equal(decode(message["value"]), big)


def test_reading_times_out_closes_and_refuses() -> None:
    read, write = os.pipe()
    try:
        with pytest.raises(TimedOut):
            read_frame(read, deadline=time.monotonic() + 0.05)
        os.write(write, b"5\n{}")  # a frame cut short
        with pytest.raises(TimedOut):
            read_frame(read, deadline=time.monotonic() + 0.05)
    finally:
        os.close(read)
        os.close(write)

    for junk, error in [
        (b"x\n", WireError),
        (b"\n", WireError),
        (b"99999999999999\n", WireError),
        (b"2\n[]", WireError),  # not an object
        (b"2\n{", Closed),
        (b"", Closed),
    ]:
        read, write = os.pipe()
        os.write(write, junk)
        os.close(write)
        try:
            with pytest.raises(error):
                read_frame(read, deadline=time.monotonic() + 1, limit=1000)
        finally:
            os.close(read)
