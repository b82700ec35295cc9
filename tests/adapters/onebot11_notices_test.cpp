#include <catch2/catch.hpp>

#include "adapters/onebot11/decode.hpp"
#include "onebot11_fixtures.hpp"

using adapters::onebot11::decode_frame;
using adapters::onebot11::decode_text;
using adapters::onebot11::decoded;
using adapters::onebot11::decoder_key;
using testing::onebot11::fixture;
using testing::onebot11::fixture_text;
using testing::onebot11::group;
using testing::onebot11::n;
using testing::onebot11::payload;
using testing::onebot11::self;
using kind = decoded::kind;
using nlohmann::json;
namespace ev = bot::ev;


TEST_CASE("joins say how the member came in and who let them", "[onebot11][notices]") {
    auto approved = payload<ev::member_joined>("notice_group_increase_approve");
    CHECK(approved.group == n(group));
    CHECK(approved.user == n(30003000));
    CHECK(approved.operator_id == n(20002000));
    CHECK(approved.how == "approve");
    CHECK(payload<ev::member_joined>("notice_group_increase_invite").how == "invite");
}

TEST_CASE("leaving, being kicked, the bot kicked and a disbanded group", "[onebot11][notices]") {
    auto leave = payload<ev::member_left>("notice_group_decrease_leave");
    CHECK((!leave.kicked && !leave.bot_removed && leave.operator_id == leave.user));
    auto kick = payload<ev::member_left>("notice_group_decrease_kick");
    CHECK((kick.kicked && !kick.bot_removed && kick.operator_id == n(20002000)));
    auto kick_me = payload<ev::member_left>("notice_group_decrease_kick_me");
    CHECK((kick_me.kicked && kick_me.bot_removed && kick_me.user == n(self)));
    auto disband = payload<ev::member_left>("notice_group_decrease_disband");
    CHECK((!disband.kicked && disband.bot_removed));
}

TEST_CASE("admin rights granted and removed", "[onebot11][notices]") {
    CHECK(payload<ev::admin_changed>("notice_group_admin_set").granted);
    auto unset = payload<ev::admin_changed>("notice_group_admin_unset");
    CHECK_FALSE(unset.granted);
    CHECK(unset.user == n(30003000));
}

TEST_CASE("mutes: one member, lifted, the whole group and its lifting", "[onebot11][notices]") {
    auto ban = payload<ev::member_muted>("notice_group_ban_ban");
    CHECK((ban.duration == std::chrono::seconds{600} && ban.user == n(30003000) && !ban.whole_group));
    CHECK(ban.operator_id == n(20002000));
    auto lift = payload<ev::member_muted>("notice_group_ban_lift");
    CHECK(lift.duration == std::chrono::seconds{0});
    auto whole = payload<ev::member_muted>("notice_group_ban_whole");
    CHECK(whole.whole_group);
    CHECK(whole.user.empty());
    CHECK(whole.duration > std::chrono::hours{24 * 365});
    auto whole_lift = payload<ev::member_muted>("notice_group_ban_whole_lift");
    CHECK((whole_lift.whole_group && whole_lift.duration == std::chrono::seconds{0}));
}

TEST_CASE("recalls in a group and in private", "[onebot11][notices]") {
    auto g = payload<ev::message_recalled>("notice_group_recall");
    CHECK(g.group == n(group));
    CHECK(g.message_id == n(-2147480100));
    CHECK(g.user == n(30003000));
    CHECK(g.operator_id == n(20002000));
    auto p = payload<ev::message_recalled>("notice_friend_recall");
    CHECK(p.group.empty());
    CHECK(p.message_id == n(1482675043933618437));
    CHECK(p.operator_id == n(12345678));
}

TEST_CASE("pokes in a group and from a friend", "[onebot11][notices]") {
    auto g = payload<ev::poked>("notice_notify_poke_group");
    CHECK((g.group == n(group) && g.user == n(30003000) && g.target == n(self)));
    auto f = payload<ev::poked>("notice_notify_poke_friend");
    CHECK((f.group.empty() && f.user == n(12345678) && f.target == n(self)));
}

TEST_CASE("a lucky king becomes a red packet from its sender with no amount", "[onebot11][notices]") {
    auto r = payload<ev::red_packet>("notice_notify_lucky_king");
    CHECK(r.group == n(group));
    CHECK(r.user == n(20002000));
    CHECK_FALSE(r.amount);
    CHECK(r.note == "lucky_king");
}

TEST_CASE("join and friend requests keep their flag as an opaque string", "[onebot11][requests]") {
    auto add = payload<ev::join_request>("request_group_add");
    CHECK((add.group == n(group) && add.user == n(40004000) && !add.invite));
    CHECK(add.flag == bot::id("1718000900123"));
    CHECK(add.comment == "问题：暗号\n答案：onebot");
    auto invite = payload<ev::join_request>("request_group_invite");
    CHECK((invite.invite && invite.group == n(555666777)));
    auto friend_req = payload<ev::join_request>("request_friend");
    CHECK((friend_req.group.empty() && friend_req.flag == bot::id("1718001000")));
}

