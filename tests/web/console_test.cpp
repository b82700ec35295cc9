// The admin console over real HTTP on loopback: sign-in by one-time link and by password, sessions,
// CSRF, who sees which group, settings and commands run as the chat runs them, panels escaped,
// the audit log, and /metrics.
#include <catch2/catch.hpp>

#include <regex>

#include "bot/plugin_context.hpp"
#include "tests/support/fake_chat.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/pump.hpp"
#include "web/access.hpp"
#include "web/html.hpp"
#include "web/service.hpp"

namespace {

using testing::http_reply;

/// A bot with the console on a free port, a known group "test:g1" and another "test:g2".
struct console_bot {
    testing::fake_chat chat;
    web::service svc;

    explicit console_bot(web::settings cfg = defaults(), std::string toml = "[bot]\nsuperusers = [\"root\"]\n")
        : chat(std::move(toml)), svc(chat.bot(), std::move(cfg)) {
        REQUIRE(svc.start());
        chat.user("bob").says("大家好");
        chat.user("carol").in("g2").says("你好");
    }

    static web::settings defaults() {
        web::settings s;
        s.enabled = true;
        s.port = 0;
        return s;
    }

    http_reply call(std::string const& method, std::string const& target, std::string const& body = {},
                    testing::http_headers headers = {}) {
        return testing::pump_beside(chat.io(), [&] {
            return testing::http_call(svc.port(), method, target, body, "application/x-www-form-urlencoded", headers);
        });
    }

    /// Signs in through a one-time link; returns the Cookie header value.
    std::string sign_in(web::grant g) {
        auto link = svc.link_for(std::move(g));
        auto token = link.substr(link.find("t=") + 2);
        auto r = call("POST", "/login", "t=" + token);
        REQUIRE(r.status == 303);
        auto cookie = r.header("set-cookie");
        return cookie.substr(0, cookie.find(';'));
    }

    static web::grant root() {
        web::grant g;
        g.platform = "test";
        g.user = bot::id("root");
        g.name = "root";
        g.superuser = true;
        return g;
    }

    /// The CSRF token of the session, as the pages carry it.
    std::string csrf(std::string const& cookie) {
        auto page = call("GET", "/", {}, {{"Cookie", cookie}});
        std::smatch m;
        REQUIRE(std::regex_search(page.body, m, std::regex("name=\"csrf\" value=\"([0-9a-f]+)\"")));
        return m[1];
    }
};


}  // namespace

TEST_CASE("console pages need a session, and a sign-in link works once", "[web][auth]") {
    console_bot b;
    auto anon = b.call("GET", "/");
    CHECK(anon.status == 303);
    CHECK(anon.header("location") == "/login");
    CHECK(b.call("GET", "/group?g=test%3Ag1").status == 303);

    auto link = b.svc.link_for(console_bot::root());
    auto token = link.substr(link.find("t=") + 2);
    CHECK(link.rfind("http://127.0.0.1:", 0) == 0);
    // Opening the link (as a chat app's preview does) only shows a button: the link stays unused.
    auto shown = b.call("GET", "/login?t=" + token);
    CHECK(shown.status == 200);
    CHECK(shown.body.find("name=\"t\" value=\"" + token + "\"") != std::string::npos);
    auto in = b.call("POST", "/login", "t=" + token);
    REQUIRE(in.status == 303);
    auto cookie = in.header("set-cookie");
    CHECK(cookie.find("HttpOnly") != std::string::npos);
    CHECK(cookie.find("SameSite=Strict") != std::string::npos);
    CHECK(cookie.find("Max-Age=43200") != std::string::npos);
    auto again = b.call("POST", "/login", "t=" + token);
    CHECK(again.status == 401);
    CHECK(again.header("set-cookie").empty());
    CHECK(b.call("POST", "/login", "t=0000").status == 401);

    auto session = cookie.substr(0, cookie.find(';'));
    auto overview = b.call("GET", "/", {}, {{"Cookie", session}});
    CHECK(overview.status == 200);
    CHECK(overview.body.find("test:g1") != std::string::npos);
    CHECK(overview.body.find("test:g2") != std::string::npos);
    CHECK(overview.header("content-security-policy").find("default-src 'self'") != std::string::npos);
    CHECK(overview.header("x-frame-options") == "DENY");
    // Not no-referrer: under it a browser posts forms with "Origin: null", which is refused.
    CHECK(overview.header("referrer-policy") == "same-origin");
    CHECK(b.call("GET", "/", {}, {{"Cookie", "qunbot_console=forged"}}).status == 303);

    // Signing out ends the session.
    auto csrf = b.csrf(session);
    CHECK(b.call("POST", "/logout", "csrf=" + csrf, {{"Cookie", session}}).status == 303);
    CHECK(b.call("GET", "/", {}, {{"Cookie", session}}).status == 303);
}

