// WeCom: in customer groups a group message goes to the owner to post, so no digest is posted on
// a schedule there (/digest now still works); where the bot can post, the digest comes as usual.
// Essence does not exist there, and /digest pin says so.
#include <catch2/catch.hpp>

#include "adapters/wecom/capabilities.hpp"
#include "plugins/digest/tests/support.hpp"

using adapters::wecom::route;
using digest_test::asked_and_answered;
using digest_test::digests;
using digest_test::loaded;

TEST_CASE("no scheduled digest where the owner would have to post it", "[digest][wecom]") {
    testing::fake_chat chat("", loaded());
    chat.platform().caps_ = adapters::wecom::capabilities_of(route::customer, true);
    asked_and_answered(chat);
    chat.advance_to("2026-03-02 21:00");
    CHECK(digests(chat).empty());
    asked_and_answered(chat, "请问周会几点开？", "十点");
    auto boss = chat.user("boss").is(bot::role::admin);
    boss.says("@bot /digest now");
    CHECK(digests(chat).size() == 1);
    chat.clear();
    boss.says("@bot /digest pin");
    CHECK(chat.last() == "本平台不支持设置精华消息，请手动把精选收藏或置顶。");
}

TEST_CASE("the WeCom bot route posts its digest on schedule", "[digest][wecom]") {
    testing::fake_chat chat("", loaded());
    chat.platform().caps_ = adapters::wecom::capabilities_of(route::bot, true);
    asked_and_answered(chat);
    chat.advance_to("2026-03-02 21:00");
    CHECK(digests(chat).size() == 1);
}
