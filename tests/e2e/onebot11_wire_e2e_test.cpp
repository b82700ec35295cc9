// Hostile and faulty peers against the real binary over OneBot v11: frames nested to overflow a
// stack, events without the token, bodies past the size limit, connection floods, ever new
// accounts, lone surrogates, absurd heartbeat intervals, and a shutdown with a call in flight.
#include <catch2/catch.hpp>

// Options are written as designated initializers that leave the rest at their defaults.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/bot_process.hpp"
#include "tests/support/fake_onebot.hpp"

using namespace std::chrono_literals;
using testing::flavor;
using testing::json;
using testing::onebot_peer;

namespace {

std::string config_of(unsigned short port, std::string const& common, std::string const& server = {},
                      std::string const& extra = {}) {
    return "[bot]\nlog_level = \"debug\"\ndatabase = \"qunbot.db\"\nsuperusers = [\"90001\"]\n\n"
           "[adapters.console]\nenabled = false\n\n[adapters.onebot11]\nenabled = true\n" + common +
           "\n[adapters.onebot11.server]\nport = " + std::to_string(port) + "\n" + server + extra;
}

struct running {
    unsigned short port = testing::free_port();
    testing::bot_process bot;
    explicit running(std::string const& common, std::string const& server = {}, std::string const& extra = {})
        : bot(config_of(port, common, server, extra)) {
        INFO(bot.log());
        REQUIRE(bot.wait_for_log(" started with "));
    }
};

std::string nested(std::size_t depth) {
    std::string out;
    for (std::size_t i = 0; i < depth; ++i) out += "{\"a\":";
    out += "1";
    out += std::string(depth, '}');
    return out;
}

std::optional<json> next_send(onebot_peer& peer, std::chrono::milliseconds timeout = 5s) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        auto a = peer.next_action(left);
        if (!a) return std::nullopt;
        if ((*a)["action"].get<std::string>().starts_with("send_")) return a;
    }
    return std::nullopt;
}

json ping_event(std::int64_t self, std::int64_t group, std::int64_t user, std::int64_t message_id,
                std::string const& text = "/ping") {
    return json{{"time", 1763700000}, {"self_id", self}, {"post_type", "message"}, {"message_type", "group"},
                {"sub_type", "normal"}, {"message_id", message_id}, {"group_id", group}, {"user_id", user},
                {"raw_message", text}, {"font", 0},
                {"message", json::array({{{"type", "text"}, {"data", {{"text", text}}}}})},
                {"sender", {{"user_id", user}, {"nickname", "n"}, {"role", "member"}}}};
}

}  // namespace

TEST_CASE("frames nested 80,000 deep are refused and the bot keeps answering", "[e2e][onebot11][wire]") {
    running r("access_token = \"tok\"\n");
    auto peer = onebot_peer::dial(r.port, {.kind = flavor::napcat, .self_id = 10001, .token = "tok"});
    REQUIRE(peer);
    auto deep = nested(80000);  // about 480 KB
    peer->send_text(R"({"status":"ok","retcode":0,"data":null,"echo":)" + deep + "}");
    auto in_data = ping_event(10001, 500, 60001, 1).dump();
    auto cut = in_data.find(R"({"text":"/ping"})");
    REQUIRE(cut != std::string::npos);
    peer->send_text(in_data.substr(0, cut) + deep + in_data.substr(cut + 16));
    peer->send_text(R"({"time":1,"self_id":10001,"post_type":"message","message_type":"group","sub_type":"normal",)"
                    R"("message_id":3,"group_id":500,"user_id":60001,"message":[{"type":"at","data":{"qq":)" + deep +
                    "}}]}");
    peer->send_text(R"({"time":1,"self_id":10001,"post_type":"message","message_type":"group","sub_type":"normal",)"
                    R"("message_id":4,"group_id":500,"user_id":60001,"message":[{"type":"json","data":{"data":)" +
                    json(deep).dump() + "}}]}");
    // And over HTTP POST, with the token.
    CHECK(testing::post_raw(r.port, "/onebot/v11/http", R"({"post_type":"message","message":)" + deep + "}",
                            {{"Authorization", "Bearer tok"}}) == 204);
    peer->send(ping_event(10001, 500, 60001, 9));
    auto sent = next_send(*peer, 10s);
    INFO(r.bot.log());
    REQUIRE(sent);
    CHECK(r.bot.running());
    CHECK(r.bot.log().find("nested deeper than 64 levels") != std::string::npos);
}

