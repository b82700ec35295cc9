#include "plugins/antiad/behaviour.hpp"

#include <algorithm>
#include <functional>

namespace plugins::antiad {

namespace {
/// The most messages remembered per member: enough for any sane flood or repeat limit.
constexpr std::size_t max_remembered = 64;
}  // namespace

std::optional<hit> behaviour::record(std::uint64_t user, std::uint64_t group, std::string_view compact,
                                     std::size_t chars, std::int64_t now, behaviour_limits const& l) {
    auto horizon = std::max(l.flood_window, l.duplicate_window);
    if (++records_ % 4096 == 0) sweep(now, horizon);

    auto& h = users_[user];
    h.last = now;
    while (!h.recent.empty() && h.recent.front().at <= now - horizon) h.recent.pop_front();
    std::uint64_t text = chars >= static_cast<std::size_t>(l.duplicate_min_chars) && !compact.empty()
                             ? std::hash<std::string_view>{}(compact) | 1u
                             : 0;
    h.recent.push_back({now, group, text});
    if (h.recent.size() > max_remembered) h.recent.pop_front();

    std::int64_t in_group = 0;
    std::int64_t same = 0;
    for (auto const& s : h.recent) {
        if (s.group == group && s.at > now - l.flood_window) ++in_group;
        if (text != 0 && s.text == text && s.at > now - l.duplicate_window) ++same;
    }
    std::optional<hit> out;
    if (in_group >= l.flood_messages) {
        out = hit{"flood", std::to_string(in_group) + " 条/" + std::to_string(l.flood_window) + " 秒"};
    } else if (text != 0 && same >= l.duplicate_count) {
        out = hit{"duplicate", std::string(compact)};
    }
    if (out) h.recent.clear();
    return out;
}

void behaviour::sweep(std::int64_t now, std::int64_t horizon) {
    for (auto it = users_.begin(); it != users_.end();) {
        if (it->second.last <= now - horizon) {
            it = users_.erase(it);
        } else {
            ++it;
        }
    }
}

}  // namespace plugins::antiad
