// Learning from admins: /误判 undoes an incident and lets the same text pass; /ad acts on a missed
// ad and catches similar ones; both are listed and can be forgotten.
#include <catch2/catch.hpp>

#include <SQLiteCpp/Statement.h>

#include "plugins/antiad/similar.hpp"
#include "plugins/antiad/tests/helpers.hpp"
#include "storage/database.hpp"

using namespace antiad_test;
using namespace std::chrono_literals;

namespace {

/// The ID of the last message the bot sent to a target ("g:g1", "u:alice").
bot::id last_sent_to(testing::fake_chat& chat, std::string const& key) {
    bot::id out;
    for (auto const& a : chat.actions())
        if (a.kind == "send" && a.to.key() == key) out = a.message_id;
    return out;
}

/// An admin's command as a reply to a message.
bot::id reply(testing::fake_chat& chat, std::string const& who, bot::id const& to, std::string const& text) {
    return chat.user(who).says(bot::message().reply_to(to).text(text));
}

void private_reply(testing::fake_chat& chat, std::string const& who, bot::id const& to, std::string const& text) {
    static std::int64_t next = 7000;
    chat.deliver(bot::ev::private_message{bot::id(++next),
                                          bot::sender{bot::id(who), who, {}, bot::role::member},
                                          bot::message().reply_to(to).text(text),
                                          {}});
}

constexpr char const* missed_ad = "本店新到一批高仿名牌包包，价格实惠，欢迎私信咨询下单";
constexpr char const* similar_ad = "本店新到一批高仿名牌手表，价格实惠，欢迎私信咨询";
constexpr char const* ordinary = "今天的读书会我们讨论了三体的第二部，大家发言都很积极";

}  // namespace

TEST_CASE("ad samples are token vectors compared by cosine similarity", "[antiad][learn]") {
    using namespace plugins::antiad;
    auto t = tokenize("加我微信abc12345好的");
    CHECK(t.at("加我") == 1);
    CHECK(t.at("我微") == 1);
    CHECK(t.at("微信") == 1);
    CHECK(t.at("abc") == 1);
    CHECK(t.at("#") == 1);
    CHECK(t.at("好的") == 1);
    CHECK(t.count("信a") == 0);
    CHECK(tokenize("A").at("a") == 1);
    CHECK(cosine(t, t) == Approx(1.0));
    CHECK(cosine(t, tokenize("今天天气不错")) == Approx(0.0));
    sample_set set;
    set.add(7, "本店新到一批高仿名牌包包价格实惠欢迎私信咨询下单", "原文");
    auto m = set.best("本店新到一批高仿名牌手表价格实惠欢迎私信咨询", 0.6);
    REQUIRE(m);
    CHECK(m->id == 7);
    CHECK(m->original == "原文");
    CHECK_FALSE(set.best("今天的读书会我们讨论了三体的第二部大家发言都很积极", 0.6));
}

TEST_CASE("/误判 as a reply to the warning clears the strike and that text passes for everyone", "[antiad][learn]") {
    testing::fake_chat chat("", with_antiad());
    chat.user("alice").is(bot::role::admin);
    chat.user("carol").is(bot::role::member);
    chat.user("bob").says("加我微信 abc12345");
    auto warning = last_sent_to(chat, "g:g1");
    chat.clear();
    reply(chat, "alice", warning, "/误判");
    CHECK(chat.replied("已撤销对 bob 的处理：撤销了这次警告。本群以后相同的内容不再拦截。"));
    chat.user("alice").says("/warns @bob");
    CHECK(chat.replied("bob 目前没有有效的警告"));

    auto again = chat.user("bob").says("加我 微信：abc12345");
    CHECK_FALSE(recalled(chat, again));
    auto carol = chat.user("carol").says("加我微信abc12345");
    CHECK_FALSE(recalled(chat, carol));
    // Exact normalised text only: another contact is still caught.
    auto other = chat.user("carol").says("加我微信 xyz98765");
    CHECK(recalled(chat, other));

    chat.clear();
    chat.user("alice").says("/modlog");
    CHECK(chat.replied("bob wechat「微信 abc1****5」→ recall、warn、report、已撤销（alice）"));
    auto& q = chat.bot().db().prepare("SELECT actor, detail FROM antiad_log WHERE action = 'cleared'");
    storage::statement_guard guard{q};
    REQUIRE(q.executeStep());
    CHECK(q.getColumn(0).getString() == "alice");
    CHECK(q.getColumn(1).getString() == "撤销了这次警告");

    chat.clear();
    reply(chat, "alice", warning, "/wrong");
    CHECK(chat.replied("这条处理已经撤销过了"));
}

