// The digest: the answered questions of a period with their best answers, as one message (split
// into a few when long). The scheduled one is decided and recorded (a row per group and period) in
// one transaction, so a restart or a repeated job never posts a period twice; a period without an
// answered question posts nothing.
#include <spdlog/spdlog.h>

#include <algorithm>

#include "bot/display.hpp"
#include "bot/utf8.hpp"
#include "plugins/digest/glue.hpp"
#include "storage/database.hpp"

namespace plugins::digest {

namespace {

/// The longest digest message in bytes, and how many messages one digest may take.
constexpr std::size_t message_bytes = 1800;
constexpr std::size_t messages_at_most = 3;
/// How much of a question and of an answer the digest prints, in bytes.
constexpr std::size_t question_bytes = 240;
constexpr std::size_t answer_bytes = 300;
/// How many unanswered questions the digest lists at most.
constexpr std::size_t unanswered_at_most = 10;

std::string role_words(state& st, bot::group_ref const& g, answer_rank r) {
    if (r == answer_rank::admin) return st.ctx.render(g, "role_admin");
    if (r == answer_rank::duty) return st.ctx.render(g, "role_duty");
    return {};
}

std::string question_block(state& st, bot::group_ref const& g, question_row const& q) {
    bot::text_args args{{"number", q.number},
                        {"name", bot::shown_name(q.asker_name)},
                        {"question", bot::shown_text(q.text, question_bytes)},
                        {"time", stamp(st, g, q.at)}};
    auto out = st.ctx.render(g, "question", args);
    for (auto const& a : best_of(st, g, q.id)) {
        bot::text_args aa{{"name", bot::shown_name(a.answerer_name)},
                          {"role", role_words(st, g, a.rank)},
                          {"answer", bot::shown_text(a.text, answer_bytes)}};
        out += "\n" + st.ctx.render(g, "answer", aa);
    }
    return out;
}

std::string unanswered_block(state& st, bot::group_ref const& g, std::vector<question_row> const& open) {
    auto out = st.ctx.render(g, "unanswered_head");
    for (std::size_t i = 0; i < open.size() && i < unanswered_at_most; ++i) {
        bot::text_args args{{"number", open[i].number},
                            {"name", bot::shown_name(open[i].asker_name)},
                            {"question", bot::shown_text(open[i].text, question_bytes)}};
        out += "\n" + st.ctx.render(g, "unanswered_line", args);
    }
    return out;
}

/// The scheduled digest of the period that ends at `fire`.
bot::task<> scheduled(state& st, bot::group_ref const& g, bot::time_point fire) {
    auto cfg = st.cfg(g);
    if (cfg.schedule == "off") co_return;
    // Where a group message goes to the owner to post (WeCom customer groups), no daily chore.
    if (auto api = st.ctx.api_for(g); api && !api->caps().group_post) co_return;
    auto tz = st.ctx.group_tz(g);
    auto from = period_start(fire - std::chrono::seconds(1), tz, schedule_of(cfg));
    auto period = tz.to_local(fire).date.str();
    std::optional<built_digest> d;
    st.repo.db().immediate([&] {
        d = build_digest(st, g, from, fire);
        if (d && !st.repo.record_post(g.key(), {period, state::unix(fire), "auto", d->questions, {}, false})) d.reset();
    });
    if (d) co_await send_digest(st, g, period, *d);
}

}  // namespace

digest_schedule schedule_of(config const& cfg) {
    return {cfg.schedule == "weekly", cfg.weekday, cfg.digest_at.minutes};
}

std::string stamp(state& st, bot::group_ref const& g, std::int64_t at) {
    return st.ctx.group_tz(g).to_local(state::from_unix(at)).str();
}

std::vector<answer_row> best_of(state& st, bot::group_ref const& g, std::int64_t question) {
    auto all = st.repo.answers_of(question);
    std::vector<answer_value> values;
    for (auto const& a : all) values.push_back({a.answerer.encode(), a.rank, bot::code_points(a.text), a.at});
    std::vector<answer_row> out;
    for (auto i : best_answers(values, st.cfg(g).answers_per_question)) out.push_back(all[i]);
    return out;
}

std::optional<built_digest> build_digest(state& st, bot::group_ref const& g, bot::time_point from, bot::time_point to) {
    auto cfg = st.cfg(g);
    auto asked = st.repo.asked_between(g.key(), state::unix(from), state::unix(to));
    std::vector<question_row> answered;
    std::vector<question_row> open;
    for (auto& q : asked) (q.answers > 0 ? answered : open).push_back(std::move(q));
    if (answered.empty()) return std::nullopt;
    // Over the cap, the questions with the most answers stay; they are listed in the order asked.
    auto left_out = 0;
    if (answered.size() > static_cast<std::size_t>(cfg.max_questions)) {
        std::stable_sort(answered.begin(), answered.end(),
                         [](auto const& a, auto const& b) { return a.answers > b.answers; });
        left_out = static_cast<int>(answered.size()) - cfg.max_questions;
        answered.resize(static_cast<std::size_t>(cfg.max_questions));
        std::sort(answered.begin(), answered.end(), [](auto const& a, auto const& b) { return a.at < b.at; });
    }
    auto tz = st.ctx.group_tz(g);
    bot::text_args head{{"from", tz.to_local(from).date.str()},
                        {"date", tz.to_local(to - std::chrono::seconds(1)).date.str()},
                        {"count", static_cast<int>(answered.size())}};
    std::vector<std::string> blocks{st.ctx.render(g, cfg.schedule == "weekly" ? "head_weekly" : "head", head)};
    for (auto const& q : answered) blocks.push_back(question_block(st, g, q));
    if (left_out > 0) {
        bot::text_args args{{"count", left_out}};
        blocks.push_back(st.ctx.render(g, "more", args));
    }
    if (cfg.list_unanswered && !open.empty()) blocks.push_back(unanswered_block(st, g, open));
    blocks.push_back(st.ctx.render(g, "footer"));
    auto split = split_blocks(blocks, message_bytes, messages_at_most);
    return built_digest{std::move(split.messages), static_cast<int>(answered.size())};
}

bot::task<> send_digest(state& st, bot::group_ref const& g, std::string const& period, built_digest const& d) {
    bool stored = false;
    for (auto const& text : d.messages) {
        auto msg = bot::message(text);
        auto sent = co_await st.ctx.send(g, msg);
        if (!sent) {
            spdlog::warn("digest: {} for {} not sent: {}", period, g.key(), sent.err().detail);
            continue;
        }
        if (stored) continue;
        stored = true;
        auto id = sent->encode();
        st.repo.db().immediate([&] { st.repo.set_post_message(g.key(), period, id); });
    }
}

void register_poster(std::shared_ptr<state> const& st) {
    st->ctx.each_group(
        "post",
        [st](bot::group_ref const& g) -> std::optional<bot::recurrence> {
            auto cfg = st->cfg(g);
            if (cfg.schedule == "off") return std::nullopt;
            if (cfg.schedule == "weekly") return bot::recurrence::weekly(cfg.weekday, cfg.digest_at.minutes);
            return bot::recurrence::daily(cfg.digest_at.minutes);
        },
        [st](bot::group_ref const& g, bot::time_point fire) -> bot::task<> { co_await scheduled(*st, g, fire); });
}

}  // namespace plugins::digest
