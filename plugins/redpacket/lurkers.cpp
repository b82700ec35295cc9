// Lurker activation: who has been silent, the hosts' list before the weekly session, and one
// friendly @-mention in the group when it starts. Only where the bot sees every message: where it
// sees only those that @ it (or none), silence proves nothing, and nobody is listed or pinged.
#include <fmt/format.h>

#include "plugins/redpacket/glue.hpp"
#include "storage/database.hpp"

namespace plugins::redpacket {

namespace {

/// A user ID typed in bot.toml: digits are a number (as QQ sends them), anything else a string.
bot::id host_id(std::string const& text) {
    if (!text.empty() && text.find_first_not_of("0123456789") == std::string::npos && text.size() < 19)
        return bot::id(static_cast<std::int64_t>(std::stoll(text)));
    return bot::id(text);
}

/// The group's members as the core's presence record knows them (after adding those the platform
/// lists who were never seen), each with the day of their last message or joining.
bot::task<std::vector<seen_member>> tracked_members(state& st, bot::group_ref const& g, bot::civil_date today) {
    auto gk = g.key();
    auto& presence = st.ctx.presence();
    if (auto api = st.ctx.api_for(g); api && api->caps().member_list) {
        auto listed = co_await api->members(g.group);
        if (listed) {
            for (auto const& m : *listed) {
                if (m.user == api->self_id()) continue;
                auto name = m.display_name();
                presence.listed(gk, m.user, name, today);
            }
        }
    }
    auto mentioned = st.repo.mentions(gk);
    std::vector<seen_member> out;
    for (auto& p : presence.members(gk)) {
        seen_member m{p.user, std::move(p.name), p.last_spoke, {}};
        if (p.joined && (!m.last_day || *m.last_day < *p.joined)) m.last_day = p.joined;
        if (auto it = mentioned.find(p.user.encode()); it != mentioned.end()) m.last_mentioned = it->second;
        out.push_back(std::move(m));
    }
    co_return out;
}

/// Whether the bot sees every message of the group, so that silence means something.
bool sees_silence(state& st, bot::group_ref const& g) {
    auto api = st.ctx.api_for(g);
    return api && api->caps().all_messages;
}

std::string describe(std::vector<lurker> const& lurkers) {
    std::string out;
    for (auto const& l : lurkers) {
        auto line = l.silent_days ? fmt::format("{}（{} 天没说话）", l.name, *l.silent_days) : l.name + "（还没说过话）";
        out += (out.empty() ? "" : "\n") + line;
    }
    return out;
}

bot::task<> session_notice(std::shared_ptr<state> st, bot::group_ref const& g, bot::time_point fire) {
    auto today = st->ctx.group_day(g, fire);
    auto gk = g.key();
    auto cfg = st->cfg(g);
    if (!sees_silence(*st, g)) {
        // Said once, not before every session: the platform will not change by next week.
        if (st->repo.once(gk, "lurkers_unseen", fire.time_since_epoch().count())) {
            auto text = st->ctx.render(g, "lurkers_unseen");
            co_await st->ctx.tell_admins(g, text);
        }
        co_return;
    }
    if (!st->repo.claim(gk, today, "session_notice", fire.time_since_epoch().count())) co_return;
    auto members = co_await tracked_members(*st, g, today);
    auto lurkers = find_lurkers(members, today, cfg.lurker_days, st->ctx.presence().since(gk));
    if (lurkers.empty()) co_return;
    bot::text_args args{{"session", cfg.session_name},
                        {"time", cfg.session_at.str()},
                        {"count", static_cast<int>(lurkers.size())},
                        {"days", cfg.lurker_days},
                        {"list", describe(lurkers)}};
    auto text = st->ctx.render(g, "host_notice", args);
    if (cfg.hosts.empty()) {
        co_await st->ctx.tell_admins(g, text);
        co_return;
    }
    auto api = st->ctx.api_for(g);
    if (!api) co_return;
    for (auto const& h : cfg.hosts) {
        auto to = bot::target::user_of(host_id(h));
        auto msg = bot::message(text);
        co_await api->send(to, msg);
    }
}

bot::task<> session_start(std::shared_ptr<state> st, bot::group_ref const& g, bot::time_point fire) {
    auto today = st->ctx.group_day(g, fire);
    auto gk = g.key();
    auto cfg = st->cfg(g);
    if (!cfg.mention_lurkers || !sees_silence(*st, g)) co_return;
    std::vector<bot::id> due;
    auto members = co_await tracked_members(*st, g, today);
    // Claim and mark in one transaction, so a second run or a restart never mentions anyone twice.
    st->repo.db().immediate([&] {
        if (!st->repo.claim(gk, today, "session_start", fire.time_since_epoch().count())) return;
        auto lurkers = find_lurkers(members, today, cfg.lurker_days, st->ctx.presence().since(gk));
        due = due_mentions(lurkers, members, today, cfg.mention_every_days);
        for (auto const& u : due) st->repo.mentioned(gk, u, today);
    });
    if (due.empty()) co_return;
    bot::text_args args{{"session", cfg.session_name}, {"count", static_cast<int>(due.size())}};
    auto head = st->ctx.render(g, "wake", args);
    co_await st->ctx.mention_batches(g, head, due, cfg.max_mentions);
}

bot::task<> list_lurkers(std::shared_ptr<state> st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto cfg = st->cfg(g);
    if (!s.api() || !s.api()->caps().all_messages) {
        auto text = st->ctx.render(g, "lurkers_unseen");
        co_await s.reply(text);
        co_return;
    }
    auto today = s.today();
    auto members = co_await tracked_members(*st, g, today);
    auto lurkers = find_lurkers(members, today, cfg.lurker_days, st->ctx.presence().since(g.key()));
    std::string text;
    if (lurkers.empty()) {
        bot::text_args args{{"days", cfg.lurker_days}};
        text = st->ctx.render(g, "lurkers_none", args);
    } else {
        bot::text_args args{{"days", cfg.lurker_days}, {"count", static_cast<int>(lurkers.size())},
                            {"list", describe(lurkers)}};
        text = st->ctx.render(g, "lurkers", args);
    }
    co_await s.reply(text);
}

std::optional<bot::recurrence> notice_when(config const& cfg) {
    if (cfg.session_weekday == 0) return std::nullopt;
    auto t = notice_time(cfg.session_weekday, cfg.session_at.minutes, cfg.notice_before);
    return bot::recurrence::weekly(t.weekday, t.minute_of_day);
}

}  // namespace

void register_lurkers(std::shared_ptr<state> const& st) {
    auto& ctx = st->ctx;
    ctx.text("host_notice",
             "📣 {session}（{time}）快开始了。以下 {count} 位成员已经 {days} 天以上没在群里说话：\n{list}\n"
             "建议开场先发个红包，把大家叫回来～",
             {"session", "time", "count", "days", "list"});
    ctx.text("wake", "🧧 {session}开始啦！好久没冒泡的小伙伴，快来一起聊聊吧～", {"session", "count"});
    ctx.text("lurkers", "🤫 {days} 天以上没说话的成员（{count} 人）：\n{list}", {"days", "count", "list"});
    ctx.text("lurkers_none", "👏 没有 {days} 天以上没说话的成员。", {"days"});
    ctx.text("lurkers_unseen",
             "🤫 在这个平台上，机器人只能看到 @ 它的消息（客户群里一条也看不到），不知道谁真的很久没说话，"
             "所以不列潜水名单，例会前不发名单，开场也不 @ 潜水成员。");
    // Messages, joins and leaves are noted by the core's presence record, which tracked_members reads.

    ctx.each_group(
        "session_notice",
        [&ctx](bot::group_ref const& g) { return notice_when(ctx.group_config<config>(g)); },
        [st](bot::group_ref const& g, bot::time_point fire) -> bot::task<> { co_await session_notice(st, g, fire); });
    ctx.each_group(
        "session_start",
        [&ctx](bot::group_ref const& g) -> std::optional<bot::recurrence> {
            auto cfg = ctx.group_config<config>(g);
            if (cfg.session_weekday == 0) return std::nullopt;
            return bot::recurrence::weekly(cfg.session_weekday, cfg.session_at.minutes);
        },
        [st](bot::group_ref const& g, bot::time_point fire) -> bot::task<> { co_await session_start(st, g, fire); });

    ctx.command({"lurkers", "潜水", "潜水名单"}, "很久没说话的成员（管理员）")
        .where(bot::rule::in_group)
        .permit(bot::perm::admin)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await list_lurkers(st, call); });
}

}  // namespace plugins::redpacket
