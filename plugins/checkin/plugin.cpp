// Daily check-in: the glue between the chat and the check-in rules.
#include "plugins/checkin/glue.hpp"
#include "plugins/checkin/schema.hpp"
#include "storage/database.hpp"

namespace plugins::checkin {

namespace {

void define_texts(bot::plugin_context& ctx) {
    ctx.text("done", "✅ 打卡成功！{name} 今日第 {rank} 位，已连续 {streak} 天，累计 {total} 天。",
             {"name", "rank", "streak", "total"});
    ctx.text("again", "📝 今天已经打过卡啦，这次的输出已追加。连续 {streak} 天，累计 {total} 天。",
             {"name", "streak", "total"});
    ctx.text("late_done",
             "✅ 打卡成功！{name} 这条打卡 {sent} 发出、{arrived} 才送到，记入 {date}：当天第 {rank} 位，"
             "已连续 {streak} 天，累计 {total} 天。",
             {"name", "rank", "streak", "total", "date", "sent", "arrived"});
    ctx.text("late_again", "📝 这条打卡 {sent} 发出、{arrived} 才送到；{date} 已经打过卡，这次的输出已追加到那天。",
             {"name", "streak", "total", "date", "sent", "arrived"});
    ctx.text("late_closed",
             "⏰ 这条打卡 {sent} 发出，但 {arrived} 才送到我这里，{date} 已经结束并点过名，没有再记入那天，也没有记入今天。"
             "今天的卡请重新发一次。",
             {"sent", "arrived", "date", "until"});
    ctx.text("late_closed_makeup",
             "⏰ 这条打卡 {sent} 发出，但 {arrived} 才送到我这里，{date} 已经结束并点过名，没有再记入那天，也没有记入今天。"
             "可以在 {until} 前用「/补卡 内容」补上 {date}；今天的卡请另外发。",
             {"sent", "arrived", "date", "until"});
    ctx.text("burst", "✅ 刚刚打卡的小伙伴：\n{lines}", {"lines", "count"});
    ctx.text("burst_line", "{name}：今日第 {rank} 位，连续 {streak} 天", {"name", "rank", "streak", "total"});
    ctx.text("burst_again_line", "{name}：已追加输出", {"name"});
    ctx.text("need_text", "这次打卡还不算数：需要至少 {min} 字的输出（这次 {chars} 字）。写下今天的输出，再发「打卡 内容」～",
             {"min", "chars"});
    ctx.text("need_image", "这次打卡还不算数：需要附一张图片（读书笔记、运动截图都可以）。", {"min", "chars"});
    ctx.text("need_text_or_image", "这次打卡还不算数：需要至少 {min} 字的输出或一张图片。", {"min", "chars"});
    ctx.text("need_text_and_image", "这次打卡还不算数：需要至少 {min} 字的输出，并附一张图片。", {"min", "chars"});
    ctx.text("leave_done",
             "🏖 已为你请假 {days} 天（{from} 至 {to}）。请假的日子不算缺卡，也不打断连续天数。{reason}{note}",
             {"days", "from", "to", "reason", "used", "cap", "asked", "note"});
    ctx.text("leave_nothing", "这次没有登记请假。{note}", {"asked", "note"});
    ctx.text("leave_over",
             "这次请假没有登记：每周（周一到周日）最多请假 {cap} 天，{week} 这一周已请 {used} 天，"
             "这次又要在这一周请 {need} 天。这一周还能请 {left} 天。{note}",
             {"week", "used", "cap", "need", "asked", "left", "note"});
    ctx.text("leave_over_full",
             "这次请假没有登记：每周（周一到周日）最多请假 {cap} 天，{week} 这一周的 {used} 天已经请完了。{note}",
             {"week", "used", "cap", "need", "asked", "left", "note"});
    ctx.text("leave_note_default", "没有写天数，按 1 天登记。", {});
    ctx.text("leave_note_tomorrow", "今天已打卡，从明天算起。", {});
    ctx.text("leave_note_done", "{dates} 已打卡，不算请假。", {"dates"});
    ctx.text("leave_note_already", "{dates} 已经请过假，不重复登记。", {"dates"});
    ctx.text("leave_off", "本群没有开放请假。", {});
    ctx.text("leave_bad_days", "这次没有登记请假：请假天数应为 1 到 {max} 天（这次写的是 {asked} 天），例如「/请假 2 出差」。",
             {"max", "asked"});
    ctx.text("leave_bad_word", "这次没有登记请假：没看懂天数「{asked}」。请写 1 到 {max} 天，例如「/请假 2 出差」。",
             {"max", "asked"});
    ctx.text("makeup_done", "🔁 已补卡 {date}。连续 {streak} 天，累计 {total} 天。本月已补卡 {used}/{quota} 次。",
             {"date", "streak", "total", "used", "quota"});
    ctx.text("makeup_off", "本群没有开放补卡。", {});
    ctx.text("makeup_already", "{date} 已经打过卡了，不需要补卡。", {"date"});
    ctx.text("makeup_late", "补卡时间已过：昨天的卡只能在今天 {until} 之前补。", {"until"});
    ctx.text("makeup_quota", "本月的 {quota} 次补卡机会已经用完了，下个月再来～", {"quota"});
}

/// The text typed after the command, and how many images came with it.
output output_of(bot::command_call& call, std::string const& text) {
    output o;
    o.chars = utf8_length(text);
    for (auto const& seg : call.attachments().segments())
        if (std::holds_alternative<bot::seg::image>(seg)) ++o.images;
    return o;
}

std::string shortfall_key(shortfall f) {
    switch (f) {
        case shortfall::text: return "need_text";
        case shortfall::image: return "need_image";
        case shortfall::text_or_image: return "need_text_or_image";
        case shortfall::text_and_image: return "need_text_and_image";
        case shortfall::none: break;
    }
    return {};
}

bot::task<> check_in(std::shared_ptr<state> st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto gk = g.key();
    auto cfg = st->cfg(g);
    auto note = call.text("输出");
    auto o = output_of(call, note);
    // The day is the one the message was sent on: a late delivery (a reconnect, an offline backlog)
    // counts for its own day while that day is open. Once the day close has judged it, the check-in
    // is not moved to today either; the member is told and pointed to the make-up.
    auto today = s.today();
    auto sent = s.sent_at();
    // A time a little ahead of the bot's clock (within the allowed skew) is still today.
    auto day = std::min(bot::day_of(sent, s.tz(), s.close_hour()), today);
    bool late = day < today;
    if (late && st->track.repo().claimed(gk, day, "close")) {
        auto makeup_until = bot::day_start(today, s.tz(), s.close_hour()) + cfg.makeup_window;
        auto until = s.tz().to_local(makeup_until);
        bool can_make_up = day == today.plus_days(-1) && cfg.makeup_per_month > 0 && s.now() < makeup_until;
        bot::text_args args{{"sent", s.tz().to_local(sent).str()},
                            {"arrived", s.local_time().str()},
                            {"date", day.str()},
                            {"until", until.str()}};
        auto text = st->ctx.render(g, can_make_up ? "late_closed_makeup" : "late_closed", args);
        co_await s.reply(text);
        co_return;
    }
    bool counted = st->records.mark(gk, s.user_id(), day) == day_mark::done;
    if (!counted) {
        auto missing = check_output(parse_requirement(cfg.require), cfg.min_text_length, o);
        if (missing != shortfall::none) {
            bot::text_args args{{"min", cfg.min_text_length}, {"chars", static_cast<int>(o.chars)}};
            auto text = st->ctx.render(g, shortfall_key(missing), args);
            co_await s.reply(text);
            co_return;
        }
    }
    auto name = s.user_name();
    auto at = sent.time_since_epoch().count();
    // A late check-in gets its own reply, which says which day it counted for.
    auto verdict = late ? coalescer::verdict::reply : admit_confirmation(st, g, s.now());
    std::string text;
    // A confirmation that waits for the combined message is stored with the check-in itself, so
    // no crash can keep the one without the other.
    // Listeners (a best-of nomination) keep the check-in's text in the same transaction.
    bot::checked_in notice{gk, s.user_id(), name, day, note, at};
    // Committed with the loop turn's other such writes; the reply goes once it is durable.
    co_await st->ctx.commit([&] {
        auto r = st->track.check_in(gk, s.user_id(), name, day, at, o, note);
        st->ctx.notify(notice);
        bot::text_args args{{"name", name}, {"rank", r.rank}, {"streak", r.counted.streak}, {"total", r.counted.total}};
        if (late) {
            args.emplace_back("date", day.str());
            args.emplace_back("sent", s.tz().to_local(sent).str());
            args.emplace_back("arrived", s.local_time().str());
            text = st->ctx.render(g, r.first ? "late_done" : "late_again", args);
        } else if (verdict == coalescer::verdict::reply)
            text = st->ctx.render(g, r.first ? "done" : "again", args);
        else
            st->pending.add(gk, st->ctx.render(g, r.first ? "burst_line" : "burst_again_line", args), at);
    });
    if (verdict == coalescer::verdict::reply) co_await s.reply(text);
}

/// "03-03、03-04"
std::string day_list(std::vector<bot::civil_date> const& days) {
    std::string out;
    for (auto const& d : days) out += (out.empty() ? "" : "、") + d.str();
    return out;
}

bot::task<> take_leave(std::shared_ptr<state> st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto gk = g.key();
    auto cfg = st->cfg(g);
    if (cfg.leave_per_week == 0) {
        auto text = st->ctx.render(g, "leave_off");
        co_await s.reply(text);
        co_return;
    }
    auto req = parse_leave(call.text("天数和理由"));
    if (req.bad || req.days < 1 || req.days > cfg.leave_max_days) {
        bot::text_args args{{"max", cfg.leave_max_days},
                            {"asked", req.bad ? req.count_word : std::to_string(req.days)}};
        auto text = st->ctx.render(g, req.bad ? "leave_bad_word" : "leave_bad_days", args);
        co_await s.reply(text);
        co_return;
    }
    auto today = s.today();
    auto user = s.user_id();
    // A member who already checked in today is on leave from tomorrow.
    bool from_tomorrow = st->records.mark(gk, user, today) == day_mark::done;
    auto first = from_tomorrow ? today.plus_days(1) : today;
    auto last = first.plus_days(req.days - 1);
    std::set<long> leave;
    std::set<long> done;
    for (auto const& r : st->track.repo().days_of(gk, user, week_start(first), week_start(last).plus_days(6)))
        (r.kind == entry_kind::leave ? leave : done).insert(r.day.serial());
    auto plan = plan_leave(first, req.days, leave, done, cfg.leave_per_week);
    // Every reply says what was asked, what was recorded and why anything was left out.
    std::string note;
    auto add = [&](std::string const& key, bot::text_args const& args = {}) {
        note += "\n" + st->ctx.render(g, key, args);
    };
    if (!req.days_given && !req.reason.empty()) add("leave_note_default");
    if (from_tomorrow) add("leave_note_tomorrow");
    if (!plan.over) {
        if (!plan.done.empty()) add("leave_note_done", {{"dates", day_list(plan.done)}});
        if (!plan.leave.empty()) add("leave_note_already", {{"dates", day_list(plan.leave)}});
    }
    std::string text;
    if (plan.over) {
        auto left = std::max(0, cfg.leave_per_week - plan.week_used);
        bot::text_args args{{"week", week_start(*plan.over).str()},
                            {"used", plan.week_used},
                            {"cap", cfg.leave_per_week},
                            {"need", plan.week_need},
                            {"asked", req.days},
                            {"left", left},
                            {"note", note}};
        text = st->ctx.render(g, left > 0 ? "leave_over" : "leave_over_full", args);
    } else if (plan.days.empty()) {
        bot::text_args args{{"asked", req.days}, {"note", note}};
        text = st->ctx.render(g, "leave_nothing", args);
    } else {
        st->track.take_leave(gk, user, s.user_name(), plan, s.now().time_since_epoch().count(), req.reason);
        bot::text_args args{{"days", static_cast<int>(plan.days.size())},
                            {"from", plan.days.front().str()},
                            {"to", plan.days.back().str()},
                            {"reason", req.reason.empty() ? std::string() : "理由：" + req.reason},
                            {"used", static_cast<int>(leave.size() + plan.days.size())},
                            {"cap", cfg.leave_per_week},
                            {"asked", req.days},
                            {"note", note}};
        text = st->ctx.render(g, "leave_done", args);
    }
    co_await s.reply(text);
}

bot::task<> make_up(std::shared_ptr<state> st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto gk = g.key();
    auto cfg = st->cfg(g);
    auto user = s.user_id();
    auto today = s.today();
    auto yesterday = today.plus_days(-1);
    auto today_start = bot::day_start(today, s.tz(), s.close_hour());
    int used = st->track.repo().count_kind(gk, user, entry_kind::makeup, month_start(yesterday), yesterday);
    bool counted = st->records.mark(gk, user, yesterday) == day_mark::done;
    auto verdict = check_makeup(counted, s.now(), today_start, cfg.makeup_window, used, cfg.makeup_per_month);
    std::string text;
    switch (verdict) {
        case makeup_verdict::off: text = st->ctx.render(g, "makeup_off"); break;
        case makeup_verdict::already_done: {
            bot::text_args args{{"date", yesterday.str()}};
            text = st->ctx.render(g, "makeup_already", args);
            break;
        }
        case makeup_verdict::too_late: {
            auto until = s.tz().to_local(today_start + cfg.makeup_window);
            bot::text_args args{{"until", until.str()}};
            text = st->ctx.render(g, "makeup_late", args);
            break;
        }
        case makeup_verdict::quota_used: {
            bot::text_args args{{"quota", cfg.makeup_per_month}};
            text = st->ctx.render(g, "makeup_quota", args);
            break;
        }
        case makeup_verdict::ok: {
            auto note = call.text("输出");
            auto o = output_of(call, note);
            auto missing = check_output(parse_requirement(cfg.require), cfg.min_text_length, o);
            if (missing != shortfall::none) {
                bot::text_args args{{"min", cfg.min_text_length}, {"chars", static_cast<int>(o.chars)}};
                text = st->ctx.render(g, shortfall_key(missing), args);
                break;
            }
            auto at = s.now().time_since_epoch().count();
            // What the day owed elsewhere (a red packet) is cleared in the make-up's own transaction.
            bot::day_made_up made_up{gk, user, yesterday, at, {}};
            st->ctx.db().immediate([&] {
                st->track.make_up(gk, user, s.user_name(), yesterday, at, o, note);
                st->ctx.notify(made_up);
            });
            auto now_standing = st->track.standing_on(gk, user, today);
            bot::text_args args{{"date", yesterday.str()},
                                {"streak", now_standing.streak},
                                {"total", now_standing.total},
                                {"used", used + 1},
                                {"quota", cfg.makeup_per_month}};
            text = st->ctx.render(g, "makeup_done", args);
            for (auto const& line : made_up.notes) text += "\n" + line;
            break;
        }
    }
    co_await s.reply(text);
}

}  // namespace

bot::task<std::vector<expected_member>> expected_members(state& st, bot::group_ref const& g, bot::civil_date today) {
    std::vector<expected_member> out;
    std::set<bot::id> seen;
    for (auto const& m : st.records.roster(g.key())) {
        out.push_back({m.user, m.name, m.since});
        seen.insert(m.user);
    }
    if (st.cfg(g).roster != "members") co_return out;
    auto api = st.ctx.api_for(g);
    // Where the bot sees only the messages that @ it (or none), a listed member's check-in may
    // never reach it: only those it has heard check in are expected (see roster_unseen).
    if (!api || !api->caps().member_list || !api->caps().all_messages) co_return out;
    auto members = co_await api->members(g.group);
    if (!members) co_return out;
    for (auto const& m : *members) {
        if (m.user == api->self_id() || seen.count(m.user)) continue;
        auto name = m.display_name();
        // Members first seen in the list are expected from today on.
        st.track.repo().remember(g.key(), m.user, name, today);
        out.push_back({m.user, name, today});
    }
    co_return out;
}

void register_plugin(bot::plugin_context& ctx) {
    ctx.migrations(schema());
    auto const& cfg = ctx.config<config>();
    define_texts(ctx);
    auto st = std::make_shared<state>(ctx);
    ctx.provide<bot::attendance>(st->shared_records);

    auto prefixes = ctx.bot_config().command_prefixes;
    if (cfg.bare_words) prefixes.push_back("");
    ctx.command({"checkin", "签到", "打卡"}, "每日打卡，可附上今天的输出（文字或图片）")
        .optional_arg("输出", bot::arg_kind::text, "今天的输出")
        .where(bot::rule::in_group)
        .prefixes(prefixes)
        .example("打卡 今天读完《原则》第三章")
        .handle([st](bot::command_call& call) -> bot::task<> { co_await check_in(st, call); });
    ctx.command({"leave", "请假"}, "请假：请假的日子不算缺卡，也不打断连续天数")
        .optional_arg("天数和理由", bot::arg_kind::text, "如「2 出差」，默认 1 天")
        .where(bot::rule::in_group)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await take_leave(st, call); });
    ctx.command({"makeup", "补卡"}, "补昨天的卡（有时限和每月次数）")
        .optional_arg("输出", bot::arg_kind::text, "昨天的输出")
        .where(bot::rule::in_group)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await make_up(st, call); });
    register_views(st);
    register_panels(st);
    register_daily(st);
    register_confirmations(st);
}

}  // namespace plugins::checkin
