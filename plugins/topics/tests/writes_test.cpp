// Quiet detection writes nothing per message: members chatting all day leave the database alone
// (only the post check's own row is written, a few times per quiet spell).
#include <catch2/catch.hpp>

#include "plugins/topics/tests/support.hpp"
#include "storage/database.hpp"
#include "tests/support/commits.hpp"

TEST_CASE("members chatting write nothing to the database", "[topics][quiet]") {
    testing::fake_chat chat("", topics_test::loaded());
    topics_test::stocked(chat);
    chat.user("alice").says("第一条");  // the group is known and its check armed
    testing::commit_counter counter(chat.bot().db());
    for (int i = 0; i < 60; ++i) {
        chat.advance(std::chrono::minutes(2));
        chat.user(i % 2 ? "alice" : "bob").says("聊天 " + std::to_string(i));
    }
    CHECK(counter.commits() == 0);
    CHECK(topics_test::posts(chat).empty());
}
