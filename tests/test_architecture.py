"""The layout is the architecture (ARCHITECTURE.md): every import, those inside functions too, points
down the layers (an import for type annotations only may name a higher layer's class); no import
cycle, counting every import; no module over 400 lines."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "xxgk_lint"
MAX_LINES = 400

# Lowest first. A module may import its own layer and the layers below it, never one above.
LAYERS = (
    ("base", ("xxgk_lint.model", "xxgk_lint.speed", "xxgk_lint.resources", "xxgk_lint.version")),
    ("pipeline", ("xxgk_lint.pipeline",)),
    ("output", ("xxgk_lint.output",)),
    ("checks", ("xxgk_lint.checks",)),
    ("run", ("xxgk_lint.run",)),
    # the language server is at the command line's level; only the server command imports it
    ("cli", ("xxgk_lint.cli", "xxgk_lint.__main__", "xxgk_lint.lsp")),
    ("api", ("xxgk_lint", "xxgk_lint.api")),  # the package's face for programs: lint(), extract()
)


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = ("xxgk_lint", *path.relative_to(PACKAGE).with_suffix("").parts)
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


MODULES = _modules()


def _layer(module: str) -> int:
    """The layer of a module: the one whose most specific prefix names it (the root package only
    itself: a new top-level module must be placed in a layer)."""
    best, rank = -1, -1
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            below = module.startswith(prefix + ".") and prefix != "xxgk_lint"
            if (module == prefix or below) and len(prefix) > best:
                best, rank = len(prefix), index
    assert rank >= 0, f"{module} is in no layer: add it to LAYERS and ARCHITECTURE.md"
    return rank


def _type_only(tree: ast.Module) -> set[ast.AST]:
    """The imports under `if TYPE_CHECKING:`: names for annotations, never imported when running."""
    return {node for block in ast.walk(tree) if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
            for statement in block.body for node in ast.walk(statement)}


def _imports(module: str, path: Path, *, running: bool = False) -> set[str]:
    """The package's modules that `module` imports anywhere in its code (with `running`, leaving out
    imports for type annotations only)."""
    is_package = path.name == "__init__.py"
    found = set()
    tree = ast.parse(path.read_text("utf-8"))
    skipped = _type_only(tree) if running else set()
    for node in ast.walk(tree):
        if node in skipped:
            continue
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[:len(base) - node.level + 1]
                stem = ".".join(base + ([node.module] if node.module else []))
            else:
                stem = node.module or ""
            names = [stem] + [f"{stem}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            while name and name not in MODULES:
                name = name.rpartition(".")[0]
            if name and name != module and not module.startswith(name + "."):  # not its own packages
                found.add(name)
    return found


GRAPH = {module: _imports(module, path) for module, path in MODULES.items()}
RUNNING = {module: _imports(module, path, running=True) for module, path in MODULES.items()}


def test_every_module_is_in_a_layer():
    for module in MODULES:
        _layer(module)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down_the_layers(module):
    up = sorted(f"{target} ({LAYERS[_layer(target)][0]})" for target in RUNNING[module]
                if _layer(target) > _layer(module))
    assert not up, f"{module} ({LAYERS[_layer(module)][0]}) imports a higher layer: {', '.join(up)}"


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle():
    assert _cycles(GRAPH) == []


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_an_import_against_the_layers_is_caught(tmp_path):
    """A pipeline module importing the rule pack, inside a function, is seen and is against the layers."""
    module = tmp_path / "align.py"
    module.write_text("def f():\n    from ..checks.pack import bundled\n", "utf-8")
    found = _imports("xxgk_lint.pipeline.align", module)
    assert found == {"xxgk_lint.checks.pack"}
    assert _layer("xxgk_lint.checks.pack") > _layer("xxgk_lint.pipeline.align")
    with pytest.raises(AssertionError, match="in no layer"):
        _layer("xxgk_lint.newmodule")


def _dynamic_imports(path: Path) -> list[str]:
    """The arguments of `import_module(...)` calls, as written."""
    return [", ".join(ast.unparse(a) for a in node.args) for node in ast.walk(ast.parse(path.read_text("utf-8")))
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "import_module"]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_dynamic_imports_stay_in_their_own_package(module):
    """What `import_module` loads is not among the imports read above: it may only name the module's
    own package (`f".{name}"` with `__name__`), which holds its layer's modules."""
    for argument in _dynamic_imports(MODULES[module]):
        relative = argument.startswith(("f'.", 'f".')) and argument.endswith(", __name__")
        assert relative or argument.startswith(("f'{__name__}.", 'f"{__name__}.')), (module, argument)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_over_400_lines(module):
    lines = len(MODULES[module].read_text("utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module} has {lines} lines"


def test_only_the_server_command_imports_the_language_server():
    """pygls stays off every other path: nothing but `cli/server.py` (and the package itself) imports
    `xxgk_lint.lsp`, and it imports no command."""
    for module, targets in GRAPH.items():
        if module.startswith("xxgk_lint.lsp") or module == "xxgk_lint.cli.server":
            continue
        assert not any(t == "xxgk_lint.lsp" or t.startswith("xxgk_lint.lsp.") for t in targets), module
    for module, targets in GRAPH.items():
        if module.startswith("xxgk_lint.lsp"):
            assert not any(t.startswith("xxgk_lint.cli") for t in targets), module
