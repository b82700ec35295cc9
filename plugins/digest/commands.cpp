// The chat commands: /faq searches past answered questions; /digest shows what it does, lists the
// recent questions, and lets admins post the digest now, pin the last one as essence, or forget a
// question. Each refusal is a keyed text and changes nothing.
#include <spdlog/spdlog.h>

#include "bot/display.hpp"
#include "bot/utf8.hpp"
#include "plugins/digest/glue.hpp"
#include "storage/database.hpp"

namespace plugins::digest {

namespace {

using bot::arg_kind;

/// How many matches /faq shows, and the longest keyword it takes (in characters).
constexpr int faq_results = 3;
constexpr std::size_t keyword_chars = 30;
/// How many questions /digest list shows.
constexpr int listed_at_most = 10;
constexpr std::size_t question_bytes = 200;
constexpr std::size_t answer_bytes = 300;

std::string help(state& st, bot::group_ref const& g) {
    auto cfg = st.cfg(g);
    std::string when;
    if (cfg.schedule == "off") {
        when = st.ctx.render(g, "when_off");
    } else {
        static constexpr char const* days[] = {"一", "二", "三", "四", "五", "六", "日"};
        bot::text_args args{{"time", cfg.digest_at.str()}, {"weekday", std::string(days[(cfg.weekday + 6) % 7])}};
        when = st.ctx.render(g, cfg.schedule == "weekly" ? "when_weekly" : "when_daily", args);
    }
    bot::text_args args{{"when", when}, {"window", bot::format_duration(cfg.answer_window)}};
    return st.ctx.render(g, "help", args);
}

std::string faq(state& st, bot::group_ref const& g, std::string const& input) {
    auto keyword = std::string(bot::trim(bot::one_line(input)));
    if (keyword.empty()) return st.ctx.render(g, "faq_empty");
    if (bot::code_points(keyword) > keyword_chars) {
        bot::text_args args{{"max", static_cast<int>(keyword_chars)}};
        return st.ctx.render(g, "faq_too_long", args);
    }
    auto found = st.repo.search(g.key(), like_pattern(keyword), faq_results);
    bot::text_args head{{"keyword", bot::shown_name(keyword)}, {"count", static_cast<int>(found.size())}};
    if (found.empty()) return st.ctx.render(g, "faq_none", head);
    auto out = st.ctx.render(g, "faq_head", head);
    for (auto const& q : found) {
        auto best = best_of(st, g, q.id);
        if (best.empty()) continue;
        bot::text_args args{{"number", q.number},
                            {"question", bot::shown_text(q.text, question_bytes)},
                            {"asker", bot::shown_name(q.asker_name)},
                            {"name", bot::shown_name(best.front().answerer_name)},
                            {"answer", bot::shown_text(best.front().text, answer_bytes)},
                            {"date", st.ctx.group_tz(g).to_local(state::from_unix(q.at)).date.str()}};
        out += "\n" + st.ctx.render(g, "faq_line", args);
    }
    return out;
}

std::string list(state& st, bot::group_ref const& g) {
    auto rows = st.repo.recent(g.key(), 0, listed_at_most);
    if (rows.empty()) return st.ctx.render(g, "list_empty");
    bot::text_args head{{"count", static_cast<int>(rows.size())}};
    auto out = st.ctx.render(g, "list_head", head);
    for (auto const& q : rows) {
        bot::text_args args{{"number", q.number},
                            {"name", bot::shown_name(q.asker_name)},
                            {"question", bot::shown_text(q.text, question_bytes)},
                            {"answers", q.answers},
                            {"time", stamp(st, g, q.at)}};
        out += "\n" + st.ctx.render(g, "list_line", args);
    }
    return out;
}

std::string forget(state& st, bot::group_ref const& g, std::string const& word) {
    auto number = parse_number(word);
    if (!number) return st.ctx.render(g, "bad_number");
    bot::text_args args{{"number", *number}};
    bool done = false;
    st.repo.db().immediate([&] { done = st.repo.forget(g.key(), *number); });
    if (!done) return st.ctx.render(g, "not_found", args);
    unindex(st, g.key(), *number);
    return st.ctx.render(g, "forgotten", args);
}

bot::task<> now(std::shared_ptr<state> st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto at = s.now();
    auto from = period_start(at, st->ctx.group_tz(g), schedule_of(st->cfg(g)));
    auto period = "now@" + std::to_string(state::unix(at));
    std::optional<built_digest> d;
    bool repeated = false;
    st->repo.db().immediate([&] {
        d = build_digest(*st, g, from, at + std::chrono::seconds(1));
        if (d && !st->repo.record_post(g.key(), {period, state::unix(at), "now", d->questions, {}, false})) {
            d.reset();
            repeated = true;
        }
    });
    if (!d) {
        bot::text_args args{{"from", stamp(*st, g, state::unix(from))}};
        auto text = st->ctx.render(g, repeated ? "now_repeated" : "now_empty", args);
        co_await call.reply(text);
        co_return;
    }
    co_await send_digest(*st, g, period, *d);
}

bot::task<> pin(std::shared_ptr<state> st, bot::command_call& call) {
    auto const& g = *call.s().group();
    std::optional<post_row> last;
    for (auto& p : st->repo.posts(g.key(), 20))
        if (!p.message_id.empty()) {
            last = std::move(p);
            break;
        }
    std::string reply;
    // The digest went out through the account that speaks in the group: its message IDs are that one's.
    auto api = st->ctx.api_for(g);
    if (!last) {
        reply = st->ctx.render(g, "pin_none");
    } else if (!api || !api->caps().essence) {
        reply = st->ctx.render(g, "pin_unsupported");
    } else {
        auto message = bot::id::decode(last->message_id);
        auto done = co_await api->set_essence(message);
        bot::text_args args{{"time", stamp(*st, g, last->at)}};
        if (done) {
            st->repo.db().immediate([&] { st->repo.set_pinned(g.key(), last->period); });
            reply = st->ctx.render(g, "pinned", args);
        } else {
            spdlog::warn("digest: essence for {} failed: {}", g.key(), done.err().detail);
            reply = st->ctx.render(g, "pin_failed", args);
        }
    }
    co_await call.reply(reply);
}

}  // namespace

void register_commands(std::shared_ptr<state> const& st) {
    auto& ctx = st->ctx;
    auto admin = bot::perm::group_admin || bot::perm::superuser;
    auto in_group = bot::rule::in_group;

    ctx.command({"faq", "问答"}, "搜索群里回答过的问题")
        .optional_arg("关键词", arg_kind::text)
        .where(in_group)
        .example("/faq 报销")
        .handle([st](bot::command_call& call) -> bot::task<> {
            auto text = faq(*st, *call.s().group(), call.text("关键词"));
            co_await call.reply(text);
        });
    ctx.command({"digest", "精选"}, "问答精选：群里的提问和最好的回答，定时汇总")
        .optional_arg("子命令", arg_kind::text)
        .where(in_group)
        .handle([st](bot::command_call& call) -> bot::task<> {
            auto text = help(*st, *call.s().group());
            co_await call.reply(text);
        });
    ctx.command({"digest list", "精选 列表"}, "最近收集的问题及编号")
        .where(in_group)
        .handle([st](bot::command_call& call) -> bot::task<> {
            auto text = list(*st, *call.s().group());
            co_await call.reply(text);
        });
    ctx.command({"digest now", "精选 现在"}, "马上发本期到目前为止的问答精选（管理员）")
        .where(in_group)
        .permit(admin)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await now(st, call); });
    ctx.command({"digest pin", "精选 精华"}, "把最近一期问答精选设为精华消息（管理员）")
        .where(in_group)
        .permit(admin)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await pin(st, call); });
    ctx.command({"digest forget", "精选 删除"}, "从收集中删除一个问题及其回答（管理员）")
        .optional_arg("编号", arg_kind::word, "#编号，见 /digest list")
        .where(in_group)
        .permit(admin)
        .example("/digest forget #3")
        .handle([st](bot::command_call& call) -> bot::task<> {
            auto text = forget(*st, *call.s().group(), call.text("编号"));
            co_await call.reply(text);
        });
}

}  // namespace plugins::digest
