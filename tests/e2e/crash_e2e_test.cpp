// End to end: the real binary is killed with SIGKILL at random points while members check in, an
// admin confirms deposits and a deposit challenge's day closes, all over OneBot v11; every restart
// runs on the same database. Afterwards nothing acknowledged is missing and nothing is counted twice.
//
// The bot runs on UTC. Once the check-ins and deposits are done, the group is given a fixed-offset
// time zone (cctz's "Fixed/UTC+HH:MM:SS") whose midnight comes a few seconds later, so the
// challenge's day closes within the test's minute. QUNBOT_CRASH_SEED=<n> replays the kill points.
#include <catch2/catch.hpp>

// Options are written as designated initializers that leave the rest at their defaults.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <map>
#include <numeric>
#include <optional>
#include <random>
#include <regex>
#include <set>
#include <string>
#include <thread>

#include "bot/timezone.hpp"
#include "storage/database.hpp"
#include "storage/ledger.hpp"
#include "tests/support/bot_process.hpp"
#include "tests/support/fake_onebot.hpp"

using namespace std::chrono_literals;
using testing::json;

namespace {

constexpr std::int64_t self = 20002;
constexpr std::int64_t group = 700200;
constexpr std::int64_t admin = 400999;
constexpr std::int64_t first_member = 401001;  // 401001..401012 join the challenge
constexpr int members = 12;
constexpr int payers = 8;                      // the first eight pay their deposit
constexpr std::int64_t first_guest = 402001;   // check in without being in the challenge
constexpr int guests = 6;

/// Something a member or the admin sends that the bot must acknowledge with a reply.
struct op {
    bool payment = false;  ///< the admin confirms `user`'s deposit; else `user` checks in
    std::int64_t user = 0;
};

std::string toml(unsigned short port) {
    return "[bot]\nlog_level = \"info\"\ntimezone = \"UTC\"\ndatabase = \"qunbot.db\"\n\n[outbox]\nenabled = false\n\n"
           "[adapters.console]\nenabled = false\n\n[adapters.onebot11]\nenabled = true\n\n"
           "[adapters.onebot11.server]\nport = " + std::to_string(port) + "\n\n"
           // A short window, so combined confirmations go out by timer as well as on restart.
           "[plugins.checkin]\nburst_window = \"2s\"\n";
}

json text(std::string t) { return {{"type", "text"}, {"data", {{"text", std::move(t)}}}}; }
json at(std::int64_t qq) { return {{"type", "at"}, {"data", {{"qq", std::to_string(qq)}}}}; }

/// The real bot and a fake NapCat connected to it, restartable after a kill; it records which
/// messages the bot answered (quoted) and which members a combined confirmation named.
class rig {
public:
    rig() : bot_(toml(port_)) { connect(); }

    testing::bot_process& bot() { return bot_; }

    std::int64_t says(std::int64_t user, json segments, std::string const& role = "member") {
        auto id = next_id_++;
        auto msg = peer_->group_message(group, user, "", id);
        msg["message"] = std::move(segments);
        msg["sender"]["role"] = role;
        peer_->send(msg);
        return id;
    }

    /// Reads what the bot sent within `d`.
    void collect(std::chrono::milliseconds d) {
        if (peer_) take(peer_->actions_for(d));
    }
    bool answered(std::int64_t message_id) const { return quoted_.count(message_id) > 0; }
    std::string const& answer(std::int64_t message_id) { return quoted_[message_id]; }
    bool confirmed(std::int64_t user) const { return named_.count(user) > 0; }
    std::size_t named() const { return named_.size(); }

    /// SIGKILL; whatever reached the fake implementation before still counts as sent.
    void kill() {
        bot_.kill();
        take(peer_->actions_for(0ms));
        peer_.reset();
    }
    void restart() {
        bot_.start();
        connect();
    }

private:
    void connect() {
        if (!bot_.wait_for_log(" started with ", 20s)) FAIL("the bot did not start:\n" << bot_.log());
        peer_ = testing::onebot_peer::dial(port_, {.kind = testing::flavor::napcat, .self_id = self});
        REQUIRE(peer_);
    }

