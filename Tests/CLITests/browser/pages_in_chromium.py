#!/usr/bin/env python3
"""Sabaq's pages driven in a real browser (Debian's chromium through chromium-driver, selenium).

Starts `sabaq serve --starter` (the README's first command) on a free loopback port with a new
SQLite file, then, as people do: a deputy copies a curriculum to the parallel classes, starts a
solve, watches its progress and publishes; the teacher's week then shows lessons (it showed
none before); a parent sees the child's class and is refused another class; the district's
staff drill down from the district's load to the school's. Screenshots of every page at phone
(380 px) and desktop (1280 px) widths go to out/screenshots/. Exits non-zero on the first failure.

    python3 Tests/CLITests/browser/pages_in_chromium.py --sabaq .build/debug/sabaq
"""
import argparse, os, re, socket, subprocess, sys, tempfile, time, urllib.request
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

ROOT = Path(__file__).resolve().parents[3]
SHOTS = ROOT / "out" / "screenshots"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(sabaq, folder):
    port = free_port()
    log = open(folder / "serve.log", "w+")
    process = subprocess.Popen(
        [sabaq, "serve", "--database", f"sqlite:{folder / 'demo.sqlite'}", "--port", str(port),
         "--starter", str(ROOT / "instances" / "ru-gymnasium-31.json")],
        stdout=log, stderr=subprocess.STDOUT, cwd=folder)
    deadline = time.time() + 180
    while time.time() < deadline:
        log.seek(0)
        text = log.read()
        if "Sabaq on http" in text:
            password = re.search(r"with the password (\S+)", text).group(1)
            school = int(re.search(r"\(organisation (\d+)\)", text).group(1))
            return process, f"http://127.0.0.1:{port}", password, school
        if process.poll() is not None:
            raise SystemExit(f"sabaq serve ended: {text}")
        time.sleep(0.5)
    process.kill()
    raise SystemExit("sabaq serve did not start in 180 s")


