// The check-in plugin's daily jobs: the reminder and the day close (roll call, long absences).
#include <fmt/format.h>

#include "plugins/checkin/glue.hpp"

namespace plugins::checkin {

namespace {

std::string join_names(std::vector<std::string> const& names) {
    if (names.empty()) return "—";
    std::string out;
    for (auto const& n : names) out += (out.empty() ? "" : "、") + n;
    return out;
}

std::string close_time(int hour) { return fmt::format("{:02}:00", hour); }

bot::task<> remind(std::shared_ptr<state> st, bot::group_ref const& g, bot::time_point fire) {
    auto close = st->ctx.close_hour(g);
    auto day = st->ctx.group_day(g, fire);
    auto cfg = st->cfg(g);
    auto gk = g.key();
    if (!cfg.remind || !st->track.repo().claim(gk, day, "remind", fire.time_since_epoch().count())) co_return;
    std::set<bot::id> marked;
    for (auto const& d : st->track.repo().day_of_group(gk, day)) marked.insert(d.user);
    std::vector<bot::id> pending;
    auto expected = co_await expected_members(*st, g, day);
    for (auto const& m : expected)
        if (!marked.count(m.user)) pending.push_back(m.user);
    if (pending.empty()) co_return;
    bot::text_args args{{"count", static_cast<int>(pending.size())}, {"close", close_time(close)}};
    auto head = st->ctx.render(g, "remind", args);
    co_await st->ctx.mention_batches(g, head, pending, cfg.max_mentions);
}

bot::task<> absence_action(std::shared_ptr<state> st, bot::group_ref const& g, config const& cfg,
                           std::vector<expected_member> const& reached) {
    if (cfg.absent_action == "none" || reached.empty()) co_return;
    auto api = st->ctx.api_for(g);
    if (!api) co_return;
    if (cfg.absent_action == "remind") {
        for (auto const& m : reached) {
            bot::text_args args{{"name", m.name}, {"days", cfg.absent_days}};
            auto text = st->ctx.render(g, "absent_private", args);
            auto to = bot::target::user_of(m.user);
            auto msg = bot::message(text);
            co_await api->send(to, msg);
        }
        co_return;
    }
    // kick; where the platform cannot, the admins' list said so instead (absent_cannot_kick)
    if (!api->caps().kick) co_return;
    std::vector<std::string> failed;
    for (auto const& m : reached) {
        auto r = co_await api->kick(g.group, m.user, false);
        if (r) {
            st->track.repo().set_active(g.key(), m.user, false);
        } else {
            failed.push_back(m.name);
        }
    }
    if (!failed.empty()) {
        bot::text_args args{{"names", join_names(failed)}};
        auto text = st->ctx.render(g, "absent_kick_failed", args);
        co_await st->ctx.tell_admins(g, text);
    }
}

/// A "members" roster where the bot does not see every message: listed members who never reached
/// the bot are not expected (expected_members), and the admins are told why, once per group.
bot::task<> explain_roster(std::shared_ptr<state> st, bot::group_ref const& g, config const& cfg, bot::time_point fire) {
    if (cfg.roster != "members") co_return;
    auto api = st->ctx.api_for(g);
    if (!api || !api->caps().member_list || api->caps().all_messages) co_return;
    // Day 0 stands for "any day": the notice is claimed for good, not per day.
    if (!st->track.repo().claim(g.key(), bot::civil_date::from_serial(0), "roster_unseen",
                                fire.time_since_epoch().count()))
        co_return;
    auto text = st->ctx.render(g, "roster_unseen");
    co_await st->ctx.tell_admins(g, text);
}

bot::task<> close_day(std::shared_ptr<state> st, bot::group_ref const& g, bot::time_point fire) {
    // The job runs at the close hour: the day that just ended is the one a second earlier.
    auto day = st->ctx.group_day(g, fire - std::chrono::seconds(1));
    auto gk = g.key();
    auto cfg = st->cfg(g);
    if (!st->track.repo().claim(gk, day, "close", fire.time_since_epoch().count())) co_return;
    co_await explain_roster(st, g, cfg, fire);
    auto names = st->track.repo().names(gk);
    std::vector<std::string> done, leave, missed;
    std::set<bot::id> marked;
    for (auto const& d : st->track.repo().day_of_group(gk, day)) {
        marked.insert(d.user);
        (d.kind == entry_kind::leave ? leave : done).push_back(st->name_of(names, d.user));
    }
    std::vector<std::string> absent;
    std::vector<expected_member> reached;
    auto expected = co_await expected_members(*st, g, day);
    for (auto const& m : expected) {
        if (marked.count(m.user) || day < m.since) continue;
        missed.push_back(m.name);
        if (cfg.absent_days == 0) continue;
        auto run = missed_run(day, st->track.repo().last_marked(gk, m.user, day), m.since);
        if (run >= cfg.absent_days) absent.push_back(fmt::format("{}（{} 天）", m.name, run));
        if (run == cfg.absent_days) reached.push_back(m);
    }
    if (cfg.roll_call && (done.size() + leave.size() + missed.size()) > 0) {
        bot::text_args args{{"date", day.str()},
                            {"done_count", static_cast<int>(done.size())},
                            {"leave_count", static_cast<int>(leave.size())},
                            {"missed_count", static_cast<int>(missed.size())},
                            {"done", join_names(done)},
                            {"leave", join_names(leave)},
                            {"missed", join_names(missed)}};
        auto text = st->ctx.render(g, "roll_call", args);
        auto msg = bot::message(text);
        co_await st->ctx.send(g, msg);
    }
    if (!absent.empty()) {
        bot::text_args action_args{{"days", cfg.absent_days}};
        // The list goes out before the kicks: it must not say that members were removed where the
        // platform cannot remove anyone.
        auto api = st->ctx.api_for(g);
        auto action_key = "absent_action_" + cfg.absent_action;
        if (cfg.absent_action == "kick" && (!api || !api->caps().kick)) action_key = "absent_cannot_kick";
        auto action = st->ctx.render(g, action_key, action_args);
        std::string list;
        for (auto const& a : absent) list += (list.empty() ? "" : "\n") + a;
        bot::text_args args{{"date", day.str()}, {"days", cfg.absent_days}, {"list", list},
                            {"action", action}};
        auto text = st->ctx.render(g, "absent_admins", args);
        co_await st->ctx.tell_admins(g, text);
    }
    co_await absence_action(st, g, cfg, reached);
}

}  // namespace

void register_daily(std::shared_ptr<state> const& st) {
    auto& ctx = st->ctx;
    ctx.text("remind", "⏰ 今天还没打卡的小伙伴（{count} 人），{close} 前记得打卡哦～", {"count", "close"});
    ctx.text("roll_call",
             "📋 {date} 打卡点名\n✅ 已打卡 {done_count} 人：{done}\n🏖 请假 {leave_count} 人：{leave}\n"
             "❌ 未打卡 {missed_count} 人：{missed}",
             {"date", "done_count", "leave_count", "missed_count", "done", "leave", "missed"});
    ctx.text("absent_admins", "截至 {date}，以下成员已连续 {days} 天或更久没有打卡：\n{list}\n{action}",
             {"date", "days", "list", "action"});
    ctx.text("absent_action_none", "可以私下关心一下他们～", {"days"});
    ctx.text("absent_action_remind", "刚满 {days} 天的成员已收到私信提醒。", {"days"});
    ctx.text("absent_action_kick", "按群规，刚满 {days} 天的成员已被移出群聊。", {"days"});
    ctx.text("absent_private", "{name}，你已经连续 {days} 天没有在群里打卡啦。有困难可以请假，我们等你回来～",
             {"name", "days"});
    ctx.text("absent_cannot_kick", "按设置应移出连续 {days} 天未打卡的成员，但本平台不支持踢人，没有移出任何人，请手动处理。",
             {"days"});
    ctx.text("roster_unseen",
             "ℹ️ 本群设置了按群成员名单点名（roster = members），但在这个平台上机器人只能看到 @ 它的消息"
             "（应用群聊和客户群里一条也看不到），没看到的打卡不能算缺卡。所以只点名 @ 机器人打过卡或请过假的成员，"
             "其他成员不算未打卡。");
    ctx.text("absent_kick_failed", "移出以下成员失败，请手动处理：{names}", {"names"});

    ctx.each_group(
        "remind",
        [&ctx](bot::group_ref const& g) -> std::optional<bot::recurrence> {
            auto cfg = ctx.group_config<config>(g);
            if (!cfg.remind) return std::nullopt;
            return bot::recurrence::daily(cfg.remind_at.minutes);
        },
        [st](bot::group_ref const& g, bot::time_point fire) -> bot::task<> { co_await remind(st, g, fire); });
    ctx.each_group(
        "close",
        [&ctx](bot::group_ref const& g) -> std::optional<bot::recurrence> {
            return bot::recurrence::daily(ctx.close_hour(g) * 60);
        },
        [st](bot::group_ref const& g, bot::time_point fire) -> bot::task<> { co_await close_day(st, g, fire); });
    // A member who left is no longer expected; checking in again brings them back.
    ctx.on<bot::ev::member_left>([st](bot::session& s, bot::ev::member_left const& e) -> bot::task<> {
        if (s.group()) st->track.repo().set_active(s.group()->key(), e.user, false);
        co_return;
    });
}

}  // namespace plugins::checkin
