#include <catch2/catch.hpp>

#include "adapters/onebot12/actions.hpp"
#include "adapters/onebot12/flag.hpp"
#include "onebot12_fixtures.hpp"

using namespace adapters::onebot12;
using testing::onebot12::fixture;
using testing::onebot12::group;
using testing::onebot12::s;
using nlohmann::json;

namespace {

self_ref const me{"wechat", s("wxid_bot001")};
json const self_json{{"platform", "wechat"}, {"user_id", "wxid_bot001"}};

}  // namespace

TEST_CASE("every action request carries echo and self", "[onebot12][actions]") {
    std::vector<json> frames{
        delete_message(s("m1"), "1", me),
        get_self_info("2", me),
        get_status("3", me),
        get_group_info(s(group), "4", me),
        get_group_member_info(s(group), s("wxid_a"), "5", me),
        get_group_member_list(s(group), "6", me),
        upload_file({"https://bot.example/a.png", "a.png"}, "7", me),
        send_message(bot::target::group_of(s(group)), "hi", generic_profile(), {}, "8", me).value(),
        kick(s(group), s("wxid_a"), comwechat_profile(), "9", me).value(),
    };
    for (std::size_t i = 0; i < frames.size(); ++i) {
        INFO(frames[i].dump());
        CHECK(frames[i].at("echo") == std::to_string(i + 1));
        CHECK(frames[i].at("self") == self_json);
        CHECK(frames[i].at("params").is_object());
    }
    // Before any account is known (right after connect), self is left out rather than sent empty.
    CHECK_FALSE(get_status("x", self_ref{}).contains("self"));
}

TEST_CASE("send_message picks detail_type and the id field by target", "[onebot12][actions]") {
    auto g = send_message(bot::target::group_of(s(group)), "大家好", comwechat_profile(), {}, "1", me);
    REQUIRE(g);
    CHECK(g->at("action") == "send_message");
    CHECK(g->at("params") == json{{"detail_type", "group"},
                                  {"group_id", group},
                                  {"message", json::array({{{"type", "text"}, {"data", {{"text", "大家好"}}}}})}});
    auto p = send_message(bot::target::user_of(s("wxid_a")), "你好", comwechat_profile(), {}, "2", me);
    REQUIRE(p);
    CHECK(p->at("params").at("detail_type") == "private");
    CHECK(p->at("params").at("user_id") == "wxid_a");
    CHECK_FALSE(p->at("params").contains("group_id"));
}

TEST_CASE("a v12 message with nothing sendable is refused before it reaches the wire", "[onebot12][actions]") {
    bot::message only_face;
    only_face.add(bot::seg::face{"14"});
    auto r = send_message(bot::target::group_of(s(group)), only_face, comwechat_profile(), {}, "1", me);
    REQUIRE_FALSE(r);
    CHECK(r.err().code == bot::errc::bad_request);
}

TEST_CASE("kick is ComWeChat's wx.delete_groupmember and unsupported without an extension", "[onebot12][actions]") {
    auto k = kick(s(group), s("wxid_spam999"), comwechat_profile(), "1", me);
    REQUIRE(k);
    CHECK(k->at("action") == "wx.delete_groupmember");
    CHECK(k->at("params") == json{{"group_id", group}, {"user_list", json::array({"wxid_spam999"})}});
    auto none = kick(s(group), s("wxid_spam999"), generic_profile(), "1", me);
    REQUIRE_FALSE(none);
    CHECK(none.err().code == bot::errc::unsupported);
}

TEST_CASE("answering a friend request: approve sends wx.accept_friend, reject sends nothing", "[onebot12][actions]") {
    bot::request_answer yes{bot::id(wx_friend_flag("v3x", "v4x")), false, true, ""};
    auto a = answer_request(yes, comwechat_profile(), "1", me);
    REQUIRE(a);
    REQUIRE(a.value());
    CHECK(a.value()->at("action") == "wx.accept_friend");
    CHECK(a.value()->at("params") == json{{"v3", "v3x"}, {"v4", "v4x"}});
    CHECK(a.value()->at("self") == self_json);

    auto no = yes;
    no.approve = false;
    auto r = answer_request(no, comwechat_profile(), "2", me);
    REQUIRE(r);
    CHECK_FALSE(r.value());

    auto group_request = yes;
    group_request.group_request = true;
    CHECK(answer_request(group_request, comwechat_profile(), "3", me).err().code == bot::errc::unsupported);
    CHECK(answer_request(yes, generic_profile(), "4", me).err().code == bot::errc::unsupported);
    auto foreign = yes;
    foreign.flag = s("flag-from-elsewhere");
    CHECK(answer_request(foreign, comwechat_profile(), "5", me).err().code == bot::errc::bad_request);
}

