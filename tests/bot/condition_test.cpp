#include "bot/condition.hpp"

#include <catch2/catch.hpp>

#include "bot/plugin_context.hpp"
#include "tests/support/fake_chat.hpp"

namespace {

/// Sessions over a fake chat's core, where alice is a superuser by name and "test:carol" by platform.
struct people {
    testing::fake_chat chat{"[bot]\nsuperusers = [\"alice\", \"test:carol\", \"qq:dave\"]\n"};

    bot::session in_group(bot::id user, bot::role r = bot::role::member, bot::message text = "hi") {
        bot::event e{"test", bot::id("bot"), chat.now(),
                     bot::ev::group_message{bot::id(1), bot::id("g1"), bot::sender{user, user.str(), {}, r},
                                            std::move(text), false}};
        return bot::session(chat.bot(), std::move(e), nullptr);
    }
    bot::session in_private(bot::id user) {
        bot::event e{"test", bot::id("bot"), chat.now(),
                     bot::ev::private_message{bot::id(2), bot::sender{user, user.str(), {}, bot::role::member}, "hi", {}}};
        return bot::session(chat.bot(), std::move(e), nullptr);
    }
};

}  // namespace

TEST_CASE("member lets anyone through, in a group or in private") {
    people p;
    CHECK(bot::perm::member(p.in_group("bob")));
    CHECK(bot::perm::member(p.in_private("bob")));
}

TEST_CASE("group_admin holds for admins and owners in the group, not for members or in private") {
    people p;
    CHECK(bot::perm::group_admin(p.in_group("bob", bot::role::admin)));
    CHECK(bot::perm::group_admin(p.in_group("bob", bot::role::owner)));
    CHECK_FALSE(bot::perm::group_admin(p.in_group("bob", bot::role::member)));
    CHECK_FALSE(bot::perm::group_admin(p.in_private("bob")));
}

TEST_CASE("group_owner holds only for the owner") {
    people p;
    CHECK(bot::perm::group_owner(p.in_group("bob", bot::role::owner)));
    CHECK_FALSE(bot::perm::group_owner(p.in_group("bob", bot::role::admin)));
}

TEST_CASE("superusers listed by plain name are superusers on every platform") {
    people p;
    CHECK(bot::perm::superuser(p.in_group("alice")));
    CHECK(bot::perm::superuser(p.in_private("alice")));
    CHECK_FALSE(bot::perm::superuser(p.in_group("bob")));
}

TEST_CASE("superusers listed as platform:user are superusers on that platform only") {
    people p;
    CHECK(bot::perm::superuser(p.in_group("carol")));
    CHECK_FALSE(bot::perm::superuser(p.in_group("dave")));
    CHECK(p.chat.bot().is_superuser("qq", bot::id("dave")));
    CHECK_FALSE(p.chat.bot().is_superuser("wechat", bot::id("carol")));
}

TEST_CASE("admin is group_admin or superuser") {
    people p;
    CHECK(bot::perm::admin(p.in_group("bob", bot::role::admin)));
    CHECK(bot::perm::admin(p.in_group("alice")));
    CHECK(bot::perm::admin(p.in_private("alice")));
    CHECK_FALSE(bot::perm::admin(p.in_group("bob")));
}

TEST_CASE("|| needs one side, && needs both, ! turns it around") {
    people p;
    auto either = bot::perm::group_owner || bot::perm::superuser;
    auto both = bot::perm::group_admin && bot::perm::superuser;
    auto not_admin = !bot::perm::group_admin;
    CHECK(either(p.in_group("bob", bot::role::owner)));
    CHECK(either(p.in_group("alice")));
    CHECK_FALSE(either(p.in_group("bob", bot::role::admin)));
    CHECK(both(p.in_group("alice", bot::role::admin)));
    CHECK_FALSE(both(p.in_group("alice")));
    CHECK_FALSE(both(p.in_group("bob", bot::role::admin)));
    CHECK(not_admin(p.in_group("bob")));
    CHECK_FALSE(not_admin(p.in_group("bob", bot::role::owner)));
}

TEST_CASE("a combined condition describes itself as the expression") {
    auto c = (bot::perm::group_admin || bot::perm::superuser) && !bot::rule::in_private;
    CHECK(c.describe() == "((group_admin || superuser) && !in_private)");
}

