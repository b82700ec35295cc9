// The console panel: open polls as bar charts, recent polls with a close button, surveys with
// progress and a CSV download, and member-written text kept as text.
#include <catch2/catch.hpp>

#include "plugins/poll/tests/support.hpp"
#include "tests/support/panel_support.hpp"

using panel_test::block;
using panel_test::row;
namespace panel = bot::panel;

TEST_CASE("the panel charts open polls and lists surveys with a CSV download", "[poll][panel]") {
    testing::fake_chat chat("", poll_test::loaded());
    CHECK(panel_test::definition(chat, "poll", "polls").section == "group");
    chat.user("alice").says("/poll 周五吃什么 | 火锅 | 烧烤");
    chat.user("bob").says("/vote 2");
    chat.user("carol").says("/vote 2");
    chat.user("boss").is(bot::role::admin).says("/survey new 需求 | 想学什么？");
    chat.user("alice").joins();
    chat.user("boss").says("/survey start #1");
    chat.user("alice").whispers("@SUM(A1), \"quoted\"");

    auto p = panel_test::draw(chat, "poll", "polls");
    auto const& c = block<panel::chart>(p, "进行中的投票");
    CHECK(c.kind == "bar");
    CHECK(c.labels == std::vector<std::string>{"火锅", "烧烤"});
    REQUIRE(c.data.size() == 1);
    CHECK(c.data[0].values == std::vector<double>{0, 2});

    auto const& polls = block<panel::table>(p, "最近的投票");
    auto const& r = row(polls, "#1");
    CHECK(r.cells[3] == "2");
    CHECK(r.cells[5] == "进行中");
    REQUIRE(r.actions.size() == 1);
    CHECK(r.actions[0].command.plain_text() == "/poll close #1");
    panel_test::click(chat, r.actions[0]);
    CHECK(poll_test::scalar(chat, "SELECT closed_at IS NOT NULL FROM poll_polls WHERE num = 1") == 1);

    auto const& surveys = block<panel::table>(p, "调研");
    CHECK(row(surveys, "#1").cells[3] == "1/2");
    auto const& csv = block<panel::download>(p, "调研");
    CHECK(csv.filename == "survey-1.csv");
    CHECK(csv.body.find("alice,alice,答完,\"'@SUM(A1), \"\"quoted\"\"\"\r\n") != std::string::npos);

    auto after = panel_test::draw(chat, "poll", "polls");
    CHECK(row(block<panel::table>(after, "最近的投票"), "#1").cells[5] == "已截止");
}