TEST_CASE("/wrong as a reply to the recalled message lifts the mute it caused", "[antiad][learn]") {
    testing::fake_chat chat("[plugins.antiad]\nladder = [\"mute 10m\"]\n", with_antiad());
    chat.user("alice").is(bot::role::admin);
    auto ad = chat.user("bob").says("加我微信 abc12345");
    REQUIRE(last_mute(chat, "bob") == 600);
    reply(chat, "alice", ad, "/wrong");
    CHECK(last_mute(chat, "bob") == 0);
    CHECK(chat.replied("撤销了这次警告，解除了禁言"));
}

TEST_CASE("a kick cannot be undone, and /误判 says so", "[antiad][learn]") {
    testing::fake_chat chat("[plugins.antiad]\nladder = [\"kick\"]\n", with_antiad());
    chat.user("alice").is(bot::role::admin);
    auto ad = chat.user("bob").says("加我微信 abc12345");
    REQUIRE(kicked(chat, "bob"));
    reply(chat, "alice", ad, "/误判");
    CHECK(chat.replied("踢出无法撤销"));
}

TEST_CASE("/误判 as a reply to the private report undoes the incident in its group", "[antiad][learn]") {
    testing::fake_chat chat("", with_antiad());
    chat.user("alice").is(bot::role::admin);
    chat.user("carol").is(bot::role::member);
    chat.user("bob").says("加我微信 abc12345");
    auto report = last_sent_to(chat, "u:alice");
    REQUIRE(!report.empty());
    chat.clear();
    private_reply(chat, "carol", report, "/误判");
    CHECK(chat.replied("只有该群的管理员可以撤销"));
    chat.clear();
    private_reply(chat, "alice", report, "/误判");
    CHECK(chat.replied("已撤销对 bob 的处理：撤销了这次警告"));
    auto again = chat.user("bob").says("加我微信 abc12345");
    CHECK_FALSE(recalled(chat, again));
}

TEST_CASE("members cannot undo or mark, and nothing happens", "[antiad][learn]") {
    testing::fake_chat chat("", with_antiad());
    chat.user("alice").is(bot::role::admin);
    chat.user("carol").is(bot::role::member);
    chat.user("bob").says("加我微信 abc12345");
    auto warning = last_sent_to(chat, "g:g1");
    chat.clear();
    reply(chat, "carol", warning, "/误判");
    CHECK(chat.replied("抱歉，你没有使用 /wrong 的权限"));
    auto missed = chat.user("bob").says(missed_ad);
    reply(chat, "carol", missed, "/ad");
    CHECK(chat.replied("抱歉，你没有使用 /ad 的权限"));
    CHECK_FALSE(recalled(chat, missed));
    chat.user("alice").says("/warns @bob");
    CHECK(chat.replied("bob 在30 天内有 1 次警告"));
}

TEST_CASE("/unwarn as a reply undoes that incident, without a reply or member it explains itself", "[antiad][learn]") {
    testing::fake_chat chat("", with_antiad());
    chat.user("alice").is(bot::role::admin);
    chat.user("bob").says("加我微信 abc12345");
    auto warning = last_sent_to(chat, "g:g1");
    reply(chat, "alice", warning, "/unwarn");
    CHECK(chat.replied("已撤销对 bob 的处理"));
    chat.user("alice").says("/unwarn");
    CHECK(chat.replied("用法：/unwarn @成员"));
    chat.user("alice").says("/误判");
    CHECK(chat.replied("用法：回复机器人的警告"));
    reply(chat, "alice", bot::id(std::int64_t{424242}), "/误判");
    CHECK(chat.replied("找不到这条消息的处理记录"));
}

