// The console panel: the group's announcements with their next send time, and the upcoming
// sessions with sign-ups against the cap. It only reads; its buttons run /announce pause,
// resume and cancel, and /session cancel, as the admin.
#include <fmt/format.h>

#include "bot/display.hpp"
#include "bot/panel.hpp"
#include "plugins/announce/glue.hpp"

namespace plugins::announce {

namespace {

namespace panel = bot::panel;

panel::action button(std::string label, std::string const& command, std::int64_t id, bool confirm) {
    return {std::move(label), panel::command_text(fmt::format("{} #{}", command, id)), confirm};
}

void add_announcements(state& st, bot::group_ref const& g, panel::page& p) {
    panel::table t{{"编号", "状态", "时间", "下次发送", "内容"}, {}, "本群还没有公告"};
    for (auto const& it : st.repo.live(g.key())) {
        bool draft = it.state == item_state::draft;
        auto rule = draft ? it.draft_rule.value_or("") : it.rule;
        auto parsed = parse_schedule(rule, {});
        auto body = draft ? it.draft_body.value_or("") : it.body;
        std::string state_text = draft ? "草稿" : it.state == item_state::active ? "进行中" : "已暂停";
        std::vector<panel::action> actions;
        if (it.state == item_state::active) actions.push_back(button("暂停", "/announce pause", it.id, true));
        if (it.state == item_state::paused) actions.push_back(button("恢复", "/announce resume", it.id, false));
        if (draft) actions.push_back(button("确认", "/announce ok", it.id, true));
        actions.push_back(button("取消", "/announce cancel", it.id, true));
        t.rows.push_back(
            {{fmt::format("#{}", it.id), state_text, parsed.value ? st.words(g, *parsed.value) : rule,
              it.state == item_state::active && it.next_at ? st.when(g, *it.next_at) : "—", bot::shown_name(body, 80)},
             std::move(actions)});
    }
    p.add(panel::heading{"定时公告"});
    p.add(std::move(t));
}

void add_sessions(state& st, bot::group_ref const& g, panel::page& p) {
    panel::table t{{"编号", "标题", "时间", "地点", "报名/上限", "候补", "主持"}, {}, "暂时没有要开的分享会"};
    for (auto const& s : st.repo.upcoming(g.key(), to_unix(st.now()))) {
        auto r = split(st.repo.signups(s.id), s.cap);
        t.rows.push_back(
            {{fmt::format("#{}", s.id), bot::shown_name(s.title), st.when(g, s.starts_at), bot::shown_name(s.place, 80),
              fmt::format("{}/{}", r.in.size(), s.cap), std::to_string(r.waiting.size()), bot::shown_name(s.host_name)},
             {button("取消分享会", "/session cancel", s.id, true)}});
    }
    p.add(panel::heading{"分享会"});
    p.add(std::move(t));
}

}  // namespace

void register_panel(std::shared_ptr<state> const& st) {
    st->ctx.panel("announce", "公告与分享会", "group", [st](bot::group_ref const& g, bot::panel::viewer const&) {
        panel::page p;
        add_announcements(*st, g, p);
        add_sessions(*st, g, p);
        return p;
    });
}

}  // namespace plugins::announce
