// The /duty commands: who is on duty, and the admins' roster changes. Every change is checked by
// the rotation rules first; a refusal replies with its reason and stores nothing.
#include <fmt/format.h>

#include "bot/display.hpp"
#include "plugins/duty/glue.hpp"

namespace plugins::duty {

namespace {

/// How a member is shown: the group's name for them when the platform tells it, else the roster's.
bot::task<std::string> name_for(std::shared_ptr<state> st, bot::session& s, bot::id user) {
    if (auto api = s.api(); api && api->caps().member_info) {
        auto info = co_await api->member(s.group_id(), user);
        if (info && !info->display_name().empty()) co_return bot::shown_name(info->display_name());
    }
    co_return st->name_of(s.group()->key(), user);
}

std::string mode_text(state& st, bot::group_ref const& g, mode m) {
    return st.ctx.render(g, m == mode::daily ? "mode_daily" : "mode_weekly");
}

/// The name of whoever is on duty now, or "无人".
std::string current_name(state& st, bot::group_ref const& g, bot::time_point now) {
    auto cur = st.shift_at(g, now);
    return cur.who ? st.name_of(g.key(), *cur.who) : st.ctx.render(g, "nobody");
}

bot::task<> status(std::shared_ptr<state> st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto const& r = st->roster_of(g.key());
    std::string text;
    if (r.rot.members.empty()) {
        text = st->ctx.render(g, "empty");
    } else {
        auto f = st->face(g);
        auto cur = duty::shift_at(r.rot, f, s.now());
        auto next = shift_number(r.rot, f, cur.ordinal + 1);
        bot::text_args args{{"name", st->name_of(g.key(), *cur.who)},
                            {"start", st->local(g, cur.start)},
                            {"end", st->local(g, cur.end)},
                            {"mode", mode_text(*st, g, r.rot.kind)},
                            {"next", st->name_of(g.key(), *next.who)},
                            {"next_start", st->local(g, next.start)}};
        text = st->ctx.render(g, "status", args);
    }
    co_await s.reply(text);
}

bot::task<> add(std::shared_ptr<state> st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto user = call.user("成员");
    auto name = co_await name_for(st, s, user);
    auto r = st->roster_of(g.key());
    auto f = st->face(g);
    auto now = ordinal_of(r.rot.kind, duty_day(s.now(), f));
    std::string text;
    if (auto c = add_member(r.rot, user, now); !c.ok()) {
        text = st->ctx.render(g, c.error, {{"name", name}});
    } else {
        r.names[user] = name;
        st->store(g.key(), r);
        auto cur = duty::shift_at(r.rot, f, s.now());
        auto count = static_cast<int>(r.rot.members.size());
        if (cur.who && *cur.who == user) {
            text = st->ctx.render(g, "added_now", {{"name", name}, {"count", count}, {"end", st->local(g, cur.end)}});
        } else {
            auto n = next_shift_of(r.rot, user, now);
            auto start = n ? st->local(g, shift_number(r.rot, f, *n).start) : std::string();
            text = st->ctx.render(g, "added", {{"name", name}, {"count", count}, {"start", start}});
        }
    }
    co_await s.reply(text);
}

bot::task<> remove(std::shared_ptr<state> st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto user = call.user("成员");
    auto r = st->roster_of(g.key());
    auto name = st->name_of(g.key(), user);
    auto now = ordinal_of(r.rot.kind, duty_day(s.now(), st->face(g)));
    std::string text;
    if (auto c = remove_member(r.rot, user, now); !c.ok()) {
        name = co_await name_for(st, s, user);
        text = st->ctx.render(g, c.error, {{"name", name}});
    } else {
        r.names.erase(user);
        st->store(g.key(), r);
        text = r.rot.members.empty()
                   ? st->ctx.render(g, "removed_empty", {{"name", name}})
                   : st->ctx.render(g, "removed", {{"name", name}, {"current", current_name(*st, g, s.now())}});
    }
    co_await s.reply(text);
}

bot::task<> list(std::shared_ptr<state> st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto const& r = st->roster_of(g.key());
    std::string text;
    if (r.rot.members.empty()) {
        text = st->ctx.render(g, "empty");
    } else {
        auto f = st->face(g);
        auto cur = duty::shift_at(r.rot, f, s.now());
        std::string lines;
        int pos = 0;
        for (auto const& who : r.rot.members) {
            bot::text_args args{{"pos", ++pos}, {"name", st->name_of(g.key(), who)}};
            std::string line;
            if (cur.who && *cur.who == who) {
                args.emplace_back("end", st->local(g, cur.end));
                line = st->ctx.render(g, "list_line_now", args);
            } else if (auto n = next_shift_of(r.rot, who, cur.ordinal)) {
                args.emplace_back("start", st->local(g, shift_number(r.rot, f, *n).start));
                line = st->ctx.render(g, "list_line", args);
            } else {
                line = st->ctx.render(g, "list_line_later", args);
            }
            lines += (lines.empty() ? "" : "\n") + line;
        }
        bot::text_args args{{"mode", mode_text(*st, g, r.rot.kind)},
                            {"time", st->cfg(g).shift_start.str()},
                            {"lines", lines}};
        text = st->ctx.render(g, "list", args);
    }
    co_await s.reply(text);
}

bot::task<> set_mode_cmd(std::shared_ptr<state> st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto word = call.text("方式");
    auto m = parse_mode(word);
    std::string text;
    if (!m) {
        text = st->ctx.render(g, "mode_bad", {{"word", bot::shown_name(word, 20)}});
    } else {
        auto r = st->roster_of(g.key());
        if (auto c = set_mode(r.rot, *m, st->face(g), s.now()); !c.ok()) {
            text = st->ctx.render(g, c.error, {{"mode", mode_text(*st, g, *m)}});
        } else {
            st->store(g.key(), r);
            auto cur = st->shift_at(g, s.now());
            text = cur.who ? st->ctx.render(g, "mode_set",
                                            {{"mode", mode_text(*st, g, *m)},
                                             {"name", st->name_of(g.key(), *cur.who)},
                                             {"end", st->local(g, cur.end)}})
                           : st->ctx.render(g, "mode_set_empty", {{"mode", mode_text(*st, g, *m)}});
        }
    }
    co_await s.reply(text);
}

bot::task<> swap(std::shared_ptr<state> st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto a = call.user("成员1");
    auto b = call.user("成员2");
    auto r = st->roster_of(g.key());
    auto now = ordinal_of(r.rot.kind, duty_day(s.now(), st->face(g)));
    std::string text;
    if (auto c = swap_members(r.rot, a, b, now); !c.ok()) {
        // Name the one who is not on the roster.
        auto missing = r.names.count(a) ? b : a;
        auto name = co_await name_for(st, s, missing);
        text = st->ctx.render(g, c.error, {{"name", name}});
    } else {
        st->store(g.key(), r);
        text = st->ctx.render(g, "swapped",
                              {{"a", st->name_of(g.key(), a)},
                               {"b", st->name_of(g.key(), b)},
                               {"current", current_name(*st, g, s.now())}});
    }
    co_await s.reply(text);
}

bot::task<> skip(std::shared_ptr<state> st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto r = st->roster_of(g.key());
    auto f = st->face(g);
    auto cur = duty::shift_at(r.rot, f, s.now());
    std::string text;
    if (!call.has("成员") && !cur.who) {
        text = st->ctx.render(g, "skip_nobody");
        co_await s.reply(text);
        co_return;
    }
    auto user = call.has("成员") ? call.user("成员") : *cur.who;
    long skipped = 0;
    if (auto c = skip_member(r.rot, user, cur.ordinal, skipped); !c.ok()) {
        auto name = co_await name_for(st, s, user);
        text = st->ctx.render(g, c.error, {{"name", name}});
    } else {
        st->store(g.key(), r);
        auto sh = shift_number(r.rot, f, skipped);
        text = st->ctx.render(g, "skipped",
                              {{"name", st->name_of(g.key(), user)},
                               {"start", st->local(g, sh.start)},
                               {"end", st->local(g, sh.end)},
                               {"next", st->name_of(g.key(), *sh.who)}});
    }
    co_await s.reply(text);
}

/// The Monday of the week a /duty kpi argument names; nullopt when it names none.
std::optional<bot::civil_date> week_named(std::string const& word, bot::civil_date today) {
    if (word.empty() || word == "本周" || word == "week" || word == "this") return week_of(today);
    if (word == "上周" || word == "last") return week_of(today).plus_days(-7);
    if (auto d = bot::parse_date(word)) return week_of(*d);
    return std::nullopt;
}

bot::task<> kpi(std::shared_ptr<state> st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto word = call.text("周");
    auto monday = week_named(word, duty_day(s.now(), st->face(g)));
    std::string text = monday ? week_report(*st, g, *monday, "kpi_head")
                              : st->ctx.render(g, "kpi_bad", {{"word", bot::shown_name(word, 20)}});
    co_await s.reply(text);
}

}  // namespace

void register_commands(std::shared_ptr<state> const& st) {
    auto& ctx = st->ctx;
    auto const admin_only = bot::perm::group_admin || bot::perm::superuser;
    ctx.command({"duty", "值班"}, "现在谁值班、下一班是谁")
        .where(bot::rule::in_group)
        .handle([st](bot::command_call& call) { return status(st, call); });
    ctx.command({"duty add", "值班 添加"}, "把成员加入值班名单（排在最后）")
        .arg("成员", bot::arg_kind::user, "@要加入的人")
        .where(bot::rule::in_group)
        .permit(admin_only)
        .example("/duty add @alice")
        .handle([st](bot::command_call& call) { return add(st, call); });
    ctx.command({"duty remove", "值班 移除"}, "把成员移出值班名单")
        .arg("成员", bot::arg_kind::user, "@要移出的人")
        .where(bot::rule::in_group)
        .permit(admin_only)
        .handle([st](bot::command_call& call) { return remove(st, call); });
    ctx.command({"duty list", "值班 名单"}, "值班名单和每人的下一班")
        .where(bot::rule::in_group)
        .handle([st](bot::command_call& call) { return list(st, call); });
    ctx.command({"duty mode", "值班 方式"}, "每天或每周换班")
        .arg("方式", bot::arg_kind::word, "daily 或 weekly")
        .where(bot::rule::in_group)
        .permit(admin_only)
        .example("/duty mode weekly")
        .handle([st](bot::command_call& call) { return set_mode_cmd(st, call); });
    ctx.command({"duty swap", "值班 互换"}, "互换两人在轮换里的位置")
        .arg("成员1", bot::arg_kind::user)
        .arg("成员2", bot::arg_kind::user)
        .where(bot::rule::in_group)
        .permit(admin_only)
        .example("/duty swap @alice @bob")
        .handle([st](bot::command_call& call) { return swap(st, call); });
    ctx.command({"duty skip", "值班 跳过"}, "把某人当前或下一班交给轮换里的下一位")
        .optional_arg("成员", bot::arg_kind::user, "不写就是现在值班的人")
        .where(bot::rule::in_group)
        .permit(admin_only)
        .handle([st](bot::command_call& call) { return skip(st, call); });
    ctx.command({"duty kpi", "值班 统计"}, "一周的值班统计")
        .optional_arg("周", bot::arg_kind::word, "本周、上周或那周的一天")
        .where(bot::rule::in_group)
        .permit(admin_only)
        .handle([st](bot::command_call& call) { return kpi(st, call); });
}

}  // namespace plugins::duty
