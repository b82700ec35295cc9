// The plugin's message templates (zh-CN defaults); groups reword them with /text deposit.KEY ...
#include "plugins/deposit/plugin.hpp"

namespace plugins::deposit {

void define_texts(bot::plugin_context& ctx) {
    // The rules, announced when a challenge is created and shown by /challenge.
    ctx.text("rules",
             "📣 押金挑战「{name}」\n"
             "时间：{start} 至 {end}，共 {days} 天\n"
             "押金：{deposit} 元。报名后把押金交给管理员，管理员确认收款后生效\n"
             "完成一天：{rule}\n"
             "缺卡：{fine_rule}\n"
             "全额退还：完成 {full} 天即可全额退还{free_rule}\n"
             "请假：{leave_rule}\n"
             "扣下的钱：{dest_rule}\n"
             "中途退群：{leaver_rule}\n"
             "报名：发送 /challenge join（{join_until} 当天结束前）",
             {"name", "start", "end", "days", "deposit", "rule", "fine_rule", "full", "free_rule", "leave_rule",
              "dest_rule", "leaver_rule", "join_until"});
    ctx.text("rule_checkin", "当天打卡（/checkin）");
    ctx.text("rule_message", "当天在群里发言");
    ctx.text("new_message_unseen",
             "在这个平台上机器人只能看到 @ 它的消息，看不到成员的日常发言，不能按「当天在群里发言」判定，"
             "否则说过话的成员也会被扣钱。请改用打卡判定：加上 rule=checkin，成员 @ 机器人发「打卡」即可。");
    ctx.text("fine_fixed", "每缺一天扣 {fine} 元，扣完为止", {"fine"});
    ctx.text("fine_percent", "每缺一天扣掉剩余押金的 {percent}%（按分向下取整）", {"percent"});
    ctx.text("free_none", "");
    ctx.text("free_some", "（前 {free} 次缺卡不扣钱）", {"free"});
    ctx.text("leave_none", "不设请假，请假按缺卡算");
    ctx.text("leave_some",
             "请假的日子不算完成也不算缺卡，不扣钱，并让全额退还所需天数少一天；整个挑战最多请假 {leave} 天，超出的按缺卡算",
             {"leave"});
    ctx.text("dest_fund", "全部进入群基金");
    ctx.text("dest_finishers", "由完成挑战的成员平分（无人完成则进入群基金）");
    ctx.text("dest_split", "{fund_percent}% 进入群基金，其余由完成挑战的成员平分", {"fund_percent"});
    ctx.text("leaver_forfeit", "剩余押金不退，去向同上");
    ctx.text("leaver_prorata", "剩余押金按已完成天数的比例退还，其余去向同上");
    ctx.text("info_members", "已报名 {total} 人：已交押金 {paid} 人，待确认 {pending} 人。", {"total", "paid", "pending"});

    // Creating.
    ctx.text("new_usage",
             "用法：/challenge new 名称 键=值 …\n"
             "  start=开始日期（默认明天，也可写 today）  days=天数  deposit=押金\n"
             "  fine=每次缺卡罚金 或 fine=50%（扣剩余押金的比例）  full=全额退还需完成的天数\n"
             "  to=fund（群基金）| finishers（完成者平分）| split:30（30% 进基金，其余平分）\n"
             "  leave=可请假天数  leaver=forfeit（退群没收）| prorata（按比例退）  rule=checkin | message\n"
             "例：/challenge new 21天早起 start={tomorrow} days=21 deposit=50 fine=5 full=18 to=split:50",
             {"tomorrow"});
    ctx.text("new_exists", "「{name}」还没有结算，结算（/settle）后才能新建挑战。", {"name"});
    ctx.text("new_bad", "设置「{key}」有误：{problem}", {"key", "problem"});
    ctx.text("none", "现在没有押金挑战。管理员可以用 /challenge new 创建。");

    // Enrolment and payment.
    ctx.text("join_ok",
             "{name} 报名「{challenge}」成功！请把押金 {deposit} 元交给管理员，确认后生效；{deadline} 前未确认将自动取消报名。",
             {"name", "challenge", "deposit", "deadline"});
    ctx.text("join_pending", "{name} 已经报名了，正在等管理员确认押金。", {"name"});
    ctx.text("join_paid", "{name} 已经报名并交了押金，加油！", {"name"});
    ctx.text("join_closed", "「{challenge}」已经开始，报名截止了。下次早点来哦！", {"challenge"});
    ctx.text("join_left", "{name} 已退出「{challenge}」，不能再次报名。", {"name", "challenge"});
    ctx.text("paid_ok", " 押金 {amount} 元已确认收到，「{challenge}」正式生效。还有 {pending} 人待确认。",
             {"amount", "challenge", "pending"});
    ctx.text("paid_already", "{name} 的押金已经确认过了，不会重复记账。", {"name"});
    ctx.text("paid_not_enrolled", "{name} 没有报名「{challenge}」，请先让 TA 发送 /challenge join。",
             {"name", "challenge"});
    ctx.text("paid_wrong_amount", "「{challenge}」的押金是 {deposit} 元，收到的却是 {amount} 元。请核对后再确认。",
             {"challenge", "deposit", "amount"});
    ctx.text("paid_closed", "「{challenge}」已经结束，不能再确认押金。", {"challenge"});
    ctx.text("expired", " 报名「{challenge}」已取消：{within} 内押金没有确认。想参加可以重新 /challenge join。",
             {"challenge", "within"});
    ctx.text("remind_pay", "⏰ 下面的成员报名了「{challenge}」，押金还没确认，请尽快把 {deposit} 元交给管理员：",
             {"challenge", "deposit"});
    ctx.text("remind_pay_item", "（{deadline} 前）", {"deadline"});
    ctx.text("nudge", "🔔「{challenge}」今天还没完成的成员：", {"challenge"});
    ctx.text("nudge_item_fine", "（缺卡扣 {fine} 元）", {"fine"});
    ctx.text("nudge_item_free", "（缺卡可免罚，免罚还剩 {free} 次）", {"free"});
    ctx.text("nudge_tail", "\n{close} 之前完成都算今天，加油！", {"close"});

    // Status.
    ctx.text("status",
             "「{challenge}」{name}：{state}\n"
             "完成 {done} 天 · 缺卡 {missed} 天 · 请假 {leave} 天 · 还剩 {left} 天\n"
             "押金 {deposit} 元，已扣 {fined} 元，现在可退 {remaining} 元\n{outlook}",
             {"challenge", "name", "state", "done", "missed", "leave", "left", "deposit", "fined", "remaining",
              "outlook"});
    ctx.text("state_pending", "押金待确认");
    ctx.text("state_paid", "押金已确认");
    ctx.text("state_expired", "报名已过期");
    ctx.text("state_withdrawn", "已取消报名");
    ctx.text("state_left", "已中途退出");
    ctx.text("outlook_free", "再缺卡 {free} 天内不扣钱；完成 {need} 天即可全额退还。", {"free", "need"});
    ctx.text("outlook_fine", "免罚次数已用完，下次缺卡扣 {next} 元。", {"next"});
    ctx.text("status_not_enrolled", "{name} 没有报名「{challenge}」。发送 /challenge join 报名。", {"name", "challenge"});
    ctx.text("unknown_member", "找不到成员「{text}」，请 @ TA，或写 TA 报名时的名字。", {"text"});
    ctx.text("status_others", "只有管理员可以查看别人的押金。发送 /deposit status 查看自己的。");
    ctx.text("list_head", "「{challenge}」押金一览：", {"challenge"});
    ctx.text("list_line", "{n}. {name} — {state}，完成 {done}，缺卡 {missed}，请假 {leave}，可退 {remaining} 元",
             {"n", "name", "state", "done", "missed", "leave", "remaining"});

    // Day close.
    ctx.text("close_head", "📋「{challenge}」{day}（第 {n}/{days} 天）：完成 {done} 人，请假 {leave} 人，缺卡 {missed} 人。",
             {"challenge", "day", "n", "days", "done", "leave", "missed"});
    ctx.text("close_fined", " 扣 {fine} 元，剩 {remaining} 元", {"fine", "remaining", "day"});
    ctx.text("close_free", " 本次不扣钱（还可免罚 {free} 次）", {"free", "day"});
    ctx.text("close_free_last", " 本次不扣钱（免罚次数已用完，之后缺卡都会扣钱）", {"day"});
    ctx.text("close_empty", " 押金已扣完", {"day"});
    ctx.text("close_earlier", "（补记 {day}）", {"day"});
    ctx.text("checkin_needed",
             "押金挑战「{challenge}」按打卡判定，要进行到 {end}：停用打卡后成员没法打卡，每天都会被判缺卡并扣押金。"
             "请在挑战结束后再停用（第一天判定之前也可以先用 /取消挑战）。",
             {"challenge", "end"});
    ctx.text("ended", "🏁「{challenge}」全部 {days} 天结束啦！管理员请发送 /settle 生成退款清单。",
             {"challenge", "days"});

    // Early leavers.
    ctx.text("left_cancelled", "{name} 退群，「{challenge}」的报名已取消。", {"name", "challenge"});
    ctx.text("left_forfeit", "{name} 中途退群，按规则剩余押金 {forfeited} 元不退（{dest}）。",
             {"name", "forfeited", "dest", "done", "days"});
    ctx.text("left_prorata", "{name} 中途退群：完成 {done}/{days} 天，按比例退还 {refund} 元，其余 {forfeited} 元不退（{dest}）。",
             {"name", "done", "days", "refund", "forfeited", "dest"});

    // Settlement.
    ctx.text("settle_not_ended", "「{challenge}」还没结束（最后一天是 {end}），结束后才能结算。", {"challenge", "end"});
    ctx.text("settle_head", "💰「{challenge}」结算清单：", {"challenge"});
    ctx.text("settle_line", "{n}. {name}：退 {amount} 元 — {why}{paid}", {"n", "name", "amount", "why", "paid"});
    ctx.text("settle_paid_mark", "（已退）");
    ctx.text("why_done", "完成 {done}/{days} 天", {"done", "days"});
    ctx.text("why_leave", "请假 {leave} 天", {"leave"});
    ctx.text("why_missed", "缺卡 {missed} 天扣 {fined} 元", {"missed", "fined"});
    ctx.text("why_missed_free", "缺卡 {missed} 天（免罚）", {"missed"});
    ctx.text("why_excused", "{excused} 天罚款已撤销", {"excused"});
    ctx.text("why_share", "分得奖池 {share} 元", {"share"});
    ctx.text("why_left", "中途退群", {});
    ctx.text("why_cancelled", "挑战取消，全额退还", {});
    ctx.text("cancel_done", "「{challenge}」已取消。", {"challenge"});
    ctx.text("cancel_too_late", "「{challenge}」已经开始计算打卡，不能取消了；可以等结束后 /settle。", {"challenge"});
    ctx.text("why_not_finished", "未达到全额退还的 {full} 天", {"full"});
    ctx.text("settle_empty", "没有人交过押金，无需退款。");
    ctx.text("settle_pool_to_fund", "无人完成挑战，奖池 {pool} 元转入群基金。", {"pool"});
    ctx.text("settle_check_ok", "对账：押金合计 {deposits} 元 = 退款合计 {refunds} 元 + 进入群基金 {fund} 元 ✅",
             {"deposits", "refunds", "fund"});
    ctx.text("settle_check_bad",
             "⚠️ 对账不平：押金合计 {deposits} 元，退款合计 {refunds} 元，进入群基金 {fund} 元，相差 {diff} 分。请检查账本。",
             {"deposits", "refunds", "fund", "diff"});
    ctx.text("settle_footer", "管理员把钱退给成员后，请发送 /refund paid @成员 标记。");
    ctx.text("refund_ok", "已标记 {name} 的退款 {amount} 元为已退（{done}/{total}）。", {"name", "amount", "done", "total"});
    ctx.text("refund_all_done", "🎉「{challenge}」的退款全部完成。", {"challenge"});
    ctx.text("refund_already", "{name} 的退款 {amount} 元已经标记过，不会重复退款。", {"name", "amount"});
    ctx.text("refund_nothing", "{name} 没有可退的钱（0 元），结算时已结清。", {"name"});
    ctx.text("refund_not_settled", "「{challenge}」还没有结算，请先发送 /settle。", {"challenge"});
    ctx.text("refund_not_listed", "{name} 不在「{challenge}」的结算清单里。", {"name", "challenge"});

    // Corrections and export.
    ctx.text("unpaid_ok", "已撤销 {name} 的押金确认 {amount} 元（记一笔冲正，原记录保留），报名回到待确认。",
             {"name", "amount"});
    ctx.text("unpaid_not_paid", "{name} 的押金还没有确认过，无需撤销。", {"name"});
    ctx.text("unpaid_fined", "{name} 的押金已经有罚款或退款记录，不能撤销确认；请用 /deposit waive 逐笔更正。", {"name"});
    ctx.text("waive_ok", "已撤销 {name} {day} 的罚款 {amount} 元（记一笔冲正，原记录保留）。", {"name", "day", "amount"});
    ctx.text("waive_already", "{name} {day} 的罚款已经撤销过了。", {"name", "day"});
    ctx.text("waive_no_fine", "{name} 在 {day} 没有被罚款。", {"name", "day"});
    ctx.text("waive_settled", "「{challenge}」已经结算（或 {name} 已退出），不能再撤销罚款。", {"challenge", "name"});
    ctx.text("waive_bad_date", "「{text}」不是日期，请写成 2026-03-05 这样。", {"text"});
    ctx.text("export_saved", "已导出「{challenge}」的账本（{rows} 条分录）：{path}", {"challenge", "rows", "path"});
}

}  // namespace plugins::deposit
