#include <catch2/catch.hpp>

#include <filesystem>
#include <map>

#include "adapters/onebot12/decode.hpp"
#include "onebot12_fixtures.hpp"

using adapters::onebot12::decode_frame;
using adapters::onebot12::decode_text;
using adapters::onebot12::decoded;
using adapters::onebot12::decoder_key;
using testing::onebot12::fixture;
using testing::onebot12::fixture_text;
using testing::onebot12::group;
using testing::onebot12::payload;
using testing::onebot12::s;
using testing::onebot12::self;
using kind = decoded::kind;
using meta_kind = decoded::meta_kind;
using nlohmann::json;
namespace ev = bot::ev;
namespace seg = bot::seg;

namespace {

decoded frame(std::string const& name) {
    return decode_text(fixture_text(name));
}

bot::time_point at(std::int64_t secs) {
    return bot::time_point{std::chrono::seconds{secs}};
}

}  // namespace

TEST_CASE("every v12 fixture frame decodes to its expected outcome", "[onebot12][codec]") {
    // fixture → (outcome, event kind or a word of the reason)
    std::map<std::string, std::pair<kind, std::string>> const expected{
        {"comwechat_friend_request", {kind::event, "join_request"}},
        {"comwechat_group_card", {kind::ignored, "contact cards"}},
        {"comwechat_group_cards", {kind::event, "group_message"}},
        {"comwechat_group_file", {kind::ignored, "wx.get_group_file"}},
        {"comwechat_group_message_delete", {kind::event, "message_recalled"}},
        {"comwechat_group_mixed", {kind::event, "group_message"}},
        {"comwechat_group_own", {kind::event, "group_message"}},
        {"comwechat_group_poke", {kind::event, "poked"}},
        {"comwechat_group_redbag", {kind::event, "red_packet"}},
        {"comwechat_group_text", {kind::event, "group_message"}},
        {"comwechat_private_message_delete", {kind::event, "message_recalled"}},
        {"comwechat_private_poke", {kind::event, "poked"}},
        {"comwechat_private_redbag", {kind::event, "red_packet"}},
        {"comwechat_private_text", {kind::event, "private_message"}},
        {"comwechat_unknown_segment", {kind::event, "group_message"}},
        {"malformed_group_id_object", {kind::error, "\"group_id\""}},
        {"malformed_message_not_array", {kind::error, "\"message\""}},
        {"malformed_missing_self", {kind::error, "missing \"self\""}},
        {"malformed_poke_missing_from", {kind::error, "missing \"from_user_id\""}},
        {"malformed_time_string", {kind::error, "\"time\""}},
        {"meta_connect", {kind::meta, "lifecycle"}},
        {"meta_connect_onebots", {kind::meta, "lifecycle"}},
        {"meta_heartbeat", {kind::meta, "lifecycle"}},
        {"meta_status_update", {kind::meta, ""}},
        {"notice_friend_increase", {kind::ignored, "friend_increase"}},
        {"notice_group_admin_set", {kind::event, "admin_changed"}},
        {"notice_group_member_decrease_kick", {kind::event, "member_left"}},
        {"notice_group_member_decrease_kick_bot", {kind::event, "member_left"}},
        {"notice_group_member_decrease_leave", {kind::event, "member_left"}},
        {"notice_group_member_increase_invite", {kind::event, "member_joined"}},
        {"notice_group_member_increase_join", {kind::event, "member_joined"}},
        {"notice_group_message_delete_recall", {kind::event, "message_recalled"}},
        {"notice_unknown_channel_create", {kind::ignored, "no decoder for notice.channel_create"}},
        {"response_member_info", {kind::response, ""}},
        {"response_member_list", {kind::response, ""}},
        {"response_platform_refused", {kind::response, ""}},
        {"response_send_comwechat", {kind::response, ""}},
        {"response_send_ok", {kind::response, ""}},
        {"response_status", {kind::response, ""}},
        {"response_unsupported_action", {kind::response, ""}},
        {"response_upload_file", {kind::response, ""}},
        {"response_who_am_i", {kind::response, ""}},
    };
    std::size_t seen = 0;
    for (auto const& file : std::filesystem::directory_iterator(testing::onebot12::fixture_dir())) {
        auto name = file.path().stem().string();
        INFO("fixture " << name);
        auto it = expected.find(name);
        REQUIRE(it != expected.end());  // every fixture has an expectation here
        auto d = frame(name);
        INFO("reason: " << d.reason);
        CHECK(d.what == it->second.first);
        if (d.event) CHECK(d.event->kind() == it->second.second);
        if (d.is(kind::ignored) || d.is(kind::error)) CHECK(d.reason.find(it->second.second) != std::string::npos);
        ++seen;
    }
    CHECK(seen == expected.size());
}

