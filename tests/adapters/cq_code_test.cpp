#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "adapters/onebot11/cq_code.hpp"
#include "adapters/onebot11/segments.hpp"

using adapters::onebot11::cq_escape_param;
using adapters::onebot11::cq_escape_text;
using adapters::onebot11::cq_parse;
using adapters::onebot11::cq_serialise;
using adapters::onebot11::cq_unescape;
using nlohmann::json;

namespace {

json text(std::string t) {
    return {{"type", "text"}, {"data", {{"text", std::move(t)}}}};
}
json code(std::string type, json data = json::object()) {
    return {{"type", std::move(type)}, {"data", std::move(data)}};
}

struct parse_case {
    std::string cq;
    json segments;
};

}  // namespace

TEST_CASE("the CQ-code corpus parses to the expected segments", "[onebot11][cq]") {
    std::vector<parse_case> const corpus{
        {"", json::array()},
        {"hello", {text("hello")}},
        {"a &amp; b", {text("a & b")}},
        {"&#91;x&#93;", {text("[x]")}},
        {"&amp;#91;", {text("&#91;")}},
        {"&amp;amp;", {text("&amp;")}},
        {"1&#44;2", {text("1,2")}},
        {"a,b", {text("a,b")}},
        {"&#93", {text("&#93")}},
        {"x]y[z", {text("x]y[z")}},
        {"[CQ:face,id=178]", {code("face", {{"id", "178"}})}},
        {"[CQ:at,qq=all]", {code("at", {{"qq", "all"}})}},
        {"[CQ:at,qq=10001000]hi", {code("at", {{"qq", "10001000"}}), text("hi")}},
        {"[CQ:shake]", {code("shake")}},
        {"[CQ:image,file=]", {code("image", {{"file", ""}})}},
        {"[CQ:image,file=base64://QUJD==]", {code("image", {{"file", "base64://QUJD=="}})}},
        {"[CQ:image,url=https://x.cn/y?a=1&amp;b=2]", {code("image", {{"url", "https://x.cn/y?a=1&b=2"}})}},
        {"[CQ:json,data={\"a\":1&#44;\"b\":&#91;2&#93;}]", {code("json", {{"data", "{\"a\":1,\"b\":[2]}"}})}},
        {"[CQ:at,qq=1,name=小明&#44;同学]", {code("at", {{"qq", "1"}, {"name", "小明,同学"}})}},
        {"[CQ:at,qq=1", {text("[CQ:at,qq=1")}},
        {"[CQ:at,qq=1 [CQ:face,id=2]", {text("[CQ:at,qq=1 "), code("face", {{"id", "2"}})}},
        {"[CQ:,x=1]", {text("[CQ:,x=1]")}},
        {"[CQ:at,qq]", {text("[CQ:at,qq]")}},
        {"[CQ:at,=1]", {text("[CQ:at,=1]")}},
        {"[CQ:at,]", {text("[CQ:at,]")}},
        {"[CQ:a b,x=1]", {text("[CQ:a b,x=1]")}},
        {"[cq:at,qq=1]", {text("[cq:at,qq=1]")}},
        {"[[CQ:face,id=1]", {text("["), code("face", {{"id", "1"}})}},
        {"[CQ:face,id=1]]", {code("face", {{"id", "1"}}), text("]")}},
        {"你好[CQ:face,id=1]世界🌏", {text("你好"), code("face", {{"id", "1"}}), text("世界🌏")}},
        {"[CQ:reply,id=-2147480100][CQ:at,qq=10001000] please kick &#91;spam&#93; bot",
         {code("reply", {{"id", "-2147480100"}}), code("at", {{"qq", "10001000"}}), text(" please kick [spam] bot")}},
    };
    REQUIRE(corpus.size() >= 25);
    for (auto const& c : corpus) {
        INFO("CQ string: " << c.cq);
        CHECK(cq_parse(c.cq) == c.segments);
    }
}

