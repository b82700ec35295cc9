#include <catch2/catch.hpp>

#include "adapters/onebot12/profile.hpp"
#include "adapters/onebot12/segments.hpp"
#include "onebot12_fixtures.hpp"

using adapters::onebot12::comwechat_profile;
using adapters::onebot12::decode_message;
using adapters::onebot12::encode_message;
using adapters::onebot12::encode_segment;
using adapters::onebot12::generic_profile;
using adapters::onebot12::upload;
using adapters::onebot12::uploads_needed;
using testing::onebot12::s;
using nlohmann::json;
namespace seg = bot::seg;

namespace {

json segment(std::string const& type, json data) {
    return json{{"type", type}, {"data", std::move(data)}};
}

}  // namespace

TEST_CASE("text, mention and mention_all encode as v12 segments with string ids", "[onebot12][segments]") {
    auto msg = bot::message().at(s("wxid_ming2024"), "小明").text(" 欢迎").at_all();
    auto out = encode_message(msg, generic_profile());
    CHECK(out == json::array({segment("mention", {{"user_id", "wxid_ming2024"}}), segment("text", {{"text", " 欢迎"}}),
                              segment("mention_all", json::object())}));
    // A numeric id from another platform still goes out as a string.
    auto numeric = encode_segment(seg::at{bot::id(std::int64_t{10001}), ""}, generic_profile());
    CHECK(numeric == segment("mention", {{"user_id", "10001"}}));
}

TEST_CASE("text that looks like markup is sent as text, never as a mention", "[onebot12][segments]") {
    auto out = encode_message(bot::message("[CQ:at,qq=all] @所有人"), comwechat_profile());
    CHECK(out == json::array({segment("text", {{"text", "[CQ:at,qq=all] @所有人"}})}));
}

TEST_CASE("a reply goes first where the implementation takes replies, and is dropped where not",
          "[onebot12][segments]") {
    auto msg = bot::message("收到").reply_to(s("7038113377201465862"));
    auto generic = encode_message(msg, generic_profile());
    REQUIRE(generic.size() == 2);
    CHECK(generic[0] == segment("reply", {{"message_id", "7038113377201465862"}}));
    CHECK(generic[1] == segment("text", {{"text", "收到"}}));
    // ComWeChat can receive quotes but not send them; the text still goes.
    CHECK(encode_message(msg, comwechat_profile()) == json::array({segment("text", {{"text", "收到"}})}));
}

TEST_CASE("images go by file_id: a received one as is, one given by URL once uploaded", "[onebot12][segments]") {
    auto received = seg::image{"", "e30f9684-3d54-4f65-b2da-db291a477f16", ""};
    CHECK(encode_segment(received, comwechat_profile()) ==
          segment("image", {{"file_id", "e30f9684-3d54-4f65-b2da-db291a477f16"}}));

    auto msg = bot::message("看图").image("https://bot.example/img/rank.png?v=2");
    CHECK(uploads_needed(msg) == std::vector<upload>{{"https://bot.example/img/rank.png?v=2", "rank.png"}});
    // Not uploaded yet: the image cannot be sent and is dropped, the text still goes.
    CHECK(encode_message(msg, comwechat_profile()).size() == 1);
    adapters::onebot12::uploaded_files done{{"https://bot.example/img/rank.png?v=2", "file-77"}};
    auto out = encode_message(msg, comwechat_profile(), done);
    REQUIRE(out.size() == 2);
    CHECK(out[1] == segment("image", {{"file_id", "file-77"}}));
}

TEST_CASE("uploads_needed lists each URL once, files with their names, and skips images with a file_id",
          "[onebot12][segments]") {
    bot::message msg;
    msg.image("https://bot.example/a.png").image("https://bot.example/a.png");
    msg.add(seg::image{"https://bot.example/b.png", "already-an-id", ""});
    msg.add(seg::file{"月报.xlsx", "https://bot.example/files/42", 0});
    msg.add(seg::image{"https://bot.example/", "", ""});
    CHECK(uploads_needed(msg) == std::vector<upload>{{"https://bot.example/a.png", "a.png"},
                                                     {"https://bot.example/files/42", "月报.xlsx"},
                                                     {"https://bot.example/", "file"}});
    CHECK(encode_segment(seg::file{"月报.xlsx", "https://bot.example/files/42", 0}, generic_profile(),
                         {{"https://bot.example/files/42", "f-1"}}) == segment("file", {{"file_id", "f-1"}}));
}

TEST_CASE("cards: wx.link resent or built on WeChat, text elsewhere, locations go back as they came",
          "[onebot12][segments]") {
    auto link_json = segment("wx.link", {{"title", "活动"}, {"des", "周六"}, {"url", "https://mp.weixin.qq.com/s/x"}});
    auto received = decode_message(json::array({link_json}));
    REQUIRE(received);
    CHECK(encode_message(*received, comwechat_profile()) == json::array({link_json}));

    auto built = seg::card{"share", "排行榜", "https://bot.example/rank", "本周前十", ""};
    CHECK(encode_segment(built, comwechat_profile()) ==
          segment("wx.link", {{"title", "排行榜"}, {"des", "本周前十"}, {"url", "https://bot.example/rank"}}));
    CHECK(encode_segment(built, generic_profile()) == segment("text", {{"text", "排行榜 https://bot.example/rank"}}));

    auto place = segment("location", {{"latitude", 31.03}, {"longitude", 121.44}, {"title", "T"}, {"content", "C"}});
    auto decoded = decode_message(json::array({place}));
    REQUIRE(decoded);
    CHECK(encode_message(*decoded, generic_profile()) == json::array({place}));

    auto app = decode_message(json::array({segment("wx.app", {{"appid", "wx1"}, {"title", "接龙"}})}));
    REQUIRE(app);
    CHECK(encode_message(*app, comwechat_profile()).empty());  // a mini-program cannot be rebuilt
}

TEST_CASE("segments v12 cannot send are dropped, never sent raw", "[onebot12][segments]") {
    bot::message msg;
    msg.add(seg::face{"14"});
    msg.add(seg::contact{"user", s("wxid_a")});
    msg.add(seg::forward{s("fw1")});
    msg.add(seg::unknown{"voice", R"({"type":"voice","data":{"file_id":"v1"}})"});
    msg.add(seg::text{""});
    CHECK(encode_message(msg, comwechat_profile()).empty());
}

TEST_CASE("a received message re-encodes to the same segments", "[onebot12][segments]") {
    auto wire = json::array({segment("mention", {{"user_id", "wxid_a"}}), segment("text", {{"text", " hi "}}),
                             segment("image", {{"file_id", "img-1"}}), segment("mention_all", json::object())});
    auto m = decode_message(wire);
    REQUIRE(m);
    CHECK(encode_message(*m, generic_profile()) == wire);
}
