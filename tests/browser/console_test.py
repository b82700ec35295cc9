#!/usr/bin/python3
"""End-to-end test of the admin console in a real headless Chromium.

Starts `qunbot` with the console sandbox and the web console on a free port, signs in with the
one-time link the bot prints, and walks through what a new admin does: the browser sandbox, the
welcome text, a setting, a deposit challenge from set-up to refund, an ad and its undo, the audit
log, and every page again at phone size. Every page visited is saved as a PNG in --artifacts.

Runs under Debian's python3 with python3-selenium, chromium and chromium-driver; nothing is
downloaded. Exits 0 when every step passed (panel steps may print "SKIPPED panel step: ..." while
the binary has no plugin panels), non-zero with the failing step otherwise.

    /usr/bin/python3 tests/browser/console_test.py --qunbot build/test/qunbot --artifacts /tmp/shots
"""

import argparse
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.parse

SKIP = 77  # the browser tools are not installed (ctest still counts it as a failure)

try:
    from selenium import webdriver
    from selenium.common.exceptions import (NoAlertPresentException, NoSuchElementException,
                                            StaleElementReferenceException, TimeoutException,
                                            WebDriverException)
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError as e:
    print(f"SKIP: python3-selenium is not importable here ({e}); run with /usr/bin/python3 after "
          "apt-get install python3-selenium chromium chromium-driver", file=sys.stderr)
    sys.exit(SKIP)

GROUP = "读书会"
GROUP_KEY = "console:" + GROUP
START_DATE = "2026-03-02"
NO_PANELS = "没有插件在这里提供内容"
LINK_RE = re.compile(r"管理后台 / admin console: (http://127\.0\.0\.1:(\d+)/login\?t=\S+)")
WELCOME_MARK = "浏览器测试欢迎词"
WELCOME_TEXT = "欢迎 {at} 加入读书会！先看群规，再做个自我介绍（" + WELCOME_MARK + "）"
CHALLENGE = "三天读书"
AD_TEXT = "加我薇信 ａｂｃ１２３４５，带你日入五百"

T0 = time.monotonic()


class StepFailed(Exception):
    pass


class OverallTimeout(Exception):
    pass


def log(msg):
    print(f"[{time.monotonic() - T0:6.1f}s] {msg}", flush=True)


def check(cond, what):
    if not cond:
        raise StepFailed(what)


# ---- the bot ------------------------------------------------------------------------------------

BOT_TOML = """\
[bot]
name = "qunbot"
superusers = ["alice"]
database = "{db}"
log_level = "warn"

[outbox]
enabled = true

[console]
enabled = true
host = "127.0.0.1"
port = 0

[adapters.console]
enabled = true
groups = ["{group}"]
members = ["alice", "bob", "carol"]
admins = ["alice"]
start_time = "{start} 09:00"
"""