TEST_CASE("heartbeats carry their interval, lifecycle says connected or not", "[onebot11][meta]") {
    using phase = ev::lifecycle::phase;
    auto hb = decode_text(fixture_text("meta_heartbeat"));
    REQUIRE(hb.is(kind::meta));
    CHECK(hb.event->as<ev::lifecycle>()->what == phase::heartbeat);
    CHECK(hb.heartbeat_interval == std::chrono::milliseconds{30000});
    for (auto [name, want] :
         {std::pair{"meta_lifecycle_connect", phase::connected}, std::pair{"meta_lifecycle_enable", phase::connected},
          std::pair{"meta_lifecycle_disable", phase::disconnected}}) {
        auto d = decode_text(fixture_text(name));
        INFO(name);
        REQUIRE(d.is(kind::meta));
        CHECK(d.event->as<ev::lifecycle>()->what == want);
        CHECK(d.event->self_id == n(self));
    }
}

TEST_CASE("action responses are told apart by having no post_type", "[onebot11][meta]") {
    auto ok = decode_text(fixture_text("response_send_ok"));
    REQUIRE(ok.is(kind::response));
    CHECK(ok.echo == "req-42");
    auto no_data = decode_text(fixture_text("response_delete_no_data"));
    CHECK(no_data.echo == 7);
    CHECK(decode_frame(R"({"status":"ok","retcode":0})"_json).echo.is_null());
}

TEST_CASE("the decoder table keys", "[onebot11][codec]") {
    CHECK(decoder_key(fixture("napcat_group_array")) == "message.group");
    CHECK(decoder_key(fixture("napcat_message_sent")) == "message_sent.group");
    CHECK(decoder_key(fixture("notice_notify_poke_group")) == "notice.notify.poke");
    CHECK(decoder_key(fixture("request_friend")) == "request.friend");
    CHECK(decoder_key(fixture("meta_heartbeat")) == "meta_event.heartbeat");
    CHECK(decoder_key(fixture("response_send_ok")).empty());
}

TEST_CASE("unknown types are ignored with a reason", "[onebot11][codec]") {
    auto emoji = decode_text(fixture_text("notice_unknown_emoji_like"));
    REQUIRE(emoji.is(kind::ignored));
    CHECK(emoji.reason == "no decoder for notice.group_msg_emoji_like");
    CHECK(decode_frame(R"({"post_type":"future","self_id":1,"time":1})"_json).is(kind::ignored));
    auto odd_ban = fixture("notice_group_ban_ban");
    odd_ban["sub_type"] = "shadow_ban";
    CHECK(decode_frame(odd_ban).is(kind::ignored));
    for (auto name : {"notice_group_upload", "notice_group_card", "notice_essence", "notice_notify_honor"}) {
        auto d = decode_text(fixture_text(name));
        INFO(name);
        CHECK(d.is(kind::ignored));
        CHECK(d.reason.find("no core event") != std::string::npos);
    }
}

TEST_CASE("malformed frames give a clear error and never throw", "[onebot11][codec]") {
    auto missing = decode_text(fixture_text("malformed_missing_message"));
    REQUIRE(missing.is(kind::error));
    CHECK(missing.reason == "message.group: missing \"message\"");
    auto object_id = decode_text(fixture_text("malformed_group_id_object"));
    CHECK(object_id.reason == "notice.group_increase: \"group_id\" is an object, not a number or string ID");

    auto with = [](char const* name, auto edit) {
        auto j = fixture(name);
        edit(j);
        return decode_frame(j);
    };
    CHECK(with("napcat_group_array", [](json& j) { j.erase("self_id"); }).reason ==
          "message.group: missing \"self_id\"");
    CHECK(with("napcat_group_array", [](json& j) { j["time"] = 1.5; }).reason ==
          "message.group: \"time\" is a fractional number, not an integer");
    CHECK(with("napcat_group_array", [](json& j) { j["time"] = "1718000000"; }).is(kind::error));
    CHECK(with("napcat_group_array", [](json& j) { j["message_id"] = true; }).is(kind::error));
    CHECK(with("napcat_group_array", [](json& j) { j["message"] = 5; }).reason ==
          "message.group: \"message\": \"message\" is neither a segment array nor a CQ string");
    CHECK(with("napcat_group_array", [](json& j) { j["message"][0] = "text"; }).is(kind::error));
    CHECK(with("napcat_group_array", [](json& j) { j.erase("message_type"); }).reason ==
          "message frame has no string \"message_type\"");
    CHECK(with("napcat_group_array", [](json& j) { j["sender"] = 5; }).is(kind::event));  // sender is best-effort
    CHECK(with("notice_notify_poke_group", [](json& j) { j.erase("sub_type"); }).is(kind::error));
    CHECK(with("request_group_add", [](json& j) { j["flag"] = nullptr; }).reason == "request.group: missing \"flag\"");

    CHECK(decode_text("{not json").reason == "frame is not valid JSON");
    CHECK(decode_text("[1,2]").reason == "frame is not a JSON object");
    CHECK(decode_text("{}").is(kind::error));
    CHECK(decode_frame(R"({"post_type":5})"_json).is(kind::error));
}
