// Every member-facing text of the topic bank, keyed so admins may reword them with /text.
#include "plugins/topics/glue.hpp"

namespace plugins::topics {

void register_texts(bot::plugin_context& ctx) {
    ctx.text("expect.categories", "1 到 12 个不重复的分类名，每个是一个词，最多 12 个字");
    ctx.text("help",
             "💬 话题库：群里安静久了，机器人在白天抛出一个话题。\n"
             "/topic list [分类] 查看话题库\n"
             "/topic suggest [分类] 内容 投稿话题\n"
             "管理员：/topic add [分类] 内容、/topic remove #编号、/topic pending、"
             "/topic approve #编号、/topic reject #编号、/topic now");
    ctx.text("post", "💬 聊个话题（{category}）：\n{topic}", {"topic", "category", "number"});
    ctx.text("added", "✅ 已加入话题库 #{number}（{category}）：{topic}", {"number", "category", "topic"});
    ctx.text("empty", "话题内容不能为空。用法：{usage}", {"usage"});
    ctx.text("too_long", "话题太长了（{count} 字），最多 {max} 字。", {"count", "max"});
    ctx.text("unknown_category", "没有「{category}」这个分类。本群的分类：{categories}", {"category", "categories"});
    ctx.text("duplicate", "话题库里已经有这个话题了：#{number} {topic}", {"number", "topic"});
    ctx.text("duplicate_pending", "这个话题已经有人投稿，正在等审核：#{number} {topic}", {"number", "topic"});
    ctx.text("list_head", "📚 话题库（{count} 个）", {"count"});
    ctx.text("list_category", "【{category}】", {"category"});
    ctx.text("list_line", "#{number} {topic}（发过 {posts} 次）", {"number", "topic", "posts"});
    ctx.text("list_more", "……还有 {count} 个，管理后台里可以看到全部。", {"count"});
    ctx.text("list_empty", "话题库还是空的。管理员：/topic add [分类] 内容；大家：/topic suggest 内容");
    ctx.text("list_empty_category", "「{category}」分类下还没有话题。", {"category"});
    ctx.text("bad_number", "请写出话题编号，如 /topic remove #3（编号见 /topic list）。");
    ctx.text("bad_number_pending", "请写出投稿编号，如 /topic approve #3（编号见 /topic pending）。");
    ctx.text("not_found", "没有编号为 #{number} 的话题。", {"number"});
    ctx.text("remove_pending", "#{number} 还在等审核，不在话题库里；不要它请用 /topic reject #{number}。", {"number"});
    ctx.text("not_pending", "#{number} 不是待审核的投稿（已经在话题库里了）。", {"number"});
    ctx.text("removed", "🗑 已从话题库删除 #{number}：{topic}", {"number", "topic", "category"});
    ctx.text("suggested", "📮 谢谢！话题 #{number}（{category}）已提交，等管理员审核。",
             {"number", "category", "topic"});
    ctx.text("too_many_pending", "你已经有 {count} 个投稿在等审核了，等管理员处理后再投吧。", {"count"});
    ctx.text("suggest_admins",
             "📮 {name} 投稿了话题 #{number}（{category}）：\n{topic}\n通过：/topic approve #{number}　拒绝：/topic "
             "reject #{number}",
             {"name", "number", "category", "topic"});
    ctx.text("pending_none", "没有待审核的话题投稿。");
    ctx.text("pending_head", "📮 待审核的投稿（{count} 个）：", {"count"});
    ctx.text("pending_line", "#{number}（{category}）{topic} —— {name}", {"number", "category", "topic", "name"});
    ctx.text("approved", "✅ 已通过 #{number}，加入话题库（{category}）：{topic}", {"number", "category", "topic"});
    ctx.text("rejected", "🙅 已拒绝投稿 #{number}：{topic}", {"number", "category", "topic"});
    ctx.text("now_empty", "话题库是空的，先用 /topic add 加几个话题吧。");
}

}  // namespace plugins::topics
