// Every text the plugin says, with its Chinese default; admins reword them with /text bestshare.KEY.
#include "plugins/bestshare/glue.hpp"

namespace plugins::bestshare {

void register_texts(bot::plugin_context& ctx) {
    // Nominating
    ctx.text("usage",
             "🌟 提名本周最佳分享：回复（引用）那条分享，发 /提名；或发「/提名 @成员 分享内容」。", {});
    ctx.text("err_bot", "🤖 机器人的消息不能提名，请提名群友的分享。", {});
    ctx.text("err_self", "🙈 不能提名自己的分享，请让群友来提名你吧。", {});
    ctx.text("err_unknown_quote",
             "🤔 找不到你引用的那条消息（太早了，或是机器人重启前发的）。请改用「/提名 @成员 分享内容」。", {});
    ctx.text("err_command", "🤔 引用的是一条命令，不是分享。请引用分享本身，或用「/提名 @成员 分享内容」。", {});
    ctx.text("err_no_text", "🤔 没找到要提名的文字。请写上分享内容：「/提名 @成员 分享内容」。", {});
    ctx.text("err_full", "📦 这一期的提名已满 {max} 个，下次投票后再提名吧。", {"max"});
    ctx.text("err_duplicate", "👌 {name} 的这条分享已经被提名过了。", {"name"});
    ctx.text("nominated", "🌟 已提名：\n{line}\n{next}", {"line", "next"});
    ctx.text("next_vote_at", "投票在 {when} 开始。", {"when"});
    ctx.text("next_vote_manual", "投票由管理员用 /bestshare open 开始。", {});
    ctx.text("when_manual", "管理员开始时", {});
    ctx.text("line", "#{num} {name}：「{text}」（{by}）", {"num", "name", "text", "by", "votes"});
    ctx.text("line_votes", "#{num} {name}：「{text}」—— {votes} 票", {"num", "name", "text", "by", "votes"});
    ctx.text("by_member", "{name} 提名", {"name"});
    ctx.text("by_checkin", "打卡自动提名", {});

    // The vote
    ctx.text("vote_open",
             "🏆 第 {num} 期「本周最佳分享」投票开始！\n{lines}\n"
             "发「/投票最佳 编号」投票，每人一票，不能投自己。{deadline} 截止。",
             {"num", "lines", "deadline"});
    ctx.text("vote_closed", "🏆 第 {num} 期「本周最佳分享」揭晓：恭喜 {name}！\n{lines}\n共 {voters} 人投票。",
             {"num", "lines", "voters", "winner", "name"});
    ctx.text("vote_closed_none", "🏆 第 {num} 期「本周最佳分享」投票结束，没有人投票，本期不评。\n{lines}",
             {"num", "lines", "voters"});
    ctx.text("reward_granted",
             "🎁 奖励 {amount} 元已从群基金划出（群基金余额 {balance} 元），管理员发给 {name} 后用「/bestshare paid #{num}」记下。",
             {"num", "name", "amount", "balance"});
    ctx.text("reward_owed", "🎁 奖励 {amount} 元先记着：群基金只有 {balance} 元，等基金够了再发。",
             {"num", "name", "amount", "balance"});
    ctx.text("admins_owed",
             "⚠️ 第 {num} 期最佳分享 {name} 的奖励 {amount} 元没有发出：群基金只有 {balance} 元。"
             "已记为待发，群基金够了会自动划出并告诉你；也可用「/bestshare reward」查看。",
             {"num", "name", "amount", "balance"});
    ctx.text("admins_granted_late",
             "🎁 群基金够了：第 {num} 期最佳分享 {name} 的奖励 {amount} 元已从群基金划出，发给 TA 后请用「/bestshare paid #{num}」记下。",
             {"num", "name", "amount"});
    ctx.text("voted", "🗳️ 已投给 #{num} {name}，{deadline} 揭晓。", {"num", "name", "deadline"});
    ctx.text("err_voted", "🗳️ 你已经投过票了（投给了 #{num}），每人只有一票。", {"num", "name", "deadline"});
    ctx.text("err_vote_self", "🙈 不能投给自己的分享哦。", {"num"});
    ctx.text("err_no_nominee", "🤔 本期投票里没有 #{num}，发 /本周最佳 看看提名。", {"num"});
    ctx.text("err_no_vote", "🗳️ 现在没有进行中的最佳分享投票。", {"num"});
    ctx.text("err_vote_closed", "⌛ 投票已于 {deadline} 截止，下期再投吧。", {"num", "deadline"});
    ctx.text("err_open_already", "🗳️ 投票已经开始了（或今天已经评过），发 /本周最佳 查看。", {});
    ctx.text("err_open_empty", "📭 还没有提名，投票没有开始。回复一条好分享发 /提名 吧。", {});
    ctx.text("status_voting", "🗳️ 第 {num} 期投票中，{deadline} 截止，已有 {voters} 人投票：\n{lines}\n发「/投票最佳 编号」投票。",
             {"num", "lines", "deadline", "voters"});
    ctx.text("status_pending", "🌟 下次投票（{when}）的提名：\n{lines}", {"when", "lines"});
    ctx.text("status_no_nominees", "🌟 下次投票（{when}）还没有提名。回复一条好分享发 /提名 吧。", {"when"});
    ctx.text("status_last", "🏆 上期最佳：第 {num} 期 {name}", {"num", "name"});

    // The reward
    ctx.text("reward_status", "🎁 本群最佳分享奖励 {amount} 元，群基金余额 {balance} 元。\n待发：\n{owed}",
             {"amount", "balance", "owed"});
    ctx.text("reward_none_owed", "（没有）", {});
    ctx.text("reward_unpaid_line", "第{num}期 {name} {amount} 元（已从基金划出，待发给获奖人）",
             {"num", "name", "amount", "balance"});
    ctx.text("reward_too_big", "❌ 奖励 {amount} 元超过了群基金余额 {balance} 元，没有修改。", {"amount", "balance"});
    ctx.text("reward_set", "✅ 本群最佳分享奖励改为 {amount} 元（群基金余额 {balance} 元）。", {"amount", "balance"});
    ctx.text("reward_off", "✅ 本群最佳分享不再发奖励。", {"amount", "balance"});
    ctx.text("paid_ok", "✅ 已记下：第 {num} 期最佳分享的奖励 {amount} 元已发给 {name}。", {"num", "name", "amount", "balance"});
    ctx.text("paid_already", "👌 第 {num} 期的奖励已经记为发放过了，没有再记。", {"num", "name", "amount", "balance"});
    ctx.text("paid_still_owed",
             "⚠️ 第 {num} 期 {name} 的奖励 {amount} 元还没从群基金划出：群基金只有 {balance} 元。没有修改。",
             {"num", "name", "amount", "balance"});
    ctx.text("paid_no_reward", "🤔 第 {num} 期没有要发的奖励（期数写作 #1）。", {"num"});
    ctx.text("paid_nothing", "👌 没有待发放的最佳分享奖励。", {});

    // The archive
    ctx.text("export_head", "📚 本群最佳分享存档（{rows} 条，CSV）：", {"rows"});
    ctx.text("exported", "📚 最佳分享存档（{rows} 条）已私信发给你。", {"rows"});
    ctx.text("export_failed", "❌ 私信发不出去（请先加机器人好友或允许临时会话），存档没有发出。", {"rows"});
    ctx.text("export_empty", "📭 还没有评选过，存档是空的。", {});
    ctx.text("source_checkin", "打卡", {});
    ctx.text("source_member", "群友提名", {});
    ctx.text("err_remove", "🤔 没有可以撤下的提名 {num}（已评完的不能撤）。", {"num"});
    ctx.text("removed", "🗑️ 已撤下提名 #{num}（{name}），它的 {votes} 票也一并作废。", {"num", "name", "votes"});
}

}  // namespace plugins::bestshare
