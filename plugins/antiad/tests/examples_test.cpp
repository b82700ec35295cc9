// The cases a new admin reported, each through the real middleware in the fake chat: ordinary chat
// that used to be punished, and evasions that used to pass.
#include <catch2/catch.hpp>

#include "plugins/antiad/tests/helpers.hpp"

using namespace antiad_test;

namespace {

/// A command anyone may use, and one only admins may, like the plugins' own.
void commands_plugin(bot::plugin_context& ctx) {
    ctx.command({"mycheckins"}, "my check-ins").handle([](bot::command_call& call) -> bot::task<> {
        co_await call.reply("你已打卡 3 天");
    });
    ctx.command({"settle"}, "admins only")
        .permit(bot::perm::group_admin)
        .optional_arg("t", bot::arg_kind::text)
        .handle([](bot::command_call& call) -> bot::task<> { co_await call.reply("settled"); });
}

std::vector<bot::plugin_entry> loaded() {
    auto p = with_antiad();
    p.push_back({"commands", &commands_plugin});
    return p;
}

}  // namespace

TEST_CASE("ordinary chat that looks like a contact or a link is left alone", "[antiad][examples]") {
    testing::fake_chat chat("", loaded());
    char const* lines[] = {
        "Got a new xbox 360 yesterday",
        "I knew xiaoming 2019 at school",
        "show xavier 23 pages",
        "电脑版微信 3.9.12.51 登录不上",
        "前端用 Vue.js，后端是 ASP.NET Core",
        "听说隔壁班有人做刷单被骗了三千，别信",
        "食堂周五有免费的水果，算是员工福利吧",
        "Node.js 20 and Python 3.12.1 are installed",
        // Pitch words alone, however many, are chat.
        "I invest daily and the returns are ok, the bitcoin part less so",
    };
    int n = 0;
    for (auto const* line : lines) {
        // Each line twice from the same member: neither alone nor together is anything.
        auto member = chat.user("m" + std::to_string(++n));
        member.says(line);
        member.says(line);
        INFO(line);
        CHECK(count(chat, "recall") == 0);
        CHECK(count(chat, "mute") == 0);
    }
    CHECK(chat.sent().empty());
}

TEST_CASE("a command repeated is not spam, and one a member may not use gets only the refusal",
          "[antiad][examples]") {
    testing::fake_chat chat("", loaded());
    for (int i = 0; i < 4; ++i) chat.user("bob").says("/mycheckins");
    CHECK(count(chat, "recall") == 0);
    CHECK_FALSE(chat.replied("重复发送相同内容"));
    CHECK(chat.replied("你已打卡 3 天"));
    chat.clear();
    auto id = chat.user("bob").says("/settle https://shop.example.com 加我微信 abc12345");
    CHECK_FALSE(recalled(chat, id));
    CHECK(count(chat, "mute") == 0);
    CHECK_FALSE(chat.replied("settled"));
    CHECK_FALSE(chat.replied("请不要发广告"));
    // A command the member may use still carries its text to the group: an ad in it is an ad.
    auto echoed = chat.user("bob").says("/echo 加我微信 abc12345");
    CHECK(recalled(chat, echoed));
    CHECK_FALSE(chat.replied("echo:"));
}

TEST_CASE("the evasions spammers use are caught", "[antiad][examples]") {
    testing::fake_chat chat("", loaded());
    char const* ads[] = {
        "h t t p s : / / s h o p . e x a m p l e . c o m",
        "shop (dot) example (dot) com",
        "hxxp://shop-example.com/x",
        "hxxps://earn.example.net",
        "promo.zz/abc",
        "短链 t.zz/8sKd",
        "加我V：kk_2024",
        "V.X：lovely_me",
        "vx：lovelytest",
        "薇：kk_2024",
        "兼❤职日结，私聊",
        "微♥信 abc_778",
        "二群满了，新的在这 123456789 速来",
        "Easy money, message me on VX: kk_en",
        "wēi xìn: happy_2026",
        "电话 yao san ba yi er san si wu liu qi ba",
        "call me one three eight one two three four five six seven eight",
        "飞机 @fast_money88",
        "TG: @crypto_sis",
        "纸飞机搜 abc_bot 日结",
        "Invest in bitcoin with guaranteed 10x returns, DM for details",
        "股票内幕消息，每天推荐牛股，加群领取",
    };
    int n = 0;
    for (auto const* ad : ads) {
        auto id = chat.user("s" + std::to_string(++n)).says(ad);
        INFO(ad);
        CHECK(recalled(chat, id));
    }
}

TEST_CASE("a contact split over two messages is caught, and both halves are recalled", "[antiad][examples]") {
    testing::fake_chat chat("", loaded());
    // "联系我" and seven digits are already a contact; either way the number does not get through.
    auto a = chat.user("bob").says("联系我 138 0000");
    auto b = chat.user("bob").says("0000 电话同号");
    CHECK((recalled(chat, a) || recalled(chat, b)));
    // Neither half is anything alone; together they are a mobile number.
    auto first = chat.user("erin").says("138 0000");
    CHECK_FALSE(recalled(chat, first));
    auto second = chat.user("erin").says("0000 找我");
    CHECK(recalled(chat, second));
    CHECK(recalled(chat, first));
    // Two members' numbers never join.
    chat.clear();
    chat.user("carol").says("我的房间是 138 号");
    auto other = chat.user("dave").says("0000 1234 是什么");
    CHECK_FALSE(recalled(chat, other));
}
