// Surveys, the admins' side: define one (title and questions), start it (every member listed by
// the platform is asked in private, one question at a time), follow its progress, read the summary,
// and export the answers as CSV.
#include <fmt/format.h>

#include "bot/display.hpp"
#include "plugins/poll/glue.hpp"
#include "plugins/poll/rules.hpp"
#include "plugins/poll/survey_flow.hpp"

namespace plugins::poll {

namespace {

/// Built on use: the core's permission values are globals of another file.
bot::condition admin() {
    return bot::perm::group_admin || bot::perm::superuser;
}

bot::task<> say(bot::session& s, std::string const& text) {
    auto msg = bot::message(text);
    co_await s.reply(msg);
}

bot::task<> create(state_ptr st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto cfg = st->cfg(g);
    auto parts = split_bars(call.text("内容"));
    std::string problem;
    if (parts.empty() || parts.front().empty())
        problem = "survey_err_format";
    else if (static_cast<int>(parts.size()) - 1 > cfg.max_questions)
        problem = "survey_err_too_many";
    for (std::size_t i = 1; i < parts.size() && problem.empty(); ++i)
        if (parts[i].empty()) problem = "survey_err_empty";
    if (!problem.empty()) {
        auto reply_text = st->text(g, problem, {{"max", cfg.max_questions}});
        co_await say(s, reply_text);
        co_return;
    }
    survey_row sv;
    st->repo.db().immediate([&] {
        sv = st->repo.add_survey(g.key(), bot::shown_name(parts.front(), 60), s.user_id().encode(), st->now());
        for (std::size_t i = 1; i < parts.size(); ++i)
            st->repo.add_question(sv.id, bot::shown_text(parts[i], static_cast<std::size_t>(cfg.max_question)));
    });
    bot::text_args args{{"num", sv.num}, {"title", sv.title}, {"count", static_cast<int>(parts.size()) - 1}};
    auto reply_text = st->text(g, "survey_created", args);
    co_await say(s, reply_text);
}

/// The survey named by "#S" at the start of the text, or the problem's text key.
std::variant<survey_row, std::string> named(state& st, bot::group_ref const& g, std::optional<int> num) {
    if (!num) return std::string("survey_err_ref");
    auto sv = st.repo.survey_by_num(g.key(), *num);
    if (!sv) return std::string("survey_err_none");
    return *sv;
}

bot::task<> add_question(state_ptr st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto cfg = st->cfg(g);
    auto ref = split_ref(call.text("内容"));
    auto num = ref.first;
    auto const& rest = ref.second;
    auto found = named(*st, g, num);
    std::string problem;
    if (auto const* e = std::get_if<std::string>(&found))
        problem = *e;
    else if (std::get<survey_row>(found).started_at)
        problem = "survey_err_started";
    else if (rest.empty())
        problem = "survey_err_empty";
    else if (static_cast<int>(st->repo.questions(std::get<survey_row>(found).id).size()) >= cfg.max_questions)
        problem = "survey_err_too_many";
    if (!problem.empty()) {
        auto reply_text = st->text(g, problem, {{"max", cfg.max_questions}, {"num", num.value_or(0)}});
        co_await say(s, reply_text);
        co_return;
    }
    auto const& sv = std::get<survey_row>(found);
    auto idx = st->repo.add_question(sv.id, bot::shown_text(rest, static_cast<std::size_t>(cfg.max_question)));
    auto reply_text = st->text(g, "survey_question_added", {{"num", sv.num}, {"index", idx + 1}});
    co_await say(s, reply_text);
}

bot::task<> start(state_ptr st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto cfg = st->cfg(g);
    auto ref = split_ref(call.text("内容"));
    auto num = ref.first;
    auto const& rest = ref.second;
    auto found = named(*st, g, num);
    std::string problem;
    auto now = s.now();
    auto deadline = now + cfg.survey_deadline;
    if (auto const* e = std::get_if<std::string>(&found))
        problem = *e;
    else if (std::get<survey_row>(found).started_at)
        problem = "survey_err_started";
    else if (st->repo.questions(std::get<survey_row>(found).id).empty())
        problem = "survey_err_no_questions";
    else if (!rest.empty()) {
        auto d = parse_deadline(rest);
        if (!d)
            problem = "err_deadline";
        else
            deadline = resolve(*d, now, s.tz());
    }
    if (problem.empty() && deadline <= now) problem = "err_past";
    if (problem.empty() && deadline - now > cfg.max_deadline) problem = "err_too_far";
    if (!problem.empty()) {
        bot::text_args args{{"num", num.value_or(0)}, {"max", bot::format_duration(cfg.max_deadline)}};
        auto reply_text = st->text(g, problem, args);
        co_await say(s, reply_text);
        co_return;
    }
    auto sv = std::get<survey_row>(found);
    bool started = false;
    st->repo.db().immediate([&] {
        started = st->repo.start_survey(sv.id, st->now(), deadline.time_since_epoch().count());
        if (started)
            st->ctx.scheduler().schedule(survey_job_key(sv.id), "poll.survey_close", bot::recurrence::once(deadline),
                                         s.tz(), g, std::to_string(sv.id));
    });
    if (!started) {
        auto reply_text = st->text(g, "survey_err_started", {{"num", sv.num}});
        co_await say(s, reply_text);
        co_return;
    }
    sv = *st->repo.survey_by_id(sv.id);
    auto enrolled = co_await enroll_everyone(st, g, sv);
    bot::text_args args{{"num", sv.num},
                        {"title", sv.title},
                        {"deadline", st->when(g, *sv.deadline)},
                        {"count", static_cast<int>(st->repo.questions(sv.id).size())},
                        {"asked", static_cast<int>(enrolled.to_ask.size())},
                        {"failed", 0}};
    auto key = enrolled.listed ? "survey_started" : "survey_started_optin";
    auto reply_text = st->text(g, key, args);
    co_await say(s, reply_text);
    // The group hears of the start first; the private questions follow at the outbox's pace.
    auto failed = co_await send_first_questions(st, g, sv, enrolled.to_ask);
    if (failed == 0) co_return;
    bot::text_args failed_args{{"num", sv.num}, {"title", sv.title}, {"failed", failed}};
    auto note = bot::message(st->text(g, "survey_private_failed", failed_args));
    co_await st->ctx.send(g, note);
}

bot::task<> progress(state_ptr st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto found = named(*st, g, parse_ref(call.text("调研")));
    if (auto const* e = std::get_if<std::string>(&found)) {
        auto reply_text = st->text(g, *e, {{"num", 0}});
        co_await say(s, reply_text);
        co_return;
    }
    auto const& sv = std::get<survey_row>(found);
    auto reply_text = progress_text(*st, g, sv);
    co_await say(s, reply_text);
}

bot::task<> summary(state_ptr st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto found = named(*st, g, parse_ref(call.text("调研")));
    if (auto const* e = std::get_if<std::string>(&found)) {
        auto reply_text = st->text(g, *e, {{"num", 0}});
        co_await say(s, reply_text);
        co_return;
    }
    auto reply_text = survey_summary(*st, g, std::get<survey_row>(found));
    co_await say(s, reply_text);
}

bot::task<> export_csv(state_ptr st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto found = named(*st, g, parse_ref(call.text("调研")));
    if (auto const* e = std::get_if<std::string>(&found)) {
        auto reply_text = st->text(g, *e, {{"num", 0}});
        co_await say(s, reply_text);
        co_return;
    }
    auto const& sv = std::get<survey_row>(found);
    auto csv = survey_csv(*st, sv);
    auto rows = static_cast<int>(std::count(csv.begin(), csv.end(), '\n')) - 1;
    auto head = st->text(g, "survey_export_head", {{"num", sv.num}, {"title", sv.title}, {"rows", rows}});
    auto body = bot::message(head + "\n" + trim(csv));
    auto api = st->ctx.api_for(g);
    bool sent = false;
    auto to = bot::target::user_of(s.user_id());
    if (api) sent = (co_await api->send(to, body)).ok();
    auto reply_text = st->text(g, sent ? "survey_exported" : "survey_export_failed", {{"num", sv.num}, {"rows", rows}});
    co_await say(s, reply_text);
}

bot::task<> close(state_ptr st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto found = named(*st, g, parse_ref(call.text("调研")));
    std::string problem;
    if (auto const* e = std::get_if<std::string>(&found))
        problem = *e;
    else if (!std::get<survey_row>(found).started_at)
        problem = "survey_err_not_started";
    if (problem.empty() && !co_await close_survey(st, g, std::get<survey_row>(found).id)) problem = "survey_err_closed";
    if (!problem.empty()) {
        auto reply_text = st->text(g, problem, {{"num", 0}});
        co_await say(s, reply_text);
    }
}

bot::task<> list(state_ptr st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    std::string lines;
    for (auto const& sv : st->repo.surveys(g.key(), 10)) {
        auto counts = survey_progress(*st, sv);
        auto status = !sv.started_at ? st->text(g, "survey_status_draft")
                      : sv.closed_at ? st->text(g, "survey_status_closed")
                                     : st->text(g, "survey_status_open", {{"deadline", st->when(g, *sv.deadline)}});
        lines += "\n" + st->text(g, "survey_list_line",
                                 {{"num", sv.num},
                                  {"title", sv.title},
                                  {"status", status},
                                  {"done", counts.first},
                                  {"total", counts.second}});
    }
    auto reply_text =
        lines.empty() ? st->text(g, "survey_list_none") : st->text(g, "survey_list", {{"lines", lines.substr(1)}});
    co_await say(s, reply_text);
}

}  // namespace

void register_surveys(state_ptr const& st) {
    auto& ctx = st->ctx;
    ctx.command({"survey new", "新建调研"}, "新建调研（管理员）：/survey new 标题 [| 问题1 | 问题2 ...]")
        .arg("内容", bot::arg_kind::text, "标题 | 问题1 | 问题2")
        .where(bot::rule::in_group)
        .permit(admin())
        .handle([st](bot::command_call& call) -> bot::task<> { co_await create(st, call); });
    ctx.command({"survey q", "调研加题"}, "给调研加一个问题（管理员）：/survey q #1 问题")
        .arg("内容", bot::arg_kind::text, "#编号 问题")
        .where(bot::rule::in_group)
        .permit(admin())
        .handle([st](bot::command_call& call) -> bot::task<> { co_await add_question(st, call); });
    ctx.command({"survey start", "开始调研"}, "开始调研，私聊每位成员逐题提问（管理员）：/survey start #1 [3d]")
        .arg("内容", bot::arg_kind::text, "#编号 [截止]")
        .where(bot::rule::in_group)
        .permit(admin())
        .handle([st](bot::command_call& call) -> bot::task<> { co_await start(st, call); });
    ctx.command({"survey progress", "调研进度"}, "调研进度（管理员）")
        .arg("调研", bot::arg_kind::word, "#编号")
        .where(bot::rule::in_group)
        .permit(admin())
        .handle([st](bot::command_call& call) -> bot::task<> { co_await progress(st, call); });
    ctx.command({"survey summary", "调研汇总"}, "调研汇总（管理员）")
        .arg("调研", bot::arg_kind::word, "#编号")
        .where(bot::rule::in_group)
        .permit(admin())
        .handle([st](bot::command_call& call) -> bot::task<> { co_await summary(st, call); });
    ctx.command({"survey export", "导出调研"}, "把调研回答导出为 CSV，私聊发给你（管理员）")
        .arg("调研", bot::arg_kind::word, "#编号")
        .where(bot::rule::in_group)
        .permit(admin())
        .handle([st](bot::command_call& call) -> bot::task<> { co_await export_csv(st, call); });
    ctx.command({"survey close", "结束调研"}, "提前结束调研（管理员）")
        .arg("调研", bot::arg_kind::word, "#编号")
        .where(bot::rule::in_group)
        .permit(admin())
        .handle([st](bot::command_call& call) -> bot::task<> { co_await close(st, call); });
    ctx.command({"surveys", "调研列表"}, "本群的调研")
        .where(bot::rule::in_group)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await list(st, call); });
}

}  // namespace plugins::poll