class Bot:
    """qunbot with the sandbox on a pipe that stays open, its output drained on threads."""

    def __init__(self, binary, workdir):
        self.workdir = workdir
        self.config = os.path.join(workdir, "bot.toml")
        with open(self.config, "w", encoding="utf-8") as f:
            f.write(BOT_TOML.format(db=os.path.join(workdir, "qunbot.db"), group=GROUP, start=START_DATE))
        env = dict(os.environ)
        env["ASAN_OPTIONS"] = "detect_leaks=0"
        self.out_lines = []
        self.err_lines = []
        self.links = queue.Queue()
        self.proc = subprocess.Popen([binary, "--config", self.config], cwd=workdir, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     start_new_session=True)
        self._threads = [threading.Thread(target=self._drain, args=(self.proc.stdout, self.out_lines, True), daemon=True),
                         threading.Thread(target=self._drain, args=(self.proc.stderr, self.err_lines, False), daemon=True)]
        for t in self._threads:
            t.start()

    def _drain(self, stream, into, look_for_link):
        for raw in iter(stream.readline, b""):
            line = raw.decode("utf-8", "replace").rstrip("\n")
            into.append(line)
            if look_for_link:
                m = LINK_RE.search(line)
                if m:
                    self.links.put(m.group(1))

    def wait_link(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise StepFailed(f"qunbot exited with status {self.proc.returncode} before printing the console link;"
                                 f" stderr:\n" + "\n".join(self.err_lines[-30:]))
            try:
                return self.links.get(timeout=0.5)
            except queue.Empty:
                pass
        raise StepFailed(f"qunbot printed no '管理后台 / admin console:' link within {timeout}s; stdout:\n"
                         + "\n".join(self.out_lines[-20:]) + "\nstderr:\n" + "\n".join(self.err_lines[-20:]))

    def stop(self):
        if self.proc.poll() is None:
            try:
                self.proc.stdin.close()  # EOF ends the sandbox and with it the bot
            except OSError:
                pass
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                log("qunbot did not stop on EOF within 20s; terminating it")
                self._signal(signal.SIGTERM)
                try:
                    self.proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self._signal(signal.SIGKILL)
                    self.proc.wait(timeout=10)
        return self.proc.returncode

    def kill(self):
        if self.proc.poll() is None:
            self._signal(signal.SIGKILL)

    def _signal(self, sig):
        try:
            os.killpg(self.proc.pid, sig)  # its own session: the bot and nothing else
        except ProcessLookupError:
            pass


# ---- the browser --------------------------------------------------------------------------------


def replaced(element):
    """Whether the page an element belonged to has gone (the browser navigated). Chromium reports
    a node caught mid-navigation either as stale or, now and then, as an inspector error that the
    node "does not belong to the document"; both mean the old page is gone."""
    try:
        element.is_enabled()
        return False
    except StaleElementReferenceException:
        return True
    except WebDriverException as e:
        if "does not belong to the document" in str(e):
            return True
        raise


class Browser:
    def __init__(self, workdir, artifacts):
        self.artifacts = artifacts
        self.profile = os.path.join(workdir, "chromium-profile")
        opts = webdriver.ChromeOptions()
        opts.binary_location = "/usr/bin/chromium"
        for a in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                  "--window-size=1280,900", "--lang=zh-CN", "--no-first-run", "--no-default-browser-check",
                  "--disable-extensions", "--disable-background-networking", "--disable-sync",
                  "--disable-component-update", "--hide-scrollbars", "--force-device-scale-factor=1",
                  f"--user-data-dir={self.profile}"):
            opts.add_argument(a)
        self.service = Service(executable_path="/usr/bin/chromedriver",
                               log_path=os.path.join(workdir, "chromedriver.log"),
                               popen_kw={"start_new_session": True})
        self.d = webdriver.Chrome(service=self.service, options=opts)
        self.d.set_page_load_timeout(60)
        self.d.set_script_timeout(30)
        self.d.implicitly_wait(0)
        self.base = None

    # -- plumbing --
    def wait(self, timeout=30):
        return WebDriverWait(self.d, timeout, poll_frequency=0.2)

    def go(self, path):
        self.d.get(self.base + path)
        self.wait().until(lambda d: d.execute_script("return document.readyState") == "complete")

    def shot(self, name):
        path = os.path.join(self.artifacts, name)
        self.d.save_screenshot(path)
        log(f"screenshot {name}")

    def h1(self):
        return self.d.find_element(By.TAG_NAME, "h1").text

    def flash(self):
        found = self.d.find_elements(By.CSS_SELECTOR, "div.flash")
        return found[0].text if found else ""

    def submit_and_wait(self, button, confirm=False, timeout=60):
        """Clicks a submit button (accepting its confirm dialog) and waits for the page after the redirect."""
        old = self.d.find_element(By.TAG_NAME, "html")
        label = button.text.strip()
        self.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
        button.click()
        if confirm:
            try:
                alert = self.wait(10).until(EC.alert_is_present())
            except TimeoutException:
                raise StepFailed(f"the button «{button.text}» opened no confirmation dialog (data-confirm)")
            text = alert.text
            alert.accept()
            log(f"accepted the confirmation «{text}»")
        self.wait(timeout).until(lambda d: replaced(old))
        self.wait(timeout).until(lambda d: d.execute_script("return document.readyState") == "complete")
        if self.h1() == "无法访问":  # the console refused the form
            error = self.d.find_elements(By.CSS_SELECTOR, "main p.error")
            raise StepFailed(f"the console refused the form of «{label}» at {self.d.current_url}: "
                             f"{error[0].text if error else self.d.find_element(By.TAG_NAME, 'main').text[:300]}")

    def text_form(self, key):
        """The texts editor's div.text for `key`, or None."""
        return self.d.execute_script("""
            for (const k of document.querySelectorAll("div.text form[action='/group/text'] input[name=key]"))
              if (k.value === arguments[0]) return k.closest('div.text');
            return null;""", key)

    def no_sideways_scroll(self):
        return self.d.execute_script(
            "return [document.documentElement.scrollWidth, window.innerWidth]")

    # -- the sandbox page --
    def open_sandbox(self):
        self.go("/sandbox")
        self.wait(30).until(lambda d: d.execute_script("return document.body.dataset.sandbox") == "open")

    def transcript(self):
        return self.d.execute_script(
            "return Array.from(document.querySelectorAll('#transcript > div')).map(e => e.textContent)")

    def say(self, who, line, expect=None, timeout=60):
        """Types a line in the browser sandbox as `who`; waits until a new transcript line matches `expect`
        (a string, a regex, or a list of them, all of which must appear). Returns the new lines."""
        if not self.d.current_url.endswith("/sandbox") or \
                self.d.execute_script("return document.body.dataset.sandbox") != "open":
            self.open_sandbox()
        before = len(self.transcript())
        Select(self.d.find_element(By.ID, "as")).select_by_value(who)
        box = self.d.find_element(By.ID, "line")
        box.clear()
        box.send_keys(line)
        self.d.find_element(By.CSS_SELECTOR, "form#say button[type=submit]").click()
        wants = [] if expect is None else (expect if isinstance(expect, list) else [expect])
        wants = [w if isinstance(w, re.Pattern) else re.compile(re.escape(w)) for w in wants]
        if not wants:
            wants = [re.compile(re.escape(line))]
        deadline = time.monotonic() + timeout
        new = []
        while time.monotonic() < deadline:
            lines = self.transcript()
            new = lines[before:] if len(lines) >= before else lines
            text = "\n".join(new)
            if all(w.search(text) for w in wants):
                return new
            time.sleep(0.3)
        raise StepFailed(f"the sandbox transcript never showed {[w.pattern for w in wants]} after {who} typed "
                         f"{line!r} (within {timeout}s); new lines:\n" + "\n".join(new[-15:]))

    def quit(self):
        try:
            self.d.quit()
        except Exception as e:  # noqa: BLE001 - the process group is killed below anyway
            log(f"chromedriver quit failed: {e}")
        proc = getattr(self.service, "process", None)
        if proc is not None and proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


