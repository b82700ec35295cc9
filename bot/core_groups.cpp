// Groups, accounts' identities, per-group switches and per-group jobs.
#include <spdlog/spdlog.h>

#include <charconv>

#include "bot/core.hpp"

namespace bot {

void core::remember_group(event const& e) {
    auto g = e.group();
    if (!g) return;
    auto key = g->key();
    auto it = group_cache_.find(key);
    if (it != group_cache_.end() && it->second == *g) return;
    // With several bot accounts in the group, the one on record stays while it is connected, so the
    // record is not rewritten whenever another account happens to see a message first.
    if (it != group_cache_.end() && account(it->second.platform, it->second.self_id)) return;
    group_cache_[key] = *g;
    auto is_new = groups_.remember({key, g->platform, g->self_id.encode(), g->group.encode(), "",
                                    clock_.now().time_since_epoch().count()});
    if (is_new && started_) refresh_group_jobs(*g);
}

std::optional<group_ref> core::find_group(std::string const& key) {
    if (auto it = group_cache_.find(key); it != group_cache_.end()) return it->second;
    auto row = groups_.find(key);
    if (!row) return std::nullopt;
    group_ref g{row->platform, id::decode(row->self_id), id::decode(row->group_id)};
    group_cache_[key] = g;
    return g;
}

std::vector<group_ref> core::known_groups() {
    std::vector<group_ref> out;
    for (auto const& row : groups_.all())
        if (auto g = find_group(row.key)) out.push_back(*g);
    return out;
}

time_zone core::group_tz(group_ref const& g) {
    if (auto name = settings_.get(g.key(), "timezone"))
        if (auto tz = time_zone::load(*name)) return *tz;
    return time_zone::must_load(cfg_.bot.timezone);
}

int core::group_close_hour(group_ref const& g) {
    if (auto v = settings_.get(g.key(), "day_close_hour")) {
        int h = 0;
        auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), h);
        if (ec == std::errc{} && ptr == v->data() + v->size() && h >= 0 && h <= 23) return h;
    }
    return cfg_.bot.day_close_hour;
}

bool core::is_superuser(std::string const& platform, id const& user) const {
    auto plain = user.str();
    auto qualified = platform + ":" + plain;
    for (auto const& s : cfg_.bot.superusers)
        if (s == plain || s == qualified) return true;
    return false;
}

bool core::plugin_enabled(std::string const& plugin, std::string const& group_key) {
    auto v = settings_.get(group_key, "plugin:" + plugin);
    return !v || *v != "off";
}

bool core::command_enabled(std::string const& command, std::string const& group_key) {
    auto v = settings_.get(group_key, "command:" + command);
    return !v || *v != "off";
}

void core::add_group_job(group_job job) {
    auto run = job.run;
    scheduler_.define(job.handler, [run](job_run const& r) -> task<> {
        if (r.group) co_await run(*r.group, r.fire_time);
    });
    group_jobs_.push_back(std::move(job));
    if (started_)
        db_.immediate([&] {
            for (auto const& g : known_groups()) refresh_group_jobs(g);
        });
}

void core::refresh_group_jobs(group_ref const& g) {
    // One transaction for all of a group's jobs: a new group's first message wrote a row for each
    // of them (up to seventeen with every plugin on), each its own commit. Inside a caller's
    // transaction (the refresh of every group at start) it is a savepoint and commits with it.
    // Should it roll back, the jobs already armed in memory still run this time, and the next
    // start schedules them again from their definitions.
    db_.immediate([&] {
        for (auto const& job : group_jobs_) {
            auto key = job.handler + "@" + g.key();
            std::optional<recurrence> when;
            if (plugin_enabled(job.plugin, g.key())) when = job.when(g);
            if (when) {
                scheduler_.schedule(key, job.handler, *when, group_tz(g), g);
            } else {
                scheduler_.cancel(key);
            }
        }
    });
}

void core::add_config_keys(std::string const& plugin, std::map<std::string, config_key> keys) {
    config_keys_[plugin] = std::move(keys);
}

}  // namespace bot

namespace bot {

void core::note_presence(session const& s) {
    auto const& g = s.group();
    if (!g) return;
    auto const& e = s.ev();
    try {
        if (auto const* m = e.as<ev::group_message>()) {
            if (!m->anonymous && !m->from.user.empty())
                presence_.spoke(g->key(), m->from.user, s.user_name(), day_of(s.sent_at(), s.tz(), s.close_hour()));
        } else if (auto const* j = e.as<ev::member_joined>()) {
            if (!j->user.empty())
                presence_.joined(g->key(), j->user, shown_name_of({}, j->nickname, j->user),
                                 day_of(s.sent_at(), s.tz(), s.close_hour()));
        } else if (auto const* l = e.as<ev::member_left>()) {
            if (!l->user.empty()) presence_.left(g->key(), l->user);
        }
    } catch (std::exception const& ex) {
        spdlog::warn("{}: the presence record missed a {}: {}", g->key(), e.kind(), ex.what());
    }
}

}  // namespace bot
