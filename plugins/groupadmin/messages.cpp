// /recall and /精华: the admin replies to (quotes) a message and the bot acts on that message.
#include <spdlog/spdlog.h>

#include "plugins/groupadmin/glue.hpp"

namespace plugins::groupadmin {

using bot::command_call;
using bot::task;

void register_message_commands(std::shared_ptr<state> const& st) {
    auto& ctx = st->ctx;

    ctx.command({"recall", "撤回", "del"}, "撤回一条消息：回复（引用）那条消息发送本命令")
        .where(bot::rule::in_group)
        .permit(bot::perm::admin)
        .example("（回复某条消息）/recall")
        .handle([st](command_call& call) -> task<> {
            auto& s = call.s();
            auto g = *s.group();
            auto target = quoted(s);
            if (!target) {
                bot::text_args args{{"action", "撤回"}};
                auto answer = st->ctx.render(g, "need_reply", args);
                co_await call.reply(answer);
                co_return;
            }
            need const needed{&bot::capabilities::recall, "撤回消息"};
            if (auto no = co_await refusal(*st, s, needed)) {
                co_await call.reply(*no);
                co_return;
            }
            auto api = s.api();
            auto r = co_await api->recall(*target);
            if (!r) {
                auto answer = failure(*st, g, "撤回", r.err(), "hint_recall");
                co_await call.reply(answer);
                co_return;
            }
            // Done quietly, as Rose's /del: the command goes too, so the chat keeps neither.
            auto own = s.message_id();
            if (auto again = co_await api->recall(own); !again)
                spdlog::debug("groupadmin: the /recall command itself stays: {}", again.err().detail);
        });

    ctx.command({"essence", "精华", "设精"}, "把一条消息设为精华：回复（引用）那条消息发送本命令")
        .where(bot::rule::in_group)
        .permit(bot::perm::admin)
        .example("（回复某条消息）/精华")
        .handle([st](command_call& call) -> task<> {
            auto& s = call.s();
            auto g = *s.group();
            auto target = quoted(s);
            if (!target) {
                bot::text_args args{{"action", "设为精华"}};
                auto answer = st->ctx.render(g, "need_reply", args);
                co_await call.reply(answer);
                co_return;
            }
            need const needed{&bot::capabilities::essence, "设置精华消息"};
            if (auto no = co_await refusal(*st, s, needed)) {
                co_await call.reply(*no);
                co_return;
            }
            auto r = co_await s.api()->set_essence(*target);
            auto answer = r ? st->ctx.render(g, "essence_set") : failure(*st, g, "设为精华", r.err());
            co_await call.reply(answer);
        });
}

}  // namespace plugins::groupadmin
