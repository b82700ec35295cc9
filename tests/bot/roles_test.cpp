// The bot-level role 分管 (moderator): granted for good with /role, or held for a while through a
// plugin's source (a duty shift), and what it lets a member do.
#include <catch2/catch.hpp>

#include "bot/condition.hpp"
#include "bot/plugin_context.hpp"
#include "tests/support/fake_chat.hpp"

namespace {

/// A plugin with one moderation command, and a shift: "bob" holds 分管 from 20:00 to 22:00 each
/// day, in the group's zone.
void shifts(bot::plugin_context& ctx) {
    ctx.command({"hush"}, "让一个成员安静")
        .arg("成员", bot::arg_kind::user)
        .where(bot::rule::in_group)
        .permit(bot::perm::moderator)
        .handle([](bot::command_call& call) -> bot::task<> { co_await call.reply("已处理"); });
    auto& bot = ctx.bot();
    ctx.role_source(bot::moderator_role, [&bot](bot::group_ref const& g, bot::time_point now) {
        auto local = bot.group_tz(g).to_local(now);
        std::vector<bot::id> out;
        if (local.hour >= 20 && local.hour < 22) out.push_back(bot::id("bob"));
        return out;
    });
}

struct chat_with_shifts : testing::fake_chat {
    chat_with_shifts() : testing::fake_chat("", {{"shifts", &shifts}}) {
        user("boss").is(bot::role::admin);
        for (auto name : {"alice", "bob", "carol"}) user(name).is(bot::role::member);  // known, so @name mentions
        advance_to("2026-03-02 10:00");
    }
};

}  // namespace

TEST_CASE("an admin grants 分管 for good: the member may moderate until it is revoked") {
    chat_with_shifts chat;
    chat.user("alice").says("/hush @carol");
    CHECK_THAT(chat.last(), Catch::Contains("没有使用 /hush 的权限"));

    chat.user("boss").says("/role grant @alice 分管");
    CHECK_THAT(chat.last(), Catch::Contains("已授予 alice 分管"));
    chat.user("alice").says("/hush @carol");
    CHECK(chat.last() == "已处理");
    chat.user("alice").says("/whoami");
    CHECK_THAT(chat.last(), Catch::Contains("分管"));

    chat.restart();
    chat.user("alice").says("/hush @carol");
    CHECK(chat.last() == "已处理");

    chat.user("boss").says("/role revoke @alice 分管");
    CHECK_THAT(chat.last(), Catch::Contains("已收回 alice 的分管"));
    chat.user("alice").says("/hush @carol");
    CHECK_THAT(chat.last(), Catch::Contains("没有使用 /hush 的权限"));
}

TEST_CASE("/role refuses members, unknown roles, repeats and the bot itself, changing nothing") {
    chat_with_shifts chat;
    chat.user("alice").says("/role grant @alice 分管");
    CHECK_THAT(chat.last(), Catch::Contains("没有使用 /role 的权限"));
    CHECK_FALSE(chat.bot().holds_role(chat.group_ref(), bot::id("alice"), bot::moderator_role));

    chat.user("boss").says("/role grant @alice 群主");
    CHECK_THAT(chat.last(), Catch::Contains("没有「群主」这个角色"));
    chat.user("boss").says("/role grant @alice");
    CHECK_THAT(chat.last(), Catch::Contains("用法"));
    CHECK_FALSE(chat.bot().holds_role(chat.group_ref(), bot::id("alice"), bot::moderator_role));

    chat.user("boss").says("/role grant @alice 分管");
    chat.user("boss").says("/role grant @alice moderator");
    CHECK_THAT(chat.last(), Catch::Contains("已经是分管"));
    chat.user("boss").says("/role revoke @carol 分管");
    CHECK_THAT(chat.last(), Catch::Contains("carol 不是分管"));
}

TEST_CASE("a role held through a plugin begins and ends exactly at the times the plugin computes") {
    chat_with_shifts chat;
    chat.advance_to("2026-03-02 19:59");
    chat.advance(std::chrono::seconds(59));
    chat.user("bob").says("/hush @carol");
    CHECK_THAT(chat.last(), Catch::Contains("没有使用"));
    chat.advance(std::chrono::seconds(1));
    chat.user("bob").says("/hush @carol");
    CHECK(chat.last() == "已处理");

    chat.user("boss").says("/role list");
    CHECK_THAT(chat.last(), Catch::Contains("bob（shifts）"));
    chat.user("boss").says("/role revoke @bob 分管");
    CHECK_THAT(chat.last(), Catch::Contains("来自插件 shifts"));

    chat.advance_to("2026-03-02 21:59");
    chat.advance(std::chrono::seconds(59));
    chat.user("bob").says("/hush @carol");
    CHECK(chat.last() == "已处理");
    chat.advance(std::chrono::seconds(1));
    chat.user("bob").says("/hush @carol");
    CHECK_THAT(chat.last(), Catch::Contains("没有使用"));
}

TEST_CASE("a plugin switched off in a group grants no role there") {
    chat_with_shifts chat;
    chat.advance_to("2026-03-02 20:30");
    chat.user("boss").says("/plugin off shifts");
    CHECK_FALSE(chat.bot().holds_role(chat.group_ref(), bot::id("bob"), bot::moderator_role));
    chat.user("boss").says("/plugin on shifts");
    CHECK(chat.bot().holds_role(chat.group_ref(), bot::id("bob"), bot::moderator_role));
}

TEST_CASE("a member who leaves the group loses the roles granted there") {
    chat_with_shifts chat;
    chat.user("boss").says("/role grant @alice 分管");
    REQUIRE(chat.bot().holds_role(chat.group_ref(), bot::id("alice"), bot::moderator_role));
    chat.user("alice").leaves();
    CHECK_FALSE(chat.bot().holds_role(chat.group_ref(), bot::id("alice"), bot::moderator_role));
    chat.user("boss").says("/role list");
    CHECK_THAT(chat.last(), Catch::Contains("还没有分管"));
}

TEST_CASE("bot.toml may name the moderator permission") {
    auto c = bot::parse_permission("moderator || group_owner");
    CHECK(c.describe() == "(moderator || group_owner)");
    CHECK_THROWS_WITH(bot::parse_permission("mods"), Catch::Contains("moderator"));
}
