// End to end over loopback: the real qunbot binary with the OneBot v11 adapter, and a fake
// implementation behaving like NapCat, go-cqhttp or Lagrange.OneBot on the other side.
#include <catch2/catch.hpp>

// Options are written as designated initializers that leave the rest at their defaults.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include <string>
#include <thread>

#include "tests/support/bot_process.hpp"
#include "tests/support/fake_onebot.hpp"

using namespace std::chrono_literals;
using testing::flavor;
using testing::json;
using testing::onebot_peer;
using testing::peer_options;

namespace {

struct bot_setup {
    std::string token;
    std::string extra;  ///< more TOML appended (other tables)
    std::string common; ///< more keys in [adapters.onebot11]
    unsigned short port = testing::free_port();
};

std::string config_of(bot_setup const& s) {
    return "[bot]\nlog_level = \"debug\"\ndatabase = \"qunbot.db\"\n\n"
           "[adapters.console]\nenabled = false\n\n"
           "[adapters.onebot11]\nenabled = true\naccess_token = \"" + s.token + "\"\n" + s.common +
           "\n[adapters.onebot11.server]\nport = " + std::to_string(s.port) + "\n" + s.extra;
}

/// The bot, started and listening.
struct running {
    bot_setup setup;
    testing::bot_process bot;
    explicit running(bot_setup s) : setup(std::move(s)), bot(config_of(setup)) {
        INFO(bot.log());
        REQUIRE(bot.wait_for_log(" started with "));
    }
    std::unique_ptr<onebot_peer> dial(peer_options opt, int* status = nullptr) {
        return onebot_peer::dial(setup.port, std::move(opt), status);
    }
};

/// The text of a send action's message, whatever its segments.
std::string text_of(json const& action) {
    std::string out;
    for (auto const& seg : action["params"]["message"])
        if (seg["type"] == "text") out += seg["data"]["text"].get<std::string>();
    return out;
}

/// The message_id a send action quotes (its reply segment), as a string.
std::string reply_id_of(json const& action) {
    for (auto const& seg : action["params"]["message"])
        if (seg["type"] == "reply") return seg["data"]["id"].get<std::string>();
    return "";
}

std::optional<json> next_send(onebot_peer& peer, std::chrono::milliseconds timeout = 5s) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        auto a = peer.next_action(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()));
        if (!a) return std::nullopt;
        if ((*a)["action"].get<std::string>().starts_with("send_")) return a;
    }
    return std::nullopt;
}

}  // namespace

TEST_CASE("NapCat over reverse WebSocket: Bearer token, array messages, a quoted reply", "[e2e][onebot11]") {
    running r({.token = "s3cret"});
    auto peer = r.dial({.kind = flavor::napcat, .self_id = 10001, .token = "s3cret"});
    REQUIRE(peer);
    peer->send(peer->heartbeat(30000));
    peer->send(peer->group_message(123456789, 20002, "/ping", 424242));
    auto sent = next_send(*peer);
    INFO(r.bot.log());
    REQUIRE(sent);
    CHECK((*sent)["action"] == "send_group_msg");
    CHECK((*sent)["params"]["group_id"] == 123456789);
    CHECK(reply_id_of(*sent) == "424242");
    CHECK(text_of(*sent).find("pong") != std::string::npos);
    CHECK(sent->contains("echo"));
    CHECK(r.bot.log().find("onebot11 reverse 10001 Universal") != std::string::npos);
}

TEST_CASE("go-cqhttp over reverse WebSocket: Token auth, CQ strings, negative message ids", "[e2e][onebot11]") {
    running r({.token = "tok"});
    auto peer = r.dial({.kind = flavor::gocq, .self_id = 10002, .token = "tok"});
    REQUIRE(peer);
    peer->send(peer->group_message(555, 30003, "/ping", -2147480100));
    auto sent = next_send(*peer);
    INFO(r.bot.log());
    REQUIRE(sent);
    CHECK(reply_id_of(*sent) == "-2147480100");
    // An @-all written as text by a member is escaped in CQ strings and stays text.
    peer->send(peer->group_message(555, 30003, "&#91;CQ:at,qq=all&#93; /ping", -2147480101));
    CHECK_FALSE(next_send(*peer, 1500ms));
}

TEST_CASE("Lagrange with separate API and Event connections", "[e2e][onebot11]") {
    running r({});
    auto events = r.dial({.kind = flavor::lagrange, .self_id = 10003, .role = "Event"});
    auto api = r.dial({.kind = flavor::lagrange, .self_id = 10003, .role = "API", .send_connect = false});
    REQUIRE(events);
    REQUIRE(api);
    events->send(events->group_message(777, 40004, "/ping", 3000000123LL));
    auto sent = next_send(*api);
    INFO(r.bot.log());
    REQUIRE(sent);
    CHECK(reply_id_of(*sent) == "3000000123");
    CHECK_FALSE(events->next_action(300ms));
}

