#include <catch2/catch.hpp>

#include <limits>
#include <unordered_set>

#include "bot/event.hpp"
#include "bot/id.hpp"
#include "bot/message.hpp"
#include "bot/money.hpp"

using bot::id;

// ---- id ----

TEST_CASE("a negative integer id stays an integer", "[model][id]") {
    id v(std::int64_t{-2147483648LL});
    REQUIRE(v.is_int());
    REQUIRE(v.as_int() == -2147483648LL);
    REQUIRE(v.str() == "-2147483648");
}

TEST_CASE("an id beyond 32 bits keeps every digit", "[model][id]") {
    auto big = std::numeric_limits<std::int64_t>::max();
    id v(big);
    REQUIRE(v.is_int());
    REQUIRE(v.as_int() == big);
    REQUIRE(id::decode(v.encode()) == v);
}

TEST_CASE("a string id that looks like a number stays a string", "[model][id]") {
    id v("12345");
    REQUIRE(v.is_string());
    REQUIRE_FALSE(v.is_int());
    REQUIRE(v.to_int() == 12345);
    REQUIRE(v != id(std::int64_t{12345}));
}

TEST_CASE("encode and decode round-trip the type and the value", "[model][id]") {
    for (auto const& v : {id(std::int64_t{-7}), id(std::int64_t{0}), id("abc"), id("i:5"), id("-7"), id("")}) {
        auto back = id::decode(v.encode());
        REQUIRE(back == v);
        REQUIRE(back.is_int() == v.is_int());
    }
    REQUIRE(id::decode("i:-42").as_int() == -42);
    REQUIRE(id::decode("s:-42").as_string() == "-42");
}

TEST_CASE("an empty id encodes to nothing and decodes back to empty", "[model][id]") {
    id v;
    REQUIRE(v.empty());
    REQUIRE(v.encode().empty());
    REQUIRE(id::decode("").empty());
    REQUIRE(v.str().empty());
}

TEST_CASE("plain text without a type tag decodes as a string", "[model][id]") {
    auto v = id::decode("wxid_abc");
    REQUIRE(v.is_string());
    REQUIRE(v.as_string() == "wxid_abc");
}

TEST_CASE("to_int refuses text that is not wholly a number", "[model][id]") {
    REQUIRE_FALSE(id("12ab").to_int());
    REQUIRE_FALSE(id("").to_int());
    REQUIRE_FALSE(id().to_int());
    REQUIRE(id("-3").to_int() == -3);
}

TEST_CASE("the integer and string forms of the same digits hash apart", "[model][id]") {
    std::unordered_set<id> ids{id(std::int64_t{5}), id("5")};
    REQUIRE(ids.size() == 2);
    REQUIRE(ids.count(id(std::int64_t{5})) == 1);
}

// ---- money ----

TEST_CASE("whole yuan parse to fen", "[model][money]") {
    REQUIRE(bot::parse_money("50") == 5000);
    REQUIRE(bot::parse_money("0") == 0);
    REQUIRE(bot::parse_money(" 8 ") == 800);
}

TEST_CASE("decimals and currency marks are understood", "[model][money]") {
    REQUIRE(bot::parse_money("50.5元") == 5050);
    REQUIRE(bot::parse_money("50.50 元") == 5050);
    REQUIRE(bot::parse_money("0.01") == 1);
    REQUIRE(bot::parse_money("¥8") == 800);
    REQUIRE(bot::parse_money("￥ 8.8") == 880);
    REQUIRE(bot::parse_money("50块") == 5000);
    REQUIRE(bot::parse_money("3块钱") == 300);
}

TEST_CASE("negative, over-precise and non-numeric amounts are rejected", "[model][money]") {
    for (auto text : {"-1", "1.234", "abc", "", "元", "1.", ".5", "1,000", "1e3", "+5", "5 5", "¥-1", "50元元"})
        REQUIRE_FALSE(bot::parse_money(text));
}

TEST_CASE("an amount too large to hold is rejected, not wrapped", "[model][money]") {
    REQUIRE_FALSE(bot::parse_money("99999999999999999999"));
    REQUIRE_FALSE(bot::parse_money("92233720368547758.08"));  // one fen past int64
    auto largest = bot::parse_money("9223372036854775.99");
    REQUIRE(largest);
    REQUIRE(*largest > 0);
}

TEST_CASE("fen format as yuan with two decimals", "[model][money]") {
    REQUIRE(bot::format_money(5050) == "50.50");
    REQUIRE(bot::format_money(1) == "0.01");
    REQUIRE(bot::format_money(0) == "0.00");
    REQUIRE(bot::format_money(-5) == "-0.05");
    REQUIRE(bot::format_money(std::numeric_limits<bot::fen>::min()) == "-92233720368547758.08");
}

TEST_CASE("a formatted amount parses back to the same fen", "[model][money]") {
    for (bot::fen f : {0, 1, 99, 100, 12345, 100000000})
        REQUIRE(bot::parse_money(bot::format_money(f)) == f);
}

// ---- message ----

TEST_CASE("adjacent text is merged into one segment", "[model][message]") {
    bot::message m;
    m.text("a").text("b").at(id("u1")).text("c");
    REQUIRE(m.segments().size() == 3);
    REQUIRE(std::get<bot::seg::text>(m.segments()[0]).content == "ab");
}

