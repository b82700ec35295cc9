// Birthdays from the welcome plugin's intake profiles (bot::profile_saved). Built only when the
// welcome plugin is in the build (see CMakeLists.txt).
#include <catch2/catch.hpp>

#include "plugins/birthday/tests/support.hpp"

namespace plugins::welcome {
void register_plugin(bot::plugin_context& ctx);
}

namespace {

std::vector<bot::plugin_entry> with_welcome() {
    return {{"welcome", &plugins::welcome::register_plugin}, {"birthday", &plugins::birthday::register_plugin}};
}

constexpr char const* toml =
    "[plugins.welcome]\nintake_min_fields = 2\nfields = [\"role:职位\", \"industry:行业\", \"birthday:生日\"]\n";

constexpr char const* none = "你还没有在本群登记生日。发送「/生日 03-14」登记，只记月和日。";

}  // namespace

TEST_CASE("a birthday in an intake profile posted in the group is recorded there", "[birthday][profile]") {
    testing::fake_chat chat(toml, with_welcome());
    chat.user("bob").says("职位：产品经理\n生日：1990年3月14日");
    REQUIRE(chat.replied("已登记"));
    chat.user("bob").says("/birthday");
    CHECK(chat.last() == "🎂 你在本群登记的生日是 3月14日。");
    // Only in the group it was told in.
    chat.user("bob").in("g2").says("/birthday");
    CHECK(chat.last() == none);
    // Editing the field moves it; clearing the field removes it.
    chat.user("bob").says("/profile 生日 04-01");
    chat.user("bob").says("/birthday");
    CHECK(chat.last() == "🎂 你在本群登记的生日是 4月1日。");
    chat.user("bob").says("/profile 生日");
    chat.user("bob").says("/birthday");
    CHECK(chat.last() == none);  // Deleting the whole profile drops what came from it, too.
    chat.user("bob").says("职位：产品经理\n生日：5月2日");
    chat.user("bob").says("/birthday");
    CHECK(chat.last() == "🎂 你在本群登记的生日是 5月2日。");
    chat.user("bob").says("/profile 删除");
    chat.user("bob").says("/birthday");
    CHECK(chat.last() == none);
}

TEST_CASE("a profile value that is no birthday, or told in private, records nothing", "[birthday][profile]") {
    testing::fake_chat chat(toml, with_welcome());
    chat.user("bob").says("职位：产品经理\n生日：保密");
    REQUIRE(chat.replied("已登记"));
    chat.user("bob").says("/birthday");
    CHECK(chat.last() == none);
    chat.user("carol").whispers("职位：设计\n生日：05-20");
    chat.user("carol").says("/birthday");
    CHECK(chat.last() == none);
}

TEST_CASE("what a member typed with /birthday wins over their profile", "[birthday][profile]") {
    testing::fake_chat chat(toml, with_welcome());
    chat.user("bob").says("/birthday 05-01");
    chat.user("bob").says("职位：产品经理\n生日：3月14日");
    chat.user("bob").says("/birthday");
    CHECK(chat.last() == "🎂 你在本群登记的生日是 5月1日。");
}

TEST_CASE("a group can name another profile field or none", "[birthday][profile]") {
    std::string custom = std::string(toml) + "[plugins.birthday]\nprofile_field = \"行业\"\n";
    testing::fake_chat chat(custom, with_welcome());
    chat.user("bob").says("职位：产品经理\n行业：0314");
    chat.user("bob").says("/birthday");
    CHECK(chat.last() == "🎂 你在本群登记的生日是 3月14日。");
    chat.user("boss").is(bot::role::admin).says("/set birthday.profile_field \"\"");
    chat.user("carol").says("职位：设计\n行业：0520");
    chat.user("carol").says("/birthday");
    CHECK(chat.last() == none);
}
