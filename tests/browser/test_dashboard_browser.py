"""Every dashboard page in a real browser: no error box or traceback, charts and the map
drawn with the network cut, Arabic laid out right-to-left (in the text and in table cells);
a PNG of each page at 1400×900 and at a phone's 390×844 is saved under tests/artifacts/ for a
person to look at."""

from __future__ import annotations

import io
import json
import re
import time
from pathlib import Path
from urllib.parse import urlparse

import duckdb
import pytest

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
LOCAL_SCHEMES = {"data", "blob", "about", "chrome", "chrome-extension"}
# url path -> (page title start, selector that must be present once it has rendered)
PAGES = {
    "": ("Overview", '[data-testid="stVegaLiteChart"]'),
    "claims": ("Casualty claims", '[data-testid="stVegaLiteChart"]'),
    "actors": ("Actors", '[data-testid="stVegaLiteChart"]'),
    "locations": ("Locations", '[data-testid="stDeckGlJsonChart"] canvas'),
    "article": ("Article", '[data-testid="stHtml"] div[dir="rtl"]'),
    "pipeline": ("Pipeline", '[data-testid="stHtml"] .rasd-table'),
    "downloads": ("Downloads", '[data-testid="stDownloadButton"]'),
}
# name -> (width, height, mobile): the viewport each page is shot at
SIZES = {"desktop": (1400, 900, False), "phone": (390, 844, True)}
OUTLINE_FILL = (238, 234, 224)  # dashboards/geo.py: the drawn outline of Syria


def _wait_rendered(driver, title: str, selector: str, timeout: float = 45) -> None:
    from selenium.webdriver.common.by import By

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        h1 = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "h1")]
        running = driver.find_elements(By.CSS_SELECTOR, '[data-testid="stStatusWidgetRunningIcon"]')
        wanted = driver.find_elements(By.CSS_SELECTOR, selector)
        if any(t.startswith(title) for t in h1) and wanted and not running:
            time.sleep(1.5)  # let charts finish drawing into their canvases
            return
        time.sleep(0.3)
    raise AssertionError(f"page {title!r} did not render {selector!r} within {timeout}s")


def _requests(driver) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def _outside(urls: list[str]) -> list[str]:
    return [u for u in urls if urlparse(u).scheme not in LOCAL_SCHEMES and urlparse(u).hostname != "127.0.0.1"]


def _visit(driver, url: str, path: str, title: str, selector: str, shot: str) -> None:
    from selenium.webdriver.common.by import By

    driver.get(f"{url}/{path}")
    _wait_rendered(driver, title, selector)
    body = driver.find_element(By.TAG_NAME, "body").text
    assert not driver.find_elements(By.CSS_SELECTOR, '[data-testid="stException"]'), body[:2000]
    assert not driver.find_elements(By.CSS_SELECTOR, '[data-testid="stAlertContentError"]'), body[:2000]
    assert "Traceback" not in body
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / f"{shot}.png"))


def _viewport(driver, size: str) -> None:
    width, height, mobile = SIZES[size]
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
    )


def _open_claims_evidence_tab(driver, url: str, ready: str) -> None:
    """The claims page at desktop size with its evidence tab open, waiting up to 20 s for ``ready`` (CSS)."""
    from selenium.webdriver.common.by import By

    _viewport(driver, "desktop")
    _visit(driver, url, "claims", *PAGES["claims"], "claims")
    tab = next(t for t in driver.find_elements(By.CSS_SELECTOR, '[role="tab"]') if "evidence" in t.text)
    tab.click()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not driver.find_elements(By.CSS_SELECTOR, ready):
        time.sleep(0.3)


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("path", list(PAGES), ids=[p or "overview" for p in PAGES])
def test_page_renders_offline_without_errors(chromium, dashboard_url: str, path: str, size: str) -> None:
    from selenium.webdriver.common.by import By

    title, selector = PAGES[path]
    _viewport(chromium, size)
    _requests(chromium)  # drop what earlier pages requested
    _visit(chromium, dashboard_url, path, title, selector, f"{path or 'overview'}_{size}")
    # nothing wider than the viewport: a phone scrolls down, never sideways (tables scroll inside)
    overflow = chromium.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"page is {overflow}px wider than the {size} viewport"
    assert _outside(_requests(chromium)) == []
    if path in ("", "claims", "actors"):
        charts = chromium.find_elements(By.CSS_SELECTOR, '[data-testid="stVegaLiteChart"]')
        drawn = chromium.find_elements(By.CSS_SELECTOR, '[data-testid="stVegaLiteChart"] canvas, '
                                                         '[data-testid="stVegaLiteChart"] svg')
        assert len(charts) >= (5 if path == "claims" else 1) and drawn


