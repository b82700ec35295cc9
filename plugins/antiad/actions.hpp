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
    friend bool operator==(action_set, action_set) = default;
};

/// Parses "recall+warn", "mute", "none"; nullopt for an unknown word.
std::optional<action_set> parse_actions(std::string_view text);
/// Checks one "rule:actions" entry; returns what is wrong, or nullopt.
std::optional<std::string> check_rule_action(std::string_view entry);

/// One "rule:actions" entry, parsed.
struct rule_action {
    std::string rule;
    action_set actions;
};
/// Parses "rule:actions" entries, skipping malformed ones (config has refused them already).
std::vector<rule_action> parse_rule_actions(std::vector<std::string> const& entries);
/// The actions for a rule: its entry if any, else its family's, else `fallback`. A rule named
/// "admin#3" or "newcomer.link" also matches an entry for "admin" or "newcomer".
action_set actions_for(std::vector<rule_action> const& rule_actions, action_set fallback, std::string_view rule);
/// The same over entries as config writes them.
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
