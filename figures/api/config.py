"""Configuration from ``figures.toml`` or ``[tool.figures]`` in ``pyproject.toml``.

``figures check`` and :func:`figures.check` read it here, so both honour it alike.

Loading the configuration also puts its resource limits (:mod:`figures.core.limits`) in force.

The nearest file in the working folder or any folder above it is used, so a check run
from inside a project reads the project's settings. Command-line options override the
file; paths in the file are relative to it. An
unknown key or a value of the wrong kind is an error naming the file and line.
"""

from __future__ import annotations

import dataclasses
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from figures.core import limits
from figures.core.datafile import load_toml, read_text
from figures.core.errors import RuleFileError
from figures.core.files import special_kind
from figures.core.limits import Limits

FAIL_ON = ("error", "warning", "info", "never")

_KEYS: dict[str, tuple[type, str]] = {
    "rules": (str, "folder of rule files"),
    "paths": (list, "articles or folders 'figures check' checks when it is given none"),
    "corpus": (list, "articles every check compares against"),
    "fail_on": (str, f"lowest severity that fails the run: {', '.join(FAIL_ON)}"),
    "format": (str, "output format of the command line ('figures check --help' lists them)"),
    "baseline": (str, "baseline file of known findings"),
    "select": (list, "only these codes (prefixes allowed; ALL is every code)"),
    "extend_select": (list, "these codes too, over select (prefixes allowed)"),
    "ignore": (list, "never these codes (prefixes allowed); a more specific select wins"),
    "exclude": (list, "glob patterns of files a folder walk skips"),
    "per_file_ignores": (dict, "a table of globs, each with the codes never reported for the files it names"),
    "verdicts": (str, "verdicts file written by 'figures worksheet --import'"),
    "respect_gitignore": (bool, "folder walks skip what .gitignore names (default true)"),
    "include_hidden": (bool, "folder walks enter hidden folders and node_modules too (default false)"),
    "max_article_mb": (float, "largest article read, in MB; a larger one is FG001"),
    "max_sentence_chars": (int, "longest sentence read whole; a longer one is read in pieces"),
    "max_figures_per_sentence": (int, "most figures read from one sentence"),
}
_LIMIT_KEYS = ("max_article_mb", "max_sentence_chars", "max_figures_per_sentence")
# A limit is there to be raised for an odd archive, not lifted: past these it protects nothing.
_LIMIT_MAX = {"max_article_mb": 1024, "max_sentence_chars": 10_000_000, "max_figures_per_sentence": 1_000_000}


@dataclass
class Config:
    rules: str | None = None
    paths: list[str] = field(default_factory=list)
    corpus: list[str] = field(default_factory=list)
    fail_on: str = "error"
    format: str = "text"
    baseline: str | None = None
    select: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    verdicts: str | None = None
    respect_gitignore: bool = True
    include_hidden: bool = False
    source: str | None = None  # the configuration file, when there is one
    limits: Limits = field(default_factory=Limits)

    @property
    def root(self) -> Path:
        """The project folder: the configuration file's folder, else the working folder."""
        return Path(self.source).parent if self.source else Path(".")


def _line_of(text: str, key: str) -> int | None:
    m = re.search(rf"^\s*{re.escape(key)}\s*=", text, re.MULTILINE)
    return text.count("\n", 0, m.start()) + 1 if m else None


def _limit(path: Path, text: str, key: str, value: Any) -> float | int:
    """A resource limit's value, checked: a positive finite number, whole where it counts, under its ceiling."""
    name = key.replace("-", "_")
    kind, doc = _KEYS[name]
    number_ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    if not number_ok or value <= 0 or (kind is int and not isinstance(value, int)):
        what = "a positive whole number" if kind is int else "a positive number"
        raise RuleFileError(str(path), _line_of(text, key), f"'{key}' must be {what} ({doc})")
    if value > _LIMIT_MAX[name]:
        raise RuleFileError(
            str(path), _line_of(text, key), f"'{key}' is {value}, above its ceiling of {_LIMIT_MAX[name]:,}"
        )
    return value


def _checked_kind(path: Path, text: str, key: str, value: Any) -> None:
    """A string, a list of strings or a boolean, as the key takes; never with a NUL character."""
    kind, doc = _KEYS[key.replace("-", "_")]
    if kind is bool:
        if not isinstance(value, bool):
            raise RuleFileError(str(path), _line_of(text, key), f"'{key}' must be true or false ({doc})")
        return
    if not isinstance(value, kind) or (kind is list and not all(isinstance(v, str) for v in value)):
        raise RuleFileError(
            str(path),
            _line_of(text, key),
            f"'{key}' must be {'a list of strings' if kind is list else 'a string'} ({doc})",
        )
    if "\x00" in (value if isinstance(value, str) else "".join(value)):  # no path or pattern holds one
        raise RuleFileError(str(path), _line_of(text, key), f"'{key}' holds a NUL character", "remove it")


def _setting(path: Path, text: str, key: str, value: Any, choices: dict[str, tuple[str, ...]]) -> Any:
    """A setting's value as the run uses it: a choice checked, codes upper-cased, paths made relative to the file."""
    name = key.replace("-", "_")
    if name in choices and value not in choices[name]:
        raise RuleFileError(
            str(path), _line_of(text, key), f"{key} is '{value}'", f"expected one of: {', '.join(choices[name])}"
        )
    if name in ("select", "extend_select", "ignore"):
        from figures.api.selection import known_or_all
        from figures.checks import unknown_codes

        unknown = unknown_codes(known_or_all(value))
        if unknown:
            raise RuleFileError(
                str(path),
                _line_of(text, key),
                f"{key}: unknown code(s) {', '.join(unknown)}",
                "'figures codes' lists them all",
            )
        return [v.upper() for v in value]
    if name in ("rules", "baseline", "verdicts"):
        return str(path.parent / value)
    if name in ("corpus", "paths"):
        return [str(path.parent / v) for v in value]
    return value


