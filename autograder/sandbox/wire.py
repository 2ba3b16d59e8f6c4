"""The wire format between the grader and the submission worker: plain data only.

Messages are JSON objects, each sent as an 8-byte big-endian length followed by
the frame: an 8-byte length and the UTF-8 JSON, then the arrays' raw bytes, each
after its own 8-byte length (base64 inside JSON cost a millisecond per 100 KB
each way). No pickle anywhere: the grader must be able to decode whatever a
hostile worker sends without running any of its code, so decoding builds only
None, bool, int, float, complex, str, list, tuple, dict and numeric ndarrays,
with caps on message size, nesting depth and array size.

Values are JSON natives where JSON is unambiguous (None, bool, int, finite
float, str, list); everything else is a one-key tagged object:

    {"$float": "nan" | "inf" | "-inf"}      non-finite float
    {"$complex": [re, im]}                  complex number (re, im encoded floats)
    {"$tuple": [...]}                       tuple
    {"$dict": [[key, value], ...]}          dict with str or int keys
    {"$nd": [dtype, shape, {"$raw": i}]}    ndarray, dtype like "<f8" (bool/int/uint/float/complex only),
                                            its bytes the frame's i-th buffer (or base64 text in place)
    {"$slice": [start, stop, step]}         slice (for item keys)
    {"$ellipsis": 0}                        ... (for item keys)
    {"$ref": [id, path]}                    grader -> worker: an object the worker holds
    {"$handle": [id, label]}                worker -> grader: a new handle to a worker object

What a `$ref` or `$handle` becomes, and what happens to values that are not
plain data, is decided by the `leaf` / `ref` callbacks the two sides pass in.
This module imports only the standard library and NumPy: the worker loads it.
"""
import base64
import json
import math
import re
import struct

import numpy as np

# Bound now: in the worker, student code may replace builtins (builtins.len = ...).
from builtins import bool, complex, dict, float, int, isinstance, len, list, set, str, tuple, type  # noqa: E402,A004

HEADER = struct.Struct(">Q")
MAX_DEPTH = 48
MAX_NDIM = 32
MAX_INT_BITS = 4096           # Python refuses to print ints of more than ~4300 digits
ARRAY_KINDS = "biufc"         # bool, int, uint, float, complex
_DTYPE_PATTERN = re.compile(r"^[<>|=][biufc][1-9][0-9]?$")
_TAGS = ("$float", "$complex", "$tuple", "$dict", "$nd", "$slice",
         "$ellipsis", "$ref", "$handle")


class WireError(ValueError):
    """A message that breaks the format (bad JSON, bad tag, over a cap)."""


class NotPlainData(TypeError):
    """A value that cannot travel as plain data (and no handle was allowed)."""


class ResultTooLarge(WireError):
    """A value too large for one message (raised before it is encoded)."""


def N_(message):
    """Marks a message for the grader's catalogue. The worker has no translations: it writes the message
    in English, and the grader says it again in the course language (client.worker_message)."""
    return message


TOO_LARGE_REPLY = N_("your code returned a reply of {megabytes} MB; the grader accepts replies of at most {limit} MB "
                     "(return a smaller result)")
TOO_LARGE_ARRAY = N_("your code returned an array {shape} of {megabytes} MB; the grader accepts replies of at most "
                     "{limit} MB (return a smaller result)")
OUT_OF_WORKER_MEMORY = N_("your code returned more data than the worker's memory can send (return a smaller result)")
PYTHON_CHANGED = N_("the worker failed after the submission changed Python itself: {error}")
DISK_FULL_NOTE = N_(" (the grader lets a submission write at most {megabytes} MB, its own files and /tmp together)")
FILE_TOO_LARGE_NOTE = N_(" (the grader lets a submission write files of at most {megabytes} MB)")
#: What the worker writes that a student may read: the grader translates each (client.worker_message).
WORKER_MESSAGES = (TOO_LARGE_ARRAY, TOO_LARGE_REPLY, OUT_OF_WORKER_MEMORY, PYTHON_CHANGED, DISK_FULL_NOTE,
                   FILE_TOO_LARGE_NOTE)