TEST_CASE("sign-in links and sessions expire", "[web][auth]") {
    auto now = web::steady::now();
    web::access a(std::chrono::minutes(10), std::chrono::hours(12), [&] { return now; });
    auto late = a.issue_link(console_bot::root());
    auto soon = a.issue_link(console_bot::root());
    now += std::chrono::minutes(9);
    auto* s = a.redeem(soon);
    REQUIRE(s);
    auto id = s->id;
    now += std::chrono::minutes(2);
    CHECK_FALSE(a.redeem(late));  // eleven minutes old
    CHECK(a.find(id));
    now += std::chrono::hours(12);
    CHECK_FALSE(a.find(id));
}

TEST_CASE("a form without the CSRF token, or from another origin, changes nothing", "[web][csrf]") {
    console_bot b;
    auto session = b.sign_in(console_bot::root());
    auto csrf = b.csrf(session);
    auto body = "g=test%3Ag1&key=timezone&value=Asia%2FTokyo";
    auto no_token = b.call("POST", "/group/set", body, {{"Cookie", session}});
    CHECK(no_token.status == 403);
    auto wrong = b.call("POST", "/group/set", std::string(body) + "&csrf=" + std::string(csrf.size(), 'a'),
                        {{"Cookie", session}});
    CHECK(wrong.status == 403);
    auto elsewhere = b.call("POST", "/group/set", std::string(body) + "&csrf=" + csrf,
                            {{"Cookie", session}, {"Origin", "http://evil.example"}});
    CHECK(elsewhere.status == 403);
    CHECK(b.chat.bot().group_tz(b.chat.group_ref()).name() == "Asia/Shanghai");
    auto no_session = b.call("POST", "/group/set", std::string(body) + "&csrf=" + csrf);
    CHECK(no_session.status == 401);

    auto ok = b.call("POST", "/group/set", std::string(body) + "&csrf=" + csrf + "&back=%2Fgroup%3Fg%3Dtest%253Ag1",
                     {{"Cookie", session}});
    CHECK(ok.status == 303);
    CHECK(ok.header("location") == "/group?g=test%3Ag1");
    CHECK(b.chat.bot().group_tz(b.chat.group_ref()).name() == "Asia/Tokyo");
}

