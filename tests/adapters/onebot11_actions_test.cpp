#include <catch2/catch.hpp>

#include "adapters/onebot11/actions.hpp"
#include "onebot11_fixtures.hpp"

using namespace adapters::onebot11;
using nlohmann::json;
using testing::onebot11::fixture;

namespace {

bot::id n(std::int64_t v) {
    return bot::id(v);
}

}  // namespace

TEST_CASE("send_group_msg sends a segment array with the group id in its type", "[onebot11][actions]") {
    bot::message m("hi ");
    m.at(n(20002000));
    auto req = send_group_msg(n(-123), m, "e1");
    REQUIRE(req.ok());
    CHECK(*req == R"({"action":"send_group_msg","echo":"e1","params":{"group_id":-123,"message":[
        {"type":"text","data":{"text":"hi "}},{"type":"at","data":{"qq":"20002000"}}]}})"_json);
    auto by_string = send_group_msg(bot::id("g-abc"), m, 42);
    CHECK((*by_string)["params"]["group_id"] == "g-abc");
    CHECK((*by_string)["echo"] == 42);
}

TEST_CASE("send_private_msg names the user, and the group of a temporary chat", "[onebot11][actions]") {
    auto plain = send_private_msg(n(12345678), bot::message("hello"), json{{"seq", 1}});
    REQUIRE(plain.ok());
    CHECK((*plain)["params"] == R"({"user_id":12345678,"message":[{"type":"text","data":{"text":"hello"}}]})"_json);
    CHECK((*plain)["echo"] == json{{"seq", 1}});
    auto temp = send_private_msg(n(30003000), bot::message("hi"), nullptr, n(123456789));
    CHECK((*temp)["params"]["group_id"] == 123456789);
    auto routed = send_msg(bot::target::user_of(n(1)), bot::message("x"), 1);
    CHECK((*routed)["action"] == "send_private_msg");
    CHECK((*send_msg(bot::target::group_of(n(2)), bot::message("x"), 1))["action"] == "send_group_msg");
}

TEST_CASE("a message with nothing sendable is refused before it reaches the wire", "[onebot11][actions]") {
    bot::message m(std::vector<bot::segment>{bot::seg::unknown{"dice", "{}"}});
    auto req = send_group_msg(n(1), m, 1);
    REQUIRE_FALSE(req.ok());
    CHECK(req.err().code == bot::errc::bad_request);
    CHECK_FALSE(send_group_msg(n(1), bot::message(), 1).ok());
}

TEST_CASE("moderation actions always spell out their parameters", "[onebot11][actions]") {
    CHECK(set_group_ban(n(1), n(2), std::chrono::minutes{10}, "b") ==
          R"({"action":"set_group_ban","params":{"group_id":1,"user_id":2,"duration":600},"echo":"b"})"_json);
    CHECK(set_group_ban(n(1), n(2), std::chrono::seconds{0}, 1)["params"]["duration"] == 0);
    CHECK(set_group_whole_ban(n(1), false, 1)["params"] == R"({"group_id":1,"enable":false})"_json);
    CHECK(set_group_kick(n(1), n(2), false, 1)["params"] ==
          R"({"group_id":1,"user_id":2,"reject_add_request":false})"_json);
    CHECK(set_group_card(n(1), n(2), "", 1)["params"] == R"({"group_id":1,"user_id":2,"card":""})"_json);
    CHECK(set_group_special_title(n(1), n(2), "达人", "t") ==
          R"({"action":"set_group_special_title","params":{"group_id":1,"user_id":2,"special_title":"达人","duration":-1},"echo":"t"})"_json);
}

TEST_CASE("message actions send the message id back in its own type", "[onebot11][actions]") {
    CHECK(delete_msg(n(-2147480100), 1)["params"]["message_id"] == -2147480100);
    CHECK(delete_msg(n(1482675043933618437), 1)["params"]["message_id"] == 1482675043933618437);
    CHECK(delete_msg(bot::id("h/4ABc=="), 1)["params"]["message_id"] == "h/4ABc==");
    CHECK(get_msg(n(5), 1)["action"] == "get_msg");
    CHECK(set_essence_msg(bot::id("x"), 1) ==
          R"({"action":"set_essence_msg","params":{"message_id":"x"},"echo":1})"_json);
}

TEST_CASE("requests are answered with their opaque flag", "[onebot11][actions]") {
    CHECK(set_group_add_request(bot::id("1718000900123"), "add", false, "答错了", "r") ==
          R"({"action":"set_group_add_request","echo":"r",
              "params":{"flag":"1718000900123","sub_type":"add","approve":false,"reason":"答错了"}})"_json);
    auto invite = answer_request(bot::request_answer{bot::id("f1"), true, true, ""}, true, 1);
    CHECK(invite["params"] == R"({"flag":"f1","sub_type":"invite","approve":true})"_json);
    auto friend_req = answer_request(bot::request_answer{bot::id("f2"), false, true, ""}, false, 1);
    CHECK(friend_req == R"({"action":"set_friend_add_request","params":{"flag":"f2","approve":true},"echo":1})"_json);
}

TEST_CASE("lookups and pokes", "[onebot11][actions]") {
    CHECK(get_group_member_info(n(1), n(2), true, 1)["params"] == R"({"group_id":1,"user_id":2,"no_cache":true})"_json);
    CHECK(get_group_member_list(n(1), 1)["params"] == R"({"group_id":1})"_json);
    CHECK(get_group_info(n(1), false, 1)["params"] == R"({"group_id":1,"no_cache":false})"_json);
    CHECK(get_login_info(1) == R"({"action":"get_login_info","params":{},"echo":1})"_json);
    CHECK(group_poke(n(1), n(2), 1)["params"] == R"({"group_id":1,"user_id":2})"_json);
}