TEST_CASE("access tokens: Bearer, Token, query, empty Bearer is none, refusals are 401 and 403", "[e2e][onebot11]") {
    SECTION("a token is configured") {
        running r({.token = "right"});
        int status = 0;
        CHECK_FALSE(r.dial({.kind = flavor::napcat, .token = ""}, &status));  // "Bearer " is no token
        CHECK(status == 401);
        CHECK_FALSE(r.dial({.kind = flavor::gocq, .token = "wrong"}, &status));
        CHECK(status == 403);
        CHECK_FALSE(r.dial({.kind = flavor::lagrange, .token = ""}, &status));
        CHECK(status == 401);
        CHECK(r.dial({.kind = flavor::lagrange, .self_id = 1, .token = "", .path = "/onebot/v11/ws?access_token=right"},
                     &status));
        CHECK(status == 101);
        CHECK(r.dial({.kind = flavor::gocq, .self_id = 2, .token = "right", .path = "/"}, &status));
        CHECK(r.bot.wait_for_log("wrong access token"));
        CHECK(r.bot.wait_for_log("no access token"));
    }
    SECTION("no token is configured") {
        running r({});
        int status = 0;
        CHECK(r.dial({.kind = flavor::napcat, .token = ""}, &status));
        CHECK(status == 101);
        CHECK_FALSE(r.dial({.kind = flavor::napcat, .path = "/elsewhere"}, &status));
        CHECK(status == 404);
    }
}

TEST_CASE("the same event twice, on one connection and on a second one, is answered once", "[e2e][onebot11]") {
    running r({});
    auto universal = r.dial({.kind = flavor::napcat, .self_id = 10004});
    auto second = r.dial({.kind = flavor::napcat, .self_id = 10004, .role = "Event"});
    REQUIRE(universal);
    REQUIRE(second);
    auto event = universal->group_message(888, 50005, "/ping", 9001);
    universal->send(event);
    second->send(event);
    universal->send(event);
    auto sends = universal->actions_for(1500ms);
    std::erase_if(sends, [](json const& a) { return !a["action"].get<std::string>().starts_with("send_"); });
    INFO(r.bot.log());
    CHECK(sends.size() == 1);
}

TEST_CASE("bad input is logged and the connection stays up", "[e2e][onebot11]") {
    running r({});
    auto peer = r.dial({.kind = flavor::napcat, .self_id = 10005});
    REQUIRE(peer);
    peer->send_text("{not json");
    peer->send_text(std::string(10u << 20, 'x'));  // a 10 MB frame
    auto missing = peer->group_message(999, 60006, "/ping", 1);
    missing.erase("group_id");
    peer->send(missing);
    peer->send({{"status", "ok"}, {"retcode", 0}, {"data", nullptr}, {"echo", "nobody-asked"}});
    peer->send({{"time", 1}, {"self_id", 10005}, {"post_type", "notice"}, {"notice_type", "brand_new_thing"}});
    peer->send(peer->group_message(999, 60006, "/ping", 2));
    auto sent = next_send(*peer, 10s);
    auto log = r.bot.log();
    INFO(log);
    REQUIRE(sent);
    CHECK(reply_id_of(*sent) == "2");
    CHECK(peer->is_open());
    CHECK(log.find("not valid JSON") != std::string::npos);
    CHECK(log.find("above the limit") != std::string::npos);
    CHECK(log.find("group_id") != std::string::npos);
    CHECK(log.find("no pending action") != std::string::npos);
    CHECK(r.bot.running());
}

TEST_CASE("a new connection for the same account replaces the old one", "[e2e][onebot11]") {
    running r({});
    auto old_peer = r.dial({.kind = flavor::napcat, .self_id = 10006});
    REQUIRE(old_peer);
    auto new_peer = r.dial({.kind = flavor::napcat, .self_id = 10006});
    REQUIRE(new_peer);
    CHECK(old_peer->wait_closed(3s) == 1000);
    new_peer->send(new_peer->group_message(111, 70007, "/ping", 77));
    CHECK(next_send(*new_peer));
}

