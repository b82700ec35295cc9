// The commands: /faq finds answered questions (wildcards taken literally), /digest forget removes
// one, /digest now posts the period so far, /digest pin marks the last digest as essence where the
// platform can. Bad input and members without the right get a clear reply and change nothing.
#include <catch2/catch.hpp>

#include "plugins/digest/tests/support.hpp"

using digest_test::asked_and_answered;
using digest_test::digests;
using digest_test::loaded;

namespace {

std::string said(testing::fake_chat& chat, testing::member who, std::string const& text) {
    chat.clear();
    who.says(text);
    return chat.last();
}

/// The message IDs of the sends whose text starts with `head`.
std::vector<bot::id> sends_starting(testing::fake_chat& chat, std::string const& head) {
    std::vector<bot::id> out;
    for (auto const& a : chat.actions())
        if (a.kind == "send" && a.text().starts_with(head)) out.push_back(a.message_id);
    return out;
}

std::vector<bot::id> essences(testing::fake_chat& chat) {
    std::vector<bot::id> out;
    for (auto const& a : chat.actions())
        if (a.kind == "essence") out.push_back(a.message_id);
    return out;
}

}  // namespace

TEST_CASE("faq finds answered questions by their text or their answers", "[digest][faq]") {
    testing::fake_chat chat("", loaded());
    auto q = asked_and_answered(chat);
    chat.user("boss").is(bot::role::admin).says(bot::message().reply_to(q).text("公司全称，税号见公告"));
    asked_and_answered(chat, "请问打印机在哪？", "三楼茶水间旁边");
    chat.user("bob").says("请问发票能补开吗？");  // unanswered: not found
    auto bob = chat.user("bob");
    CHECK(said(chat, bob, "/faq 发票") ==
          "🔍 和「发票」有关的问答（1 条）：\n❓ #1 请问报销的发票抬头写什么？（2026-03-02）\n💡 "
          "boss：公司全称，税号见公告");
    CHECK(said(chat, bob, "/问答 茶水间") ==
          "🔍 和「茶水间」有关的问答（1 条）：\n❓ #2 请问打印机在哪？（2026-03-02）\n💡 carol：三楼茶水间旁边");
    CHECK(said(chat, bob, "/faq 火星") == "没有找到和「火星」有关的已回答问题。");
}

TEST_CASE("faq takes wildcards literally and refuses an empty or long keyword", "[digest][faq]") {
    testing::fake_chat chat("", loaded());
    asked_and_answered(chat, "请问进度到多少了？", "差不多 80%");
    auto bob = chat.user("bob");
    CHECK(said(chat, bob, "/faq %").starts_with("🔍 和「%」有关的问答（1 条）"));
    CHECK(said(chat, bob, "/faq _") == "没有找到和「_」有关的已回答问题。");
    CHECK(said(chat, bob, "/faq 9%") == "没有找到和「9%」有关的已回答问题。");
    CHECK(said(chat, bob, "/faq") == "请写出要搜索的关键词，如 /faq 报销");
    CHECK(said(chat, bob, "/faq " + std::string(31, 'x')) == "关键词太长了，最多 30 个字。");
}

TEST_CASE("an admin forgets a question, which leaves the digest and the search", "[digest][forget]") {
    testing::fake_chat chat("", loaded());
    asked_and_answered(chat, "请问我的手机号 13800000000 能报名吗？", "可以");
    asked_and_answered(chat, "请问打印机在哪？", "三楼");
    auto boss = chat.user("boss").is(bot::role::admin);
    CHECK(said(chat, chat.user("bob"), "/digest forget #1") == "抱歉，你没有使用 /digest forget 的权限。");
    CHECK(said(chat, boss, "/digest forget") == "请写出问题编号，如 /digest forget #3（编号见 /digest list）。");
    CHECK(said(chat, boss, "/digest forget #9") == "没有编号为 #9 的问题。");
    CHECK(said(chat, boss, "/精选 删除 #1") ==
          "🗑 已删除问题 #1 和它的回答，精选和搜索里都不会再出现。");
    CHECK(said(chat, boss, "/digest forget #1") == "没有编号为 #1 的问题。");
    CHECK(said(chat, boss, "/faq 手机号") == "没有找到和「手机号」有关的已回答问题。");
    chat.clear();
    chat.advance_to("2026-03-02 21:00");
    REQUIRE(digests(chat).size() == 1);
    CHECK(digests(chat)[0].find("13800000000") == std::string::npos);
    CHECK(digests(chat)[0].find("1 个问题有了回答") != std::string::npos);
}

TEST_CASE("digest now posts the period so far, and the scheduled digest still comes", "[digest][now]") {
    testing::fake_chat chat("", loaded());
    auto boss = chat.user("boss").is(bot::role::admin);
    CHECK(said(chat, boss, "/digest now") == "本期（2026-03-01 21:00 起）还没有得到回答的问题，没有可发的精选。");
    asked_and_answered(chat);
    CHECK(said(chat, chat.user("bob"), "/digest now") == "抱歉，你没有使用 /digest now 的权限。");
    chat.clear();
    boss.says("/digest now");
    CHECK(digests(chat).size() == 1);
    chat.advance_to("2026-03-02 21:00");
    CHECK(digests(chat).size() == 2);
}

TEST_CASE("digest pin marks the last digest as essence", "[digest][pin]") {
    testing::fake_chat chat("", loaded());
    auto boss = chat.user("boss").is(bot::role::admin);
    CHECK(said(chat, boss, "/digest pin") == "还没有发过问答精选，没有可以设为精华的消息。");
    asked_and_answered(chat);
    chat.advance_to("2026-03-02 21:00");
    asked_and_answered(chat, "请问周会几点开？", "十点");
    boss.says("/digest now");
    auto posted = sends_starting(chat, "📚 今日问答精选");
    REQUIRE(posted.size() == 2);
    CHECK(said(chat, chat.user("bob"), "/digest pin") == "抱歉，你没有使用 /digest pin 的权限。");
    CHECK(essences(chat).empty());
    CHECK(said(chat, boss, "/精选 精华") == "📌 已把 2026-03-02 21:00 的问答精选设为精华消息。");
    CHECK(essences(chat) == std::vector<bot::id>{posted[1]});
}

TEST_CASE("digest pin says so where the platform cannot or refuses", "[digest][pin]") {
    testing::fake_chat chat("", loaded());
    auto boss = chat.user("boss").is(bot::role::admin);
    asked_and_answered(chat);
    chat.advance_to("2026-03-02 21:00");
    chat.platform().fail_admin = true;
    CHECK(said(chat, boss, "/digest pin") ==
          "设置精华失败（机器人可能不是管理员，或消息已过期），请手动设置 2026-03-02 21:00 的问答精选。");
    chat.platform().caps_.essence = false;
    CHECK(said(chat, boss, "/digest pin") == "本平台不支持设置精华消息，请手动把精选收藏或置顶。");
    CHECK(essences(chat).empty());
}