TEST_CASE("a ComWeChat group message keeps string ids, the float time and its mention", "[onebot12][codec]") {
    auto m = payload<ev::group_message>("comwechat_group_text");
    CHECK(m.message_id == s("7038113377201465862"));
    CHECK(m.message_id.is_string());
    CHECK(m.group == s(group));
    CHECK(m.from.user == s("wxid_ming2024"));
    auto const& segs = m.content.segments();
    REQUIRE(segs.size() == 2);
    CHECK(std::get<seg::at>(segs[0]).user == s(self));
    CHECK(m.content.mentions(s(self)));
    // CQ-looking text a member typed stays text: v12 has no CQ strings, nothing turns into an @-all.
    CHECK(std::get<seg::text>(segs[1]).content == " 签到 [CQ:at,qq=all]");
    CHECK_FALSE(m.content.has<seg::at_all>());
    auto d = frame("comwechat_group_text");
    CHECK(d.event->time == at(1718000000));
    CHECK(d.event_id == "8a0b7c62-1f3e-4d0c-9a55-6c0e2f6a1d01");
}

TEST_CASE("reply, mention_all, image and wx.emoji segments decode to core segments", "[onebot12][codec]") {
    auto m = payload<ev::group_message>("comwechat_group_mixed");
    auto const& segs = m.content.segments();
    REQUIRE(segs.size() == 5);
    CHECK(std::get<seg::reply>(segs[0]).message == s("7038113377201465862"));
    CHECK(std::holds_alternative<seg::at_all>(segs[1]));
    CHECK(std::get<seg::text>(segs[2]).content == "今晚 9 点开会");
    auto const& image = std::get<seg::image>(segs[3]);
    CHECK(image.file == "e30f9684-3d54-4f65-b2da-db291a477f16");
    CHECK(image.url.empty());
    auto const& sticker = std::get<seg::image>(segs[4]);
    CHECK(sticker.file == "7c1d2a90-51b1-4d3a-8f0e-2f4a0f3b9e11");
    CHECK(sticker.summary == "[动画表情]");
}

TEST_CASE("wx.link, wx.app and location become cards, file keeps its id, voice and video stay unknown",
          "[onebot12][codec]") {
    auto m = payload<ev::group_message>("comwechat_group_cards");
    auto const& segs = m.content.segments();
    REQUIRE(segs.size() == 6);
    auto const& link = std::get<seg::card>(segs[0]);
    CHECK(link.kind == "share");
    CHECK(link.title == "本周活动安排");
    CHECK(link.url == "https://mp.weixin.qq.com/s/AbCdEf123");
    CHECK(link.content == "周六下午羽毛球，周日读书会");
    CHECK(json::parse(link.raw).at("type") == "wx.link");
    auto const& app = std::get<seg::card>(segs[1]);
    CHECK(app.kind == "miniapp");
    CHECK(app.title == "接龙报名");
    auto const& where = std::get<seg::card>(segs[2]);
    CHECK(where.kind == "location");
    CHECK(where.title == "上海交通大学闵行校区");
    CHECK(where.content == "中国上海市闵行区东川路800号");
    CHECK(std::get<seg::file>(segs[3]).name == "f1a2b3c4-0000-4000-8000-000000000002");
    CHECK(std::get<seg::unknown>(segs[4]).type == "voice");
    CHECK(std::get<seg::unknown>(segs[5]).type == "video");
    CHECK(json::parse(std::get<seg::unknown>(segs[5]).raw).at("data").at("file_id") ==
          "f1a2b3c4-0000-4000-8000-000000000004");
}

