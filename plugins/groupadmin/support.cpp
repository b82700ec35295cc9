// The checks every group-admin command makes before it acts, and how it reports a failure.
#include "plugins/groupadmin/glue.hpp"

namespace plugins::groupadmin {

namespace {

std::string zh_reason(bot::error const& e) {
    switch (e.code) {
        case bot::errc::not_connected: return "机器人账号现在没有连接";
        case bot::errc::timeout: return "平台没有及时回应";
        case bot::errc::unsupported: return "平台不支持这个操作";
        case bot::errc::not_found: return "找不到这条消息或这位成员";
        case bot::errc::bad_request: return "请求不被平台接受";
        case bot::errc::rejected: return "平台拒绝了";
        case bot::errc::internal: break;
    }
    return "出错了";
}

}  // namespace

bot::task<std::optional<std::string>> refusal(state& st, bot::session& s, need const& n) {
    auto g = *s.group();
    auto api = s.api();
    if (!api) co_return st.ctx.render(g, "not_connected");
    if (!(api->caps().*n.capability)) {
        bot::text_args args{{"platform", api->platform_name()}, {"action", n.what}};
        co_return st.ctx.render(g, "unsupported", args);
    }
    // Where the platform tells the bot's own role, a role too low is refused here with a clear
    // answer rather than left to the platform's error. A failed look-up lets the platform decide.
    if (api->caps().member_info) {
        auto gid = g.group;
        auto self = api->self_id();
        auto me = co_await api->member(gid, self);
        if (me && static_cast<int>(me->role) < static_cast<int>(n.bot_role)) {
            bot::text_args args{{"action", n.what}};
            co_return st.ctx.render(g, n.bot_role == bot::role::owner ? "bot_not_owner" : "bot_not_admin", args);
        }
    }
    co_return std::nullopt;
}

std::string failure(state& st, bot::group_ref const& g, std::string const& what, bot::error const& e,
                    std::string const& hint_key) {
    auto detail = shown(e.detail, 200);
    bot::text_args args{{"action", what},
                        {"reason", zh_reason(e)},
                        {"detail", detail.empty() ? std::string() : "（" + detail + "）"},
                        {"hint", st.ctx.render(g, hint_key)}};
    return st.ctx.render(g, "failed", args);
}

std::optional<bot::id> quoted(bot::session const& s) {
    auto const* m = s.content();
    if (!m) return std::nullopt;
    if (auto const* r = m->first<bot::seg::reply>()) return r->message;
    return std::nullopt;
}

bot::task<std::string> name_of(bot::session& s, bot::id const& user) {
    auto api = s.api();
    if (api && api->caps().member_info) {
        auto gid = s.group_id();
        auto m = co_await api->member(gid, user);
        if (m) {
            co_return m->display_name();
        }
    }
    co_return user.str();
}

void declare_texts(bot::plugin_context& ctx) {
    ctx.text("not_connected", "机器人账号现在没有连接，稍后再试。");
    ctx.text("unsupported", "本平台（{platform}）不支持{action}。", {"platform", "action"});
    ctx.text("bot_not_admin", "机器人不是本群管理员，无法{action}。请先把机器人设为管理员。", {"action"});
    ctx.text("bot_not_owner", "只有群主才能{action}，机器人在本群不是群主。", {"action"});
    ctx.text("failed", "{action}失败：{reason}{detail}。{hint}", {"action", "reason", "detail", "hint"});
    ctx.text("hint_admin", "请确认机器人是本群管理员。");
    ctx.text("hint_recall", "请确认机器人是管理员、对方不是管理员，且消息没有超过平台允许撤回的时间。");
    ctx.text("hint_owner", "专属头衔只有群主能设置。");
    ctx.text("need_reply", "请回复（引用）要{action}的那条消息，再发送这个命令。", {"action"});

    ctx.text("muted_all", "🔇 已开启全员禁言，管理员和群主不受影响。发送 /解除全员禁言 恢复发言。");
    ctx.text("unmuted_all", "🔊 已解除全员禁言。");
    ctx.text("muteall_usage", "用法：/全员禁言（开启）或 /全员禁言 关（解除）。");

    ctx.text("night_on", "🌙 宵禁开始，全员禁言到 {end}。管理员不受影响，晚安～", {"start", "end"});
    ctx.text("night_off", "☀️ 宵禁结束，已解除全员禁言。早上好～", {"start", "end"});
    ctx.text("night_set", "🌙 已开启宵禁：每天 {start}–{end}（{zone}）全员禁言，管理员不受影响。{now}",
             {"start", "end", "zone", "now"});
    ctx.text("night_set_now", "现在正处于宵禁时间，已开始禁言。");
    ctx.text("night_disabled", "已关闭宵禁。{now}", {"now"});
    ctx.text("night_disabled_now", "已解除今晚的全员禁言。");
    ctx.text("night_status_on", "🌙 宵禁已开启：每天 {start}–{end}（{zone}）。现在{state}。发送 /宵禁 关 关闭。",
             {"start", "end", "zone", "state"});
    ctx.text("night_status_off", "宵禁未开启。发送 /宵禁 23:00 07:00 开启（时间按本群时区）。");
    ctx.text("night_state_in", "在宵禁时间内");
    ctx.text("night_state_out", "不在宵禁时间内");
    ctx.text("night_usage", "用法：/宵禁 23:00 07:00（开启并设置时间）、/宵禁 开、/宵禁 关，或 /宵禁 查看状态。");
    ctx.text("night_same", "开始和结束时间不能相同。");
    ctx.text("night_failed_admins", "本群的宵禁没能{action}：{reason}", {"action", "reason"});

    ctx.text("card_set", "已把 {name} 的群名片改为「{card}」。{note}", {"name", "card", "note"});
    ctx.text("card_cleared", "已清除 {name} 的群名片。", {"name"});
    ctx.text("title_set", "已给 {name} 设置专属头衔「{title}」。{note}", {"name", "title", "note"});
    ctx.text("title_cleared", "已清除 {name} 的专属头衔。", {"name"});
    ctx.text("value_cut", "（超过 {limit} 字节，已截短）", {"limit"});
    ctx.text("essence_set", "✨ 已设为精华消息。");

    ctx.text("mutes_none", "目前没有由机器人执行、仍在生效的禁言。");
    ctx.text("mutes_list", "🔇 机器人执行的禁言（{count} 人）：{lines}\n解除：/mutes 解除 <序号>", {"count", "lines"});
    ctx.text("mutes_line", "\n{n}. {name}：到 {until}（还剩 {left}）{why}", {"n", "name", "until", "left", "why"});
    ctx.text("mutes_bad_index", "列表里没有第 {n} 项，请先发送 /mutes 查看。", {"n"});
    ctx.text("mute_lifted", "已解除 {name} 的禁言。", {"name"});
    ctx.text("mutes_usage", "用法：/mutes 查看正在禁言的成员；/mutes 解除 <序号> 或 /mutes 解除 @成员 解除其中一人。");
    ctx.text("mutes_not_listed", "{name} 不在机器人执行、仍在生效的禁言里，请先发送 /mutes 查看。", {"name"});
}

}  // namespace plugins::groupadmin
