"""The incident pages in a real browser, on the test warehouse with incidents: no error box, nothing
fetched from outside, the headline and the incident's evidence drawn right-to-left with the claim phrase
marked, at a desktop (1400×900) and a phone (390×844) size; a PNG of each view is saved under
tests/artifacts/ for a person to look at."""

from __future__ import annotations

import time

import pytest

from tests.browser.test_dashboard_browser import ARTIFACTS, _outside, _requests, _visit

pytestmark = pytest.mark.browser

SIZES = {"desktop": (1400, 900), "phone": (390, 844)}
# url path -> (page title start, selector present once it has rendered)
INCIDENT_PAGES = {
    "": ("Overview", '[data-testid="stMetric"]'),
    "incidents?incident=inc:Idlib": ("Incidents", '[data-testid="stHtml"] div[dir="rtl"] mark'),
    "claims": ("Casualty claims", '[data-testid="stVegaLiteChart"]'),
    "locations": ("Locations", '[data-testid="stDeckGlJsonChart"] canvas'),
    "methodology": ("Methodology", '[data-testid="stHtml"] div[dir="rtl"]'),
}


def _shot_name(path: str, size: str, part: str = "") -> str:
    page = path.split("?")[0] or "overview"
    return f"incidents_{page}{'_' + part if part else ''}_{size}"


def _scroll_to(driver, element) -> None:
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'});", element)
    time.sleep(1)


@pytest.fixture(params=list(SIZES))
def sized(request, chromium):
    width, height = SIZES[request.param]
    chromium.set_window_size(width, height)
    yield request.param
    chromium.set_window_size(1440, 2400)


@pytest.mark.parametrize("path", list(INCIDENT_PAGES), ids=[p.split("?")[0] or "overview" for p in INCIDENT_PAGES])
def test_incident_views_render_offline(chromium, incident_dashboard_url: str, sized: str, path: str) -> None:
    from selenium.webdriver.common.by import By

    _requests(chromium)
    _visit(chromium, incident_dashboard_url, path, *INCIDENT_PAGES[path], _shot_name(path, sized))
    assert _outside(_requests(chromium)) == []
    # nothing wider than the window: no sideways scrolling on a phone
    overflow = chromium.execute_script(
        "const m = document.querySelector('[data-testid=\"stMain\"]') || document.body;"
        "return m.scrollWidth - m.clientWidth;"
    )
    assert overflow <= 2, f"the page is {overflow}px wider than the window"
    body = chromium.find_element(By.TAG_NAME, "body").text
    if path == "":
        assert "best estimate over incidents" in body and "Sum of claims: killed" in body
    elif path.startswith("incidents"):
        cards = chromium.find_elements(By.CSS_SELECTOR, '[data-testid="stHtml"] div[dir="rtl"]')
        marks = [m for c in cards for m in c.find_elements(By.TAG_NAME, "mark")]
        assert len(marks) >= 4 and all(m.text.strip() for m in marks)
        assert all(c.value_of_css_property("direction") == "rtl" for c in cards)
        _scroll_to(chromium, chromium.find_element(By.XPATH, "//*[contains(text(), 'One incident, its claims')]"))
        chromium.save_screenshot(str(ARTIFACTS / f"{_shot_name(path, sized, 'claims')}.png"))
    elif path == "claims":
        tab = next(t for t in chromium.find_elements(By.CSS_SELECTOR, '[role="tab"]') if "disagree" in t.text)
        chromium.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", tab)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and "×" not in chromium.find_element(By.TAG_NAME, "body").text:
            time.sleep(0.3)
        assert "1.38×" in chromium.find_element(By.TAG_NAME, "body").text
        time.sleep(1)
        chromium.save_screenshot(str(ARTIFACTS / f"{_shot_name(path, sized, 'disagree')}.png"))
    elif path == "locations":
        _scroll_to(chromium, chromium.find_element(By.CSS_SELECTOR, '[data-testid="stDeckGlJsonChart"]'))
        chromium.save_screenshot(str(ARTIFACTS / f"{_shot_name(path, sized, 'map')}.png"))
    elif path == "methodology":
        assert "Cumulative toll" in body and "الحصيلة التراكمية" in body
