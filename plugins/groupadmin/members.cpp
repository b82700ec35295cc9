// /card and /title set what the group shows for a member; /mutes lists the mutes the bot made.
#include <fmt/format.h>

#include <algorithm>

#include "plugins/groupadmin/glue.hpp"

namespace plugins::groupadmin {

using bot::arg_kind;
using bot::command_call;
using bot::task;

namespace {

/// /card and /title: one member, one value (empty clears), a capability and a byte limit.
struct setter {
    need needs;
    char const* verb;         ///< "设置群名片"
    char const* set_key;      ///< "card_set"
    char const* cleared_key;  ///< "card_cleared"
    char const* placeholder;  ///< "card"
    char const* hint_key;
    std::int64_t config::*limit;
    task<bot::status> (bot::api::*call)(bot::id, bot::id, std::string);
};

task<> run_setter(state& st, command_call& call, setter const& how) {
    auto& s = call.s();
    auto g = *s.group();
    auto user = call.user("成员");
    if (auto no = co_await refusal(st, s, how.needs)) {
        co_await call.reply(*no);
        co_return;
    }
    auto cfg = st.ctx.group_config<config>(g);
    bool cut = false;
    auto value = member_value(call.text("内容"), static_cast<std::size_t>(cfg.*how.limit), &cut);
    auto name = co_await name_of(s, user);
    auto api = s.api();
    auto gid = g.group;
    auto r = co_await ((*api).*how.call)(gid, user, value);
    if (!r) {
        auto answer = failure(st, g, how.verb, r.err(), how.hint_key);
        co_await call.reply(answer);
        co_return;
    }
    std::string text;
    if (value.empty()) {
        bot::text_args args{{"name", name}};
        text = st.ctx.render(g, how.cleared_key, args);
    } else {
        bot::text_args cut_args{{"limit", cfg.*how.limit}};
        bot::text_args args{{"name", name},
                            {how.placeholder, shown(value, 200)},
                            {"note", cut ? st.ctx.render(g, "value_cut", cut_args) : std::string()}};
        text = st.ctx.render(g, how.set_key, args);
    }
    co_await call.reply(text);
}

std::string stamp(bot::time_zone const& tz, std::int64_t at) {
    return tz.to_local(bot::time_point(std::chrono::seconds(at))).str().substr(5, 11);
}

task<> list_mutes(state& st, command_call& call) {
    auto& s = call.s();
    auto g = *s.group();
    auto now = s.now().time_since_epoch().count();
    auto rows = st.ctx.mutes().running(g.key(), now);
    if (rows.empty()) {
        auto answer = st.ctx.render(g, "mutes_none");
        co_await call.reply(answer);
        co_return;
    }
    std::string lines;
    int n = 0;
    for (auto const& row : rows) {
        auto who = bot::id::decode(row.user);
        auto name = co_await name_of(s, who);
        auto why = shown(row.why, 120);
        bot::text_args args{{"n", ++n},
                            {"name", name},
                            {"until", stamp(s.tz(), row.until)},
                            {"left", zh_left(row.until - now)},
                            {"why", why.empty() ? std::string() : "，" + why}};
        lines += st.ctx.render(g, "mutes_line", args);
    }
    bot::text_args args{{"count", rows.size()}, {"lines", lines}};
    auto answer = st.ctx.render(g, "mutes_list", args);
    co_await call.reply(answer);
}

/// The member the message @-mentions (other than the bot), when it mentions one.
std::optional<bot::id> mentioned(bot::session const& s) {
    auto const* m = s.content();
    if (!m) return std::nullopt;
    std::optional<bot::id> out;
    for (auto const& segment : m->segments())
        if (auto const* a = std::get_if<bot::seg::at>(&segment); a && a->user != s.ev().self_id) out = a->user;
    return out;
}

/// Lifts one of the bot's running mutes, named by its number in /mutes or by an @-mention. The
/// mention is what the console's button sends: a number moves when an earlier mute ends.
task<> lift_mute(state& st, command_call& call, std::string const& index) {
    auto& s = call.s();
    auto g = *s.group();
    auto rows = st.ctx.mutes().running(g.key(), s.now().time_since_epoch().count());
    std::optional<bot::id> user;
    if (auto who = mentioned(s)) {
        auto encoded = who->encode();
        if (std::none_of(rows.begin(), rows.end(), [&](auto const& r) { return r.user == encoded; })) {
            auto name = co_await name_of(s, *who);
            bot::text_args args{{"name", name}};
            auto answer = st.ctx.render(g, "mutes_not_listed", args);
            co_await call.reply(answer);
            co_return;
        }
        user = *who;
    } else {
        auto n = bot::parse_arg(arg_kind::integer, index);
        auto i = n ? std::get<std::int64_t>(*n) : 0;
        if (i < 1 || i > static_cast<std::int64_t>(rows.size())) {
            bot::text_args args{{"n", shown(index, 24)}};
            auto answer = st.ctx.render(g, "mutes_bad_index", args);
            co_await call.reply(answer);
            co_return;
        }
        user = bot::id::decode(rows[static_cast<std::size_t>(i - 1)].user);
    }
    need const needed{&bot::capabilities::mute, "解除禁言"};
    if (auto no = co_await refusal(st, s, needed)) {
        co_await call.reply(*no);
        co_return;
    }
    auto name = co_await name_of(s, *user);
    auto gid = g.group;
    auto target = *user;
    auto r = co_await s.api()->unmute(gid, target);
    if (!r) {
        auto answer = failure(st, g, "解除禁言", r.err());
        co_await call.reply(answer);
        co_return;
    }
    bot::text_args args{{"name", name}};
    auto answer = st.ctx.render(g, "mute_lifted", args);
    co_await call.reply(answer);
}

// The setters' texts are literals: with std::string members, GCC 12 at -O2 warns that the
// cleanup of a half-built setter may destroy an uninitialized string (-Wmaybe-uninitialized).
setter const card_how{{&bot::capabilities::set_card, "设置群名片"},
                      "设置群名片",
                      "card_set",
                      "card_cleared",
                      "card",
                      "hint_admin",
                      &config::card_max_bytes,
                      &bot::api::set_card};

setter const title_how{{&bot::capabilities::special_title, "设置专属头衔", bot::role::owner},
                       "设置专属头衔",
                       "title_set",
                       "title_cleared",
                       "title",
                       "hint_owner",
                       &config::title_max_bytes,
                       &bot::api::set_title};

}  // namespace

void register_member_commands(std::shared_ptr<state> const& st) {
    auto& ctx = st->ctx;

    ctx.command({"card", "名片", "改名片"}, "设置成员的群名片；不写名片则清除")
        .arg("成员", arg_kind::user, "@成员")
        .optional_arg("内容", arg_kind::text, "新的群名片")
        .where(bot::rule::in_group)
        .permit(bot::perm::admin)
        .example("/card @小明 小明 | 设计")
        .handle([st](command_call& call) -> task<> {
            co_await run_setter(*st, call, card_how);
        });

    ctx.command({"title", "头衔", "专属头衔"}, "设置成员的专属头衔（QQ 上只有群主能设）；不写头衔则清除")
        .arg("成员", arg_kind::user, "@成员")
        .optional_arg("内容", arg_kind::text, "头衔")
        .where(bot::rule::in_group)
        .permit(bot::perm::admin)
        .example("/title @小明 读书达人")
        .handle([st](command_call& call) -> task<> {
            co_await run_setter(*st, call, title_how);
        });

    ctx.command({"mutes", "禁言列表"}, "列出机器人执行、仍在生效的禁言；/mutes 解除 <序号或@成员> 解除其中一人")
        .optional_arg("操作", arg_kind::word, "解除")
        // Text, so that an @-mention is accepted as well as a number.
        .optional_arg("序号", arg_kind::text, "序号或 @成员")
        .where(bot::rule::in_group)
        .permit(bot::perm::admin)
        .handle([st](command_call& call) -> task<> {
            if (!call.has("操作")) {
                co_await list_mutes(*st, call);
            } else if (parse_switch(call.text("操作")) == false && call.has("序号")) {
                auto index = call.text("序号");
                co_await lift_mute(*st, call, index);
            } else {
                auto answer = st->ctx.render(*call.s().group(), "mutes_usage");
                co_await call.reply(answer);
            }
        });
}

}  // namespace plugins::groupadmin
