// The rules as plain functions: ranking answers, what is worth collecting, the period a digest
// covers (daily, weekly, across DST), splitting a long digest, and the LIKE pattern of a keyword.
#include <catch2/catch.hpp>

#include "plugins/digest/rules.hpp"

using plugins::digest::answer_rank;
using plugins::digest::answer_value;
using plugins::digest::best_answers;
using plugins::digest::digest_schedule;
using plugins::digest::like_pattern;
using plugins::digest::parse_number;
using plugins::digest::period_start;
using plugins::digest::split_blocks;
using plugins::digest::worth_collecting;
using positions = std::vector<std::size_t>;

TEST_CASE("answers rank by who answered, then by length, then by time", "[digest][rules]") {
    std::vector<answer_value> a{
        {"u:carol", answer_rank::member, 80, 10},  // 0: long, by a member
        {"u:boss", answer_rank::admin, 5, 20},     // 1: short, by an admin
        {"u:duty", answer_rank::duty, 30, 30},     // 2: a duty admin
        {"u:dave", answer_rank::member, 80, 5},    // 3: as long as carol's, earlier
    };
    CHECK(best_answers(a, 2) == positions{1, 2});
    CHECK(best_answers(a, 4) == positions{1, 2, 3, 0});
    CHECK(best_answers(a, 0).empty());
    CHECK(best_answers({}, 2).empty());
}

TEST_CASE("each answerer is listed once, with their best answer", "[digest][rules]") {
    std::vector<answer_value> a{
        {"u:carol", answer_rank::member, 3, 10},
        {"u:carol", answer_rank::member, 50, 20},
        {"u:dave", answer_rank::member, 20, 30},
    };
    CHECK(best_answers(a, 2) == positions{1, 2});
    CHECK(best_answers(a, 1) == positions{1});
}

TEST_CASE("a question is worth collecting when it asks and is long enough", "[digest][rules]") {
    std::vector<std::string> defaults;
    CHECK(worth_collecting("请问报销的发票抬头写什么？", defaults, 4));
    CHECK(worth_collecting("How do I get the invoice?", defaults, 4));
    CHECK_FALSE(worth_collecting("今天天气不错", defaults, 4));
    CHECK_FALSE(worth_collecting("好吗？", defaults, 4));  // three characters
    CHECK(worth_collecting("好吗？", defaults, 3));
    CHECK_FALSE(worth_collecting("/faq 发票？", defaults, 1));
    CHECK_FALSE(worth_collecting("   ", defaults, 1));
    std::vector<std::string> own{"求助"};
    CHECK(worth_collecting("求助 报销流程", own, 4));
    CHECK_FALSE(worth_collecting("请问报销流程", own, 4));
}

TEST_CASE("a daily period starts at the latest digest time", "[digest][rules]") {
    auto tz = bot::time_zone::must_load("Asia/Shanghai");
    digest_schedule daily{false, 7, 21 * 60};
    CHECK(period_start(tz.from_local({2026, 3, 3}, 9, 0), tz, daily) == tz.from_local({2026, 3, 2}, 21, 0));
    CHECK(period_start(tz.from_local({2026, 3, 3}, 21, 0), tz, daily) == tz.from_local({2026, 3, 3}, 21, 0));
    CHECK(period_start(tz.from_local({2026, 3, 3}, 23, 0), tz, daily) == tz.from_local({2026, 3, 3}, 21, 0));
}

TEST_CASE("a weekly period starts on the weekday's digest time", "[digest][rules]") {
    auto tz = bot::time_zone::must_load("Asia/Shanghai");
    digest_schedule sunday{true, 7, 20 * 60};
    // 2026-03-01 and 2026-03-08 are Sundays.
    CHECK(period_start(tz.from_local({2026, 3, 4}, 12, 0), tz, sunday) == tz.from_local({2026, 3, 1}, 20, 0));
    CHECK(period_start(tz.from_local({2026, 3, 8}, 19, 59), tz, sunday) == tz.from_local({2026, 3, 1}, 20, 0));
    CHECK(period_start(tz.from_local({2026, 3, 8}, 20, 0), tz, sunday) == tz.from_local({2026, 3, 8}, 20, 0));
}

TEST_CASE("a period across the spring DST change starts at the local digest time", "[digest][rules]") {
    auto tz = bot::time_zone::must_load("America/New_York");
    digest_schedule daily{false, 7, 21 * 60};
    // US DST starts Sunday 2026-03-08 02:00: that day has 23 hours.
    auto start = period_start(tz.from_local({2026, 3, 8}, 21, 0) - std::chrono::seconds(1), tz, daily);
    CHECK(start == tz.from_local({2026, 3, 7}, 21, 0));
    CHECK(tz.from_local({2026, 3, 8}, 21, 0) - start == std::chrono::hours(23));
}

TEST_CASE("a long digest is split into a few messages, and what does not fit is counted", "[digest][rules]") {
    std::vector<std::string> blocks{"head", std::string(10, 'a'), std::string(10, 'b'), "foot"};
    auto one = split_blocks(blocks, 100, 3);
    REQUIRE(one.messages.size() == 1);
    CHECK(one.messages[0] == "head\n\naaaaaaaaaa\n\nbbbbbbbbbb\n\nfoot");
    CHECK(one.dropped == 0);
    auto two = split_blocks(blocks, 18, 3);
    CHECK(two.messages == std::vector<std::string>{"head\n\naaaaaaaaaa", "bbbbbbbbbb\n\nfoot"});
    auto capped = split_blocks(blocks, 12, 2);
    CHECK(capped.messages == std::vector<std::string>{"head", "aaaaaaaaaa"});
    CHECK(capped.dropped == 2);
    // A block longer than the limit goes alone rather than being lost.
    auto big = split_blocks({"head", std::string(30, 'x')}, 10, 3);
    CHECK(big.messages.size() == 2);
    CHECK(big.messages[1].size() == 30);
}

TEST_CASE("a keyword becomes a LIKE pattern with its wildcards escaped", "[digest][rules]") {
    CHECK(like_pattern("发票") == "%发票%");
    CHECK(like_pattern("100%") == "%100\\%%");
    CHECK(like_pattern("a_b\\c") == "%a\\_b\\\\c%");
}

TEST_CASE("question numbers are read as #N, full-width ＃N or N", "[digest][rules]") {
    CHECK(parse_number("#3") == 3);
    CHECK(parse_number("＃12") == 12);
    CHECK(parse_number(" 7 ") == 7);
    CHECK_FALSE(parse_number("#0"));
    CHECK_FALSE(parse_number("#x"));
    CHECK_FALSE(parse_number(""));
}