def too_large_message(size, max_bytes, shape=None):
    """What the student reads when a reply is over the cap (sizes in bytes; shape: an array's)."""
    template = TOO_LARGE_REPLY if shape is None else TOO_LARGE_ARRAY
    return template.format(shape=shape, megabytes=f"{size / 2**20:.1f}", limit=f"{max_bytes / 2**20:.0f}")


# ---------------------------------------------------------------- encoding

def _encode_float(x):
    if math.isfinite(x):
        return x
    return {"$float": "nan" if math.isnan(x) else ("inf" if x > 0 else "-inf")}


class RawBytes:
    """An array's bytes inside a message being built or just read: dumps() moves them after the JSON,
    loads() puts them back (each buffer of a frame may be used once)."""
    __slots__ = ("data",)

    def __init__(self, data):
        self.data = data


def encode_array(a, max_bytes=None):
    """ndarray -> {"$nd": ...}; raises NotPlainData for object/str/record dtypes, ResultTooLarge
    when its bytes would be over `max_bytes` (checked before anything is copied)."""
    if a.dtype.kind not in ARRAY_KINDS or a.dtype.fields is not None:
        raise NotPlainData(f"an ndarray of dtype {a.dtype} is not plain data")
    if max_bytes is not None and a.nbytes > max_bytes:
        raise ResultTooLarge(too_large_message(a.nbytes, max_bytes, shape=a.shape))
    return {"$nd": [a.dtype.str, list(a.shape), RawBytes(np.ascontiguousarray(a).tobytes())]}


def encode(value, leaf=None, depth=0, max_bytes=None):
    """Turn `value` into JSON-ready data.

    `leaf(obj)` is called for anything that is not plain data and returns its
    JSON form (a $ref or $handle); without it such values raise NotPlainData.
    Containers are walked, so a tuple (array, SomeObject) becomes a tuple whose
    second item is a handle. max_bytes: ResultTooLarge for an array or a str
    over it (the whole message is checked once encoded).
    """
    if depth > MAX_DEPTH:
        raise NotPlainData(f"data nested deeper than {MAX_DEPTH} levels")
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        if max_bytes is not None and len(value) > max_bytes // 4:     # up to 4 UTF-8 bytes a character
            size = len(value.encode("utf-8", "surrogatepass"))
            if size > max_bytes:
                raise ResultTooLarge(too_large_message(size, max_bytes))
        return value
    if isinstance(value, int):
        if value.bit_length() > MAX_INT_BITS:
            return _not_plain(value, leaf, "an int this large")
        return int(value)
    if isinstance(value, float):
        return _encode_float(float(value))
    if isinstance(value, complex):
        return {"$complex": [_encode_float(value.real), _encode_float(value.imag)]}
    if isinstance(value, np.generic):      # NumPy scalars travel as Python numbers
        if isinstance(value, np.bool_):
            return bool(value)
        if isinstance(value, np.integer):
            return int(value)
        if isinstance(value, np.floating):
            return _encode_float(float(value))
        if isinstance(value, np.complexfloating):
            return encode(complex(value), leaf, depth, max_bytes)
        return _not_plain(value, leaf)
    if type(value) is np.ndarray:
        if value.dtype.kind in ARRAY_KINDS and value.dtype.fields is None:
            return encode_array(value, max_bytes)
        return _not_plain(value, leaf)
    if isinstance(value, list):
        return [encode(v, leaf, depth + 1, max_bytes) for v in value]
    if isinstance(value, tuple):
        return {"$tuple": [encode(v, leaf, depth + 1, max_bytes) for v in value]}
    if isinstance(value, dict):
        if all(type(k) in (str, int) for k in value):
            return {"$dict": [[k, encode(v, leaf, depth + 1, max_bytes)] for k, v in value.items()]}
        return _not_plain(value, leaf, "a dict with keys other than str or int")
    if isinstance(value, slice):
        return {"$slice": [encode(value.start, leaf, depth + 1),
                           encode(value.stop, leaf, depth + 1),
                           encode(value.step, leaf, depth + 1)]}
    if value is Ellipsis:
        return {"$ellipsis": 0}
    return _not_plain(value, leaf)