TEST_CASE("a setting from the console is the chat's setting, with the chat's error text, in the audit log",
          "[web][settings]") {
    console_bot b;
    auto session = b.sign_in(console_bot::root());
    auto csrf = b.csrf(session);
    // The same refusal as `/set day_close_hour 99` in the group, and nothing stored.
    b.chat.user("root").is(bot::role::admin).says("/set day_close_hour 99");
    auto chat_error = b.chat.last();
    REQUIRE_FALSE(chat_error.empty());
    auto bad = b.call("POST", "/group/set", "g=test%3Ag1&key=day_close_hour&value=99&csrf=" + csrf + "&back=%2F",
                      {{"Cookie", session}});
    CHECK(bad.status == 303);
    CHECK(b.chat.bot().group_close_hour(b.chat.group_ref()) == 0);
    auto shown = b.call("GET", "/", {}, {{"Cookie", session}});
    CHECK(shown.body.find(web::html::esc(chat_error)) != std::string::npos);
    // Nothing went to the group: the console's replies stay in the console.
    b.chat.clear();
    auto good = b.call("POST", "/group/set", "g=test%3Ag1&key=day_close_hour&value=4&csrf=" + csrf + "&back=%2F",
                       {{"Cookie", session}});
    CHECK(good.status == 303);
    CHECK(b.chat.bot().group_close_hour(b.chat.group_ref()) == 4);
    CHECK(b.chat.sent().empty());
    auto audit = b.call("GET", "/audit", {}, {{"Cookie", session}});
    CHECK(audit.status == 200);
    CHECK(audit.body.find("/set day_close_hour 4") != std::string::npos);
    CHECK(audit.body.find("<td class=\"pre\">0</td><td class=\"pre\">4\n") != std::string::npos);  // before, after
    CHECK(audit.body.find("root (root), superuser") != std::string::npos);
    // A value with a line break cannot smuggle a second command.
    b.call("POST", "/group/set", "g=test%3Ag1&key=timezone&value=Asia%2FTokyo%0A%2Fset%20day_close_hour%205&csrf=" + csrf,
           {{"Cookie", session}});
    CHECK(b.chat.bot().group_close_hour(b.chat.group_ref()) == 4);
}

TEST_CASE("a group admin's link shows their group only, and acts with their role", "[web][scope]") {
    console_bot b;
    b.chat.user("alice").is(bot::role::admin).says("/console");
    // The link went in private, not to the group.
    auto sent = b.chat.sent_ever();
    std::string link;
    for (auto const& line : sent) {
        auto at = line.find("http://127.0.0.1:");
        if (at != std::string::npos) link = line.substr(at);
    }
    REQUIRE_FALSE(link.empty());
    CHECK(b.chat.replied("管理后台的登录链接已私聊发给你"));
    bool in_group = false;
    for (auto const& a : b.chat.actions())
        if (a.to.is_group() && a.text().find("http://") != std::string::npos) in_group = true;
    CHECK_FALSE(in_group);

    auto token = link.substr(link.find("t=") + 2);
    token = token.substr(0, token.find_first_of(" \n"));
    auto in = b.call("POST", "/login", "t=" + token);
    REQUIRE(in.status == 303);
    auto session = in.header("set-cookie").substr(0, in.header("set-cookie").find(';'));
    auto mine = b.call("GET", "/group?g=test%3Ag1", {}, {{"Cookie", session}});
    CHECK(mine.status == 200);
    auto other = b.call("GET", "/group?g=test%3Ag2", {}, {{"Cookie", session}});
    CHECK(other.status == 403);
    CHECK(other.body.find("carol") == std::string::npos);
    auto overview = b.call("GET", "/", {}, {{"Cookie", session}});
    CHECK(overview.body.find("test:g2") == std::string::npos);
    CHECK(b.call("GET", "/audit", {}, {{"Cookie", session}}).status == 403);
    auto csrf = b.csrf(session);
    auto change = b.call("POST", "/group/set", "g=test%3Ag2&key=day_close_hour&value=3&csrf=" + csrf,
                         {{"Cookie", session}});
    CHECK(change.status == 403);
    CHECK(b.chat.bot().group_close_hour(b.chat.group_ref("g2")) == 0);

    // A plain member gets no link at all.
    b.chat.clear();
    b.chat.user("bob").says("/console");
    CHECK(b.chat.replied("你没有使用 /console 的权限"));
    for (auto const& line : b.chat.sent()) CHECK(line.find("http://") == std::string::npos);
}

