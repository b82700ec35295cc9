#pragma once
/// The benchmark workload: who posts what in which group, the exact OneBot v11 event JSON, what the
/// bot is expected to do about each event, and the book that matches the actions the bot sends to
/// the events that caused them.
///
/// Nothing here touches the network; the driver feeds frames in and out.

#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace bench {

using clock = std::chrono::steady_clock;

/// What one generated event is.
enum class kind { chat, checkin, ad, join };
std::string_view kind_name(kind k);

/// The population and the mix (percentages of events; chat takes the rest).
struct workload_options {
    int groups = 200;
    int members = 5000;
    int checkin_percent = 5;
    int ad_percent = 3;
    int join_percent = 2;
    std::int64_t self_id = 10001;
    std::uint32_t seed = 20261121;
};

/// One event ready to send: its JSON text and the actions it must cause.
struct event {
    kind what = kind::chat;
    std::int64_t group = 0;
    std::int64_t user = 0;
    std::int64_t message_id = 0;  ///< 0 for notices
    std::string json;
};

/// Generates events in a fixed, seeded order. Every member is in every group; the n-th check-in is
/// by the n-th (group, member) pair, so the first groups × members check-ins of a day each write a
/// new row. Newcomers get fresh user IDs.
class generator {
public:
    explicit generator(workload_options opt);
    /// The next event of the mix, or of one kind when `only` is set.
    event next(std::optional<kind> only = std::nullopt);
    /// A lifecycle connect and a heartbeat, as NapCat sends them.
    std::string lifecycle_connect() const;
    std::string heartbeat(int interval_ms) const;
    workload_options const& options() const { return opt_; }
    std::int64_t group_id(int index) const { return 700000001 + index; }
    std::int64_t member_id(int index) const { return 200000001 + index; }

private:
    std::string group_message(std::int64_t group, std::int64_t user, std::int64_t message_id,
                              std::string_view text) const;
    std::string group_increase(std::int64_t group, std::int64_t user) const;

    workload_options opt_;
    std::mt19937 rng_;
    std::int64_t next_message_id_ = 1000000001;
    std::int64_t next_newcomer_ = 400000001;
    std::uint64_t checkins_ = 0;
    std::uint64_t count_ = 0;
};

/// What an action frame from the bot is about, as far as correlation is concerned.
struct action_info {
    std::string name;         ///< "send_group_msg", "delete_msg", ...
    std::string echo;         ///< the echo as JSON text (empty when absent)
    bool effect = false;      ///< changes something visible (send, recall, mute, kick); queries are not
    std::vector<std::string> keys;  ///< correlation keys this action satisfies, most specific first
    std::string query_data;   ///< the data a query is answered with (JSON), when it is a query
};

/// Reads one action frame. nullopt when the frame is not an action (no "action" key, bad JSON).
std::optional<action_info> read_action(std::string_view frame, std::int64_t self_id);

/// The response to an action: status ok, a fresh message_id for sends, plausible data for queries.
std::string answer(action_info const& a, std::int64_t message_id);

/// Correlation keys of what an event expects.
std::vector<std::string> expected_keys(event const& e);

/// Outstanding expectations and the tally of actions.
class ledger {
public:
    /// Registers an event sent at `at` (its intended time in open loop). True when it expects actions.
    bool expect(event const& e, clock::time_point at);
    /// Matches one action. True when it completed an event; its latency goes to `latencies_us`.
    bool match(action_info const& a, clock::time_point now);

    std::uint64_t pending_events() const { return pending_events_; }
    std::uint64_t expected_actions = 0;
    std::uint64_t matched_actions = 0;
    std::uint64_t unexpected_actions = 0;
    std::uint64_t queries = 0;
    std::uint64_t completed_events = 0;
    std::vector<std::uint32_t> latencies_us;
    std::vector<std::string> unexpected_samples;  ///< the first few, for the report
    /// Actions still missing (after the drain), by key, for the report.
    std::uint64_t missing_actions() const { return expected_actions - matched_actions; }
    std::vector<std::string> missing_samples(std::size_t n) const;
    /// Forgets everything outstanding (counts stay).
    void clear_pending();

private:
    struct waiting {
        clock::time_point sent;
        int remaining = 0;
        kind what = kind::chat;
    };
    std::unordered_map<std::uint64_t, waiting> events_;
    std::unordered_map<std::string, std::deque<std::uint64_t>> by_key_;
    std::uint64_t next_ = 0;
    std::uint64_t pending_events_ = 0;
};

/// Percentile (0..100) of sorted microsecond latencies, in milliseconds.
double percentile_ms(std::vector<std::uint32_t> const& sorted, double p);

}  // namespace bench
