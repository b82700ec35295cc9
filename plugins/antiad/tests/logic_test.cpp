#include <catch2/catch.hpp>

#include "plugins/antiad/actions.hpp"
#include "plugins/antiad/behaviour.hpp"
#include "plugins/antiad/detect.hpp"
#include "plugins/antiad/tests/helpers.hpp"

using namespace plugins::antiad;

TEST_CASE("action sets parse from config words and refuse unknown ones", "[antiad][logic]") {
    auto a = parse_actions("recall+escalate");
    REQUIRE(a);
    CHECK(a->has(action_set::recall));
    CHECK(a->has(action_set::escalate));
    CHECK_FALSE(a->has(action_set::kick));
    CHECK(a->str() == "recall+escalate");
    CHECK(parse_actions("none")->bits == 0);
    CHECK_FALSE(parse_actions("recall+explode"));
    CHECK(check_rule_action("flood:mute") == std::nullopt);
    CHECK(check_rule_action("flood") != std::nullopt);
}

TEST_CASE("a rule takes its own actions, else its family's, else the default", "[antiad][logic]") {
    std::vector<std::string> table{"admin:kick", "admin#2:warn", "newcomer:recall"};
    action_set fallback{action_set::recall | action_set::escalate};
    CHECK(actions_for(table, fallback, "admin#2").str() == "warn");
    CHECK(actions_for(table, fallback, "admin#7").str() == "kick");
    CHECK(actions_for(table, fallback, "newcomer.link").str() == "recall");
    CHECK(actions_for(table, fallback, "link").str() == "recall+escalate");
}

TEST_CASE("the ladder gives each strike its step and repeats the last", "[antiad][logic]") {
    std::vector<std::string> ladder{"warn", "mute 10m", "kick"};
    CHECK(step_for(ladder, 1) == step{step::kind::warn, {}});
    CHECK(step_for(ladder, 2) == step{step::kind::mute, std::chrono::seconds(600)});
    CHECK(step_for(ladder, 3) == step{step::kind::kick, {}});
    CHECK(step_for(ladder, 9) == step{step::kind::kick, {}});
    CHECK_FALSE(parse_step("mute"));
    CHECK_FALSE(parse_step("ban"));
    CHECK(active_strikes({100, 200, 300}, 350, 200) == 2);
}

TEST_CASE("allowed domains cover their subdomains and nothing else", "[antiad][logic]") {
    allowlist allow{{"github.com"}, {"WIFI:"}};
    CHECK(allow.domain_allowed("github.com"));
    CHECK(allow.domain_allowed("docs.github.com"));
    CHECK_FALSE(allow.domain_allowed("evilgithub.com"));
    CHECK_FALSE(allow.domain_allowed("github.com.evil.top"));
    CHECK(allow.qr_allowed("https://GitHub.com/x"));
    CHECK(allow.qr_allowed("WIFI:S:x;;"));
    CHECK_FALSE(allow.qr_allowed("https://u.wechat.com/x"));
    CHECK(host_of("https://user@Docs.Example.org:8080/a?b") == "docs.example.org");
    CHECK(host_of("www.abc.com/x") == "www.abc.com");
}

TEST_CASE("floods count per group and repeats count across groups", "[antiad][logic]") {
    behaviour b;
    behaviour_limits l{3, 10, 3, 600, 4};
    CHECK_FALSE(b.record(1, 1, "a", 1, 0, l));
    CHECK_FALSE(b.record(1, 2, "b", 1, 0, l));
    CHECK_FALSE(b.record(1, 1, "c", 1, 1, l));
    auto flood = b.record(1, 1, "d", 1, 2, l);
    REQUIRE(flood);
    CHECK(flood->rule == "flood");
    CHECK_FALSE(b.record(2, 1, "同一段文字", 5, 0, l));
    CHECK_FALSE(b.record(2, 2, "同一段文字", 5, 100, l));
    auto dup = b.record(2, 3, "同一段文字", 5, 200, l);
    REQUIRE(dup);
    CHECK(dup->rule == "duplicate");
    CHECK_FALSE(b.record(3, 1, "好的", 2, 0, l));
    CHECK_FALSE(b.record(3, 1, "好的", 2, 20, l));
    CHECK_FALSE(b.record(3, 1, "好的", 2, 40, l));
}

TEST_CASE("a broken ladder or action in bot.toml stops startup naming the key", "[antiad][logic]") {
    CHECK_THROWS_WITH(
        testing::fake_chat("[plugins.antiad]\nladder = [\"warn\", \"jump\"]\n", antiad_test::with_antiad()),
        Catch::Contains("plugins.antiad.ladder"));
    CHECK_THROWS_WITH(
        testing::fake_chat("[plugins.antiad]\nrule_actions = [\"flood:explode\"]\n", antiad_test::with_antiad()),
        Catch::Contains("plugins.antiad.rule_actions"));
    CHECK_THROWS_WITH(testing::fake_chat("[plugins.antiad]\nmode = \"maybe\"\n", antiad_test::with_antiad()),
                      Catch::Contains("plugins.antiad.mode"));
}
