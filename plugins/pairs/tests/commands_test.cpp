// The commands through the fake chat: enrolment, starting, listing, regrouping and ending cycles,
// and every refusal leaving things as they were.
#include <catch2/catch.hpp>

#include "plugins/pairs/tests/support.hpp"

using pairs_test::enrol;
using pairs_test::loaded;
using pairs_test::partners_of;
using pairs_test::quiet;

TEST_CASE("members join and an admin starts a cycle of pairs", "[pairs][commands]") {
    testing::fake_chat chat(quiet, loaded());
    chat.user("alice").says("/pairs join");
    CHECK(chat.last() == "✅ 报名成功！目前 1 人报名，下一轮分组会算上你。");
    chat.user("alice").says("/加入小组");
    CHECK(chat.last() == "你已经报名了，不用重复报名。发「/我的同桌」看看同伴。");
    auto boss = enrol(chat, {"bob", "carol", "dave"});
    CHECK(chat.last() == "✅ 报名成功！目前 4 人报名，下一轮分组会算上你。");
    boss.says("/pairs start");
    auto text = chat.last();
    CHECK(text.starts_with("👥 第 1 轮同桌分好啦（2026-03-02 至 2026-03-08）：\n第 1 组："));
    CHECK(text.find("第 2 组：") != std::string::npos);
    CHECK(text.find("第 3 组") == std::string::npos);
    CHECK(text.ends_with("发「/我的同桌」看同伴今天打卡了没有；全组都打卡的连续天数见「/小组榜」。"));
    for (auto const* who : {"alice", "bob", "carol", "dave"}) CHECK(partners_of(chat, who).size() == 1);
    CHECK(partners_of(chat, partners_of(chat, "alice").front()) == std::vector<std::string>{"alice"});
}

TEST_CASE("five members in pairs make a pair and a group of three", "[pairs][commands]") {
    testing::fake_chat chat(quiet, loaded());
    auto boss = enrol(chat, {"alice", "bob", "carol", "dave", "erin"});
    boss.says("/开始分组 2 14天");
    CHECK(chat.last().starts_with("👥 第 1 轮同桌分好啦（2026-03-02 至 2026-03-15）"));
    std::multiset<std::size_t> sizes;
    for (auto const* who : {"alice", "bob", "carol", "dave", "erin"}) sizes.insert(partners_of(chat, who).size());
    CHECK(sizes == std::multiset<std::size_t>{1, 1, 2, 2, 2});
}

TEST_CASE("groups of three for two weeks", "[pairs][commands]") {
    testing::fake_chat chat(quiet, loaded());
    auto boss = enrol(chat, {"a1", "a2", "a3", "a4", "a5", "a6"});
    boss.says("/pairs start 3 2周");
    CHECK(chat.last().starts_with("👥 第 1 轮小组（每组 3 人）分好啦（2026-03-02 至 2026-03-15）"));
    CHECK(partners_of(chat, "a1").size() == 2);
}

TEST_CASE("a cycle with one member is refused and changes nothing", "[pairs][commands]") {
    testing::fake_chat chat(quiet, loaded());
    auto boss = enrol(chat, {"alice"});
    boss.says("/pairs start");
    CHECK(chat.last() == "参加分组的只有 1 人，至少要 2 人才能分组，没有改动。成员发「/pairs join」报名。");
    chat.user("alice").says("/pairs list");
    CHECK(chat.last() == "本群现在没有进行中的分组，已有 1 人报名。");
    chat.user("alice").says("/mypartner");
    CHECK(chat.last() == "本群现在没有进行中的同桌/小组。发「/pairs join」报名，等管理员开始分组。");
}

