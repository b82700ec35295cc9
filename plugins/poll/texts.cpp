// Every text the poll plugin says, keyed so admins can reword it (/text, bot.toml), Chinese first.
#include "plugins/poll/glue.hpp"

namespace plugins::poll {

namespace {

void poll_texts(bot::plugin_context& ctx) {
    ctx.text("err_format", "投票格式：/poll 问题 | 选项1 | 选项2 [多选] [匿名] [截止 2h]，问题和选项之间用 | 隔开。",
             {"max"});
    ctx.text("err_too_few", "投票至少要 2 个选项，用 | 隔开：/poll 问题 | 选项1 | 选项2", {"max"});
    ctx.text("err_too_many", "投票最多 {max} 个选项。", {"max"});
    ctx.text("err_empty_option", "有一个选项是空的，请检查 | 之间的内容。", {"max"});
    ctx.text("err_duplicate", "有两个选项一模一样，请改一下。", {"max"});
    ctx.text("err_deadline", "没看懂截止时间：写成「截止 2h」「截止 20:00」或「截止 2026-03-04 20:00」。",
             {"num", "max"});
    ctx.text("err_past", "截止时间已经过去了，请写一个将来的时间。", {"num", "max"});
    ctx.text("err_too_far", "截止时间太远了，最长 {max}。", {"num", "max"});
    ctx.text("created", "📊 投票 #{num}：{question}{options}\n（{kind}，{deadline} 截止）{how}",
             {"num", "question", "options", "kind", "deadline", "how"});
    ctx.text("how_single", "\n回复「/vote 编号」投票，截止前可以改。", {"num"});
    ctx.text("how_multi", "\n回复「/vote 1 3」选多项，截止前可以改。", {"num"});
    ctx.text("err_no_poll", "没有找到投票 #{num}。", {"num", "count", "open"});
    ctx.text("err_none_open", "现在没有进行中的投票。", {"num", "count", "open"});
    ctx.text("err_which", "现在有几个投票在进行（{open}），请写明投哪个，例如「/vote #2 1」。",
             {"num", "count", "open"});
    ctx.text("err_which_results", "现在有几个投票在进行（{open}），请写明看哪个，例如「/poll results #2」。",
             {"num", "count", "open"});
    ctx.text("err_vote_format", "投票请写选项编号，例如「/vote 2」；多选「/vote 1 3」；指定投票「/vote #2 1」。",
             {"num", "count", "open"});
    ctx.text("err_no_option", "投票 #{num} 只有 {count} 个选项，请写 1 到 {count} 的编号。", {"num", "count", "open"});
    ctx.text("err_closed", "投票 #{num} 已经截止，不能再投了。", {"num", "count", "open"});
    ctx.text("err_single", "投票 #{num} 是单选，只能选一个。", {"num", "count", "open"});
    ctx.text("err_not_yours", "只有发起人或管理员能结束投票 #{num}。", {"num", "count", "open"});
    ctx.text("voted", "✅ {name} 投给了 #{num}：{choices}", {"name", "num", "choices", "before", "deadline"});
    ctx.text("changed", "🔁 {name} 改投 #{num}：{choices}（原来是 {before}）",
             {"name", "num", "choices", "before", "deadline"});
    ctx.text("voted_anon", "✅ 收到 {name} 的匿名投票（#{num}），{deadline} 前可以改。",
             {"name", "num", "choices", "before", "deadline"});
    ctx.text("changed_anon", "🔁 {name} 的匿名投票（#{num}）已改，以最后一次为准。",
             {"name", "num", "choices", "before", "deadline"});
    ctx.text("results", "📊 投票 #{num} 结果：{question}\n{lines}\n共 {voters} 人投票（{kind}，{status}）",
             {"num", "question", "lines", "voters", "kind", "status"});
    ctx.text("status_open", "{deadline} 截止", {"deadline"});
    ctx.text("status_closed", "已截止", {});
    ctx.text("kind_single", "单选", {});
    ctx.text("kind_multi", "多选", {});
    ctx.text("kind_named", "实名", {});
    ctx.text("kind_anon", "匿名", {});
    ctx.text("more_names", " 等 {count} 人", {"count"});
    ctx.text("nobody", "（无）", {});
    ctx.text("list", "📊 进行中的投票：\n{lines}", {"lines"});
    ctx.text("list_line", "#{num} {question}（{kind}，{voters} 人已投，{deadline} 截止）",
             {"num", "question", "kind", "voters", "deadline"});
    ctx.text("list_none", "现在没有进行中的投票。发起一个：/poll 问题 | 选项1 | 选项2", {});
}

void survey_texts(bot::plugin_context& ctx) {
    ctx.text("survey_err_format", "调研格式：/survey new 标题 [| 问题1 | 问题2 ...]", {"num", "max"});
    ctx.text("survey_err_too_many", "一份调研最多 {max} 个问题。", {"num", "max"});
    ctx.text("survey_err_empty", "问题不能是空的。", {"num", "max"});
    ctx.text("survey_err_ref", "请写调研编号，例如「#1」。", {"num", "max"});
    ctx.text("survey_err_none", "没有找到这个调研。用 /surveys 看本群的调研。", {"num", "max"});
    ctx.text("survey_err_started", "调研 #{num} 已经开始，不能再改问题或重新开始。", {"num", "max"});
    ctx.text("survey_err_not_started", "调研 #{num} 还没开始。", {"num", "max"});
    ctx.text("survey_err_closed", "调研 #{num} 已经截止。", {"num", "max"});
    ctx.text("survey_err_no_questions", "调研 #{num} 还没有问题，先用「/survey q #{num} 问题」加几个。",
             {"num", "max"});
    ctx.text("survey_err_none_running", "现在没有进行中的调研。", {"num"});
    ctx.text("survey_err_which", "现在有几个调研在进行，请写明编号，例如「/survey answer #1」。", {"num"});
    ctx.text("survey_err_not_asked",
             "还没有问到你调研 #{num} 的问题，没有可以回答的题目。先发「/survey answer #{num}」看题目。", {"num"});
    ctx.text("survey_created",
             "🗒 调研 #{num}「{title}」已建好，{count} 个问题。\n加问题：/survey q #{num} 问题\n开始：/survey start "
             "#{num} [3d]",
             {"num", "title", "count"});
    ctx.text("survey_question_added", "➕ 已给调研 #{num} 加上第 {index} 题。", {"num", "index"});
    ctx.text("survey_started",
             "📣 调研 #{num}「{title}」开始了，共 {count} 题，{deadline} 截止。已私聊 {asked} "
             "位成员逐题提问，直接回复私聊即可。"
             "\n收不到私聊的成员请在群里发「/survey answer #{num}」作答。",
             {"num", "title", "deadline", "count", "asked", "failed"});
    ctx.text("survey_started_optin",
             "📣 调研 #{num}「{title}」开始了，共 {count} 题，{deadline} 截止。\n想参加的成员请发「/survey join "
             "#{num}」（私聊逐题提问），"
             "或在群里发「/survey answer #{num}」作答。",
             {"num", "title", "deadline", "count", "asked", "failed"});
    ctx.text("survey_private_failed", "有 {failed} 位成员的私聊没发出去，请他们在群里发「/survey answer #{num}」。",
             {"num", "title", "deadline", "count", "asked", "failed"});
    ctx.text("survey_question", "🗒 调研 #{num}「{title}」第 {index}/{total} 题：\n{question}",
             {"num", "title", "index", "total", "question", "deadline"});
    ctx.text("survey_private_hint", "（直接回复这条私聊就是回答，一次答一题）", {"num", "title"});
    ctx.text("survey_answer_hint", "在群里回答：/survey answer #{num} 你的回答", {"num", "title"});
    ctx.text("survey_answer_saved", "✅ 第 {index}/{total} 题已记下。", {"index", "total"});
    ctx.text("survey_answer_empty", "请用文字回答。", {});
    ctx.text("survey_done", "🎉 调研 #{num}「{title}」全部答完，谢谢你！", {"num", "title"});
    ctx.text("survey_already_done", "你已经答完调研 #{num}「{title}」了，谢谢！", {"num", "title"});
    ctx.text("survey_already_in",
             "你已经在调研 #{num} 里了：直接回复机器人的私聊，或在群里发「/survey answer #{num}」看当前题目。",
             {"num", "title"});
    ctx.text("survey_joined", "📨 已私聊你调研 #{num}「{title}」的第一题。", {"num", "title"});
    ctx.text("survey_closed",
             "🗒 调研 #{num}「{title}」已截止：{done}/{total} 人答完。管理员可用「/survey summary "
             "#{num}」看汇总。",
             {"num", "title", "done", "total"});
    ctx.text(
        "survey_progress",
        "📈 调研 #{num}「{title}」：答完 {done}/{total} 人，答了一部分 {partial} 人（{status}）\n还没答完：{waiting}",
        {"num", "title", "done", "total", "partial", "status", "waiting"});
    ctx.text("survey_status_draft", "未开始", {});
    ctx.text("survey_status_open", "{deadline} 截止", {"deadline"});
    ctx.text("survey_status_closed", "已截止", {});
    ctx.text("survey_summary", "🗒 调研 #{num}「{title}」汇总（答完 {done}/{total} 人）\n{lines}",
             {"num", "title", "done", "total", "lines"});
    ctx.text("survey_summary_question", "Q{index}. {question}（{count} 人回答）", {"index", "question", "count"});
    ctx.text("survey_summary_more", "…还有 {count} 条，完整内容用 /survey export 导出", {"count"});
    ctx.text("survey_export_head", "调研 #{num}「{title}」回答（CSV，{rows} 行）：", {"num", "title", "rows"});
    ctx.text("survey_exported", "📎 已把调研 #{num} 的 CSV（{rows} 行）私聊发给你。", {"num", "rows"});
    ctx.text("survey_export_failed", "私聊发送失败：请先加机器人好友，或在控制台下载 CSV。", {"num", "rows"});
    ctx.text("survey_list", "🗒 本群的调研：\n{lines}", {"lines"});
    ctx.text("survey_list_line", "#{num}「{title}」{status}，答完 {done}/{total} 人",
             {"num", "title", "status", "done", "total"});
    ctx.text("survey_list_none", "本群还没有调研。管理员发起：/survey new 标题 | 问题1 | 问题2", {});
}

}  // namespace

void register_texts(bot::plugin_context& ctx) {
    poll_texts(ctx);
    survey_texts(ctx);
}

}  // namespace plugins::poll
