"""The class pages in a real browser (headless Chromium): two students on two devices play a whole game by
clicking, the dashboard shows it live, a reload mid-game gets the seat back, a killed server comes back."""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

from game.host.room import Room
from game.resources import scenario_path
from game.scenario import load_scenario
from tests.host.browser import HostProcess, ServerThread, browser, need_browser
from tests.host.helpers import Clock

SHOTS = os.environ.get("DETENTE_SCREENSHOTS")  # a folder: the tests save what the pages looked like there


def shot(driver, name: str) -> None:  # noqa: ANN001
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(Path(SHOTS) / f"{name}.png"))


def wait(driver, condition, timeout: float = 10.0):  # noqa: ANN001, ANN201
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, poll_frequency=0.05).until(condition)


def text(driver, css: str) -> str:  # noqa: ANN001
    from selenium.webdriver.common.by import By

    found = driver.find_elements(By.CSS_SELECTOR, css)
    return found[0].text if found else ""


def visible(driver, css: str) -> bool:  # noqa: ANN001
    from selenium.webdriver.common.by import By

    return any(e.is_displayed() for e in driver.find_elements(By.CSS_SELECTOR, css))


def join(driver, server: ServerThread | HostProcess, code: str, name: str) -> None:  # noqa: ANN001
    from selenium.webdriver.common.by import By

    driver.get(server.url(f"/?room={code}"))
    wait(driver, lambda d: visible(d, "#join"))
    assert driver.find_element(By.ID, "room").get_attribute("value") == code  # from the address
    field = driver.find_element(By.ID, "name")
    assert driver.switch_to.active_element == field  # the code is filled in: the name has the focus
    field.send_keys(name + "\n")  # the keyboard alone joins
    wait(driver, lambda d: visible(d, "#lobby"))


def settled(driver) -> str:  # noqa: ANN001
    """The page once it has stopped changing (what the other student did has arrived)."""
    last = None
    while True:
        now = text(driver, "#heading") + "\n" + text(driver, "#log")
        if now == last:
            return now
        last = now
        time.sleep(0.3)


def my_turn(driver) -> bool:  # noqa: ANN001
    heading = text(driver, "#heading")
    return "your move" in heading or "your choice" in heading


def over(driver) -> bool:  # noqa: ANN001
    return visible(driver, "#debrief")


