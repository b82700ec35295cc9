#include <catch2/catch.hpp>

#include "plugins/redpacket/tests/support.hpp"
#include "storage/database.hpp"
#include "tests/support/commits.hpp"

using redpacket_test::loaded;

namespace {

constexpr char const* weekly =
    "[plugins.checkin]\nremind = false\nroll_call = false\n"
    "[plugins.redpacket]\nlurker_days = 5\nsession_weekday = 3\nsession_at = \"20:00\"\nnotice_before = \"2h\"\n"
    "session_name = \"周三分享会\"\nmention_every_days = 10\n";

/// Everyone speaks on Monday 2026-03-02; after that only alice keeps talking.
void quiet_week(testing::fake_chat& chat) {
    chat.user("boss").is(bot::role::admin);
    // dave is in the group as the platform lists it, but never says a word.
    chat.platform().roles["g1"]["dave"] = bot::role::member;
    for (auto const* who : {"alice", "bob", "carol"}) chat.user(who).says("大家好");
    for (auto day : {"2026-03-05 10:00", "2026-03-08 10:00", "2026-03-10 10:00"}) {
        chat.advance_to(day);
        chat.user("alice").says("今天也来聊聊");
        chat.user("boss").says("欢迎大家来分享");
    }
}

}  // namespace

TEST_CASE("before the session the admins get the lurkers in private, with a red-packet tip", "[redpacket][lurkers]") {
    testing::fake_chat chat(weekly, loaded());
    quiet_week(chat);
    chat.advance_to("2026-03-11 18:00");
    auto notes = redpacket_test::whispers_to(chat, "boss");
    REQUIRE(notes.size() == 1);
    CHECK(notes[0] ==
          "📣 周三分享会（20:00）快开始了。以下 3 位成员已经 5 天以上没在群里说话：\ndave（还没说过话）\n"
          "bob（9 天没说话）\ncarol（9 天没说话）\n建议开场先发个红包，把大家叫回来～");
    CHECK(redpacket_test::mentions_of(chat, "bob") == 0);
}

TEST_CASE("configured hosts get the list instead of the admins", "[redpacket][lurkers]") {
    testing::fake_chat chat(std::string(weekly) + "hosts = [\"host1\"]\n", loaded());
    quiet_week(chat);
    chat.advance_to("2026-03-11 18:00");
    CHECK(redpacket_test::whispers_to(chat, "host1").size() == 1);
    CHECK(redpacket_test::whispers_to(chat, "boss").empty());
}

TEST_CASE("lurkers are mentioned in one message when the session starts, at most once per K days",
          "[redpacket][lurkers]") {
    testing::fake_chat chat(weekly, loaded());
    quiet_week(chat);
    chat.advance_to("2026-03-11 19:00");
    chat.clear();
    chat.advance_to("2026-03-11 20:00");
    REQUIRE(chat.sent().size() == 1);
    CHECK(chat.last() == "🧧 周三分享会开始啦！好久没冒泡的小伙伴，快来一起聊聊吧～ @dave @bob @carol");
    // A restart right after does not mention them again.
    chat.restart();
    chat.advance_to("2026-03-11 21:00");
    CHECK(chat.sent().empty());
    // bob comes back for a moment. A week later bob, carol and dave are quiet again but were
    // mentioned 7 days ago; alice and boss have gone quiet since and are mentioned for the first time.
    chat.user("bob").says("我回来了");
    chat.clear();
    chat.advance_to("2026-03-18 20:00");
    CHECK(chat.last() == "🧧 周三分享会开始啦！好久没冒泡的小伙伴，快来一起聊聊吧～ @alice @boss");
    chat.clear();
    chat.advance_to("2026-03-25 20:00");
    CHECK(chat.last() == "🧧 周三分享会开始啦！好久没冒泡的小伙伴，快来一起聊聊吧～ @dave @carol @bob");
}

TEST_CASE("/lurkers lists the silent members for admins only", "[redpacket][lurkers]") {
    testing::fake_chat chat(weekly, loaded());
    quiet_week(chat);
    chat.clear();
    chat.user("alice").says("/lurkers");
    CHECK(chat.last() == "抱歉，你没有使用 /lurkers 的权限。");
    chat.user("boss").says("/潜水");
    CHECK(chat.last() == "🤫 5 天以上没说话的成员（3 人）：\ndave（还没说过话）\nbob（8 天没说话）\ncarol（8 天没说话）");
    chat.user("carol").leaves();
    chat.user("boss").says("/lurkers");
    CHECK(chat.last() == "🤫 5 天以上没说话的成员（2 人）：\ndave（还没说过话）\nbob（8 天没说话）");
}

