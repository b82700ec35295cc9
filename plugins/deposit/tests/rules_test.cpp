// Reading `/challenge new` arguments.
#include <catch2/catch.hpp>

#include "plugins/deposit/rules.hpp"

using namespace plugins::deposit;

namespace {

bot::civil_date const today{2026, 3, 2};

rules parse_ok(std::string_view args, int free_misses = 0) {
    auto r = parse_rules(args, rules{}, free_misses, today);
    if (auto const* e = std::get_if<rules_error>(&r)) FAIL(e->key << ": " << e->problem);
    return std::get<rules>(r);
}

rules_error parse_bad(std::string_view args) {
    auto r = parse_rules(args, rules{}, 0, today);
    REQUIRE(std::holds_alternative<rules_error>(r));
    return std::get<rules_error>(r);
}

}  // namespace

TEST_CASE("english keys set every rule", "[deposit][rules]") {
    auto r = parse_ok("name=早起 start=2026-03-05 days=7 deposit=30 fine=2.5 full=6 to=split:40 leave=1 "
                      "leaver=prorata rule=message");
    CHECK(r.name == "早起");
    CHECK(r.start == bot::civil_date{2026, 3, 5});
    CHECK(r.last_day() == bot::civil_date{2026, 3, 11});
    CHECK(r.days == 7);
    CHECK(r.deposit == 3000);
    CHECK(r.mode == fine_mode::fixed);
    CHECK(r.fine == 250);
    CHECK(r.full_days == 6);
    CHECK(r.free_misses() == 1);
    CHECK(r.to == destination::split);
    CHECK(r.fund_percent == 40);
    CHECK(r.leave_limit == 1);
    CHECK(r.leaver == leaver_rule::prorata);
    CHECK(r.rule == day_rule::message);
}

TEST_CASE("a first bare word is the name, Chinese keys work, and a percent fine is a curve", "[deposit][rules]") {
    auto r = parse_ok("21天读书 开始=明天 天数=21 押金=50元 罚=50% 去向=完成者 退群=没收");
    CHECK(r.name == "21天读书");
    CHECK(r.start == bot::civil_date{2026, 3, 3});
    CHECK(r.deposit == 5000);
    CHECK(r.mode == fine_mode::percent);
    CHECK(r.percent == 50);
    CHECK(r.to == destination::finishers);
    CHECK(r.full_days == 21);
}

TEST_CASE("without full= a full refund needs all days but the default free misses", "[deposit][rules]") {
    CHECK(parse_ok("x days=10", 2).full_days == 8);
    CHECK(parse_ok("x days=1", 3).full_days == 0);
    CHECK(parse_ok("x days=10 full=10", 2).full_days == 10);
}

TEST_CASE("bad arguments name the key and what was expected", "[deposit][rules]") {
    CHECK(parse_bad("x days=0").key == "days");
    CHECK(parse_bad("x deposit=abc").key == "deposit");
    CHECK(parse_bad("x start=2026-03-01").problem.find("今天或以后") != std::string::npos);
    CHECK(parse_bad("x full=30 days=21").key == "full");
    CHECK(parse_bad("x colour=red").key == "colour");
    CHECK(parse_bad("x to=moon").key == "to");
    CHECK(parse_bad("x fine=150%").key == "fine");
    CHECK(parse_bad("x days=7 stray").key == "stray");
    CHECK(parse_bad("days=7").key == "name");
}
