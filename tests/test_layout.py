"""The package's layout follows the data's path: each layer imports only from the layers
below it, and inside `parse/` each step only from the steps that run before it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "compare"
LAYERS = ["text", "read", "parse", "build", "analyze", "report", "cluster"]  # bottom first; the top: cli, __init__
# parse/'s steps in the order they run (shared classifiers first)
PARSE_STEPS = [
    {"lines", "themes", "timeframes", "references"},
    {"markers"},
    {"flat_tables"},
    {"blocks"},
    {"record"},
    {"structure"},
    {"metadata", "tasks"},
]


def _layer(module: str) -> int:
    parts = module.split(".")
    return LAYERS.index(parts[1]) if len(parts) >= 2 and parts[1] in LAYERS else len(LAYERS)


def _step(module: str) -> int | None:
    parts = module.split(".")
    if len(parts) < 3 or parts[1] != "parse":
        return None
    return next((i for i, names in enumerate(PARSE_STEPS) if parts[2] in names), None)


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import of the package, outside `if TYPE_CHECKING:` blocks."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {
        id(n)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for n in ast.walk(node)
    }
    out = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}:{node.lineno}: a relative import (write compare.…)"
            if node.module and node.module.split(".")[0] == "compare":
                # `from compare.parse import blocks` imports the module compare.parse.blocks
                folder = PACKAGE.joinpath(*node.module.split(".")[1:])
                targets = [
                    f"{node.module}.{a.name}"
                    if (folder / f"{a.name}.py").exists() or (folder / a.name).is_dir()
                    else node.module
                    for a in node.names
                ]
                out += [(node.lineno, t) for t in targets]
        elif isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "compare"]
    return out


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "notebooks" not in p.parts)  # the notebooks are the top


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_down_the_pipeline(path):
    module = "compare." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
    for line, target in _imports(path):
        assert _layer(target) <= _layer(module), f"{path.name}:{line} imports {target} from a layer above"
        mine, theirs = _step(module), _step(target)
        if mine is not None and theirs is not None:
            assert theirs <= mine, f"{path.name}:{line}: {target} runs after {module}"


def test_the_layers_are_the_subpackages():
    found = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert found == set(LAYERS)
    steps = {name for names in PARSE_STEPS for name in names}
    modules = {p.stem for p in (PACKAGE / "parse").glob("*.py")} | {
        p.name for p in (PACKAGE / "parse").iterdir() if p.is_dir() and (p / "__init__.py").exists()
    }
    assert modules - {"__init__"} == steps


def test_a_layer_above_cannot_be_imported_unnoticed(tmp_path):
    # the check itself can fail: a parser step importing the report is caught
    bad = tmp_path / "bad.py"
    bad.write_text("from compare.report.display import VALUES\n")
    ((_, target),) = _imports(bad)
    assert _layer(target) > _layer("compare.parse.blocks")


PARSER = ["text", "read", "parse", "build"]  # (ruff's C901 holds their complexity to 15)


def test_no_parser_function_runs_over_sixty_lines():
    long = [
        f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for layer in PARSER
        for path in sorted((PACKAGE / layer).rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno - node.lineno + 1 > 60
    ]
    assert not long, long