def _not_plain(value, leaf, what=None):
    if leaf is None:
        what = what or f"a {type(value).__name__}"
        raise NotPlainData(f"{what} is not plain data")
    return leaf(value)


# ---------------------------------------------------------------- decoding

def _decode_float(x):
    if isinstance(x, dict) and set(x) == {"$float"} and x["$float"] in ("nan", "inf", "-inf"):
        return float(x["$float"])
    if type(x) in (int, float):
        return float(x)
    raise WireError("bad float")


def decode_array(spec, max_bytes):
    if not (isinstance(spec, list) and len(spec) == 3):
        raise WireError("bad $nd")
    dtype_str, shape, data = spec
    if not (isinstance(dtype_str, str) and _DTYPE_PATTERN.match(dtype_str)):
        raise WireError(f"refused array dtype {dtype_str!r}")
    if not (isinstance(shape, list) and len(shape) <= MAX_NDIM
            and all(type(n) is int and n >= 0 for n in shape)):
        raise WireError("bad array shape")
    if not isinstance(data, (str, RawBytes)):
        raise WireError("bad array data")
    dtype = np.dtype(dtype_str)
    count = math.prod(shape)
    if count * dtype.itemsize > max_bytes:
        raise WireError("array over the size cap")
    if isinstance(data, RawBytes):
        raw = data.data
    else:
        try:
            raw = base64.b64decode(data.encode("ascii"), validate=True)
        except (ValueError, UnicodeEncodeError):
            raise WireError("bad base64 array data") from None
    if len(raw) != count * dtype.itemsize:
        raise WireError("array data does not match its shape")
    array = np.frombuffer(bytearray(raw), dtype=dtype).reshape(shape)
    if not array.dtype.isnative:
        array = array.astype(array.dtype.newbyteorder("="))
    return array


def decode(data, ref=None, max_bytes=1 << 31, depth=0):
    """Inverse of `encode`, with strict validation.

    `ref(tag, payload)` turns a "$ref"/"$handle" tag into an object; without
    it those tags are refused.
    """
    if depth > MAX_DEPTH + 2:
        raise WireError("message nested too deeply")
    if data is None or type(data) in (bool, str, float):
        return data
    if type(data) is int:
        if data.bit_length() > MAX_INT_BITS:
            raise WireError("int too large")
        return data
    if type(data) is list:
        return [decode(v, ref, max_bytes, depth + 1) for v in data]
    if type(data) is not dict or len(data) != 1:
        raise WireError("bad value")
    (tag, payload), = data.items()
    if tag == "$float":
        return _decode_float(data)
    if tag == "$complex":
        if not (isinstance(payload, list) and len(payload) == 2):
            raise WireError("bad $complex")
        return complex(_decode_float(payload[0]), _decode_float(payload[1]))
    if tag == "$tuple":
        if type(payload) is not list:
            raise WireError("bad $tuple")
        return tuple(decode(v, ref, max_bytes, depth + 1) for v in payload)
    if tag == "$dict":
        if type(payload) is not list:
            raise WireError("bad $dict")
        out = {}
        for pair in payload:
            if not (type(pair) is list and len(pair) == 2 and type(pair[0]) in (str, int)):
                raise WireError("bad $dict item")
            out[pair[0]] = decode(pair[1], ref, max_bytes, depth + 1)
        return out
    if tag == "$nd":
        return decode_array(payload, max_bytes)
    if tag == "$slice":
        if not (type(payload) is list and len(payload) == 3):
            raise WireError("bad $slice")
        parts = [decode(v, None, max_bytes, depth + 1) for v in payload]
        if not all(p is None or type(p) is int for p in parts):
            raise WireError("slice bounds must be ints")
        return slice(*parts)
    if tag == "$ellipsis":
        return Ellipsis
    if tag in ("$ref", "$handle") and ref is not None:
        return ref(tag, payload)
    raise WireError(f"refused tag {tag!r}")


