// What the admin console shows and does: settings and commands run as the chat runs them, panels
// escaped with their buttons, downloads, the audit log, [console.texts], /metrics.
#include <catch2/catch.hpp>

#include <regex>

#include "bot/plugin_context.hpp"
#include "tests/web/console_bot.hpp"
#include "web/access.hpp"
#include "web/html.hpp"

using console_test::console_bot;

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

TEST_CASE("the group section has its own tab with the panels of the group's rhythm", "[web][panels]") {
    console_bot b;
    bot::plugin_context demo(b.chat.bot(), "demo");
    demo.panel("plans", "公告", "group", [](bot::group_ref const&, bot::panel::viewer const&) {
        bot::panel::page p;
        p.add(bot::panel::paragraph{"每天 20:00 共读", false});
        return p;
    });
    auto session = b.sign_in(console_bot::root());
    auto settings = b.call("GET", "/group?g=test%3Ag1&s=settings", {}, {{"Cookie", session}});
    REQUIRE(settings.status == 200);
    CHECK(settings.body.find("s=group\">群务</a>") != std::string::npos);
    CHECK(settings.body.find("每天 20:00 共读") == std::string::npos);
    auto group = b.call("GET", "/group?g=test%3Ag1&s=group", {}, {{"Cookie", session}});
    REQUIRE(group.status == 200);
    CHECK(group.body.find("每天 20:00 共读") != std::string::npos);
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
