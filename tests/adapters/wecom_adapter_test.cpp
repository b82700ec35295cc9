// The WeCom adapter against a fake WeCom server on loopback: callbacks signed and encrypted by an
// independent signer, answers through response URLs, group robots and the app, tokens and limits.
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <future>
#include <random>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "adapters/wecom/adapter.hpp"
#include "bot/clock.hpp"
#include "bot/config.hpp"
#include "bot/config_file.hpp"
#include "bot/plugin_context.hpp"
#include "storage/database.hpp"
#include "tests/support/async.hpp"
#include "tests/support/pump.hpp"
#include "tests/support/fake_wecom.hpp"
#include "tests/support/wecom_callback.hpp"
#include "tests/support/wecom_signer.hpp"

namespace plugins::ping {
void register_plugin(bot::plugin_context& ctx);
}

using namespace std::chrono_literals;
using nlohmann::json;

namespace {

std::string const corp = "ww0123456789abcdef";
std::string const secret = "fake-secret-0123456789";
std::string const bot_token = "QDG6eK";
std::string const bot_key = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
std::string const app_token = "AppToken42";
std::string const app_key = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
std::string const hook_group = "wrkGroupHook";
std::string const hook_key = "11111111-2222-3333-4444-555555555555";

std::filesystem::path fresh_dir() {
    static std::atomic<int> counter{0};
    std::random_device rd;
    auto dir = std::filesystem::temp_directory_path() /
               ("qunbot-wecom-" + std::to_string(rd()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(dir);
    return dir;
}

/// Events the "watch" plugin saw, by kind and user.
std::vector<std::string> watched;

void register_watch(bot::plugin_context& ctx) {
    ctx.on<bot::ev::member_joined>([](bot::session&, bot::ev::member_joined const& j) -> bot::task<> {
        watched.push_back("joined " + j.group.str() + " " + j.user.str() + " " + j.how);
        co_return;
    });
    ctx.on<bot::ev::member_left>([](bot::session&, bot::ev::member_left const& l) -> bot::task<> {
        watched.push_back(std::string(l.kicked ? "removed " : "left ") + l.group.str() + " " + l.user.str());
        co_return;
    });
}

testing::fake_wecom_options fake_options() {
    testing::fake_wecom_options o;
    o.corp_id = corp;
    o.corp_secret = secret;
    o.agent_id = 1000002;
    return o;
}

/// The real core with /ping and the WeCom adapter on a fake WeCom, pumped on the test thread.
struct wecom_bot {
    testing::fake_wecom fake{fake_options()};
    boost::asio::io_context io;
    std::filesystem::path dir = fresh_dir();
    std::unique_ptr<bot::config_file> file;
    std::unique_ptr<bot::manual_clock> clock;
    std::unique_ptr<storage::database> db;
    std::unique_ptr<bot::core> core;
    std::unique_ptr<adapters::wecom::adapter> adapter;
    testing::wecom_signer bot_signer{bot_token, bot_key, ""};
    testing::wecom_signer app_signer{app_token, app_key, corp};

    explicit wecom_bot(std::string const& extra = "", std::string const& bot_id = "") {
        watched.clear();
        fake.add_webhook(hook_key);
        auto toml = "[outbox]\nenabled = false\n[plugins.ping]\n[plugins.watch]\n"
                    "[adapters.wecom]\nenabled = true\ncorp_id = \"" + corp + "\"\napi_base = \"" + fake.base_url() +
                    "\"\nport = 0\ncall_timeout = \"3s\"\n"
                    "[adapters.wecom.bot]\nenabled = true\ntoken = \"" + bot_token + "\"\nencoding_aes_key = \"" + bot_key +
                    "\"\nname = \"打卡助手\"\n" + (bot_id.empty() ? std::string() : "bot_id = \"" + bot_id + "\"\n") +
                    "[adapters.wecom.app]\nenabled = true\nagent_id = 1000002\nsecret = \"" + secret + "\"\ntoken = \"" +
                    app_token + "\"\nencoding_aes_key = \"" + app_key + "\"\ncustomer_groups = true\n"
                    "[adapters.wecom.webhooks]\n\"" + hook_group + "\" = \"" + hook_key + "\"\n" + extra;
        file = std::make_unique<bot::config_file>(bot::config_file::parse(toml));
        auto cfg = bot::core_config::read(*file);
        auto settings = adapters::wecom::settings::read(*file);
        clock = std::make_unique<bot::manual_clock>(bot::time_point{std::chrono::seconds{1718000000}});
        db = std::make_unique<storage::database>((dir / "test.db").string());
        core = std::make_unique<bot::core>(io, *file, cfg, *clock, *db);
        core->load_plugins({{"ping", &plugins::ping::register_plugin}, {"watch", &register_watch}});
        file->check_unclaimed();
        core->start();
        adapter = std::make_unique<adapters::wecom::adapter>(*core, settings);
        adapter->start();
    }

    ~wecom_bot() {
        adapter->stop();
        io.run_for(50ms);
        adapter.reset();
        core->stop();
        io.restart();
        io.poll();
        core.reset();
        db.reset();
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }

    /// Runs the bot until `pred` holds; false if it does not within `timeout`.
    template <typename P>
    bool until(P pred, std::chrono::milliseconds timeout = 5s) {
        return testing::pump_until(io, std::move(pred), timeout);
    }

    /// Runs the bot while `fn` runs on another thread (a client that blocks until we answer).
    template <typename F>
    auto beside(F fn) {
        return testing::pump_beside(io, std::move(fn));
    }

    testing::callback_reply bot_says(testing::bot_text m, testing::callback_options opt = {}) {
        auto port = adapter->port();
        auto plain = testing::bot_text_json(m);
        return beside([&, port, plain, opt] { return testing::post_bot_callback(port, "/wecom/bot", bot_signer, plain, opt); });
    }

    testing::callback_reply app_gets(std::string const& xml, testing::callback_options opt = {}) {
        auto port = adapter->port();
        return beside([&, port, xml, opt] {
            return testing::post_app_callback(port, "/wecom/app", app_signer, xml, corp, "1000002", opt);
        });
    }

    adapters::wecom::account_base& account(std::string const& self) {
        auto a = core->account("wecom", bot::id(self));
        REQUIRE(a);
        return dynamic_cast<adapters::wecom::account_base&>(*a->platform());
    }

    template <typename T>
    T run(bot::task<T> t) {
        return testing::run(io, std::move(t));
    }

    /// Runs the bot until the fake has `n` calls to `path`; those calls.
    std::vector<testing::fake_wecom::call> wait_calls(std::string const& path, std::size_t n) {
        until([&] { return fake.count(path) >= n; });
        return fake.calls(path);
    }
};

testing::bot_text at_bot(std::string const& content, std::string const& response_url, std::string msgid = "m1") {
    testing::bot_text m;
    m.msgid = std::move(msgid);
    m.content = content;
    m.response_url = response_url;
    return m;
}

}  // namespace

TEST_CASE("WeCom URL verification answers the decrypted echostr, and refuses a wrong signature", "[wecom]") {
    wecom_bot b;
    auto port = b.adapter->port();
    auto ok = b.beside([&] { return testing::verify_callback_url(port, "/wecom/bot", b.bot_signer, "1616140317555161061"); });
    CHECK(ok.status == 200);
    CHECK(ok.body == "1616140317555161061");
    auto app = b.beside([&] { return testing::verify_callback_url(port, "/wecom/app", b.app_signer, "echo-42"); });
    CHECK(app.status == 200);
    CHECK(app.body == "echo-42");
    testing::callback_options bad;
    bad.fault = testing::callback_fault::bad_signature;
    auto refused = b.beside([&] { return testing::verify_callback_url(port, "/wecom/bot", b.bot_signer, "x", bad); });
    CHECK(refused.status == 403);
    CHECK(refused.body.find("x") == std::string::npos);
    // The app's echostr is encrypted for the corp: the bot's cipher (receive id "") cannot take it.
    testing::wecom_signer wrong_receiver{bot_token, bot_key, corp};
    auto other = b.beside([&] { return testing::verify_callback_url(port, "/wecom/bot", wrong_receiver, "y"); });
    CHECK(other.status == 400);
}

TEST_CASE("an @-message to the intelligent bot is a command, answered once through its response URL", "[wecom]") {
    wecom_bot b;
    auto url = b.fake.issue_response_code();
    auto r = b.bot_says(at_bot("@打卡助手 /ping", url));
    CHECK(r.status == 200);
    auto answers = b.wait_calls("/cgi-bin/aibot/response", 1);
    REQUIRE(answers.size() == 1);
    CHECK(answers[0].body.at("msgtype") == "markdown");
    CHECK(answers[0].body.at("markdown").at("content") == "pong 🏓");
    CHECK(answers[0].errcode == 0);
    CHECK(b.fake.count("/cgi-bin/webhook/send") == 0);
    CHECK(b.adapter->stats().dispatched >= 1);
}

TEST_CASE("a WeCom mention written with U+2005, or without the configured name, still reads the command", "[wecom]") {
    wecom_bot b;
    auto url = b.fake.issue_response_code();
    b.bot_says(at_bot("@打卡助手\xE2\x80\x85/在吗", url));
    auto answers = b.wait_calls("/cgi-bin/aibot/response", 1);
    REQUIRE(answers.size() == 1);
    CHECK(answers[0].body.at("markdown").at("content") == "pong 🏓");
}

TEST_CASE("the bot's markdown answer shows member text as typed, formatting nothing", "[wecom]") {
    CHECK(adapters::wecom::markdown_safe("**加粗** [链接](http://x) <font color=\"red\">") ==
          "＊＊加粗＊＊ ［链接］(http://x) ＜font color=\"red\"＞");
    CHECK(adapters::wecom::markdown_safe("# 标题\n> 引用") == "＃ 标题\n＞ 引用");
}

TEST_CASE("WeCom callbacks with a bad signature or a body that does not decrypt are refused and change nothing",
          "[wecom]") {
    wecom_bot b;
    using testing::callback_fault;
    for (auto fault : {callback_fault::bad_signature, callback_fault::not_base64, callback_fault::bad_block_length,
                       callback_fault::wrong_key, callback_fault::wrong_receive_id}) {
        testing::callback_options opt;
        opt.fault = fault;
        auto r = b.bot_says(at_bot("@打卡助手 /ping", b.fake.issue_response_code()), opt);
        INFO("fault " << static_cast<int>(fault));
        CHECK((r.status == 403 || r.status == 400));
        CHECK(r.body.find("ping") == std::string::npos);
    }
    CHECK(b.adapter->stats().refused == 5);
    CHECK(b.adapter->stats().callbacks == 0);
    b.until([] { return false; }, 200ms);
    CHECK(b.fake.count("/cgi-bin/aibot/response") == 0);
    // Not JSON, or JSON without "encrypt": a clear 400.
    auto port = b.adapter->port();
    auto junk = b.beside([&] { return testing::http_exchange(port, "POST", "/wecom/bot?msg_signature=a&timestamp=1&nonce=2", "{]"); });
    CHECK(junk.status == 400);
}

TEST_CASE("a WeCom callback delivered twice is answered both times and handled once", "[wecom]") {
    wecom_bot b;
    auto url = b.fake.issue_response_code();
    auto first = b.bot_says(at_bot("@打卡助手 /ping", url));
    REQUIRE(first.status == 200);
    testing::callback_options again;
    again.timestamp = first.timestamp;
    again.nonce = first.nonce;
    auto second = b.bot_says(at_bot("@打卡助手 /ping", url), again);
    CHECK(second.status == 200);
    b.until([] { return false; }, 300ms);
    CHECK(b.fake.count("/cgi-bin/aibot/response") == 1);
    CHECK(b.adapter->stats().replayed == 1);
}

TEST_CASE("a WeCom callback stamped far from the bot's clock is refused", "[wecom]") {
    wecom_bot b;
    testing::callback_options old;
    old.timestamp = "1409659813";  // 2014
    auto r = b.bot_says(at_bot("@打卡助手 /ping", b.fake.issue_response_code()), old);
    CHECK(r.status == 403);
    CHECK(r.body.find("clock") != std::string::npos);
}

TEST_CASE("a callback for another intelligent bot is dropped", "[wecom]") {
    wecom_bot b("", "aibot-ours");
    auto r = b.bot_says(at_bot("@打卡助手 /ping", b.fake.issue_response_code()));  // aibotid "aibot-1"
    CHECK(r.status == 200);
    b.until([] { return false; }, 300ms);
    CHECK(b.fake.count("/cgi-bin/aibot/response") == 0);
    CHECK(b.adapter->stats().refused == 1);
    CHECK(b.core->account("wecom", bot::id("aibot-ours")) != nullptr);
}

TEST_CASE("without a response URL, the bot posts through the group's robot, and says why when a group has none",
          "[wecom]") {
    wecom_bot b;
    auto& acc = b.account("aibot");
    bot::message hello("今晚八点共读");
    auto sent = b.run(acc.send(bot::target::group_of(bot::id(hook_group)), hello));
    CHECK(sent.ok());
    auto posts = b.fake.webhook_messages();
    REQUIRE(posts.size() == 1);
    CHECK(posts[0].content == "今晚八点共读");
    CHECK(posts[0].msgtype == "text");
    auto none = b.run(acc.send(bot::target::group_of(bot::id("wrkNoRobot")), hello));
    REQUIRE_FALSE(none.ok());
    CHECK(none.err().code == bot::errc::unsupported);
    CHECK(none.err().detail.find("[adapters.wecom.webhooks]") != std::string::npos);
}

TEST_CASE("a group robot key WeCom rejects fails the send once, never resent", "[wecom]") {
    wecom_bot b("");
    adapters::wecom::api_client api(*adapters::net::web_url::parse(b.fake.base_url()), 3s);
    adapters::wecom::webhook_sender hooks(api, b.io.get_executor(), 20);
    json msg{{"msgtype", "text"}, {"text", {{"content", "hi"}}}};
    std::string const bad = "99999999-2222-3333-4444-555555555555";
    auto reply = b.run(hooks.send(bad, msg));
    CHECK(reply.errcode == 93000);
    CHECK(b.fake.count("/cgi-bin/webhook/send") == 1);
}

TEST_CASE("a group robot over its limit (45009) rests, tries once more, and never resends blindly", "[wecom]") {
    wecom_bot b("");
    adapters::wecom::api_client api(*adapters::net::web_url::parse(b.fake.base_url()), 3s);
    adapters::wecom::webhook_sender hooks(api, b.io.get_executor(), 20, 300ms);
    json msg{{"msgtype", "text"}, {"text", {{"content", "提醒"}}}};
    b.fake.rate_limit_next(1);
    auto start = std::chrono::steady_clock::now();
    auto ok = b.run(hooks.send(hook_key, msg));
    CHECK(ok.ok());
    CHECK(std::chrono::steady_clock::now() - start >= 300ms);
    CHECK(b.fake.count("/cgi-bin/webhook/send") == 2);
    CHECK(hooks.rate_limited() == 1);
    b.fake.rate_limit_next(2);
    auto refused = b.run(hooks.send(hook_key, msg));
    CHECK(refused.errcode == 45009);
    CHECK(b.fake.count("/cgi-bin/webhook/send") == 4);
    CHECK(b.fake.webhook_messages().size() == 1);
}

TEST_CASE("a group robot is paced to its limit per window", "[wecom]") {
    wecom_bot b("");
    adapters::wecom::api_client api(*adapters::net::web_url::parse(b.fake.base_url()), 3s);
    adapters::wecom::webhook_sender hooks(api, b.io.get_executor(), 3, 400ms);
    json msg{{"msgtype", "text"}, {"text", {{"content", "点名"}}}};
    int done = 0;
    auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < 5; ++i)
        boost::asio::co_spawn(
            b.io, [&]() -> bot::task<> {
                auto r = co_await hooks.send(hook_key, msg);
                if (r.ok()) ++done;
            },
            boost::asio::detached);
    REQUIRE(b.until([&] { return done == 5; }, 5s));
    CHECK(std::chrono::steady_clock::now() - start >= 400ms);
    CHECK(hooks.rate_limited() == 0);
}

TEST_CASE("concurrent app sends share one token fetch, and an expired token is refreshed once", "[wecom]") {
    wecom_bot b;
    auto& app = b.account("app:1000002");
    b.fake.token_delay(200ms);
    int done = 0;
    auto send_five = [&] {
        done = 0;
        for (int i = 0; i < 5; ++i)
            boost::asio::co_spawn(
                b.io, [&, i]() -> bot::task<> {
                    bot::message m("第 " + std::to_string(i) + " 条");
                    auto to = bot::target::user_of(bot::id("zhangsan"));
                    auto r = co_await app.send(to, m);
                    if (r.ok()) ++done;
                },
                boost::asio::detached);
        REQUIRE(b.until([&] { return done == 5; }, 5s));
    };
    send_five();
    CHECK(b.fake.token_requests() == 1);
    CHECK(b.fake.count("/cgi-bin/message/send") == 5);
    b.fake.expire_token();
    send_five();
    CHECK(b.fake.token_requests() == 2);
    // Each send was refused once for the old token (42001) and then went through: 5 + 5 + 5.
    CHECK(b.fake.count("/cgi-bin/message/send") == 15);
    auto sends = b.fake.calls("/cgi-bin/message/send");
    CHECK(sends.back().body.at("agentid") == 1000002);
    CHECK(sends.back().body.at("touser") == "zhangsan");
}

TEST_CASE("a failing token endpoint fails the send with WeCom's errcode, and the next send asks again", "[wecom]") {
    wecom_bot b;
    auto& app = b.account("app:1000002");
    b.fake.fail_token(-1, 1);
    bot::message m("报告");
    auto to = bot::target::user_of(bot::id("zhangsan"));
    auto r = b.run(app.send(to, m));
    REQUIRE_FALSE(r.ok());
    CHECK(r.err().detail.find("-1") != std::string::npos);
    CHECK(b.fake.count("/cgi-bin/message/send") == 0);
    auto again = b.run(app.send(to, m));
    CHECK(again.ok());
    CHECK(b.fake.token_requests() == 2);
}

TEST_CASE("a member's private message to the app is a command answered privately", "[wecom]") {
    wecom_bot b;
    testing::app_text m;
    m.corp_id = corp;
    m.from_user = "lisi";
    m.content = "/ping";
    auto r = b.app_gets(testing::app_text_xml(m));
    CHECK(r.status == 200);
    CHECK(r.body == "success");
    auto sends = b.wait_calls("/cgi-bin/message/send", 1);
    REQUIRE(sends.size() == 1);
    CHECK(sends[0].body.at("touser") == "lisi");
    CHECK(sends[0].body.at("text").at("content") == "pong 🏓");
}

TEST_CASE("customer-group joins and leaves become member events, listed or not", "[wecom]") {
    wecom_bot b;
    b.fake.add_customer_group("wrCustomer1", "读书会客户群", "owner01", {"owner01", "wmAlice"});
    testing::customer_group_change join;
    join.corp_id = corp;
    join.chat_id = "wrCustomer1";
    join.members = {"wmBob"};
    join.join_scene = 3;
    b.app_gets(testing::customer_group_change_xml(join));
    REQUIRE(b.until([] { return watched.size() == 1; }));
    CHECK(watched[0] == "joined wrCustomer1 wmBob ");
    // Without MemChangeList the adapter compares the members with those it knew before.
    auto& customer = b.account("customer");
    REQUIRE(b.run(customer.members(bot::id("wrCustomer1"))).ok());
    b.fake.add_customer_member("wrCustomer1", "wmCarol");
    testing::customer_group_change unlisted = join;
    unlisted.members.clear();
    b.app_gets(testing::customer_group_change_xml(unlisted));
    REQUIRE(b.until([] { return watched.size() == 2; }));
    CHECK(watched[1] == "joined wrCustomer1 wmCarol ");
    b.fake.remove_customer_member("wrCustomer1", "wmAlice");
    testing::customer_group_change left = unlisted;
    left.update_detail = "del_member";
    left.quit_scene = 1;
    b.app_gets(testing::customer_group_change_xml(left));
    REQUIRE(b.until([] { return watched.size() == 3; }));
    CHECK(watched[2] == "removed wrCustomer1 wmAlice");
}

TEST_CASE("a message for a customer group goes to its owner to post, and members carry their roles", "[wecom]") {
    wecom_bot b;
    b.fake.add_customer_group("wrCustomer1", "读书会客户群", "owner01", {"owner01", "wmAlice"});
    auto& customer = b.account("customer");
    CHECK_FALSE(customer.caps().group_post);
    CHECK_FALSE(customer.caps().all_messages);
    bot::message welcome("欢迎 Alice 加入！");
    auto r = b.run(customer.send(bot::target::group_of(bot::id("wrCustomer1")), welcome));
    CHECK(r.ok());
    auto sends = b.fake.calls("/cgi-bin/message/send");
    REQUIRE(sends.size() == 1);
    CHECK(sends[0].body.at("touser") == "owner01");
    auto text = sends[0].body.at("text").at("content").get<std::string>();
    CHECK(text.find("读书会客户群") != std::string::npos);
    CHECK(text.find("欢迎 Alice 加入！") != std::string::npos);
    auto members = b.run(customer.members(bot::id("wrCustomer1")));
    REQUIRE(members.ok());
    REQUIRE(members->size() == 2);
    CHECK((*members)[0].role == bot::role::owner);
    CHECK((*members)[1].role == bot::role::member);
}

TEST_CASE("WeCom refuses what it cannot do, as unsupported", "[wecom]") {
    wecom_bot b;
    auto& acc = b.account("aibot");
    CHECK(b.run(acc.mute(bot::id("g"), bot::id("u"), 60s)).err().code == bot::errc::unsupported);
    CHECK(b.run(acc.kick(bot::id("g"), bot::id("u"), false)).err().code == bot::errc::unsupported);
    CHECK(b.run(acc.recall(bot::id("m"))).err().code == bot::errc::unsupported);
    CHECK_FALSE(acc.caps().all_messages);
    CHECK(acc.caps().group_post);
}

TEST_CASE("an app event qunbot does not use is answered and changes nothing", "[wecom]") {
    wecom_bot b;
    std::string const xml =
        "<xml><ToUserName><![CDATA[" + corp + "]]></ToUserName><FromUserName><![CDATA[lisi]]></FromUserName>"
        "<CreateTime>1718000000</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[enter_agent]]></Event>"
        "<AgentID>1000002</AgentID></xml>";
    auto before = b.adapter->stats().dispatched;
    auto r = b.app_gets(xml);
    CHECK(r.status == 200);
    CHECK(r.body == "success");
    b.until([] { return false; }, 200ms);
    CHECK(b.adapter->stats().dispatched == before);
    CHECK(b.adapter->stats().callbacks == 1);
    // An XML body that is not WeCom's: refused with a reason, the bot still answers the next one.
    auto port = b.adapter->port();
    auto junk = b.beside([&] {
        return testing::http_exchange(port, "POST", "/wecom/app?msg_signature=a&timestamp=1&nonce=2", "<xml><a>", "text/xml");
    });
    CHECK(junk.status == 400);
}
