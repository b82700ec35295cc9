#include <catch2/catch.hpp>

#include <atomic>
#include <future>
#include <filesystem>
#include <random>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "adapters/onebot12/adapter.hpp"
#include "bot/clock.hpp"
#include "bot/config.hpp"
#include "bot/config_file.hpp"
#include "onebot12_fake.hpp"
#include "storage/database.hpp"
#include "tests/support/async.hpp"
#include "tests/support/pump.hpp"

namespace plugins::ping {
void register_plugin(bot::plugin_context& ctx);
}

using namespace std::chrono_literals;
using nlohmann::json;
using testing::onebot12::v12_options;
using testing::onebot12::v12_peer;
using testing::onebot12::v12_server;

namespace {

std::string const group = "20001234567@chatroom";
std::string const bot1 = "wxid_bot001";
std::string const bot2 = "wxid_bot002";

std::filesystem::path fresh_dir() {
    static std::atomic<int> counter{0};
    std::random_device rd;
    auto dir = std::filesystem::temp_directory_path() /
               ("qunbot-ob12-" + std::to_string(rd()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(dir);
    return dir;
}

/// The real core with the ping plugin and the v12 adapter, pumped on the test thread.
struct v12_bot {
    boost::asio::io_context io;
    std::filesystem::path dir = fresh_dir();
    std::unique_ptr<bot::config_file> file;
    std::unique_ptr<bot::manual_clock> clock;
    std::unique_ptr<storage::database> db;
    std::unique_ptr<bot::core> core;
    std::unique_ptr<adapters::onebot12::adapter> adapter;

    explicit v12_bot(std::string const& adapter_toml = "") {
        file = std::make_unique<bot::config_file>(bot::config_file::parse(
            "[outbox]\nenabled = false\n[plugins.ping]\n[adapters.onebot12]\nenabled = true\n" + adapter_toml));
        auto cfg = bot::core_config::read(*file);
        auto settings = adapters::onebot12::settings::read(*file);
        if (settings.server.port == 8082) settings.server.port = 0;  // any free port
        clock = std::make_unique<bot::manual_clock>(bot::time_point{std::chrono::seconds{1718000000}});
        db = std::make_unique<storage::database>((dir / "test.db").string());
        core = std::make_unique<bot::core>(io, *file, cfg, *clock, *db);
        core->load_plugins({{"ping", &plugins::ping::register_plugin}});
        file->check_unclaimed();
        core->start();
        adapter = std::make_unique<adapters::onebot12::adapter>(*core, settings);
        adapter->start();
    }

    ~v12_bot() {
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

    /// Runs the bot until the peer received an action named `name`, and returns it.
    json action(v12_peer& peer, std::string const& name) {
        std::optional<json> a;
        bool got = until([&] { return (a = peer.take(name)).has_value(); });
        INFO("waiting for " << name);
        REQUIRE(got);
        return *a;
    }

    /// Runs the bot while `fn` runs on another thread (a client that blocks until we answer).
    template <typename F>
    auto beside(F fn) {
        return testing::pump_beside(io, std::move(fn));
    }

    /// Dials in as a reverse WebSocket peer; `http_status` and `protocol` report the handshake.
    std::unique_ptr<v12_peer> dial(v12_options opt, int* http_status = nullptr, std::string* protocol = nullptr) {
        auto port = adapter->port();
        return beside([=] { return v12_peer::dial(port, opt, http_status, protocol); });
    }

    /// Dials in and waits until every bot the peer serves is an account.
    std::unique_ptr<v12_peer> connect(v12_options opt = {}) {
        auto peer = dial(opt);
        REQUIRE(peer);
        REQUIRE(until([&] {
            for (auto const& b : opt.bots)
                if (!adapter->find("wechat", bot::id(b))) return false;
            return true;
        }));
        return peer;
    }

    adapters::onebot12::account& account(std::string const& self = bot1) {
        auto* acc = adapter->find("wechat", bot::id(self));
        REQUIRE(acc);
        return *acc;
    }

    /// Runs a platform call to completion.
    template <typename T>
    T run(bot::task<T> t) {
        return testing::run(io, std::move(t));
    }
};

}  // namespace

TEST_CASE("ComWeChat dials in, gets 12.ComWechat echoed, and a /ping is answered with send_message and self",
          "[onebot12][link]") {
    v12_bot b;
    int status = 0;
    std::string protocol;
    auto peer = b.dial(v12_options{}, &status, &protocol);
    REQUIRE(peer);
    CHECK(status == 101);
    CHECK(protocol == "12.ComWechat");
    // The connection says which bots it serves when asked, before any event.
    auto probe = b.action(*peer, "get_status");
    CHECK_FALSE(probe.contains("self"));
    CHECK(probe.at("echo").is_string());
    REQUIRE(b.until([&] { return b.adapter->find("wechat", bot::id(bot1)) != nullptr; }));
    CHECK(b.account().impl().name == "ComWechat");
    CHECK_FALSE(b.account().caps().mute);

    peer->send(peer->group_message(bot1, group, "wxid_ming2024", "/ping", "7038113377201465862"));
    auto reply = b.action(*peer, "send_message");
    CHECK(reply.at("self") == json{{"platform", "wechat"}, {"user_id", bot1}});
    CHECK(reply.at("echo").is_string());
    CHECK(reply.at("params") == json{{"detail_type", "group"},
                                     {"group_id", group},
                                     {"message", json::array({{{"type", "text"}, {"data", {{"text", "pong 🏓"}}}}})}});
    CHECK(b.adapter->stats().events == 1);
}

TEST_CASE("an implementation that offers no subprotocol gets none back", "[onebot12][link]") {
    v12_bot b;
    v12_options opt;
    opt.subprotocol.clear();
    std::string protocol = "unset";
    auto peer = b.dial(opt, nullptr, &protocol);
    REQUIRE(peer);
    CHECK(protocol.empty());
}

TEST_CASE("with a token set, a missing or wrong token gets 401, Bearer and ?access_token= get in",
          "[onebot12][link]") {
    v12_bot b("access_token = \"s3cret\"\n");
    int status = 0;
    CHECK_FALSE(b.dial(v12_options{}, &status));
    CHECK(status == 401);
    v12_options wrong;
    wrong.token = "guess";
    CHECK_FALSE(b.dial(wrong, &status));
    CHECK(status == 401);
    CHECK(b.adapter->stats().refused_connections == 2);

    v12_options bearer;
    bearer.token = "s3cret";
    auto p1 = b.connect(bearer);
    v12_options query = bearer;
    query.token_in_query = true;
    query.bots = {bot2};
    auto p2 = b.connect(query);
    CHECK(b.adapter->account_count() == 2);
}

TEST_CASE("a first frame that is not connect closes the connection with 1008", "[onebot12][link]") {
    v12_bot b;
    v12_options opt;
    opt.send_connect = false;
    auto peer = b.dial(opt);
    REQUIRE(peer);
    peer->send(peer->group_message(bot1, group, "wxid_ming2024", "/ping", "1"));
    REQUIRE(b.until([&] { return peer->closed().has_value(); }));
    CHECK(peer->closed() == 1008);
    CHECK(b.adapter->stats().events == 0);
    CHECK(b.adapter->stats().malformed == 1);
    CHECK(b.adapter->find("wechat", bot::id(bot1)) == nullptr);
}

TEST_CASE("one connection serves two bots and each reply names its own self", "[onebot12][link]") {
    v12_bot b;
    v12_options opt;
    opt.bots = {bot1, bot2};
    auto peer = b.connect(opt);
    CHECK(b.adapter->account_count() == 2);
    peer->send(peer->group_message(bot2, "888@chatroom", "wxid_ming2024", "/ping", "m-2"));
    auto reply = b.action(*peer, "send_message");
    CHECK(reply.at("self").at("user_id") == bot2);
    CHECK(reply.at("params").at("group_id") == "888@chatroom");
    peer->send(peer->group_message(bot1, group, "wxid_ming2024", "/ping", "m-1"));
    CHECK(b.action(*peer, "send_message").at("self").at("user_id") == bot1);
}

TEST_CASE("without get_status, bots are learned from status_update and from events", "[onebot12][link]") {
    v12_bot b;
    v12_options opt;
    opt.get_status = false;
    auto peer = b.dial(opt);
    REQUIRE(peer);
    b.action(*peer, "get_status");  // asked, and refused with 10002
    peer->send(peer->status_update({{bot1, true}, {bot2, false}}));
    REQUIRE(b.until([&] { return b.adapter->find("wechat", bot::id(bot1)) != nullptr; }));
    CHECK(b.adapter->find("wechat", bot::id(bot2)) == nullptr);  // offline: not served yet
    peer->send(peer->group_message(bot2, group, "wxid_ming2024", "/ping", "m-3"));
    CHECK(b.action(*peer, "send_message").at("self").at("user_id") == bot2);
    CHECK(b.adapter->account_count() == 2);
}

TEST_CASE("the bot's own message is never input", "[onebot12][link]") {
    v12_bot b;
    auto peer = b.connect();
    peer->send(peer->group_message(bot1, group, bot1, "/ping", "own-1"));
    peer->send(peer->group_message(bot1, group, "wxid_ming2024", "/ping", "m-4"));
    b.action(*peer, "send_message");
    CHECK(b.adapter->stats().own_messages == 1);
    CHECK(b.adapter->stats().events == 1);
    // Events of a group are handled in order: had the own message been input, its reply would be here.
    CHECK_FALSE(peer->take("send_message"));
}

TEST_CASE("bad input is logged and dropped, the connection stays up and keeps answering", "[onebot12][link]") {
    v12_bot b;
    auto peer = b.connect();
    peer->send_text("{not json");
    auto broken = peer->group_message(bot1, group, "wxid_ming2024", "/ping", "m-5");
    broken.erase("group_id");
    peer->send(broken);
    peer->send(json{{"status", "ok"}, {"retcode", 0}, {"data", nullptr}, {"message", ""}, {"echo", "no-such-call"}});
    peer->send(json{{"id", "x"}, {"time", 1.0}, {"type", "notice"}, {"detail_type", "wx.get_public_article"},
                    {"self", {{"platform", "wechat"}, {"user_id", bot1}}}});
    peer->send(peer->group_message(bot1, group, "wxid_ming2024", "/ping", "m-6"));
    b.action(*peer, "send_message");
    CHECK(b.adapter->stats().malformed == 2);
    CHECK(b.adapter->stats().ignored == 1);
    CHECK(peer->is_open());
}

TEST_CASE("a 10 MB frame is dropped with a log line and the connection stays up", "[onebot12][link]") {
    v12_bot b;
    auto peer = b.connect();
    auto huge = peer->group_message(bot1, group, "wxid_ming2024", std::string(10u << 20, 'x'), "m-big");
    peer->send(huge);
    peer->send(peer->group_message(bot1, group, "wxid_ming2024", "/ping", "m-after"));
    b.action(*peer, "send_message");
    CHECK(peer->is_open());
    CHECK(b.adapter->stats().events == 1);  // only the /ping reached the core
}

TEST_CASE("a hung implementation is dropped after three heartbeat intervals without a pong", "[onebot12][link]") {
    v12_bot b;  // expects a heartbeat every 30 s until the implementation says otherwise
    v12_options opt;
    opt.read_frames = false;
    auto peer = b.dial(opt);
    REQUIRE(peer);
    peer->send(peer->heartbeat(100));
    peer->send(peer->status_update({{bot1, true}}));
    REQUIRE(b.until([&] { return b.adapter->find("wechat", bot::id(bot1)) != nullptr; }));
    REQUIRE(b.until([&] { return b.account().links().empty(); }));
}

TEST_CASE("a new reverse connection for the same bot replaces the old one", "[onebot12][link]") {
    v12_bot b;
    auto p1 = b.connect();
    auto p2 = b.connect();  // a reconnect racing the old socket
    REQUIRE(b.until([&] { return p1->closed().has_value(); }));
    CHECK(p1->closed() == 1000);
    CHECK(b.account().links().size() == 1);
    p2->send(p2->group_message(bot1, group, "wxid_ming2024", "/ping", "m-7"));
    CHECK(b.action(*p2, "send_message").at("self").at("user_id") == bot1);
}

TEST_CASE("the same event on a reverse and a forward connection is answered once", "[onebot12][link]") {
    v12_server server(v12_options{});
    v12_bot b("[adapters.onebot12.client]\nenabled = true\nurl = \"ws://127.0.0.1:" + std::to_string(server.port()) +
              "/\"\n");
    std::unique_ptr<v12_peer> forward;
    REQUIRE(b.until([&] { return (forward = server.take_peer()) != nullptr; }));
    REQUIRE(b.until([&] { return b.adapter->find("wechat", bot::id(bot1)) != nullptr; }));
    auto reverse = b.connect();
    REQUIRE(b.until([&] { return b.account().links().size() == 2; }));  // both stay
    auto event = reverse->group_message(bot1, group, "wxid_ming2024", "/ping", "m-8");
    forward->send(event);
    reverse->send(event);
    reverse->send(event);  // and once more on the same link
    REQUIRE(b.until([&] { return b.core->stats().duplicates == 2; }));
    REQUIRE(b.until([&] { return forward->take("send_message") || reverse->take("send_message"); }));
    CHECK_FALSE(forward->take("send_message"));
    CHECK_FALSE(reverse->take("send_message"));
}

TEST_CASE("kick goes out as wx.delete_groupmember, mute and recall are refused on ComWeChat", "[onebot12][link]") {
    v12_bot b;
    auto peer = b.connect();
    auto& acc = b.account();
    auto kicked = b.run(acc.kick(bot::id(group), bot::id("wxid_spam999"), true));
    CHECK(kicked);
    auto k = peer->take("wx.delete_groupmember");
    REQUIRE(k);
    CHECK(k->at("params") == json{{"group_id", group}, {"user_list", json::array({"wxid_spam999"})}});
    CHECK(k->at("self").at("user_id") == bot1);

    auto muted = b.run(acc.mute(bot::id(group), bot::id("wxid_spam999"), std::chrono::minutes(10)));
    REQUIRE_FALSE(muted);
    CHECK(muted.err().code == bot::errc::unsupported);
    auto recalled = b.run(acc.recall(bot::id("7038113377201465862")));
    REQUIRE_FALSE(recalled);
    CHECK(recalled.err().code == bot::errc::unsupported);
    CHECK_FALSE(peer->take("delete_message"));
}

TEST_CASE("a generic v12 implementation recalls with delete_message and reports unsupported kick",
          "[onebot12][link]") {
    v12_bot b;
    v12_options opt;
    opt.impl = "onebots";
    opt.subprotocol = "12.onebots";
    opt.message_ids = true;
    auto peer = b.connect(opt);
    auto& acc = b.account();
    CHECK(acc.impl().name == "onebots");
    CHECK(b.run(acc.recall(bot::id("m-9"))));
    CHECK(peer->take("delete_message")->at("params") == json{{"message_id", "m-9"}});
    auto kicked = b.run(acc.kick(bot::id(group), bot::id("wxid_a"), false));
    CHECK(kicked.err().code == bot::errc::unsupported);
    auto sent = b.run(acc.send(bot::target::group_of(bot::id(group)), bot::message("hi")));
    REQUIRE(sent);
    CHECK(sent->str().starts_with("msg-"));
}

TEST_CASE("an image given by URL is uploaded, then sent by file_id", "[onebot12][link]") {
    v12_bot b;
    auto peer = b.connect();
    auto msg = bot::message("本周排行").image("https://bot.example/rank.png");
    auto sent = b.run(b.account().send(bot::target::group_of(bot::id(group)), msg));
    REQUIRE(sent);
    CHECK(sent->empty());  // ComWeChat answers `true`, not a message_id
    auto up = peer->take("upload_file");
    REQUIRE(up);
    CHECK(up->at("params") == json{{"type", "url"}, {"name", "rank.png"}, {"url", "https://bot.example/rank.png"}});
    auto send = peer->take("send_message");
    REQUIRE(send);
    auto const& message = send->at("params").at("message");
    REQUIRE(message.size() == 2);
    CHECK(message[1] == json{{"type", "image"}, {"data", {{"file_id", "file-1"}}}});
}

TEST_CASE("member lookups and friend requests go through the v12 and wx actions", "[onebot12][link]") {
    v12_bot b;
    auto peer = b.connect();
    auto& acc = b.account();
    auto m = b.run(acc.member(bot::id(group), bot::id("wxid_ming2024")));
    REQUIRE(m);
    CHECK(m->nickname == "小明");
    CHECK(m->role == bot::role::member);
    auto list = b.run(acc.members(bot::id(group)));
    REQUIRE(list);
    CHECK(list->size() == 1);
    bot::request_answer yes{bot::id(R"({"v3":"v3a","v4":"v4a"})"), false, true, ""};
    CHECK(b.run(acc.answer_request(yes)));
    CHECK(peer->take("wx.accept_friend")->at("params") == json{{"v3", "v3a"}, {"v4", "v4a"}});
}

TEST_CASE("an action with no answer times out, a dropped connection fails the call at once", "[onebot12][link]") {
    v12_bot b("call_timeout = \"1s\"\n");
    v12_options opt;
    opt.auto_answer = false;
    auto peer = b.dial(opt);
    REQUIRE(peer);
    auto probe = b.action(*peer, "get_status");
    peer->answer(probe, {{"good", true}, {"bots", {{{"self", {{"platform", "wechat"}, {"user_id", bot1}}}, {"online", true}}}}});
    REQUIRE(b.until([&] { return b.adapter->find("wechat", bot::id(bot1)) != nullptr; }));
    auto& acc = b.account();
    auto late = b.run(acc.member(bot::id(group), bot::id("wxid_a")));
    REQUIRE_FALSE(late);
    CHECK(late.err().code == bot::errc::timeout);

    bool done = false;
    bot::result<bot::member_info> lost = bot::error{};
    boost::asio::co_spawn(
        b.io, [&]() -> bot::task<> {
            lost = co_await acc.member(bot::id(group), bot::id("wxid_b"));
            done = true;
        },
        boost::asio::detached);
    REQUIRE(b.until([&] { return peer->actions().size() >= 2; }));
    peer->abort();
    REQUIRE(b.until([&] { return done; }));
    CHECK(lost.err().code == bot::errc::not_connected);
}

TEST_CASE("an implementation that drops and dials again is served again", "[onebot12][link]") {
    v12_bot b;
    auto first = b.connect();
    first->send(first->heartbeat(5000));
    first->abort();
    REQUIRE(b.until([&] { return b.account().links().empty(); }));
    auto second = b.connect();
    second->send(second->group_message(bot1, group, "wxid_ming2024", "/ping", "m-10"));
    CHECK(b.action(*second, "send_message").at("self").at("user_id") == bot1);
    CHECK(b.adapter->stats().connections == 2);
}

TEST_CASE("forward: the bot dials with Bearer, learns its bots and answers, it redials after a kill",
          "[onebot12][link]") {
    v12_options opt;
    opt.token = "s3cret";
    auto server = std::make_unique<v12_server>(opt);
    auto port = server->port();
    v12_bot b("access_token = \"s3cret\"\n[adapters.onebot12.server]\nenabled = false\n"
              "[adapters.onebot12.client]\nenabled = true\nreconnect_min_ms = 50\nreconnect_max_ms = 200\nurl = \"ws://127.0.0.1:" +
              std::to_string(port) + "/\"\n");
    std::unique_ptr<v12_peer> peer;
    REQUIRE(b.until([&] { return (peer = server->take_peer()) != nullptr; }));
    CHECK(server->last_authorization() == "Bearer s3cret");
    REQUIRE(b.until([&] { return b.adapter->find("wechat", bot::id(bot1)) != nullptr; }));
    peer->send(peer->group_message(bot1, group, "wxid_ming2024", "/ping", "m-11"));
    CHECK(b.action(*peer, "send_message").at("params").at("group_id") == group);

    server->kill();
    REQUIRE(b.until([&] { return b.account().links().empty(); }));
    server = std::make_unique<v12_server>(opt, port);
    std::unique_ptr<v12_peer> again;
    REQUIRE(b.until([&] { return (again = server->take_peer()) != nullptr; }));
    again->send(again->group_message(bot1, group, "wxid_ming2024", "/ping", "m-12"));
    CHECK(b.action(*again, "send_message").at("self").at("user_id") == bot1);
}

TEST_CASE("the offered v12 subprotocol is picked out of the header", "[onebot12][link]") {
    using adapters::onebot12::offered_v12_protocol;
    CHECK(offered_v12_protocol("12.ComWechat") == "12.ComWechat");
    CHECK(offered_v12_protocol("chat, 12.onebots") == "12.onebots");
    CHECK(offered_v12_protocol("11.gocq").empty());
    CHECK(offered_v12_protocol("12.").empty());
    CHECK(offered_v12_protocol("").empty());
}

TEST_CASE("[adapters.onebot12] refuses bad values naming the key", "[onebot12][link]") {
    auto read = [](std::string const& toml) {
        auto file = bot::config_file::parse(toml);
        return adapters::onebot12::settings::read(file);
    };
    auto defaults = read("");
    CHECK_FALSE(defaults.common.enabled);
    CHECK(defaults.server.ws_path == "/onebot/v12/ws");
    CHECK(defaults.server.port == 8082);
    CHECK_FALSE(defaults.client.enabled);
    CHECK_THROWS_WITH(read("[adapters.onebot12.client]\nurl = \"http://x:1/\"\n"), Catch::Contains("url"));
    CHECK_THROWS_WITH(read("[adapters.onebot12.server]\nws_path = \"ws\"\n"), Catch::Contains("ws_path"));
    CHECK_THROWS_WITH(read("[adapters.onebot12.server]\nport = 70000\n"), Catch::Contains("port"));
    CHECK_THROWS_WITH(read("[adapters.onebot12]\nunknown_key = 1\n"), Catch::Contains("unknown_key"));
}