TEST_CASE("rules tell groups from private chats and see mentions of the bot") {
    people p;
    bot::message to_bot;
    to_bot.at(bot::id("bot"), "bot").text(" 你好");
    CHECK(bot::rule::in_group(p.in_group("bob")));
    CHECK_FALSE(bot::rule::in_group(p.in_private("bob")));
    CHECK(bot::rule::in_private(p.in_private("bob")));
    CHECK(bot::rule::to_me(p.in_group("bob", bot::role::member, to_bot)));
    CHECK(bot::rule::to_me(p.in_private("bob")));
    CHECK_FALSE(bot::rule::to_me(p.in_group("bob")));
}

TEST_CASE("parse_permission reads group_admin || superuser") {
    people p;
    auto c = bot::parse_permission("group_admin || superuser");
    CHECK(c.describe() == "(group_admin || superuser)");
    CHECK(c(p.in_group("bob", bot::role::admin)));
    CHECK(c(p.in_group("alice")));
    CHECK_FALSE(c(p.in_group("bob")));
}

TEST_CASE("in a permission expression && binds tighter than ||") {
    people p;
    auto c = bot::parse_permission("group_owner || group_admin && superuser");
    CHECK(c.describe() == "(group_owner || (group_admin && superuser))");
    CHECK(c(p.in_group("bob", bot::role::owner)));
    CHECK_FALSE(c(p.in_group("bob", bot::role::admin)));
}

TEST_CASE("a permission expression takes parentheses, ! and the everyone alias") {
    people p;
    auto c = bot::parse_permission("(group_owner || group_admin) && !superuser");
    CHECK(c(p.in_group("bob", bot::role::admin)));
    CHECK_FALSE(c(p.in_group("alice", bot::role::admin)));
    CHECK(bot::parse_permission("everyone")(p.in_group("bob")));
    CHECK(bot::parse_permission("  admin  ")(p.in_group("alice")));
}

TEST_CASE("a permission expression that does not parse says what was expected") {
    auto error_of = [](std::string_view text) {
        try {
            bot::parse_permission(text);
        } catch (std::invalid_argument const& e) {
            return std::string(e.what());
        }
        return std::string("(parsed)");
    };
    CHECK_THAT(error_of(""), Catch::StartsWith("expected a permission name ("));
    CHECK_THAT(error_of("admn"), Catch::StartsWith("expected a permission name, not \"admn\""));
    CHECK_THAT(error_of("group_admin ||"), Catch::StartsWith("expected a permission name"));
    CHECK_THAT(error_of("(group_owner || admin"), Catch::StartsWith("expected a closing parenthesis"));
    CHECK_THAT(error_of("group_admin | superuser"), Catch::StartsWith("expected &&, || or the end, not \"| superuser\""));
    CHECK_THAT(error_of("admn"), Catch::Contains("member, group_admin, group_owner, superuser, admin"));
}

// Permissions seen from the chat.

namespace {

void kick(bot::plugin_context& ctx) {
    ctx.command({"kick"}, "踢出成员")
        .permit(bot::perm::group_admin || bot::perm::superuser)
        .handle([](bot::command_call& call) -> bot::task<> { co_await call.reply("踢了"); });
    ctx.command({"close"}, "关闭本群").permit(bot::perm::group_owner).handle([](bot::command_call& call) -> bot::task<> {
        co_await call.reply("关了");
    });
}

}  // namespace

TEST_CASE("a command for group_admin || superuser serves admins and superusers and refuses members") {
    testing::fake_chat chat("[bot]\nsuperusers = [\"test:alice\"]\n", {{"kick", &kick}});
    chat.user("carol").is(bot::role::admin).says("/kick");
    CHECK(chat.last() == "踢了");
    chat.clear();
    chat.user("alice").says("/kick");
    CHECK(chat.last() == "踢了");
    chat.clear();
    chat.user("bob").says("/kick");
    CHECK(chat.last() == "抱歉，你没有使用 /kick 的权限。");
}

TEST_CASE("a permission from bot.toml replaces the command's own") {
    testing::fake_chat chat("[commands.close]\npermission = \"group_admin\"\n", {{"kick", &kick}});
    chat.user("carol").is(bot::role::admin).says("/close");
    CHECK(chat.last() == "关了");
}

TEST_CASE("a permission in bot.toml that does not parse stops startup") {
    CHECK_THROWS_WITH(testing::fake_chat("[commands.close]\npermission = \"group_admin or superuser\"\n", {{"kick", &kick}}),
                      Catch::Contains("commands.close.permission") && Catch::Contains("not \"or superuser\""));
}
