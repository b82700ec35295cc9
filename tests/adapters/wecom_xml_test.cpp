// WeCom's flat callback XML: fields in text or CDATA, Item lists, and replies whose values survive
// any text; anything but one <xml> element, and any DOCTYPE, is refused.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "adapters/wecom/xml.hpp"

using adapters::wecom::build_xml;
using adapters::wecom::parse_xml;

TEST_CASE("XML fields read the same from text and from CDATA", "[wecom]") {
    auto xml = parse_xml(
        "<xml><ToUserName><![CDATA[ww0123456789abcdef]]></ToUserName><CreateTime>1409659813</CreateTime>"
        "<Content><![CDATA[a < b & c]]></Content><Escaped>a &lt; b &amp; c&#33;</Escaped><Empty></Empty></xml>");
    REQUIRE(xml);
    CHECK(*xml->get("ToUserName") == "ww0123456789abcdef");
    CHECK(*xml->get("CreateTime") == "1409659813");
    CHECK(*xml->get("Content") == "a < b & c");
    CHECK(*xml->get("Escaped") == "a < b & c!");
    CHECK(*xml->get("Empty") == "");
    CHECK(xml->get("Missing") == nullptr);
}

TEST_CASE("a customer group change reads its MemChangeList items", "[wecom]") {
    auto xml = parse_xml(R"(<?xml version="1.0" encoding="UTF-8"?>
<xml>
  <ToUserName><![CDATA[toUser]]></ToUserName>
  <MsgType><![CDATA[event]]></MsgType>
  <Event><![CDATA[change_external_chat]]></Event>
  <ChatId><![CDATA[wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA]]></ChatId>
  <ChangeType><![CDATA[update]]></ChangeType>
  <UpdateDetail><![CDATA[add_member]]></UpdateDetail>
  <MemChangeList><Item>Jack</Item><Item><![CDATA[Rose]]></Item></MemChangeList>
</xml>)");
    REQUIRE(xml);
    CHECK(*xml->get("UpdateDetail") == "add_member");
    REQUIRE(xml->lists.count("MemChangeList") == 1);
    CHECK(xml->lists.at("MemChangeList") == std::vector<std::string>{"Jack", "Rose"});
    CHECK(xml->get("MemChangeList") == nullptr);
}

TEST_CASE("nested elements other than Item lists read as their text", "[wecom]") {
    auto xml = parse_xml(
        "<xml><Outer>a<Inner>b<Deeper>c</Deeper></Inner>d</Outer><Mixed><Item>x</Item><Other/></Mixed></xml>");
    REQUIRE(xml);
    CHECK(*xml->get("Outer") == "abcd");
    CHECK(xml->get("Mixed"));
    CHECK(xml->lists.empty());
}

TEST_CASE("a reply built with \"]]>\" in its values reads back the same", "[wecom]") {
    std::vector<std::pair<std::string, std::string>> fields{{"Encrypt", "abc+/=="},
                                                            {"MsgSignature", "]]>"},
                                                            {"TimeStamp", "1409659813"},
                                                            {"Nonce", "x]]>y]]]]>z<![CDATA[&lt;"},
                                                            {"Empty", ""}};
    auto text = build_xml(fields);
    CHECK(text.starts_with("<xml><Encrypt><![CDATA[abc+/==]]></Encrypt>"));
    auto xml = parse_xml(text);
    REQUIRE(xml);
    for (auto const& [name, value] : fields) {
        REQUIRE(xml->get(name));
        CHECK(*xml->get(name) == value);
    }
}

TEST_CASE("a DOCTYPE with entities is refused and nothing is expanded", "[wecom]") {
    std::string error;
    auto laughs = R"(<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<xml><Content>&lol4;</Content></xml>)";
    CHECK_FALSE(parse_xml(laughs, &error));
    CHECK(error == "XML with a DOCTYPE");
    auto external = R"(<!DOCTYPE xml [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><Content>&e;</Content></xml>)";
    CHECK_FALSE(parse_xml(external));
    // Without a declaration an unknown entity stays as it was written.
    auto undeclared = parse_xml("<xml><Content>&lol4;</Content></xml>");
    REQUIRE(undeclared);
    CHECK(*undeclared->get("Content") == "&lol4;");
}

TEST_CASE("anything but one xml root element is refused with a reason", "[wecom]") {
    std::vector<std::string> refused{"",
                                     "   ",
                                     "garbage",
                                     "<xml/><xml/>",
                                     "<xml></xml>tail",
                                     "<other/>",
                                     "<xml><A>1</A>",
                                     "<xml><A>1</xml>",
                                     std::string("<xml>\0</xml>", 12),
                                     "{\"encrypt\":\"abc\"}"};
    for (auto const& text : refused) {
        std::string error;
        std::optional<adapters::wecom::xml_fields> xml;
        CHECK_NOTHROW(xml = parse_xml(text, &error));
        CHECK_FALSE(xml);
        CHECK_FALSE(error.empty());
    }
    CHECK(parse_xml("<xml/>"));
    CHECK(parse_xml("<xml><!-- a comment --></xml>\n"));
}

TEST_CASE("XML longer than 1 MiB is refused before parsing", "[wecom]") {
    std::string error;
    auto big = "<xml><A>" + std::string(adapters::wecom::max_xml_size, 'a') + "</A></xml>";
    CHECK_FALSE(parse_xml(big, &error));
    CHECK(error == "XML longer than 1 MiB");
}