TEST_CASE("password sign-in needs the right password and is rate-limited", "[web][password]") {
    auto cfg = console_bot::defaults();
    cfg.password_hash = web::hash_password("correct horse battery");
    console_bot b(cfg);
    CHECK(cfg.password_hash.rfind("$argon2id$", 0) == 0);
    CHECK(cfg.password_hash.find("correct") == std::string::npos);
    auto good = b.call("POST", "/login/password", "password=correct%20horse%20battery");
    CHECK(good.status == 303);
    for (int i = 0; i < 5; ++i) CHECK(b.call("POST", "/login/password", "password=guess" + std::to_string(i)).status == 401);
    // The sixth wrong try is refused without checking; so is the right password now, from this address.
    CHECK(b.call("POST", "/login/password", "password=guess").status == 429);
    CHECK(b.call("POST", "/login/password", "password=correct%20horse%20battery").status == 429);
}

TEST_CASE("a console beyond loopback without a password is refused at start, naming the key", "[web][config]") {
    auto file = bot::config_file::parse(R"([console]
enabled = true
host = "0.0.0.0"
)");
    file.collect_errors();
    web::settings::read(file);
    REQUIRE(file.has_errors());
    try {
        file.throw_errors();
        FAIL("no error");
    } catch (bot::config_error const& e) {
        std::string what = e.what();
        CHECK(what.find("console.host") != std::string::npos);
        CHECK(what.find("needs a password") != std::string::npos);
        CHECK(what.find(":3") != std::string::npos);  // the line of host
    }
    auto ok = bot::config_file::parse("[console]\nenabled = true\nhost = \"127.0.0.1\"\n");
    ok.collect_errors();
    web::settings::read(ok);
    CHECK_FALSE(ok.has_errors());
    auto plain = bot::config_file::parse("[console]\npassword_hash = \"hunter22\"\n");
    plain.collect_errors();
    web::settings::read(plain);
    CHECK(plain.has_errors());
}

TEST_CASE("panels are escaped, and their buttons run the chat command as the viewer", "[web][panels]") {
    console_bot b;
    bot::plugin_context demo(b.chat.bot(), "demo");
    demo.panel("people", "人员", "members", [](bot::group_ref const&, bot::panel::viewer const&) {
        bot::panel::page p;
        bot::panel::table t;
        t.columns = {"名字"};
        bot::panel::row r;
        r.cells = {"<script>alert(1)</script>\u202Eevil"};
        r.actions.push_back({"东京时间", bot::message("/set timezone Asia/Tokyo"), true});
        t.rows.push_back(r);
        p.add(t);
        p.add(bot::panel::download{"导出", "x\"; rm.csv", "text/csv; charset=utf-8", "a,b\n1,2\n"});
        return p;
    });
    auto session = b.sign_in(console_bot::root());
    auto page = b.call("GET", "/group?g=test%3Ag1&s=members", {}, {{"Cookie", session}});
    REQUIRE(page.status == 200);
    CHECK(page.body.find("<script>alert") == std::string::npos);
    CHECK(page.body.find("&lt;script&gt;alert(1)&lt;/script&gt;evil") != std::string::npos);
    CHECK(page.body.find("\u202E") == std::string::npos);
    CHECK(page.body.find("data-confirm=") != std::string::npos);
    std::smatch m;
    REQUIRE(std::regex_search(page.body, m, std::regex("name=\"a\" value=\"([0-9a-f]+)\"")));
    std::string action = m[1];
    std::smatch c;
    REQUIRE(std::regex_search(page.body, c, std::regex("name=\"csrf\" value=\"([0-9a-f]+)\"")));
    std::string csrf = c[1];
    auto run = b.call("POST", "/group/run", "g=test%3Ag1&a=" + action + "&csrf=" + csrf, {{"Cookie", session}});
    CHECK(run.status == 303);
    CHECK(b.chat.bot().group_tz(b.chat.group_ref()).name() == "Asia/Tokyo");
    // An action offered for one group cannot be posted for another, nor made up.
    CHECK(b.call("POST", "/group/run", "g=test%3Ag2&a=" + action + "&csrf=" + csrf, {{"Cookie", session}}).status == 400);
    CHECK(b.call("POST", "/group/run", "g=test%3Ag1&a=feedbeef&csrf=" + csrf, {{"Cookie", session}}).status == 400);

    auto file = b.call("GET", "/group/download?g=test%3Ag1&p=demo%2Fpeople&n=0", {}, {{"Cookie", session}});
    CHECK(file.status == 200);
    CHECK(file.body == "a,b\n1,2\n");
    CHECK(file.header("content-disposition") == "attachment; filename=\"xrm.csv\"");
}