    void take(std::vector<json> const& actions) {
        static std::regex const line("member(\\d+)：");
        for (auto const& a : actions) {
            if (a["action"] != "send_group_msg") continue;
            std::optional<std::int64_t> quotes;
            std::string all;
            for (auto const& seg : a["params"]["message"]) {
                if (seg["type"] == "reply") quotes = std::stoll(seg["data"]["id"].get<std::string>());
                if (seg["type"] == "text") all += seg["data"]["text"].get<std::string>();
            }
            if (quotes) quoted_[*quotes] += all;
            for (std::sregex_iterator it(all.begin(), all.end(), line), end; it != end; ++it)
                named_.insert(std::stoll((*it)[1].str()));
        }
    }

    unsigned short port_ = testing::free_port();
    testing::bot_process bot_;
    std::unique_ptr<testing::onebot_peer> peer_;
    std::int64_t next_id_ = 1000;
    std::map<std::int64_t, std::string> quoted_;  ///< message → the text of the replies quoting it
    std::set<std::int64_t> named_;
};

/// "Fixed/UTC+13:22:41": the zone whose midnight is at `t`, so the UTC day of just before `t` closes then.
std::string zone_with_midnight_at(std::chrono::system_clock::time_point t) {
    auto ahead = 86400 - std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count() % 86400;
    char name[32];
    std::snprintf(name, sizeof name, "Fixed/UTC+%02d:%02d:%02d", static_cast<int>(ahead / 3600),
                  static_cast<int>(ahead / 60 % 60), static_cast<int>(ahead % 60));
    return name;
}

int scalar(SQLite::Database& db, std::string const& sql, std::vector<std::string> const& params = {}) {
    SQLite::Statement q(db, sql);
    for (std::size_t i = 0; i < params.size(); ++i) q.bind(static_cast<int>(i + 1), params[i]);
    return q.executeStep() ? q.getColumn(0).getInt() : 0;
}

}  // namespace