# ---- the scenario -------------------------------------------------------------------------------

class Scenario:
    def __init__(self, b, bot, link, require_panels=False):
        self.require_panels = require_panels
        self.b = b
        self.bot = bot
        self.link = link
        self.skipped = []
        self.panels_used = []
        self.timings = []

    def group_path(self, section=None):
        q = "/group?g=" + urllib.parse.quote(GROUP_KEY, safe="")
        return q + ("&s=" + section if section else "")

    def skip(self, what):
        if self.require_panels:
            raise StepFailed(f"no plugin panel where one is required (--require-panels): {what}")
        msg = f"SKIPPED panel step: {what}"
        self.skipped.append(what)
        log(msg)

    def step(self, name, fn):
        log(f"--- {name}")
        t = time.monotonic()
        fn()
        self.timings.append((name, time.monotonic() - t))

    # 1
    def sign_in(self):
        b = self.b
        b.d.get(self.link)
        b.wait().until(EC.presence_of_element_located((By.CSS_SELECTOR, "form[action='/login'] button")))
        check("登录" in b.h1(), f"the login page's heading is {b.h1()!r}")
        b.shot("01-login.png")
        button = b.d.find_element(By.CSS_SELECTOR, "form[action='/login'] button")
        check(button.text.strip() == "进入管理后台", f"the login button says {button.text!r}, not 进入管理后台")
        b.submit_and_wait(button)
        check(urllib.parse.urlparse(b.d.current_url).path == "/", f"after signing in the browser is at {b.d.current_url}")
        check(b.h1() == "总览", f"after signing in the heading is {b.h1()!r}, not 总览")
        check(b.d.get_cookie("qunbot_console") is not None, "no qunbot_console cookie after signing in")
        b.shot("01-overview.png")
        # The same link again (as if someone else had it): the page still shows the button, the click fails.
        b.d.get(self.link)
        button = b.wait().until(EC.presence_of_element_located((By.CSS_SELECTOR, "form[action='/login'] button")))
        b.submit_and_wait(button)
        body = b.d.find_element(By.TAG_NAME, "body").text
        check("这条登录链接无效" in body, "the one-time link worked twice: the second use did not say 这条登录链接无效; page:\n"
              + body[:500])
        b.shot("01-login-reused.png")
        # The session from the first use is unaffected.
        b.go("/")
        check(b.h1() == "总览", "the console session was lost after the second use of the link")

    # 2
    def sandbox_hello(self):
        b = self.b
        b.open_sandbox()
        options = [o.get_attribute("value") for o in b.d.find_elements(By.CSS_SELECTOR, "select#as option")]
        check({"alice", "bob", "carol"} <= set(options), f"select#as lists {options}, not alice, bob and carol")
        b.say("alice", "大家好", re.compile(r"alice: 大家好"))
        b.shot("02-sandbox.png")
        b.go("/")
        links = b.d.find_elements(By.CSS_SELECTOR, "ul.groups a")
        hrefs = [urllib.parse.unquote(a.get_attribute("href")) for a in links]
        check(any(("g=" + GROUP_KEY) in h for h in hrefs),
              f"after a message in the sandbox the overview lists no group {GROUP_KEY}: {hrefs}")
        b.shot("02-overview-group.png")
        # Through the overview's link, as a person would.
        for a in links:
            if GROUP_KEY in urllib.parse.unquote(a.get_attribute("href")):
                a.click()
                break
        b.wait().until(EC.presence_of_element_located((By.CSS_SELECTOR, "nav.sections")))
        sections = [urllib.parse.parse_qs(urllib.parse.urlparse(a.get_attribute("href")).query).get("s", [""])[0]
                    for a in b.d.find_elements(By.CSS_SELECTOR, "nav.sections a")]
        for s in ("settings", "commands", "members", "checkins", "money", "moderation", "health", "audit"):
            check(s in sections, f"the group page's nav.sections has no {s}: {sections}")

    # 3
    def welcome_text(self):
        b = self.b
        b.go(self.group_path("settings"))
        # The texts editor: the filter box narrows the long list to the welcome plugin's message.
        box = b.d.find_element(By.CSS_SELECTOR, "input.filter[data-filter='#texts .text']")
        b.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
        box.send_keys("welcome.welcome")
        form = b.text_form("welcome.welcome")
        if form is None:  # another name for the welcome message: the first welcome.* text with {at}
            form = b.d.execute_script("""
                for (const area of document.querySelectorAll('div.text textarea[name=value]')) {
                  const key = area.form.querySelector('input[name=key]').value;
                  if (key.startsWith('welcome.') && (area.dataset.placeholders || '').includes('{at}'))
                    return area.closest('div.text');
                }
                return null;""")
        check(form is not None, "the texts editor has no welcome.* text with an {at} placeholder")
        check(form.is_displayed(), "the filter hid the welcome text it was asked for")
        key = form.find_element(By.CSS_SELECTOR, "input[name=key]").get_attribute("value")
        area = form.find_element(By.CSS_SELECTOR, "textarea[name=value]")
        check("{at}" in area.get_attribute("value"), f"the welcome text has no {{at}}: {area.get_attribute('value')!r}")
        area.clear()
        area.send_keys(WELCOME_TEXT)
        preview = form.find_element(By.CSS_SELECTOR, ".preview")
        b.wait(10).until(lambda d: WELCOME_MARK in preview.text)
        check("‹at›" in preview.text, f"the live preview does not show the placeholder as ‹at›: {preview.text!r}")
        check("未知的占位符" not in preview.text, f"the preview warns about placeholders: {preview.text!r}")
        b.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", form)
        b.shot("03-welcome-text-preview.png")
        b.submit_and_wait(form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
        flash = b.flash()
        check(flash, "saving the welcome text showed no div.flash")
        check(key in flash and "已" in flash, f"saving {key}: the flash says {flash!r}")
        log(f"flash: {flash}")
        b.shot("03-welcome-text-saved.png")
        # The saved text is the group's now (and marked as changed).
        saved = b.text_form(key)
        check(saved is not None, f"after saving, the texts editor has no {key}")
        now = saved.find_element(By.CSS_SELECTOR, "textarea[name=value]").get_attribute("value")
        check(now == WELCOME_TEXT, f"after saving, the editor shows {now!r}")
        check(saved.find_elements(By.CSS_SELECTOR, ".badge"), f"after saving, {key} is not marked 本群已修改")
        # A newcomer in the sandbox; joins within burst_window are merged, so let the clock pass it.
        b.say("alice", ":join dave", "dave")
        new = b.say("alice", ":time +15s", [WELCOME_MARK])
        line = next(l for l in new if WELCOME_MARK in l)
        check("@dave" in line or "dave" in line, f"the welcome does not name dave: {line!r}")
        b.shot("03-sandbox-welcome.png")

    # 4
    def setting(self):
        b = self.b

        def setting_form(key):
            div = b.d.execute_script("""
                for (const k of document.querySelectorAll("div.setting form[action='/group/set'] input[name=key]"))
                  if (k.value === arguments[0]) return k.closest('div.setting');
                return null;""", key)
            check(div is not None, f"the settings page has no div.setting for {key}")
            return div

        def save(value, shown_before):
            """Types `value` into day_close_hour's form (which shows `shown_before`), saves, returns the flash."""
            field = setting_form("day_close_hour").find_element(By.CSS_SELECTOR, "input[name=value]")
            check(field.get_attribute("value") == shown_before,
                  f"day_close_hour shows {field.get_attribute('value')!r}, not {shown_before!r}")
            field.clear()
            field.send_keys(value)
            b.submit_and_wait(setting_form("day_close_hour").find_element(By.CSS_SELECTOR, "form[action='/group/set'] button"))
            flash = b.flash()
            log(f"flash: {flash}")
            return flash

        b.go(self.group_path())
        flash = save("4", "0")
        check("day_close_hour = 4" in flash and "04:00" in flash,
              f"setting day_close_hour to 4: the flash says {flash!r}")
        b.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", setting_form("day_close_hour"))
        b.shot("04-setting-saved.png")
        # A bad value: the chat's own refusal, nothing changed.
        flash = save("25", "4")
        check("不能设为「25」" in flash and "0 和 23" in flash,
              f"a bad day_close_hour (25) did not show the chat's refusal; flash: {flash!r}")
        field = setting_form("day_close_hour").find_element(By.CSS_SELECTOR, "input[name=value]")
        check(field.get_attribute("value") == "4", f"after the refused 25 the field shows {field.get_attribute('value')!r}")
        b.shot("04-setting-refused.png")
        # The chat sees the new day close.
        b.say("alice", "/time", "每天 04:00 换日")
        b.shot("04-sandbox-time.png")

    # 5
    def run_command(self, name, args, shot=None):
        """Runs /name through the commands page with the fields arg0, arg1, ...; returns the flash."""
        b = self.b
        b.go(self.group_path("commands"))
        found = None
        for det in b.d.find_elements(By.CSS_SELECTOR, "details.command"):
            code = det.find_element(By.CSS_SELECTOR, "summary code").text.strip()
            if code == "/" + name:
                found = det
                break
        check(found is not None, f"the commands page has no details.command for /{name}")
        summary = found.find_element(By.TAG_NAME, "summary")
        b.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", summary)
        summary.click()
        for i, value in enumerate(args):
            field = found.find_element(By.CSS_SELECTOR, f"[name=arg{i}]")
            field.clear()
            field.send_keys(value)
        if shot:
            b.shot(shot)
        button = found.find_element(By.CSS_SELECTOR, "form[action='/group/command'] button")
        check(button.text.strip() == "执行", f"the command's button says {button.text!r}, not 执行")
        b.submit_and_wait(button)
        flash = b.flash()
        log(f"/{name} {' '.join(args)} -> flash: {flash}")
        check(flash, f"running /{name} from the commands page showed no div.flash")
        return flash

    def money_panel(self):
        """The money section; None when no plugin provides it."""
        b = self.b
        b.go(self.group_path("money"))
        if NO_PANELS in b.d.find_element(By.TAG_NAME, "main").text:
            return None
        return b.d.find_element(By.TAG_NAME, "main")

    def panel_row_button(self, row_text, label):
        """The button `label` in the table row whose first cell is `row_text` (None if there is none)."""
        for tr in self.b.d.find_elements(By.CSS_SELECTOR, "section.panel tr"):
            cells = tr.find_elements(By.TAG_NAME, "td")
            if cells and cells[0].text.strip() == row_text:
                for btn in tr.find_elements(By.CSS_SELECTOR, "form[action='/group/run'] button"):
                    if btn.text.strip() == label:
                        return btn
        return None

    def panel_button(self, label):
        for btn in self.b.d.find_elements(By.CSS_SELECTOR, "section.panel form[action='/group/run'] button"):
            if btn.text.strip() == label:
                return btn
        return None

    def deposit(self):
        b = self.b
        flash = self.run_command("challenge new",
                                 [f"{CHALLENGE} start={START_DATE} days=3 deposit=50 fine=5"],
                                 shot="05-challenge-new-form.png")
        check(f"押金挑战「{CHALLENGE}」" in flash and "2026-03-02 至 2026-03-04" in flash and "50.00" in flash,
              f"/challenge new did not announce the challenge: {flash!r}")
        b.shot("05-challenge-created.png")
        for who in ("bob", "carol"):
            b.say(who, "/challenge join", f"{who} 报名「{CHALLENGE}」成功")
        b.shot("05-sandbox-joined.png")

        # Deposits: the money panel's 确认押金 on each row, or /deposit paid.
        panel = self.money_panel()
        if panel is None:
            self.skip("money panel: 押金与红包 says 没有插件在这里提供内容; confirming deposits with /deposit paid")
            b.shot("05-money-no-panel.png")
            for who in ("bob", "carol"):
                flash = self.run_command("deposit paid", [who])
                check(f"@{who} 押金 50.00 元已确认收到" in flash, f"/deposit paid {who}: {flash!r}")
        else:
            self.panels_used.append("money")
            b.shot("05-money-before.png")
            for who in ("bob", "carol"):
                btn = self.panel_row_button(who, "确认押金")
                check(btn is not None, f"the money panel has no 确认押金 button in {who}'s row")
                b.submit_and_wait(btn, confirm=True)
                flash = b.flash()
                log(f"确认押金 {who} -> flash: {flash}")
                check("押金 50.00 元已确认收到" in flash and who in flash, f"确认押金 for {who}: {flash!r}")
            b.shot("05-money-paid.png")

        # Three days, 03-02 to 03-04; the day closes at 04:00 (step 4). carol misses day 2.
        b.say("bob", "/checkin 读了10页", "打卡成功")
        b.say("carol", "/checkin 读了10页", "打卡成功")
        b.say("alice", ":time 2026-03-03 09:00", f"「{CHALLENGE}」2026-03-02（第 1/3 天）", timeout=90)
        b.say("bob", "/checkin 读了20页", "打卡成功")
        b.say("alice", ":time 2026-03-04 09:00", "@carol 扣 5.00 元，剩 45.00 元", timeout=90)
        b.say("bob", "/checkin 读了20页", "打卡成功")
        b.say("carol", "/checkin 读了5页", "打卡成功")
        b.say("alice", ":time 2026-03-05 09:00", f"「{CHALLENGE}」全部 3 天结束啦", timeout=90)
        b.shot("05-sandbox-days.png")

        # Settlement.
        panel = self.money_panel()
        if panel is None:
            self.skip("money panel: no 结算 button; settling with /settle")
            flash = self.run_command("settle", [])
        else:
            btn = self.panel_button("结算")
            check(btn is not None, "the money panel has no 结算 button after the challenge ended")
            b.submit_and_wait(btn, confirm=True)
            flash = b.flash()
        log(f"settlement flash: {flash}")
        check("bob：退 50.00 元" in flash, f"the settlement does not refund bob 50.00: {flash!r}")
        check("carol：退 45.00 元" in flash, f"the settlement does not refund carol 45.00: {flash!r}")
        check("押金合计 100.00 元 = 退款合计 95.00 元 + 进入群基金 5.00 元" in flash,
              f"the settlement's check is not 100.00 = 95.00 + 5.00: {flash!r}")
        b.shot("05-settled.png")
        if panel is not None:
            main = b.d.find_element(By.TAG_NAME, "main").text
            check("50.00（待退）" in main and "45.00（待退）" in main,
                  "the money panel's roster does not show 50.00（待退） and 45.00（待退） after settling")

        # bob's refund is paid.
        if panel is None:
            self.skip("money panel: no 标记已退款 button; marking the refund with /refund paid")
            flash = self.run_command("refund paid", ["bob"])
            check("已标记 bob 的退款 50.00 元为已退（1/2）" in flash, f"/refund paid bob: {flash!r}")
            flash = self.run_command("settle", [])
            log(f"/settle again: {flash}")
            check("bob：退 50.00 元" in flash, f"/settle after the refund: {flash!r}")
            b.shot("05-refund-paid.png")
        else:
            panel = self.money_panel()
            btn = self.panel_row_button("bob", "标记已退款")
            check(btn is not None, "the money panel has no 标记已退款 button in bob's row")
            b.submit_and_wait(btn, confirm=True)
            flash = b.flash()
            log(f"标记已退款 bob -> flash: {flash}")
            check("已标记 bob 的退款 50.00 元为已退（1/2）" in flash, f"标记已退款 for bob: {flash!r}")
            main = b.d.find_element(By.TAG_NAME, "main").text
            check("50.00（已退）" in main, "the money panel does not show bob's 50.00（已退）")
            check("45.00（待退）" in main, "the money panel does not show carol's 45.00（待退）")
            ledger = [tr.text for tr in b.d.find_elements(By.CSS_SELECTOR, "section.panel tr")
                      if "退款" in tr.text and "bob" in tr.text]
            check(ledger, "the money panel's ledger (账目) has no 退款 row for bob")
            check(self.panel_row_button("bob", "标记已退款") is None, "bob's row still offers 标记已退款 after it was marked")
            b.shot("05-refund-paid.png")

    # 6
    def moderation(self):
        b = self.b
        new = b.say("carol", AD_TEXT, ["请不要发广告", "撤回了 carol 的消息"])
        log("bot: " + " | ".join(l for l in new if "qunbot" in l)[:300])
        b.shot("06-sandbox-ad.png")
        b.go(self.group_path("moderation"))
        main = b.d.find_element(By.TAG_NAME, "main").text
        if NO_PANELS in main:
            b.shot("06-moderation-no-panel.png")
            self.skip("moderation panel: 管理 says 没有插件在这里提供内容; the undo (/wrong needs a reply) cannot run "
                      "from the commands page")
            return
        self.panels_used.append("moderation")
        b.shot("06-moderation-before.png")
        btn = None
        for tr in b.d.find_elements(By.CSS_SELECTOR, "section.panel tr"):
            if "carol" not in tr.text:
                continue
            for cand in tr.find_elements(By.CSS_SELECTOR, "form[action='/group/run'] button"):
                if "不是广告" in cand.text or "撤销处理" in cand.text:
                    btn = cand
        check(btn is not None, "the moderation panel has no 撤销处理 / 不是广告 button in a row for carol")
        b.submit_and_wait(btn, confirm=True)
        flash = b.flash()
        log(f"undo -> flash: {flash}")
        check("已撤销" in flash and "carol" in flash, f"the undo did not confirm (已撤销 … carol): {flash!r}")
        main = b.d.find_element(By.TAG_NAME, "main").text
        check("已撤销" in main, "the moderation log does not show the incident as 已撤销")
        b.shot("06-moderation-undone.png")

    # 6b
    def rhythm(self):
        """The group section: an announcement made in the sandbox is paused from its panel row, and a
        poll's votes show in its chart."""
        b = self.b
        b.say("alice", "/announce add 每天 20:00 | 今晚八点共读", "公告草稿 #1")
        b.say("alice", "/announce ok #1", "公告 #1 已生效")
        b.say("alice", "/poll 周末活动去哪儿？ | 爬山 | 看展", "投票 #1")
        b.say("bob", "/vote 2", "bob 投给了 #1")
        b.go(self.group_path("group"))
        main = b.d.find_element(By.TAG_NAME, "main").text
        if NO_PANELS in main:
            self.skip("group section: no announce or poll panel")
            return
        self.panels_used.append("group")
        check("公告与分享会" in main and "今晚八点共读" in main, "the group section does not list announcement #1")
        check("投票与调研" in main and "周末活动去哪儿？" in main, "the group section does not show poll #1")
        b.shot("08-group-before.png")
        btn = self.panel_row_button("#1", "暂停")
        check(btn is not None, "announcement #1's row has no 暂停 button")
        b.submit_and_wait(btn, confirm=True)
        flash = b.flash()
        log(f"pause -> flash: {flash}")
        check("公告 #1 已暂停" in flash, f"the pause did not confirm (公告 #1 已暂停): {flash!r}")
        check(self.panel_row_button("#1", "恢复") is not None, "the paused announcement has no 恢复 button")
        b.shot("08-group-paused.png")

    # 7
    def audit(self):
        b = self.b
        b.go("/")
        b.d.find_element(By.LINK_TEXT, "操作记录").click()
        b.wait().until(lambda d: urllib.parse.urlparse(d.current_url).path == "/audit")
        rows = [tr.text for tr in b.d.find_elements(By.CSS_SELECTOR, "table tbody tr")]
        text = "\n".join(rows)
        wants = [("sign-in by link", "the sign-in"),
                 ("/text welcome.welcome", "the welcome text (step 3)"),
                 ("/set day_close_hour 4", "the setting (step 4)"),
                 ("/set day_close_hour 25", "the refused setting (step 4)"),
                 ("/challenge new", "the challenge (step 5)"),
                 ("deposit paid", "the deposits (step 5)"),
                 ("/settle", "the settlement (step 5)"),
                 ("refund paid", "the refund (step 5)")]
        if "moderation" in self.panels_used:
            wants.append(("wrong", "the undo of the ad (step 6)"))
        for needle, what in wants:
            check(needle in text, f"/audit does not list {what} ({needle!r}); rows:\n" + text[:2000])
        check(sum("deposit paid" in r for r in rows) >= 2, "/audit lists fewer than two deposit confirmations")
        refused = [r for r in rows if "/set day_close_hour 25" in r]
        check(any("不能设为" in r for r in refused), f"/audit does not record the refusal of 25: {refused}")
        b.shot("07-audit.png")
        # The group's own audit section shows the same.
        b.go(self.group_path("audit"))
        check("/challenge new" in b.d.find_element(By.TAG_NAME, "main").text,
              "the group's 操作记录 section does not list /challenge new")
        b.shot("07-group-audit.png")

    # 8
    def phone(self):
        b = self.b
        b.d.set_window_size(390, 844)
        b.d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True})
        pages = [("phone-overview.png", "/"),
                 ("phone-settings.png", self.group_path("settings")),
                 ("phone-commands.png", self.group_path("commands")),
                 ("phone-money.png", self.group_path("money")),
                 ("phone-moderation.png", self.group_path("moderation")),
                 ("phone-audit.png", "/audit"),
                 ("phone-sandbox.png", "/sandbox")]
        wide = []
        for name, path in pages:
            b.go(path)
            if path == "/sandbox":
                b.wait(30).until(lambda d: d.execute_script("return document.body.dataset.sandbox") == "open")
            scroll_width, inner = b.no_sideways_scroll()
            check(inner <= 400, f"the phone viewport is {inner}px wide, not 390")
            if scroll_width > inner + 1:
                culprits = b.d.execute_script("""
                    const w = window.innerWidth, out = [];
                    for (const e of document.querySelectorAll('body *')) {
                      const r = e.getBoundingClientRect();
                      if (r.right > w + 1 && !e.closest('.scroll')) {
                        const p = e.parentElement && e.parentElement.getBoundingClientRect();
                        if (!p || p.right <= w + 1 || e.parentElement.closest('.scroll'))
                          out.push(e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') +
                                   ' ' + Math.round(r.right) + 'px «' + (e.textContent || '').trim().slice(0, 40) + '»');
                      }
                    }
                    return out.slice(0, 6);""")
                wide.append(f"{path}: scrollWidth {scroll_width} > innerWidth {inner}; widest: {culprits}")
            b.shot(name)
        check(not wide, "pages scroll sideways at 390px:\n  " + "\n  ".join(wide))
        b.d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--qunbot", required=True, help="the qunbot binary")
    ap.add_argument("--artifacts", required=True, help="folder for the screenshots (created)")
    ap.add_argument("--timeout", type=float, default=240, help="overall time limit in seconds (default 240)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder (config, database, logs)")
    ap.add_argument("--require-panels", action="store_true",
                    help="fail instead of skipping when the money or moderation section has no plugin panel")
    args = ap.parse_args()

    binary = os.path.abspath(args.qunbot)
    if not os.access(binary, os.X_OK):
        print(f"FAIL: {binary} is not an executable qunbot", file=sys.stderr)
        return 2
    for tool in ("/usr/bin/chromium", "/usr/bin/chromedriver"):
        if not os.access(tool, os.X_OK):
            print(f"SKIP: {tool} is not installed (apt-get install chromium chromium-driver)", file=sys.stderr)
            return SKIP
    os.makedirs(args.artifacts, exist_ok=True)
    for old in os.listdir(args.artifacts):
        if old.endswith(".png"):
            os.remove(os.path.join(args.artifacts, old))
    workdir = tempfile.mkdtemp(prefix="qunbot-browser-")
    log(f"work folder {workdir}, screenshots in {os.path.abspath(args.artifacts)}")

    bot = browser = None
    status = 1
    failure = None

    def on_alarm(signum, frame):
        raise OverallTimeout(f"the test took longer than {args.timeout:.0f}s")

    signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, args.timeout)
    # Last resort if cleanup itself hangs: kill what we started and leave.
    def last_resort():
        log("cleanup did not finish in time; killing qunbot and chromedriver")
        if bot:
            bot.kill()
        if browser:
            proc = getattr(browser.service, "process", None)
            if proc is not None:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        os._exit(3)
    guard = threading.Timer(args.timeout + 60, last_resort)
    guard.daemon = True
    guard.start()

    scenario = None
    try:
        bot = Bot(binary, workdir)
        link = bot.wait_link(90)
        log(f"qunbot is up: {link.split('?')[0]}")
        browser = Browser(workdir, args.artifacts)
        browser.base = re.match(r"(http://[^/]+)", link).group(1)
        scenario = Scenario(browser, bot, link, args.require_panels)
        scenario.step("1. sign in with the one-time link", scenario.sign_in)
        scenario.step("2. browser sandbox", scenario.sandbox_hello)
        scenario.step("3. welcome text", scenario.welcome_text)
        scenario.step("4. a setting", scenario.setting)
        scenario.step("5. deposit challenge", scenario.deposit)
        scenario.step("6. moderation", scenario.moderation)
        scenario.step("6b. announcements and polls", scenario.rhythm)
        scenario.step("7. audit log", scenario.audit)
        scenario.step("8. phone size", scenario.phone)
        status = 0
    except (StepFailed, OverallTimeout) as e:
        failure = str(e)
    except (WebDriverException, NoSuchElementException, StaleElementReferenceException,
            NoAlertPresentException, TimeoutException) as e:
        failure = f"{type(e).__name__}: {getattr(e, 'msg', None) or e}\n" + traceback.format_exc(limit=6)
    except Exception as e:  # noqa: BLE001 - any other error fails the test with its trace
        failure = f"{type(e).__name__}: {e}\n" + traceback.format_exc()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        if failure and browser:
            try:
                browser.shot("FAILED.png")
                log(f"failed at {browser.d.current_url}")
            except Exception:  # noqa: BLE001
                pass
        if browser:
            browser.quit()
        rc = bot.stop() if bot else None
        guard.cancel()
        if bot and failure:
            print("--- qunbot stdout (last lines):\n" + "\n".join(bot.out_lines[-25:]), file=sys.stderr)
            print("--- qunbot stderr (last lines):\n" + "\n".join(bot.err_lines[-25:]), file=sys.stderr)
        if bot and rc not in (0, None) and not failure:
            failure = f"qunbot exited with status {rc}; stderr:\n" + "\n".join(bot.err_lines[-30:])
            status = 1
        if bot and any("ERROR: AddressSanitizer" in l for l in bot.err_lines):
            failure = (failure or "") + "\nAddressSanitizer reported an error:\n" + "\n".join(bot.err_lines[-60:])
            status = 1
        if args.keep or failure:
            log(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    if scenario:
        for name, secs in scenario.timings:
            log(f"{secs:6.1f}s  {name}")
        for s in scenario.skipped:
            log(f"skipped: {s}")
    if failure:
        print(f"FAIL: {failure}", file=sys.stderr)
        return 1
    log(f"PASS in {time.monotonic() - T0:.1f}s" + (f" ({len(scenario.skipped)} panel steps skipped)"
                                                   if scenario and scenario.skipped else ""))
    return status


if __name__ == "__main__":
    sys.exit(main())
