"""YAML reading that remembers where things are, and pydantic errors turned into located problems.

Content errors must name the file and the line. PyYAML (with libyaml's C parser when
available, which keeps start-up fast) builds every mapping as a :class:`LineDict` and every
list as a :class:`LineList` that record the line of each key and item; :func:`locate` walks
a pydantic error location down that tree. Duplicate keys are errors, not silently merged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar, cast

import yaml
import yaml.composer
import yaml.constructor
import yaml.parser
import yaml.reader
import yaml.resolver
import yaml.scanner
from pydantic import BaseModel, ValidationError

from la4ai.errors import ContentProblem

__all__ = [
    "UNION_TAG_PREFIX",
    "LineDict",
    "LineList",
    "YamlDocument",
    "load_yaml",
    "locate",
    "plain",
    "problems_from_validation",
    "read_source",
    "validate_yaml",
]

M = TypeVar("M", bound=BaseModel)

UNION_TAG_PREFIX = "@"  # Tag("@module"): marks a pydantic union tag in an error location


def _is_union_tag(node: Any, key: int | str) -> bool:
    """pydantic puts a tagged union's tag into error locations; it is not a YAML key. It is
    either the value of the discriminator field (``kind: numeric`` → 'numeric') or a tag
    named with the ``@`` prefix."""
    if not isinstance(key, str) or not isinstance(node, dict) or key in node:
        return False
    return key.startswith(UNION_TAG_PREFIX) or key in {str(v) for v in node.values()}


class LineDict(dict[Any, Any]):
    """A mapping from YAML: ``line`` is where it starts, ``lines[key]`` where each key is
    (0-based)."""

    line: int
    lines: dict[Any, int]


class LineList(list[Any]):
    """A sequence from YAML: ``line`` is where it starts, ``lines[i]`` where item i is."""

    line: int
    lines: list[int]


class _DuplicateKey(yaml.MarkedYAMLError):
    pass


class _Core12Resolver(yaml.resolver.BaseResolver):
    """YAML 1.2 core-schema scalars: only true/false are booleans (``No`` stays a string),
    ``0777`` is 777, ``1e3`` is a float, ``1:30`` and dates stay strings."""


for _tag, _pattern, _first in [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]:
    _Core12Resolver.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))

try:  # libyaml's C parser (fast start-up); the pure-Python one otherwise
    from yaml._yaml import CParser

    class _Parse(CParser):
        pass

except ImportError:  # pragma: no cover - PyYAML wheels ship libyaml

    class _Parse(  # type: ignore[no-redef]
        yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer
    ):
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)


class _Loader(_Parse, yaml.constructor.SafeConstructor, _Core12Resolver):
    """Safe loading (no arbitrary objects), YAML 1.2 scalars, line numbers, and
    duplicate-key errors."""

    def __init__(self, stream: str) -> None:
        _Parse.__init__(self, stream)
        yaml.constructor.SafeConstructor.__init__(self)
        _Core12Resolver.__init__(self)


def _int(loader: yaml.constructor.SafeConstructor, node: yaml.ScalarNode) -> int:
    text = str(loader.construct_scalar(node))
    if text.startswith(("0o", "0x")):
        return int(text[2:], 8 if text[1] == "o" else 16)
    return int(text, 10)


def _float(loader: yaml.constructor.SafeConstructor, node: yaml.ScalarNode) -> float:
    text = str(loader.construct_scalar(node)).lower()
    if text.endswith(("inf", "nan")):
        return float(text.replace(".", ""))
    return float(text)


def _mapping(loader: yaml.constructor.SafeConstructor, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line, result.lines = node.start_mark.line, {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            duplicate = key in result
        except TypeError:
            raise _DuplicateKey(
                problem=f"a key must be a plain value, not {key!r}",
                problem_mark=key_node.start_mark,
            ) from None
        if duplicate:
            raise _DuplicateKey(problem=f"duplicate key {key!r}", problem_mark=key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = key_node.start_mark.line
    return result


def _sequence(loader: yaml.constructor.SafeConstructor, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line
    result.lines = [child.start_mark.line for child in node.value]
    return result


for _tag_name, _construct in [
    ("map", _mapping),
    ("seq", _sequence),
    ("int", _int),
    ("float", _float),
]:
    cast(Any, _Loader).add_constructor(f"tag:yaml.org,2002:{_tag_name}", _construct)


class YamlDocument:
    """A parsed YAML file: the data, plus the file and a line offset for error messages."""

    def __init__(self, data: Any, file: Path, line_offset: int = 0) -> None:
        self.data = data
        self.file = file
        self.line_offset = line_offset

    def line_of(self, loc: Sequence[int | str]) -> int:
        """1-based line in the file of the node at ``loc`` (or of its nearest existing parent)."""
        return locate(self.data, loc) + self.line_offset + 1

    def problem(self, loc: Sequence[int | str], message: str) -> ContentProblem:
        return ContentProblem(self.file, self.line_of(loc), message)


def read_source(path: Path) -> str | ContentProblem:
    """A content file's text, or a located problem when it is not UTF-8."""
    try:
        return path.read_text("utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        return ContentProblem(path, line, "not UTF-8 text (save the file as UTF-8)")


def load_yaml(text: str, *, file: Path, line_offset: int = 0) -> YamlDocument | ContentProblem:
    """Parse ``text``; a syntax error or duplicate key comes back as one located problem."""
    try:
        loader = _Loader(text)
        try:
            data = loader.get_single_data()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark is not None else None
        what = (exc.problem or exc.context or "invalid YAML").strip()
        return ContentProblem(file, line, f"YAML syntax error: {what}")
    except yaml.YAMLError as exc:
        return ContentProblem(file, None, f"YAML syntax error: {exc}")
    return YamlDocument(data, file, line_offset)


def locate(node: Any, loc: Sequence[int | str]) -> int:
    """0-based line of the deepest node along ``loc`` that exists in the YAML tree."""
    line = int(getattr(node, "line", 0))
    for key in loc:
        if isinstance(node, LineDict):
            if _is_union_tag(node, key):
                continue
            if key in node:
                line = node.lines[key]
                node = node[key]
                continue
            break
        if isinstance(node, LineList) and isinstance(key, int) and 0 <= key < len(node):
            line = node.lines[key]
            node = node[key]
            continue
        break
    return line


def plain(value: Any) -> Any:
    """Plain dicts and lists (for JSON), without the line bookkeeping."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def _describe_loc(loc: Sequence[int | str], data: Any) -> str:
    """``items[2].answer`` from ('items', 2, 'numeric', 'answer'), dropping union tags."""
    parts: list[str] = []
    node = data
    for key in loc:
        if _is_union_tag(node, key):
            continue
        parts.append(f"[{key}]" if isinstance(key, int) else ("." if parts else "") + key)
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            node = None
    return "".join(parts)


def problems_from_validation(exc: ValidationError, doc: YamlDocument) -> list[ContentProblem]:
    """One located, readable problem per pydantic error."""
    problems: list[ContentProblem] = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        kind = err["type"]
        if kind in {"extra_forbidden", "missing"} and loc:
            where = _describe_loc(loc[:-1], doc.data)
            what = "unknown key" if kind == "extra_forbidden" else "missing required key"
            msg = f"{what} {loc[-1]!r}" + (f" in {where}" if where else "")
        else:
            where = _describe_loc(loc, doc.data)
            text = str(err["msg"]).removeprefix("Value error, ")
            msg = f"{where}: {text}" if where else text
        problems.append(doc.problem(loc, msg))
    return problems


def validate_yaml(model: type[M], doc: YamlDocument) -> tuple[M | None, list[ContentProblem]]:
    """Validate a YAML document against a model: the model, or the located problems."""
    if not isinstance(doc.data, dict):
        kind = "empty" if doc.data is None else f"a {type(doc.data).__name__}"
        return None, [ContentProblem(doc.file, 1, f"expected a mapping of keys, got {kind}")]
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        return None, problems_from_validation(exc, doc)
