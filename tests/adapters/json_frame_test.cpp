// Peer JSON parsed within bounds: deep nesting refused before anything recurses, lone surrogates
// and stray bytes read as U+FFFD instead of losing the frame.
#include <catch2/catch.hpp>

#include <string>

#include "adapters/net/json_frame.hpp"
#include "adapters/onebot11/decode.hpp"
#include "adapters/onebot12/decode.hpp"

using adapters::net::parse_json;

namespace {

std::string nested(std::size_t depth, std::string const& open = "[", std::string const& close = "]") {
    std::string out;
    for (std::size_t i = 0; i < depth; ++i) out += open;
    out += "1";
    for (std::size_t i = 0; i < depth; ++i) out += close;
    return out;
}

}  // namespace

TEST_CASE("JSON nested 80,000 deep is refused with a reason, without recursion", "[net][json]") {
    auto frame = parse_json(nested(80000));
    CHECK_FALSE(frame);
    CHECK(frame.error == "nested deeper than 64 levels");
    CHECK_FALSE(parse_json(nested(80000, "{\"a\":", "}")));
}

TEST_CASE("JSON at the depth limit parses, one level more does not", "[net][json]") {
    CHECK(parse_json(nested(64)));
    CHECK_FALSE(parse_json(nested(65)));
}

TEST_CASE("brackets inside strings do not count as nesting", "[net][json]") {
    auto text = "{\"text\":\"" + std::string(1000, '[') + "\\\"[[[\"}";
    auto frame = parse_json(text);
    REQUIRE(frame);
    CHECK(frame.value["text"].get<std::string>().size() == 1004);
}

TEST_CASE("a lone surrogate escape reads as U+FFFD instead of dropping the frame", "[net][json]") {
    auto frame = parse_json(R"({"text":"a\ud800b","low":"\udc00","pair":"\ud83d\ude00","esc":"\\ud800"})");
    REQUIRE(frame);
    CHECK(frame.repaired);
    CHECK(frame.value["text"] == "a\xEF\xBF\xBD" "b");
    CHECK(frame.value["low"] == "\xEF\xBF\xBD");
    CHECK(frame.value["pair"] == "\xF0\x9F\x98\x80");
    CHECK(frame.value["esc"] == "\\ud800");  // an escaped backslash, then plain text
}

TEST_CASE("bytes that are not UTF-8 and raw control characters in strings are repaired", "[net][json]") {
    auto frame = parse_json("{\"a\":\"x\xFFy\",\"b\":\"\xED\xA0\x80\",\"c\":\"line\nbreak\"}");
    REQUIRE(frame);
    CHECK(frame.value["a"] == "x\xEF\xBF\xBDy");
    CHECK(frame.value["b"] == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(frame.value["c"] == "line\nbreak");
}

TEST_CASE("well-formed frames are not copied or changed", "[net][json]") {
    auto frame = parse_json(R"({"post_type":"message","message":"你好 \u4f60"})");
    REQUIRE(frame);
    CHECK_FALSE(frame.repaired);
    CHECK(frame.value["message"] == "你好 你");
}

TEST_CASE("both decoders refuse deeply nested frames in every position the peer controls", "[net][json]") {
    auto deep = nested(80000, "{\"x\":", "}");
    for (auto const& text : {
             R"({"status":"ok","retcode":0,"echo":)" + deep + "}",
             R"({"post_type":"message","message_type":"group","message":[{"type":"text","data":)" + deep + "}]}",
             R"({"post_type":"message","message_type":"group","message":[{"type":"at","data":{"qq":)" + deep +
                 "}}]}",
         }) {
        CHECK(adapters::onebot11::decode_text(text).reason == "frame is nested deeper than 64 levels");
        CHECK(adapters::onebot12::decode_text(text).reason == "frame is nested deeper than 64 levels");
    }
}

TEST_CASE("a card whose JSON string payload nests deeply decodes without recursion", "[net][json]") {
    // The ark payload is itself a JSON string: parsed within the same bounds.
    auto payload = nlohmann::json(nested(80000, "{\"a\":", "}")).dump();
    auto text = R"({"time":1,"self_id":1,"post_type":"message","message_type":"group","sub_type":"normal",)"
                R"("message_id":1,"group_id":2,"user_id":3,"raw_message":"","font":0,"sender":{"user_id":3},)"
                R"("message":[{"type":"json","data":{"data":)" + payload + "}}]}";
    auto d = adapters::onebot11::decode_text(text);
    CHECK(d.is(adapters::onebot11::decoded::kind::event));
}
