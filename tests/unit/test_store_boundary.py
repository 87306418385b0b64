"""The store package is the one room for a storage backend: no other module of Harmattan imports SQLAlchemy.

Every module under ``src/harmattan`` is parsed (not imported) and its imports read from the syntax
tree, lazy ones inside functions included, so the check costs no import and misses none.
"""
from __future__ import annotations

import ast
from pathlib import Path

import harmattan

PACKAGE = Path(harmattan.__file__).parent
BACKEND = "sqlalchemy"


def imported_modules(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, module) of every absolute import in a module's syntax tree.

    >>> imported_modules(ast.parse("import os.path\\nfrom sqlalchemy.engine import Engine\\nfrom . import x"))
    [(1, 'os.path'), (2, 'sqlalchemy.engine')]
    """
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return sorted(found)


def backend_imports(root: Path) -> list[str]:
    """``path:line: module`` for each import of SQLAlchemy (any submodule) outside ``root/store/``."""
    out = []
    for path in sorted(root.rglob("*.py")):
        if root / "store" in path.parents:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        out += [f"{path.relative_to(root.parent)}:{line}: {module}" for line, module in imported_modules(tree)
                if module == BACKEND or module.startswith(BACKEND + ".")]
    return out


def test_only_the_store_imports_sqlalchemy():
    found = backend_imports(PACKAGE)
    assert not found, "SQL belongs in harmattan.store; call a store function instead of:\n" + "\n".join(found)


def test_the_check_sees_every_form_of_import(tmp_path):
    root = tmp_path / "harmattan"
    (root / "store").mkdir(parents=True)
    (root / "store" / "db.py").write_text("import sqlalchemy\n")  # the store may
    (root / "web.py").write_text("def f():\n    from sqlalchemy.engine import Engine\n")
    (root / "cli.py").write_text("import json, sqlalchemy.exc as exc\nimport sqlalchemy_utils\n")
    assert backend_imports(root) == ["harmattan/cli.py:1: sqlalchemy.exc", "harmattan/web.py:2: sqlalchemy.engine"]
