"""End to end in a real headless Chromium (Debian's ``chromium`` driven by Playwright) against uvicorn on a free
loopback port: a new user files a trademark in Vietnamese and pays, an examiner publishes it, the public finds it
by typing the mark without diacritics, in both languages. Screenshots go to ``$IPOFFICE_TEST_ARTIFACTS/web``
(else the test's temporary folder)."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from web_helpers import make_settings
from web_seed import PASSWORD

from ipoffice.web.app import create_app

pytestmark = pytest.mark.slow

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(office: tuple[str, dict[str, str]]) -> Iterator[str]:
    import uvicorn

    app = create_app(settings=make_settings(office[0]))
    port = _free_port()
    srv = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)
    app.state.dispose()


@pytest.fixture
def artifacts(tmp_path: Path) -> Path:
    base = os.environ.get("IPOFFICE_TEST_ARTIFACTS")
    out = Path(base) / "web" if base else tmp_path / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    return out


@pytest.fixture
def browser() -> Iterator[object]:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        pytest.skip("Debian's chromium is not installed (.ci/run installs it: apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def test_file_pay_publish_and_find_in_a_real_browser(server: str, browser, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = ctx.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    # a new applicant signs up (Vietnamese is the default language)
    page.goto(f"{server}/signup")
    assert page.locator("html").get_attribute("lang") == "vi"
    page.fill("#username", "mai")
    page.fill("#display_name", "Nguyễn Thị Mai")
    page.fill("#password", "mat khau rat dai")
    page.click("#signup-button")
    page.wait_for_url("**/account")

    # files a trademark: the similarity check runs through htmx while typing
    page.goto(f"{server}/file/trademark")
    page.fill("#mark_text", "Phở Hà Nội Xưa")
    page.select_option("#nice_class_1", "43")
    page.click("#check-button")
    page.wait_for_selector("#similar li, #no-similar")
    assert "Phở Hà Nội" in page.inner_text("#similar")  # the earlier mark of the seed register
    page.fill("#picker", "restaurant")
    page.wait_for_selector("#nice-terms li")
    assert "estaurant" in page.inner_text("#nice-terms")
    page.fill("#mark_text", "Trà Sen Tây Hồ")
    page.fill("#applicant_name", "Nguyễn Thị Mai")
    page.select_option("#applicant_kind", "person")
    page.fill("#applicant_address", "Tây Hồ, Hà Nội")
    page.select_option("#nice_class_1", "30")
    page.fill("#terms_1", "Tea\nLotus tea")
    page.screenshot(path=str(artifacts / "1-efile-form.png"), full_page=True)
    page.click("#submit-filing")
    page.wait_for_selector("#filed-notice")
    number = page.inner_text("#file-number")
    assert number.startswith("4-2026-")
    page.click("#pay-button")
    page.wait_for_url("**paid=1")
    assert "đã nộp" in page.content()
    page.screenshot(path=str(artifacts / "2-filed-and-paid.png"), full_page=True)
    # and offers the pending application for licence on the IP marketplace
    page.goto(f"{server}/market/new")
    page.select_option("#number", number)
    page.select_option("#offer", "licence")
    page.select_option("#owner_type", "startup")
    page.fill("#terms", "Li-xăng nhãn hiệu cho quán trà, 2% doanh thu")
    page.click("#market-submit")
    page.wait_for_selector("#listing-terms")
    page.click("text=Đăng xuất")

    # an examiner publishes it from the workbench (Law 131/2025: no separate acceptance decision)
    page.goto(f"{server}/login")
    page.fill("#username", "thu")
    page.fill("#password", PASSWORD)
    page.click("#login-button")
    page.goto(f"{server}/examiner/queue")
    assert number in page.inner_text("#queue")
    page.screenshot(path=str(artifacts / "3-queue.png"), full_page=True)
    page.goto(f"{server}/files/{number}")
    page.screenshot(path=str(artifacts / "3b-workbench.png"), full_page=True)
    page.click("#action-publish")
    page.wait_for_selector("#done-notice")
    assert page.inner_text("#file-status") != "Chờ thẩm định hình thức"
    page.click("text=Đăng xuất")

    # the public finds it by typing the mark without diacritics, then reads it in English
    page.goto(server)
    page.fill("#q", "tra sen tay ho")
    page.click("#search-button")
    page.wait_for_selector(f"a:has-text('{number}')")
    page.screenshot(path=str(artifacts / "4-search-vi.png"), full_page=True)
    page.click(f"a:has-text('{number}')")
    page.wait_for_selector("#file-number")
    page.click("#lang-en")
    page.wait_for_selector("text=Statutory clock")
    assert page.locator("html").get_attribute("lang") == "en"
    page.screenshot(path=str(artifacts / "5-file-en.png"), full_page=True)
    page.goto(f"{server}/statistics")
    assert page.locator("svg.chart").count() == 1
    page.screenshot(path=str(artifacts / "6-statistics-en.png"), full_page=True)
    page.goto(f"{server}/market?cls=30&owner_type=startup")
    assert "Trà Sen Tây Hồ" in page.inner_text("#listings") and "IP marketplace" in page.inner_text("h1")
    page.screenshot(path=str(artifacts / "7-marketplace-en.png"), full_page=True)
    assert errors == []  # no CSP violation, no script error
    ctx.close()


def test_workbench_conflict_search_and_decision_in_a_real_browser(  # type: ignore[no-untyped-def]
    server: str, office: tuple[str, dict[str, str]], browser, artifacts: Path
) -> None:
    """An examiner runs the recorded conflict search from the workbench, cites a hit with a note, and finds both
    on the file's history (generated test filing, not a real one)."""
    from web_seed import TODAY, tm

    from ipoffice.office.filing import file_application
    from ipoffice.store.db import make_engine, transaction

    url, numbers = office
    engine = make_engine(url)
    try:
        with transaction(engine, actor="seed") as s:
            req = tm("Phở Hà Nội Ngon", "Quán Ngon", 43, ["Restaurant services"], TODAY.isoformat())
            number = file_application(s, req, actor="seed", today=TODAY).application_number
    finally:
        engine.dispose()
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = ctx.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    # the public pre-filing check, from the menu, on the same office index (nothing recorded)
    page.goto(server)
    page.click("a[href='/check']")
    page.fill("#mark_text", "Pho Ha Noi")
    page.fill("#nice_class", "43")
    page.click("#check-submit")
    page.wait_for_selector("#similar li, #no-similar")
    assert numbers["Phở Hà Nội"] in page.inner_text("#similar")
    page.screenshot(path=str(artifacts / "7b-prefiling-check.png"), full_page=True)
    page.goto(f"{server}/login")
    page.fill("#username", "thu")
    page.fill("#password", PASSWORD)
    page.click("#login-button")
    page.goto(f"{server}/files/{number}")
    assert page.locator("#assist").count() == 0  # opening the workbench runs (and records) nothing
    page.click("#tm-search-button")
    page.wait_for_selector("#assist li")
    first = page.inner_text("#hit-1")
    assert numbers["Phở Hà Nội"] in first and number not in first
    page.select_option("#decision-1", "cited")
    page.fill("#note-1", "Trùng phần chính, cùng nhóm 43")
    page.screenshot(path=str(artifacts / "8-conflict-search.png"), full_page=True)
    page.click("#decide-1")
    page.wait_for_selector("#decided-1")
    assert "Viện dẫn là nhãn hiệu đối chứng" in page.inner_text("#decided-1")
    page.click("#history-link")
    page.wait_for_selector("#history")
    history = page.inner_text("#history")
    assert "Sử dụng trợ lý AI" in history and "Trùng phần chính, cùng nhóm 43" in history
    assert "nguyên vẹn" in page.inner_text("#trail-chain")
    page.screenshot(path=str(artifacts / "9-file-history.png"), full_page=True)
    assert errors == []
    ctx.close()