TEST_CASE("an HTTP POST without the access token is refused and not handled", "[e2e][onebot11][wire]") {
    testing::onebot_http_api api("tok");
    running r("access_token = \"tok\"\n", {},
              "\n[adapters.onebot11.http_api]\nenabled = true\nurl = \"http://127.0.0.1:" + std::to_string(api.port()) +
                  "/\"\n");
    // A forged event from the superuser: no token, so nothing runs.
    auto forged = ping_event(10002, 600, 90001, 1, "/set timezone Europe/Berlin").dump();
    CHECK(testing::post_raw(r.port, "/onebot/v11/http", forged, {{"X-Self-ID", "10002"}}) == 401);
    CHECK(testing::post_raw(r.port, "/onebot/v11/http", forged, {{"Authorization", "Bearer nope"}}) == 403);
    CHECK(testing::post_raw(r.port, "/onebot/v11/http", forged, {{"X-Signature", "sha1=00"}}) == 403);
    CHECK_FALSE(api.next_action(1500ms));
    // With the token (header, query, or NapCat's X-Signature keyed with it) it is handled.
    auto ping = ping_event(10002, 600, 60002, 2).dump();
    CHECK(testing::post_raw(r.port, "/onebot/v11/http", ping, {{"Authorization", "Bearer tok"}}) == 204);
    REQUIRE(api.next_action(5s));
    auto ping2 = ping_event(10002, 600, 60002, 3).dump();
    CHECK(testing::post_raw(r.port, "/onebot/v11/http?access_token=tok", ping2) == 204);
    REQUIRE(api.next_action(5s));
    auto ping3 = ping_event(10002, 600, 60002, 4).dump();
    CHECK(testing::post_raw(r.port, "/onebot/v11/http", ping3, {{"X-Signature", testing::hmac_sha1("tok", ping3)}}) ==
          204);
    REQUIRE(api.next_action(5s));
    auto log = r.bot.log();
    INFO(log);
    CHECK(log.find("an event POST with no access token") != std::string::npos);
}

TEST_CASE("HTTP POST bodies above max_frame_bytes are refused before they are parsed", "[e2e][onebot11][wire]") {
    running r("max_frame_bytes = 65536\n");
    auto note = ping_event(10003, 700, 60003, 1, "/checkin " + std::string(6u << 20, 'x')).dump();
    auto status = testing::post_raw(r.port, "/onebot/v11/http", note);
    CHECK((status == 413 || status == 0));  // refused while the body was still arriving
    CHECK(testing::post_raw(r.port, "/onebot/v11/http", ping_event(10003, 700, 60003, 2).dump()) == 204);
    INFO(r.bot.log());
    CHECK(r.bot.wait_for_log("body limit exceeded"));
    CHECK(r.bot.running());
}

TEST_CASE("connections beyond max_connections are closed at once, and the listener recovers",
          "[e2e][onebot11][wire]") {
    running r("max_connections = 4\n");
    boost::asio::io_context io;
    std::vector<boost::asio::ip::tcp::socket> idle;
    for (int i = 0; i < 12; ++i) {
        idle.emplace_back(io);
        idle.back().connect({boost::asio::ip::make_address("127.0.0.1"), r.port});
    }
    INFO(r.bot.log());
    REQUIRE(r.bot.wait_for_log("connections are open (the limit)"));
    int status = 0;
    CHECK_FALSE(onebot_peer::dial(r.port, {.kind = flavor::napcat, .self_id = 10004}, &status));
    for (auto& s : idle) s.close();
    std::unique_ptr<onebot_peer> peer;
    for (int i = 0; i < 50 && !peer; ++i) {
        std::this_thread::sleep_for(100ms);
        peer = onebot_peer::dial(r.port, {.kind = flavor::napcat, .self_id = 10004});
    }
    REQUIRE(peer);
    peer->send(ping_event(10004, 800, 60004, 1));
    CHECK(next_send(*peer, 10s));
}

