// Study pairs and small groups: the glue between the chat and the grouping rules. The texts are all here.
#include "plugins/pairs/glue.hpp"

namespace plugins::pairs {

namespace {

void define_texts(bot::plugin_context& ctx) {
    ctx.text("announce",
             "👥 第 {cycle} 轮{kind}分好啦（{start} 至 {end}）：\n{lines}{note}\n"
             "发「/我的同桌」看同伴今天打卡了没有；全组都打卡的连续天数见「/小组榜」。",
             {"cycle", "kind", "start", "end", "lines", "note"});
    ctx.text("list", "👥 第 {cycle} 轮{kind}（{start} 至 {end}）：\n{lines}",
             {"cycle", "kind", "start", "end", "lines", "note"});
    ctx.text("kind_pairs", "同桌");
    ctx.text("kind_groups", "小组（每组 {size} 人）", {"size"});
    ctx.text("team_line", "第 {team} 组：{names}", {"team", "names"});
    ctx.text("repeat_note", "\n（人数有限，有 {count} 对同伴最近几轮同组过。）", {"count"});
    ctx.text("bad_start",
             "没看懂「{input}」，没有开始分组。请写「/pairs start 人数 天数」，例如「/pairs start 2 周」「/pairs start "
             "3 14天」。",
             {"input", "size", "days", "max_size", "max_days"});
    ctx.text("bad_size", "每组人数要在 2 到 {max_size} 之间（收到 {size}），没有开始分组。",
             {"input", "size", "days", "max_size", "max_days"});
    ctx.text("bad_days", "一轮的天数要在 1 到 {max_days} 之间（收到 {days}），没有开始分组。",
             {"input", "size", "days", "max_size", "max_days"});
    ctx.text("already_running",
             "第 {cycle} 轮分组还在进行（到 {end}），没有重新开始。要马上换组请发「/pairs "
             "regroup」，要结束请发「/pairs end」。",
             {"cycle", "end"});
    ctx.text("too_few", "参加分组的只有 {count} 人，至少要 2 人才能分组，没有改动。成员发「/pairs join」报名。",
             {"count"});
    ctx.text("none_running", "本群现在没有进行中的分组。管理员发「/pairs start」开始一轮。");
    ctx.text("none_running_member", "本群现在没有进行中的同桌/小组。发「/pairs join」报名，等管理员开始分组。");
    ctx.text("ended", "🏁 第 {cycle} 轮分组已结束。", {"cycle"});
    ctx.text("list_none", "本群现在没有进行中的分组，已有 {count} 人报名。", {"count"});
    ctx.text("already_joined", "你已经报名了，不用重复报名。发「/我的同桌」看看同伴。");
    ctx.text("joined", "✅ 报名成功！目前 {count} 人报名，下一轮分组会算上你。", {"count"});
    ctx.text("joined_team", "✅ 报名成功！本轮正在进行，你加入了第 {team} 组，同伴：{names}。", {"team", "names"});
    ctx.text("not_joined", "你没有参加同桌/小组，没有什么要退出的。");
    ctx.text("left", "已退出同桌/小组，之后的分组不会再算上你。想回来就发「/pairs join」。");
    ctx.text("merged", "👥 {name} 离开了小组，{lone} 并入第 {team} 组：{names}。", {"name", "lone", "team", "names"});
    ctx.text("ended_short", "👥 {name} 离开后本轮只剩 {lone} 一人，本轮分组到此结束。", {"name", "lone"});
    ctx.text("not_placed", "你不在本轮的分组里。发「/pairs join」报名，会加入人最少的一组。");
    ctx.text(
        "mine_pair",
        "👥 你的同桌（第 {team} 组，本轮到 {end}）：\n{lines}\n🔥 你们已连续 {streak} 天都打卡（本轮最佳 {best} 天）",
        {"team", "end", "lines", "streak", "best"});
    ctx.text(
        "mine_group",
        "👥 你的小组（第 {team} 组，本轮到 {end}）：\n{lines}\n🔥 全组已连续 {streak} 天都打卡（本轮最佳 {best} 天）",
        {"team", "end", "lines", "streak", "best"});
    ctx.text("partner_line", "{name}：{status}", {"name", "status"});
    ctx.text("mark_done", "✅ 今天已打卡");
    ctx.text("mark_leave", "🏖 今天请假");
    ctx.text("mark_not_yet", "⏳ 今天还没打卡");
    ctx.text("board", "🏆 小组连续打卡榜（第 {cycle} 轮）：\n{lines}", {"cycle", "lines"});
    ctx.text("board_line", "{rank}. 第 {team} 组 {names}：连续 {streak} 天（最佳 {best} 天）",
             {"rank", "team", "names", "streak", "best"});
    ctx.text("nudge_private", "👋 你的同伴 {names} {date} 没有打卡，去鼓励一下吧，今天一起加油！", {"names", "date"});
    ctx.text("nudge_group", "👋 {date} 小组里 {names} 没有打卡，同组的小伙伴去拉一把吧～", {"names", "date"});
    ctx.text("cycle_over", "🏁 第 {cycle} 轮同桌/小组结束了，最好的一组连续 {best} 天全员打卡！", {"cycle", "best"});
    ctx.text("checkin_needed",
             "第 {cycle} 轮同桌/小组正在进行（到 {end}），看同伴和提醒都靠打卡记录：停用打卡后每个人都会被当作没打卡。"
             "请先发「/pairs end」结束本轮。",
             {"cycle", "end"});
    ctx.text("cycle_over_start", "管理员发「/pairs start」开始新的一轮。");
}

}  // namespace

void register_plugin(bot::plugin_context& ctx) {
    ctx.migrations(schema());
    ctx.config<config>();
    define_texts(ctx);
    auto st = std::make_shared<state>(ctx);
    register_commands(st);
    register_nudges(st);
    register_cycle_end(st);
    register_profile_feed(st);
    register_panel(st);
    // Partners' status and the nudges read the check-ins: with the check-in plugin off in the group
    // every member would look missed and partners would be nudged for nothing. Refuse while a cycle runs.
    ctx.listen<bot::plugin_switching_off>([st](bot::plugin_switching_off& n) {
        if (n.plugin != "checkin") return;
        auto c = st->repo.running(n.group.key());
        if (!c) return;
        bot::text_args args{{"cycle", static_cast<int>(c->number)}, {"end", c->end.str()}};
        n.objections.push_back(st->ctx.render(n.group, "checkin_needed", args));
    });
}

}  // namespace plugins::pairs
