// plugins/announce/demo.txt through the console sandbox: the transcript a user sees with
// `qunbot --script` must hold the key lines of an announcement week and a session sign-up.
#include <catch2/catch.hpp>

#include "plugins/announce/tests/support.hpp"
#include "tests/support/sandbox.hpp"

TEST_CASE("the sandbox demo script shows announcements and a session sign-up", "[announce][demo]") {
    testing::sandbox box(announce_test::loaded());
    REQUIRE(box.play(QUNBOT_DEMO));
    auto t = box.transcript();
    INFO(t);
    for (auto const* line : {
             "📝 公告草稿 #1（还没生效）\n⏰ 每周一、周三、周五 20:00\n接下来发送：\n2026-03-02 20:00 周一\n"
             "2026-03-04 20:00 周三\n2026-03-06 20:00 周五",
             "✅ 公告 #2 已生效，下次发送：2026-03-03 12:00 周二。",
             "❓「2026-03-01 20:00」已经过去了，不会再发，没有保存。",
             "❓「每0天 08:00」永远不会发出去",
             "❓「每天 25:00」里的时刻不对",
             "❓ 看不懂时间「明天晚上」，没有保存。",
             "❓ 不能 @全体成员",
             "📝 公告 #1 的修改（还没生效，原来的照常发送）",
             "⏸ 公告 #2 已暂停",
             "▶️ 公告 #2 已恢复，下次发送：2026-03-03 12:00 周二。",
             "👥 上限 2 人，2026-03-04 18:00 周三 截止报名",
             "✅ bob 报名了「每周分享会：读书」（第 1/2 位）。",
             "⏳「每周分享会：读书」已满 2 人，dave 排在候补第 1 位",
             "已报名 2/2，候补 1 人",
             "@dave 有人取消报名，你从候补递补进「每周分享会：读书」啦！🎉",
             "已报名 2/2：carol、dave\n候补 0 人：（无）",
             "📢 今晚七点半分享会，记得带着问题来～",
             "📢 Lunch & learn at noon today",
             "⏰「每周分享会：读书」2026-03-04 20:00 周三 开始，地点：腾讯会议 123-456-789。报了名的伙伴别忘了～ @carol "
             "@dave",
             "⏰ 每月 31 日 09:00（没有 31 日的月份在当月最后一天发）\n接下来发送：\n2026-03-31 09:00 周二\n"
             "2026-04-30 09:00 周四",
             "🗑 已放弃公告 #3 的草稿。",
             "✅ 分享会 #1 的主持人改为 carol。",
             "[私聊 → carol] #",
             "📋 你主持的「每周分享会：读书」",
             "🛑 分享会 #2「每周分享会：读书」已取消。",
             "📣「每周分享会：读书」取消了，报了名的伙伴请留意～ @bob",
             "⛔「每周分享会：读书」已在 2026-03-04 18:00 周三 截止报名",
             "🛑 公告 #1 已取消，不会再发送。",
             "⏰ 2026-03-04 20:00 周三（每周三 20:00，每场开始时开放下一场的报名）",
             "📅 下一场「每周分享会：读书」#2 开放报名啦：2026-03-11 20:00 周三，上限 2 人。/报名 #2",
             "✅ bob 报名了「每周分享会：读书」（第 1/2 位）。\n",
         })
        CHECK(t.find(line) != std::string::npos);
    // The announcement that was edited to 19:30 did not also go out at 20:00.
    CHECK(t.find("📢 今晚八点分享会") == std::string::npos);
}
