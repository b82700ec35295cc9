// Backpressure end to end: the real qunbot binary, a fake OneBot v11 implementation over reverse
// WebSockets, and a group that sends faster than the bot may answer (the outbox paces one reply per
// 20 ms). With separate Event and API links the queue stays within [limits] exactly; over one
// Universal link, whose answers queue behind events, reading goes on for them, the events read
// meanwhile wait unparsed, and the queue keeps the same bound.
// Either way reading pauses and resumes, and every /ping is answered exactly once.
#include <catch2/catch.hpp>

// Options are written as designated initializers that leave the rest at their defaults.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include <map>
#include <regex>
#include <string>

#include "tests/support/bot_process.hpp"
#include "tests/support/fake_onebot.hpp"
#include "tests/support/http_client.hpp"

using namespace std::chrono_literals;
using testing::flavor;
using testing::json;

namespace {

constexpr int pings = 60;

std::string config_of(unsigned short port, unsigned short console_port, std::string const& limits,
                      std::string const& adapter = "") {
    return "[bot]\nlog_level = \"debug\"\ndatabase = \"qunbot.db\"\n\n"
           "[adapters.console]\nenabled = false\n\n"
           "[console]\nenabled = true\nhost = \"127.0.0.1\"\nport = " + std::to_string(console_port) + "\n\n"
           "[outbox]\ngroup_interval_ms = 20\ngroup_burst = 1\nglobal_interval_ms = 0\nglobal_burst = 1000\n"
           "jitter_ms = 0\n\n" + limits +
           "[adapters.onebot11]\nenabled = true\n" + adapter + "\n[adapters.onebot11.server]\nport = " + std::to_string(port) + "\n";
}

/// One figure of /metrics (without labels); -1 when it is missing.
double metric(unsigned short console_port, std::string const& name) {
    auto reply = testing::http_call(console_port, "GET", "/metrics");
    std::smatch m;
    std::regex line("(^|\n)" + name + " ([0-9.e+]+)");
    if (reply.status != 200 || !std::regex_search(reply.body, m, line)) return -1;
    return std::stod(m[2].str());
}

struct outcome {
    double peak = -1;
    double pauses = -1;
    std::map<std::string, int> answered;  ///< quoted message_id → replies
    std::string log;
};

/// Sends `pings` /ping messages in one group at once and collects every reply. `split`: events on an
/// "Event" link and the bot's calls on an "API" link; else one "Universal" link carries both.
/// `filler`: plain messages of 4 KB sent in another group right behind the pings; `adapter`: keys
/// for [adapters.onebot11].
outcome flood(std::string const& limits, bool split, int filler = 0, std::string const& adapter = "") {
    auto port = testing::free_port();
    auto console_port = testing::free_port();
    testing::bot_process bot(config_of(port, console_port, limits, adapter));
    outcome out;
    INFO(bot.log());
    REQUIRE(bot.wait_for_log(" started with "));
    auto events = testing::onebot_peer::dial(
        port, {.kind = flavor::napcat, .self_id = 10001, .role = split ? "Event" : "Universal"});
    REQUIRE(events);
    std::unique_ptr<testing::onebot_peer> api;
    if (split) {
        api = testing::onebot_peer::dial(port, {.kind = flavor::napcat, .self_id = 10001, .role = "API",
                                                .send_connect = false});
        REQUIRE(api);
        REQUIRE(bot.wait_for_log("10001 API"));
    }
    for (int i = 0; i < pings; ++i) events->send(events->group_message(4242, 20000 + i, "/ping", 700000 + i));
    for (int i = 0; i < filler; ++i)
        events->send(events->group_message(4343, 30000 + i % 50, "读书笔记 " + std::string(4000, 'x'), 800000 + i));
    for (auto const& action : (split ? *api : *events).actions_for(4s)) {
        if (action["action"] != "send_group_msg") continue;
        for (auto const& seg : action["params"]["message"])
            if (seg["type"] == "reply") ++out.answered[seg["data"]["id"].get<std::string>()];
    }
    out.peak = metric(console_port, "qunbot_queued_events_peak");
    out.pauses = metric(console_port, "qunbot_backpressure_pauses_total");
    out.log = bot.log();
    return out;
}

void all_answered_once(outcome const& o) {
    CHECK(o.answered.size() == static_cast<std::size_t>(pings));
    for (auto const& [id, n] : o.answered) CHECK(n == 1);
}

constexpr char const* tight = "[limits]\nmax_queued_events = 10\nmax_queued_per_chat = 5\n\n";

}  // namespace

TEST_CASE("with separate event and API links a flood waits at the implementation, within the limits",
          "[e2e][backpressure]") {
    auto bounded = flood(tight, true);
    INFO(bounded.log);
    CHECK(bounded.pauses >= 1);
    CHECK(bounded.peak == 5);  // the chat's limit, never more
    CHECK(bounded.log.find("overloaded: ") != std::string::npos);
    all_answered_once(bounded);

    // The same flood with the default limits queues all of it: the bound above is the limits' doing.
    auto open = flood("", true);
    INFO(open.log);
    CHECK(open.pauses == 0);
    CHECK(open.peak > 20);
    all_answered_once(open);
}

TEST_CASE("over one Universal link, reading goes on for answers and the events read meanwhile wait unparsed",
          "[e2e][backpressure]") {
    auto o = flood(tight, false);
    INFO(o.log);
    CHECK(o.pauses >= 1);
    // The answers behind the flood were reached, and the events read to reach them waited outside
    // the queues: the chat's limit holds on this link shape too.
    CHECK(o.log.find("the events read to reach them wait unparsed") != std::string::npos);
    CHECK(o.peak == 5);
    all_answered_once(o);
}

TEST_CASE("over one Universal link, past the parking bound the calls waiting for answers are released, and every "
          "ping is still answered once",
          "[e2e][backpressure]") {
    // 300 messages of 4 KB behind the pings: the answers to the replies' calls come behind 1.2 MB
    // of events, more than the link may park (1 MiB). It parks up to the bound and then reads
    // nothing more; the calls waiting are released at once instead of each holding the chat for
    // the call timeout (30 s here), so the queues drain, reading resumes and every ping is answered
    // within the collection's four seconds.
    auto o = flood(tight, false, 300, "max_parked_bytes = 1048576\ncall_timeout = \"30s\"\n");
    INFO(o.log);
    CHECK(o.pauses >= 1);
    CHECK(o.log.find("the events read to reach them wait unparsed") != std::string::npos);
    CHECK(o.log.find("were released with their outcome unknown") != std::string::npos);
    CHECK(o.log.find("got no answer in") == std::string::npos);
    CHECK(o.peak <= 10);  // two chats now: each within its 5, both within the total's 10
    all_answered_once(o);
}