TEST_CASE("markup typed by a member stays plain text", "[model][message]") {
    bot::message m("[CQ:at,qq=all] @全体成员 <at id=\"all\"/>");
    REQUIRE(m.segments().size() == 1);
    REQUIRE_FALSE(m.has<bot::seg::at_all>());
    REQUIRE_FALSE(m.has<bot::seg::at>());
    REQUIRE(m.text_only() == "[CQ:at,qq=all] @全体成员 <at id=\"all\"/>");
}

TEST_CASE("a quote goes in front of the message", "[model][message]") {
    bot::message m("hi");
    m.reply_to(id(std::int64_t{-9}));
    REQUIRE(bot::segment_type(m.segments().front()) == "reply");
    REQUIRE(m.first<bot::seg::reply>()->message == id(std::int64_t{-9}));
}

TEST_CASE("plain text shows mentions by name and text_only leaves them out", "[model][message]") {
    bot::message m;
    m.text("hi ").at(id("u1"), "alice").text(" and ").at(id("u2")).at_all();
    REQUIRE(m.plain_text() == "hi @alice and @u2@全体成员");
    REQUIRE(m.text_only() == "hi  and ");
    REQUIRE(m.mentions(id("u2")));
    REQUIRE_FALSE(m.mentions(id("u3")));
}

TEST_CASE("an empty string makes an empty message", "[model][message]") {
    REQUIRE(bot::message("").empty());
    REQUIRE(bot::message().text("").empty());
}

TEST_CASE("messages compare by their segments", "[model][message]") {
    REQUIRE(bot::message("a") == bot::message("a"));
    REQUIRE_FALSE(bot::message("a") == bot::message("b"));
    REQUIRE_FALSE(bot::message().at(id("u1")) == bot::message().at(id("u2")));
    REQUIRE_FALSE(bot::message().at(id(std::int64_t{1})) == bot::message().at(id("1")));
}

// ---- event dedupe keys ----

namespace {

bot::event group_msg(bot::id message_id, std::string self = "bot") {
    bot::ev::group_message m{std::move(message_id), id("g1"), bot::sender{id("u1"), "u1", {}, bot::role::member},
                             bot::message("hi"), false};
    return bot::event{"qq", id(std::move(self)), bot::time_point(std::chrono::seconds(1000)), m};
}

}  // namespace

TEST_CASE("the same message delivered twice has the same key", "[model][event]") {
    auto a = group_msg(id(std::int64_t{-5}));
    auto b = group_msg(id(std::int64_t{-5}));
    b.time += std::chrono::seconds(3);  // a re-delivery may carry another timestamp
    REQUIRE_FALSE(a.dedupe_key().empty());
    REQUIRE(a.dedupe_key() == b.dedupe_key());
}

TEST_CASE("the same message_id as a number and as a string has the same key", "[model][event]") {
    REQUIRE(group_msg(id("5")).dedupe_key() == group_msg(id(std::int64_t{5})).dedupe_key());
    REQUIRE(group_msg(id("-5")).dedupe_key() == group_msg(id(std::int64_t{-5})).dedupe_key());
    REQUIRE(group_msg(id("05")).dedupe_key() != group_msg(id(std::int64_t{5})).dedupe_key());
}

TEST_CASE("different messages, kinds or accounts have different keys", "[model][event]") {
    auto base = group_msg(id(std::int64_t{5})).dedupe_key();
    REQUIRE(group_msg(id(std::int64_t{6})).dedupe_key() != base);
    REQUIRE(group_msg(id(std::int64_t{5}), "bot2").dedupe_key() != base);
    bot::event p{"qq", id("bot"), {}, bot::ev::private_message{id(std::int64_t{5}), {}, {}, {}}};
    REQUIRE(p.dedupe_key() != base);
}

TEST_CASE("a member joining again later is a new event", "[model][event]") {
    bot::ev::member_joined j{id("g1"), id("u1"), {}, "approve", "u1"};
    bot::event a{"qq", id("bot"), bot::time_point(std::chrono::seconds(100)), j};
    bot::event b = a;
    REQUIRE(a.dedupe_key() == b.dedupe_key());
    b.time += std::chrono::seconds(600);
    REQUIRE(a.dedupe_key() != b.dedupe_key());
}

TEST_CASE("a group notice seen through two accounts has one key, the bot's own removal does not", "[model][event]") {
    bot::ev::member_muted m{id("g1"), id("u1"), id("admin"), std::chrono::seconds(600), false};
    bot::event a{"qq", id("bot"), bot::time_point(std::chrono::seconds(100)), m};
    bot::event b{"qq", id("bot2"), bot::time_point(std::chrono::seconds(100)), m};
    REQUIRE(a.dedupe_key() == b.dedupe_key());
    bot::event removed{"qq", id("bot"), a.time, bot::ev::member_left{id("g1"), id("bot"), id("admin"), true, true}};
    bot::event seen{"qq", id("bot2"), a.time, bot::ev::member_left{id("g1"), id("bot"), id("admin"), true, false}};
    REQUIRE(removed.dedupe_key() != seen.dedupe_key());
}

TEST_CASE("join requests are keyed by their flag", "[model][event]") {
    bot::event a{"qq", id("bot"), {}, bot::ev::join_request{id("g1"), id("u1"), "hi", id("f1"), false}};
    bot::event b{"qq", id("bot"), {}, bot::ev::join_request{id("g1"), id("u1"), "hi", id("f2"), false}};
    REQUIRE(a.dedupe_key() != b.dedupe_key());
}

TEST_CASE("lifecycle events are never deduplicated", "[model][event]") {
    bot::event e{"qq", id("bot"), {}, bot::ev::lifecycle{}};
    REQUIRE(e.dedupe_key().empty());
    REQUIRE(e.kind() == "lifecycle");
}
