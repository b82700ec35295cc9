// The group-admin plugin in the admin console: the mutes the bot made with a button to lift each,
// the night mode, and the group's daily activity over the last 30 days. Panels only read; each
// button is the chat command an admin would type, run as them.
#include "plugins/groupadmin/glue.hpp"

namespace plugins::groupadmin {

namespace {

namespace panel = bot::panel;

constexpr long chart_days = 30;

/// A command as typed with the bot's first prefix ("/"), so the console's click matches it.
std::string command(bot::plugin_context& ctx, std::string const& text) {
    auto const& prefixes = ctx.bot_config().command_prefixes;
    return (prefixes.empty() ? std::string("/") : prefixes.front()) + text;
}

std::string stamp(bot::plugin_context& ctx, bot::group_ref const& g, std::int64_t at) {
    return ctx.group_tz(g).to_local(bot::time_point(std::chrono::seconds(at))).str().substr(5, 11);
}

panel::page mutes_page(state& st, bot::group_ref const& g) {
    auto& ctx = st.ctx;
    auto now = ctx.clock().now().time_since_epoch().count();
    panel::page p;
    p.add(panel::heading{"机器人执行的禁言"});
    panel::table t{{"序号", "成员", "到期", "剩余", "原因"}, {}, "目前没有由机器人执行、仍在生效的禁言。"};
    int n = 0;
    for (auto const& row : ctx.mutes().running(g.key(), now)) {
        auto user = bot::id::decode(row.user);
        auto id = shown(user.str());
        auto known = ctx.presence().member(g.key(), user);
        auto name = shown(known ? known->name : std::string());
        auto label = name.empty() || name == id ? id : name + "（" + id + "）";
        t.rows.push_back({{std::to_string(++n), label, stamp(ctx, g, row.until), zh_left(row.until - now),
                           shown(row.why, 120)},
                          {{"解除禁言", bot::message(command(ctx, "mutes 解除 ")).at(user, label), true}}});
    }
    p.add(std::move(t));

    p.add(panel::heading{"宵禁"});
    auto cfg = ctx.group_config<config>(g);
    auto last = st.repo.get(g.key());
    std::string whole = last && last->on ? "已开启（" + stamp(ctx, g, last->at) + " 起）" : std::string("未开启");
    if (!cfg.night_mode) {
        p.add(panel::facts{{{"宵禁", "未开启"}, {"全员禁言", whole}}});
        p.add(panel::paragraph{"在群里发送 /宵禁 23:00 07:00 开启（时间按本群时区）。", true});
        return p;
    }
    auto local = ctx.group_tz(g).to_local(ctx.clock().now());
    bool in_night = inside({cfg.night_start.minutes, cfg.night_end.minutes}, local.hour * 60 + local.minute);
    p.add(panel::facts{{{"宵禁", "已开启"},
                        {"时间", "每天 " + cfg.night_start.str() + "–" + cfg.night_end.str() + "（" +
                                     ctx.group_tz(g).name() + "）"},
                        {"现在", in_night ? "在宵禁时间内" : "不在宵禁时间内"},
                        {"全员禁言", whole}}});
    p.add(panel::actions{{{"关闭宵禁", bot::message(command(ctx, "night 关")), true}}});
    return p;
}

panel::page activity_page(state& st, bot::group_ref const& g) {
    auto& ctx = st.ctx;
    auto today = ctx.group_day(g, ctx.clock().now());
    auto from = today.plus_days(1 - chart_days);
    auto days = st.repo.activity(g.key(), from.str(), today.str());
    panel::chart c{"近 30 天的消息与活跃成员", "line", {}, {{"消息数", {}}, {"活跃成员", {}}}};
    std::size_t next = 0;
    std::int64_t messages = 0;
    for (auto d = from; d <= today; d = d.plus_days(1)) {
        auto label = d.str();
        c.labels.push_back(label.substr(5));
        double m = 0;
        double people = 0;
        if (next < days.size() && days[next].day == label) {
            m = static_cast<double>(days[next].messages);
            people = static_cast<double>(days[next].members);
            messages += days[next].messages;
            ++next;
        }
        c.data[0].values.push_back(m);
        c.data[1].values.push_back(people);
    }
    panel::page p;
    auto const& last = c.data;
    p.add(panel::facts{{{"今天（" + today.str() + "）",
                         std::to_string(static_cast<long long>(last[0].values.back())) + " 条消息，" +
                             std::to_string(static_cast<long long>(last[1].values.back())) + " 人发言"},
                        {"近 30 天", std::to_string(messages) + " 条消息"}}});
    p.add(std::move(c));
    std::string note = "按本群的时区和日切时间计日；被反广告拦下的消息不计入。";
    if (auto api = ctx.api_for(g); api && !api->caps().all_messages)
        note += "本平台上机器人只看得到 @ 它的消息，这里只计入这些消息，不代表群里真实的活跃度。";
    p.add(panel::paragraph{note, true});
    return p;
}

}  // namespace

void register_panels(std::shared_ptr<state> const& st) {
    st->ctx.panel("mutes", "禁言与宵禁", "moderation",
                  [st](bot::group_ref const& g, panel::viewer const&) { return mutes_page(*st, g); });
    st->ctx.panel("activity", "群活跃度", "health",
                  [st](bot::group_ref const& g, panel::viewer const&) { return activity_page(*st, g); });
}

}  // namespace plugins::groupadmin