TEST_CASE("/ad acts on a missed ad and similar messages are caught next time", "[antiad][learn]") {
    testing::fake_chat chat("", with_antiad());
    chat.user("alice").is(bot::role::admin);
    chat.user("carol").is(bot::role::member);
    auto missed = chat.user("bob").says(missed_ad);
    REQUIRE_FALSE(recalled(chat, missed));
    chat.clear();
    reply(chat, "alice", missed, "/ad");
    CHECK(recalled(chat, missed));
    CHECK(chat.replied("请不要发广告哦：被管理员认定为广告"));
    CHECK(chat.replied("已按广告处理 bob 的消息。以后相似的消息会被拦截。"));
    CHECK(any_contains(sent_to(chat, "u:alice"), "（规则 learned）"));

    auto like = chat.user("carol").says(similar_ad);
    CHECK(recalled(chat, like));
    CHECK(chat.replied("与管理员标记过的广告相似（「本店新到一批高仿名牌包包"));
    auto fine = chat.user("carol").says(ordinary);
    CHECK_FALSE(recalled(chat, fine));
    auto short_one = chat.user("carol").says("高仿名牌");
    CHECK_FALSE(recalled(chat, short_one));

    // The warning of a /ad can itself be undone.
    chat.clear();
    chat.user("alice").says("/antiad learned");
    CHECK(chat.replied("[广告样本] 本店新到一批高仿名牌包包"));
    chat.user("alice").says("/antiad");
    CHECK(chat.replied("学到的内容：放行 0 条，广告样本 1 条"));
    auto& q = chat.bot().db().prepare("SELECT id FROM antiad_learned WHERE kind = 'sample'");
    std::int64_t id = 0;
    {
        storage::statement_guard guard{q};
        REQUIRE(q.executeStep());
        id = q.getColumn(0).getInt64();
    }
    chat.user("alice").says("/antiad forget " + std::to_string(id));
    CHECK(chat.replied("已删除学到的第 " + std::to_string(id) + " 条"));
    auto after = chat.user("carol").says(similar_ad);
    CHECK_FALSE(recalled(chat, after));
    chat.user("alice").says("/antiad");
    CHECK(chat.replied("学到的内容：放行 0 条，广告样本 0 条"));
    chat.user("alice").says("/antiad forget 999");
    CHECK(chat.replied("没有编号为 999 的学习内容"));
}

TEST_CASE("/ad needs a reply to a message the bot saw", "[antiad][learn]") {
    testing::fake_chat chat("", with_antiad());
    chat.user("alice").is(bot::role::admin);
    chat.user("alice").says("/ad");
    CHECK(chat.replied("用法：回复一条漏掉的广告"));
    reply(chat, "alice", bot::id(std::int64_t{31337}), "/广告");
    CHECK(chat.replied("取不到被回复的消息"));
    chat.user("carol").is(bot::role::admin);
    auto from_admin = chat.user("carol").says(missed_ad);
    reply(chat, "alice", from_admin, "/ad");
    CHECK(chat.replied("取不到被回复的消息"));
}

TEST_CASE("learned passes and samples are listed, and samples are bounded per group", "[antiad][learn]") {
    // `similar` off, so the three alike texts are all missed and marked.
    testing::fake_chat chat(
        "[plugins.antiad]\nlearn_max_samples = 2\noff_rules = [\"file\", \"forward\", \"similar\"]\n", with_antiad());
    chat.user("alice").is(bot::role::admin);
    chat.user("bob").says("加我微信 abc12345");
    reply(chat, "alice", last_sent_to(chat, "g:g1"), "/误判");
    for (auto const* text :
         {"第一条漏网的长广告内容，欢迎咨询", "第二条漏网的长广告内容，欢迎咨询", "第三条漏网的长广告内容，欢迎咨询"}) {
        chat.advance(1h);
        auto m = chat.user("dan").says(text);
        reply(chat, "alice", m, "/ad");
    }
    chat.clear();
    chat.user("alice").says("/antiad learned");
    auto list = chat.last();
    CHECK(list.find("[放行] 加我微信 abc1****5") != std::string::npos);
    CHECK(list.find("第一条") == std::string::npos);
    CHECK(list.find("第二条") != std::string::npos);
    CHECK(list.find("第三条") != std::string::npos);
}

TEST_CASE("with learn_global a sample marked in one group is caught in another", "[antiad][learn]") {
    for (bool global : {false, true}) {
        testing::fake_chat chat(std::string("[plugins.antiad]\nlearn_global = ") + (global ? "true" : "false") + "\n",
                                with_antiad());
        chat.user("alice").is(bot::role::admin);
        auto missed = chat.user("bob").says(missed_ad);
        reply(chat, "alice", missed, "/ad");
        auto elsewhere = chat.user("carol").in("g2").says(similar_ad);
        CHECK(recalled(chat, elsewhere) == global);
    }
}

