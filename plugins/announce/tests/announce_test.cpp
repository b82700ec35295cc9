// /announce through the chat: a draft and its preview, confirmation, sending at its time, the
// list, edit, pause, resume, cancel and discard; bad input is refused and changes nothing.
#include <catch2/catch.hpp>

#include "plugins/announce/tests/support.hpp"

using announce_test::count_containing;
using announce_test::loaded;

namespace {

testing::member boss(testing::fake_chat& chat) {
    return chat.user("boss").is(bot::role::admin);
}

}  // namespace

TEST_CASE("a draft is previewed with its next three times and sent only once confirmed", "[announce]") {
    testing::fake_chat chat("", loaded());
    boss(chat).says("/announce add 每天 20:00 | 今晚八点打卡复盘");
    CHECK(chat.last() ==
          "📝 公告草稿 #1（还没生效）\n⏰ 每天 20:00\n接下来发送：\n2026-03-02 20:00 周一\n2026-03-03 20:00 周二\n"
          "2026-03-04 20:00 周三\n📄 内容：\n今晚八点打卡复盘\n确认：/announce ok #1　放弃：/announce discard #1");
    chat.advance_to("2026-03-02 20:00");
    CHECK_FALSE(chat.replied("📢"));
    boss(chat).says("/announce ok #1");
    CHECK(chat.last() == "✅ 公告 #1 已生效，下次发送：2026-03-03 20:00 周二。");
    chat.clear();
    chat.advance_to("2026-03-03 19:59");
    CHECK_FALSE(chat.replied("📢"));
    chat.advance_to("2026-03-03 20:00");
    CHECK(chat.last() == "📢 今晚八点打卡复盘");
    chat.advance_to("2026-03-05 21:00");
    CHECK(count_containing(chat.sent(), "📢 今晚八点打卡复盘") == 3);
}

TEST_CASE("members cannot manage announcements", "[announce]") {
    testing::fake_chat chat("", loaded());
    chat.user("bob").says("/announce add 每天 20:00 | 广告");
    CHECK_FALSE(chat.replied("公告草稿"));
    boss(chat).says("/announce list");
    CHECK(chat.last() == "📢 本群还没有公告。/announce add 时间 | 内容 可以新建。");
}

TEST_CASE("bad schedules and texts get a clear reply and save nothing", "[announce]") {
    testing::fake_chat chat("", loaded());
    auto admin = boss(chat);
    admin.says("/announce add 2026-03-01 20:00 | 过去");
    CHECK(chat.last() == "❓「2026-03-01 20:00」已经过去了，不会再发，没有保存。");
    admin.says("/announce add 每0天 08:00 | 零");
    CHECK(chat.last() == "❓「每0天 08:00」永远不会发出去（比如每 0 天、每月 0 日或 32 日），没有保存。");
    admin.says("/announce add monthly 32 08:00 | 三十二");
    CHECK(chat.replied("永远不会发出去"));
    admin.says("/announce add 每天 24:30 | 时刻");
    CHECK(chat.last() == "❓「每天 24:30」里的时刻不对，请写 24 小时制的 HH:MM，如 08:00。没有保存。");
    admin.says("/announce add 下周找个时间 | 看不懂");
    CHECK(chat.last().starts_with("❓ 看不懂时间「下周找个时间」，没有保存。"));
    admin.says("/announce add 每天 08:00 早安");
    CHECK(chat.last() == "❓ 格式是：/announce add 时间 | 内容，例如 /announce add 每天 08:00 | 早安，今天也要输出哦");
    admin.says("/announce add 每天 08:00 |   ");
    CHECK(chat.last() == "❓ 公告内容不能为空，没有保存。");
    admin.says("/announce add 每天 08:00 | " + std::string(2000, 'x'));
    CHECK(chat.last() == "❓ 公告内容太长了（最多 1500 字节），没有保存。");
    admin.says("/announce add --all 每天 08:00 | 全体注意");
    CHECK(chat.last().starts_with("❓ 不能 @全体成员"));
    admin.says("/announce ok #1");
    CHECK(chat.last() == "❓ 本群没有公告 #1（/announce list 可以查看）。");
    admin.says("/announce pause abc");
    CHECK(chat.last() == "❓ 请写公告编号，如 #3（/announce list 可以查看）。");
    admin.says("/公告");
    CHECK(chat.last() == "📢 本群还没有公告。/announce add 时间 | 内容 可以新建。");
}

