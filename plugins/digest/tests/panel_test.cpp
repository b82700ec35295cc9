// The console panel: the schedule and counts, the recent questions with their best answer and a
// forget button, and the digests posted.
#include <catch2/catch.hpp>

#include "plugins/digest/tests/support.hpp"
#include "tests/support/panel_support.hpp"

using digest_test::asked_and_answered;
using digest_test::loaded;
using panel_test::block;
using panel_test::fact;
using panel_test::row;
namespace panel = bot::panel;
using cells = std::vector<std::string>;

TEST_CASE("the digest panel shows the questions, forgets one, and lists the digests", "[digest][panel]") {
    testing::fake_chat chat("", loaded());
    auto const& d = panel_test::definition(chat, "digest", "digest");
    CHECK(d.title == "问答精选");
    CHECK(d.section == "group");
    auto empty = panel_test::draw(chat, "digest", "digest");
    CHECK(block<panel::table>(empty, "最近收集的问题").rows.empty());
    CHECK(fact(block<panel::facts>(empty), "发精选") == "每天 21:00");

    asked_and_answered(chat);
    chat.user("dave").card("Da\u202Eve").says("请问 <b>打印机</b> 在哪？");
    chat.advance_to("2026-03-02 21:00");
    auto page = panel_test::draw(chat, "digest", "digest");
    CHECK(fact(block<panel::facts>(page), "收集的问题") == "2 个，其中 1 个有回答");
    auto const& questions = block<panel::table>(page, "最近收集的问题");
    CHECK(questions.columns == cells{"编号", "时间", "提问人", "问题", "最佳回答", "回答数"});
    REQUIRE(questions.rows.size() == 2);
    CHECK(row(questions, "#1").cells == cells{"#1", "2026-03-02 09:00", "bob", "请问报销的发票抬头写什么？",
                                              "carol：写公司全称，税号在群公告里", "1"});
    CHECK(row(questions, "#2").cells.at(2) == "Dave");
    CHECK(row(questions, "#2").cells.at(3) == "请问 <b>打印机</b> 在哪？");
    auto const& posts = block<panel::table>(page, "发过的精选");
    REQUIRE(posts.rows.size() == 1);
    CHECK(posts.rows[0].cells == cells{"2026-03-02 21:00", "定时", "1", ""});

    auto forget = row(questions, "#2").actions.at(0);
    CHECK(forget.label == "删除");
    CHECK(forget.confirm);
    CHECK(forget.command.plain_text() == "/digest forget #2");
    auto run = panel_test::click(chat, forget);
    CHECK(run.replies == cells{"🗑 已删除问题 #2 和它的回答，精选和搜索里都不会再出现。"});
    CHECK(block<panel::table>(panel_test::draw(chat, "digest", "digest"), "最近收集的问题").rows.size() == 1);
}
