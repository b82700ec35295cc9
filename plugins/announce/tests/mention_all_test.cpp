// @all (--all): only where the bot is an admin or the owner, as the platform tells it; checked again
// at each send, and the admins are told when it goes out without.
#include <catch2/catch.hpp>

#include <variant>

#include "plugins/announce/tests/support.hpp"

using announce_test::loaded;

namespace {

/// The group messages that @all.
int all_mentions(testing::fake_chat& chat) {
    int n = 0;
    for (auto const& a : chat.actions())
        if (a.kind == "send" && a.to.is_group())
            for (auto const& s : a.msg.segments())
                if (std::holds_alternative<bot::seg::at_all>(s)) ++n;
    return n;
}

}  // namespace

TEST_CASE("an announcement for everyone is saved only where the bot is an admin, and @alls at each send", "[announce]") {
    testing::fake_chat chat("", loaded());
    auto admin = chat.user("boss").is(bot::role::admin);
    admin.says("/announce add --all 每天 08:00 | 全体注意");
    CHECK(chat.last().starts_with("❓ 不能 @全体成员：机器人要是本群的管理员或群主"));
    admin.says("/announce list");
    CHECK(chat.last() == "📢 本群还没有公告。/announce add 时间 | 内容 可以新建。");

    chat.user("bot").is(bot::role::admin);
    admin.says("/announce add --ALL 每天 08:00 | 全体注意");
    CHECK(chat.last().starts_with("📝 公告草稿 #1（还没生效）\n⏰ 每天 08:00"));
    CHECK(chat.last().find("📄 内容：\n全体注意\n📣 发送时 @全体成员\n确认") != std::string::npos);
    admin.says("/announce ok #1");
    chat.advance_to("2026-03-03 08:00");
    CHECK(all_mentions(chat) == 1);
    CHECK(chat.replied("📢 全体注意"));

    // Without --all an edit drops it; a plain announcement never @alls.
    admin.says("/announce edit #1 每天 08:00 | 全体注意");
    CHECK(chat.last().find("📣") == std::string::npos);
    admin.says("/announce ok #1");
    chat.advance_to("2026-03-04 08:00");
    CHECK(all_mentions(chat) == 1);
    CHECK(announce_test::count_containing(chat.sent(), "📢 全体注意") == 2);
}

TEST_CASE("an @all announcement goes out without it once the bot is no longer an admin", "[announce]") {
    testing::fake_chat chat("", loaded());
    auto admin = chat.user("boss").is(bot::role::admin);
    chat.user("bot").is(bot::role::owner);
    admin.says("/announce add --all 每天 08:00 | 全体注意");
    admin.says("/announce ok #1");
    chat.restart();
    chat.user("bot").is(bot::role::member);
    chat.advance_to("2026-03-03 08:00");
    CHECK(all_mentions(chat) == 0);
    CHECK(announce_test::count_containing(chat.sent(), "📢 全体注意") == 1);
    CHECK(chat.replied("⚠️ 公告 #1 已发出，但没有 @全体成员"));
}
