#include "plugins/announce/roster.hpp"

#include <algorithm>

namespace plugins::announce {

roster split(std::vector<signup> all, int cap) {
    std::stable_sort(all.begin(), all.end(), [](signup const& a, signup const& b) { return a.seq < b.seq; });
    roster r;
    for (auto& s : all) (static_cast<int>(r.in.size()) < cap ? r.in : r.waiting).push_back(std::move(s));
    return r;
}

std::optional<signup> promoted(std::vector<signup> const& before, int cap, bot::id const& leaving) {
    auto r = split(before, cap);
    bool held = std::any_of(r.in.begin(), r.in.end(), [&](signup const& s) { return s.user == leaving; });
    if (!held || r.waiting.empty()) return std::nullopt;
    return r.waiting.front();
}

signup_gate gate(bool cancelled, bot::time_point now, bot::time_point starts_at,
                 std::optional<bot::time_point> deadline) {
    if (cancelled) return signup_gate::cancelled;
    if (now >= starts_at) return signup_gate::started;
    if (deadline && now > *deadline) return signup_gate::deadline_passed;
    return signup_gate::open;
}

}  // namespace plugins::announce
