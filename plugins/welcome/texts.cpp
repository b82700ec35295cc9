#include "plugins/welcome/texts.hpp"

namespace plugins::welcome {

std::vector<text_def> const& text_defs() {
    static std::vector<text_def> const defs{
        // What /set says fields should be, after 「应为」; {item} is the entry that did not fit.
        {"expect.fields", "至少一项、每项写作「key:标签」或「key:标签/别名」的字段", {"item"}},
        // The welcome.
        {"welcome", "🎉 欢迎 {at} 加入{group}！现在群里有 {count} 位成员。", {"at", "name", "group", "count"}},
        {"welcome_nocount", "🎉 欢迎 {at} 加入{group}！", {"at", "name", "group"}},
        {"rules_header", "📌 群规（每条都有原因）：", {}},
        {"rule_line", "{index}. {rule}——{reason}", {"index", "rule", "reason"}},
        {"rule_line_plain", "{index}. {rule}", {"index", "rule"}},
        {"intake_prompt",
         "📝 请按下面的格式做个自我介绍，在群里发或私聊我都可以（发 /intro 我来一项一项问你）：\n{template}",
         {"template"}},
        {"icebreaker", "🧧 破冰小建议：发自我介绍时顺手发个小红包，大家会更快认识你！", {}},
        {"leave", "👋 {name} 离开了{group}，祝一切顺利。", {"name", "group"}},

        // Verification.
        {"verify_ask", "🔐 {at} 入群验证：请在 {minutes} 分钟内回答：{question}",
         {"at", "name", "question", "minutes", "tries"}},
        {"verify_where_private", "你已被暂时禁言，请私聊我回答（最多 {tries} 次机会）。", {"tries"}},
        {"verify_where_group", "直接在群里回复答案即可（最多 {tries} 次机会）。", {"tries"}},
        {"verify_wrong", "❌ 答案不对，还可以再试 {tries} 次。", {"tries"}},
        {"verify_passed", "✅ {at} 验证通过！", {"at", "name"}},
        {"verify_passed_private", "✅ 验证通过，欢迎加入{group}！", {"group"}},
        {"verify_kicked", "⏰ {name} 未通过入群验证（{why}），已移出{group}。", {"name", "why", "group"}},
        {"verify_failed_private", "很遗憾，你没有通过{group}的入群验证（{why}）。", {"group", "why"}},
        {"verify_failed_admins", "⚠️ {name} 未通过入群验证（{why}），请管理员处理。", {"name", "why"}},
        {"verify_admin_hint", "在群里发 /verify pass {user} 让 TA 通过并欢迎，或 /verify kick {user} 移出。", {"user"}},
        {"verify_kicked_manual", "已将 {name} 移出{group}。", {"name", "group"}},
        {"verify_kick_failed", "⚠️ 无法移出 {name}（{error}）。", {"name", "error"}},
        {"verify_no_mute_admins", "⚠️ 无法禁言待验证的新成员（平台不支持，或机器人不是管理员），他们在验证前也能发言：{names}",
         {"names"}},
        {"verify_no_kick_admins", "⚠️ 无法移出 {name}（{error}），请管理员手动处理。", {"name", "error"}},
        {"verify_unseen",
         "ℹ️ 本群设置了入群验证，但在这个平台上机器人只能看到 @ 它的消息（客户群里一条也看不到），看不到新成员的回答，"
         "所以不做入群验证：不提问、不禁言、不限时、不移出。入群照常记录，欢迎照常发送。",
         {}},
        {"remind_unseen",
         "ℹ️ 在这个平台上，新成员没有 @ 机器人发的自我介绍机器人看不到，所以不会提醒「还没做自我介绍」，"
         "也不会把新成员列给管理员。能 @ 机器人的群里，新成员 @ 它发自我介绍即可登记。",
         {}},
        {"why_timeout", "超时未回答", {}},
        {"why_wrong", "多次回答错误", {}},
        {"verify_manual", "✅ 管理员已让 {at} 通过验证。", {"at", "name"}},
        {"verify_none", "{name} 没有待完成的入群验证。", {"name"}},

        // Intake profile.
        {"intake_saved", "✅ 已登记 {at} 的自我介绍，大家可以用 /who 关键词 找到 TA，欢迎打个招呼～", {"at", "name"}},
        {"intake_saved_private", "✅ 已登记你的自我介绍：\n{profile}", {"profile"}},
        {"intro_start", "好的，我们一项一项来：每项请在 {minutes} 分钟内回复；回复「跳过」略过这一项，「取消」结束。",
         {"minutes"}},
        {"intro_ask", "({index}/{total}) 你的{label}是？", {"index", "total", "label"}},
        {"intro_done", "✅ 自我介绍登记好了：\n{profile}", {"profile"}},
        {"intro_timeout", "⏰ 有一会儿没收到回复，填好的部分已保存。发 /intro 可以重新开始。", {}},
        {"intro_cancelled", "好的，已结束。填好的部分已保存。", {}},
        {"intro_busy", "我们正在一项一项登记中，请直接回答上一个问题～", {}},
        {"remind", "👋 {at} 还没有做自我介绍哦～按下面的格式发一条，或者发 /intro 让我一项一项问你：\n{template}",
         {"at", "name", "template"}},
        {"remind_admins", "📋 以下新成员入群 {hours} 小时仍未登记自我介绍：{names}", {"hours", "names"}},
        {"profile_show", "📇 {name} 的资料：\n{profile}\n修改某一项：/profile 字段 内容（例如 /profile 擅长 设计）",
         {"name", "profile"}},
        {"profile_empty", "你还没有登记资料。发 /intro 我来一项一项问你，或者按格式发：\n{template}", {"template"}},
        {"profile_updated", "✅ 已更新 {label}：{value}", {"label", "value"}},
        {"profile_cleared", "✅ 已清空 {label}。", {"label"}},
        {"profile_deleted", "✅ 你的资料已删除。", {}},
        {"profile_unknown", "没看懂要改哪一项。可以这样写：/profile 擅长 设计、插画\n可以填的项：{labels}", {"labels"}},
        {"who_results", "🔎 「{keyword}」找到 {count} 位成员：\n{results}", {"keyword", "count", "results"}},
        {"who_hidden_note", "（本群已达 {threshold} 人，姓名等隐私信息仅管理员可见；想认识 TA，请找管理员引荐）",
         {"threshold"}},
        {"who_none", "🔎 没有找到和「{keyword}」相关的成员。", {"keyword"}},
        {"who_anonymous", "成员 {index}", {"index"}},
        {"who_sent_private", "🔎 结果里有隐私信息，已私聊发给你。", {}},
        {"who_private_failed", "🔎 私聊发送失败（请先加我为好友），结果没有在群里公开。", {}},

        // Rules.
        {"rules_show", "📌 {group}群规：\n{rules}", {"group", "rules"}},
        {"rules_none", "本群还没有群规。管理员可以发 /rules add 规则｜原因 添加。", {}},
        {"rules_added", "✅ 已添加第 {index} 条群规：{rule}", {"index", "rule"}},
        {"rules_removed", "✅ 已删除第 {index} 条群规：{rule}", {"index", "rule"}},
        {"rules_reset", "✅ 本群群规已恢复为默认。", {}},
        {"rules_bad_index", "没有第 {index} 条群规（共 {count} 条）。", {"index", "count"}},
        {"rules_empty_text", "请写上规则，最好带上原因，例如：/rules add 不刷屏｜刷屏会淹没别人的分享", {}},

        // Join requests.
        {"request_admins", "📨 {name} 申请加入{group}：「{comment}」\n管理员可发 /request accept {id} 同意，或 /request reject {id} 理由 拒绝。",
         {"name", "group", "comment", "id"}},
        {"request_auto", "📨 {name} 的入群申请已按关键词自动{decision}：「{comment}」", {"name", "decision", "comment"}},
        {"request_done", "✅ 已{decision} {name} 的入群申请。", {"decision", "name"}},
        {"request_failed", "⚠️ 处理申请失败：{error}", {"error"}},
        {"request_missing", "没有编号为 {id} 的待处理申请。发 /requests 查看。", {"id"}},
        {"request_bad_action", "请写 accept（同意）或 reject（拒绝），例如：/request accept 3", {}},
        {"requests_list", "📨 待处理的入群申请：\n{list}", {"list"}},
        {"requests_none", "没有待处理的入群申请。", {}},
        {"approved", "同意", {}},
        {"rejected", "拒绝", {}},

        // Admin tools.
        {"stats", "📊 近 7 天：入群 {joins7}，退群 {leaves7}（其中被移出 {kicked7}）\n近 30 天：入群 {joins30}，退群 {leaves30}（其中被移出 {kicked30}）",
         {"joins7", "leaves7", "kicked7", "joins30", "leaves30", "kicked30"}},
        {"admin_prefix", "[{group}] ", {"group"}},
        {"admins_attention", "管理员请注意：", {}},
    };
    return defs;
}

}  // namespace plugins::welcome
