// Every member-facing text of the Q&A digest, keyed so admins may reword them with /text.
#include "plugins/digest/glue.hpp"

namespace plugins::digest {

void register_texts(bot::plugin_context& ctx) {
    ctx.text("expect.question_words", "最多 50 个词，每个 1 到 10 个字，不含空格");
    ctx.text("help",
             "📚 问答精选：群里的提问和大家的回答会被收集起来，{when}汇总成一期精选。\n"
             "回答别人的问题：引用（回复）那条提问，或在提问后 {window} 内 @ 提问的人。\n"
             "/faq 关键词 搜索回答过的问题；/digest list 最近收集的问题\n"
             "管理员：/digest now 马上发本期精选、/digest pin 把最近一期设为精华、/digest forget #编号 删除一个问题",
             {"when", "window"});
    ctx.text("when_daily", "每天 {time} ", {"time"});
    ctx.text("when_weekly", "每周{weekday} {time} ", {"weekday", "time"});
    ctx.text("when_off", "由管理员用 /digest now ");
    ctx.text("head", "📚 今日问答精选（{date}）\n{count} 个问题有了回答：", {"date", "from", "count"});
    ctx.text("head_weekly", "📚 本周问答精选（{from} 至 {date}）\n{count} 个问题有了回答：", {"date", "from", "count"});
    ctx.text("question", "❓ #{number} {name}：{question}", {"number", "name", "question", "time"});
    ctx.text("answer", "💡 {name}{role}：{answer}", {"name", "role", "answer"});
    ctx.text("role_admin", "（管理员）");
    ctx.text("role_duty", "（分管）");
    ctx.text("more", "……还有 {count} 个问题有回答，可以用 /faq 关键词 搜到。", {"count"});
    ctx.text("unanswered_head", "🤔 还没人回答的问题，知道的朋友引用回复一下：");
    ctx.text("unanswered_line", "#{number} {name}：{question}", {"number", "name", "question"});
    ctx.text("footer", "🔍 往期问答：/faq 关键词");
    ctx.text("faq_empty", "请写出要搜索的关键词，如 /faq 报销");
    ctx.text("faq_too_long", "关键词太长了，最多 {max} 个字。", {"max"});
    ctx.text("faq_none", "没有找到和「{keyword}」有关的已回答问题。", {"keyword", "count"});
    ctx.text("faq_head", "🔍 和「{keyword}」有关的问答（{count} 条）：", {"keyword", "count"});
    ctx.text("faq_line", "❓ #{number} {question}（{date}）\n💡 {name}：{answer}",
             {"number", "question", "asker", "name", "answer", "date"});
    ctx.text("list_empty", "还没有收集到问题。");
    ctx.text("list_head", "📋 最近收集的问题（{count} 个）：", {"count"});
    ctx.text("list_line", "#{number} {name}：{question}（{answers} 条回答）",
             {"number", "name", "question", "answers", "time"});
    ctx.text("bad_number", "请写出问题编号，如 /digest forget #3（编号见 /digest list）。");
    ctx.text("not_found", "没有编号为 #{number} 的问题。", {"number"});
    ctx.text("forgotten", "🗑 已删除问题 #{number} 和它的回答，精选和搜索里都不会再出现。",
             {"number"});
    ctx.text("now_empty", "本期（{from} 起）还没有得到回答的问题，没有可发的精选。", {"from"});
    ctx.text("now_repeated", "刚刚已经发过了。", {"from"});
    ctx.text("pin_none", "还没有发过问答精选，没有可以设为精华的消息。");
    ctx.text("pin_unsupported", "本平台不支持设置精华消息，请手动把精选收藏或置顶。");
    ctx.text("pinned", "📌 已把 {time} 的问答精选设为精华消息。", {"time"});
    ctx.text("pin_failed", "设置精华失败（机器人可能不是管理员，或消息已过期），请手动设置 {time} 的问答精选。",
             {"time"});
}

}  // namespace plugins::digest
