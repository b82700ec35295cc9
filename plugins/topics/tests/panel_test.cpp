// The console panel: the bank by category with remove, the suggestions with approve and reject,
// the latest posts; its buttons run the chat commands as the admin.
#include <catch2/catch.hpp>

#include "plugins/topics/tests/support.hpp"
#include "tests/support/panel_support.hpp"

using panel_test::block;
using panel_test::fact;
using panel_test::labels;
using panel_test::row;
using topics_test::stocked;
namespace panel = bot::panel;
using cells = std::vector<std::string>;

namespace {

panel::page draw(testing::fake_chat& chat) {
    return panel_test::draw(chat, "topics", "topics");
}

}  // namespace

TEST_CASE("the topics panel shows the bank by category and removes from it", "[topics][panel]") {
    testing::fake_chat chat("", topics_test::loaded());
    auto const& d = panel_test::definition(chat, "topics", "topics");
    CHECK(d.title == "话题库");
    CHECK(d.section == "group");
    auto empty = draw(chat);
    CHECK(block<panel::table>(empty, "话题库：通用").rows.empty());
    CHECK(block<panel::table>(empty, "待审核的投稿").rows.empty());
    CHECK(fact(block<panel::facts>(empty), "下一个话题") == "话题库是空的，不自动发");

    stocked(chat);
    chat.user("boss").says("/topic now");
    auto page = draw(chat);
    auto const& general = block<panel::table>(page, "话题库：通用");
    CHECK(general.columns == cells{"编号", "话题", "发过", "上次发出", "来自"});
    REQUIRE(general.rows.size() == 2);
    CHECK(row(general, "#1").cells == cells{"#1", "周末大家都去哪儿玩？", "1 次", "2026-03-02 09:00", "boss"});
    CHECK(row(general, "#3").cells == cells{"#3", "最想学的一项新技能？", "0 次", "—", "boss"});
    CHECK(block<panel::table>(page, "话题库：专业").rows.size() == 1);
    auto const& facts = block<panel::facts>(page);
    CHECK(fact(facts, "今天已发") == "1 / 2");
    CHECK(fact(facts, "白天时段") == "09:00–22:00");
    CHECK(fact(facts, "下一个话题") == "最早 2026-03-02 12:00（期间有人发言就顺延）");
    auto const& posted = block<panel::table>(page, "最近发出的话题");
    REQUIRE(posted.rows.size() == 1);
    CHECK(posted.rows[0].cells == cells{"2026-03-02 09:00", "#1", "通用", "周末大家都去哪儿玩？", "/topic now"});

    auto remove = row(general, "#3").actions.at(0);
    CHECK(remove.label == "删除");
    CHECK(remove.confirm);
    CHECK(remove.command.plain_text() == "/topic remove #3");
    auto run = panel_test::click(chat, remove);
    CHECK(run.replies == cells{"🗑 已从话题库删除 #3：最想学的一项新技能？"});
    CHECK(block<panel::table>(draw(chat), "话题库：通用").rows.size() == 1);
}

TEST_CASE("the topics panel approves and rejects suggestions", "[topics][panel]") {
    testing::fake_chat chat("", topics_test::loaded());
    stocked(chat);
    chat.user("alice").card("Al\u202Eice").says("/topic suggest 专业 你入行的第一份工作？");
    chat.user("bob").says("/topic suggest <b>粗体</b>");
    auto page = draw(chat);
    auto const& pending = block<panel::table>(page, "待审核的投稿");
    REQUIRE(pending.rows.size() == 2);
    CHECK(row(pending, "#4").cells == cells{"#4", "专业", "你入行的第一份工作？", "Alice", "2026-03-02 09:00"});
    CHECK(row(pending, "#5").cells.at(2) == "<b>粗体</b>");
    REQUIRE(labels(row(pending, "#4")) == cells{"通过", "拒绝"});
    auto approve = row(pending, "#4").actions[0];
    auto reject = row(pending, "#5").actions[1];
    CHECK(approve.command.plain_text() == "/topic approve #4");
    CHECK(reject.command.plain_text() == "/topic reject #5");
    CHECK(reject.confirm);

    CHECK(panel_test::click(chat, approve).replies == cells{"✅ 已通过 #4，加入话题库（专业）：你入行的第一份工作？"});
    CHECK(panel_test::click(chat, reject).replies == cells{"🙅 已拒绝投稿 #5：<b>粗体</b>"});
    // A second click finds nothing pending and says so.
    CHECK(panel_test::click(chat, approve).replies == cells{"#4 不是待审核的投稿（已经在话题库里了）。"});
    page = draw(chat);
    CHECK(block<panel::table>(page, "待审核的投稿").rows.empty());
    CHECK(row(block<panel::table>(page, "话题库：专业"), "#4").cells.at(1) == "你入行的第一份工作？");
}
