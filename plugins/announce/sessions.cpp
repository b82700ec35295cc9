// Sessions (每周分享会, offline events): create, list, sign up with a cap and a waiting list,
// cancel a sign-up (the first waiting member moves up, with a mention), the host's list.
// Reminders are in reminders.cpp.
#include <fmt/format.h>

#include "bot/display.hpp"
#include "plugins/announce/glue.hpp"

namespace plugins::announce {

namespace {

/// The session the command names (#N), or the only upcoming one; else the reply saying why not.
std::variant<session_row, std::string> chosen(state& st, bot::command_call& call, bool need_number) {
    auto const& g = *call.s().group();
    auto arg = call.text("编号");
    if (arg.empty() && !need_number) {
        auto upcoming = st.repo.upcoming(g.key(), to_unix(st.now()));
        if (upcoming.empty()) return st.ctx.render(g, "s_none");
        if (upcoming.size() > 1) {
            bot::text_args args{{"id", upcoming.front().id}};
            return st.ctx.render(g, "s_which", args);
        }
        return upcoming.front();
    }
    auto n = item_number(arg);
    if (!n) return st.ctx.render(g, "s_bad_number");
    auto found = st.repo.session(*n, g.key());
    if (!found) {
        bot::text_args args{{"id", *n}};
        return st.ctx.render(g, "s_not_found", args);
    }
    return *found;
}

/// Why a sign-up or its cancellation is refused now; nullopt when it is open.
std::optional<std::string> closed(state& st, bot::group_ref const& g, session_row const& s) {
    auto deadline = s.deadline ? std::optional(from_unix(*s.deadline)) : std::nullopt;
    bot::text_args args{{"title", bot::shown_name(s.title)}, {"deadline", s.deadline ? st.when(g, *s.deadline) : ""}};
    switch (gate(s.cancelled, st.now(), from_unix(s.starts_at), deadline)) {
        case signup_gate::open:
            return std::nullopt;
        case signup_gate::cancelled:
            return st.ctx.render(g, "s_closed_cancelled", args);
        case signup_gate::started:
            return st.ctx.render(g, "s_closed_started", args);
        case signup_gate::deadline_passed:
            return st.ctx.render(g, "s_closed_deadline", args);
    }
    return std::nullopt;
}

std::string create(state& st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto parts = split_bar(call.text("内容"));
    if (parts.size() < 4 || parts.size() > 5 || parts[0].empty() || parts[2].empty())
        return st.ctx.render(g, "s_usage");
    auto tz = st.ctx.group_tz(g);
    bot::text_args when_arg{{"when", bot::shown_name(parts[1], 40)}};
    // A date and time is one session; a schedule ("每周三 20:00") repeats it.
    std::optional<schedule> rule;
    bot::time_point starts;
    if (auto moment = parse_moment(parts[1])) {
        starts = tz.from_local(moment->date, moment->minute / 60, moment->minute % 60);
        if (starts <= st.now()) return st.ctx.render(g, "s_past", when_arg);
    } else {
        auto parsed = parse_schedule(parts[1], s.local_time().date);
        bot::text_args quoted{{"schedule", bot::shown_name(parts[1], 40)}};
        if (parsed.error == schedule_error::never_fires) return st.ctx.render(g, "never_fires", quoted);
        if (!parsed.value || parsed.value->kind == repeat::once) return st.ctx.render(g, "s_bad_time", when_arg);
        rule = parsed.value;
        auto first = rule->next_after(st.now(), tz);
        if (!first) return st.ctx.render(g, "s_bad_time", when_arg);
        starts = *first;
    }
    auto cap = item_number(parts[3]);
    auto max_cap = st.cfg(g).max_cap;
    if (!cap || *cap < 1 || *cap > max_cap) {
        bot::text_args args{{"max", max_cap}};
        return st.ctx.render(g, "s_bad_cap", args);
    }
    std::optional<std::int64_t> deadline;
    if (parts.size() == 5) {
        auto d = parse_moment(parts[4]);
        auto t = d ? std::optional(tz.from_local(d->date, d->minute / 60, d->minute % 60)) : std::nullopt;
        if (!t || *t <= st.now() || *t > starts) return st.ctx.render(g, "s_bad_deadline");
        deadline = to_unix(*t);
    }
    if (parts[0].size() > max_title || parts[2].size() > max_place) return st.ctx.render(g, "s_too_long");
    session_row row{
        0,           g.key(),       parts[0], to_unix(starts),         parts[2],    static_cast<int>(*cap), deadline,
        s.user_id(), s.user_name(), false,    rule ? rule->str() : "", std::nullopt};
    // The session and its jobs commit together (the scheduler stores jobs in the same database).
    st.repo.db().immediate([&] {
        row.id = st.repo.add_session(row, to_unix(st.now()));
        plan_reminder(st, g, row);
        plan_repeat(st, g, row);
    });
    bot::text_args every{{"schedule", rule ? st.words(g, *rule) : ""}};
    bot::text_args dl{{"deadline", deadline ? st.when(g, *deadline) : ""}};
    bot::text_args args{{"id", row.id},
                        {"title", bot::shown_name(row.title, max_title)},
                        {"when", st.when(g, starts)},
                        {"place", bot::shown_name(row.place, max_place)},
                        {"cap", row.cap},
                        {"deadline", deadline ? st.ctx.render(g, "s_deadline_part", dl) : ""},
                        {"host", row.host_name},
                        {"repeat", rule ? st.ctx.render(g, "s_repeat_part", every) : ""}};
    return st.ctx.render(g, "s_created", args);
}

std::string upcoming(state& st, bot::group_ref const& g) {
    auto list = st.repo.upcoming(g.key(), to_unix(st.now()));
    if (list.empty()) return st.ctx.render(g, "s_none");
    std::string lines;
    for (auto const& s : list) {
        auto r = split(st.repo.signups(s.id), s.cap);
        bot::text_args wait{{"n", static_cast<int>(r.waiting.size())}};
        bot::text_args args{{"id", s.id},
                            {"title", bot::shown_name(s.title)},
                            {"when", st.when(g, s.starts_at)},
                            {"place", bot::shown_name(s.place, 80)},
                            {"count", static_cast<int>(r.in.size())},
                            {"cap", s.cap},
                            {"waiting", r.waiting.empty() ? "" : st.ctx.render(g, "s_waiting_part", wait)}};
        lines += (lines.empty() ? "" : "\n") + st.ctx.render(g, "s_line", args);
    }
    bot::text_args args{{"list", lines}};
    return st.ctx.render(g, "s_list", args);
}

std::string join(state& st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto found = chosen(st, call, false);
    if (auto* err = std::get_if<std::string>(&found)) return *err;
    auto const& row = std::get<session_row>(found);
    if (auto why = closed(st, g, row)) return *why;
    bool added = false;
    roster r;
    st.repo.db().immediate([&] {
        added = st.repo.sign_up(row.id, s.user_id(), s.user_name(), to_unix(st.now()));
        r = split(st.repo.signups(row.id), row.cap);
    });
    auto place = [&](std::vector<signup> const& v) {
        for (std::size_t i = 0; i < v.size(); ++i)
            if (v[i].user == s.user_id()) return static_cast<int>(i + 1);
        return 0;
    };
    int in = place(r.in), waiting = place(r.waiting);
    bot::text_args args{{"name", s.user_name()},
                        {"title", bot::shown_name(row.title)},
                        {"cap", row.cap},
                        {"pos", in ? in : waiting},
                        {"id", row.id}};
    if (!added) return st.ctx.render(g, in ? "s_already_in" : "s_already_waiting", args);
    return st.ctx.render(g, in ? "s_signed" : "s_waitlisted", args);
}

struct leave_result {
    std::string text;
    std::optional<signup> moved_up;
    std::string title;
};

leave_result leave(state& st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto found = chosen(st, call, false);
    if (auto* err = std::get_if<std::string>(&found)) return {*err, {}, {}};
    auto const& row = std::get<session_row>(found);
    if (auto why = closed(st, g, row)) return {*why, {}, {}};
    bool removed = false;
    std::optional<signup> up;
    st.repo.db().immediate([&] {
        auto before = st.repo.signups(row.id);
        up = promoted(before, row.cap, s.user_id());
        removed = st.repo.withdraw(row.id, s.user_id());
    });
    bot::text_args args{{"name", s.user_name()}, {"title", bot::shown_name(row.title)}};
    if (!removed) return {st.ctx.render(g, "s_not_signed", args), {}, {}};
    return {st.ctx.render(g, "s_withdrawn", args), up, bot::shown_name(row.title)};
}

void texts(bot::plugin_context& ctx) {
    ctx.text("s_usage",
             "❓ 格式是：/session add 标题 | 2026-03-04 20:00 | 地点或链接 | 人数上限 [| 报名截止 2026-03-04 12:00]");
    ctx.text("s_bad_time", "❓ 看不懂时间「{when}」，请写成 2026-03-04 20:00，每周重复的写 每周三 20:00。没有创建。",
             {"when"});
    ctx.text("s_past", "❓ {when} 已经过去了，没有创建。", {"when"});
    ctx.text("s_bad_cap", "❓ 人数上限要写 1 到 {max} 的整数。没有创建。", {"max"});
    ctx.text("s_bad_deadline", "❓ 报名截止时间要写成 2026-03-04 12:00，还没过去，且不晚于开始时间。没有创建。");
    ctx.text("s_too_long", "❓ 标题或地点太长了。没有创建。");
    ctx.text("s_created",
             "📅 已创建分享会 #{id}「{title}」\n⏰ {when}{repeat}\n📍 {place}\n👥 上限 {cap} 人{deadline}\n🎤 主持：{host}\n"
             "报名：/报名 #{id}　取消：/取消报名 #{id}",
             {"id", "title", "when", "place", "cap", "deadline", "host", "repeat"});
    ctx.text("s_repeat_part", "（{schedule}，每场开始时开放下一场的报名）", {"schedule"});
    ctx.text("s_deadline_part", "，{deadline} 截止报名", {"deadline"});
    ctx.text("s_none", "📅 暂时没有要开的分享会。");
    ctx.text("s_which", "❓ 接下来有好几场分享会，请写编号，如 #{id}（/sessions 查看）。", {"id"});
    ctx.text("s_bad_number", "❓ 请写分享会编号，如 #2（/sessions 查看）。");
    ctx.text("s_not_found", "❓ 本群没有分享会 #{id}（/sessions 查看）。", {"id"});
    ctx.text("s_list", "📅 接下来的分享会：\n{list}", {"list"});
    ctx.text("s_line", "#{id}「{title}」{when} · {place} · 已报名 {count}/{cap}{waiting}",
             {"id", "title", "when", "place", "count", "cap", "waiting"});
    ctx.text("s_waiting_part", "，候补 {n} 人", {"n"});
    ctx.text("s_signed", "✅ {name} 报名了「{title}」（第 {pos}/{cap} 位）。", {"name", "title", "pos", "cap", "id"});
    ctx.text("s_waitlisted",
             "⏳「{title}」已满 {cap} 人，{name} 排在候补第 {pos} 位；有人取消报名时按顺序递补，递补时会 @ 你。",
             {"name", "title", "pos", "cap", "id"});
    ctx.text("s_already_in", "ℹ️ {name} 已经报名「{title}」了（第 {pos}/{cap} 位）。",
             {"name", "title", "pos", "cap", "id"});
    ctx.text("s_already_waiting", "ℹ️ {name} 已经在「{title}」的候补名单上了（第 {pos} 位）。",
             {"name", "title", "pos", "cap", "id"});
    ctx.text("s_closed_deadline", "⛔「{title}」已在 {deadline} 截止报名，报名和取消都不能再改了。",
             {"title", "deadline"});
    ctx.text("s_closed_started", "⛔「{title}」已经开始或结束了，不能再报名或取消。", {"title", "deadline"});
    ctx.text("s_closed_cancelled", "⛔「{title}」已取消。", {"title", "deadline"});
    ctx.text("s_withdrawn", "👋 {name} 取消了「{title}」的报名。", {"name", "title"});
    ctx.text("s_not_signed", "ℹ️ {name} 没有报名「{title}」。", {"name", "title"});
    ctx.text("s_promoted", " 有人取消报名，你从候补递补进「{title}」啦！🎉", {"title"});
}

}  // namespace

void register_sessions(std::shared_ptr<state> const& st) {
    auto& ctx = st->ctx;
    texts(ctx);
    register_session_admin(st);
    auto admin = bot::perm::group_admin || bot::perm::superuser;
    ctx.command({"session add", "分享会 新建", "活动 新建"}, "新建分享会或线下活动（管理员）")
        .arg("内容", bot::arg_kind::text, "标题 | 时间 | 地点或链接 | 人数上限 [| 报名截止]")
        .example("/session add 每周分享会：读书 | 2026-03-04 20:00 | 腾讯会议 123-456 | 20")
        .where(bot::rule::in_group)
        .permit(admin)
        .handle([st](bot::command_call& call) -> bot::task<> {
            auto text = create(*st, call);
            co_await call.reply(text);
        });
    ctx.command({"sessions", "分享会", "活动"}, "接下来的分享会")
        .where(bot::rule::in_group)
        .handle([st](bot::command_call& call) -> bot::task<> {
            auto text = upcoming(*st, *call.s().group());
            co_await call.reply(text);
        });
    ctx.command({"signup", "报名"}, "报名分享会")
        .optional_arg("编号", bot::arg_kind::word, "#编号")
        .where(bot::rule::in_group)
        .handle([st](bot::command_call& call) -> bot::task<> {
            auto text = join(*st, call);
            co_await call.reply(text);
        });
    ctx.command({"cancel-signup", "unsignup", "取消报名"}, "取消报名（候补第一位自动递补）")
        .optional_arg("编号", bot::arg_kind::word, "#编号")
        .where(bot::rule::in_group)
        .handle([st](bot::command_call& call) -> bot::task<> {
            auto out = leave(*st, call);
            co_await call.reply(out.text);
            if (!out.moved_up) co_return;
            auto const& g = *call.s().group();
            bot::text_args args{{"title", out.title}};
            auto text = st->ctx.render(g, "s_promoted", args);
            auto msg = bot::message().at(out.moved_up->user, out.moved_up->name).text(text);
            co_await st->ctx.send(g, msg);
        });
}

}  // namespace plugins::announce