TEST_CASE("results are decided by status, failures are typed by the standard retcodes", "[onebot12][actions]") {
    CHECK(parse_status(fixture("response_send_ok")));
    auto who = parse_status(fixture("response_who_am_i"));
    REQUIRE_FALSE(who);
    CHECK(who.err().code == bot::errc::not_connected);
    CHECK(who.err().detail == "Who Am I (retcode 10101)");
    auto unsupported = parse_status(fixture("response_unsupported_action"));
    CHECK(unsupported.err().code == bot::errc::unsupported);
    auto refused = parse_status(fixture("response_platform_refused"));
    CHECK(refused.err().code == bot::errc::rejected);
    CHECK(refused.err().detail == "发送失败 (retcode 34001)");
    CHECK(parse_status(json{{"status", "failed"}, {"retcode", 10003}, {"message", "bad"}}).err().code ==
          bot::errc::bad_request);
    // An "ok" with a failing-looking retcode is still ok; an unknown status is not.
    CHECK(parse_status(json{{"status", "ok"}, {"retcode", 35000}}));
    CHECK(parse_status(json{{"status", "async"}, {"retcode", 0}}).err().code == bot::errc::internal);
    CHECK(parse_status(json::array()).err().code == bot::errc::internal);
}

TEST_CASE("send results: a message_id string, or none when ComWeChat answers true", "[onebot12][actions]") {
    auto id = parse_message_id(fixture("response_send_ok"));
    REQUIRE(id);
    CHECK(*id == s("7038113377201469999"));
    auto comwechat = parse_message_id(fixture("response_send_comwechat"));
    REQUIRE(comwechat);
    CHECK(comwechat->empty());
    CHECK_FALSE(parse_message_id(fixture("response_who_am_i")));
}

TEST_CASE("member lookups: no role in v12 unless an extension says so", "[onebot12][actions]") {
    auto m = parse_member_info(fixture("response_member_info"));
    REQUIRE(m);
    CHECK(m->user == s("wxid_ming2024"));
    CHECK(m->nickname == "小明");
    CHECK(m->card == "小明 | 运营");
    CHECK(m->role == bot::role::member);
    auto list = parse_member_list(fixture("response_member_list"));
    REQUIRE(list);
    REQUIRE(list->size() == 2);  // the entry without user_id is skipped
    CHECK((*list)[0].role == bot::role::member);
    CHECK((*list)[1].user == s("wxid_owner01"));
    CHECK((*list)[1].role == bot::role::owner);
    CHECK(parse_member_info(fixture("response_send_comwechat")).err().code == bot::errc::internal);
}

TEST_CASE("upload_file, get_status, get_self_info and get_group_info results parse", "[onebot12][actions]") {
    auto file = parse_file_id(fixture("response_upload_file"));
    REQUIRE(file);
    CHECK(*file == "e30f9684-3d54-4f65-b2da-db291a477f99");
    CHECK(upload_file({"https://bot.example/a.png", "a.png"}, "1", me).at("params") ==
          json{{"type", "url"}, {"name", "a.png"}, {"url", "https://bot.example/a.png"}});

    auto bots = parse_status_bots(fixture("response_status"));
    REQUIRE(bots);
    REQUIRE(bots->size() == 1);
    CHECK(bots->front().self == me);
    CHECK(bots->front().online);

    auto info = parse_self_info(json{{"status", "ok"},
                                     {"retcode", 0},
                                     {"message", ""},
                                     {"data", {{"user_id", "wxid_bot001"}, {"user_name", "群助手"}, {"user_displayname", ""}}}});
    REQUIRE(info);
    CHECK(info->user == s("wxid_bot001"));
    CHECK(info->name == "群助手");
    auto g = parse_group_info(
        json{{"status", "ok"}, {"retcode", 0}, {"message", ""}, {"data", {{"group_id", group}, {"group_name", "周末羽毛球"}}}});
    REQUIRE(g);
    CHECK(g->name == "周末羽毛球");
}

TEST_CASE("implementation profiles: ComWeChat cannot mute or recall, kicks by extension, has no join requests",
          "[onebot12][actions]") {
    auto wx = profile_for("ComWechat");
    CHECK(wx.name == "ComWechat");
    CHECK_FALSE(wx.caps.mute);
    CHECK_FALSE(wx.caps.recall);
    CHECK(wx.caps.kick);
    CHECK_FALSE(wx.caps.join_requests);
    CHECK(wx.caps.red_packet_events);
    CHECK(wx.kick_action == "wx.delete_groupmember");
    CHECK(profile_for("comwechat").name == "ComWechat");
    auto other = profile_for("onebots");
    CHECK(other.name == "onebots");
    CHECK_FALSE(other.caps.mute);
    CHECK_FALSE(other.caps.kick);
    CHECK(other.caps.recall);
    CHECK(other.kick_action.empty());
    CHECK(profile_for("").name == "generic");
    // No standard v12 action mutes a whole group, sets a card or title, or marks essence.
    for (auto const& p : {wx, other}) {
        CHECK_FALSE(p.caps.whole_mute);
        CHECK_FALSE(p.caps.set_card);
        CHECK_FALSE(p.caps.special_title);
        CHECK_FALSE(p.caps.essence);
    }
}
