// The duty plugin's state: the cached rosters, the KPI counted in memory and its batched writes.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "bot/display.hpp"
#include "plugins/duty/glue.hpp"
#include "storage/database.hpp"

namespace plugins::duty {

state::state(bot::plugin_context& c) : ctx(c), repo(c.db()) {}

clock_face state::face(bot::group_ref const& g) { return {ctx.group_tz(g), cfg(g).shift_start.minutes}; }

roster const& state::roster_of(std::string const& group_key) {
    auto it = cache_.find(group_key);
    if (it == cache_.end()) {
        auto fallback = parse_mode(ctx.config<config>().mode).value_or(mode::daily);
        it = cache_.emplace(group_key, repo.load(group_key, fallback)).first;
    }
    return it->second;
}

void state::store(std::string const& group_key, roster const& r) {
    // Dropped first: should the write fail, the next read comes from the database.
    cache_.erase(group_key);
    ctx.db().immediate([&] { repo.save(group_key, r); });
    cache_[group_key] = r;
    cache_[group_key].stored = true;
}

shift state::shift_at(bot::group_ref const& g, bot::time_point t) {
    return duty::shift_at(roster_of(g.key()).rot, face(g), t);
}

void state::flush() {
    auto batch = counts.take();
    if (batch.empty()) return;
    try {
        ctx.db().immediate([&] { repo.add(batch); });
    } catch (std::exception const& e) {
        spdlog::warn("duty: the KPI was not written, it is kept for the next try: {}", e.what());
        counts.restore(std::move(batch));
    }
}

std::map<std::string, shift_figures> state::figures(std::string const& group_key, bot::civil_date from,
                                                    bot::civil_date to) {
    auto out = repo.figures(group_key, from, to);
    // Pending counts of those shifts, not written yet, are added so reading needs no write.
    auto pending = counts.take();
    for (auto const& [key, t] : pending) {
        if (key.first != group_key) continue;
        auto day = first_day_of_key(key.second);
        if (day < from || to < day) continue;
        auto& f = out[key.second];
        f.shift = key.second;
        f.first_day = day;
        f.messages += t.messages;
        f.senders.insert(t.senders.begin(), t.senders.end());
        for (auto const& [who, c] : t.admin) {
            f.admin[who].first += c.first;
            f.admin[who].second += c.second;
        }
    }
    counts.restore(std::move(pending));
    return out;
}

std::string state::name_of(std::string const& group_key, bot::id const& who) {
    auto const& r = roster_of(group_key);
    if (auto it = r.names.find(who); it != r.names.end()) return bot::shown_name(it->second);
    return bot::shown_name(who.str());
}

std::string state::local(bot::group_ref const& g, bot::time_point t) {
    auto l = ctx.group_tz(g).to_local(t);
    return fmt::format("{:02}-{:02} {:02}:{:02}", l.date.month, l.date.day, l.hour, l.minute);
}

}  // namespace plugins::duty
