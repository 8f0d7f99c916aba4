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
    """What the first element `css` finds shows (read in one step: the live page may replace it at any time)."""
    return driver.execute_script("const e = document.querySelector(arguments[0]); return e ? e.innerText : '';", css)


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
    return any(f"your {what}" in heading for what in ("move", "choice", "answer"))


def over(driver) -> bool:  # noqa: ANN001
    return visible(driver, "#debrief")


def move_once(driver) -> None:  # noqa: ANN001
    """What a student would do on their turn: answer the event, accept the other side's offer, or propose."""
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    before = text(driver, "#heading") + text(driver, "#log")
    if visible(driver, "#question"):
        driver.find_elements(By.CSS_SELECTOR, "#answers button")[0].click()
    elif visible(driver, "#event"):
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


def deal_for(room: Room) -> tuple[dict[str, str], dict[str, list[str]]]:
    """What the test knows and the students find out by talking: a package both sides prefer to no deal that
    every principal and stakeholder ratifies once consulted (option label by issue title), and whom each side must
    consult first."""
    import itertools

    from game.engine.ratify import judge

    table = room.tables[1]
    sc = room.scenario
    state = table.state
    must = {seat: [s for s in sc.consultable(seat) if sc.actors[s].requires_consultation] for seat in sc.negotiators}
    heard = state.evolve(consulted=frozenset(s for seats in must.values() for s in seats))
    best = None
    for package in itertools.product(*(range(len(o)) for o in sc.options)):
        gains = [state.valuations[s].utility(package) - state.hidden.reservations[s] for s in sc.negotiators]
        if min(gains) > 0 and (best is None or min(gains) > best[0]) \
                and all(v.approves for v in judge(heard, package)):
            best = (min(gains), package)
    assert best is not None, "this game has no deal that ratifies"
    issues = sc.spec.issues
    return {issues[i].title: issues[i].options[x].label for i, x in enumerate(best[1])}, must


def deal_move(driver, plan: dict[str, str], consult: list[str]) -> None:  # noqa: ANN001
    """A student who has done their homework: answer what must be answered, consult whom the deal needs, propose
    the package that ratifies, accept it when the other side proposes it."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    before = text(driver, "#heading") + text(driver, "#log")
    offer = text(driver, "#offer-text")
    if visible(driver, "#question") or visible(driver, "#event"):
        driver.find_elements(By.CSS_SELECTOR, "#answers button, #event-choices button")[0].click()
    elif consult:
        whom = Select(driver.find_element(By.CSS_SELECTOR, "select[aria-label='Consult whom']"))
        whom.select_by_value(consult.pop(0))
        driver.find_element(By.XPATH, "//select[@aria-label='Consult whom']/following-sibling::button").click()
    elif "'s offer" in offer and all(f"{title}: {label}" in offer for title, label in plan.items()):
        driver.find_element(By.CSS_SELECTOR, "#buttons button.primary").click()
    else:
        for select in driver.find_elements(By.CSS_SELECTOR, "#issues select"):
            title = driver.find_element(By.CSS_SELECTOR, f"label[for='{select.get_attribute('id')}']").text
            chosen = next(o for o in Select(select).options if o.text.split(" (")[0] == plan[title])
            Select(select).select_by_value(chosen.get_attribute("value"))
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
        wait(teacher, lambda d: all(n in text(d, "#lobby") for n in ("Ana", "Ben")))
        teacher.find_element(By.ID, "start").click()
        for driver in (ana, ben):
            wait(driver, lambda d: visible(d, "#game"))
        wait(ana, lambda d: "Your role card" in text(d, "#card-box"))
        assert ana.find_element(By.ID, "card-box").get_attribute("open") is not None  # read before the first move
        page = text(ana, "body")
        assert "Tension" in text(ana, "#meters") and "[object" not in page and "undefined" not in page
        assert "Your red lines" in page and "Stakeholders" in page and "firm" in text(ana, "#card")
        ana.find_element(By.CSS_SELECTOR, "#card-box summary").click()
        shot(ana, "student-table")
        plan, must = deal_for(room)
        seat_of = {d: ("us" if "you are United States" in text(d, "#heading") else "russia") for d in (ana, ben)}
        deadline = time.monotonic() + 120
        while not all(over(d) for d in (ana, ben)):
            assert time.monotonic() < deadline, "the game did not end"
            mover = next((d for d in (ana, ben) if my_turn(d) and not over(d)), None)
            if mover is None:
                time.sleep(0.05)
                continue
            deal_move(mover, plan, must[seat_of[mover]])
        assert room.tables[1].state.result.kind == "agreement"  # a deal, ratified at home
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
        teacher.execute_script("document.querySelector('figure').scrollIntoView()")
        shot(teacher, "class-debrief")
        teacher.find_element(By.TAG_NAME, "summary").click()  # a table's trail of offers, on a click
        assert teacher.find_element(By.CSS_SELECTOR, "details figure svg").is_displayed()


def test_a_reload_mid_game_gets_the_seat_back_and_a_killed_server_comes_back(tmp_path: Path) -> None:
    need_browser()
    from selenium.webdriver.common.by import By

    folder = tmp_path / "class"
    with browser() as ana, browser() as ben, browser() as teacher:
        with HostProcess("--out", str(folder), "--seed", "5") as server:
            join(ana, server, server.code, "Ana")
            join(ben, server, server.code, "Ben")
            teacher.get(server.dashboard)
            wait(teacher, lambda d: all(n in text(d, "#lobby") for n in ("Ana", "Ben")))
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


FOCUSED = ("const e = document.activeElement; return {tag: e.tagName.toLowerCase(), id: e.id, "
           "cls: e.className || '', text: e.textContent || ''};")


def tab_to(driver, wanted, limit: int = 150) -> None:  # noqa: ANN001
    """Press Tab until the focused element is the one `wanted(element)` picks (as a keyboard user does); `wanted`
    reads a dict of the focused element's tag, id, class and text."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    for _ in range(limit):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        if wanted(driver.execute_script(FOCUSED)):
            return
    raise AssertionError("the control cannot be reached with Tab")