def test_workbench_prior_art_search_in_a_real_browser(  # type: ignore[no-untyped-def]
    office: tuple[str, dict[str, str]], server: str, browser, artifacts: Path
) -> None:
    """The examiner runs the recorded prior-art search on a patent file, sees the matching words marked in the
    earlier patent's passage, cites it with a note and finds both in the file history. Generated filings."""
    from web_seed import TODAY

    from ipoffice.office.filing import FilingRequest, PartyInput, file_application
    from ipoffice.store.db import make_engine, transaction

    def patent(s: object, title: str, abstract: str, filed: str) -> str:
        req = FilingRequest(
            right="invention",
            filing_date=filed,
            title=title,
            applicants=[PartyInput(name="Viện Nghiên cứu Thử nghiệm", country="VN")],
            ipc=["A23L 17/00"],
            details={"abstract": abstract},
        )
        return file_application(s, req, actor="seed", today=TODAY).application_number  # type: ignore[arg-type]

    engine = make_engine(office[0])
    try:
        with transaction(engine, actor="seed") as s:
            earlier = patent(
                s, "Phương pháp lên men nước mắm từ cá cơm", "Cá cơm trộn muối biển, ủ lên men.", "2024-05-06"
            )
            number = patent(
                s,
                "Quy trình sản xuất nước mắm cá cơm nhanh",
                "Cá cơm trộn muối, bổ sung enzyme.",
                "2025-09-01",
            )
    finally:
        engine.dispose()
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = ctx.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}/login")
    page.fill("#username", "thu")
    page.fill("#password", PASSWORD)
    page.click("#login-button")
    page.goto(f"{server}/files/{number}")
    assert page.locator("#prior-art").count() == 0  # opening the workbench runs (and records) nothing
    # the first search of the app builds the index (and trains the IPC model beside it): allow a loaded CI machine
    page.click("#prior-art-button", timeout=180_000)
    page.wait_for_selector("#prior-art li")
    first = page.inner_text("#pa-hit-1")
    assert earlier in first and number not in first
    assert page.locator("#pa-hit-1 mark").count() > 0  # the words shared with the application are marked
    page.select_option("#pa-decision-1", "cited")
    page.fill("#pa-note-1", "D1: cùng cá cơm và muối")
    page.screenshot(path=str(artifacts / "10-prior-art-search.png"), full_page=True)
    page.click("#pa-decide-1")
    page.wait_for_selector("#pa-decided-1")
    assert "Viện dẫn" in page.inner_text("#pa-decided-1")
    page.click("#history-link")
    page.wait_for_selector("#history")
    history = page.inner_text("#history")
    assert "Sử dụng trợ lý AI" in history and "D1: cùng cá cơm và muối" in history
    assert "nguyên vẹn" in page.inner_text("#trail-chain")
    assert errors == []
    ctx.close()
