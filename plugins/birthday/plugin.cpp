// Birthdays: the glue between the chat and the birthday rules. The texts are all here.
#include "plugins/birthday/glue.hpp"
#include "plugins/birthday/schema.hpp"

namespace plugins::birthday {

namespace {

void define_texts(bot::plugin_context& ctx) {
    ctx.text("saved", "🎂 记下了：{name} 的生日是 {date}。当天早上会在群里为你送上祝福～{note}",
             {"name", "date", "note"});
    ctx.text("saved_quiet", "🎂 记下了：{name} 的生日是 {date}。你选择了不公开祝福，当天不会在群里 @ 你。{note}",
             {"name", "date", "note"});
    ctx.text("saved_no_greeting", "🎂 记下了：{name} 的生日是 {date}。{note}", {"name", "date", "note"});
    ctx.text("year_dropped", "（年份只用来核对日期，没有保存，也不会显示。）");
    ctx.text("bad_format",
             "没看懂「{input}」，生日没有改动。请写月-日，例如「/生日 03-14」「/生日 3月14日」「/生日 0314」，"
             "也可以带上年份「/生日 1990-03-14」（年份不保存）。",
             {"input"});
    ctx.text("bad_date", "「{input}」不是一个存在的日期（月份 1–12，日子不超过当月天数），生日没有改动。", {"input"});
    ctx.text("bad_future", "「{input}」还在未来，不能是生日，生日没有改动。", {"input"});
    ctx.text("bad_old", "「{input}」的年份太早了（最多 {years} 年前），请检查一下，生日没有改动。", {"input", "years"});
    ctx.text("mine", "🎂 你在本群登记的生日是 {date}。{quiet}", {"date", "quiet"});
    ctx.text("mine_quiet", "（不公开祝福）");
    ctx.text("mine_none", "你还没有在本群登记生日。发送「/生日 03-14」登记，只记月和日。");
    ctx.text("removed", "已删除你在本群登记的生日。");
    ctx.text("remove_none", "你在本群没有登记生日，没有什么要删除的。");
    ctx.text("quiet_on", "好的，你生日那天不会在群里公开祝福（生日仍保存，发「/生日 公开」可恢复）。");
    ctx.text("quiet_off", "好的，你生日那天会在群里收到祝福。");
    ctx.text("forgot", "已删除 {name} 在本群登记的生日。", {"name"});
    ctx.text("forget_none", "{name} 在本群没有登记生日。", {"name"});
    ctx.text("bad_month", "没看懂月份「{input}」，请写 1 到 12，例如「/生日 名单 3」。", {"input"});
    ctx.text("month_list", "🎂 群 {group} {month} 月的生日（{count} 人）：\n{list}",
             {"group", "month", "count", "list"});
    ctx.text("month_line", "{date}  {name}{quiet}", {"date", "name", "quiet"});
    ctx.text("month_empty", "{month} 月本群没有人登记生日。", {"month"});
    ctx.text("month_sent", "{month} 月的生日名单已私信发给你。", {"month"});
    ctx.text("month_private_failed", "私信发送失败（可能需要先加我为好友或开启临时会话），名单没有发在群里。");
    ctx.text("greeting", "🎂 今天是 {count} 位小伙伴的生日，祝生日快乐，新的一岁万事顺意！🎉", {"count"});
}

}  // namespace

void register_plugin(bot::plugin_context& ctx) {
    ctx.migrations(schema());
    ctx.config<config>();
    define_texts(ctx);
    auto st = std::make_shared<state>(ctx);
    register_commands(st);
    register_greeting(st);
    register_panel(st);
    register_profile_feed(st);
}

}  // namespace plugins::birthday
