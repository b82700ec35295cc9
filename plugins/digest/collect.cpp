// Collecting: a member's message that asks something becomes a question; a later message that
// quotes it, or that @-mentions its asker within the answer window, becomes an answer. Only these
// write to the database (one row each, in the core's batches); every other message is matched against the group's index
// of recent questions in memory.
#include <algorithm>

#include "bot/display.hpp"
#include "bot/utf8.hpp"
#include "bot/core.hpp"
#include "plugins/digest/glue.hpp"
#include "storage/database.hpp"

namespace plugins::digest {

namespace {

/// The group's index, loaded from the database the first time the group is seen.
std::deque<indexed_question>& index_of(state& st, std::string const& gk) {
    auto it = st.index.find(gk);
    if (it != st.index.end()) return it->second;
    auto& idx = st.index[gk];
    for (auto const& q : st.repo.recent(gk, 0, static_cast<int>(indexed_per_group)))
        idx.push_front({q.id, q.number, q.message_id, q.asker, q.at});
    return idx;
}

/// The question a message answers, if any: the one it quotes, else the latest question of a
/// member it @-mentions asked within the window. Never the sender's own question.
indexed_question const* answered(std::deque<indexed_question> const& idx, bot::message const& m, bot::id const& from,
                                 std::int64_t now, std::chrono::seconds window) {
    if (auto const* r = m.first<bot::seg::reply>()) {
        auto mid = r->message.encode();
        for (auto it = idx.rbegin(); it != idx.rend(); ++it)
            if (it->message_id == mid) return it->asker == from ? nullptr : &*it;
    }
    if (!m.has<bot::seg::at>()) return nullptr;
    for (auto it = idx.rbegin(); it != idx.rend(); ++it) {
        if (it->at < now - window.count()) break;
        if (it->asker != from && it->at <= now && m.mentions(it->asker)) return &*it;
    }
    return nullptr;
}

void heard(state& st, bot::session& s, bot::ev::group_message const& e) {
    auto const& g = *s.group();
    auto gk = g.key();
    auto cfg = st.cfg(g);
    auto text = std::string(bot::trim(e.content.text_only()));
    auto& idx = index_of(st, gk);
    auto now = state::unix(s.sent_at());
    auto mid = e.message_id.encode();
    if (auto const* q = answered(idx, e.content, s.user_id(), now, cfg.answer_window); q && !text.empty()) {
        new_answer a{mid, s.user_id(), s.user_name(), rank_of(s), bot::shorten(bot::printable(text), stored_bytes),
                     now};
        auto question = q->id;
        st.repo.add_answer(question, a);
    }
    if (!worth_collecting(text, cfg.question_words, cfg.min_length)) return;
    new_question nq{mid, s.user_id(), s.user_name(), bot::shorten(bot::printable(text), stored_bytes), now};
    auto row = st.repo.add_question(gk, nq);
    if (!row) return;
    idx.push_back({row->id, row->number, row->message_id, row->asker, row->at});
    while (idx.size() > indexed_per_group) idx.pop_front();
}

/// A recalled question leaves the collection; a recalled answer leaves its question.
void recalled(state& st, bot::group_ref const& g, bot::ev::message_recalled const& e) {
    auto gk = g.key();
    auto mid = e.message_id.encode();
    std::optional<int> number;
    st.repo.db().immediate([&] {
        number = st.repo.forget_message(gk, mid);
        st.repo.forget_answer(gk, mid);
    });
    if (number) unindex(st, gk, *number);
}

}  // namespace

answer_rank rank_of(bot::session const& s) {
    if (s.role() == bot::role::owner || s.role() == bot::role::admin) return answer_rank::admin;
    // The bot's 分管 (granted, or on a duty shift) rank next.
    if (s.in_group() && s.bot().holds_role(*s.group(), s.user_id(), bot::moderator_role)) return answer_rank::duty;
    return answer_rank::member;
}

void register_collector(std::shared_ptr<state> const& st) {
    auto& ctx = st->ctx;
    ctx.on<bot::ev::group_message>([st](bot::session& s, bot::ev::group_message const& e) -> bot::task<> {
        if (!s.group() || s.handled_by_command || e.anonymous) co_return;
        auto api = s.api();
        if (api && s.user_id() == api->self_id()) co_return;
        heard(*st, s, e);
    });
    ctx.on<bot::ev::message_recalled>([st](bot::session& s, bot::ev::message_recalled const& e) -> bot::task<> {
        if (s.group()) recalled(*st, *s.group(), e);
        co_return;
    });
}

/// Drops a forgotten question from the group's index.
void unindex(state& st, std::string const& gk, int number) {
    auto it = st.index.find(gk);
    if (it == st.index.end()) return;
    std::erase_if(it->second, [&](auto const& q) { return q.number == number; });
}

}  // namespace plugins::digest