TEST_CASE("commands run from the console answer in the console, with the chat's permission check", "[web][commands]") {
    console_bot b;
    auto session = b.sign_in(console_bot::root());
    auto page = b.call("GET", "/group?g=test%3Ag1&s=commands", {}, {{"Cookie", session}});
    REQUIRE(page.status == 200);
    CHECK(page.body.find("name=\"cmd\" value=\"whoami\"") != std::string::npos);
    auto csrf = b.csrf(session);
    b.chat.clear();
    auto run = b.call("POST", "/group/command", "g=test%3Ag1&cmd=whoami&csrf=" + csrf + "&back=%2F",
                      {{"Cookie", session}});
    CHECK(run.status == 303);
    CHECK(b.chat.sent().empty());
    auto shown = b.call("GET", "/", {}, {{"Cookie", session}});
    CHECK(shown.body.find("超级用户") != std::string::npos);
    CHECK(b.call("POST", "/group/command", "g=test%3Ag1&cmd=nosuch&csrf=" + csrf, {{"Cookie", session}}).status == 400);
}

TEST_CASE("/metrics speaks the Prometheus text format on loopback", "[web][metrics]") {
    console_bot b;
    auto r = b.call("GET", "/metrics");
    REQUIRE(r.status == 200);
    CHECK(r.header("content-type").find("text/plain; version=0.0.4") == 0);
    CHECK(r.body.find("# TYPE qunbot_events_received_total counter") != std::string::npos);
    CHECK(r.body.find("qunbot_events_received_total{platform=\"test\",account=\"") != std::string::npos);
    CHECK(r.body.find("qunbot_event_handling_seconds_bucket{kind=\"group_message\",le=\"+Inf\"} 2") != std::string::npos);
    CHECK(r.body.find("qunbot_actions_total") != std::string::npos);
    CHECK(r.body.find("# TYPE qunbot_queue_depth gauge") != std::string::npos);
    CHECK(r.body.find("\nqunbot_sqlite_busy_waits_total 0\n") != std::string::npos);
    CHECK(r.body.find("\nqunbot_sqlite_checkpoints_total ") != std::string::npos);
}

TEST_CASE("metric label values are escaped", "[web][metrics]") {
    bot::metrics m;
    m.counter("x_total", "x");
    m.add("x_total", {{"who", "a\"b\\c\nd"}}, 2);
    CHECK(m.prometheus().find("x_total{who=\"a\\\"b\\\\c\\nd\"} 2\n") != std::string::npos);
    m.histogram("h_seconds", "h", {0.1, 1});
    m.observe("h_seconds", {}, 0.5);
    m.observe("h_seconds", {}, 5);
    auto text = m.prometheus();
    CHECK(text.find("h_seconds_bucket{le=\"0.1\"} 0\n") != std::string::npos);
    CHECK(text.find("h_seconds_bucket{le=\"1\"} 1\n") != std::string::npos);
    CHECK(text.find("h_seconds_bucket{le=\"+Inf\"} 2\n") != std::string::npos);
    CHECK(text.find("h_seconds_count 2\n") != std::string::npos);
}

