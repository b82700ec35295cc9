#include <catch2/catch.hpp>

#include "adapters/onebot12/decode.hpp"
#include "adapters/onebot12/flag.hpp"
#include "onebot12_fixtures.hpp"

using adapters::onebot12::decode_frame;
using adapters::onebot12::decode_text;
using adapters::onebot12::decoded;
using testing::onebot12::fixture;
using testing::onebot12::fixture_text;
using testing::onebot12::group;
using testing::onebot12::payload;
using testing::onebot12::s;
using testing::onebot12::self;
namespace ev = bot::ev;

TEST_CASE("group_member_increase join and invite become member_joined with the core's wording",
          "[onebot12][notices]") {
    auto join = payload<ev::member_joined>("notice_group_member_increase_join");
    CHECK(join.group == s(group));
    CHECK(join.user == s("wxid_newbie01"));
    CHECK(join.operator_id == s("wxid_admin77"));
    CHECK(join.how == "approve");
    auto invite = payload<ev::member_joined>("notice_group_member_increase_invite");
    CHECK(invite.how == "invite");
    CHECK(invite.operator_id == s("wxid_ming2024"));
}

TEST_CASE("group_member_decrease tells leave, kick and the bot's own removal apart", "[onebot12][notices]") {
    auto leave = payload<ev::member_left>("notice_group_member_decrease_leave");
    CHECK(leave.user == s("wxid_newbie01"));
    CHECK_FALSE(leave.kicked);
    CHECK_FALSE(leave.bot_removed);
    auto kick = payload<ev::member_left>("notice_group_member_decrease_kick");
    CHECK(kick.kicked);
    CHECK(kick.operator_id == s("wxid_admin77"));
    CHECK_FALSE(kick.bot_removed);
    auto bot = payload<ev::member_left>("notice_group_member_decrease_kick_bot");
    CHECK(bot.kicked);
    CHECK(bot.bot_removed);
}

TEST_CASE("ComWeChat's group recall has an empty operator, which stays empty", "[onebot12][notices]") {
    auto r = payload<ev::message_recalled>("comwechat_group_message_delete");
    CHECK(r.group == s(group));
    CHECK(r.message_id == s("7038113377201465862"));
    CHECK(r.user == s("wxid_ming2024"));
    CHECK(r.operator_id.empty());
}

TEST_CASE("a standard recall names its operator, without one the author recalled it", "[onebot12][notices]") {
    auto r = payload<ev::message_recalled>("notice_group_message_delete_recall");
    CHECK(r.operator_id == s("wxid_admin77"));
    auto f = fixture("notice_group_message_delete_recall");
    f.erase("operator_id");
    auto d = decode_frame(f);
    REQUIRE(d.is(decoded::kind::event));
    CHECK(d.event->as<ev::message_recalled>()->operator_id == s("wxid_admin77"));
}

TEST_CASE("a private recall is the author's own", "[onebot12][notices]") {
    auto r = payload<ev::message_recalled>("comwechat_private_message_delete");
    CHECK(r.group.empty());
    CHECK(r.user == s("wxid_ming2024"));
    CHECK(r.operator_id == s("wxid_ming2024"));
}

TEST_CASE("wx pokes name the poker from from_user_id and the poked from user_id", "[onebot12][notices]") {
    auto g = payload<ev::poked>("comwechat_group_poke");
    CHECK(g.group == s(group));
    CHECK(g.user == s("wxid_ming2024"));
    CHECK(g.target == s(self));
    auto p = payload<ev::poked>("comwechat_private_poke");
    CHECK(p.group.empty());
    CHECK(p.user == s("wxid_ming2024"));
    CHECK(p.target == s(self));
}

TEST_CASE("wx red packet notices become red_packet from the sender, with no amount", "[onebot12][notices]") {
    auto g = payload<ev::red_packet>("comwechat_group_redbag");
    CHECK(g.group == s(group));
    CHECK(g.user == s("wxid_admin77"));
    CHECK_FALSE(g.amount);
    auto p = payload<ev::red_packet>("comwechat_private_redbag");
    CHECK(p.group.empty());
    CHECK(p.user == s("wxid_ming2024"));
}

TEST_CASE("a WeChat friend request keeps v3 and v4 together in an opaque flag", "[onebot12][notices]") {
    auto r = payload<ev::join_request>("comwechat_friend_request");
    CHECK(r.group.empty());
    CHECK(r.user == s("wxid_stranger42"));
    CHECK(r.comment == "我是群里的阿杰");
    CHECK_FALSE(r.invite);
    REQUIRE(r.flag.is_string());
    auto params = adapters::onebot12::wx_friend_params(r.flag.str());
    REQUIRE(params);
    CHECK(params->at("v3") == "v3_020b3826fd03010000000000d4e5f6@stranger");
    CHECK(params->at("v4") == "v4_000b708f0b0400000100000000beef42@stranger");

    auto no_ticket = fixture("comwechat_friend_request");
    no_ticket.erase("v4");
    auto d = decode_frame(no_ticket);
    CHECK(d.is(decoded::kind::error));
    CHECK(d.reason == "request.wx.friend_request: missing \"v4\"");
}

TEST_CASE("admin changes are decoded where an implementation reports them", "[onebot12][notices]") {
    auto a = payload<ev::admin_changed>("notice_group_admin_set");
    CHECK(a.granted);
    CHECK(a.user == s("wxid_ming2024"));
    auto f = fixture("notice_group_admin_set");
    f["detail_type"] = "group_admin_unset";
    CHECK_FALSE(decode_frame(f).event->as<ev::admin_changed>()->granted);
}

TEST_CASE("notices the core has no event for are ignored with their reason", "[onebot12][notices]") {
    for (auto name : {"comwechat_group_card", "comwechat_group_file", "notice_friend_increase"}) {
        INFO(name);
        auto d = decode_text(fixture_text(name));
        CHECK(d.is(decoded::kind::ignored));
        CHECK(d.reason.find("no core event") != std::string::npos);
    }
    auto f = fixture("comwechat_group_file");
    f["detail_type"] = "wx.get_group_announcement";
    CHECK(decode_frame(f).reason.find("announcement") != std::string::npos);
}

TEST_CASE("the same notice delivered twice has one dedupe key", "[onebot12][notices]") {
    auto a = decode_text(fixture_text("comwechat_group_poke"));
    auto b = decode_text(fixture_text("comwechat_group_poke"));
    CHECK(a.event->dedupe_key() == b.event->dedupe_key());
    auto other = fixture("comwechat_group_poke");
    other["time"] = 1718000299.0;
    CHECK(decode_frame(other).event->dedupe_key() != a.event->dedupe_key());
}