TEST_CASE("undoing a /ad forgets its sample, and /modlog shows both on the incident's line", "[antiad][learn]") {
    testing::fake_chat chat("", with_antiad());
    chat.user("alice").is(bot::role::admin);
    auto missed = chat.user("bob").says(missed_ad);
    reply(chat, "alice", missed, "/ad");
    chat.clear();
    chat.user("alice").says("/modlog 1");
    CHECK(chat.replied("bob learned「本店新到一批高仿名牌包包"));
    CHECK(chat.replied("→ recall、warn、report、learn sample"));
    reply(chat, "alice", missed, "/误判");
    CHECK(chat.replied("已撤销对 bob 的处理：撤销了这次警告"));
    auto like = chat.user("carol").says(similar_ad);
    CHECK_FALSE(recalled(chat, like));
    chat.clear();
    chat.user("alice").says("/antiad learned");
    CHECK_FALSE(chat.replied("[广告样本]"));
    CHECK(chat.replied("[放行]"));
}

TEST_CASE("names shown to admins lose direction marks too", "[antiad][learn][explain]") {
    testing::fake_chat chat("", with_antiad());
    chat.user("alice").is(bot::role::admin);
    chat.deliver(bot::ev::group_message{bot::id(std::int64_t{5555}), bot::id("g1"),
                                        bot::sender{bot::id("eve"), "\u202Eeve", {}, bot::role::member},
                                        bot::message("加我微信 abc12345"), false});
    auto report = sent_to(chat, "u:alice");
    REQUIRE(report.size() == 1);
    CHECK(report[0].find("\u202E") == std::string::npos);
    CHECK(report[0].find("eve（eve）") != std::string::npos);
}

TEST_CASE("/误判 as a reply to a report in the admin group undoes the incident", "[antiad][learn]") {
    testing::fake_chat chat("[plugins.antiad]\nreport_to = \"gadmin\"\n", with_antiad());
    chat.user("alice").is(bot::role::admin);
    chat.user("alice").in("gadmin").is(bot::role::admin);
    chat.user("carol").in("gadmin").is(bot::role::admin);
    chat.user("bob").says("加我微信 abc12345");
    auto report = last_sent_to(chat, "g:gadmin");
    REQUIRE(!report.empty());
    chat.clear();
    // carol is an admin of the admin group but not of g1.
    chat.user("carol").in("gadmin").says(bot::message().reply_to(report).text("/误判"));
    CHECK(chat.replied("只有该群的管理员可以撤销"));
    chat.user("alice").in("gadmin").says(bot::message().reply_to(report).text("/误判"));
    CHECK(chat.replied("已撤销对 bob 的处理：撤销了这次警告"));
    // Another group cannot reach g1's incidents.
    chat.user("bob").says("加我微信 xyz98765");
    auto warning = last_sent_to(chat, "g:g1");
    chat.user("alice").in("g3").is(bot::role::admin).says(bot::message().reply_to(warning).text("/误判"));
    CHECK(chat.replied("找不到这条消息的处理记录"));
}

TEST_CASE("/ad does not act twice on a message already handled, nor learn a sample twice", "[antiad][learn]") {
    testing::fake_chat chat("[plugins.antiad]\noff_rules = [\"file\", \"forward\", \"similar\"]\n", with_antiad());
    chat.user("alice").is(bot::role::admin);
    auto caught = chat.user("bob").says("加我微信 abc12345");
    auto recalls = count(chat, "recall");
    reply(chat, "alice", caught, "/ad");
    CHECK(chat.replied("这条消息已经按广告处理过了"));
    CHECK(count(chat, "recall") == recalls);
    for (auto const* who : {"dan", "erin"}) {
        chat.advance(1h);
        auto m = chat.user(who).says(missed_ad);
        REQUIRE_FALSE(recalled(chat, m));
        reply(chat, "alice", m, "/ad");
        CHECK(recalled(chat, m));
    }
    auto& q = chat.bot().db().prepare("SELECT COUNT(*) FROM antiad_learned WHERE kind = 'sample'");
    storage::statement_guard guard{q};
    REQUIRE(q.executeStep());
    CHECK(q.getColumn(0).getInt64() == 1);
}