TEST_CASE("reconnect: the implementation dies and comes back, nothing is sent twice", "[e2e][onebot11]") {
    running r({});
    auto first = r.dial({.kind = flavor::napcat, .self_id = 10007});
    REQUIRE(first);
    first->send(first->group_message(222, 80008, "/ping", 1));
    REQUIRE(next_send(*first));
    first->abort();
    auto started = std::chrono::steady_clock::now();
    auto second = r.dial({.kind = flavor::napcat, .self_id = 10007});
    REQUIRE(second);
    second->send(second->group_message(222, 80008, "/ping", 2));
    auto sent = next_send(*second, 2s);
    INFO(r.bot.log());
    REQUIRE(sent);
    CHECK(std::chrono::steady_clock::now() - started < 2s);
    CHECK(reply_id_of(*sent) == "2");
    auto more = second->actions_for(1200ms);
    std::erase_if(more, [](json const& a) { return !a["action"].get<std::string>().starts_with("send_"); });
    CHECK(more.empty());
}

TEST_CASE("forward WebSocket: the bot dials, learns its account, and redials after the implementation restarts",
          "[e2e][onebot11]") {
    peer_options opt{.kind = flavor::lagrange, .self_id = 10008};
    auto server = std::make_unique<testing::onebot_server>(opt);
    auto port = server->port();
    running r({.extra = "enabled = false\n\n[adapters.onebot11.client]\nenabled = true\nurl = \"ws://127.0.0.1:" +
                        std::to_string(port) + "/\"\n"});
    auto peer = server->accept(5s);
    INFO(r.bot.log());
    REQUIRE(peer);
    peer->send(peer->group_message(333, 90009, "/ping", 5));
    auto sent = next_send(*peer);
    INFO(r.bot.log());
    REQUIRE(sent);
    server->kill();
    server.reset();
    std::this_thread::sleep_for(300ms);
    auto started = std::chrono::steady_clock::now();
    server = std::make_unique<testing::onebot_server>(opt, port);
    auto again = server->accept(3s);
    REQUIRE(again);
    again->send(again->group_message(333, 90009, "/ping", 6));
    auto sent_again = next_send(*again, 2s);
    REQUIRE(sent_again);
    CHECK(std::chrono::steady_clock::now() - started < 2s);
    CHECK(reply_id_of(*sent_again) == "6");
}

TEST_CASE("HTTP POST events with X-Signature, actions over the HTTP API", "[e2e][onebot11]") {
    testing::onebot_http_api api("tok");
    running r({.token = "tok",
               .extra = "secret = \"hmac-key\"\n\n[adapters.onebot11.http_api]\nenabled = true\nurl = \"http://127.0.0.1:" +
                        std::to_string(api.port()) + "/\"\n"});
    auto peer_shape = json{{"time", 1763700000}, {"self_id", 10009}, {"post_type", "message"},
                           {"message_type", "group"}, {"sub_type", "normal"}, {"message_id", 31},
                           {"group_id", 444}, {"user_id", 100010}, {"raw_message", "/ping"},
                           {"message", json::array({{{"type", "text"}, {"data", {{"text", "/ping"}}}}})},
                           {"sender", {{"user_id", 100010}, {"nickname", "n"}}}};
    CHECK(testing::post_event(r.setup.port, "/onebot/v11/http", peer_shape, "", std::string("sha1=0000")) == 403);
    CHECK(testing::post_event(r.setup.port, "/onebot/v11/http", peer_shape, "") == 401);
    CHECK(testing::post_event(r.setup.port, "/onebot/v11/http", peer_shape, "hmac-key") == 204);
    // go-cqhttp retries a slow POST: the same event again is not answered twice.
    CHECK(testing::post_event(r.setup.port, "/onebot/v11/http", peer_shape, "hmac-key") == 204);
    auto action = api.next_action(5s);
    INFO(r.bot.log());
    REQUIRE(action);
    CHECK((*action)["action"] == "send_group_msg");
    CHECK((*action)["params"]["group_id"] == 444);
    CHECK_FALSE(api.next_action(1200ms));
}

TEST_CASE("a connection that stops answering pings is treated as dead", "[e2e][onebot11]") {
    running r({.common = "heartbeat = \"1s\"\n"});
    auto peer = r.dial({.kind = flavor::napcat, .self_id = 10010});
    REQUIRE(peer);
    peer->stop_reading();
    INFO(r.bot.log());
    CHECK(r.bot.wait_for_log("treated as dead", 6s));
    CHECK(r.bot.running());
}

TEST_CASE("the bot's own messages are never input", "[e2e][onebot11]") {
    running r({});
    auto peer = r.dial({.kind = flavor::napcat, .self_id = 10011});
    REQUIRE(peer);
    auto own = peer->group_message(666, 10011, "/ping", 12);
    own["post_type"] = "message_sent";
    own["message_sent_type"] = "self";
    peer->send(own);
    auto echo = peer->group_message(666, 10011, "/ping", 13);  // user_id == self_id
    peer->send(echo);
    CHECK_FALSE(next_send(*peer, 1500ms));
}
