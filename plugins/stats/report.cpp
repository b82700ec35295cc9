// The weekly health report: on the configured weekday and time (the group's zone) the owner and
// admins get the last 7 group days' figures in private; where the platform lists no roles, the
// superusers of its platform do. The week is claimed (a row with a primary key) in the transaction
// that decides to send, so a restart or a repeated job never sends it twice.
#include <spdlog/spdlog.h>

#include "bot/config.hpp"
#include "plugins/stats/glue.hpp"
#include "storage/database.hpp"

namespace plugins::stats {

namespace {

/// The superusers of `platform` ("alice" names one on any platform, "qq:12345" on one).
std::vector<bot::id> superusers_of(state& st, std::string const& platform) {
    std::vector<bot::id> out;
    for (auto const& entry : st.ctx.bot_config().superusers) {
        auto colon = entry.find(':');
        if (colon == std::string::npos)
            out.emplace_back(entry);
        else if (entry.substr(0, colon) == platform)
            out.emplace_back(entry.substr(colon + 1));
    }
    return out;
}

/// Who gets the report: the owner and admins where the platform lists roles, else the superusers.
bot::task<std::vector<bot::id>> recipients(std::shared_ptr<state> st, bot::group_ref g,
                                           std::shared_ptr<bot::api> api) {
    std::vector<bot::id> out;
    if (api->caps().member_list) {
        auto members = co_await api->members(g.group);
        if (members)
            for (auto const& m : *members)
                if (m.role != bot::role::member && m.user != api->self_id()) out.push_back(m.user);
    }
    if (out.empty()) out = superusers_of(*st, g.platform);
    co_return out;
}

bot::task<> send_report(std::shared_ptr<state> st, bot::group_ref g, bot::time_point fire) {
    auto gk = g.key();
    if (!st->cfg(g).weekly_report) co_return;
    // The 7 group days before the one the job runs on.
    period week{st->ctx.group_day(g, fire).plus_days(-1), 7};
    if (st->repo.first_day(gk).value_or(week.last.plus_days(1)) > week.last) {
        spdlog::info("stats: no figures for {} in the week to {}, no report", gk, week.last.str());
        co_return;
    }
    auto api = st->ctx.api_for(g);
    if (!api) {
        spdlog::warn("stats: no account for {}, weekly report not sent", gk);
        co_return;
    }
    auto size = co_await size_of(*st, g);
    bot::text_args head{{"group", g.group.str()}};
    auto text = st->ctx.render(g, "report_head", head) + "\n" + period_report(*st, g, week, size);
    auto to = co_await recipients(st, g, api);
    if (to.empty()) {
        spdlog::warn("stats: nobody to send the weekly report of {} to (no admins listed, no superusers)", gk);
        co_return;
    }
    bool claimed = false;
    auto at = std::chrono::duration_cast<std::chrono::seconds>(st->ctx.clock().now().time_since_epoch()).count();
    st->repo.db().immediate([&] { claimed = st->repo.claim_report(gk, week.last, at); });
    if (!claimed) co_return;
    int reached = 0;
    for (auto const& user : to) {
        auto target = bot::target::user_of(user);
        auto msg = bot::message(text);
        auto r = co_await api->send(target, msg);
        if (r)
            ++reached;
        else
            spdlog::warn("stats: weekly report of {} not sent to {}: {}", gk, user.str(), r.err().detail);
    }
    st->repo.db().immediate([&] { st->repo.set_report_reach(gk, week.last, reached); });
}

}  // namespace

void register_report(std::shared_ptr<state> const& st) {
    auto& ctx = st->ctx;
    ctx.each_group(
        "report",
        [&ctx](bot::group_ref const& g) -> std::optional<bot::recurrence> {
            auto cfg = ctx.group_config<config>(g);
            if (!cfg.weekly_report) return std::nullopt;
            return bot::recurrence::weekly(cfg.report_weekday, cfg.report_at.minutes);
        },
        [st](bot::group_ref const& g, bot::time_point fire) -> bot::task<> { co_await send_report(st, g, fire); });
}

}  // namespace plugins::stats