def _per_file_ignores(path: Path, text: str, key: str, value: Any) -> dict[str, list[str]]:
    """The per-file ignores, checked: a table of globs, each with a list of known codes (or ALL), upper-cased."""
    if not isinstance(value, dict):
        raise RuleFileError(
            str(path),
            _line_of(text, key),
            f"'{key}' must be a table",
            '[tool.figures.per-file-ignores] "archive/**" = ["FG301"]',
        )
    out: dict[str, list[str]] = {}
    for glob, codes in value.items():
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            raise RuleFileError(str(path), _line_of(text, f'"{glob}"'), f"'{key}': \"{glob}\" must be a list of codes")
        from figures.api.selection import known_or_all
        from figures.checks import unknown_codes

        unknown = unknown_codes(known_or_all(codes))
        if unknown:
            raise RuleFileError(
                str(path),
                _line_of(text, f'"{glob}"'),
                f"'{key}': \"{glob}\" names unknown code(s) {', '.join(unknown)}",
                "'figures codes' lists them all",
            )
        out[glob] = [c.upper() for c in codes]
    return out


def _apply(path: Path, text: str, table: dict[str, Any], choices: dict[str, tuple[str, ...]]) -> Config:
    config = Config(source=str(path))
    for key, value in table.items():
        name = key.replace("-", "_")
        if name not in _KEYS:
            raise RuleFileError(
                str(path),
                _line_of(text, key),
                f"unknown key '{key}' in figures settings",
                f"expected one of: {', '.join(sorted(_KEYS))}",
            )
        if name in _LIMIT_KEYS:
            config.limits = dataclasses.replace(config.limits, **{name: _limit(path, text, key, value)})
            continue
        if name == "per_file_ignores":
            config.per_file_ignores = _per_file_ignores(path, text, key, value)
            continue
        _checked_kind(path, text, key, value)
        setattr(config, name, _setting(path, text, key, value, choices))
    return config


def find_config(start: Path) -> Path | None:
    """The nearest configuration at or above ``start``: figures.toml, or a pyproject.toml with [tool.figures].

    Like ruff and Vale, a project keeps one configuration at its root and figures finds it
    from any folder inside; a ``pyproject.toml`` without a ``[tool.figures]`` table is passed over.
    """
    start = start.resolve()
    for folder in (start, *start.parents):
        for candidate in (folder / "figures.toml", folder / "pyproject.toml"):
            if special_kind(candidate):  # a pipe or a device: refused by name, never opened to look inside
                return Path(os.path.relpath(candidate))
            if candidate.is_file() and (candidate.name == "figures.toml" or _has_figures_table(candidate)):
                # relative to the working folder, so paths in findings read the same on every machine
                return Path(os.path.relpath(candidate))
    return None


def _has_figures_table(pyproject: Path) -> bool:
    try:
        text = read_text(pyproject, what="configuration")
    except (OSError, RuleFileError):  # unreadable, too large or not UTF-8: reported if it claims figures settings
        return _mentions_figures(pyproject)
    try:
        data = load_toml(text, str(pyproject))
    except RuleFileError:  # a broken file that claims figures settings is reported, not passed over
        return "[tool.figures]" in text
    tool = data.get("tool")
    return isinstance(tool, dict) and isinstance(tool.get("figures"), dict)


def _mentions_figures(pyproject: Path) -> bool:
    """Whether the first megabyte of a file that cannot be parsed names a [tool.figures] table."""
    try:
        with open(pyproject, "rb") as handle:
            return b"[tool.figures]" in handle.read(1024 * 1024)
    except OSError:
        return False


def load_config(explicit: str | None = None, cwd: Path | None = None, formats: tuple[str, ...] = ()) -> Config:
    """The configuration in force: an explicit file, else the nearest one in ``cwd`` or a parent folder.

    ``formats`` are the output formats a ``format`` setting may name; the command line,
    which writes them, checks it (a library writes nothing and leaves it alone).
    """
    path = Path(explicit) if explicit else find_config(cwd or Path.cwd())
    if path is None:
        limits.configure(Limits())
        return Config()
    if not path.exists():
        raise RuleFileError(str(path), None, "configuration file not found")
    try:
        text = read_text(path, what="configuration")
    except FileNotFoundError:
        raise RuleFileError(str(path), None, "configuration file not found") from None
    data = load_toml(text, str(path))
    tool = data.get("tool", {})
    if not isinstance(tool, dict):  # "tool = 1": no [tool.figures] table can be in it
        tool = {}
    if path.name == "pyproject.toml":
        table = tool.get("figures", {})
    else:
        table = tool.get("figures", data) if "tool" in data else data
    if not isinstance(table, dict):
        raise RuleFileError(str(path), _line_of(text, "figures"), "'figures' must be a table of settings")
    config = _apply(path, text, table, {"fail_on": FAIL_ON, "format": formats} if formats else {"fail_on": FAIL_ON})
    limits.configure(config.limits)
    return config
