#include <catch2/catch.hpp>

#include <limits>

#include "adapters/onebot11/ids.hpp"
#include "adapters/onebot11/segments.hpp"

using namespace adapters::onebot11;
using nlohmann::json;
namespace seg = bot::seg;

namespace {

bot::segment one(json const& s) {
    auto r = decode_segment(s);
    REQUIRE(r.ok());
    return r.value();
}

}  // namespace

// ---- ids ----

TEST_CASE("ids keep their JSON type through a round trip", "[onebot11][ids]") {
    for (auto wire : {json(-2147480123), json(1482675043933618437LL), json(std::numeric_limits<std::int64_t>::min()),
                      json(0), json("h/4ABcDeFg=="), json("-2147480100"), json("")}) {
        INFO("wire: " << wire.dump());
        auto v = id_from_json(wire);
        REQUIRE(v);
        CHECK(v->is_int() == wire.is_number());
        CHECK(id_to_json(*v) == wire);
        CHECK(id_to_json(*v).type() == wire.type());
    }
}

TEST_CASE("an unsigned id past int64 stays an unsigned number and goes back as one", "[onebot11][ids]") {
    auto wire = json(18446744073709551615ULL);
    auto v = id_from_json(wire);
    REQUIRE(v);
    CHECK(v->is_uint());
    CHECK(v->str() == "18446744073709551615");
    CHECK(id_to_json(*v).is_number_unsigned());
    CHECK(id_to_json(*v) == wire);
    CHECK(id_to_json(*v).dump() == "18446744073709551615");
    auto small = id_from_json(json(3123456789ULL));  // Lagrange's uint group_id
    REQUIRE(small);
    CHECK(*small == bot::id(std::int64_t{3123456789}));
}

TEST_CASE("floats, booleans, null, objects and arrays are not ids", "[onebot11][ids]") {
    for (auto wire : {json(1.5), json(true), json(nullptr), json::object(), json::array({1})}) {
        INFO("wire: " << wire.dump());
        CHECK_FALSE(id_from_json(wire));
    }
}

TEST_CASE("segment parameters that are decimal strings become int ids, others stay strings", "[onebot11][ids]") {
    CHECK(id_from_param(json("-2147480100")) == bot::id(std::int64_t{-2147480100}));
    CHECK(id_from_param(json("1482675043933618437")) == bot::id(std::int64_t{1482675043933618437}));
    CHECK(id_from_param(json("007"))->is_string());
    CHECK(id_from_param(json("99999999999999999999"))->is_string());
    CHECK(id_from_param(json("18446744073709551615")) == bot::id::from_unsigned(18446744073709551615ULL));
    CHECK(id_from_param(json("abc")) == bot::id("abc"));
    CHECK(id_from_param(json(42)) == bot::id(std::int64_t{42}));
    CHECK(id_to_param(bot::id(std::int64_t{-5})) == "-5");
}

// ---- segments in ----

TEST_CASE("at qq=all is @everyone, a number is one member with the name kept", "[onebot11][segments]") {
    CHECK(std::holds_alternative<seg::at_all>(one(R"({"type":"at","data":{"qq":"all"}})"_json)));
    auto a = std::get<seg::at>(one(R"({"type":"at","data":{"qq":"3012345678","name":"Lan"}})"_json));
    CHECK(a.user == bot::id(std::int64_t{3012345678}));
    CHECK(a.name == "Lan");
    auto n = std::get<seg::at>(one(R"({"type":"at","data":{"qq":20002000}})"_json));
    CHECK(n.user == bot::id(std::int64_t{20002000}));
}

TEST_CASE("values arrive as strings or numbers", "[onebot11][segments]") {
    CHECK(std::get<seg::face>(one(R"({"type":"face","data":{"id":14}})"_json)).face_id == "14");
    CHECK(std::get<seg::face>(one(R"({"type":"face","data":{"id":"14"}})"_json)).face_id == "14");
    CHECK(std::get<seg::reply>(one(R"({"type":"reply","data":{"id":-2147480100}})"_json)).message ==
          bot::id(std::int64_t{-2147480100}));
    CHECK(std::get<seg::reply>(one(R"({"type":"reply","data":{"id":"gT9xYz=="}})"_json)).message ==
          bot::id("gT9xYz=="));
}

