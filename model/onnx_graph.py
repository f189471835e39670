"""The inputs and outputs an ONNX file declares, read without the ``onnx`` package.

A bundle's settings must fit its network (the image size, the input names, one output), and
that is checked when the bundle loads, before a film is ever predicted. The ``onnx`` package
belongs to the train extra, and OpenCV's DNN module does not report declared input shapes
(a trial forward pass proves little: a network ending in global pooling accepts any size and
answers with other numbers), so this reads the few fields needed straight from the protobuf
wire format: ModelProto.graph, then GraphProto.input/output/initializer, then each
ValueInfoProto's name, element type and dimensions. Everything else, weights included, is
skipped by its length without being decoded.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# Field numbers from onnx.proto (stable since ONNX 1.0).
_MODEL_GRAPH = 7
_GRAPH_INITIALIZER, _GRAPH_INPUT, _GRAPH_OUTPUT = 5, 11, 12
_TENSOR_NAME = 8
_VALUE_NAME, _VALUE_TYPE = 1, 2
_TYPE_TENSOR = 1
_TENSOR_TYPE_ELEM, _TENSOR_TYPE_SHAPE = 1, 2
_SHAPE_DIM = 1
_DIM_VALUE = 1
#: TensorProto.DataType FLOAT: what the predictor feeds and reads.
FLOAT = 1


class OnnxFormatError(ValueError):
    """The bytes are not an ONNX model this reader understands."""


@dataclass(frozen=True)
class TensorSignature:
    """One declared input or output: ``dims`` holds None for a symbolic or unset dimension
    (such as the batch size)."""

    name: str
    elem_type: int
    dims: tuple[int | None, ...]


@dataclass(frozen=True)
class GraphSignature:
    inputs: tuple[TensorSignature, ...]
    outputs: tuple[TensorSignature, ...]


def _varint(buf: memoryview, pos: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        if pos >= len(buf) or shift > 63:
            raise OnnxFormatError("truncated or malformed number")
        byte = buf[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, pos
        shift += 7


def _fields(buf: memoryview) -> Iterator[tuple[int, int | memoryview]]:
    """(field number, value) for each field of one message: an int for a varint, the raw
    bytes for everything else."""
    pos, end = 0, len(buf)
    while pos < end:
        key, pos = _varint(buf, pos)
        number, wire = key >> 3, key & 7
        value: int | memoryview
        if wire == 0:
            value, pos = _varint(buf, pos)
        elif wire in (1, 5):
            size = 8 if wire == 1 else 4
            value, pos = buf[pos:pos + size], pos + size
        elif wire == 2:
            size, pos = _varint(buf, pos)
            value, pos = buf[pos:pos + size], pos + size
        else:
            raise OnnxFormatError(f"unexpected wire type {wire}")
        if pos > end or number == 0:
            raise OnnxFormatError("truncated or malformed message")
        yield number, value


def _bytes(value: int | memoryview) -> memoryview:
    if isinstance(value, int):
        raise OnnxFormatError("a message was expected, a number found")
    return value


def _text(value: int | memoryview) -> str:
    try:
        return bytes(_bytes(value)).decode("utf-8")
    except UnicodeDecodeError:
        raise OnnxFormatError("a name is not UTF-8") from None


def _signed(value: int) -> int:
    return value - (1 << 64) if value >= 1 << 63 else value


def _tensor_signature(value_info: memoryview) -> TensorSignature:
    name, elem_type, dims = "", 0, []
    for number, value in _fields(value_info):
        if number == _VALUE_NAME:
            name = _text(value)
        elif number == _VALUE_TYPE:
            for t_number, t_value in _fields(_bytes(value)):
                if t_number != _TYPE_TENSOR:
                    continue
                for tt_number, tt_value in _fields(_bytes(t_value)):
                    if tt_number == _TENSOR_TYPE_ELEM and isinstance(tt_value, int):
                        elem_type = tt_value
                    elif tt_number == _TENSOR_TYPE_SHAPE:
                        for s_number, s_value in _fields(_bytes(tt_value)):
                            if s_number == _SHAPE_DIM:
                                dims.append(_dimension(_bytes(s_value)))
    return TensorSignature(name, elem_type, tuple(dims))


def _dimension(dim: memoryview) -> int | None:
    for number, value in _fields(dim):
        if number == _DIM_VALUE and isinstance(value, int):
            size = _signed(value)
            return size if size > 0 else None
    return None  # dim_param (a name such as "batch") or nothing: any size


def graph_signature(data: bytes) -> GraphSignature:
    """The graph's declared inputs (weights excluded) and outputs; raises OnnxFormatError."""
    graph = None
    for number, value in _fields(memoryview(data)):
        if number == _MODEL_GRAPH:
            graph = _bytes(value)
    if graph is None:
        raise OnnxFormatError("no graph in the file")
    inputs, outputs, weights = [], [], set()
    for number, value in _fields(graph):
        if number == _GRAPH_INPUT:
            inputs.append(_tensor_signature(_bytes(value)))
        elif number == _GRAPH_OUTPUT:
            outputs.append(_tensor_signature(_bytes(value)))
        elif number == _GRAPH_INITIALIZER:
            weights.update(_text(v) for n, v in _fields(_bytes(value)) if n == _TENSOR_NAME)
    # Before ONNX IR 4, weights were listed among the inputs too.
    real_inputs = tuple(i for i in inputs if i.name not in weights)
    if not real_inputs or not outputs:
        raise OnnxFormatError("the graph declares no inputs or no outputs")
    return GraphSignature(real_inputs, tuple(outputs))


def read_graph_signature(path: str | Path) -> GraphSignature:
    return graph_signature(Path(path).read_bytes())
