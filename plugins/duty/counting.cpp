// The KPI as it happens: every group message counts for the shift it was sent in (its sender
// among those who took part), a message of the member on duty that quotes or @-mentions a recent
// question counts as an answer, and a moderation command they ran counts as an action. All of it
// in memory; the jobs write it in batches.
#include <spdlog/spdlog.h>

#include "bot/moderation_notice.hpp"
#include "bot/question.hpp"
#include "plugins/duty/glue.hpp"
#include "storage/database.hpp"

namespace plugins::duty {

namespace {

void count(state& st, bot::session& s, bot::ev::group_message const& m) {
    auto const& g = *s.group();
    auto gk = g.key();
    auto const& r = st.roster_of(gk);
    if (r.rot.members.empty()) return;
    auto at = s.sent_at();
    auto sh = st.shift_at(g, at);
    auto key = shift_key(r.rot.kind, sh.first_day);
    auto sender = s.user_id();
    if (m.anonymous) return;
    st.counts.message(gk, key, sender);
    // The member on duty appears in the shift's figures even when they did nothing else.
    if (sh.who) st.counts.answered(gk, key, *sh.who, 0);
    st.arm_flush();
    auto text = m.content.plain_text();
    // A command is no answer, even one that names the asker (/mute @asker).
    bool command = st.ctx.command_named(s) != nullptr;
    if (sh.who && *sh.who == sender && !command) {
        std::vector<bot::id> quoted;
        std::vector<bot::id> mentioned;
        for (auto const& seg : m.content.segments()) {
            if (auto const* q = std::get_if<bot::seg::reply>(&seg)) quoted.push_back(q->message);
            if (auto const* a = std::get_if<bot::seg::at>(&seg)) mentioned.push_back(a->user);
        }
        if (auto n = st.questions.answer(gk, sender, quoted, mentioned, at, st.cfg(g).answer_window); n > 0)
            st.counts.answered(gk, key, sender, n);
    } else if (!(sh.who && *sh.who == sender) && bot::looks_like_question(text)) {
        st.questions.asked(gk, s.message_id(), sender, at);
    }
}

/// A coroutine of its own (not a capturing lambda), holding the state it needs for as long as it runs.
bot::task<> count_then_next(std::shared_ptr<state> st, bot::session& s, bot::next_fn next) {
    if (auto const* m = s.ev().as<bot::ev::group_message>(); m && s.group()) {
        try {
            count(*st, s, *m);
        } catch (std::exception const& e) {
            spdlog::warn("duty: a message in {} was not counted: {}", s.group()->key(), e.what());
        }
    }
    co_await next();
}

}  // namespace

void register_counting(std::shared_ptr<state> const& st) {
    st->ctx.middleware("kpi", bot::priority::observe, [st](bot::session& s, bot::next_fn next) {
        return count_then_next(st, s, std::move(next));
    });
    // Raised inside the moderating plugin's transaction: the count is undone if that rolls back.
    st->ctx.listen<bot::moderation_taken>([st](bot::moderation_taken& e) {
        auto g = st->ctx.find_group(e.group_key);
        if (!g || !st->ctx.enabled_in(*g)) return;
        auto const& r = st->roster_of(e.group_key);
        auto at = bot::time_point(std::chrono::seconds(e.at));
        auto sh = st->shift_at(*g, at);
        if (!sh.who || !(*sh.who == e.actor)) return;
        auto key = shift_key(r.rot.kind, sh.first_day);
        st->counts.moderated(e.group_key, key, e.actor);
        st->arm_flush();
        st->ctx.db().on_rollback([st, gk = e.group_key, key, who = e.actor] { st->counts.moderated(gk, key, who, -1); });
    });
}

}  // namespace plugins::duty