def move_once(driver) -> None:  # noqa: ANN001
    """What a student would do on their turn: answer the event, accept the other side's offer, or propose."""
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    before = text(driver, "#heading") + text(driver, "#log")
    if visible(driver, "#event"):
        driver.find_elements(By.CSS_SELECTOR, "#event-choices button")[0].click()
    elif visible(driver, "#buttons button.primary") and "'s offer" in text(driver, "#offer-text"):
        driver.find_element(By.CSS_SELECTOR, "#buttons button.primary").click()
        with contextlib.suppress(NoAlertPresentException):
            driver.switch_to.alert.accept()  # it crosses a red line: the page asks first
    else:
        for select in driver.find_elements(By.CSS_SELECTOR, "#issues select"):
            options = Select(select).options
            Select(select).select_by_index(len(options) // 2)
        wait(driver, lambda d: "Worth to you" in text(d, "#worth"))
        driver.find_element(By.ID, "propose").click()
    wait(driver, lambda d: text(d, "#heading") + text(d, "#log") != before or over(d))


def play_to_the_end(drivers: list) -> None:
    deadline = time.monotonic() + 120
    while not all(over(d) for d in drivers):
        assert time.monotonic() < deadline, "the game did not end"
        mover = next((d for d in drivers if my_turn(d) and not over(d)), None)
        if mover is None:
            time.sleep(0.05)
            continue
        move_once(mover)


def new_room(folder: Path, **options) -> tuple[Room, str]:  # noqa: ANN003
    return Room.create(load_scenario(scenario_path(None)), folder, now=Clock(), seed=5, **options)


def test_two_students_play_a_whole_game_in_browsers_and_the_dashboard_shows_it(tmp_path: Path) -> None:
    need_browser()
    from selenium.webdriver.common.by import By

    room, token = new_room(tmp_path / "class")
    with ServerThread(room) as server, browser() as ana, browser(1024, 768) as ben, browser() as teacher:
        join(ana, server, room.code, "Ana")
        join(ben, server, room.code, "Ben")
        shot(ana, "student-lobby")
        teacher.get(server.url(f"/dashboard?key={token}"))
        wait(teacher, lambda d: "Ana, Ben" in text(d, "#lobby"))
        teacher.find_element(By.ID, "start").click()
        for driver in (ana, ben):
            wait(driver, lambda d: visible(d, "#game"))
        wait(ana, lambda d: "Your role card" in text(d, "#card-box"))
        ana.find_element(By.CSS_SELECTOR, "#card-box summary").click()
        page = text(ana, "body")
        assert "Tension" in text(ana, "#meters") and "[object" not in page and "undefined" not in page
        assert "Your red lines" in page and "Stakeholders" in page and "firm" in text(ana, "#card")
        ana.find_element(By.CSS_SELECTOR, "#card-box summary").click()
        shot(ana, "student-table")
        play_to_the_end([ana, ben])
        outcome = room.tables[1].state.result.kind
        for driver in (ana, ben):
            assert "What happened in history" in text(driver, "#debrief")
            assert "(you)" in text(driver, "#debrief table")
        ana.execute_script("document.getElementById('debrief').scrollIntoView()")
        shot(ana, "student-debrief")
        wait(teacher, lambda d: "Over: " + outcome.replace("_", " ") in text(d, "#tables"))
        assert "Ana" in text(teacher, "#tables") and "Ben" in text(teacher, "#tables")
        assert "Scores:" in text(teacher, "#tables")
        shot(teacher, "dashboard")
        teacher.get(server.url(f"/debrief?key={token}"))  # the class debrief, projected
        assert "1 game counted" in text(teacher, "body") and "What happened in history" in text(teacher, "body")
        teacher.find_element(By.TAG_NAME, "summary").click()  # a table's trail of offers, on a click
        assert teacher.find_element(By.CSS_SELECTOR, "details figure svg").is_displayed()
        shot(teacher, "class-debrief")


def test_a_reload_mid_game_gets_the_seat_back_and_a_killed_server_comes_back(tmp_path: Path) -> None:
    need_browser()
    from selenium.webdriver.common.by import By

    folder = tmp_path / "class"
    with browser() as ana, browser() as ben, browser() as teacher:
        with HostProcess("--out", str(folder), "--seed", "5") as server:
            join(ana, server, server.code, "Ana")
            join(ben, server, server.code, "Ben")
            teacher.get(server.dashboard)
            wait(teacher, lambda d: "Ana, Ben" in text(d, "#lobby"))
            teacher.find_element(By.ID, "start").click()
            for driver in (ana, ben):
                wait(driver, lambda d: visible(d, "#game"))
            for _ in range(2):  # the event's answer and a proposal: the game is under way, not over
                move_once(next(d for d in (ana, ben) if my_turn(d)))
            settled(ana)
            assert not over(ana)
            heading, log = text(ana, "#heading"), text(ana, "#log")
            ana.refresh()  # a reload: the seat token kept in the browser brings the seat back, where the game is
            wait(ana, lambda d: visible(d, "#game") and text(d, "#heading") == heading)
            assert text(ana, "#log") == log
            server.kill()  # kill -9: nothing is flushed at exit
            wait(ana, lambda d: "Reconnecting" in text(d, "#link"))
        with HostProcess("--resume", str(folder), port=server.port) as again:
            for driver in (ana, ben):  # the open pages reconnect by themselves, with the seat tokens they keep
                wait(driver, lambda d: text(d, "#link") == "Connected", timeout=20)
            wait(ana, lambda d: text(d, "#heading") == heading)
            assert text(ana, "#log") == log
            play_to_the_end([ana, ben])
            teacher.get(again.dashboard)  # the old key was never written down: the resumed server prints a new one
            wait(teacher, lambda d: "Over: " in text(d, "#tables"))


def tab_to(driver, wanted, limit: int = 120) -> None:  # noqa: ANN001
    """Press Tab until the focused element is the one `wanted(element)` picks (as a keyboard user does)."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    for _ in range(limit):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        if wanted(driver.switch_to.active_element):
            return
    raise AssertionError("the control cannot be reached with Tab")


def keyboard_move(driver) -> None:  # noqa: ANN001
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    def button(label: str):  # noqa: ANN202
        return lambda e: e.tag_name == "button" and label in e.text

    before = text(driver, "#heading") + text(driver, "#log")
    if visible(driver, "#event"):
        tab_to(driver, lambda e: e.tag_name == "button" and "choice" in (e.get_attribute("class") or ""))
    elif visible(driver, "#buttons button.primary") and "'s offer" in text(driver, "#offer-text") \
            and "Better for you" in text(driver, "#offer-verdict"):
        tab_to(driver, button("Accept"))
    else:
        tab_to(driver, lambda e: e.tag_name == "select" and (e.get_attribute("id") or "").startswith("issue-"))
        ActionChains(driver).send_keys(Keys.END).perform()  # the last option of the first issue
        wait(driver, lambda d: "Worth to you" in text(d, "#worth"))
        tab_to(driver, button("Propose"))
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    with contextlib.suppress(NoAlertPresentException):
        driver.switch_to.alert.accept()
    wait(driver, lambda d: text(d, "#heading") + text(d, "#log") != before or over(d))


def no_sideways_scroll(driver) -> bool:  # noqa: ANN001
    return driver.execute_script("return document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_a_whole_game_by_keyboard_alone_on_a_tablet_sized_screen(tmp_path: Path) -> None:
    need_browser()
    room, _token = new_room(tmp_path / "class")
    with ServerThread(room) as server, browser(1024, 768) as tablet:
        join(tablet, server, room.code, "Ana")  # typed, then Enter
        server.command({"type": "start"})  # an odd student: the AI takes the other seat
        wait(tablet, lambda d: visible(d, "#game"))
        assert no_sideways_scroll(tablet)
        deadline = time.monotonic() + 120
        while not over(tablet):
            assert time.monotonic() < deadline, "the game did not end"
            if my_turn(tablet):
                keyboard_move(tablet)
            else:
                time.sleep(0.05)
        assert "What happened in history" in text(tablet, "#debrief")
        assert no_sideways_scroll(tablet)
        moves = [m for m in room.tables[1].transcript.moves if m["actor"] == "us"]
        assert moves and not any(m.get("reason") for m in moves)  # every one of the student's moves was theirs


def test_the_table_fits_a_portrait_tablet_and_a_laptop_without_sideways_scrolling(tmp_path: Path) -> None:
    need_browser()
    room, _token = new_room(tmp_path / "class")
    with ServerThread(room) as server, browser(768, 1024) as portrait, browser(1366, 768) as laptop:
        join(portrait, server, room.code, "Ana")
        join(laptop, server, room.code, "Ben")
        server.command({"type": "start"})
        for driver in (portrait, laptop):
            wait(driver, lambda d: visible(d, "#game"))
            assert no_sideways_scroll(driver)
        columns = portrait.execute_script(
            "return getComputedStyle(document.querySelector('.columns')).gridTemplateColumns.split(' ').length")
        assert columns == 1  # one column on a narrow screen
        mover = portrait if my_turn(portrait) else laptop
        move_once(mover)  # the event answered: the offer builder shows for the next move
        for driver in (portrait, laptop):
            wait(driver, lambda d: visible(d, "#builder") or not my_turn(d))
            assert no_sideways_scroll(driver)
