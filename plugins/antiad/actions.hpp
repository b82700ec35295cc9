#pragma once
/// What happens when a rule fires: per-rule action sets and the escalation ladder, as plain values.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace plugins::antiad {

/// A set of actions, written "recall+escalate" in config.
struct action_set {
    enum bit : std::uint8_t { recall = 1, warn = 2, mute = 4, kick = 8, escalate = 16, report = 32 };
    std::uint8_t bits = 0;
    bool has(bit b) const { return (bits & b) != 0; }
    /// "recall+escalate"; "none" when empty.
    std::string str() const;
};

/// Parses "recall+warn", "mute", "none"; nullopt for an unknown word.
std::optional<action_set> parse_actions(std::string_view text);
/// Checks one "rule:actions" entry; returns what is wrong, or nullopt.
std::optional<std::string> check_rule_action(std::string_view entry);
/// The actions for a rule: its "rule:actions" entry if any, else `fallback`. A rule named
/// "admin#3" or "newcomer.link" also matches an entry for "admin" or "newcomer".
action_set actions_for(std::vector<std::string> const& rule_actions, action_set fallback, std::string_view rule);

/// One step of the escalation ladder.
struct step {
    enum class kind : std::uint8_t { warn, mute, kick } what = kind::warn;
    std::chrono::seconds duration{0};  ///< for mute
    friend bool operator==(step const&, step const&) = default;
};

/// Parses "warn", "mute 10m", "kick"; nullopt when malformed.
std::optional<step> parse_step(std::string_view text);
/// The step for the `strikes`-th strike (1-based); past the end of the ladder the last step repeats.
/// An empty or broken ladder warns.
step step_for(std::vector<std::string> const& ladder, std::int64_t strikes);

/// Strikes still counting at `now`: those newer than `window`.
std::int64_t active_strikes(std::vector<std::int64_t> const& strike_times, std::int64_t now, std::int64_t window);

}  // namespace plugins::antiad