TEST_CASE("bad sizes and lengths are refused with what is wrong", "[pairs][commands]") {
    testing::fake_chat chat(quiet, loaded());
    auto boss = enrol(chat, {"alice", "bob"});
    boss.says("/pairs start 1");
    CHECK(chat.last() == "每组人数要在 2 到 20 之间（收到 1），没有开始分组。");
    boss.says("/pairs start 2 100");
    CHECK(chat.last() == "一轮的天数要在 1 到 90 之间（收到 100），没有开始分组。");
    boss.says("/pairs start 2 几天");
    CHECK(chat.last().starts_with("没看懂「几天」，没有开始分组。"));
    boss.says("/pairs start abc");
    CHECK(chat.last().starts_with("没看懂「abc」"));
    chat.user("alice").says("/pairs list");
    CHECK(chat.last() == "本群现在没有进行中的分组，已有 2 人报名。");
    // Only admins start, regroup or end.
    chat.user("alice").says("/pairs start");
    CHECK(chat.last().find("第 1 轮") == std::string::npos);
    chat.user("alice").says("/pairs list");
    CHECK(chat.last() == "本群现在没有进行中的分组，已有 2 人报名。");
}

TEST_CASE("a second start while a cycle runs is refused", "[pairs][commands]") {
    testing::fake_chat chat(quiet, loaded());
    auto boss = enrol(chat, {"alice", "bob"});
    boss.says("/pairs start 周");
    CHECK(chat.last().starts_with("👥 第 1 轮同桌分好啦（2026-03-02 至 2026-03-08）"));
    boss.says("/pairs start 2");
    CHECK(chat.last() ==
          "第 1 轮分组还在进行（到 2026-03-08），没有重新开始。要马上换组请发「/pairs regroup」，要结束请发「/pairs "
          "end」。");
    boss.says("/pairs end");
    CHECK(chat.last() == "🏁 第 1 轮分组已结束。");
    boss.says("/pairs end");
    CHECK(chat.last() == "本群现在没有进行中的分组。管理员发「/pairs start」开始一轮。");
    boss.says("/pairs regroup");
    CHECK(chat.last() == "本群现在没有进行中的分组。管理员发「/pairs start」开始一轮。");
}

TEST_CASE("a regroup avoids the partners of the cycle it ends", "[pairs][commands]") {
    testing::fake_chat chat(quiet, loaded());
    auto boss = enrol(chat, {"alice", "bob", "carol", "dave", "erin", "frank"});
    boss.says("/pairs start");
    std::map<std::string, std::string> before;
    for (auto const* who : {"alice", "bob", "carol", "dave", "erin", "frank"})
        before[who] = partners_of(chat, who).at(0);
    boss.says("/重新分组");
    CHECK(chat.last().starts_with("👥 第 2 轮同桌分好啦（2026-03-02 至 2026-03-08）"));
    CHECK(chat.last().find("同组过") == std::string::npos);
    for (auto const& [who, was] : before) CHECK(partners_of(chat, who).at(0) != was);
}

TEST_CASE("with too few members a regroup repeats a pair and says so", "[pairs][commands]") {
    testing::fake_chat chat(quiet, loaded());
    auto boss = enrol(chat, {"alice", "bob"});
    boss.says("/pairs start");
    boss.says("/pairs regroup");
    CHECK(chat.last().find("（人数有限，有 1 对同伴最近几轮同组过。）") != std::string::npos);
}

TEST_CASE("a member joining during a cycle joins its smallest group", "[pairs][commands]") {
    testing::fake_chat chat(quiet, loaded());
    auto boss = enrol(chat, {"alice", "bob", "carol", "dave", "erin"});
    boss.says("/pairs start");  // a pair and a group of three
    chat.user("frank").says("/pairs join");
    CHECK(chat.last().starts_with("✅ 报名成功！本轮正在进行，你加入了第 "));
    CHECK(partners_of(chat, "frank").size() == 2);
    std::multiset<std::size_t> sizes;
    for (auto const* who : {"alice", "bob", "carol", "dave", "erin", "frank"})
        sizes.insert(partners_of(chat, who).size());
    CHECK(sizes == std::multiset<std::size_t>{2, 2, 2, 2, 2, 2});
    chat.user("frank").says("/pairs join");
    CHECK(chat.last() == "你已经报名了，不用重复报名。发「/我的同桌」看看同伴。");
}