TEST_CASE("[console.texts] rewords the console, and an unknown key is refused", "[web][texts]") {
    console_bot b(console_bot::defaults(), "[bot]\nsuperusers = [\"root\"]\n[console.texts]\n\"nav.overview\" = \"首页\"\n");
    auto session = b.sign_in(console_bot::root());
    auto page = b.call("GET", "/", {}, {{"Cookie", session}});
    CHECK(page.body.find(">首页</a>") != std::string::npos);
    CHECK(page.body.find(">总览</a>") == std::string::npos);

    testing::fake_chat chat("[console.texts]\n\"nav.nope\" = \"x\"\n");
    try {
        web::service svc(chat.bot(), console_bot::defaults());
        FAIL("an unknown console text was accepted");
    } catch (bot::config_error const& e) {
        CHECK(std::string(e.what()).find("console.texts.nav.nope: unknown text key of the console") != std::string::npos);
    }
}

TEST_CASE("every console endpoint refuses a request without a session, and bad input changes nothing",
          "[web][auth]") {
    console_bot b;
    for (auto const* path : {"/", "/group?g=test%3Ag1", "/group?g=test%3Ag1&s=money", "/group/download?g=test%3Ag1&p=x&n=0",
                             "/audit", "/sandbox"}) {
        INFO(path);
        auto r = b.call("GET", path);
        CHECK(r.status == 303);
        CHECK(r.header("location") == "/login");
    }
    for (auto const* path : {"/logout", "/group/set", "/group/unset", "/group/text", "/group/run", "/group/command"}) {
        INFO(path);
        CHECK(b.call("POST", path, "g=test%3Ag1&key=timezone&value=Asia%2FTokyo").status == 401);
    }
    CHECK(b.chat.bot().group_tz(b.chat.group_ref()).name() == "Asia/Shanghai");
    // Static files need no session and carry their type.
    auto css = b.call("GET", "/static/console.css");
    CHECK(css.status == 200);
    CHECK(css.header("content-type") == "text/css; charset=utf-8");
    CHECK(b.call("GET", "/static/nothing.js").status == 404);

    auto session = b.sign_in(console_bot::root());
    auto csrf = b.csrf(session);
    auto post = [&](std::string const& path, std::string const& body) {
        return b.call("POST", path, body + "&csrf=" + csrf, {{"Cookie", session}});
    };
    CHECK(post("/group/text", "g=test%3Ag1&key=no.such.text&value=x").status == 400);
    CHECK(post("/group/set", "g=test%3Ag1&key=a%20b&value=1").status == 400);
    CHECK(post("/group/set", "g=test%3Ag9&key=timezone&value=UTC").status == 403);
    CHECK(post("/group/nothing", "g=test%3Ag1").status == 404);
    CHECK(b.call("GET", "/group?g=test%3Ag9", {}, {{"Cookie", session}}).status == 403);
    CHECK(b.call("GET", "/sandbox", {}, {{"Cookie", session}}).status == 403);  // no console sandbox here
    CHECK(b.call("DELETE", "/", {}, {{"Cookie", session}}).status == 405);
    // A text saved and reset from the console is the group's /text override, audited before and after.
    CHECK(post("/group/text", "g=test%3Ag1&key=core.no_permission&value=%E4%B8%8D%E8%A1%8C&anchor=text-core.no_permission&back=%2F")
              .header("location") == "/#text-core.no_permission");
    CHECK(b.chat.bot().settings().get("test:g1", "text:core.no_permission") == std::optional<std::string>("不行"));
    post("/group/text", "g=test%3Ag1&key=core.no_permission&value=reset");
    CHECK_FALSE(b.chat.bot().settings().get("test:g1", "text:core.no_permission"));
    // An open redirect is not possible through `back`.
    CHECK(post("/group/unset", "g=test%3Ag1&key=timezone&back=%2F%2Fevil.example").header("location") == "/");
}