TEST_CASE("events naming ever new accounts stop creating them at max_accounts", "[e2e][onebot11][wire]") {
    running r("max_accounts = 3\n");
    for (int self = 1; self <= 20; ++self)
        CHECK(testing::post_raw(r.port, "/onebot/v11/http", ping_event(self, 900 + self, 60005, self).dump()) == 204);
    INFO(r.bot.log());
    CHECK(r.bot.wait_for_log("accounts are served (max_accounts)"));
    auto log = r.bot.log();
    CHECK(log.find("onebot11: account 3 ") != std::string::npos);
    CHECK(log.find("onebot11: account 4 ") == std::string::npos);
    CHECK(r.bot.running());
}

TEST_CASE("a lone surrogate in an event reads as U+FFFD and the event is handled", "[e2e][onebot11][wire]") {
    running r("");
    auto peer = onebot_peer::dial(r.port, {.kind = flavor::napcat, .self_id = 10006});
    REQUIRE(peer);
    auto text = ping_event(10006, 1000, 60006, 1).dump();
    auto at = text.find(R"("nickname":"n")");
    REQUIRE(at != std::string::npos);
    text.replace(at, 14, R"("nickname":"n\ud800")");
    peer->send_text(text);
    INFO(r.bot.log());
    CHECK(next_send(*peer, 10s));
}

TEST_CASE("an announced heartbeat interval of INT64_MAX keeps the link up", "[e2e][onebot11][wire]") {
    running r("");
    auto peer = onebot_peer::dial(r.port, {.kind = flavor::napcat, .self_id = 10007});
    REQUIRE(peer);
    auto beat = peer->heartbeat(30000);
    beat["interval"] = INT64_MAX;
    peer->send(beat);
    peer->send(ping_event(10007, 1100, 60007, 1));
    INFO(r.bot.log());
    CHECK(next_send(*peer, 10s));
    CHECK(peer->is_open());
    CHECK(r.bot.running());
}

TEST_CASE("SIGTERM with an action waiting for its answer exits without waiting for it", "[e2e][onebot11][wire]") {
    running r("call_timeout = \"60s\"\n");
    auto peer = onebot_peer::dial(r.port, {.kind = flavor::napcat, .self_id = 10008, .auto_answer = false});
    REQUIRE(peer);
    peer->send(ping_event(10008, 1200, 60008, 1));
    REQUIRE(next_send(*peer, 10s));  // sent, never answered
    auto started = std::chrono::steady_clock::now();
    CHECK(r.bot.stop() == 0);
    // The shutdown watchdog stops the loop after 5 s; a clean shutdown ends well before it.
    CHECK(std::chrono::steady_clock::now() - started < 4s);
}

TEST_CASE("an action waiting for its answer fails as soon as its connection drops", "[e2e][onebot11][wire]") {
    running r("call_timeout = \"60s\"\n");
    auto peer = onebot_peer::dial(r.port, {.kind = flavor::napcat, .self_id = 10009, .auto_answer = false});
    REQUIRE(peer);
    peer->send(ping_event(10009, 1300, 60009, 1));
    REQUIRE(next_send(*peer, 10s));  // sent, never answered
    auto started = std::chrono::steady_clock::now();
    peer->abort();
    // The reply's call ends with the connection, not 60 s later at its timeout.
    bool failed = false;
    while (!failed && std::chrono::steady_clock::now() - started < 20s) {
        failed = r.bot.log().find("closed before the answer came") != std::string::npos;
        if (!failed) std::this_thread::sleep_for(100ms);
    }
    INFO(r.bot.log());
    CHECK(failed);
    CHECK(std::chrono::steady_clock::now() - started < 20s);
    CHECK(r.bot.running());
}