def keyboard_move(driver) -> None:  # noqa: ANN001
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    def button(label: str):  # noqa: ANN202
        return lambda e: e["tag"] == "button" and label in e["text"]

    before = text(driver, "#heading") + text(driver, "#log")
    if visible(driver, "#question"):  # the AI asked: the student answers, honestly
        tab_to(driver, button("Answer honestly"))
    elif visible(driver, "#event"):
        tab_to(driver, lambda e: e["tag"] == "button" and "choice" in e["cls"])
    elif visible(driver, "#buttons button.primary") and "'s offer" in text(driver, "#offer-text") \
            and "Better for you" in text(driver, "#offer-verdict"):
        tab_to(driver, button("Accept"))
    else:
        tab_to(driver, lambda e: e["tag"] == "select" and e["id"].startswith("issue-"))
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


def click(driver, xpath: str) -> None:  # noqa: ANN001
    """Click what `xpath` finds, again if the live page replaced it just then (as a person would)."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By

    for _ in range(5):
        try:
            driver.find_element(By.XPATH, xpath).click()
            return
        except StaleElementReferenceException:
            time.sleep(0.1)
    raise AssertionError(f"{xpath} kept changing under the click")


def test_the_dashboard_controls_the_class_by_clicks(tmp_path: Path) -> None:
    need_browser()
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    room, token = new_room(tmp_path / "class")
    with ServerThread(room) as server, browser(1366, 900) as teacher, browser() as ana:
        for name in ("Ana", "Ben", "Cleo", "Dan", "Eve"):
            if name == "Ana":
                join(ana, server, room.code, name)
            else:
                server.student(name)
        teacher.get(server.url(f"/dashboard?key={token}"))
        wait(teacher, lambda d: "Eve" in text(d, "#lobby"))
        teacher.find_element(By.ID, "start").click()
        wait(teacher, lambda d: "Table 3" in text(d, "#tables"))
        wait(ana, lambda d: visible(d, "#game"))
        # a time for each move: the students see their clock, the dashboard every table's
        limit = teacher.find_element(By.ID, "limit")
        limit.clear()
        limit.send_keys("2")
        Select(teacher.find_element(By.ID, "expiry")).select_by_value("ai")
        teacher.find_element(By.CSS_SELECTOR, "#limit-form button[type=submit]").click()
        wait(teacher, lambda d: "left)" in text(d, "#tables"))
        wait(ana, lambda d: "Time left" in text(d, "#timer"))
        assert room.turn_limit == 120 and room.on_expiry == "ai"
        # an event fired at table 2 only
        Select(teacher.find_element(By.ID, "event")).select_by_value("troop_reports")
        teacher.find_element(By.ID, "inject-tables").send_keys("2")
        teacher.find_element(By.CSS_SELECTOR, "#inject-form button").click()
        wait(teacher, lambda d: "Reports of units on the move\u201d happens at the start of the next round at table 2"
             in text(d, "#notice"))
        assert room.tables[2].state.injected == ("troop_reports",)
        # pause one table: its students are told; a seat handed to the AI
        click(teacher, "//article[@aria-label='Table 1']//button[contains(., 'Pause this table')]")
        wait(ana, lambda d: visible(d, "#paused"))
        assert room.tables[1].paused and not room.tables[2].paused
        click(teacher, "//article[@aria-label='Table 3']//button[contains(., 'Hand to the AI')]")
        assert "to the AI?" in teacher.switch_to.alert.text  # the instructor is asked first
        teacher.switch_to.alert.accept()
        wait(teacher, lambda d: "the AI plays for them" in text(d, "article[aria-label='Table 3']"))
        assert room.tables[3].stand_ins
        shot(teacher, "dashboard-live")
        teacher.find_element(By.ID, "pause-all").click()
        wait(teacher, lambda d: all(t.paused for t in room.tables.values()))
        teacher.find_element(By.ID, "resume-all").click()
        wait(ana, lambda d: not visible(d, "#paused"))
        assert not any(t.paused for t in room.tables.values())
