// Bot accounts: which are connected, which are in which group, and which one speaks there.
#include <spdlog/spdlog.h>

#include <algorithm>

#include "bot/core.hpp"

namespace bot {

std::string core::account_key(std::string const& platform, id const& self) {
    // The ID as text: an account reported as 10001 by one connection and "10001" by another is one account.
    return platform + "/" + self.str();
}

std::shared_ptr<api> core::attach(platform& p) {
    auto key = account_key(p.name(), p.self_id());
    if (auto it = accounts_.find(key); it != accounts_.end()) {
        if (it->second->platform() == &p) return it->second;
        spdlog::error("account {} on {} is already connected through another connection; this one is refused",
                      p.self_id().str(), p.name());
        return nullptr;
    }
    auto pacing = cfg_.outbox;
    pacing.enabled = pacing.enabled && p.caps().needs_pacing;
    auto a = std::make_shared<api>(p, pacing);
    // Every mute any plugin makes is recorded, so /mutes lists them whoever made them.
    a->on_mute([this, platform = p.name()](id const& group, id const& user, std::chrono::seconds d,
                                           std::string const& why) {
        auto now = clock_.now().time_since_epoch().count();
        auto g = group_ref{platform, {}, group}.key();
        mutes_.record(g, user.encode(), now + d.count(), why, now);
        if (d.count() > 0) metrics_.add("qunbot_mutes_total", {{"platform", platform}, {"by", why}});
    });
    a->on_action([this, labels = metrics::labels{{"platform", p.name()}, {"account", p.self_id().str()}}](
                     std::string_view action, bool ok) {
        auto l = labels;
        l.emplace_back("action", std::string(action));
        l.emplace_back("outcome", ok ? "ok" : "failed");
        metrics_.add("qunbot_actions_total", l);
    });
    accounts_.emplace(key, a);
    spdlog::info("account {} on {} is connected", p.self_id().str(), p.name());
    return a;
}

void core::detach(platform& p) {
    auto it = accounts_.find(account_key(p.name(), p.self_id()));
    if (it == accounts_.end() || it->second->platform() != &p) return;
    it->second->detach();
    accounts_.erase(it);
}

std::shared_ptr<api> core::account(std::string const& platform, id const& self) const {
    auto it = accounts_.find(account_key(platform, self));
    return it == accounts_.end() ? nullptr : it->second;
}

std::shared_ptr<api> core::account_for(group_ref const& g) {
    return speaker(g.platform, g.group, account(g.platform, g.self_id));
}

std::optional<id> core::message_id_for(std::uint64_t sighting, api const& a) const {
    return sightings_.id_for(sighting, account_key(a.platform_name(), a.self_id()));
}

void core::forget_lifted_mute(event const& e) {
    // A mute someone lifted by hand (or the platform ended) leaves the record.
    auto const* m = e.as<ev::member_muted>();
    if (!m || m->whole_group || m->duration.count() > 0 || m->user.empty()) return;
    mutes_.forget(group_ref{e.platform, {}, m->group}.key(), m->user.encode());
}

void core::learn_membership(event const& e) {
    auto g = e.group();
    if (!g) return;
    auto& in = group_accounts_[g->key()];
    if (auto const* left = e.as<ev::member_left>()) {
        // The account removed, or another of the bot's accounts seen leaving, no longer speaks there.
        in.erase(account_key(e.platform, left->bot_removed ? e.self_id : left->user));
        if (left->bot_removed) return;
    }
    in.insert(account_key(e.platform, e.self_id));
    // A message from one of the bot's accounts shows that account is in the group too.
    if (e.is<ev::group_message>() && account(e.platform, e.user())) in.insert(account_key(e.platform, e.user()));
}

bool core::from_own_account(event const& e) {
    if (!e.is<ev::group_message>() && !e.is<ev::private_message>()) return false;
    auto user = e.user();
    return user.str() == e.self_id.str() || account(e.platform, user) != nullptr;
}

std::shared_ptr<api> core::speaker(std::string const& platform, id const& group, std::shared_ptr<api> const& seen_by) {
    auto members = group_accounts_.find(group_ref{platform, {}, group}.key());
    auto in_group = [&](std::string const& key) {
        return members != group_accounts_.end() && members->second.count(key) > 0;
    };
    std::vector<std::shared_ptr<api>> ranked;
    auto add = [&](std::shared_ptr<api> const& a) {
        if (a && std::find(ranked.begin(), ranked.end(), a) == ranked.end()) ranked.push_back(a);
    };
    for (auto const& wanted : cfg_.bot.account_preference) {
        for (auto const& [key, a] : accounts_) {
            auto self = a->self_id().str();
            if (a->platform_name() == platform && in_group(key) && (wanted == self || wanted == platform + ":" + self))
                add(a);
        }
    }
    add(seen_by);
    if (members != group_accounts_.end())
        for (auto const& key : members->second)
            if (auto it = accounts_.find(key); it != accounts_.end()) add(it->second);
    // A stalled account (a send hanging on its connection) is passed over while another can speak.
    auto now = pacer::clock::now();
    for (auto const& a : ranked)
        if (!a->outbox().stalled(now)) return a;
    return ranked.empty() ? nullptr : ranked.front();
}

}  // namespace bot
