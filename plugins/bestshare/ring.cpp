#include "plugins/bestshare/ring.hpp"

namespace plugins::bestshare {

void message_ring::add(std::string const& group, seen_message m) {
    auto& q = groups_[group];
    q.push_back(std::move(m));
    while (q.size() > cap_) q.pop_front();
}

std::optional<seen_message> message_ring::find(std::string const& group, bot::id const& message) const {
    auto it = groups_.find(group);
    if (it == groups_.end()) return std::nullopt;
    for (auto m = it->second.rbegin(); m != it->second.rend(); ++m)
        if (m->message == message) return *m;
    return std::nullopt;
}

std::optional<seen_message> message_ring::last_of(std::string const& group, bot::id const& user) const {
    auto it = groups_.find(group);
    if (it == groups_.end()) return std::nullopt;
    for (auto m = it->second.rbegin(); m != it->second.rend(); ++m)
        if (m->user == user && !m->text.starts_with("/") && !m->text.starts_with("\xef\xbc\x8f")) return *m;
    return std::nullopt;
}

std::size_t message_ring::size(std::string const& group) const {
    auto it = groups_.find(group);
    return it == groups_.end() ? 0 : it->second.size();
}

}  // namespace plugins::bestshare
