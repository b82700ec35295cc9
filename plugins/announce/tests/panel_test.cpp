// The console panel: the group's announcements with their next send time and the upcoming
// sessions with sign-ups against the cap; its buttons pause, resume, cancel and cancel a session.
#include <catch2/catch.hpp>

#include "plugins/announce/tests/support.hpp"
#include "tests/support/panel_support.hpp"

using announce_test::loaded;
using panel_test::block;
using panel_test::labels;
using panel_test::press;
using panel_test::row;
namespace panel = bot::panel;

namespace {

panel::page group_page(testing::fake_chat& chat) {
    return panel_test::draw(chat, "announce", "announce");
}

}  // namespace

TEST_CASE("the announce panel is on the group page and says when there is nothing", "[announce][panel]") {
    testing::fake_chat chat("", loaded());
    auto const& d = panel_test::definition(chat, "announce", "announce");
    CHECK(d.title == "公告与分享会");
    CHECK(d.section == "group");
    auto page = group_page(chat);
    CHECK(block<panel::table>(page, "定时公告").rows.empty());
    CHECK(block<panel::table>(page, "定时公告").empty == "本群还没有公告");
    CHECK(block<panel::table>(page, "分享会").rows.empty());
}

TEST_CASE("the announce panel lists announcements and sessions, and its buttons act", "[announce][panel]") {
    testing::fake_chat chat("", loaded());
    auto boss = chat.user("boss").is(bot::role::admin);
    boss.says("/announce add 每天 08:00 | 早安\u202E反转");
    boss.says("/announce ok #1");
    boss.says("/announce add 每周三 20:00 | 草稿");
    boss.says("/session add 分享会 | 2026-03-04 20:00 | 线上 | 2");
    for (auto u : {"a", "b", "c"}) chat.user(u).says("/报名");

    auto page = group_page(chat);
    auto const& items = block<panel::table>(page, "定时公告");
    auto const& active = row(items, "#1");
    CHECK(active.cells == std::vector<std::string>{"#1", "进行中", "每天 08:00", "2026-03-03 08:00 周二", "早安反转"});
    CHECK(labels(active) == std::vector<std::string>{"暂停", "取消"});
    CHECK(active.actions[0].confirm);
    auto const& draft = row(items, "#2");
    CHECK(draft.cells[1] == "草稿");
    CHECK(labels(draft) == std::vector<std::string>{"确认", "取消"});
    auto const& sessions = block<panel::table>(page, "分享会");
    auto const& s = row(sessions, "#1");
    CHECK(s.cells == std::vector<std::string>{"#1", "分享会", "2026-03-04 20:00 周三", "线上", "2/2", "1", "boss"});
    CHECK(labels(s) == std::vector<std::string>{"取消分享会"});

    CHECK(press(chat, active.actions[0], "boss") ==
          std::vector<std::string>{"⏸ 公告 #1 已暂停，/announce resume #1 可恢复。"});
    auto paused = group_page(chat);
    auto const& resumed_row = row(block<panel::table>(paused, "定时公告"), "#1");
    CHECK(resumed_row.cells[1] == "已暂停");
    CHECK(resumed_row.cells[3] == "—");
    CHECK(labels(resumed_row) == std::vector<std::string>{"恢复", "取消"});
    CHECK(press(chat, resumed_row.actions[0], "boss") ==
          std::vector<std::string>{"▶️ 公告 #1 已恢复，下次发送：2026-03-03 08:00 周二。"});
    auto cancelled = press(chat, s.actions[0], "boss");
    CHECK(cancelled == std::vector<std::string>{"🛑 分享会 #1「分享会」已取消。"});
    CHECK(chat.replied("📣「分享会」取消了，报了名的伙伴请留意～ @a @b @c"));
    CHECK(block<panel::table>(group_page(chat), "分享会").rows.empty());
}
