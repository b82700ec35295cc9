// Every member-facing text of the statistics, Chinese first; admins reword them with /text.
#include "plugins/stats/glue.hpp"

namespace plugins::stats {

void register_texts(bot::plugin_context& ctx) {
    ctx.text("head", "📊 近 {days} 天群况（{from} 至 {to}）", {"days", "from", "to"});
    ctx.text("head_today", "📊 今天的群况（{to}）", {"days", "from", "to"});
    ctx.text("partial", "ℹ️ 统计从 {since} 开始，这段时间只有 {days} 天有统计", {"since", "days"});
    ctx.text("messages", "💬 消息 {messages} 条 {trend}", {"messages", "trend"});
    ctx.text("active", "🙋 发言成员 {active} 人 {trend}", {"active", "trend"});
    ctx.text("contributors", "⭐ 贡献者 {contributors} 人 / 群成员 {size} 人（{share}）{trend}",
             {"contributors", "size", "share", "trend"});
    ctx.text("contributors_no_size", "⭐ 贡献者 {contributors} 人（群成员人数未知）{trend}", {"contributors", "trend"});
    ctx.text("joins", "👋 新成员 {joined} 人 · 退群 {left} 人", {"joined", "left", "net"});
    ctx.text("checkins", "✅ 打卡 {checkins} 人次 · 打卡率 {rate} {trend}", {"checkins", "rate", "trend"});
    ctx.text("checkins_unavailable", "✅ 打卡数据不可用（本群没有启用打卡）", {});
    ctx.text("questions", "❓ 提问 {questions} 个 · 已回答 {answered} 个（{rate}）{trend}",
             {"questions", "answered", "rate", "trend"});
    ctx.text("silent", "😶 变沉默的成员 {count} 人（前 {days} 天发过言，这 {days} 天没有）：{names}",
             {"count", "names", "days"});
    ctx.text("more", " 等另外 {count} 人", {"count"});
    ctx.text("silent_unknown", "😶 这里机器人看不到全部消息，不统计谁变沉默了", {});
    ctx.text("size_unknown", "👥 群成员人数未知（平台不提供成员列表）", {});
    ctx.text("cap", "👥 群成员 {size}/{cap}（上限的 {percent}）", {"size", "cap", "percent"});
    ctx.text("cap_near", "⚠️ 群成员 {size}/{cap}，已到上限的 {percent}，快满了", {"size", "cap", "percent"});
    ctx.text("cap_assumed", "（上限 {cap} 是估计值，可用 /set stats.member_cap 设定）", {"size", "cap", "percent"});
    ctx.text("trend_note", "（箭头是与前 {days} 天相比）", {"days"});
    ctx.text("no_data", "还没有{range}的统计数据：机器人从看到本群的第一条消息起开始统计。", {"range"});
    ctx.text("range_days", "近 {days} 天", {"days"});
    ctx.text("range_today", "今天", {});
    ctx.text("bad_range", "没看懂范围「{asked}」。可以用 /stats 7d、/stats 30d 或 /stats 今天。", {"asked"});
    ctx.text("top_head", "🗣 {range}话唠榜", {"range"});
    ctx.text("top_line", "{rank}. {name} {messages} 条", {"rank", "name", "messages"});
    ctx.text("top_empty", "{range}还没有人上榜。", {"range"});
    ctx.text("top_partial", "（只统计机器人看得到的消息）", {});
    ctx.text("top_bad", "没看懂「{asked}」。可以用 /话唠榜、/话唠榜 30d，或用 /话唠榜 off、/话唠榜 on 退出或回到榜单。",
             {"asked"});
    ctx.text("top_off", "好的，{name} 不再出现在本群的话唠榜上。想回来就发 /话唠榜 on。", {"name"});
    ctx.text("top_on", "好的，{name} 回到本群的话唠榜了。", {"name"});
    ctx.text("report_head", "📈 群「{group}」的每周群况", {"group"});
}

}  // namespace plugins::stats
