// /stats and /话唠榜: the figures of a period, and the members who talked most. Both read after a
// flush, so they include every message counted so far.
#include "bot/display.hpp"
#include "plugins/stats/glue.hpp"
#include "storage/database.hpp"

namespace plugins::stats {

namespace {

std::string range_label(state& st, bot::group_ref const& g, int days) {
    if (days == 1) return st.ctx.render(g, "range_today");
    bot::text_args args{{"days", days}};
    return st.ctx.render(g, "range_days", args);
}

/// Whether the group has any figure in the period.
bool has_data(state& st, bot::group_ref const& g, period p) {
    flush(st);
    auto gk = g.key();
    return !st.repo.counts(gk, p.first(), p.last).empty() || !st.repo.members(gk, p.first(), p.last).empty();
}

bot::task<> show_stats(std::shared_ptr<state> st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto asked = call.text("范围");
    auto days = parse_range(asked);
    std::string text;
    if (!days) {
        bot::text_args args{{"asked", bot::shown_name(asked, 24)}};
        text = st->ctx.render(g, "bad_range", args);
    } else if (period p{st->today(g), *days}; !has_data(*st, g, p)) {
        bot::text_args args{{"range", range_label(*st, g, *days)}};
        text = st->ctx.render(g, "no_data", args);
    } else {
        auto size = co_await size_of(*st, g);
        text = period_report(*st, g, p, size);
    }
    co_await s.reply(text);
}

bot::task<> top_board(std::shared_ptr<state> st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto gk = g.key();
    auto asked = call.text("范围");
    if (asked == "off" || asked == "on" || asked == "退出" || asked == "加入") {
        bool out = asked == "off" || asked == "退出";
        auto user = s.user_id().encode();
        auto at = std::chrono::duration_cast<std::chrono::seconds>(s.now().time_since_epoch()).count();
        st->repo.db().immediate([&] { st->repo.set_opt_out(gk, user, out, at); });
        bot::text_args args{{"name", s.user_name()}};
        auto text = st->ctx.render(g, out ? "top_off" : "top_on", args);
        co_await s.reply(text);
        co_return;
    }
    auto days = parse_range(asked);
    std::string text;
    if (!days) {
        bot::text_args args{{"asked", bot::shown_name(asked, 24)}};
        text = st->ctx.render(g, "top_bad", args);
    } else {
        period p{st->today(g), *days};
        auto data = load(*st, g, p.first(), p.last);
        auto cfg = st->cfg(g);
        auto board = top_talkers(data, p, st->repo.opted_out(gk), static_cast<std::size_t>(cfg.top_n));
        bot::text_args range{{"range", range_label(*st, g, *days)}};
        if (board.empty()) {
            text = st->ctx.render(g, "top_empty", range);
        } else {
            text = st->ctx.render(g, "top_head", range);
            int rank = 0;
            for (auto const& t : board) {
                bot::text_args line{{"rank", ++rank}, {"name", bot::shown_name(t.name, 24)}, {"messages", t.messages}};
                text += "\n" + st->ctx.render(g, "top_line", line);
            }
            auto api = s.api();
            if (api && !api->caps().all_messages) text += "\n" + st->ctx.render(g, "top_partial");
        }
    }
    co_await s.reply(text);
}

}  // namespace

void register_commands(std::shared_ptr<state> const& st) {
    auto& ctx = st->ctx;
    ctx.command({"stats", "群况", "统计"}, "本群近 7 天（或 30 天、今天）的群况和变化")
        .optional_arg("范围", bot::arg_kind::word, "7d、30d 或 今天")
        .where(bot::rule::in_group)
        .permit(bot::perm::group_admin || bot::perm::superuser)
        .example("/stats 30d")
        .handle([st](bot::command_call& call) -> bot::task<> { co_await show_stats(st, call); });
    ctx.command({"话唠榜", "toptalkers"}, "近 7 天发言最多的成员；/话唠榜 off 不上榜")
        .optional_arg("范围", bot::arg_kind::word, "7d、30d、今天，或 off / on")
        .where(bot::rule::in_group)
        .example("/话唠榜 30d")
        .handle([st](bot::command_call& call) -> bot::task<> { co_await top_board(st, call); });
}

}  // namespace plugins::stats