TEST_CASE("an unknown segment and a known one with unusable data are kept as unknown", "[onebot12][codec]") {
    auto m = payload<ev::group_message>("comwechat_unknown_segment");
    auto const& segs = m.content.segments();
    REQUIRE(segs.size() == 3);
    CHECK(std::get<seg::text>(segs[0]).content == "看这个");
    auto const& xml = std::get<seg::unknown>(segs[1]);
    CHECK(xml.type == "wx.xml");
    CHECK(json::parse(xml.raw).at("data").at("xml") == "<msg><appmsg type=\"57\"/></msg>");
    CHECK(std::get<seg::unknown>(segs[2]).type == "image");  // an image with no data at all
}

TEST_CASE("the bot's own message is flagged own, in groups and in private", "[onebot12][codec]") {
    auto m = payload<ev::group_message>("comwechat_group_own", true);
    CHECK(m.from.user == s(self));
    auto other = fixture("comwechat_private_text");
    other["user_id"] = self;
    auto d = decode_frame(other);
    REQUIRE(d.is(kind::event));
    CHECK(d.own);
    CHECK_FALSE(frame("comwechat_private_text").own);
}

TEST_CASE("a private message decodes with its sender", "[onebot12][codec]") {
    auto m = payload<ev::private_message>("comwechat_private_text");
    CHECK(m.message_id == s("7038113377201465866"));
    CHECK(m.from.user == s("wxid_ming2024"));
    CHECK(m.content.text_only() == "/help");
    CHECK(m.group.empty());
}

TEST_CASE("connect reports the implementation and carries no account", "[onebot12][codec]") {
    auto d = frame("meta_connect");
    REQUIRE(d.is(kind::meta));
    CHECK(d.meta == meta_kind::connect);
    REQUIRE(d.version);
    CHECK(d.version->impl == "ComWechat");
    CHECK(d.version->version == "1.2.0");
    CHECK(d.version->onebot_version == "12");
    REQUIRE(d.event);
    CHECK(d.event->as<ev::lifecycle>()->what == ev::lifecycle::phase::connected);
    CHECK(d.event->self_id.empty());
    CHECK(d.self.empty());
    CHECK(d.event->time == at(1632847927));
    CHECK(frame("meta_connect_onebots").version->impl == "onebots");
}

TEST_CASE("heartbeat reports its interval in milliseconds", "[onebot12][codec]") {
    auto d = frame("meta_heartbeat");
    REQUIRE(d.is(kind::meta));
    CHECK(d.meta == meta_kind::heartbeat);
    CHECK(d.heartbeat_interval == std::chrono::milliseconds{5000});
    CHECK(d.event->as<ev::lifecycle>()->what == ev::lifecycle::phase::heartbeat);
    CHECK(d.bots.empty());  // ComWeChat's status has no bots list
}

TEST_CASE("status_update lists every bot on the connection with its online state", "[onebot12][codec]") {
    auto d = frame("meta_status_update");
    REQUIRE(d.is(kind::meta));
    CHECK(d.meta == meta_kind::status_update);
    CHECK_FALSE(d.event);
    REQUIRE(d.bots.size() == 2);
    CHECK(d.bots[0].self == adapters::onebot12::self_ref{"wechat", s("wxid_bot001")});
    CHECK(d.bots[0].online);
    CHECK(d.bots[1].self.user == s("wxid_bot002"));
    CHECK_FALSE(d.bots[1].online);

    auto bad = fixture("meta_status_update");
    bad["status"]["bots"][1]["self"].erase("platform");
    auto e = decode_frame(bad);
    CHECK(e.is(kind::error));
    CHECK(e.reason.find("status.bots[1]") != std::string::npos);
}

TEST_CASE("responses are told from events by the missing type and carry their echo", "[onebot12][codec]") {
    auto d = frame("response_send_ok");
    REQUIRE(d.is(kind::response));
    CHECK(d.echo == "8");
    CHECK(decode_text(R"({"status":"ok","retcode":0,"data":null,"message":""})").is(kind::response));
}