class Browser:
    def __init__(self, base):
        options = Options()
        options.binary_location = "/usr/bin/chromium"
        for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=ru"]:
            options.add_argument(flag)
        self.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        self.driver.set_page_load_timeout(60)
        self.base = base

    def open(self, path):
        self.driver.get(self.base + path)

    def text(self):
        return self.driver.find_element(By.TAG_NAME, "body").text

    def shoot(self, name):
        SHOTS.mkdir(parents=True, exist_ok=True)
        for label, width in [("phone", 380), ("desktop", 1280)]:
            self.driver.set_window_size(width, 900)
            height = self.driver.execute_script("return document.documentElement.scrollHeight")
            self.driver.set_window_size(width, min(max(height, 600), 4000))
            self.driver.save_screenshot(str(SHOTS / f"{name}-{label}.png"))
            if label == "phone":
                wide = self.driver.execute_script("return document.documentElement.scrollWidth")
                check(wide <= 400, f"{name}: the page is {wide} px wide on a 380 px phone")
        self.driver.set_window_size(1280, 900)

    def sign_in(self, login, password):
        self.driver.delete_all_cookies()
        self.open("/sign-in")
        self.driver.find_element(By.ID, "login").send_keys(login)
        self.driver.find_element(By.ID, "password").send_keys(password)
        self.submit("form.card button[type=submit]")

    def submit(self, selector):
        """Clicks a form's button and waits for the next page."""
        old = self.driver.find_element(By.TAG_NAME, "html")
        self.driver.find_element(By.CSS_SELECTOR, selector).click()
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                old.tag_name
                time.sleep(0.1)
            except Exception:
                return
        raise AssertionError(f"no new page after {selector}")

    def lessons(self):
        return len(self.driver.find_elements(By.CSS_SELECTOR, ".lessons li"))

    def quit(self):
        self.driver.quit()


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def scenario(browser, password, school):
    b = browser
    # A wrong password: the form comes back with the login kept and the message by the fields.
    b.sign_in("teacher", "wrong password")
    check(b.driver.find_element(By.ID, "login").get_attribute("value") == "teacher", "the login was not kept")
    check(b.driver.find_elements(By.CSS_SELECTOR, ".error[role=alert]"), "no message after a wrong password")
    b.shoot("sign-in-error")

    # The teacher before anything is published: the week has no lessons.
    b.sign_in("teacher", password)
    check(f"/o/{school}/teacher/" in b.driver.current_url, f"the teacher landed on {b.driver.current_url}")
    teacher_week = b.driver.current_url.split("?")[0]
    check(b.lessons() == 0, "lessons shown before a version was published")

    # The deputy: copy a curriculum to the parallel classes.
    b.sign_in("deputy", password)
    check(b.driver.current_url.rstrip("/").endswith(f"/o/{school}"), f"the deputy landed on {b.driver.current_url}")
    b.shoot("school")
    b.open(f"/o/{school}/curriculum?class=5%D0%90")
    ticked = [e.get_attribute("value") for e in b.driver.find_elements(By.CSS_SELECTOR, "input[name='to[]']:checked")]
    check(ticked and all(t.startswith("5") for t in ticked), f"the parallel classes were not ticked: {ticked}")
    b.shoot("curriculum")
    b.submit("form[action$='/curriculum/copy'] button[type=submit]")
    check(b.driver.find_elements(By.CSS_SELECTOR, ".notice"), "no notice after the copy: " + b.text()[:300])
    # Nothing ticked: the form comes back with the message next to the classes.
    for box in b.driver.find_elements(By.CSS_SELECTOR, "input[name='to[]']:checked"):
        box.click()
    b.submit("form[action$='/curriculum/copy'] button[type=submit]")
    check(b.driver.find_elements(By.ID, "to-error"), "no message next to the classes")
    b.shoot("curriculum-error")

    # Start a solve, watch it, open the version and publish it.
    b.open(f"/o/{school}/versions")
    field = b.driver.find_element(By.ID, "timeLimit")
    field.clear()
    field.send_keys("8")
    b.submit("form[action$='/solve'] button[type=submit]")
    check("/solve/" in b.driver.current_url, "the solve did not start: " + b.text()[:300])
    b.shoot("solve-progress")
    deadline = time.time() + 240
    while time.time() < deadline and not b.driver.find_elements(By.CSS_SELECTOR, "a.button.primary"):
        time.sleep(1)
    links = b.driver.find_elements(By.CSS_SELECTOR, "a.button.primary")
    check(links, "the solve did not finish: " + b.text()[:300])
    b.open(links[0].get_attribute("href").replace(b.base, ""))
    b.shoot("version")
    b.submit("#publish")
    check(not b.driver.find_elements(By.ID, "publish"), "the version is still a draft after publishing")

    # The teacher's week now has lessons, with bell times.
    b.sign_in("teacher", password)
    b.open(teacher_week.replace(b.base, ""))
    check(b.lessons() > 0, "the teacher's week has no lessons after publishing")
    check(re.search(r"\d\d:\d\d–\d\d:\d\d", b.text()), "no bell times in the teacher's week")
    # The teacher's calendar feed, from the address on the page, read by a real iCalendar parser.
    import icalendar
    feed_url = b.driver.find_element(By.ID, "feed").get_attribute("value")
    with urllib.request.urlopen(feed_url) as response:
        calendar = icalendar.Calendar.from_ical(response.read())
    events = [e for e in calendar.walk("VEVENT")]
    check(len(events) > 0, "the teacher's feed has no events")
    check(calendar.walk("VTIMEZONE"), "the feed has no VTIMEZONE")
    b.shoot("teacher-week")
    b.open(teacher_week.replace(b.base, "") + "?date=2026-01-01")
    check(b.driver.find_elements(By.CSS_SELECTOR, ".closed"), "the New Year week is not shown as a holiday")
    b.shoot("teacher-holiday")
    b.open(teacher_week.replace(b.base, "") + "?print=1")
    b.shoot("teacher-print")
    for language, word in [("kk", "Дүйсенбі"), ("en", "Monday"), ("ru", "Понедельник")]:
        b.open(teacher_week.replace(b.base, ""))
        select = b.driver.find_element(By.ID, "language")
        select.find_element(By.CSS_SELECTOR, f"option[value={language}]").click()
        b.submit("form[action='/language'] button")
        check(word in b.text(), f"{language}: no {word} on the week page")
        check(b.driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == language, f"lang is not {language}")
        b.shoot(f"teacher-week-{language}")

    # The parent sees the child's class and is refused another class.
    b.sign_in("parent", password)
    child = b.driver.current_url.split("?")[0]
    check("/class/" in child, f"the parent landed on {child}")
    check(b.lessons() > 0, "the child's week has no lessons")
    b.shoot("parent-week")
    other = "6%D0%91" if not child.endswith("6%D0%91") else "5%D0%90"
    b.open(f"/o/{school}/class/{other}")
    check(b.driver.find_elements(By.CSS_SELECTOR, ".error[role=alert]") and b.lessons() == 0,
          "the parent saw another class's week")
    b.shoot("parent-refused")

    # The district's staff: the district's load, a school one level down, the CSV.
    b.sign_in("district", password)
    check(b.driver.find_elements(By.CSS_SELECTOR, "table.load"), "the district landed without a load table")
    b.shoot("district-load")
    row_links = b.driver.find_elements(By.CSS_SELECTOR, "table.load tbody th a")
    check(row_links, "no organisation to drill down to")
    b.open(row_links[0].get_attribute("href").replace(b.base, ""))
    check(b.driver.find_elements(By.CSS_SELECTOR, "table.load tbody tr"), "the school's load is empty")
    b.shoot("school-load")
    csv_link = b.driver.find_element(By.CSS_SELECTOR, "a[download]").get_attribute("href")
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in b.driver.get_cookies())
    with urllib.request.urlopen(urllib.request.Request(csv_link, headers={"Cookie": cookie})) as response:
        check(response.headers["Content-Type"].startswith("text/csv"), "the CSV is not CSV")
        check(len(response.read().decode().splitlines()) >= 2, "the CSV has no rows")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sabaq", required=True)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="sabaq-browser-"))
    process, base, password, school = start_server(os.path.abspath(args.sabaq), folder)
    browser = None
    try:
        browser = Browser(base)
        scenario(browser, password, school)
        print(f"browser: every scenario passed; screenshots in {SHOTS}")
    except Exception as error:
        if browser:
            SHOTS.mkdir(parents=True, exist_ok=True)
            browser.driver.save_screenshot(str(SHOTS / "failure.png"))
            print(f"at {browser.driver.current_url}:\n{browser.text()[:2000]}", file=sys.stderr)
        print(f"browser: FAILED: {error}", file=sys.stderr)
        sys.exit(1)
    finally:
        if browser:
            browser.quit()
        process.terminate()
        process.wait(timeout=30)


if __name__ == "__main__":
    main()