TEST_CASE("a json card yields its title, link and description", "[onebot11][segments]") {
    auto ark =
        json{{"app", "com.tencent.miniapp_01"},
             {"prompt", "[QQ小程序]哔哩哔哩"},
             {"meta", {{"detail_1", {{"title", "哔哩哔哩"}, {"desc", "视频"}, {"qqdocurl", "https://b23.tv/x"}}}}}};
    auto s = json{{"type", "json"}, {"data", {{"data", ark.dump()}}}};
    auto c = std::get<seg::card>(one(s));
    CHECK(c.kind == "json");
    CHECK(c.title == "哔哩哔哩");
    CHECK(c.url == "https://b23.tv/x");
    CHECK(c.content == "视频");
    CHECK(json::parse(c.raw) == s);
    auto broken = std::get<seg::card>(one(R"({"type":"json","data":{"data":"{not json"}})"_json));
    CHECK(broken.title.empty());
}

TEST_CASE("share, music, contact, file and forward segments are typed", "[onebot11][segments]") {
    auto share =
        std::get<seg::card>(one(R"({"type":"share","data":{"url":"https://a.cn","title":"A","content":"c"}})"_json));
    CHECK((share.kind == "share" && share.url == "https://a.cn" && share.title == "A" && share.content == "c"));
    CHECK(std::get<seg::card>(one(R"({"type":"music","data":{"type":"163","id":"28949129"}})"_json)).kind == "music");
    auto user = std::get<seg::contact>(one(R"({"type":"contact","data":{"type":"qq","id":"20002000"}})"_json));
    CHECK((user.kind == "user" && user.target == bot::id(std::int64_t{20002000})));
    auto f = std::get<seg::file>(one(R"({"type":"file","data":{"file":"a.pdf","url":"https://f","size":"10"}})"_json));
    CHECK((f.name == "a.pdf" && f.url == "https://f" && f.size == 10));
    CHECK(std::get<seg::forward>(one(R"({"type":"forward","data":{"id":"abc"}})"_json)).forward_id == bot::id("abc"));
}

TEST_CASE("unknown segments and known ones with unusable data are kept raw", "[onebot11][segments]") {
    for (auto s : {R"({"type":"dice","data":{"result":"6"}})"_json, R"({"type":"record","data":{"file":"a.amr"}})"_json,
                   R"({"type":"at","data":{"qq":{"id":1}}})"_json,
                   R"({"type":"contact","data":{"type":"x","id":"1"}})"_json, R"({"type":"face"})"_json}) {
        INFO(s.dump());
        auto u = std::get<seg::unknown>(one(s));
        CHECK(u.type == s["type"].get<std::string>());
        CHECK(json::parse(u.raw) == s);
    }
}

TEST_CASE("a segment that is not an object with a string type is an error", "[onebot11][segments]") {
    CHECK_FALSE(decode_segment(json("text")).ok());
    CHECK_FALSE(decode_segment(R"({"data":{"text":"x"}})"_json).ok());
    CHECK_FALSE(decode_segment(R"({"type":5,"data":{}})"_json).ok());
    auto m = decode_message(R"([{"type":"text","data":{"text":"a"}}, 7])"_json);
    REQUIRE_FALSE(m.ok());
    CHECK(m.err().detail.find("segment 1") != std::string::npos);
    CHECK_FALSE(decode_message(json(12)).ok());
}

TEST_CASE("a message may be one segment object instead of an array", "[onebot11][segments]") {
    auto m = decode_message(R"({"type":"text","data":{"text":"solo"}})"_json);
    REQUIRE(m.ok());
    CHECK(m->text_only() == "solo");
}

// ---- segments out ----

TEST_CASE("sending writes arrays of string values", "[onebot11][segments]") {
    bot::message m;
    m.text("hi ").at(bot::id(std::int64_t{20002000})).at_all().image("https://img.example/a.png");
    m.add(seg::face{"14"});
    m.add(seg::contact{"group", bot::id(std::int64_t{987654321})});
    m.reply_to(bot::id(std::int64_t{-2147480100}));
    auto wire = encode_message(m);
    CHECK(wire == R"([
        {"type":"reply","data":{"id":"-2147480100"}},
        {"type":"text","data":{"text":"hi "}},
        {"type":"at","data":{"qq":"20002000"}},
        {"type":"at","data":{"qq":"all"}},
        {"type":"image","data":{"file":"https://img.example/a.png"}},
        {"type":"face","data":{"id":"14"}},
        {"type":"contact","data":{"type":"group","id":"987654321"}}])"_json);
}

TEST_CASE("a reply added last is still sent first", "[onebot11][segments]") {
    bot::message m("quoted");
    m.add(seg::reply{bot::id("gT9xYz==")});
    auto wire = encode_message(m);
    REQUIRE(wire.size() == 2);
    CHECK(wire[0] == R"({"type":"reply","data":{"id":"gT9xYz=="}})"_json);
}

TEST_CASE("unknown, forward and empty segments are not sent", "[onebot11][segments]") {
    bot::message m(std::vector<bot::segment>{seg::unknown{"dice", R"({"type":"dice","data":{"result":"6"}})"},
                                             seg::forward{bot::id("abc")}, seg::text{""}, seg::image{},
                                             seg::at{bot::id(), ""}, seg::text{"kept"}});
    CHECK(encode_message(m) == R"([{"type":"text","data":{"text":"kept"}}])"_json);
}

TEST_CASE("a received card goes back as it came, a built one becomes a share", "[onebot11][segments]") {
    auto received = R"({"type":"xml","data":{"data":"<msg brief=\"x\"/>"}})"_json;
    auto c = std::get<seg::card>(one(received));
    CHECK(encode_segment(c) == received);
    CHECK(encode_segment(seg::card{"share", "", "https://a.cn", "", ""}) ==
          R"({"type":"share","data":{"url":"https://a.cn","title":"https://a.cn"}})"_json);
    CHECK_FALSE(encode_segment(seg::card{"json", "t", "", "c", ""}));
}

TEST_CASE("text a member wrote goes out as text, never as markup", "[onebot11][segments]") {
    auto wire = encode_message(bot::message("[CQ:at,qq=all] 全体注意"));
    CHECK(wire == R"([{"type":"text","data":{"text":"[CQ:at,qq=all] 全体注意"}}])"_json);
}