# ---------------------------------------------------------------- framing

def _reject_constant(name):
    raise WireError(f"refused JSON constant {name}")


MAX_BUFFERS = 1 << 16         # arrays in one message


def dumps(message):
    """A message (JSON-ready dict, arrays as RawBytes) -> framed bytes."""
    buffers = []

    def place(value):
        if type(value) is RawBytes:
            buffers.append(value.data)
            return {"$raw": len(buffers) - 1}
        raise TypeError(f"{type(value).__name__} is not JSON-ready")

    body = json.dumps(message, separators=(",", ":"), allow_nan=False, default=place).encode("utf-8")
    parts = [None, HEADER.pack(len(body)), body]
    for data in buffers:
        parts += [HEADER.pack(len(data)), data]
    parts[0] = HEADER.pack(sum(len(part) for part in parts[1:]))
    return b"".join(parts)


MAX_INT_DIGITS = len(str(1 << MAX_INT_BITS))


def _bounded_int(text):
    """JSON int literals: refused past MAX_INT_DIGITS, before Python converts them."""
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise WireError(f"an int of {len(text)} digits (at most {MAX_INT_DIGITS})")
    return int(text)


def _buffers(frame, start):
    """The raw buffers after the JSON of a frame, from `start` to its end (each 8-byte length, bytes)."""
    buffers, view = [], memoryview(frame)
    while start < len(frame):
        if start + HEADER.size > len(frame) or len(buffers) >= MAX_BUFFERS:
            raise WireError("bad buffer table")
        (size,) = HEADER.unpack_from(frame, start)
        start += HEADER.size
        if size > len(frame) - start:
            raise WireError("a buffer runs past the message")
        buffers.append(view[start:start + size])
        start += size
    return buffers


def loads(frame):
    """Frame bytes -> message dict (no NaN/Infinity literals, no ints over MAX_INT_DIGITS), arrays'
    buffers as RawBytes where they belong.

    The caller has capped the frame's size before reading it; whatever it holds,
    only WireError comes out of here.
    """
    if len(frame) < HEADER.size:
        raise WireError("message too short")
    (size,) = HEADER.unpack_from(frame, 0)
    if size > len(frame) - HEADER.size:
        raise WireError("the JSON runs past the message")
    buffers = _buffers(frame, HEADER.size + size)
    used = set()

    def restore(obj):
        if len(obj) == 1 and "$raw" in obj:
            index = obj["$raw"]
            if type(index) is not int or not 0 <= index < len(buffers) or index in used:
                raise WireError("bad $raw buffer reference")
            used.add(index)           # each buffer once: a reply cannot multiply its size by reuse
            return RawBytes(buffers[index])
        return obj

    try:
        message = json.loads(bytes(frame[HEADER.size:HEADER.size + size]), parse_constant=_reject_constant,
                             parse_int=_bounded_int, object_hook=restore)
    except WireError:
        raise
    except (UnicodeDecodeError, ValueError, RecursionError, MemoryError, TypeError) as error:
        raise WireError(f"undecodable message: {str(error)[:200]}") from None
    if type(message) is not dict:
        raise WireError("a message must be a JSON object")
    return message


def recv_blocking(sock, max_bytes):
    """Read one framed message from a blocking socket (the worker's side)."""
    header = _recv_exact(sock, HEADER.size)
    (size,) = HEADER.unpack(header)
    if size > max_bytes:
        raise WireError(f"message of {size} bytes is over the cap")
    return loads(_recv_exact(sock, size))


def _recv_exact(sock, size):
    chunks, remaining = [], size
    while remaining:
        chunk = sock.recv(min(remaining, 1 << 20))
        if not chunk:
            raise EOFError("channel closed")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)
