// The console panel: the bank by category (remove), the suggestions waiting (approve, reject), the
// latest posts and when the next automatic one may come. It only reads; its buttons are the chat
// commands, run as the admin.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "bot/display.hpp"
#include "bot/panel.hpp"
#include "plugins/topics/glue.hpp"

namespace plugins::topics {

namespace {

namespace panel = bot::panel;

/// How many posts the panel lists, newest first.
constexpr int posts_shown = 20;
constexpr std::size_t topic_bytes = 300;

std::string stamp(state& st, bot::group_ref const& g, std::int64_t at) {
    return st.ctx.group_tz(g).to_local(bot::time_point{std::chrono::seconds{at}}).str();
}

std::string window_words(config const& cfg) {
    return cfg.waking_start.str() + "–" + cfg.waking_end.str();
}

void add_overview(state& st, bot::group_ref const& g, bool empty, panel::page& p) {
    auto cfg = st.cfg(g);
    auto now = st.ctx.clock().now();
    std::string next = empty ? "话题库是空的，不自动发" : "不自动发";
    if (!empty && cfg.auto_post && !st.is_off(g.key())) {
        auto api = st.ctx.api_for(g);
        if (api && !api->caps().all_messages) {
            next = "本平台看不到全部消息，不自动发";
        } else if (auto t = next_post_time(plan_of(st, g, now), now, st.ctx.group_tz(g), st.ctx.close_hour(g))) {
            next = "最早 " + st.ctx.group_tz(g).to_local(*t).str() + "（期间有人发言就顺延）";
        }
    }
    auto today = st.repo.posts_on(g.key(), st.ctx.group_day(g, now));
    p.add(panel::facts{{{"自动发话题", cfg.auto_post ? "开" : "关"},
                        {"安静多久后发", bot::format_duration(cfg.quiet_after)},
                        {"白天时段", window_words(cfg)},
                        {"今天已发", fmt::format("{} / {}", today, cfg.max_per_day)},
                        {"下一个话题", next}}});
}

void add_bank(state& st, bot::group_ref const& g, panel::page& p) {
    auto cfg = st.cfg(g);
    std::map<std::string, std::vector<topic_row>> by_category;
    for (auto& r : st.repo.in_state(g.key(), topic_state::active)) by_category[r.category].push_back(std::move(r));
    // Configured categories in their order, then any a topic still carries after a change.
    std::vector<std::string> order = cfg.categories;
    for (auto const& [c, rows] : by_category)
        if (!find_category(c, cfg.categories)) order.push_back(c);
    for (auto const& c : order) {
        panel::table t{{"编号", "话题", "发过", "上次发出", "来自"}, {}, "这个分类还没有话题"};
        for (auto const& r : by_category[c]) {
            auto number = "#" + std::to_string(r.number);
            auto last = r.last_posted_at ? stamp(st, g, *r.last_posted_at) : "—";
            t.rows.push_back({{number, bot::shown_text(r.text, topic_bytes), fmt::format("{} 次", r.posts), last,
                               bot::shown_name(r.author_name)},
                              {{"删除", panel::command_text("/topic remove " + number), true}}});
        }
        p.add(panel::heading{"话题库：" + c});
        p.add(std::move(t));
    }
}

void add_pending(state& st, bot::group_ref const& g, panel::page& p) {
    panel::table t{{"编号", "分类", "话题", "投稿人", "时间"}, {}, "没有待审核的投稿"};
    auto rows = st.repo.in_state(g.key(), topic_state::pending);
    std::sort(rows.begin(), rows.end(), [](auto const& a, auto const& b) { return a.number < b.number; });
    for (auto const& r : rows) {
        auto number = "#" + std::to_string(r.number);
        t.rows.push_back({{number, r.category, bot::shown_text(r.text, topic_bytes), bot::shown_name(r.author_name),
                           stamp(st, g, r.created_at)},
                          {{"通过", panel::command_text("/topic approve " + number), false},
                           {"拒绝", panel::command_text("/topic reject " + number), true}}});
    }
    p.add(panel::heading{"待审核的投稿"});
    p.add(std::move(t));
}

void add_posts(state& st, bot::group_ref const& g, panel::page& p) {
    panel::table t{{"时间", "编号", "分类", "话题", "方式"}, {}, "还没有发过话题"};
    for (auto const& r : st.repo.recent_posts(g.key(), posts_shown))
        t.rows.push_back({{stamp(st, g, r.at), "#" + std::to_string(r.number), r.category,
                           bot::shown_text(r.text, topic_bytes), r.how == "auto" ? "群里安静时自动" : "/topic now"},
                          {}});
    p.add(panel::heading{"最近发出的话题"});
    p.add(std::move(t));
}

}  // namespace

void register_panel(std::shared_ptr<state> const& st) {
    st->ctx.panel("topics", "话题库", "group", [st](bot::group_ref const& g, bot::panel::viewer const&) {
        panel::page p;
        add_overview(*st, g, st->repo.in_state(g.key(), topic_state::active).empty(), p);
        add_bank(*st, g, p);
        add_pending(*st, g, p);
        add_posts(*st, g, p);
        return p;
    });
}

}  // namespace plugins::topics
