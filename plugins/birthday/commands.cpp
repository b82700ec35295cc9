// The commands: a member records, shows, removes or quiets their birthday; an admin gets a
// month's list in private or removes a member's birthday.
#include <fmt/format.h>

#include "bot/display.hpp"
#include "plugins/birthday/glue.hpp"

namespace plugins::birthday {

namespace {

/// How much of what a member typed is quoted back in a refusal.
constexpr std::size_t max_quoted = 40;

std::string error_key(date_error e) {
    switch (e) {
        case date_error::format:
            return "bad_format";
        case date_error::no_such_date:
            return "bad_date";
        case date_error::future:
            return "bad_future";
        case date_error::old_year:
            return "bad_old";
        case date_error::none:
            break;
    }
    return {};
}

bot::task<> show_mine(state_ptr st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto found = st->repo.find(g.key(), s.user_id());
    std::string text;
    if (found) {
        auto quiet = found->quiet ? st->ctx.render(g, "mine_quiet") : std::string();
        bot::text_args args{{"date", shown(found->date)}, {"quiet", quiet}};
        text = st->ctx.render(g, "mine", args);
    } else {
        text = st->ctx.render(g, "mine_none");
    }
    co_await call.reply(text);
}

bot::task<> record(state_ptr st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto input = call.text("日期");
    if (input.empty()) {
        co_await show_mine(st, call);
        co_return;
    }
    auto parsed = parse_birthday(input, st->today(g));
    if (!parsed.ok()) {
        bot::text_args args{{"input", bot::shown_name(input, max_quoted)}, {"years", max_age}};
        auto text = st->ctx.render(g, error_key(parsed.error), args);
        co_await call.reply(text);
        co_return;
    }
    auto gk = g.key();
    auto name = s.user_name();
    st->repo.put(gk, s.user_id(), name, parsed.date, "command", s.now().time_since_epoch().count());
    auto quiet = st->repo.find(gk, s.user_id()).value_or(person{}).quiet;
    auto note = parsed.had_year ? st->ctx.render(g, "year_dropped") : std::string();
    auto key = quiet ? "saved_quiet" : st->cfg(g).greet ? "saved" : "saved_no_greeting";
    bot::text_args args{{"name", name}, {"date", shown(parsed.date)}, {"note", note}};
    auto text = st->ctx.render(g, key, args);
    co_await call.reply(text);
}

bot::task<> remove_mine(state_ptr st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto text = st->ctx.render(g, st->repo.remove(g.key(), s.user_id()) ? "removed" : "remove_none");
    co_await call.reply(text);
}

bot::task<> set_quiet(state_ptr st, bot::command_call& call, bool quiet) {
    auto& s = call.s();
    auto const& g = *s.group();
    bool found = st->repo.set_quiet(g.key(), s.user_id(), quiet);
    auto text = st->ctx.render(g, !found ? "mine_none" : quiet ? "quiet_on" : "quiet_off");
    co_await call.reply(text);
}

bot::task<> forget(state_ptr st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto who = call.user("成员");
    auto found = st->repo.find(g.key(), who);
    auto name = found ? bot::shown_name(found->name) : who.str();
    bool removed = st->repo.remove(g.key(), who);
    bot::text_args args{{"name", name}};
    auto text = st->ctx.render(g, removed ? "forgot" : "forget_none", args);
    co_await call.reply(text);
}

/// The month's list, one line a member.
std::string month_list(state& st, bot::group_ref const& g, int month, std::vector<person> const& people) {
    std::string lines;
    for (auto const& p : people) {
        auto quiet = p.quiet ? st.ctx.render(g, "mine_quiet") : std::string();
        bot::text_args args{{"date", shown(p.date)}, {"name", bot::shown_name(p.name)}, {"quiet", quiet}};
        lines += (lines.empty() ? "" : "\n") + st.ctx.render(g, "month_line", args);
    }
    bot::text_args args{
        {"group", g.group.str()}, {"month", month}, {"count", static_cast<int>(people.size())}, {"list", lines}};
    return st.ctx.render(g, "month_list", args);
}

bot::task<> month(state_ptr st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto input = call.text("月份");
    int m = input.empty() ? st->today(g).month : parse_month(input);
    if (m == 0) {
        bot::text_args args{{"input", bot::shown_name(input, max_quoted)}};
        auto text = st->ctx.render(g, "bad_month", args);
        co_await call.reply(text);
        co_return;
    }
    auto people = st->repo.in_month(g.key(), m);
    if (people.empty()) {
        bot::text_args args{{"month", m}};
        auto text = st->ctx.render(g, "month_empty", args);
        co_await call.reply(text);
        co_return;
    }
    // The list names members and their days: it goes to the admin alone, never into the group.
    auto list = bot::message(month_list(*st, g, m, people));
    bool sent = false;
    if (auto api = s.api()) {
        auto to = bot::target::user_of(s.user_id());
        sent = static_cast<bool>(co_await api->send(to, list));
    }
    bot::text_args args{{"month", m}};
    auto text = st->ctx.render(g, sent ? "month_sent" : "month_private_failed", args);
    co_await call.reply(text);
}

}  // namespace

void register_commands(state_ptr const& st) {
    auto& ctx = st->ctx;
    auto admins = bot::perm::group_admin || bot::perm::superuser;
    ctx.command({"birthday", "生日"}, "登记或查看你在本群的生日（只记月日）")
        .optional_arg("日期", bot::arg_kind::text, "如 03-14、3月14日、0314；可带年份，年份不保存")
        .where(bot::rule::in_group)
        .example("/生日 03-14")
        .handle([st](bot::command_call& call) -> bot::task<> { co_await record(st, call); });
    ctx.command({"birthday remove", "生日 删除"}, "删除你在本群登记的生日")
        .where(bot::rule::in_group)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await remove_mine(st, call); });
    ctx.command({"birthday quiet", "生日 不公开"}, "生日那天不在群里公开祝福你")
        .where(bot::rule::in_group)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await set_quiet(st, call, true); });
    ctx.command({"birthday public", "生日 公开"}, "生日那天在群里祝福你（默认）")
        .where(bot::rule::in_group)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await set_quiet(st, call, false); });
    ctx.command({"birthday month", "生日 名单"}, "私信给你某个月的生日名单（默认本月）")
        .optional_arg("月份", bot::arg_kind::word, "1 到 12")
        .where(bot::rule::in_group)
        .permit(admins)
        .example("/生日 名单 3")
        .handle([st](bot::command_call& call) -> bot::task<> { co_await month(st, call); });
    ctx.command({"birthday forget", "生日 清除"}, "删除一名成员在本群登记的生日")
        .arg("成员", bot::arg_kind::user, "@成员")
        .where(bot::rule::in_group)
        .permit(admins)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await forget(st, call); });
}

}  // namespace plugins::birthday
