"""The dependency direction: the pipeline's stages import only earlier stages, never authoring/.

Every import of every module counts, at the top or inside a function: a lazy import is still an
arrow. The order is model, load, check, generate, assemble, export; text/ and files.py are leaves
that import nothing above them (files.py and templating.py use the model's Location and Problem,
the model only text/).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "quizgen"
STAGES = ("model", "load", "check", "generate", "assemble", "export")
# Modules every stage may use: neutral tools that import nothing above the model.
NEUTRAL = ("text", "files", "templating")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(path: Path) -> list[tuple[str, int]]:
    """Every quizgen module the file imports, anywhere in it, with the line."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            found.append((base, node.lineno))
            # 'from quizgen import load' names a package too
            found += [(f"{base}.{alias.name}", node.lineno) for alias in node.names]
    known = modules()
    return [(target, line) for target, line in found if target in known]


def area(module: str) -> str:
    """The part of quizgen a module belongs to: a stage, a neutral tool, or another package."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_the_import_scanner_sees_lazy_and_relative_imports(tmp_path: Path):
    source = PACKAGE / "check" / "sheets.py"
    found = {target for target, _ in imports_of(source)}
    assert "quizgen.model" in found and "quizgen.check.hints" in found
    # A lazy import inside a function is found like any other.
    registry = {target for target, _ in imports_of(PACKAGE / "model" / "registry.py")}
    assert "quizgen.model.facts" in registry


def test_every_stage_imports_only_earlier_stages_and_neutral_tools():
    wrong = []
    for name, path in modules().items():
        own = area(name)
        if own not in STAGES:
            continue
        allowed = {*STAGES[: STAGES.index(own) + 1], *NEUTRAL, ""} if own != "model" else {"model", "text"}
        for target, line in imports_of(path):
            if area(target) not in allowed:
                wrong.append(f"{path.relative_to(REPO)}:{line}: {own} imports {target}")
    assert wrong == []


def test_no_stage_imports_authoring_or_a_command():
    wrong = []
    for name, path in modules().items():
        if area(name) not in STAGES and area(name) not in NEUTRAL:
            continue
        for target, line in imports_of(path):
            if area(target) in ("authoring", "commands", "cli", "pipeline", "printing", "serve", "review"):
                wrong.append(f"{path.relative_to(REPO)}:{line}: imports {target}")
    assert wrong == []


@pytest.mark.parametrize(
    ("tool", "may_import"),
    [("text", set()), ("files", {"model"}), ("templating", {"model", "text"})],
)
def test_neutral_tools_import_nothing_above_them(tool: str, may_import: set[str]):
    wrong = []
    for name, path in modules().items():
        if area(name) != tool:
            continue
        for target, line in imports_of(path):
            if area(target) not in {tool, *may_import}:
                wrong.append(f"{path.relative_to(REPO)}:{line}: {tool} imports {target}")
    assert wrong == []


def test_quizgen_itself_imports_no_stage():
    """``import quizgen`` (for its version) must not pull the pipeline in."""
    assert [t for t, _ in imports_of(PACKAGE / "__init__.py")] == []
