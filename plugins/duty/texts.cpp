// Every member-facing text of the duty plugin, with its Chinese default.
#include "plugins/duty/glue.hpp"

namespace plugins::duty {

void define_texts(bot::plugin_context& ctx) {
    ctx.text("empty", "还没有值班名单。管理员可以用「/duty add @成员」把人加入值班，轮到谁谁就有 /warn /mute /recall /kick 等管理命令。", {});
    ctx.text("status", "👮 现在值班：{name}（{start} 至 {end}，{mode}）\n⏭ 下一班：{next}（{next_start} 起）",
             {"name", "start", "end", "mode", "next", "next_start"});
    ctx.text("mode_daily", "每天换班", {});
    ctx.text("mode_weekly", "每周一换班", {});
    ctx.text("added", "✅ 已把 {name} 加入值班名单（共 {count} 人），TA 的下一班从 {start} 开始。", {"name", "count", "start"});
    ctx.text("added_now", "✅ 已把 {name} 加入值班名单（共 {count} 人），现在就由 TA 值班，到 {end}。", {"name", "count", "end"});
    ctx.text("already_on", "{name} 已经在值班名单上了，名单没有变化。", {"name"});
    ctx.text("removed", "已把 {name} 移出值班名单。现在值班的是 {current}。", {"name", "current"});
    ctx.text("removed_empty", "已把 {name} 移出值班名单，名单空了，现在没有人值班。", {"name"});
    ctx.text("not_on", "{name} 不在值班名单上，名单没有变化。", {"name"});
    ctx.text("list", "📋 值班名单（{mode}，每班从 {time} 开始）：\n{lines}", {"mode", "time", "lines"});
    ctx.text("list_line", "{pos}. {name}：下一班 {start} 起", {"pos", "name", "start"});
    ctx.text("list_line_now", "{pos}. {name}：值班中，到 {end}", {"pos", "name", "end"});
    ctx.text("list_line_later", "{pos}. {name}：近期没有排班", {"pos", "name"});
    ctx.text("mode_set", "值班改为{mode}。现在值班的是 {name}，到 {end}。", {"mode", "name", "end"});
    ctx.text("mode_set_empty", "值班改为{mode}。", {"mode"});
    ctx.text("mode_same", "值班已经是{mode}了，没有变化。", {"mode"});
    ctx.text("mode_bad", "没看懂「{word}」：请写 daily（每天换班）或 weekly（每周一换班），例如「/duty mode weekly」。", {"word"});
    ctx.text("swapped", "已互换 {a} 和 {b} 在值班轮换里的位置。现在值班的是 {current}。", {"a", "b", "current"});
    ctx.text("swap_not_on", "{name} 不在值班名单上，没有互换。只能互换名单上的两个人。", {"name"});
    ctx.text("swap_same", "两次写的是同一个人，没有互换。", {});
    ctx.text("skipped", "{name} 的那一班（{start} 至 {end}）改由 {next} 值班。", {"name", "start", "end", "next"});
    ctx.text("skip_not_on", "{name} 不在值班名单上，没有可跳过的班。", {"name"});
    ctx.text("skip_alone", "值班名单上只有 {name} 一个人，没有人能接这一班，没有跳过。", {"name"});
    ctx.text("skip_nobody", "现在没有人值班（名单是空的），没有可跳过的班。", {});
    ctx.text("announce", "📣 值班交接：{start} 至 {end} 由 {name} 值班，有事请找 TA ", {"name", "start", "end"});
    ctx.text("kpi_head", "📊 值班统计（{from} 至 {to}）", {"from", "to"});
    ctx.text("report_head", "📊 {group} 上周值班周报（{from} 至 {to}）", {"group", "from", "to"});
    ctx.text("kpi_line", "{date} {names}：回答问题 {questions}，管理操作 {moderation}，消息 {messages} 条，发言 {members} 人",
             {"date", "names", "questions", "moderation", "messages", "members"});
    ctx.text("kpi_total", "合计：回答问题 {questions}，管理操作 {moderation}，消息 {messages} 条，发言 {members} 人",
             {"questions", "moderation", "messages", "members"});
    ctx.text("kpi_empty", "{from} 至 {to} 还没有值班记录。", {"from", "to"});
    ctx.text("kpi_bad", "没看懂「{word}」：可以写「本周」「上周」或那一周里的一天，例如「/duty kpi 2026-03-02」。", {"word"});
    ctx.text("nobody", "无人", {});
}

}  // namespace plugins::duty
