// Nominations: /提名 in reply to a member's message (resolved through the ring of recent group
// messages), /提名 @成员 内容, and a check-in long enough to nominate itself (the checked_in notice).
// A nomination waits for the next vote; it never names the nominator or the bot.
#include <fmt/format.h>

#include <variant>

#include "bot/attendance.hpp"
#include "bot/core.hpp"
#include "bot/display.hpp"
#include "bot/utf8.hpp"
#include "plugins/bestshare/glue.hpp"
#include "plugins/bestshare/rules.hpp"
#include "storage/database.hpp"

namespace plugins::bestshare {

namespace {

/// The longest share kept, in bytes (the vote quotes a shorter part of it).
constexpr std::size_t max_share = 2000;

/// A coroutine of its own (not a capturing lambda), holding the state it needs for as long as it runs.
bot::task<> remember_then_next(state_ptr st, bot::session& s, bot::next_fn next) {
    if (auto const* m = s.ev().as<bot::ev::group_message>(); m && s.group() && !m->anonymous) {
        auto plain = m->content.plain_text();
        auto text = bot::trim(plain);
        if (!text.empty())
            st->ring.add(s.group()->key(), {m->message_id, s.user_id(), s.user_name(), std::string(text)});
    }
    co_await next();
}

struct share {
    bot::id user;
    std::string name;
    std::string text;
    std::string source;
    std::string dedupe;
};

/// What the /提名 message nominates, or the text key of why it nominates nothing.
std::variant<share, std::string> resolve(state& st, bot::session const& s, nomination_request const& req,
                                         bot::id const& self) {
    auto gk = s.group()->key();
    share out;
    if (req.quoted) {
        auto seen = st.ring.find(gk, *req.quoted);
        if (!seen) return std::string(req.quoted_author == self ? "err_bot" : "err_unknown_quote");
        if (seen->text.starts_with("/") || seen->text.starts_with("\xef\xbc\x8f")) return std::string("err_command");
        out = {seen->user, seen->name, seen->text, "reply", "msg:" + seen->message.encode()};
    } else if (req.target) {
        if (*req.target == self) return std::string("err_bot");
        auto latest = st.ring.last_of(gk, *req.target);
        out.user = *req.target;
        out.name = latest ? latest->name : (req.target_name.empty() ? req.target->str() : req.target_name);
        out.source = "mention";
        if (!req.text.empty()) {
            out.text = req.text;
            out.dedupe = "text:" + req.target->encode() + ":" + req.text;
        } else if (latest) {
            out.text = latest->text;
            out.dedupe = "msg:" + latest->message.encode();
        } else {
            return std::string("err_no_text");
        }
    } else {
        return std::string("usage");
    }
    if (out.user == self) return std::string("err_bot");
    if (out.user == s.user_id()) return std::string("err_self");
    if (bot::trim(out.text).empty()) return std::string("err_no_text");
    out.name = bot::shown_name(out.name);
    out.text = bot::shown_text(bot::trim(out.text), max_share);
    if (out.dedupe.size() > 200) out.dedupe = out.dedupe.substr(0, 200);
    return out;
}

std::string next_vote_text(state& st, bot::group_ref const& g) {
    auto cfg = st.cfg(g);
    auto t = next_opening(cfg.vote_weekday, cfg.vote_at.minutes, st.ctx.clock().now(), st.ctx.group_tz(g));
    if (!t) return st.text(g, "next_vote_manual");
    return st.text(g, "next_vote_at", {{"when", st.when(g, t->time_since_epoch().count())}});
}

bot::task<> nominate(state_ptr st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto api = s.api();
    bot::id self = api ? api->self_id() : bot::id{};
    auto found = resolve(*st, s, read_nomination(*s.content()), self);
    if (auto const* problem = std::get_if<std::string>(&found)) {
        auto text = st->text(g, *problem);
        co_await call.reply(text);
        co_return;
    }
    auto const& sh = std::get<share>(found);
    auto cfg = st->cfg(g);
    std::optional<nomination_row> added;
    bool full = false;
    st->repo.db().immediate([&] {
        if (static_cast<int>(st->repo.pending(g.key()).size()) >= cfg.max_nominees) {
            full = true;
            return;
        }
        nomination_row n;
        n.group_key = g.key();
        n.nominee = sh.user.encode();
        n.nominee_name = sh.name;
        n.nominator = s.user_id().encode();
        n.nominator_name = s.user_name();
        n.source = sh.source;
        n.dedupe = sh.dedupe;
        n.text = sh.text;
        n.at = st->now();
        added = st->repo.add_nomination(n);
    });
    std::string text;
    if (full)
        text = st->text(g, "err_full", {{"max", cfg.max_nominees}});
    else if (!added)
        text = st->text(g, "err_duplicate", {{"name", sh.name}});
    else
        text = st->text(g, "nominated", {{"line", nominee_line(*st, g, *added, false)}, {"next", next_vote_text(*st, g)}});
    co_await call.reply(text);
}

/// A check-in long enough nominates itself, once per member and week, inside the check-in's transaction.
void on_checked_in(state& st, bot::checked_in const& e) {
    auto g = st.ctx.find_group(e.group_key);
    if (!g || !st.ctx.bot().plugin_enabled("bestshare", e.group_key)) return;
    auto cfg = st.cfg(*g);
    if (!long_enough(e.text, cfg.auto_min_chars)) return;
    if (static_cast<int>(st.repo.pending(e.group_key).size()) >= cfg.max_nominees) return;
    nomination_row n;
    n.group_key = e.group_key;
    n.nominee = e.user.encode();
    n.nominee_name = bot::shown_name(e.name);
    n.source = "checkin";
    n.dedupe = "checkin:" + e.user.encode();
    n.text = bot::shown_text(bot::trim(e.text), max_share);
    n.at = e.at;
    st.repo.add_nomination(n);
}

}  // namespace

std::string nominee_line(state& st, bot::group_ref const& g, nomination_row const& n, bool with_votes) {
    auto cfg = st.cfg(g);
    auto quote = bot::shown_name(n.text, static_cast<std::size_t>(cfg.quote_chars) * 3);
    bot::text_args args{{"num", n.num},
                        {"name", bot::shown_name(n.nominee_name)},
                        {"text", quote},
                        {"by", n.nominator.empty() ? st.text(g, "by_checkin")
                                                   : st.text(g, "by_member", {{"name", bot::shown_name(n.nominator_name)}})},
                        {"votes", n.votes}};
    return st.text(g, with_votes ? "line_votes" : "line", args);
}

void register_nominate(state_ptr const& st) {
    auto& ctx = st->ctx;
    ctx.middleware("recent", bot::priority::observe, [st](bot::session& s, bot::next_fn next) {
        return remember_then_next(st, s, std::move(next));
    });
    ctx.listen<bot::checked_in>([st](bot::checked_in& e) { on_checked_in(*st, e); });
    ctx.command({"nominate", "提名"}, "提名本周最佳分享：回复（引用）一条分享发 /提名，或 /提名 @成员 内容")
        .optional_arg("内容", bot::arg_kind::text, "@成员 分享内容")
        .where(bot::rule::in_group)
        .example("/提名 @bob 今天的读书笔记写得真好")
        .handle([st](bot::command_call& call) -> bot::task<> { co_await nominate(st, call); });
}

}  // namespace plugins::bestshare
