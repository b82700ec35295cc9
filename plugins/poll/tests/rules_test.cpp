// The poll plugin's rules over plain values: reading /poll and /vote, deadlines, tally, bars, CSV.
#include <catch2/catch.hpp>

#include "plugins/poll/rules.hpp"

using namespace plugins::poll;

TEST_CASE("a poll line gives its question, options and flags", "[poll][rules]") {
    auto p = parse_poll("周五吃什么 | 火锅 | 烧烤 | 日料 多选 匿名 截止 2h", 10);
    REQUIRE(p.spec);
    CHECK(p.spec->question == "周五吃什么");
    CHECK(p.spec->options == std::vector<std::string>{"火锅", "烧烤", "日料"});
    CHECK(p.spec->multi);
    CHECK(p.spec->anon);
    REQUIRE(p.spec->deadline);
    CHECK(p.spec->deadline->after == std::chrono::hours(2));
    auto q = parse_poll("去哪 ｜ 公园 ｜ 海边 --until 2026-03-04 20:00", 10);
    REQUIRE(q.spec);
    CHECK_FALSE(q.spec->multi);
    CHECK(q.spec->options.back() == "海边");
    CHECK(q.spec->deadline->date == bot::civil_date{2026, 3, 4});
    CHECK(q.spec->deadline->minute_of_day == 20 * 60);
}

TEST_CASE("a poll line with too few or too many options or a bad flag is refused", "[poll][rules]") {
    CHECK(parse_poll("只有一个 | 选项", 10).error == "err_too_few");
    CHECK(parse_poll("没有选项", 10).error == "err_format");
    CHECK(parse_poll("问 | a | b | c", 2).error == "err_too_many");
    CHECK(parse_poll("问 | a | | c", 10).error == "err_empty_option");
    CHECK(parse_poll("问 | a | a", 10).error == "err_duplicate");
    CHECK(parse_poll("问 | a | b 截止 明年", 10).error == "err_deadline");
    CHECK(parse_poll(" | a | b", 10).error == "err_format");
    std::string thirty = "问";
    for (int i = 0; i < 30; ++i) thirty += " | o" + std::to_string(i);
    CHECK(parse_poll(thirty, 10).error == "err_too_many");
}

TEST_CASE("a deadline resolves in the group's zone", "[poll][rules]") {
    auto tz = bot::time_zone::must_load("Asia/Shanghai");
    auto now = tz.from_local({2026, 3, 2}, 21, 0);
    CHECK(resolve(*parse_deadline("2h"), now, tz) == now + std::chrono::hours(2));
    CHECK(resolve(*parse_deadline("20:00"), now, tz) == tz.from_local({2026, 3, 3}, 20, 0));
    CHECK(resolve(*parse_deadline("22:30"), now, tz) == tz.from_local({2026, 3, 2}, 22, 30));
    CHECK(resolve(*parse_deadline("2026-03-04"), now, tz) == tz.from_local({2026, 3, 4}, 23, 59));
    CHECK_FALSE(parse_deadline("soon"));
}

TEST_CASE("a vote names its poll and choices", "[poll][rules]") {
    auto v = parse_vote("#3 1，2、4");
    REQUIRE(v);
    CHECK(v->poll == 3);
    CHECK(v->choices == std::vector<int>{1, 2, 4});
    CHECK_FALSE(parse_vote("火锅"));
    CHECK_FALSE(parse_vote("#2"));
    CHECK(parse_vote("2")->poll == std::nullopt);
    CHECK(encode_choices({3, 1, 3}) == "1,3");
    CHECK(decode_choices("1,3") == std::vector<int>{1, 3});
    CHECK(split_ref("#2 你好 世界") == std::pair<std::optional<int>, std::string>{2, "你好 世界"});
    CHECK(split_ref("你好").first == std::nullopt);
}

TEST_CASE("the tally counts each ballot's choices", "[poll][rules]") {
    CHECK(tally(3, {{1}, {1, 3}, {2}, {9}}) == std::vector<int>{2, 1, 1});
}

TEST_CASE("a bar is scaled to the leading option", "[poll][rules]") {
    CHECK(render_bar(12, 12, 6) == "██████ 12");
    CHECK(render_bar(6, 12, 6) == "███ 6");
    CHECK(render_bar(1, 100, 10) == "█ 1");
    CHECK(render_bar(0, 12, 6) == "0");
    CHECK(render_bar(0, 0, 6) == "0");
}

TEST_CASE("CSV cells are quoted and formulas defused", "[poll][rules]") {
    CHECK(csv_cell("plain") == "plain");
    CHECK(csv_cell("a,b") == "\"a,b\"");
    CHECK(csv_cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_cell("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
    CHECK(csv_cell("+1") == "'+1");
    CHECK(csv_cell("-1") == "'-1");
    CHECK(csv_cell("@SUM(A1)") == "'@SUM(A1)");
    CHECK(csv_cell("line\nbreak") == "\"line\nbreak\"");
    CHECK(csv_row({"a", "b"}) == "a,b\r\n");
}
