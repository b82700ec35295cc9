#include "plugins/antiad/actions.hpp"

#include <array>
#include <utility>

#include "bot/config_schema.hpp"

namespace plugins::antiad {

namespace {

constexpr std::array<std::pair<std::string_view, action_set::bit>, 6> names{{
    {"recall", action_set::recall},
    {"warn", action_set::warn},
    {"mute", action_set::mute},
    {"kick", action_set::kick},
    {"escalate", action_set::escalate},
    {"report", action_set::report},
}};

std::string_view trim(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

}  // namespace

std::string action_set::str() const {
    std::string out;
    for (auto [name, b] : names)
        if (has(b)) out += (out.empty() ? "" : "+") + std::string(name);
    return out.empty() ? "none" : out;
}

std::optional<action_set> parse_actions(std::string_view text) {
    action_set out;
    text = trim(text);
    if (text == "none") return out;
    while (!text.empty()) {
        auto plus = text.find('+');
        auto word = trim(text.substr(0, plus));
        bool found = false;
        for (auto [name, b] : names) {
            if (word == name) {
                out.bits |= b;
                found = true;
            }
        }
        if (!found) return std::nullopt;
        text = plus == std::string_view::npos ? std::string_view() : text.substr(plus + 1);
    }
    if (out.bits == 0) return std::nullopt;
    return out;
}

std::optional<std::string> check_rule_action(std::string_view entry) {
    auto colon = entry.find(':');
    if (colon == std::string_view::npos || trim(entry.substr(0, colon)).empty())
        return "\"rule:actions\" such as \"flood:mute\"";
    if (!parse_actions(entry.substr(colon + 1)))
        return "actions among recall, warn, mute, kick, escalate, report joined by '+' (or none)";
    return std::nullopt;
}

std::vector<rule_action> parse_rule_actions(std::vector<std::string> const& entries) {
    std::vector<rule_action> out;
    for (auto const& entry : entries) {
        std::string_view e = entry;
        auto colon = e.find(':');
        if (colon == std::string_view::npos) continue;
        auto set = parse_actions(e.substr(colon + 1));
        if (!set) continue;
        out.push_back({std::string(trim(e.substr(0, colon))), *set});
    }
    return out;
}

action_set actions_for(std::vector<rule_action> const& rule_actions, action_set fallback, std::string_view rule) {
    auto family = rule.substr(0, rule.find_first_of("#."));
    std::optional<action_set> by_family;
    for (auto const& [name, set] : rule_actions) {
        if (name == rule) return set;
        if (name == family) by_family = set;
    }
    return by_family.value_or(fallback);
}

action_set actions_for(std::vector<std::string> const& rule_actions, action_set fallback, std::string_view rule) {
    return actions_for(parse_rule_actions(rule_actions), fallback, rule);
}

std::optional<step> parse_step(std::string_view text) {
    text = trim(text);
    if (text == "warn") return step{step::kind::warn, {}};
    if (text == "kick") return step{step::kind::kick, {}};
    if (text.starts_with("mute")) {
        auto d = bot::parse_duration(trim(text.substr(4)));
        if (!d || d->count() <= 0) return std::nullopt;
        return step{step::kind::mute, *d};
    }
    return std::nullopt;
}

step step_for(std::vector<std::string> const& ladder, std::int64_t strikes) {
    if (ladder.empty() || strikes < 1) return {};
    auto index = static_cast<std::size_t>(strikes - 1);
    if (index >= ladder.size()) index = ladder.size() - 1;
    return parse_step(ladder[index]).value_or(step{});
}

std::int64_t active_strikes(std::vector<std::int64_t> const& strike_times, std::int64_t now, std::int64_t window) {
    std::int64_t n = 0;
    for (auto t : strike_times)
        if (t > now - window) ++n;
    return n;
}

}  // namespace plugins::antiad
