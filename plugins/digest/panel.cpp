// The console panel: when the digest goes out, how many questions are collected, the recent
// questions with their best answer (forget), and the digests posted (post one now, pin the last).
// It only reads; its buttons are the chat commands, run as the admin.
#include <fmt/format.h>

#include "bot/display.hpp"
#include "bot/panel.hpp"
#include "plugins/digest/glue.hpp"

namespace plugins::digest {

namespace {

namespace panel = bot::panel;

constexpr int questions_shown = 30;
constexpr int posts_shown = 10;
constexpr std::size_t text_bytes = 200;

std::string schedule_words(config const& cfg) {
    static constexpr char const* days[] = {"一", "二", "三", "四", "五", "六", "日"};
    if (cfg.schedule == "off") return "不定时发（/digest now）";
    if (cfg.schedule == "weekly") return fmt::format("每周{} {}", days[(cfg.weekday + 6) % 7], cfg.digest_at.str());
    return "每天 " + cfg.digest_at.str();
}

void add_overview(state& st, bot::group_ref const& g, panel::page& p) {
    auto cfg = st.cfg(g);
    auto [all, answered] = st.repo.counts(g.key());
    p.add(panel::facts{
        {{"发精选", schedule_words(cfg)},
         {"收集的问题", fmt::format("{} 个，其中 {} 个有回答", all, answered)},
         {"回答的时限（@ 提问人）", bot::format_duration(cfg.answer_window)},
         {"每期最多", fmt::format("{} 个问题，每个 {} 条回答", cfg.max_questions, cfg.answers_per_question)}}});
    p.add(panel::actions{{{"马上发一期", panel::command_text("/digest now"), false},
                          {"把最近一期设为精华", panel::command_text("/digest pin"), false}}});
}

void add_questions(state& st, bot::group_ref const& g, panel::page& p) {
    panel::table t{{"编号", "时间", "提问人", "问题", "最佳回答", "回答数"}, {}, "还没有收集到问题"};
    for (auto const& q : st.repo.recent(g.key(), 0, questions_shown)) {
        auto number = "#" + std::to_string(q.number);
        auto best = best_of(st, g, q.id);
        auto answer = best.empty() ? std::string("—")
                                   : bot::shown_name(best.front().answerer_name) + "：" +
                                         bot::shown_text(best.front().text, text_bytes);
        t.rows.push_back({{number, stamp(st, g, q.at), bot::shown_name(q.asker_name),
                           bot::shown_text(q.text, text_bytes), answer, std::to_string(q.answers)},
                          {{"删除", panel::command_text("/digest forget " + number), true}}});
    }
    p.add(panel::heading{"最近收集的问题"});
    p.add(std::move(t));
}

void add_posts(state& st, bot::group_ref const& g, panel::page& p) {
    panel::table t{{"时间", "方式", "问题数", "精华"}, {}, "还没有发过精选"};
    for (auto const& r : st.repo.posts(g.key(), posts_shown))
        t.rows.push_back({{stamp(st, g, r.at), r.how == "auto" ? "定时" : "/digest now", std::to_string(r.questions),
                           r.pinned ? "是" : ""},
                          {}});
    p.add(panel::heading{"发过的精选"});
    p.add(std::move(t));
}

}  // namespace

void register_panel(std::shared_ptr<state> const& st) {
    st->ctx.panel("digest", "问答精选", "group", [st](bot::group_ref const& g, bot::panel::viewer const&) {
        panel::page p;
        add_overview(*st, g, p);
        add_questions(*st, g, p);
        add_posts(*st, g, p);
        return p;
    });
}

}  // namespace plugins::digest
