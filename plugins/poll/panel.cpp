// The console panel: open polls with a chart of their votes, recent polls, and surveys with their
// progress and a CSV download each. It only reads; its buttons run /poll close and /survey close.
#include <fmt/format.h>

#include "bot/display.hpp"
#include "bot/panel.hpp"
#include "plugins/poll/glue.hpp"
#include "plugins/poll/rules.hpp"
#include "plugins/poll/survey_flow.hpp"

namespace plugins::poll {

namespace {

namespace panel = bot::panel;

constexpr int polls_listed = 20;
constexpr int surveys_listed = 10;

void add_open_polls(state& st, bot::group_ref const& g, panel::page& p) {
    p.add(panel::heading{"进行中的投票"});
    auto open = st.repo.open_polls(g.key());
    if (open.empty()) p.add(panel::paragraph{"现在没有进行中的投票。", true});
    for (auto const& poll : open) {
        std::vector<std::vector<int>> choices;
        for (auto const& b : st.repo.ballots(poll.id)) choices.push_back(b.choices);
        auto counts = tally(static_cast<int>(poll.options.size()), choices);
        panel::chart c;
        c.title = fmt::format("#{} {}（{}，{} 截止）", poll.num, bot::shown_name(poll.question, 90),
                              kind_text(st, g, poll), st.when(g, poll.deadline));
        c.kind = "bar";
        c.labels = poll.options;
        panel::series votes{"票数", {}};
        for (int n : counts) votes.values.push_back(n);
        c.data.push_back(std::move(votes));
        p.add(std::move(c));
    }
}

void add_polls(state& st, bot::group_ref const& g, panel::page& p) {
    panel::table t{{"编号", "问题", "类型", "投票人数", "截止", "状态"}, {}, "还没有投票"};
    for (auto const& poll : st.repo.recent_polls(g.key(), polls_listed)) {
        bool closed = poll.closed_at.has_value();
        std::vector<panel::action> actions;
        if (!closed)
            actions.push_back({"结束并公布", panel::command_text(fmt::format("/poll close #{}", poll.num)), true});
        t.rows.push_back(
            {{fmt::format("#{}", poll.num), bot::shown_name(poll.question, 90), kind_text(st, g, poll),
              std::to_string(st.repo.ballots(poll.id).size()), st.when(g, poll.deadline), closed ? "已截止" : "进行中"},
             std::move(actions)});
    }
    p.add(panel::heading{"最近的投票"});
    p.add(std::move(t));
}

void add_surveys(state& st, bot::group_ref const& g, panel::page& p) {
    auto list = st.repo.surveys(g.key(), surveys_listed);
    panel::table t{{"编号", "标题", "问题数", "答完", "状态", "截止"}, {}, "还没有调研"};
    for (auto const& sv : list) {
        auto counts = survey_progress(st, sv);
        auto status = !sv.started_at ? "未开始" : sv.closed_at ? "已截止" : "进行中";
        std::vector<panel::action> actions;
        if (sv.started_at && !sv.closed_at)
            actions.push_back({"结束调研", panel::command_text(fmt::format("/survey close #{}", sv.num)), true});
        t.rows.push_back(
            {{fmt::format("#{}", sv.num), sv.title, std::to_string(st.repo.questions(sv.id).size()),
              fmt::format("{}/{}", counts.first, counts.second), status, sv.deadline ? st.when(g, *sv.deadline) : "—"},
             std::move(actions)});
    }
    p.add(panel::heading{"调研"});
    p.add(std::move(t));
    for (auto const& sv : list)
        if (sv.started_at)
            p.add(panel::download{fmt::format("下载调研 #{} 的回答 CSV", sv.num), fmt::format("survey-{}.csv", sv.num),
                                  "text/csv; charset=utf-8", survey_csv(st, sv)});
}

}  // namespace

void register_panel(state_ptr const& st) {
    st->ctx.panel("polls", "投票与调研", "group", [st](bot::group_ref const& g, panel::viewer const&) {
        panel::page p;
        add_open_polls(*st, g, p);
        add_polls(*st, g, p);
        add_surveys(*st, g, p);
        return p;
    });
}

}  // namespace plugins::poll
