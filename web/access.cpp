#include "web/access.hpp"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

namespace web {

namespace {

constexpr std::size_t max_sessions = 500;
constexpr std::size_t max_links = 500;
constexpr std::size_t max_actions = 1000;  ///< per session
constexpr std::size_t max_failures = 5;    ///< password attempts per address per window
constexpr auto failure_window = std::chrono::minutes(15);

/// Drops the entries closest to expiry until `map` has room for one more (bounded memory).
template <typename Map>
void make_room(Map& map, std::size_t limit) {
    while (!map.empty() && map.size() >= limit)
        map.erase(std::min_element(map.begin(), map.end(),
                                   [](auto const& a, auto const& b) { return a.second.expires < b.second.expires; }));
}

}  // namespace

std::string grant::who() const {
    auto label = name.empty() ? user.str() : name + " (" + user.str() + ")";
    if (superuser) return label + ", superuser";
    return label + ", admin";
}

std::string random_token() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    char hex[sizeof bytes * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
    return hex;
}

bool same_token(std::string const& a, std::string const& b) {
    if (a.size() != b.size() || a.empty()) return false;
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

access::access(std::chrono::minutes link_life, std::chrono::hours session_life,
               std::function<steady::time_point()> now)
    : link_life_(link_life), session_life_(session_life), now_(std::move(now)) {}

void access::sweep() {
    auto t = now_();
    std::erase_if(links_, [&](auto const& l) { return l.second.expires <= t; });
    std::erase_if(sessions_, [&](auto const& s) { return s.second.expires <= t; });
    for (auto it = failures_.begin(); it != failures_.end();) {
        auto& times = it->second;
        while (!times.empty() && times.front() + failure_window <= t) times.pop_front();
        it = times.empty() ? failures_.erase(it) : std::next(it);
    }
}

std::string access::issue_link(grant g) {
    sweep();
    // Bounded: the oldest unused link goes first.
    make_room(links_, max_links);
    auto token = random_token();
    links_[token] = link{std::move(g), now_() + link_life_};
    return token;
}

session* access::open(grant g) {
    sweep();
    make_room(sessions_, max_sessions);
    auto id = random_token();
    auto& s = sessions_[id];
    s.id = id;
    s.csrf = random_token();
    s.who = std::move(g);
    s.expires = now_() + session_life_;
    return &s;
}

session* access::redeem(std::string const& token) {
    sweep();
    auto it = links_.find(token);
    if (it == links_.end()) return nullptr;
    auto g = std::move(it->second.who);
    links_.erase(it);  // once
    return open(std::move(g));
}

session* access::find(std::string const& session_id) {
    sweep();
    auto it = sessions_.find(session_id);
    return it == sessions_.end() ? nullptr : &it->second;
}

void access::close(std::string const& session_id) { sessions_.erase(session_id); }

std::string access::offer(session& s, offered_action a) {
    auto token = random_token().substr(0, 24);
    s.actions[token] = std::move(a);
    s.action_order.push_back(token);
    while (s.action_order.size() > max_actions) {
        s.actions.erase(s.action_order.front());
        s.action_order.pop_front();
    }
    return token;
}

bool access::may_try(std::string const& who) {
    sweep();
    auto it = failures_.find(who);
    return it == failures_.end() || it->second.size() < max_failures;
}

void access::failed(std::string const& who) { failures_[who].push_back(now_()); }

}  // namespace web
