// A survey as the admins read it: progress, a summary per question, and the CSV export.
#include <fmt/format.h>

#include <map>

#include "bot/display.hpp"
#include "plugins/poll/glue.hpp"
#include "plugins/poll/rules.hpp"
#include "plugins/poll/survey_flow.hpp"

namespace plugins::poll {

namespace {

/// How many names of members not done the progress line lists.
constexpr std::size_t names_shown = 30;
/// How long one answer is shown in the summary, in bytes.
constexpr std::size_t summary_answer_bytes = 150;

}  // namespace

std::pair<int, int> survey_progress(state& st, survey_row const& s) {
    int done = 0, total = 0;
    for (auto const& r : st.repo.respondents(s.id)) {
        ++total;
        if (r.done_at) ++done;
    }
    return {done, total};
}

std::string progress_text(state& st, bot::group_ref const& g, survey_row const& sv) {
    int done = 0, partial = 0, total = 0;
    std::string waiting;
    std::size_t listed = 0;
    for (auto const& r : st.repo.respondents(sv.id)) {
        ++total;
        if (r.done_at) {
            ++done;
            continue;
        }
        if (r.next > 0) ++partial;
        if (listed++ < names_shown) waiting += (waiting.empty() ? "" : "、") + bot::shown_name(r.name);
    }
    if (listed > names_shown) waiting += st.text(g, "more_names", {{"count", static_cast<int>(listed)}});
    auto status = !sv.started_at ? st.text(g, "survey_status_draft")
                  : sv.closed_at ? st.text(g, "survey_status_closed")
                                 : st.text(g, "survey_status_open", {{"deadline", st.when(g, *sv.deadline)}});
    bot::text_args args{{"num", sv.num},
                        {"title", sv.title},
                        {"done", done},
                        {"total", total},
                        {"partial", partial},
                        {"status", status},
                        {"waiting", waiting.empty() ? st.text(g, "nobody") : waiting}};
    return st.text(g, "survey_progress", args);
}

std::string survey_summary(state& st, bot::group_ref const& g, survey_row const& sv) {
    auto questions = st.repo.questions(sv.id);
    auto answers = st.repo.answers(sv.id);
    auto per_question = static_cast<std::size_t>(st.cfg(g).summary_answers);
    std::string lines;
    for (std::size_t i = 0; i < questions.size(); ++i) {
        std::string shown;
        std::size_t count = 0;
        for (auto const& a : answers) {
            if (a.question != static_cast<int>(i)) continue;
            if (count++ < per_question)
                shown +=
                    fmt::format("\n  · {}：{}", bot::shown_name(a.name), bot::shown_name(a.text, summary_answer_bytes));
        }
        bot::text_args args{{"index", static_cast<int>(i) + 1},
                            {"question", bot::shown_name(questions[i], 200)},
                            {"count", static_cast<int>(count)}};
        lines += (lines.empty() ? "" : "\n") + st.text(g, "survey_summary_question", args) + shown;
        if (count > per_question)
            lines += "\n  " + st.text(g, "survey_summary_more", {{"count", static_cast<int>(count - per_question)}});
    }
    auto counts = survey_progress(st, sv);
    bot::text_args args{
        {"num", sv.num}, {"title", sv.title}, {"done", counts.first}, {"total", counts.second}, {"lines", lines}};
    return st.text(g, "survey_summary", args);
}

std::string survey_csv(state& st, survey_row const& sv) {
    auto questions = st.repo.questions(sv.id);
    std::vector<std::string> header{"成员", "用户ID", "状态"};
    for (auto const& q : questions) header.push_back(q);
    std::string out = csv_row(header);
    std::map<std::string, std::map<int, std::string>> by_user;
    for (auto const& a : st.repo.answers(sv.id)) by_user[a.user][a.question] = a.text;
    for (auto const& r : st.repo.respondents(sv.id)) {
        std::vector<std::string> cells{r.name, bot::id::decode(r.user).str(),
                                       r.done_at    ? "答完"
                                       : r.next > 0 ? "答了部分"
                                                    : "未答"};
        auto const& mine = by_user[r.user];
        for (std::size_t i = 0; i < questions.size(); ++i) {
            auto it = mine.find(static_cast<int>(i));
            cells.push_back(it == mine.end() ? std::string() : it->second);
        }
        out += csv_row(cells);
    }
    return out;
}

}  // namespace plugins::poll
