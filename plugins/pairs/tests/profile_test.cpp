// Grouping by intake-profile fields: the welcome plugin raises bot::profile_saved; the fields this
// group matches on are kept for it. Built only when the welcome plugin is in the build.
#include <catch2/catch.hpp>

#include "plugins/pairs/tests/support.hpp"

namespace plugins::welcome {
void register_plugin(bot::plugin_context& ctx);
}

using pairs_test::enrol;
using pairs_test::partners_of;

namespace {

std::vector<bot::plugin_entry> with_welcome() {
    auto out = pairs_test::loaded();
    out.push_back({"welcome", &plugins::welcome::register_plugin});
    return out;
}

std::string toml(std::string const& pairs) {
    return std::string(pairs_test::quiet) +
           "[plugins.welcome]\nintake_min_fields = 2\nfields = [\"role:职位\", \"industry:行业\", \"strengths:擅长\"]\n"
           "[plugins.pairs]\n" +
           pairs;
}

void tell(testing::fake_chat& chat, std::string const& who, std::string const& industry, std::string const& strength) {
    chat.user(who).says("职位：学员\n行业：" + industry + "\n擅长：" + strength);
    REQUIRE(chat.replied("已登记"));
}

}  // namespace

TEST_CASE("members of the same industry are paired", "[pairs][profile]") {
    testing::fake_chat chat(toml("match_fields = [\"行业\"]\n"), with_welcome());
    tell(chat, "fin1", "金融", "写作");
    tell(chat, "edu1", "教育", "写作");
    tell(chat, "fin2", "金融", "设计");
    tell(chat, "edu2", "教育", "设计");
    auto boss = enrol(chat, {"fin1", "edu1", "fin2", "edu2"});
    boss.says("/pairs start");
    CHECK(partners_of(chat, "fin1") == std::vector<std::string>{"fin2"});
    CHECK(partners_of(chat, "edu1") == std::vector<std::string>{"edu2"});
    // A regroup cannot keep both rules: the repeat weighs more than the industry.
    boss.says("/pairs regroup");
    CHECK(partners_of(chat, "fin1") != std::vector<std::string>{"fin2"});
}

TEST_CASE("different strengths are mixed inside a group", "[pairs][profile]") {
    testing::fake_chat chat(toml("mix_fields = [\"擅长\"]\n"), with_welcome());
    tell(chat, "w1", "金融", "写作");
    tell(chat, "w2", "教育", "写作");
    tell(chat, "d1", "金融", "设计");
    tell(chat, "d2", "教育", "设计");
    auto boss = enrol(chat, {"w1", "w2", "d1", "d2"});
    boss.says("/pairs start");
    CHECK(partners_of(chat, "w1").at(0).starts_with("d"));
    CHECK(partners_of(chat, "w2").at(0).starts_with("d"));
}

TEST_CASE("a changed profile is what the next grouping uses", "[pairs][profile]") {
    testing::fake_chat chat(toml("match_fields = [\"行业\"]\n"), with_welcome());
    tell(chat, "fin1", "金融", "写作");
    tell(chat, "fin2", "教育", "写作");
    tell(chat, "edu1", "教育", "设计");
    tell(chat, "edu2", "教育", "设计");
    chat.user("fin2").says("/profile 行业 金融");
    auto boss = enrol(chat, {"fin1", "edu1", "fin2", "edu2"});
    boss.says("/pairs start");
    CHECK(partners_of(chat, "fin1") == std::vector<std::string>{"fin2"});
    CHECK(partners_of(chat, "edu1") == std::vector<std::string>{"edu2"});
}