TEST_CASE("an edit is previewed, the old one keeps going until it is confirmed", "[announce]") {
    testing::fake_chat chat("", loaded());
    auto admin = boss(chat);
    admin.says("/公告 添加 每周一三五 20:00 | 分享会八点开始");
    admin.says("/公告 确认 #1");
    admin.says("/公告 修改 #1 每周三 19:30 | 分享会七点半开始");
    CHECK(chat.last().starts_with("📝 公告 #1 的修改（还没生效，原来的照常发送）\n⏰ 每周三 19:30"));
    chat.clear();
    chat.advance_to("2026-03-02 20:00");
    CHECK(chat.last() == "📢 分享会八点开始");
    admin.says("/announce edit #1 每周三 19:30 | 分享会七点半开始");
    admin.says("/announce ok #1");
    CHECK(chat.last() == "✅ 公告 #1 已生效，下次发送：2026-03-04 19:30 周三。");
    chat.clear();
    chat.advance_to("2026-03-07 21:00");
    CHECK(chat.sent() == std::vector<std::string>{"📢 分享会七点半开始"});
    // A bad edit changes nothing.
    admin.says("/announce edit #1 每周八 19:30 | 坏的");
    CHECK(chat.last().starts_with("❓ 看不懂时间"));
    admin.says("/announce ok #1");
    CHECK(chat.last() == "❓ 公告 #1 没有待确认的草稿。");
}

TEST_CASE("pause stops the sends, resume picks up at the next time, cancel ends it", "[announce]") {
    testing::fake_chat chat("", loaded());
    auto admin = boss(chat);
    admin.says("/announce add daily 08:00 | 早安");
    admin.says("/announce ok #1");
    admin.says("/announce pause #1");
    CHECK(chat.last() == "⏸ 公告 #1 已暂停，/announce resume #1 可恢复。");
    admin.says("/announce pause #1");
    CHECK(chat.last() == "❓ 公告 #1 现在是「已暂停」，不能这样操作。");
    admin.says("/announce list");
    CHECK(chat.last() == "📢 本群公告（1 条）：\n#1【已暂停】每天 08:00，下次 —：早安");
    chat.clear();
    chat.advance_to("2026-03-04 09:00");
    CHECK_FALSE(chat.replied("📢 早安"));
    admin.says("/announce resume #1");
    CHECK(chat.last() == "▶️ 公告 #1 已恢复，下次发送：2026-03-05 08:00 周四。");
    chat.advance_to("2026-03-05 08:00");
    CHECK(chat.last() == "📢 早安");
    admin.says("/announce cancel #1");
    CHECK(chat.last() == "🛑 公告 #1 已取消，不会再发送。");
    chat.clear();
    chat.advance_to("2026-03-07 09:00");
    CHECK(chat.sent().empty());
    admin.says("/announce resume #1");
    CHECK(chat.last() == "❓ 本群没有公告 #1（/announce list 可以查看）。");
}

TEST_CASE("a discarded draft is gone, a one-off ends after it is sent", "[announce]") {
    testing::fake_chat chat("", loaded());
    auto admin = boss(chat);
    admin.says("/announce add 2026-03-02 12:00 | 午饭");
    admin.says("/announce discard #1");
    CHECK(chat.last() == "🗑 已放弃公告 #1 的草稿。");
    admin.says("/announce add at 2026-03-02 12:00 | 中午十二点直播");
    admin.says("/announce ok #2");
    chat.clear();
    chat.advance_to("2026-03-03 12:00");
    CHECK(chat.sent() == std::vector<std::string>{"📢 中午十二点直播"});
    admin.says("/announce list");
    CHECK(chat.last() == "📢 本群还没有公告。/announce add 时间 | 内容 可以新建。");
}

TEST_CASE("a monthly announcement on the 31st goes out on the last day of shorter months", "[announce]") {
    testing::fake_chat chat("", loaded(), "2026-04-01 09:00");
    boss(chat).says("/announce add 每月31日 09:00 | 月底复盘");
    CHECK(chat.last().starts_with(
        "📝 公告草稿 #1（还没生效）\n⏰ 每月 31 日 09:00（没有 31 日的月份在当月最后一天发）\n接下来发送：\n"
        "2026-04-30 09:00 周四\n2026-05-31 09:00 周日\n2026-06-30 09:00 周二"));
}

TEST_CASE("switching the plugin off while announcements are planned is refused, saying what to stop", "[announce]") {
    testing::fake_chat chat("", loaded());
    auto admin = boss(chat);
    admin.says("/announce add 每天 08:00 | 早安");
    admin.says("/announce ok #1");
    admin.says("/plugin off announce");
    CHECK(chat.last() ==
          "插件 announce 没有停用：\n本群还有 1 条进行中的定时公告、0 场未开始的分享会；先用 /announce pause、"
          "/announce cancel 或 /session cancel 停掉它们。");
    admin.says("/announce pause #1");
    admin.says("/plugin off announce");
    CHECK(chat.last() == "已停用插件 announce。");
}