TEST_CASE("a member who leaves is taken out and a lone partner is merged into another group", "[pairs][commands]") {
    testing::fake_chat chat(quiet, loaded());
    auto boss = enrol(chat, {"alice", "bob", "carol", "dave"});
    boss.says("/pairs start");
    auto partner = partners_of(chat, "alice").at(0);
    chat.user("alice").says("/退出小组");
    CHECK(chat.last().starts_with("已退出同桌/小组，之后的分组不会再算上你。"));
    CHECK(chat.last().find("👥 alice 离开了小组，" + partner + " 并入第 ") != std::string::npos);
    CHECK(partners_of(chat, partner).size() == 2);
    chat.user("alice").says("/mypartner");
    CHECK(chat.last() == "你不在本轮的分组里。发「/pairs join」报名，会加入人最少的一组。");
    chat.user("alice").says("/pairs leave");
    CHECK(chat.last() == "你没有参加同桌/小组，没有什么要退出的。");
}

TEST_CASE("a member leaving the chat group leaves the pairs, and a cycle of one ends", "[pairs][commands]") {
    testing::fake_chat chat(quiet, loaded());
    auto boss = enrol(chat, {"alice", "bob"});
    boss.says("/pairs start");
    chat.clear();
    chat.user("bob").leaves();
    CHECK(chat.replied("👥 bob 离开后本轮只剩 alice 一人，本轮分组到此结束。"));
    chat.user("alice").says("/pairs list");
    CHECK(chat.last() == "本群现在没有进行中的分组，已有 1 人报名。");
}

TEST_CASE("in roster mode everyone who checks in takes part without joining", "[pairs][commands]") {
    testing::fake_chat chat(std::string(quiet) + "[plugins.pairs]\nenrol = \"roster\"\n", loaded());
    for (auto const* who : {"alice", "bob", "carol"}) chat.user(who).says("打卡");
    chat.user("carol").says("/pairs leave");
    CHECK(chat.last().starts_with("已退出同桌/小组"));
    chat.user("boss").is(bot::role::admin).says("/pairs start");
    CHECK(chat.last().find("alice、bob") != std::string::npos);
    CHECK(chat.last().find("carol") == std::string::npos);
}

TEST_CASE("a group sets its own size and length with /set", "[pairs][commands]") {
    testing::fake_chat chat(quiet, loaded());
    auto boss = enrol(chat, {"alice", "bob", "carol", "dave", "erin", "frank"});
    boss.says("/set pairs.group_size 3");
    boss.says("/set pairs.cycle_days 14");
    boss.says("/pairs start");
    CHECK(chat.last().starts_with("👥 第 1 轮小组（每组 3 人）分好啦（2026-03-02 至 2026-03-15）"));
    CHECK(partners_of(chat, "alice").size() == 2);
    boss.says("/set pairs.group_size 1");
    CHECK(chat.last() == "「pairs.group_size」不能设为「1」：应为介于 2 和 20 之间的整数");
    CHECK(partners_of(chat, "alice").size() == 2);
}

TEST_CASE("switching check-ins off while a cycle runs is refused, saying why", "[pairs][commands]") {
    testing::fake_chat chat(quiet, loaded());
    auto boss = enrol(chat, {"alice", "bob"});
    boss.says("/pairs start");
    boss.says("/plugin off checkin");
    CHECK(chat.last() ==
          "插件 checkin 没有停用：\n第 1 轮同桌/小组正在进行（到 2026-03-08），看同伴和提醒都靠打卡记录："
          "停用打卡后每个人都会被当作没打卡。请先发「/pairs end」结束本轮。");
    boss.says("/pairs end");
    boss.says("/plugin off checkin");
    CHECK(chat.last() == "已停用插件 checkin。");
}