TEST_CASE("malformed frames are errors that name the field, never exceptions", "[onebot12][codec]") {
    CHECK(decode_text("not json {").reason == "frame is not valid JSON");
    CHECK(decode_text("[1,2]").reason == "frame is not a JSON object");
    CHECK(decode_text(R"({"id":"1"})").reason.find("\"type\"") != std::string::npos);
    CHECK(decode_text(R"({"type":7})").reason == "\"type\" is not a string");
    auto no_detail = decode_text(R"({"id":"1","time":1.5,"type":"notice"})");
    CHECK(no_detail.is(kind::error));
    CHECK(no_detail.reason.find("detail_type") != std::string::npos);

    auto base = fixture("comwechat_group_text");
    auto without = [&](char const* key) {
        auto f = base;
        f.erase(key);
        return decode_frame(f);
    };
    for (auto key : {"message_id", "group_id", "user_id", "message", "time"}) {
        INFO(key);
        auto d = without(key);
        CHECK(d.is(kind::error));
        CHECK(d.reason.find(std::string("missing \"") + key + "\"") != std::string::npos);
    }
    auto empty_user = base;
    empty_user["user_id"] = "";
    CHECK(decode_frame(empty_user).reason.find("\"user_id\" is empty") != std::string::npos);
    auto bad_self = base;
    bad_self["self"] = {{"platform", "wechat"}};
    CHECK(decode_frame(bad_self).reason.find("\"self\": missing \"user_id\"") != std::string::npos);
    auto bad_segment = base;
    bad_segment["message"] = json::array({json{{"data", json::object()}}});
    CHECK(decode_frame(bad_segment).reason.find("segment 0") != std::string::npos);
}

TEST_CASE("lax shapes are accepted: integer ids and times, milliseconds, a one-segment message",
          "[onebot12][codec]") {
    auto f = fixture("comwechat_group_text");
    f["time"] = 1718000000123LL;  // milliseconds
    f["user_id"] = 12345;         // a number where a string belongs
    f["message"] = json{{"type", "text"}, {"data", {{"text", "hi"}}}};
    auto d = decode_frame(f);
    REQUIRE(d.is(kind::event));
    CHECK(d.event->time == at(1718000000));
    auto const& m = *d.event->as<ev::group_message>();
    CHECK(m.from.user == s("12345"));
    CHECK(m.content.text_only() == "hi");
    f["message"] = "plain text";
    CHECK(decode_frame(f).event->as<ev::group_message>()->content.text_only() == "plain text");
}

TEST_CASE("a float time or interval beyond int64 is malformed, not cast", "[onebot12][codec]") {
    // Casting 1e300 to an integer is undefined behaviour (UBSan float-cast-overflow under clang).
    auto message = fixture("comwechat_group_text");
    for (double huge : {1e300, 9.3e21, -1e300}) {
        INFO(huge);
        message["time"] = huge;
        auto d = decode_frame(message);
        CHECK(d.is(kind::error));
        CHECK(d.reason.find("\"time\" is not a valid timestamp") != std::string::npos);
    }
    auto heartbeat = fixture("meta_heartbeat");
    heartbeat["interval"] = 1e300;
    auto d = decode_frame(heartbeat);
    CHECK(d.is(kind::error));
    CHECK(d.reason.find("\"interval\" is out of range") != std::string::npos);
    heartbeat["interval"] = 5000.7;
    CHECK(decode_frame(heartbeat).heartbeat_interval == std::chrono::milliseconds{5000});
}

TEST_CASE("unknown v12 types and detail types are ignored with a reason", "[onebot12][codec]") {
    auto d = decode_text(R"({"id":"1","time":1.0,"type":"message_sent","detail_type":"group"})");
    CHECK(d.is(kind::ignored));
    CHECK(d.reason == "unknown type \"message_sent\"");
    auto guild = decode_text(
        R"({"id":"1","time":1.0,"type":"message","detail_type":"channel","sub_type":"","self":{"platform":"qq","user_id":"1"}})");
    CHECK(guild.is(kind::ignored));
    CHECK(guild.reason == "no decoder for message.channel");
}

TEST_CASE("decoder keys join type and detail_type, extension prefix included", "[onebot12][codec]") {
    CHECK(decoder_key(fixture("comwechat_group_poke")) == "notice.wx.get_group_poke");
    CHECK(decoder_key(fixture("meta_connect")) == "meta.connect");
    CHECK(decoder_key(fixture("response_send_ok")).empty());
}
