// The console panel: the last 14 days as rows of every figure, newest first, read after a flush.
#include <catch2/catch.hpp>

#include "plugins/stats/tests/support.hpp"
#include "tests/support/panel_support.hpp"

using panel_test::block;
using panel_test::draw;
using panel_test::row;

TEST_CASE("the panel shows 14 days of figures", "[stats][panel]") {
    testing::fake_chat chat("", stats_test::loaded());
    chat.user("boss").is(bot::role::admin);
    chat.user("alice").is(bot::role::member).says("请问今天谁值班？");
    chat.user("bob").says("@alice 我");
    chat.advance_to("2026-03-03 10:00");
    chat.user("alice").says("谢谢");
    auto const& def = panel_test::definition(chat, "stats", "days");
    CHECK(def.section == "health");
    auto p = draw(chat, "stats", "days");
    auto const& t = block<bot::panel::table>(p, "近 14 天");
    CHECK(t.rows.size() == 14);
    CHECK(t.rows.front().cells.front() == "2026-03-03");
    CHECK(row(t, "2026-03-03").cells == std::vector<std::string>{"2026-03-03", "1", "1", "0", "0", "0", "0", "0", "—", "—"});
    CHECK(row(t, "2026-03-02").cells == std::vector<std::string>{"2026-03-02", "2", "2", "0", "0", "0", "1", "1", "—", "2"});
    auto const& c = block<bot::panel::chart>(p, "近 14 天");
    CHECK(c.data[0].values.back() == 1);
}
