"""The apps are floors and imports point down only:

    core ← members ← articles, forum ← search ← sclero_site

`articles` and `forum` share a floor and never import each other. No project
import hides inside a function (a cycle means something lives on the wrong
floor), except in `AppConfig.ready()`, where Django wants them.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FLOORS = {
    "core": 0,
    "members": 1,
    "articles": 2,
    "forum": 2,
    "conversations": 2,
    "search": 3,
}
FLOORS["sclero_site"] = 4


def _imported_modules(node: ast.AST, package: str) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        if node.level:
            base = package.split(".")[: len(package.split(".")) - node.level + 1]
            return [".".join([*base, node.module] if node.module else base)]
        return [node.module or ""]
    return []


def problems_in(source: str, module: str) -> list[str]:
    """Every import in `source` (the text of `module`) that breaks the floors."""
    app = module.split(".")[0]
    package = module if module.endswith("__init__") else module.rsplit(".", 1)[0]
    package = package.removesuffix(".__init__")
    found = []
    tree = ast.parse(source)
    inside = {
        child
        for fn in ast.walk(tree)
        if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef) and fn.name != "ready"
        for child in ast.walk(fn)
    }
    for node in ast.walk(tree):
        for name in _imported_modules(node, package):
            target = name.split(".")[0]
            if target not in FLOORS or target == app:
                continue
            where = f"{module}:{node.lineno} imports {name}"
            if FLOORS[target] >= FLOORS[app]:
                found.append(f"{where} (up or sideways)")
            elif node in inside and "migrations" not in module:
                found.append(f"{where} inside a function")
    return found


def _modules():
    for app in FLOORS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT).with_suffix("")
            yield path, ".".join(relative.parts)


def test_every_import_points_down():
    problems = []
    for path, module in _modules():
        problems += problems_in(path.read_text(encoding="utf-8"), module)
    assert problems == []


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("core.markup", "from members.models import User"),
        ("members.models", "import articles.models"),
        ("forum.selectors", "from articles.selectors import published_q"),
        ("articles.views", "from search.related import similar_questions"),
        ("search.views", "from sclero_site import views"),
        ("forum.views.posts", "def f():\n    from core import audit\n"),
    ],
)
def test_a_back_arrow_or_a_hidden_import_is_found(module, source):
    assert problems_in(source, module)


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("forum.services.posts", "from core.markup import render_markdown"),
        ("forum.services.posts", "from ..models import Post"),
        ("search.related", "from articles.selectors import articles_for_topics"),
        ("sclero_site.urls", "from search import views"),
        (
            "search.apps",
            "class C:\n    def ready(self):\n        from . import handlers\n",
        ),
    ],
)
def test_imports_that_point_down_pass(module, source):
    assert problems_in(source, module) == []
