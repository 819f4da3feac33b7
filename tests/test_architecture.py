"""The package's import graph: no cycle, and no import running back up a layer.

The layers are the one-way data flow of docs/architecture.md: a module may import its
own layer and the layers below it, never one above. Every import counts, those inside
functions too: an import put off to run time still ties the two modules together.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "figures"

# Lowest first. A module belongs to the layer of the longest prefix that names it;
# "figures" itself (the public API) only by that exact name.
# figures.__version__ is a constant figures/__init__ reads from the installed metadata, importing
# nothing of the package to do so: any layer may read it, so it counts as a module of the lowest.
VERSION = "figures.__version__"
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("model", ("figures.model", "figures.core", VERSION)),
    ("rule records", ("figures.rules", "figures.rules.records", "figures.rules.spec", "figures.rules.yaml_lines")),
    ("stages", ("figures.ingest", "figures.extract", "figures.context")),
    ("checks", ("figures.checks",)),
    ("rule loading", ("figures.rules.loader",)),
    ("runtime", ("figures.runtime",)),
    ("api", ("figures", "figures.api")),
    ("outputs", ("figures.outputs",)),
    ("cli", ("figures.cli", "figures.__main__")),
)


def _modules(package: Path = PACKAGE) -> dict[str, Path]:
    """Every module of the package by dotted name; a package by its own name."""
    out = {}
    for path in sorted(package.rglob("*.py")):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _owner(name: str, modules: dict[str, Path]) -> str:
    """The module that ``name`` (a module, or a name inside one) lives in."""
    if name == VERSION:
        return name
    while name not in modules and "." in name:
        name = name.rpartition(".")[0]
    return name


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Which modules of the package each module imports, wherever in the module the import is."""
    modules = _modules(package)
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        here = name if path.name == "__init__.py" else name.rpartition(".")[0]
        imported: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                imported.update(_owner(a.name, modules) for a in node.names if a.name.split(".")[0] == "figures")
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = here.split(".")[: len(here.split(".")) - node.level + 1]
                    base = ".".join([*parts, base] if base else parts)
                if base.split(".")[0] == "figures":
                    # "from figures.checks import diff" imports the module figures.checks.diff
                    imported.update(_owner(f"{base}.{a.name}", modules) for a in node.names)
        graph[name] = imported - {name}
    return graph


def layer_of(module: str) -> int:
    """The index in LAYERS of the layer ``module`` belongs to."""
    best, best_length = None, -1
    for i, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            fits = module == prefix or (prefix != "figures" and module.startswith(prefix + "."))
            if fits and len(prefix) > best_length:
                best, best_length = i, len(prefix)
    if best is None:
        raise AssertionError(f"{module} is in no layer: add it to LAYERS and to docs/architecture.md")
    return best


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        order[v] = low[v] = len(order)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in order:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], order[w])
        if low[v] == order[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in order:
            visit(v)
    return found


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    """Every import of a module in a higher layer, as ``importer (layer) -> imported (layer)``."""
    out = []
    for module, imported in sorted(graph.items()):
        for target in sorted(imported):
            if layer_of(target) > layer_of(module):
                out.append(f"{module} ({LAYERS[layer_of(module)][0]}) -> {target} ({LAYERS[layer_of(target)][0]})")
    return out


def test_the_package_has_no_import_cycle():
    assert cycles(import_graph()) == []


def test_no_module_imports_a_layer_above_its_own():
    assert upward_imports(import_graph()) == []


def test_every_module_is_in_a_layer():
    for module in import_graph():
        layer_of(module)


def test_only_the_entry_point_and_the_model_are_flat_modules():
    flat = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert flat == ["__init__.py", "__main__.py", "model.py"]


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"a.py": "from figures import b", "b.py": "from figures.a import thing"}, [["figures.a", "figures.b"]]),
        ({"a.py": "def f():\n    from . import b", "b.py": "import figures.a"}, [["figures.a", "figures.b"]]),
        ({"a.py": "from figures import b", "b.py": "x = 1"}, []),
    ],
)
def test_a_cycle_is_found_even_through_an_import_inside_a_function(tmp_path, files, expected):
    package = tmp_path / "figures"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    for name, text in files.items():
        (package / name).write_text(text, encoding="utf-8")
    assert cycles(import_graph(package)) == expected


def test_an_import_from_a_higher_layer_is_reported():
    graph = {"figures.checks.base": {"figures.outputs.sarif"}, "figures.outputs.sarif": {"figures.checks"}}
    assert upward_imports(graph) == ["figures.checks.base (checks) -> figures.outputs.sarif (outputs)"]


def test_a_command_imports_no_other_command():
    shared = {"figures.cli.common", "figures.cli.options", "figures.cli.config", "figures.cli.changes"}
    shared |= {"figures.cli.selection", "figures.cli.show"}
    graph = import_graph()
    for module, imported in graph.items():
        if module.startswith("figures.cli.") and module not in shared:
            assert {m for m in imported if m.startswith("figures.cli")} <= shared, module
