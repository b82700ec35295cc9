// /recall and /精华: the admin replies to (quotes) a message and the bot acts on that message.
#include <spdlog/spdlog.h>

#include "bot/moderation_notice.hpp"
#include "plugins/groupadmin/glue.hpp"

namespace plugins::groupadmin {

using bot::command_call;
using bot::task;

namespace {

/// The message the admin quoted, once the platform and the bot's role allow `needed`; otherwise
/// the admin is told why (no quote: how to use it) and nullopt comes back.
task<std::optional<bot::id>> quoted_target(state& st, command_call& call, char const* action, need needed) {
    auto& s = call.s();
    auto target = quoted(s);
    if (!target) {
        bot::text_args args{{"action", action}};
        auto answer = st.ctx.render(*s.group(), "need_reply", args);
        co_await call.reply(answer);
        co_return std::nullopt;
    }
    if (auto no = co_await refusal(st, s, needed)) {
        co_await call.reply(*no);
        co_return std::nullopt;
    }
    co_return target;
}

}  // namespace

void register_message_commands(std::shared_ptr<state> const& st) {
    auto& ctx = st->ctx;

    ctx.command({"recall", "撤回", "del"}, "撤回一条消息：回复（引用）那条消息发送本命令")
        .where(bot::rule::in_group)
        .permit(bot::perm::moderator)
        .example("（回复某条消息）/recall")
        .handle([st](command_call& call) -> task<> {
            auto& s = call.s();
            auto g = *s.group();
            need const needed{&bot::capabilities::recall, "撤回消息"};
            auto target = co_await quoted_target(*st, call, "撤回", needed);
            if (!target) co_return;
            auto api = s.api();
            auto r = co_await api->recall(*target);
            if (!r) {
                auto answer = failure(*st, g, "撤回", r.err(), "hint_recall");
                co_await call.reply(answer);
                co_return;
            }
            bot::moderation_taken notice{g.key(), s.user_id(), bot::id{}, "recall",
                                         std::chrono::duration_cast<std::chrono::seconds>(s.now().time_since_epoch()).count()};
            st->ctx.notify(notice);
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
            need const needed{&bot::capabilities::essence, "设置精华消息"};
            auto target = co_await quoted_target(*st, call, "设为精华", needed);
            if (!target) co_return;
            auto r = co_await s.api()->set_essence(*target);
            auto answer = r ? st->ctx.render(g, "essence_set") : failure(*st, g, "设为精华", r.err());
            co_await call.reply(answer);
        });
}

}  // namespace plugins::groupadmin
