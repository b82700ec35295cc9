#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "adapters/net/calls.hpp"
#include "adapters/net/json_frame.hpp"
#include "adapters/onebot11/actions.hpp"
#include "adapters/onebot11/segments.hpp"

using namespace adapters::onebot11;
using adapters::net::dump_frame;
using nlohmann::json;
namespace seg = bot::seg;

namespace {

// Text a member may write, and bytes a plugin may let through: every escape and the bytes that
// are not UTF-8.
std::vector<std::string> const awkward{
    "",
    "plain",
    "quote \" backslash \\ slash /",
    "\b\f\n\r\t\x01\x1f\x7f",
    "你好，世界 😀 \xE2\x80\xAE" "bidi",
    "bad \xFF byte",
    "cut \xE4\xBD",
    "surrogate \xED\xA0\x80 as UTF-8",
    "overlong \xC0\xAF",
    std::string("nul \0 inside", 12),
};

std::string appended(std::string const& s) {
    std::string out;
    adapters::net::append_json_string(out, s);
    return out;
}

}  // namespace

TEST_CASE("a string written without a JSON tree is byte for byte what dump_frame writes", "[onebot11][written]") {
    for (auto const& s : awkward) {
        INFO(json(s).dump(-1, ' ', true, json::error_handler_t::replace));
        CHECK(appended(s) == dump_frame(json(s)));
    }
}

TEST_CASE("send frames written as text are the bytes of the same frame built as a JSON tree", "[onebot11][written]") {
    for (auto const& s : awkward) {
        bot::message m;
        m.add(seg::text{s + "x"});
        m.add(seg::at{bot::id(20002000), s});
        m.add(seg::reply{bot::id(std::string("r-") + s)});
        m.add(seg::image{"", "f.png", s});
        m.add(seg::at_all{});
        m.add(seg::face{"14"});
        m.add(seg::contact{"group", bot::id(-5)});
        m.add(seg::file{s, "https://a.cn/f", 3});
        m.add(seg::card{"share", s + "t", "https://a.cn", s, ""});
        INFO(json(s).dump(-1, ' ', true, json::error_handler_t::replace));
        // The tree dump_frame wrote before these frames were written as text.
        json segments = json::array();
        segments.push_back({{"type", "reply"}, {"data", {{"id", "r-" + s}}}});
        segments.push_back({{"type", "text"}, {"data", {{"text", s + "x"}}}});
        json at{{"qq", "20002000"}};
        if (!s.empty()) at["name"] = s;
        segments.push_back({{"type", "at"}, {"data", at}});
        json image{{"file", "f.png"}};
        if (!s.empty()) image["summary"] = s;
        segments.push_back({{"type", "image"}, {"data", image}});
        segments.push_back({{"type", "at"}, {"data", {{"qq", "all"}}}});
        segments.push_back({{"type", "face"}, {"data", {{"id", "14"}}}});
        segments.push_back({{"type", "contact"}, {"data", {{"type", "group"}, {"id", "-5"}}}});
        json file{{"file", "https://a.cn/f"}};
        if (!s.empty()) file["name"] = s;
        segments.push_back({{"type", "file"}, {"data", file}});
        json share{{"url", "https://a.cn"}, {"title", s + "t"}};
        if (!s.empty()) share["content"] = s;
        segments.push_back({{"type", "share"}, {"data", share}});

        CHECK(write_message(m) == dump_frame(segments));
        auto group = send_msg_text(bot::target::group_of(bot::id::from_unsigned(18446744073709551615ULL)), m);
        REQUIRE(group.ok());
        CHECK(group->action == "send_group_msg");
        CHECK(group->with_echo(7) ==
              dump_frame({{"action", "send_group_msg"},
                          {"params", {{"group_id", 18446744073709551615ULL}, {"message", segments}}},
                          {"echo", 7}}));
        auto temp = send_msg_text(bot::target::user_of(bot::id(std::string("u") + s)), m, bot::id(123));
        REQUIRE(temp.ok());
        CHECK(temp->with_echo("e") ==
              dump_frame({{"action", "send_private_msg"},
                          {"params", {{"user_id", "u" + s}, {"group_id", 123}, {"message", segments}}},
                          {"echo", "e"}}));
    }
}

TEST_CASE("a received card goes back in the frame as it came", "[onebot11][written]") {
    auto received = R"({"type":"json","data":{"data":"{\"app\":\"com.tencent.miniapp\"}","z":[1,2],"a":null}})"_json;
    bot::message m;
    m.add(seg::card{"json", "t", "", "", received.dump()});
    m.add(seg::text{"after"});
    CHECK(write_message(m) == dump_frame(json::array({received, {{"type", "text"}, {"data", {{"text", "after"}}}}})));
    // Nothing sendable: refused before the wire, as a tree or as text.
    bot::message none;
    none.add(seg::forward{bot::id(1)});
    CHECK_FALSE(send_msg_text(bot::target::group_of(bot::id(1)), none).ok());
    CHECK(write_message(none) == "[]");
}
