"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Never `playwright install`: the machine has no internet; /usr/bin/chromium is used.
"""

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.factories import totp_code

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-dev-shm-usage",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(autouse=True)
def _live_settings(settings):
    settings.ALLOWED_HOSTS = ["*"]


@pytest.fixture
def server_url(live_server):
    return live_server.url


def axe_violations(page, *, impacts=("serious", "critical")) -> list[dict]:
    """Run axe-core in `page` (injected by evaluate: the CSP blocks script tags)."""
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
        if v["impact"] in impacts
    ]


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, indent=2)


def html_errors(html: str, tmp_path: Path, name: str = "page") -> list[str]:
    """Errors the Nu Html Checker (vnu.jar) reports for `html`."""
    path = tmp_path / f"{re.sub(r'[^a-z0-9]+', '-', name.lower())}.html"
    path.write_text(html, encoding="utf-8")
    done = subprocess.run(  # noqa: S603 (fixed command on our own file)
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", str(path)],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(done.stderr or "{}").get("messages", [])
    return [f"{m.get('lastLine')}: {m.get('message')}" for m in messages]


def log_in(page, server_url: str, email: str, password: str) -> None:
    """Sign in through the page; staff also give their authenticator code."""
    page.goto(f"{server_url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password:", exact=True).fill(password)
    page.get_by_role("button", name="Log in").click()
    give_authenticator_code(page)


def prove_it_is_you(page, password: str) -> None:
    """Before a sensitive step allauth asks for the password again (a sign-in is not
    a reauthentication); give it if asked, then the step goes on."""
    page.wait_for_load_state()
    if "/accounts/reauthenticate/" in page.url:
        page.locator("main input[name=password]").fill(password)
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state()


def give_authenticator_code(page) -> None:
    """After the password: staff give their authenticator app's code (any language)."""
    page.wait_for_load_state()
    for later in (False, True):  # a code is single-use: a second sign-in waits
        if "/accounts/2fa/authenticate/" not in page.url:
            return
        page.locator("main input[name=code]").fill(totp_code(later=later))
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state()
