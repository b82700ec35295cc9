#include <catch2/catch.hpp>

#include <filesystem>
#include <map>

#include "adapters/onebot11/actions.hpp"
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
namespace seg = bot::seg;

namespace {

decoded frame(std::string const& name) {
    return decode_text(fixture_text(name));
}

bot::time_point at(std::int64_t s) {
    return bot::time_point{std::chrono::seconds{s}};
}

}  // namespace

TEST_CASE("every fixture frame decodes to its expected outcome", "[onebot11][codec]") {
    // fixture → (outcome, event kind or a word of the reason)
    std::map<std::string, std::pair<kind, std::string>> const expected{
        {"gocq_group_anonymous", {kind::event, "group_message"}},
        {"gocq_group_string", {kind::event, "group_message"}},
        {"gocq_private_self", {kind::event, "private_message"}},
        {"group_big_message_id", {kind::event, "group_message"}},
        {"lagrange_group_anonymous_null", {kind::event, "group_message"}},
        {"malformed_group_id_object", {kind::error, "group_id"}},
        {"malformed_missing_message", {kind::error, "missing \"message\""}},
        {"meta_heartbeat", {kind::meta, "lifecycle"}},
        {"meta_lifecycle_connect", {kind::meta, "lifecycle"}},
        {"meta_lifecycle_disable", {kind::meta, "lifecycle"}},
        {"meta_lifecycle_enable", {kind::meta, "lifecycle"}},
        {"napcat_group_array", {kind::event, "group_message"}},
        {"napcat_group_cards", {kind::event, "group_message"}},
        {"napcat_message_sent", {kind::event, "group_message"}},
        {"napcat_ms_timestamp", {kind::event, "group_message"}},
        {"napcat_private_friend", {kind::event, "private_message"}},
        {"napcat_private_temp", {kind::event, "private_message"}},
        {"napcat_unknown_segment", {kind::event, "group_message"}},
        {"notice_essence", {kind::ignored, "essence"}},
        {"notice_friend_recall", {kind::event, "message_recalled"}},
        {"notice_group_admin_set", {kind::event, "admin_changed"}},
        {"notice_group_admin_unset", {kind::event, "admin_changed"}},
        {"notice_group_ban_ban", {kind::event, "member_muted"}},
        {"notice_group_ban_lift", {kind::event, "member_muted"}},
        {"notice_group_ban_whole", {kind::event, "member_muted"}},
        {"notice_group_ban_whole_lift", {kind::event, "member_muted"}},
        {"notice_group_card", {kind::ignored, "group_card"}},
        {"notice_group_decrease_disband", {kind::event, "member_left"}},
        {"notice_group_decrease_kick", {kind::event, "member_left"}},
        {"notice_group_decrease_kick_me", {kind::event, "member_left"}},
        {"notice_group_decrease_leave", {kind::event, "member_left"}},
        {"notice_group_increase_approve", {kind::event, "member_joined"}},
        {"notice_group_increase_invite", {kind::event, "member_joined"}},
        {"notice_group_recall", {kind::event, "message_recalled"}},
        {"notice_group_upload", {kind::ignored, "group_upload"}},
        {"notice_notify_honor", {kind::ignored, "honor"}},
        {"notice_notify_lucky_king", {kind::event, "red_packet"}},
        {"notice_notify_poke_friend", {kind::event, "poked"}},
        {"notice_notify_poke_group", {kind::event, "poked"}},
        {"notice_unknown_emoji_like", {kind::ignored, "notice.group_msg_emoji_like"}},
        {"notice_unknown_notify_title", {kind::ignored, "notice.notify.title"}},
        {"oicq_string_message_id", {kind::event, "group_message"}},
        {"request_friend", {kind::event, "join_request"}},
        {"request_group_add", {kind::event, "join_request"}},
        {"request_group_invite", {kind::event, "join_request"}},
        {"response_delete_no_data", {kind::response, ""}},
        {"response_failed_gocq", {kind::response, ""}},
        {"response_member_info", {kind::response, ""}},
        {"response_send_ok", {kind::response, ""}},
        {"response_unknown_action_napcat", {kind::response, ""}},
    };
    std::size_t seen = 0;
    for (auto const& file : std::filesystem::directory_iterator(testing::onebot11::fixture_dir())) {
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

TEST_CASE("a NapCat array message keeps its reply, mention, text, face and image", "[onebot11][codec]") {
    auto m = payload<ev::group_message>("napcat_group_array");
    CHECK(m.message_id == n(-2147480123));
    CHECK(m.group == n(group));
    CHECK(m.from.user == n(20002000));
    CHECK(m.from.nickname == "Ming");
    CHECK(m.from.card == "Ming | ops");
    CHECK(m.from.role == bot::role::admin);
    CHECK_FALSE(m.anonymous);
    auto const& s = m.content.segments();
    REQUIRE(s.size() == 5);
    CHECK(std::get<seg::reply>(s[0]).message == n(-2147480100));
    CHECK(std::get<seg::at>(s[1]).user == n(self));
    CHECK(std::get<seg::at>(s[1]).name == "qunbot");
    CHECK(std::get<seg::text>(s[2]).content == " please kick [spam] bot");
    CHECK(std::get<seg::face>(s[3]).face_id == "14");
    auto const& img = std::get<seg::image>(s[4]);
    CHECK(img.file == "ABCDEF0123.png");
    CHECK(img.summary == "[动画表情]");
    CHECK(img.url.starts_with("https://multimedia.nt.qq.com.cn/"));
    CHECK(m.content.mentions(n(self)));
}

TEST_CASE("NapCat's real_seq is kept as the message's sequence in the group, message_seq is not", "[onebot11][codec]") {
    // message_seq and real_id repeat NapCat's per-account message_id; real_seq is the group's own.
    CHECK(payload<ev::group_message>("napcat_group_array").seq == bot::id("5123"));
    CHECK(payload<ev::group_message>("gocq_group_string").seq.empty());
    auto j = fixture("napcat_group_array");
    j["real_seq"] = json::object();
    auto d = decode_frame(j);
    REQUIRE(d.is(kind::event));
    CHECK(d.event->as<ev::group_message>()->seq.empty());
}

TEST_CASE("a go-cqhttp CQ string decodes with escapes undone and @all recognised", "[onebot11][codec]") {
    auto d = frame("gocq_group_string");
    REQUIRE(d.is(kind::event));
    CHECK(d.event->self_id == n(self));
    CHECK(d.event->time == at(1718000010));
    auto m = *d.event->as<ev::group_message>();
    CHECK(m.message_id == n(-1840291563));
    CHECK(m.from.role == bot::role::owner);
    auto const& s = m.content.segments();
    REQUIRE(s.size() == 5);
    CHECK(std::get<seg::reply>(s[0]).message == n(-2147480100));
    CHECK(std::holds_alternative<seg::at_all>(s[1]));
    CHECK(std::get<seg::text>(s[2]).content == " Tom & Jerry [CQ:at,qq=all] ");
    CHECK(std::get<seg::face>(s[3]).face_id == "178");
    CHECK(std::get<seg::image>(s[4]).url == "https://gchat.qpic.cn/gchatpic_new/1/2-3-4F2B/0?term=2&is_origin=0");
}

TEST_CASE("Lagrange's null anonymous and uint ids decode as a normal message", "[onebot11][codec]") {
    auto d = frame("lagrange_group_anonymous_null");
    REQUIRE(d.is(kind::event));
    CHECK(d.event->self_id == n(3100000001));
    auto m = *d.event->as<ev::group_message>();
    CHECK_FALSE(m.anonymous);
    CHECK(m.group == n(3123456789));
    CHECK(m.from.user == n(3012345678));
    CHECK(m.content.text_only() == "晚上好");
}

TEST_CASE("an anonymous message is flagged and named by its anonymous name", "[onebot11][codec]") {
    auto m = payload<ev::group_message>("gocq_group_anonymous");
    CHECK(m.anonymous);
    CHECK(m.from.nickname == "齐天大圣");
    CHECK(m.content.text_only() == "加群送红包 ");
}

TEST_CASE("the bot's own messages decode but are flagged own", "[onebot11][codec]") {
    auto sent = payload<ev::group_message>("napcat_message_sent", true);
    CHECK(sent.content.text_only() == "签到成功");
    auto private_self = payload<ev::private_message>("gocq_private_self", true);
    CHECK(private_self.from.user == n(self));

    SECTION("user_id equal to self_id is own even in another JSON type") {
        auto j = fixture("napcat_private_friend");
        j["user_id"] = std::to_string(self);
        auto d = decode_frame(j);
        REQUIRE(d.is(kind::event));
        CHECK(d.own);
    }
    SECTION("another member's message is not own") {
        CHECK_FALSE(frame("napcat_group_array").own);
    }
}

TEST_CASE("message ids keep their type: big ints, strings, negatives", "[onebot11][codec]") {
    auto big = payload<ev::group_message>("group_big_message_id");
    CHECK(big.message_id == n(1482675043933618437));
    auto str = payload<ev::group_message>("oicq_string_message_id");
    CHECK(str.message_id == bot::id("h/4ABcDeFgAAAAEAAAAAZmYpAA=="));
    CHECK(str.content.first<seg::reply>()->message == bot::id("gT9xYz=="));
}

TEST_CASE("uint64 ids past int64 sent as numbers go back as numbers", "[onebot11][codec][ids]") {
    auto j = fixture("napcat_group_array");
    j["group_id"] = json(18446744073709551000ULL);
    j["user_id"] = json(18446744073709551001ULL);
    j["message_id"] = json(18446744073709551002ULL);
    auto d = decode_frame(j);
    REQUIRE(d.is(kind::event));
    auto const& m = *d.event->as<ev::group_message>();
    auto reply = adapters::onebot11::send_group_msg(m.group, bot::message("hi").reply_to(m.message_id).at(m.from.user),
                                                    "e1");
    REQUIRE(reply.ok());
    auto const& params = (*reply)["params"];
    CHECK(params["group_id"].is_number_unsigned());
    CHECK(params["group_id"] == j["group_id"]);
    CHECK(params["group_id"].dump() == "18446744073709551000");
    // Segment values are strings by spec: the same digits, quoted.
    CHECK(params["message"][0]["data"]["id"] == "18446744073709551002");
    CHECK(params["message"][2]["data"]["qq"] == "18446744073709551001");
    CHECK(adapters::onebot11::delete_msg(m.message_id, 1)["params"]["message_id"] == j["message_id"]);
}

TEST_CASE("a millisecond timestamp is read as seconds", "[onebot11][codec]") {
    auto d = frame("napcat_ms_timestamp");
    REQUIRE(d.is(kind::event));
    CHECK(d.event->time == at(1718000080));
}

TEST_CASE("private messages: a friend, and a temporary chat from a group", "[onebot11][codec]") {
    auto friend_msg = payload<ev::private_message>("napcat_private_friend");
    CHECK(friend_msg.message_id == n(12));
    CHECK(friend_msg.from.nickname == "Xiao");
    CHECK(friend_msg.group.empty());
    auto temp = payload<ev::private_message>("napcat_private_temp");
    CHECK(temp.group == n(group));
    CHECK(temp.from.user == n(30003000));
}

TEST_CASE("cards, contacts, files and forwards in a message are typed", "[onebot11][codec]") {
    auto m = payload<ev::group_message>("napcat_group_cards");
    auto const& s = m.content.segments();
    REQUIRE(s.size() == 5);
    auto const& ark = std::get<seg::card>(s[0]);
    CHECK(ark.kind == "json");
    CHECK(ark.title == "免费领皮肤");
    CHECK(ark.url == "https://ad.example.com/x?a=1&b=2");
    auto const& xml = std::get<seg::card>(s[1]);
    CHECK(xml.title == "[链接]加群福利");
    CHECK(xml.url == "https://xml.example.com/join");
    CHECK(std::get<seg::contact>(s[2]).target == n(987654321));
    CHECK(std::get<seg::file>(s[3]).name == "rules.pdf");
    CHECK(std::get<seg::forward>(s[4]).forward_id == n(7382910293847561));
}

TEST_CASE("unknown segment types stay in the message as unknown", "[onebot11][codec]") {
    auto m = payload<ev::group_message>("napcat_unknown_segment");
    auto const& s = m.content.segments();
    REQUIRE(s.size() == 4);
    CHECK(std::get<seg::unknown>(s[0]).type == "mface");
    CHECK(std::get<seg::unknown>(s[1]).type == "markdown");
    CHECK(std::get<seg::unknown>(s[2]).type == "hologram");
    CHECK(json::parse(std::get<seg::unknown>(s[2]).raw)["data"]["depth"] == 3);
    CHECK(m.content.text_only() == "after");
}