TEST_CASE("a bot killed at random points loses no acknowledged check-in or deposit and books nothing twice",
          "[e2e][crash]") {
    auto seed = static_cast<unsigned>(std::random_device{}());
    if (auto const* env = std::getenv("QUNBOT_CRASH_SEED")) seed = static_cast<unsigned>(std::stoul(env));
    std::cout << "crash test seed " << seed << " (QUNBOT_CRASH_SEED to replay)" << std::endl;
    INFO("seed " << seed);
    std::mt19937 rng(seed);
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    auto began = std::chrono::steady_clock::now();

    // The whole run must stay inside one UTC day.
    auto utc_day = [] { return std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()); };
    if (utc_day() != std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now() + 90s))
        std::this_thread::sleep_until(utc_day() + std::chrono::days(1) + 1s);
    auto today = utc_day();

    rig r;
    // The announcement of a new challenge does not quote the command; the joins after it do.
    r.says(admin, json::array({text("/challenge new 早起 start=today days=1 deposit=50 fine=5 full=1")}), "admin");
    std::vector<std::int64_t> setup;
    for (int i = 0; i < members; ++i) setup.push_back(r.says(first_member + i, json::array({text("/challenge join")})));
    auto all_answered = [&] {
        return std::all_of(setup.begin(), setup.end(), [&](auto id) { return r.answered(id); });
    };
    for (int waited = 0; waited < 50 && !all_answered(); ++waited) r.collect(200ms);
    INFO(r.bot().log());
    REQUIRE(all_answered());
    auto db_path = (r.bot().dir() / "qunbot.db").string();
    {
        SQLite::Database peek(db_path, SQLite::OPEN_READONLY);
        REQUIRE(scalar(peek, "SELECT count(*) FROM deposit_members") == members);
    }

    // Deposits and check-ins in a random order, sent in small bursts; three bursts end in a kill.
    std::vector<op> ops;
    for (int i = 0; i < payers; ++i) ops.push_back({true, first_member + i});
    for (int i = 0; i < 5; ++i) ops.push_back({false, first_member + i});  // payers 6..8 miss the day
    for (int i = payers; i < members; ++i) ops.push_back({false, first_member + i});
    for (int i = 0; i < guests; ++i) ops.push_back({false, first_guest + i});
    std::shuffle(ops.begin(), ops.end(), rng);
    std::set<int> kill_rounds;
    while (kill_rounds.size() < 3) kill_rounds.insert(pick(0, 5));
    std::map<std::size_t, std::vector<std::int64_t>> sent;  // op → the messages that carried it
    auto acked = [&](std::size_t i) {
        if (!ops[i].payment && r.confirmed(ops[i].user)) return true;
        for (auto id : sent[i])
            if (r.answered(id)) return true;
        return false;
    };
    auto send = [&](std::size_t i) {
        auto const& o = ops[i];
        auto paid = json::array({text("/deposit paid "), at(o.user), text(" 50")});
        sent[i].push_back(o.payment ? r.says(admin, paid, "admin") : r.says(o.user, json::array({text("打卡 早起第一天")})));
    };
    std::vector<std::size_t> queue(ops.size());
    std::iota(queue.begin(), queue.end(), 0);
    int kills = 0;
    std::size_t after_restart = 0;  // members first confirmed by a combined message sent on reconnect
    for (int round = 0; round < 40; ++round) {
        if (queue.empty()) {
            // Everything was sent at least once: wait for the combined confirmations, then retry
            // what is still unanswered, as a member who saw no reply would.
            for (int w = 0; w < 15; ++w) {
                r.collect(200ms);
                if ([&] {
                        for (std::size_t i = 0; i < ops.size(); ++i)
                            if (!acked(i)) return false;
                        return true;
                    }())
                    break;
            }
            for (std::size_t i = 0; i < ops.size(); ++i)
                if (!acked(i)) queue.push_back(i);
            if (queue.empty()) break;
        }
        auto n = std::min<std::size_t>(queue.size(), static_cast<std::size_t>(pick(2, 6)));
        for (std::size_t k = 0; k < n; ++k) {
            send(queue[k]);
            std::this_thread::sleep_for(std::chrono::milliseconds(pick(0, 20)));
        }
        queue.erase(queue.begin(), queue.begin() + static_cast<std::ptrdiff_t>(n));
        if (kill_rounds.count(round)) {
            std::this_thread::sleep_for(std::chrono::milliseconds(pick(0, 80)));
            r.kill();
            ++kills;
            r.restart();
            // Confirmations the killed bot still held are sent when the connection comes back.
            auto before = r.named();
            r.collect(800ms);
            after_restart += r.named() - before;
            for (auto const& [i, ids] : sent)
                if (!acked(i) && std::find(queue.begin(), queue.end(), i) == queue.end()) queue.push_back(i);
        } else {
            r.collect(300ms);
        }
    }
    for (std::size_t i = 0; i < ops.size(); ++i) REQUIRE(acked(i));
    int retried = 0;
    for (auto const& [i, ids] : sent) retried += ids.size() > 1;
    std::cout << "crash test: " << ops.size() << " check-ins and deposits, " << retried
              << " answered only after a retry, " << after_restart << " confirmed on reconnect" << std::endl;

    // The group's day now ends a few seconds from here.
    auto close_at = std::chrono::ceil<std::chrono::seconds>(std::chrono::system_clock::now() + 4s);
    REQUIRE(std::chrono::floor<std::chrono::days>(close_at - 1s) == today);
    auto set_zone = r.says(admin, json::array({text("/set timezone " + zone_with_midnight_at(close_at))}), "admin");
    for (int waited = 0; waited < 20 && !r.answered(set_zone); ++waited) r.collect(100ms);
    CHECK(r.answer(set_zone).find("已设置") != std::string::npos);
    REQUIRE(std::chrono::system_clock::now() < close_at - 500ms);

    // One more kill within a second of the day close, then restarts until the day is judged.
    std::this_thread::sleep_until(close_at + std::chrono::milliseconds(pick(-1000, 1000)));
    r.kill();
    ++kills;
    r.restart();
    bool judged = false;
    for (int w = 0; w < 75 && !judged; ++w) {
        r.collect(200ms);
        SQLite::Database peek(db_path, SQLite::OPEN_READONLY);
        judged = scalar(peek, "SELECT count(*) FROM deposit_days") == payers;
    }
    INFO(r.bot().log());
    REQUIRE(judged);
    // Killed again after the close: the restart must not judge or fine the day a second time.
    r.kill();
    ++kills;
    r.restart();
    r.collect(1000ms);
    CHECK(r.bot().stop() == 0);
    std::cout << "crash test: " << kills << " kills, "
              << std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - began).count()
              << " ms" << std::endl;

    SQLite::Database db(db_path, SQLite::OPEN_READONLY);
    // Every acknowledged check-in is stored, on one row per member and day, with a total that
    // counts each day once and a rank no one else has that day.
    for (auto const& o : ops) {
        if (o.payment) continue;
        INFO("member " << o.user);
        CHECK(scalar(db, "SELECT count(*) FROM checkin_days WHERE user LIKE ?1 AND kind = 0",
                    {"%:" + std::to_string(o.user)}) == 1);
    }
    CHECK(scalar(db, "SELECT count(*) FROM checkin_days") == 5 + (members - payers) + guests);
    CHECK(scalar(db, "SELECT count(*) FROM checkin_days WHERE total != 1 OR streak != 1") == 0);
    CHECK(scalar(db, "SELECT count(*) FROM (SELECT day, rank FROM checkin_days WHERE kind = 0 "
                    "GROUP BY group_key, day, rank HAVING count(*) > 1)") == 0);
    CHECK(scalar(db, "SELECT count(*) FROM checkin_pending_confirmations") == 0);

    // Every confirmed deposit is booked once; every payer's day is judged once, fined exactly
    // when there is no check-in for it.
    auto challenge = std::to_string(scalar(db, "SELECT id FROM deposit_challenges"));
    SQLite::Statement start(db, "SELECT start_day FROM deposit_challenges");
    REQUIRE(start.executeStep());
    auto day_text = start.getColumn(0).getString();
    auto day = bot::parse_date(day_text);
    REQUIRE(day);
    int missed = 0;
    for (int i = 0; i < payers; ++i) {
        auto u = "%:" + std::to_string(first_member + i);
        INFO("payer " << first_member + i);
        CHECK(scalar(db, "SELECT count(*) FROM deposit_members WHERE user LIKE ?1 AND status = 'paid'", {u}) == 1);
        CHECK(scalar(db, "SELECT count(*) FROM ledger_postings WHERE key LIKE ?1",
                    {"deposit:" + challenge + ":" + u + ":paid%"}) == 1);
        CHECK(scalar(db, "SELECT count(*) FROM deposit_days WHERE user LIKE ?1", {u}) == 1);
        bool checked_in = scalar(db, "SELECT count(*) FROM checkin_days WHERE user LIKE ?1 AND day = ?2",
                                {u, std::to_string(day->serial())}) == 1;
        bool fined =
            scalar(db, "SELECT count(*) FROM deposit_days WHERE user LIKE ?1 AND verdict = 'missed'", {u}) == 1;
        CHECK(checked_in == !fined);
        CHECK(scalar(db, "SELECT count(*) FROM ledger_postings WHERE key LIKE ?1",
                    {"deposit:" + challenge + ":" + u + ":" + day_text + ":fine"}) == (fined ? 1 : 0));
        missed += fined;
    }
    CHECK(missed == payers - 5);

    storage::database books(db_path);
    auto report = storage::ledger(books).verify();
    INFO((report.problems.empty() ? std::string() : report.problems.front()));
    CHECK(report.ok());
}
