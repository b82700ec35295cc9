// Bot-level roles: grants kept in the database, and plugins' sources of holders for a while.
#include <spdlog/spdlog.h>

#include <algorithm>

#include "bot/core.hpp"

namespace bot {

void core::add_role_source(role_source src) { role_sources_.push_back(std::move(src)); }

bool core::holds_role(group_ref const& g, id const& user, std::string const& role) {
    auto key = g.key();
    if (roles_.holds(key, user.encode(), role)) return true;
    auto now = clock_.now();
    for (auto const& src : role_sources_) {
        if (src.role != role || !plugin_enabled(src.plugin, key)) continue;
        auto who = src.holders(g, now);
        if (std::any_of(who.begin(), who.end(), [&](id const& u) { return u.str() == user.str(); })) return true;
    }
    return false;
}

std::vector<role_holder> core::role_holders(group_ref const& g, std::string const& role) {
    auto key = g.key();
    std::vector<role_holder> out;
    auto add = [&](id const& user, std::string const& via) {
        auto same = [&](role_holder const& h) { return h.user.str() == user.str(); };
        if (std::none_of(out.begin(), out.end(), same)) out.push_back({user, via});
    };
    for (auto const& grant : roles_.grants(key))
        if (grant.role == role) add(id::decode(grant.user), "grant");
    auto now = clock_.now();
    for (auto const& src : role_sources_) {
        if (src.role != role || !plugin_enabled(src.plugin, key)) continue;
        for (auto const& user : src.holders(g, now)) add(user, src.plugin);
    }
    return out;
}

void core::forget_roles_of_leaver(event const& e) {
    auto const* left = e.as<ev::member_left>();
    if (!left || left->bot_removed || left->user.empty()) return;
    auto g = e.group();
    if (!g) return;
    roles_.forget(g->key(), left->user.encode());
    spdlog::debug("{}: roles of {} forgotten (left the group)", g->key(), left->user.str());
}

}  // namespace bot
