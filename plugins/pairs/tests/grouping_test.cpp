// The grouping rules as plain functions: sizes, fields, repeats, streaks and cycle lengths.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "plugins/pairs/grouping.hpp"

using namespace plugins::pairs;

namespace {

std::vector<candidate> people(std::vector<std::string> const& names) {
    std::vector<candidate> out;
    for (auto const& n : names) out.push_back({bot::id(n), {}, {}});
    return out;
}

std::vector<std::size_t> sizes_of(grouping const& g) {
    std::vector<std::size_t> out;
    for (auto const& t : g) out.push_back(t.size());
    std::sort(out.begin(), out.end());
    return out;
}

/// The group holding `user`.
std::vector<bot::id> const& group_of(grouping const& g, std::string const& user) {
    for (auto const& t : g)
        if (std::find(t.begin(), t.end(), bot::id(user)) != t.end()) return t;
    throw std::runtime_error("not placed: " + user);
}

bool together(grouping const& g, std::string const& a, std::string const& b) {
    auto const& t = group_of(g, a);
    return std::find(t.begin(), t.end(), bot::id(b)) != t.end();
}

}  // namespace

TEST_CASE("a leftover member joins an existing group, never a group of one", "[pairs][rules]") {
    CHECK(group_sizes(5, 2) == std::vector<int>{3, 2});
    CHECK(group_sizes(4, 2) == std::vector<int>{2, 2});
    CHECK(group_sizes(7, 3) == std::vector<int>{4, 3});
    CHECK(group_sizes(3, 4) == std::vector<int>{3});
    CHECK(group_sizes(11, 4) == std::vector<int>{6, 5});
    CHECK(group_sizes(1, 2).empty());
    CHECK(group_sizes(0, 2).empty());
    auto g = form_groups(people({"a", "b", "c", "d", "e"}), 2, 7, {});
    CHECK(sizes_of(g) == std::vector<std::size_t>{2, 3});
}

TEST_CASE("one member cannot be grouped", "[pairs][rules]") {
    CHECK(form_groups(people({"a"}), 2, 1, {}).empty());
    CHECK(form_groups({}, 2, 1, {}).empty());
}

TEST_CASE("every member is placed exactly once", "[pairs][rules]") {
    std::vector<std::string> names;
    for (int i = 0; i < 23; ++i) names.push_back("m" + std::to_string(i));
    auto g = form_groups(people(names), 4, 99, {});
    std::multiset<bot::id> seen;
    for (auto const& t : g) seen.insert(t.begin(), t.end());
    CHECK(seen.size() == names.size());
    for (auto const& n : names) CHECK(seen.count(bot::id(n)) == 1);
    CHECK(sizes_of(g) == std::vector<std::size_t>{4, 4, 5, 5, 5});
}

TEST_CASE("the same seed gives the same groups and another seed may not", "[pairs][rules]") {
    auto members = people({"a", "b", "c", "d", "e", "f", "g", "h"});
    CHECK(form_groups(members, 2, 42, {}) == form_groups(members, 2, 42, {}));
    std::set<grouping> seen;
    for (std::uint64_t seed = 1; seed <= 10; ++seed) seen.insert(form_groups(members, 2, seed, {}));
    CHECK(seen.size() > 1);
    CHECK(seed_of("qq:1", 1) == seed_of("qq:1", 1));
    CHECK(seed_of("qq:1", 1) != seed_of("qq:1", 2));
    CHECK(seed_of("qq:1", 1) != seed_of("qq:2", 1));
}

TEST_CASE("members sharing a same field are grouped together", "[pairs][rules]") {
    std::vector<candidate> members;
    for (auto const* n : {"f1", "f2", "f3", "f4"}) members.push_back({bot::id(n), {"金融"}, {}});
    for (auto const* n : {"t1", "t2", "t3", "t4"}) members.push_back({bot::id(n), {"互联网"}, {}});
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        auto g = form_groups(members, 2, seed, {});
        REQUIRE(g.size() == 4);
        for (auto const& t : g) {
            INFO(t[0].str() << " " << t[1].str());
            CHECK(t[0].str()[0] == t[1].str()[0]);
        }
    }
}

TEST_CASE("a different field is spread inside each group", "[pairs][rules]") {
    std::vector<candidate> members{{bot::id("w1"), {}, {"写作"}}, {bot::id("w2"), {}, {"写作"}},
                                   {bot::id("d1"), {}, {"设计"}}, {bot::id("d2"), {}, {"设计"}},
                                   {bot::id("c1"), {}, {"编程"}}, {bot::id("c2"), {}, {"编程"}}};
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        auto g = form_groups(members, 3, seed, {});
        REQUIRE(g.size() == 2);
        for (auto const& t : g) {
            std::set<char> kinds;
            for (auto const& u : t) kinds.insert(u.str()[0]);
            CHECK(kinds.size() == 3);
        }
    }
}