TEST_CASE("a member who just joined is not a lurker", "[redpacket][lurkers]") {
    testing::fake_chat chat(weekly, loaded());
    quiet_week(chat);
    chat.user("dave").joins();
    chat.user("boss").says("/lurkers");
    CHECK(chat.last().find("dave") == std::string::npos);
}

TEST_CASE("who spoke on which day costs no write per message: the core's batch writes it in one commit",
          "[redpacket][lurkers]") {
    testing::fake_chat chat(weekly, loaded());
    chat.user("boss").is(bot::role::admin);
    chat.user("boss").says("早");
    chat.bot().batch().flush();
    testing::commit_counter commits(chat.bot().db());
    for (int i = 0; i < 30; ++i) chat.user("m" + std::to_string(i)).says("大家好");
    CHECK(commits.commits() == 0);
    CHECK(chat.bot().batch().flush());
    CHECK(commits.commits() == 1);
    auto& q = chat.bot().db().prepare("SELECT COUNT(*) FROM member_presence WHERE last_spoke IS NOT NULL");
    storage::statement_guard guard{q};
    REQUIRE(q.executeStep());
    CHECK(q.getColumn(0).getInt() == 31);
}

TEST_CASE("a database from before the core's presence record keeps who spoke when, who left and who was mentioned",
          "[redpacket][lurkers][migration]") {
    testing::fake_chat chat(weekly, loaded());
    chat.user("boss").is(bot::role::admin);
    // The red-packet tables as schema step 1 left them, with the rows the plugin kept there.
    auto& db = chat.bot().db();
    db.raw().exec(
        "DROP TABLE redpacket_mentions; DELETE FROM member_presence;"
        "CREATE TABLE redpacket_seen(group_key TEXT NOT NULL, user TEXT NOT NULL, name TEXT NOT NULL, "
        "first_day INTEGER NOT NULL, last_day INTEGER, last_mentioned INTEGER, active INTEGER NOT NULL, "
        "PRIMARY KEY(group_key, user)) WITHOUT ROWID;"
        "UPDATE schema_versions SET version = 1 WHERE owner = 'redpacket'");
    auto const g = chat.group_ref().key();
    auto const day = [](int d) { return static_cast<std::int64_t>(bot::civil_date{2026, 3, d}.serial()); };
    auto seen = [&](char const* user, char const* name, std::optional<int> last, std::optional<int> mentioned,
                    bool active) {
        auto& q = db.prepare("INSERT INTO redpacket_seen VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        q.bind(1, g);
        q.bind(2, bot::id(user).encode());
        q.bind(3, name);
        q.bind(4, day(1));
        if (last) q.bind(5, day(*last));
        if (mentioned) q.bind(6, day(*mentioned));
        q.bind(7, active ? 1 : 0);
        q.exec();
        q.reset();
        q.clearBindings();
    };
    seen("alice", "爱丽丝", 2, std::nullopt, true);
    seen("bob", "鲍勃", 2, 4, true);
    seen("carol", "卡罗尔", 2, std::nullopt, false);
    seen("dave", "大卫", std::nullopt, std::nullopt, true);
    chat.restart();
    CHECK(chat.bot().db().raw().execAndGet("SELECT count(*) FROM sqlite_master WHERE name = 'redpacket_seen'").getInt() ==
          0);
    chat.advance_to("2026-03-10 12:00");
    chat.user("alice").says("我还在");
    chat.user("boss").says("/lurkers");
    // carol left; alice spoke today; the names and days are the old rows'.
    CHECK(chat.last() == "🤫 5 天以上没说话的成员（2 人）：\n大卫（还没说过话）\n鲍勃（8 天没说话）");
    // bob was @-mentioned on 03-04: within the ten days, so only dave is woken.
    chat.advance_to("2026-03-11 20:00");
    CHECK(redpacket_test::mentions_of(chat, "dave") == 1);
    CHECK(redpacket_test::mentions_of(chat, "bob") == 0);
    CHECK(redpacket_test::mentions_of(chat, "carol") == 0);
}
