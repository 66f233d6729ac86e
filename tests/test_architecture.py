"""The import direction of the README's architecture section holds in the code: an app
imports only from those to its right (functions' own imports included), so that the
rules of a lower app never depend on a higher one."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# orga → attendance, feedback, pitches, matchmaking → registrations → mail → reports → events
# → core
LAYERS = [["orga"], ["attendance", "feedback", "pitches", "matchmaking"], ["registrations"],
          ["mail"], ["reports"], ["events"], ["core"]]
OURS = {app for layer in LAYERS for app in layer} | {"clustermeet"}
# the exceptions the README names: the public site of events lists each event's reports,
# and the demo loads the seed's report (events reads reports' models, nothing more)
EXCEPTIONS = {("events", "reports")}


def allowed(app: str) -> set[str]:
    """The apps `app` may import: itself and every app of a lower layer."""
    if app == "clustermeet":
        return OURS
    index = next(number for number, layer in enumerate(LAYERS) if app in layer)
    return ({app} | {lower for layer in LAYERS[index + 1:] for lower in layer}
            | {other for one, other in EXCEPTIONS if one == app})


def imported_apps(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names & OURS


@pytest.mark.parametrize("app", sorted(OURS - {"clustermeet"}))
def test_an_app_imports_only_the_apps_to_its_right(app):
    wrong = {
        f"{path.relative_to(ROOT)} imports {other}"
        for path in (ROOT / app).rglob("*.py") if "migrations" not in path.parts
        for other in imported_apps(path) - allowed(app)
    }
    assert not wrong, sorted(wrong)