TEST_CASE("same and different fields together: same industry, different strengths", "[pairs][rules]") {
    std::vector<candidate> members{{bot::id("fw"), {"金融"}, {"写作"}},  {bot::id("fd"), {"金融"}, {"设计"}},
                                   {bot::id("fw2"), {"金融"}, {"写作"}}, {bot::id("fd2"), {"金融"}, {"设计"}},
                                   {bot::id("tw"), {"教育"}, {"写作"}},  {bot::id("td"), {"教育"}, {"设计"}}};
    auto g = form_groups(members, 2, 3, {});
    CHECK(together(g, "tw", "td"));
    CHECK((together(g, "fw", "fd") || together(g, "fw", "fd2")));
    CHECK((together(g, "fw2", "fd") || together(g, "fw2", "fd2")));
}

TEST_CASE("members without the field fall back to random places", "[pairs][rules]") {
    std::vector<candidate> members{
        {bot::id("a"), {"金融"}, {}}, {bot::id("b"), {""}, {}}, {bot::id("c"), {"金融"}, {}}, {bot::id("d"), {""}, {}}};
    auto g = form_groups(members, 2, 5, {});
    CHECK(together(g, "a", "c"));
    CHECK(together(g, "b", "d"));
}

TEST_CASE("a regroup avoids last cycle's partners", "[pairs][rules]") {
    auto members = people({"a", "b", "c", "d", "e", "f"});
    pair_history last{{pair_of(bot::id("a"), bot::id("b")), 1},
                      {pair_of(bot::id("c"), bot::id("d")), 1},
                      {pair_of(bot::id("e"), bot::id("f")), 1}};
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
        auto g = form_groups(members, 2, seed, last);
        CHECK(repeated_pairs(g, last) == 0);
    }
    CHECK(repeated_pairs({{bot::id("b"), bot::id("a")}}, last) == 1);
}

TEST_CASE("with no way around it the fewest pairs repeat, the oldest first", "[pairs][rules]") {
    // Three members in one group of three: every pair repeats; nothing else is possible.
    auto three = people({"a", "b", "c"});
    pair_history all{{pair_of(bot::id("a"), bot::id("b")), 1}};
    CHECK(form_groups(three, 2, 1, all).size() == 1);
    // Four members, each pair seen: the pairs seen once are preferred to those seen twice.
    auto four = people({"a", "b", "c", "d"});
    pair_history seen{{pair_of(bot::id("a"), bot::id("b")), 2}, {pair_of(bot::id("c"), bot::id("d")), 2},
                      {pair_of(bot::id("a"), bot::id("c")), 1}, {pair_of(bot::id("b"), bot::id("d")), 1},
                      {pair_of(bot::id("a"), bot::id("d")), 2}, {pair_of(bot::id("b"), bot::id("c")), 2}};
    for (std::uint64_t seed = 1; seed <= 6; ++seed) {
        auto g = form_groups(four, 2, seed, seen);
        CHECK(together(g, "a", "c"));
        CHECK(together(g, "b", "d"));
    }
}

TEST_CASE("a group's streak counts whole days and today once everyone is done", "[pairs][rules]") {
    CHECK(team_streak({}, false).current == 0);
    CHECK(team_streak({}, true).current == 1);
    auto s = team_streak({true, true, false, true}, false);
    CHECK(s.current == 1);
    CHECK(s.best == 2);
    s = team_streak({true, true, false, true, true}, true);
    CHECK(s.current == 3);
    CHECK(s.best == 3);
    s = team_streak({true, false}, false);
    CHECK(s.current == 0);
    CHECK(s.best == 1);
}

TEST_CASE("a cycle's length is read as days or weeks", "[pairs][rules]") {
    CHECK(parse_days("14") == 14);
    CHECK(parse_days("14天") == 14);
    CHECK(parse_days("10日") == 10);
    CHECK(parse_days("周") == 7);
    CHECK(parse_days("一周") == 7);
    CHECK(parse_days("2周") == 14);
    CHECK(parse_days("两周") == 14);
    CHECK_FALSE(parse_days("abc").has_value());
    CHECK_FALSE(parse_days("").has_value());
    CHECK_FALSE(parse_days("几周").has_value());
    CHECK_FALSE(parse_days("-3").has_value());
    CHECK(parse_size("3") == 3);
    CHECK(parse_size("3人") == 3);
    CHECK_FALSE(parse_size("周").has_value());
    CHECK_FALSE(parse_size("2x").has_value());
}
