// Every message the plugin sends, as keyed templates groups can reword with /text.
#include "plugins/antiad/texts.hpp"

namespace plugins::antiad {

void define_texts(bot::plugin_context& ctx) {
    // What /set says a value should be, after 「应为」.
    ctx.text("expect.actions", "用 + 连接的处理，可选 recall 撤回、warn 警告、mute 禁言、kick 移出、escalate 逐级处罚、report 报告",
             {});
    ctx.text("expect.rule_actions", "「规则:处理」，如 flood:mute（「{item}」不对）", {"item"});
    ctx.text("expect.ladder", "至少一步，如 warn、mute 10m、kick", {});
    // What members read when a rule fires.
    // {matched} is the part that fired, masked ("138****5678") and cut short.
    ctx.text("warned", "请不要发广告哦：{reason}（「{matched}」），消息已处理。这是第 {strikes} 次提醒，再犯将{next}。",
             {"name", "reason", "matched", "strikes", "next"});
    ctx.text("warned_once", "请不要发广告哦：{reason}（「{matched}」），消息已处理。", {"name", "reason", "matched"});
    ctx.text("muted", "{reason}（「{matched}」），已被禁言 {duration}。如有误会，请联系管理员。",
             {"name", "reason", "matched", "duration", "strikes"});
    ctx.text("kicked", "{reason}（「{matched}」），多次提醒无效，已被移出本群。",
             {"name", "reason", "matched", "strikes"});
    ctx.text("next_warn", "再次被警告");
    ctx.text("next_mute", "被禁言 {duration}", {"duration"});
    ctx.text("next_kick", "被移出本群");

    // Each rule in plain words.
    ctx.text("reason_link", "发送了未经允许的链接");
    ctx.text("reason_mobile", "留了手机号");
    ctx.text("reason_wechat", "留了微信号");
    ctx.text("reason_qq", "留了 QQ 号或群号");
    ctx.text("reason_telegram", "留了 Telegram 账号");
    ctx.text("reason_number", "留了联系方式");
    ctx.text("reason_keyword", "包含广告词");
    ctx.text("reason_pitch", "包含引流话术");
    ctx.text("reason_miniapp", "分享了小程序");
    ctx.text("reason_card", "分享了链接卡片");
    ctx.text("reason_contact", "推荐了个人名片");
    ctx.text("reason_invite", "发送了群邀请");
    ctx.text("reason_forward", "发送了合并转发");
    ctx.text("reason_file", "发送了文件");
    ctx.text("reason_qr", "发送了二维码");
    ctx.text("reason_ocr", "发送的图片里有广告内容");
    ctx.text("reason_image", "发送了已知的广告图片");
    ctx.text("reason_flood", "短时间内刷屏");
    ctx.text("reason_duplicate", "重复发送相同内容");
    ctx.text("reason_admin", "触发了本群的管理规则");
    ctx.text("reason_newcomer", "新成员入群初期不能发链接、二维码、名片或引流内容");
    ctx.text("reason_manual", "管理员警告");
    ctx.text("reason_similar", "与管理员标记过的广告相似");
    ctx.text("reason_learned", "被管理员认定为广告");

    // What admins read.
    ctx.text("cannot", "⚠️ 本平台不支持{actions}，请管理员手动处理 {name}（{user}）：{reason}。",
             {"name", "user", "actions", "reason"});
    ctx.text("failed",
             "⚠️ {actions}没有成功（{detail}），请管理员手动处理 {name}（{user}）：{reason}。",
             {"name", "user", "actions", "detail", "reason"});
    ctx.text("word_recall", "撤回");
    ctx.text("word_mute", "禁言");
    ctx.text("word_kick", "踢人");
    ctx.text("report",
             "【反广告】群 {group}：{name}（{user}）{reason}（规则 "
             "{rule}）\n命中：{matched}\n原文：{original}\n处理：{actions}\n误判？回复本消息 /误判，或在群里 /unwarn "
             "@{name}",
             {"group", "name", "user", "rule", "reason", "text", "matched", "original", "actions"});
    ctx.text("dry_run", "【试运行】{name}（{user}）{reason}（规则 {rule}）\n命中：{matched}\n正式运行时将：{actions}",
             {"name", "user", "rule", "reason", "text", "matched", "original", "actions"});

    // Admin commands.
    ctx.text("protected", "{name} 是管理员或受保护的账号，不能这样操作。", {"name"});
    ctx.text("admin_warned", "{name} 被管理员警告：{reason}（{window}内有效警告 {strikes} 次）。",
             {"name", "reason", "strikes", "window"});
    ctx.text("unwarned", "已撤销 {name} 最近的一次警告，剩余 {strikes} 次。", {"name", "strikes"});
    ctx.text("no_warns", "{name} 目前没有有效的警告。", {"name"});
    ctx.text("warns", "{name} 在{window}内有 {strikes} 次警告：{lines}", {"name", "strikes", "window", "lines"});
    ctx.text("admin_muted", "已禁言 {name} {duration}。{reason}", {"name", "duration", "reason"});
    ctx.text("admin_unmuted", "已解除 {name} 的禁言。", {"name"});
    ctx.text("admin_kicked", "已将 {name} 移出本群。{reason}", {"name", "reason"});
    ctx.text("action_failed", "操作没有成功：{detail}", {"detail"});
    ctx.text("mute_too_long", "禁言时长最长 30 天。");
    ctx.text("approved", "已把 {name} 加入免检名单，其消息不再检查。", {"name"});
    ctx.text("unapproved", "已把 {name} 移出免检名单。", {"name"});
    ctx.text("not_approved", "{name} 不在免检名单里。", {"name"});
    ctx.text("status",
             "反广告：{mode}\n允许的域名：{domains}\n自定义规则 {rules} 条，免检成员 {approved} 人\n关闭的规则：{off}\n"
             "学到的内容：放行 {passes} 条，广告样本 {samples} 条（/antiad learned）",
             {"mode", "domains", "rules", "approved", "off", "passes", "samples"});
    ctx.text("mode_on", "反广告已开启。");
    ctx.text("mode_off", "反广告已关闭。");
    ctx.text("mode_dry_run", "反广告进入试运行：只报告，不处理。");
    ctx.text("mode_usage", "用法：/antiad on|off|dry-run");
    ctx.text("allowed", "已允许域名 {domain}（含子域名）。", {"domain"});
    ctx.text("disallowed", "已移除允许的域名 {domain}。", {"domain"});
    ctx.text("not_allowed", "{domain} 不在本群的允许列表里。", {"domain"});
    ctx.text("bad_domain", "「{domain}」不是有效的域名，例如：github.com", {"domain"});
    ctx.text("allow_list", "本群允许的域名：{domains}", {"domains"});
    ctx.text("rule_added", "已添加规则 #{id}：{pattern}", {"id", "pattern"});
    ctx.text("rule_bad", "规则无法使用：{error}", {"error"});
    ctx.text("rule_list", "本群的自定义规则：{lines}", {"lines"});
    ctx.text("rule_none", "本群还没有自定义规则。用 /antiad rule add 正则 添加。");
    ctx.text("rule_removed", "已删除规则 #{id}。", {"id"});
    ctx.text("rule_missing", "没有编号为 #{id} 的规则。", {"id"});
    ctx.text("modlog", "最近的处理记录：{lines}", {"lines"});
    ctx.text("modlog_empty", "还没有处理记录。");
    ctx.text("none", "（无）");
    ctx.text("modlog_cleared", "已撤销（{actor}）", {"actor"});

    // Learning from admins: /误判, /ad, /antiad learned, /antiad forget.
    ctx.text("cleared", "已撤销对 {name} 的处理：{restored}。本群以后相同的内容不再拦截。", {"name", "restored"});
    ctx.text("cleared_no_pass", "已撤销对 {name} 的处理：{restored}。", {"name", "restored"});
    ctx.text("restored_strike", "撤销了这次警告");
    ctx.text("restored_mute", "解除了禁言");
    ctx.text("restored_nothing", "没有需要恢复的处罚");
    ctx.text("kick_final", "踢出无法撤销，如需要请重新邀请 {name}", {"name"});
    ctx.text("not_admin", "抱歉，只有该群的管理员可以撤销处理。");
    ctx.text("cleared_already", "这条处理已经撤销过了。");
    ctx.text("incident_number_unknown", "本群没有编号为 #{number} 的处理记录（编号见 /modlog）。", {"number"});
    ctx.text("incident_unknown", "找不到这条消息的处理记录。请回复机器人的警告、报告，或被处理的那条消息。");
    ctx.text("wrong_usage",
             "用法：回复机器人的警告或报告（或被处理的消息），发送 /误判；或发送 /误判 #编号（编号见 /modlog）");
    ctx.text("unwarn_usage", "用法：/unwarn @成员，或回复机器人的警告发送 /unwarn");
    ctx.text("marked", "已按广告处理 {name} 的消息。{learned}", {"name", "learned"});
    ctx.text("marked_learned", "以后相似的消息会被拦截。");
    ctx.text("marked_short", "消息太短，没有作为样本学习。");
    ctx.text("marked_images", "记住了 {count} 张图片。", {"count"});
    ctx.text("ad_usage", "用法：回复一条漏掉的广告，发送 /ad");
    ctx.text("ad_already", "这条消息已经按广告处理过了。");
    ctx.text("ad_unknown", "取不到被回复的消息（机器人只记得最近收到的消息），请手动处理。");
    ctx.text("learned_list", "本群学到的内容：{lines}\n用 /antiad forget 编号 删除。", {"lines"});
    ctx.text("learned_none", "本群还没有学到内容。");
    ctx.text("learned_pass", "放行");
    ctx.text("learned_sample", "广告样本");
    ctx.text("forgot", "已删除学到的第 {id} 条。", {"id"});
    ctx.text("forget_missing", "没有编号为 {id} 的学习内容。", {"id"});
}

}  // namespace plugins::antiad
