// Join requests: keywords decide where the group wants them to, otherwise the admins do.
#include <catch2/catch.hpp>

#include "plugins/welcome/tests/helpers.hpp"

using namespace welcome_test;

namespace {

constexpr char const* keywords_toml =
    "[plugins.welcome]\nrequests = \"keywords\"\nrequest_approve = [\"读书\"]\nrequest_reject = [\"微信\", \"代理\"]\n";

void request(testing::fake_chat& chat, std::string const& user, std::string const& text, std::string const& flag) {
    chat.deliver(bot::ev::join_request{bot::id("g1"), bot::id(user), text, bot::id(flag), false});
}

bool answered(testing::fake_chat& chat, std::string const& flag, bool approve) {
    for (auto const& a : chat.actions())
        if (a.kind == "answer" && a.message_id == bot::id(flag)) return a.approve == approve;
    return false;
}

}  // namespace

TEST_CASE("join requests are approved or rejected by keywords, and the admins are told", "[welcome][requests]") {
    testing::fake_chat chat(keywords_toml, plugin());
    chat.user("alice").is(bot::role::admin);
    request(chat, "gina", "我想来读书", "f1");
    CHECK(answered(chat, "f1", true));
    CHECK(chat.replied("gina 的入群申请已按关键词自动同意：「我想来读书」"));
    request(chat, "hank", "想读书，加我微信 abc", "f2");
    CHECK(answered(chat, "f2", false));
    CHECK(chat.replied("自动拒绝"));
}

TEST_CASE("a request without a keyword is left to the admins, who answer it with /request", "[welcome][requests]") {
    testing::fake_chat chat(keywords_toml, plugin());
    chat.user("alice").is(bot::role::admin);
    request(chat, "ivy", "你好[CQ:at,qq=all]", "f3");
    CHECK(count(chat, "answer") == 0);
    CHECK(chat.replied("📨 ivy 申请加入本群：「你好[CQ:at,qq=all]」"));
    CHECK(chat.replied("/request accept 1"));
    CHECK_FALSE(sends(chat).back().msg.has<bot::seg::at_all>());
    chat.clear();
    chat.user("bob").says("/request accept 1");
    CHECK(count(chat, "answer") == 0);
    chat.user("alice").says("/requests");
    CHECK(chat.replied("1. ivy：「你好[CQ:at,qq=all]」"));
    chat.user("alice").says("/request maybe 1");
    CHECK(chat.replied("请写 accept（同意）或 reject（拒绝）"));
    chat.user("alice").says("/request reject 1 不认识");
    CHECK(answered(chat, "f3", false));
    CHECK(chat.replied("✅ 已拒绝 ivy 的入群申请。"));
    chat.user("alice").says("/request accept 1");
    CHECK(chat.replied("没有编号为 1 的待处理申请"));
    chat.clear();
    chat.user("alice").says("/requests");
    CHECK(chat.replied("没有待处理的入群申请。"));
}

TEST_CASE("by default every request goes to the admins", "[welcome][requests]") {
    testing::fake_chat chat("", plugin());
    request(chat, "gina", "我想来读书", "f1");
    CHECK(count(chat, "answer") == 0);
    CHECK(chat.replied("管理员请注意：📨 gina 申请加入本群"));
}

TEST_CASE("friend requests are not join requests", "[welcome][requests]") {
    testing::fake_chat chat(keywords_toml, plugin());
    chat.deliver(bot::ev::join_request{bot::id(), bot::id("gina"), "读书", bot::id("f9"), false});
    CHECK(chat.actions().empty());
}
