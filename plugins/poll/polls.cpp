// Polls: /poll creates one, /vote casts or replaces the member's one ballot, and the results are
// posted once, at the deadline (a persisted job) or when the poll is closed early.
#include <fmt/format.h>

#include <variant>

#include "bot/display.hpp"
#include "plugins/poll/glue.hpp"
#include "plugins/poll/rules.hpp"

namespace plugins::poll {

namespace {

std::string job_key(std::int64_t id) {
    return fmt::format("poll.close@{}", id);
}

bool may_manage(bot::session const& s, poll_row const& p) {
    return s.role() != bot::role::member || s.is_superuser() || s.user_id().encode() == p.creator;
}

std::string choices_text(poll_row const& p, std::vector<int> const& choices) {
    std::string out;
    for (int c : choices)
        out += (out.empty() ? "" : "、") + fmt::format("{}. {}", c, p.options[static_cast<std::size_t>(c - 1)]);
    return out;
}

/// Closes the poll and returns its final results; nullopt when it was closed before (they were posted).
std::optional<std::string> close_and_render(state& st, bot::group_ref const& g, std::int64_t id) {
    std::optional<std::string> out;
    st.repo.db().immediate([&] {
        if (!st.repo.close_poll(id, st.now())) return;
        auto p = st.repo.poll_by_id(id);
        if (p) out = results_text(st, g, *p);
    });
    st.ctx.scheduler().cancel(job_key(id));
    return out;
}

bot::task<> create(state_ptr st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto cfg = st->cfg(g);
    auto parsed = parse_poll(call.text("内容"), cfg.max_options);
    if (!parsed.spec) {
        bot::text_args args{{"max", cfg.max_options}};
        auto text = st->text(g, parsed.error, args);
        co_await s.reply(text);
        co_return;
    }
    auto const& spec = *parsed.spec;
    auto now = s.now();
    auto deadline = spec.deadline ? resolve(*spec.deadline, now, s.tz()) : now + cfg.default_deadline;
    std::string problem;
    if (deadline <= now)
        problem = "err_past";
    else if (deadline - now > cfg.max_deadline)
        problem = "err_too_far";
    if (!problem.empty()) {
        bot::text_args args{{"max", bot::format_duration(cfg.max_deadline)}};
        auto text = st->text(g, problem, args);
        co_await s.reply(text);
        co_return;
    }
    poll_row p;
    p.group_key = g.key();
    p.creator = s.user_id().encode();
    p.creator_name = s.user_name();
    p.question = bot::shown_text(spec.question, static_cast<std::size_t>(cfg.max_question));
    for (auto const& o : spec.options)
        p.options.push_back(bot::shown_name(o, static_cast<std::size_t>(cfg.max_option)));
    p.multi = spec.multi;
    p.anon = spec.anon;
    p.created_at = st->now();
    p.deadline = deadline.time_since_epoch().count();
    // The poll and its deadline job commit together: a poll never lacks the job that closes it.
    st->repo.db().immediate([&] {
        p = st->repo.add_poll(p);
        st->ctx.scheduler().schedule(job_key(p.id), "poll.close", bot::recurrence::once(deadline), s.tz(), g,
                                     std::to_string(p.id));
    });
    std::string options;
    for (std::size_t i = 0; i < p.options.size(); ++i) options += fmt::format("\n{}. {}", i + 1, p.options[i]);
    bot::text_args args{{"num", p.num},
                        {"question", p.question},
                        {"options", options},
                        {"kind", kind_text(*st, g, p)},
                        {"deadline", st->when(g, p.deadline)},
                        {"how", st->text(g, p.multi ? "how_multi" : "how_single", {{"num", p.num}})}};
    auto text = st->text(g, "created", args);
    co_await s.reply(text);
}

/// The poll a vote is for: the one named, else the only open one; or the text key of the problem.
std::variant<poll_row, std::string> target_poll(state& st, bot::session const& s, std::optional<int> num) {
    auto gk = s.group()->key();
    if (num) {
        auto p = st.repo.poll_by_num(gk, *num);
        if (!p) return std::string("err_no_poll");
        return *p;
    }
    std::vector<poll_row> open;
    for (auto& p : st.repo.open_polls(gk))
        if (p.deadline > st.now()) open.push_back(std::move(p));
    if (open.empty()) return std::string("err_none_open");
    if (open.size() > 1) return std::string("err_which");
    return open.front();
}

std::string open_numbers(state& st, std::string const& gk) {
    std::string out;
    for (auto const& p : st.repo.open_polls(gk)) out += (out.empty() ? "#" : "、#") + std::to_string(p.num);
    return out;
}

bot::task<> vote(state_ptr st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto v = parse_vote(call.text("选择"));
    std::string problem;
    std::optional<poll_row> poll;
    if (!v) {
        problem = "err_vote_format";
    } else {
        auto found = target_poll(*st, s, v->poll);
        if (auto const* e = std::get_if<std::string>(&found))
            problem = *e;
        else
            poll = std::get<poll_row>(found);
    }
    if (poll) {
        for (int c : v->choices)
            if (c < 1 || c > static_cast<int>(poll->options.size())) problem = "err_no_option";
        if (poll->closed_at || poll->deadline <= st->now())
            problem = "err_closed";
        else if (problem.empty() && !poll->multi && encode_choices(v->choices).find(',') != std::string::npos)
            problem = "err_single";
    }
    if (!problem.empty()) {
        bot::text_args args{{"num", poll           ? poll->num
                                    : v && v->poll ? *v->poll
                                                   : 0},
                            {"count", poll ? static_cast<int>(poll->options.size()) : 0},
                            {"open", open_numbers(*st, g.key())}};
        auto text = st->text(g, problem, args);
        co_await s.reply(text);
        co_return;
    }
    auto user = s.user_id().encode();
    auto choices = encode_choices(v->choices);
    std::optional<ballot_row> before;
    st->repo.db().immediate([&] {
        before = st->repo.ballot(poll->id, user);
        st->repo.put_ballot(poll->id, user, s.user_name(), choices, st->now());
    });
    std::string key = poll->anon ? (before ? "changed_anon" : "voted_anon") : (before ? "changed" : "voted");
    bot::text_args args{{"name", s.user_name()},
                        {"num", poll->num},
                        {"choices", choices_text(*poll, decode_choices(choices))},
                        {"before", before ? choices_text(*poll, before->choices) : std::string()},
                        {"deadline", st->when(g, poll->deadline)}};
    auto text = st->text(g, key, args);
    // Where a group message goes through the group's owner (WeCom customer groups), a vote's
    // acknowledgement is no news for the group: it goes to the voter in private.
    auto replier = s.replier();
    auto to = bot::target::user_of(s.user_id());
    auto msg = bot::message(text);
    if (!(replier && !replier->caps().group_post && (co_await replier->send(to, msg)).ok())) co_await s.reply(msg);
    // An anonymous vote's message says what was chosen: take it back where the platform can.
    auto mid = s.message_id();
    if (auto api = s.api(); poll->anon && api && api->caps().recall) co_await api->recall(mid);
}

bot::task<> results(state_ptr st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    std::optional<poll_row> p;
    std::string problem;
    if (call.has("投票")) {
        auto num = parse_ref(call.text("投票"));
        if (num) p = st->repo.poll_by_num(g.key(), *num);
        if (!p) problem = "err_no_poll";
    } else {
        auto open = st->repo.open_polls(g.key());
        if (open.size() == 1)
            p = open.front();
        else if (open.size() > 1)
            problem = "err_which_results";
        else if (auto recent = st->repo.recent_polls(g.key(), 1); !recent.empty())
            p = recent.front();
        else
            problem = "err_none_open";
    }
    std::string text;
    if (p) {
        text = results_text(*st, g, *p);
    } else {
        bot::text_args args{{"num", 0}, {"count", 0}, {"open", open_numbers(*st, g.key())}};
        text = st->text(g, problem, args);
    }
    co_await s.reply(text);
}

bot::task<> close(state_ptr st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto num = parse_ref(call.text("投票"));
    auto p = num ? st->repo.poll_by_num(g.key(), *num) : std::nullopt;
    std::string problem;
    if (!p)
        problem = "err_no_poll";
    else if (!may_manage(s, *p))
        problem = "err_not_yours";
    std::optional<std::string> final_results;
    if (problem.empty()) {
        final_results = close_and_render(*st, g, p->id);
        if (!final_results) problem = "err_closed";
    }
    if (!problem.empty()) {
        bot::text_args args{{"num", p ? p->num : 0}, {"count", 0}, {"open", open_numbers(*st, g.key())}};
        auto text = st->text(g, problem, args);
        co_await s.reply(text);
        co_return;
    }
    auto msg = bot::message(*final_results);
    co_await s.send(msg);
}

bot::task<> list(state_ptr st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    std::string lines;
    for (auto const& p : st->repo.open_polls(g.key())) {
        bot::text_args args{{"num", p.num},
                            {"question", bot::shown_name(p.question, 60)},
                            {"kind", kind_text(*st, g, p)},
                            {"voters", static_cast<int>(st->repo.ballots(p.id).size())},
                            {"deadline", st->when(g, p.deadline)}};
        lines += "\n" + st->text(g, "list_line", args);
    }
    auto text = lines.empty() ? st->text(g, "list_none") : st->text(g, "list", {{"lines", lines.substr(1)}});
    co_await s.reply(text);
}

bot::task<> on_deadline(state_ptr st, bot::job_run const& run) {
    if (!run.group) co_return;
    auto id = std::stoll(run.payload);
    // The closing mark and the decision to post commit together: a repeated run or a restart
    // finds the poll closed and posts nothing.
    auto text = close_and_render(*st, *run.group, id);
    if (!text) co_return;
    auto msg = bot::message(*text);
    co_await st->ctx.send(*run.group, msg);
}

}  // namespace

void register_polls(state_ptr const& st) {
    auto& ctx = st->ctx;
    ctx.job("close", [st](bot::job_run const& run) { return on_deadline(st, run); });
    ctx.command({"poll", "发起投票"}, "发起投票：/poll 问题 | 选项1 | 选项2 [多选] [匿名] [截止 2h]")
        .optional_arg("内容", bot::arg_kind::text, "问题 | 选项1 | 选项2 ...")
        .example("/poll 周五聚餐吃什么 | 火锅 | 烧烤 | 日料 截止 2h")
        .where(bot::rule::in_group)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await create(st, call); });
    ctx.command({"vote", "投票"}, "给进行中的投票投票：/vote 2，多个投票时 /vote #1 2")
        .arg("选择", bot::arg_kind::text, "[#投票编号] 选项编号")
        .where(bot::rule::in_group)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await vote(st, call); });
    ctx.command({"poll results", "投票结果"}, "查看投票结果")
        .optional_arg("投票", bot::arg_kind::word, "#编号")
        .where(bot::rule::in_group)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await results(st, call); });
    ctx.command({"poll close", "结束投票"}, "提前结束投票并公布结果（发起人或管理员）")
        .arg("投票", bot::arg_kind::word, "#编号")
        .where(bot::rule::in_group)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await close(st, call); });
    ctx.command({"polls", "投票列表"}, "进行中的投票")
        .where(bot::rule::in_group)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await list(st, call); });
}

}  // namespace plugins::poll
