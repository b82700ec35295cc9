// Who gets into the admin console and what they may change: sign-in by one-time link and by
// password, sessions, CSRF and origin checks, group scope, refusals without a session, the
// [console] checks at start.
#include <catch2/catch.hpp>

#include <regex>

#include "bot/plugin_context.hpp"
#include "tests/web/console_bot.hpp"
#include "web/access.hpp"
#include "web/html.hpp"

using console_test::console_bot;

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
