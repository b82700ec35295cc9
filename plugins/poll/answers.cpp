// Surveys, the members' side. Where each member stands is in the database (next question, when it
// was put), never in a waiting coroutine: a private message from a member with a question put to
// them is the answer, and the next question goes in the same reply, claimed in the answer's
// transaction. A restart resumes exactly there, and no question is put twice.
#include <fmt/format.h>

#include "bot/display.hpp"
#include "plugins/poll/glue.hpp"
#include "plugins/poll/rules.hpp"
#include "plugins/poll/survey_flow.hpp"

namespace plugins::poll {

namespace {

bool running(survey_row const& sv, std::int64_t now) {
    return sv.started_at && !sv.closed_at && sv.deadline && *sv.deadline > now;
}

/// Records the answer to the question put to the member and returns the reply: the next question,
/// or thanks after the last.
std::string take_answer(state& st, bot::group_ref const& g, survey_row const& sv, respondent_row const& r,
                        std::string const& raw) {
    auto cfg = st.cfg(g);
    auto answer = bot::shown_text(trim(raw), static_cast<std::size_t>(cfg.max_answer));
    if (answer.empty()) return st.text(g, "survey_answer_empty");
    auto total = static_cast<int>(st.repo.questions(sv.id).size());
    bool last = r.next + 1 >= total;
    bool taken = false;
    st.repo.db().immediate([&] { taken = st.repo.answer(sv.id, r.user, r.next, answer, last, st.now()); });
    if (!taken) return st.text(g, "survey_err_not_asked", {{"num", sv.num}});
    auto saved = st.text(g, "survey_answer_saved", {{"index", r.next + 1}, {"total", total}});
    if (last) return saved + "\n" + st.text(g, "survey_done", {{"num", sv.num}, {"title", sv.title}});
    return saved + "\n" + question_text(st, g, sv, r.next + 1);
}

bot::task<> on_private(state_ptr st, bot::session& s) {
    if (s.handled_by_command || s.stopped() || !s.content()) co_return;
    // A command that does not apply in private ("/survey answer" typed to the bot) is no answer.
    if (st->ctx.command_named(s)) co_return;
    auto waiting = st->repo.waiting(s.ev().platform, s.user_id().encode(), st->now());
    if (waiting.empty()) co_return;
    auto sv = st->repo.survey_by_id(waiting.front().survey_id);
    auto g = sv ? st->ctx.find_group(sv->group_key) : std::nullopt;
    if (!g) co_return;
    s.stop();
    auto text = take_answer(*st, *g, *sv, waiting.front(), s.text());
    co_await s.reply(text);
}

/// The group's survey a member means: the one named, else the one waiting for their answer, else
/// the only running one; or the problem's text key.
std::variant<survey_row, std::string> meant(state& st, bot::session const& s, std::optional<int> num) {
    auto gk = s.group()->key();
    auto now = st.now();
    if (num) {
        auto sv = st.repo.survey_by_num(gk, *num);
        if (!sv) return std::string("survey_err_none");
        if (!running(*sv, now)) return std::string(sv->started_at ? "survey_err_closed" : "survey_err_not_started");
        return *sv;
    }
    std::vector<survey_row> open;
    for (auto& sv : st.repo.surveys(gk, 50))
        if (running(sv, now)) open.push_back(std::move(sv));
    auto user = s.user_id().encode();
    std::optional<survey_row> best;
    std::int64_t best_at = 0;
    for (auto const& sv : open)
        if (auto r = st.repo.respondent(sv.id, user);
            r && r->asked_at && !r->done_at && (!best || *r->asked_at < best_at)) {
            best = sv;
            best_at = *r->asked_at;
        }
    if (best) return *best;
    if (open.empty()) return std::string("survey_err_none_running");
    if (open.size() > 1) return std::string("survey_err_which");
    return open.front();
}

/// Enrolls the member (opting in) and claims their next question when none is put yet; returns
/// where they stand and whether the question was put just now.
std::pair<respondent_row, bool> join(state& st, survey_row const& sv, bot::session const& s) {
    auto user = s.user_id().encode();
    respondent_row r;
    bool claimed = false;
    st.repo.db().immediate([&] {
        st.repo.enroll(sv.id, user, s.user_name());
        r = *st.repo.respondent(sv.id, user);
        if (!r.done_at && !r.asked_at) claimed = st.repo.claim_ask(sv.id, user, r.next, st.now());
    });
    return {r, claimed};
}

bot::task<> answer_in_group(state_ptr st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto ref = split_ref(call.text("回答"));
    auto found = meant(*st, s, ref.first);
    std::string text;
    if (auto const* e = std::get_if<std::string>(&found)) {
        text = st->text(g, *e, {{"num", ref.first.value_or(0)}});
    } else {
        auto const& sv = std::get<survey_row>(found);
        auto r = st->repo.respondent(sv.id, s.user_id().encode());
        if (!ref.second.empty()) {
            // An answer needs a question put first: nothing is recorded for one never asked.
            if (r && r->done_at)
                text = st->text(g, "survey_already_done", {{"num", sv.num}, {"title", sv.title}});
            else if (r && r->asked_at)
                text = take_answer(*st, g, sv, *r, ref.second);
            else
                text = st->text(g, "survey_err_not_asked", {{"num", sv.num}});
        } else {
            auto joined = join(*st, sv, s);
            text = joined.first.done_at ? st->text(g, "survey_already_done", {{"num", sv.num}, {"title", sv.title}})
                                        : question_text(*st, g, sv, joined.first.next) + "\n" +
                                              st->text(g, "survey_answer_hint", {{"num", sv.num}});
        }
    }
    co_await s.reply(text);
}

bot::task<> join_survey(state_ptr st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto num = call.has("调研") ? parse_ref(call.text("调研")) : std::nullopt;
    if (call.has("调研") && !num) num = 0;
    auto found = meant(*st, s, num);
    std::string text;
    if (auto const* e = std::get_if<std::string>(&found)) {
        text = st->text(g, *e, {{"num", num.value_or(0)}});
    } else {
        auto const& sv = std::get<survey_row>(found);
        auto joined = join(*st, sv, s);
        bot::text_args args{{"num", sv.num}, {"title", sv.title}};
        if (joined.first.done_at) {
            text = st->text(g, "survey_already_done", args);
        } else if (!joined.second) {
            text = st->text(g, "survey_already_in", args);
        } else {
            auto question = bot::message(question_text(*st, g, sv, joined.first.next) + "\n" +
                                         st->text(g, "survey_private_hint", args));
            auto api = st->ctx.api_for(g);
            auto to = bot::target::user_of(s.user_id());
            bool sent = api && (co_await api->send(to, question)).ok();
            text = sent ? st->text(g, "survey_joined", args)
                        : question_text(*st, g, sv, joined.first.next) + "\n" + st->text(g, "survey_answer_hint", args);
        }
    }
    co_await s.reply(text);
}

bot::task<> on_deadline(state_ptr st, bot::job_run const& run) {
    if (!run.group) co_return;
    co_await close_survey(st, *run.group, std::stoll(run.payload));
}

}  // namespace

std::string survey_job_key(std::int64_t survey) {
    return fmt::format("poll.survey_close@{}", survey);
}

bot::task<enrolment> enroll_everyone(state_ptr st, bot::group_ref g, survey_row sv) {
    enrolment out;
    auto api = st->ctx.api_for(g);
    if (!api || !api->caps().member_list) co_return out;
    auto listed = co_await api->members(g.group);
    if (!listed) co_return out;
    out.listed = true;
    auto at = st->now();
    // Enrolment and the claims commit together; each claimed question is then sent once.
    st->repo.db().immediate([&] {
        for (auto const& m : listed.value()) {
            if (m.user == api->self_id()) continue;
            auto u = m.user.encode();
            st->repo.enroll(sv.id, u, m.display_name());
            if (st->repo.claim_ask(sv.id, u, 0, at)) out.to_ask.push_back(m.user);
        }
    });
    co_return out;
}

bot::task<int> send_first_questions(state_ptr st, bot::group_ref g, survey_row sv, std::vector<bot::id> to_ask) {
    bot::text_args args{{"num", sv.num}, {"title", sv.title}};
    auto text = question_text(*st, g, sv, 0) + "\n" + st->text(g, "survey_private_hint", args);
    int failed = 0;
    for (auto const& u : to_ask) {
        auto api = st->ctx.api_for(g);
        auto msg = bot::message(text);
        auto to = bot::target::user_of(u);
        if (!api || !(co_await api->send(to, msg)).ok()) ++failed;
    }
    co_return failed;
}

std::string question_text(state& st, bot::group_ref const& g, survey_row const& sv, int index) {
    auto questions = st.repo.questions(sv.id);
    auto i = static_cast<std::size_t>(index);
    bot::text_args args{{"num", sv.num},
                        {"title", sv.title},
                        {"index", index + 1},
                        {"total", static_cast<int>(questions.size())},
                        {"question", i < questions.size() ? questions[i] : std::string()},
                        {"deadline", sv.deadline ? st.when(g, *sv.deadline) : std::string()}};
    return st.text(g, "survey_question", args);
}

bot::task<bool> close_survey(state_ptr st, bot::group_ref g, std::int64_t survey) {
    bool closed = false;
    st->repo.db().immediate([&] { closed = st->repo.close_survey(survey, st->now()); });
    st->ctx.scheduler().cancel(survey_job_key(survey));
    if (!closed) co_return false;
    auto sv = st->repo.survey_by_id(survey);
    auto counts = survey_progress(*st, *sv);
    bot::text_args args{{"num", sv->num}, {"title", sv->title}, {"done", counts.first}, {"total", counts.second}};
    auto msg = bot::message(st->text(g, "survey_closed", args));
    co_await st->ctx.send(g, msg);
    co_return true;
}

void register_answers(state_ptr const& st) {
    auto& ctx = st->ctx;
    ctx.job("survey_close", [st](bot::job_run const& run) { return on_deadline(st, run); });
    ctx.on<bot::ev::private_message>(
        [st](bot::session& s, bot::ev::private_message const&) -> bot::task<> { co_await on_private(st, s); });
    ctx.command({"survey answer", "回答调研"}, "在群里回答调研：/survey answer 看题目，/survey answer 你的回答")
        .optional_arg("回答", bot::arg_kind::text, "[#编号] 回答")
        .where(bot::rule::in_group)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await answer_in_group(st, call); });
    ctx.command({"survey join", "参加调研"}, "参加调研，机器人私聊逐题提问")
        .optional_arg("调研", bot::arg_kind::word, "#编号")
        .where(bot::rule::in_group)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await join_survey(st, call); });
}

}  // namespace plugins::poll