def test_claims_evidence_tab_marks_the_claim_phrase(chromium, dashboard_url: str) -> None:
    from selenium.webdriver.common.by import By

    _open_claims_evidence_tab(chromium, dashboard_url, '[data-testid="stHtml"] mark')
    marks = chromium.find_elements(By.CSS_SELECTOR, '[data-testid="stHtml"] div[dir="rtl"] mark')
    assert marks and all(m.text.strip() for m in marks[:5])
    time.sleep(1)
    chromium.save_screenshot(str(ARTIFACTS / "claims_evidence.png"))


def test_map_draws_syria_with_no_tiles(chromium, dashboard_url: str) -> None:
    from PIL import Image
    from selenium.webdriver.common.by import By

    _viewport(chromium, "desktop")
    _visit(chromium, dashboard_url, "locations", *PAGES["locations"], "locations")
    deck = chromium.find_element(By.CSS_SELECTOR, '[data-testid="stDeckGlJsonChart"]')
    image = Image.open(io.BytesIO(deck.screenshot_as_png)).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 20) or []
    outline_px = sum(n for n, c in colours if all(abs(a - b) <= 3 for a, b in zip(c, OUTLINE_FILL, strict=True)))
    # the outline polygon fills a good part of the map: drawn from local data, not tiles
    assert outline_px > 0.05 * image.width * image.height
    assert not any("cartocdn" in u or "mapbox" in u for u in _requests(chromium))


def test_article_reads_right_to_left_with_highlights_and_escaped_markup(
    chromium, dashboard_url: str, browser_warehouse: Path
) -> None:
    from selenium.webdriver.common.by import By

    _viewport(chromium, "desktop")
    with duckdb.connect(str(browser_warehouse), read_only=True) as con:
        doc_id, n_spans = con.execute(
            """select doc_id, count(*) from (
                   select doc_id from mart_claims union all select doc_id from mart_actor_mentions
                   union all select doc_id from mart_location_mentions)
               group by doc_id order by count(*) desc, doc_id limit 1"""
        ).fetchone()
        hostile = con.execute(
            "select doc_id from documents where text like '%**%' and status = 'ok' limit 1"
        ).fetchone()
    _visit(chromium, dashboard_url, f"article?doc={doc_id}", *PAGES["article"], "article_highlighted")
    blocks = chromium.find_elements(By.CSS_SELECTOR, '[data-testid="stHtml"] div[dir="rtl"]')
    text_block = max(blocks, key=lambda b: len(b.text))
    assert text_block.value_of_css_property("direction") == "rtl"
    # the article picker's label starts with the Arabic title: a narrow box cuts its end, not its start
    picker = chromium.find_element(By.CSS_SELECTOR, '[class*="st-key-article_pick"] input')
    assert picker.value_of_css_property("direction") == "rtl"
    marks = text_block.find_elements(By.TAG_NAME, "mark")
    assert len(marks) >= min(n_spans, 1)
    # right-to-left: the first word of the text sits at the right edge of the block
    first = marks[0] if marks else text_block
    assert first.rect["x"] + first.rect["width"] <= text_block.rect["x"] + text_block.rect["width"] + 1
    if hostile:
        _visit(chromium, dashboard_url, f"article?doc={hostile[0]}", *PAGES["article"], "article_markup")
        body = chromium.find_element(By.TAG_NAME, "body").text
        assert "**" in body  # markdown shown as typed, not rendered
        assert not chromium.find_elements(By.CSS_SELECTOR, '[data-testid="stHtml"] script')


def test_arabic_table_cells_are_right_to_left_and_start_aligned(chromium, dashboard_url: str) -> None:
    """In the claims table, every cell holding Arabic (evidence, titles, names) computes direction rtl
    and starts at its right edge, so a long sentence shows its beginning; Latin cells stay ltr."""
    _open_claims_evidence_tab(chromium, dashboard_url, ".rasd-table td")
    cells = chromium.execute_script(
        """return Array.from(document.querySelectorAll('.rasd-table td')).map(td => {
               const s = getComputedStyle(td);
               return [td.innerText, s.direction, s.textAlign];
           });"""
    )
    arabic = [c for c in cells if re.match(r"^[\u0600-\u06FF]", c[0].strip())]
    latin = [c for c in cells if re.match(r"^[A-Za-z]", c[0].strip())]
    assert len(arabic) >= 10 and latin
    assert {(d, a) for _, d, a in arabic} == {("rtl", "start")}
    assert {d for _, d, _ in latin} == {"ltr"}
    # start-aligned in a right-to-left cell: the text hugs the cell's right edge
    hugging = chromium.execute_script(
        """const td = Array.from(document.querySelectorAll('.rasd-table td[dir=rtl]')).find(
               t => t.innerText.length > 20 && t.innerText.length < 60);
           const r = document.createRange(); r.selectNodeContents(td);
           const text = r.getBoundingClientRect(), cell = td.getBoundingClientRect();
           return [cell.right - text.right, text.left - cell.left];"""
    )
    assert hugging[0] < 12 and hugging[1] >= hugging[0]