// ---- responses ----

TEST_CASE("status decides success: ok and async succeed, failed is rejected", "[onebot11][responses]") {
    CHECK(parse_status(fixture("response_send_ok")).ok());
    CHECK(parse_status(R"({"status":"async","retcode":1,"data":null})"_json).ok());
    auto failed = parse_status(fixture("response_failed_gocq"));
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.err().code == bot::errc::rejected);
    CHECK(failed.err().detail == "消息发送失败，账号可能被风控 (retcode 100)");
    // NapCat over HTTP reports runtime failures with retcode 200: status still wins.
    auto napcat = parse_status(R"({"status":"failed","retcode":200,"message":"群成员不存在"})"_json);
    CHECK((napcat.err().code == bot::errc::rejected && napcat.err().detail == "群成员不存在 (retcode 200)"));
    CHECK(parse_status(R"({"status":"ok","retcode":1200})"_json).ok());
}

TEST_CASE("an unknown action is unsupported", "[onebot11][responses]") {
    auto r = parse_status(fixture("response_unknown_action_napcat"));
    REQUIRE_FALSE(r.ok());
    CHECK(r.err().code == bot::errc::unsupported);
    CHECK(r.err().detail.find("不支持的Api set_group_sign") != std::string::npos);
    CHECK(parse_status(R"({"status":"failed","retcode":404,"msg":"API_NOT_FOUND"})"_json).err().code ==
          bot::errc::unsupported);
}

TEST_CASE("a response without a status or not an object is an internal error", "[onebot11][responses]") {
    CHECK(parse_status(R"({"retcode":0})"_json).err().code == bot::errc::internal);
    CHECK(parse_status(json("ok")).err().code == bot::errc::internal);
    CHECK(parse_status(R"({"status":"failed"})"_json).err().detail == "failed (retcode 0)");
}

TEST_CASE("echoes come back in any JSON type", "[onebot11][responses]") {
    CHECK(response_echo(fixture("response_send_ok")) == "req-42");
    CHECK(response_echo(fixture("response_unknown_action_napcat")) == R"({"id":3,"tag":"x"})"_json);
    CHECK(response_echo(R"({"status":"ok"})"_json).is_null());
}

TEST_CASE("send responses give the message id in its type, or none", "[onebot11][responses]") {
    CHECK(*parse_message_id(fixture("response_send_ok")) == n(-2147480123));
    CHECK(*parse_message_id(R"({"status":"ok","data":{"message_id":1482675043933618437}})"_json) ==
          n(1482675043933618437));
    CHECK(*parse_message_id(R"({"status":"ok","data":{"message_id":"abc=="}})"_json) == bot::id("abc=="));
    CHECK(parse_message_id(fixture("response_delete_no_data"))->empty());
    CHECK(parse_message_id(R"({"status":"async","retcode":1,"data":null})"_json)->empty());
    CHECK(parse_message_id(fixture("response_failed_gocq")).err().code == bot::errc::rejected);
    CHECK(parse_message_id(R"({"status":"ok","data":{"message_id":1.5}})"_json).err().code == bot::errc::internal);
}

TEST_CASE("a missing data object is fine for actions that return nothing", "[onebot11][responses]") {
    CHECK(parse_status(fixture("response_delete_no_data")).ok());
    CHECK(parse_member_info(fixture("response_delete_no_data")).err().code == bot::errc::internal);
}

TEST_CASE("member info gives role, card, nickname and times", "[onebot11][responses]") {
    auto m = parse_member_info(fixture("response_member_info"));
    REQUIRE(m.ok());
    CHECK(m->user == n(3012345678));
    CHECK(m->nickname == "Lan");
    CHECK(m->card == "Lan | 新人");
    CHECK(m->role == bot::role::owner);
    CHECK(m->joined_at == bot::time_point{std::chrono::seconds{1717000000}});
    CHECK(m->last_active == bot::time_point{std::chrono::seconds{1718000000}});
}

TEST_CASE("member lists skip entries without a user id", "[onebot11][responses]") {
    auto list = parse_member_list(R"({"status":"ok","data":[
        {"user_id":1,"nickname":"a","role":"admin","join_time":1717000000123},
        {"nickname":"no id"}, 5,
        {"user_id":"u_2","card":"b"}]})"_json);
    REQUIRE(list.ok());
    REQUIRE(list->size() == 2);
    CHECK((*list)[0].role == bot::role::admin);
    CHECK((*list)[0].joined_at == bot::time_point{std::chrono::seconds{1717000000}});
    CHECK((*list)[1].user == bot::id("u_2"));
    CHECK(parse_member_list(R"({"status":"ok","data":null})"_json).err().code == bot::errc::internal);
}

TEST_CASE("login and group info", "[onebot11][responses]") {
    auto login = parse_login_info(R"({"status":"ok","data":{"user_id":10001000,"nickname":"qunbot"}})"_json);
    REQUIRE(login.ok());
    CHECK((login->user == n(10001000) && login->nickname == "qunbot"));
    auto info = parse_group_info(
        R"({"status":"ok","data":{"group_id":123456789,"group_name":"Test","member_count":12,"max_member_count":500}})"_json);
    REQUIRE(info.ok());
    CHECK((info->group == n(123456789) && info->name == "Test" && info->member_count == 12));
    CHECK_FALSE(parse_login_info(R"({"status":"ok","data":{}})"_json).ok());
}