TEST_CASE("text escapes & [ ] but not commas, parameters also escape commas", "[onebot11][cq]") {
    CHECK(cq_escape_text("a,b&[c]") == "a,b&amp;&#91;c&#93;");
    CHECK(cq_escape_param("a,b&[c]") == "a&#44;b&amp;&#91;c&#93;");
    CHECK(cq_escape_text("") == "");
    CHECK(cq_escape_text("纯文本 🙂") == "纯文本 🙂");
}

TEST_CASE("unescaping decodes the bracket and comma entities before &amp,", "[onebot11][cq]") {
    CHECK(cq_unescape("&amp;#91;") == "&#91;");
    CHECK(cq_unescape("&amp;#44;&#44;") == "&#44;,");
    CHECK(cq_unescape("&#91;&amp;&#93;") == "[&]");
    CHECK(cq_unescape("&lt;&amp") == "&lt;&amp");
}

TEST_CASE("text that spells a CQ code stays text after serialise and parse", "[onebot11][cq]") {
    for (std::string typed : {"[CQ:at,qq=all]", "[CQ:image,file=file:///etc/passwd]", "&#91;CQ:at,qq=all&#93;",
                              "[CQ:at,qq=all", "]][[", "&amp;#91;"}) {
        INFO("typed: " << typed);
        auto wire = cq_serialise(json::array({text(typed)}));
        CHECK(wire.find("[CQ:") == std::string::npos);
        CHECK(cq_parse(wire) == json::array({text(typed)}));
    }
}

TEST_CASE("&#91, typed by a member round-trips as the five characters", "[onebot11][cq]") {
    auto wire = cq_serialise(json::array({text("&#91;")}));
    CHECK(wire == "&amp;#91;");
    CHECK(cq_parse(wire) == json::array({text("&#91;")}));
}

TEST_CASE("a nickname that spells @all stays inside its at segment", "[onebot11][cq]") {
    auto segments = json::array({code("at", {{"qq", "20002000"}, {"name", "[CQ:at,qq=all],x=y"}}), text(" hi")});
    auto wire = cq_serialise(segments);
    CHECK(wire == "[CQ:at,name=&#91;CQ:at&#44;qq=all&#93;&#44;x=y,qq=20002000] hi");
    CHECK(cq_parse(wire) == segments);
}

TEST_CASE("parameter values keep '=' and escaped commas through a round trip", "[onebot11][cq]") {
    auto segments = json::array({code("image", {{"file", "base64://QUJD=="}, {"url", "https://a.cn/?x=1,y=2&z=[3]"}})});
    CHECK(cq_parse(cq_serialise(segments)) == segments);
}

TEST_CASE("serialising writes numbers as digits and skips null values", "[onebot11][cq]") {
    CHECK(cq_serialise(json::array({code("face", {{"id", 14}, {"resultId", nullptr}})})) == "[CQ:face,id=14]");
    CHECK(cq_serialise(code("shake")) == "[CQ:shake]");
}

TEST_CASE("serialising skips segments whose type or keys could break the syntax", "[onebot11][cq]") {
    auto segments =
        json::array({code("at,qq=all"), code("face", {{"id", "1"}, {"bad,key", "x"}}), json(5), text("ok")});
    CHECK(cq_serialise(segments) == "[CQ:face,id=1]ok");
    CHECK(cq_serialise(json("not segments")) == "");
}

TEST_CASE("a CQ string decodes to the same message as the array form", "[onebot11][cq]") {
    auto from_cq = adapters::onebot11::decode_message(json("[CQ:at,qq=all] Tom &amp; Jerry &#91;CQ:at,qq=all&#93;"));
    REQUIRE(from_cq.ok());
    auto const& segs = from_cq->segments();
    REQUIRE(segs.size() == 2);
    CHECK(std::holds_alternative<bot::seg::at_all>(segs[0]));
    CHECK(std::get<bot::seg::text>(segs[1]).content == " Tom & Jerry [CQ:at,qq=all]");
}
