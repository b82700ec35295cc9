#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "adapters/onebot11/fast_reader.hpp"
#include "onebot11_compare.hpp"
#include "onebot11_fixtures.hpp"

using namespace adapters::onebot11;
using testing::onebot11::fixture_dir;
using testing::onebot11::fixture_text;
using testing::onebot11::same_event;
namespace seg = bot::seg;

namespace {

// What the fast reader made of `text`, held to what decode_text makes of it: nullopt when declined.
std::optional<decoded> both(fast_reader& reader, std::string const& text) {
    auto fast = reader.read(text);
    if (!fast) return fast;
    auto slow = decode_text(text);
    INFO(text << "\nfull decoder: " << slow.reason);
    REQUIRE(fast->is(decoded::kind::event));
    REQUIRE(slow.is(decoded::kind::event));
    CHECK(fast->own == slow.own);
    CHECK(same_event(*fast->event, *slow.event));
    return fast;
}

std::string read_file(std::filesystem::path const& p) {
    std::ifstream in(p);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::string group_frame(std::string const& fields, std::string const& message) {
    return R"({"time":1700000000,"self_id":10001000,"post_type":"message","message_type":"group","sub_type":"normal",)"
           R"("message_id":7,"group_id":123456789,"user_id":20002000,"sender":{"user_id":20002000,"nickname":"amy",)"
           R"("card":"Amy","role":"admin"},"message":)" +
           message + fields + "}";
}

}  // namespace

TEST_CASE("the fast reader serves the usual message frames, each exactly as the full decoder reads it",
          "[onebot11][fast]") {
    fast_reader reader;
    std::vector<std::string> served;
    for (auto const& entry : std::filesystem::directory_iterator(fixture_dir())) {
        auto text = read_file(entry.path());
        if (both(reader, text)) served.push_back(entry.path().stem().string());
    }
    // Declining everything would pass the comparison above; these are the shapes nearly every
    // message has, and the reader must take them.
    for (auto name : {"napcat_group_array", "napcat_private_friend", "napcat_private_temp", "group_big_message_id",
                      "napcat_ms_timestamp", "lagrange_group_anonymous_null"}) {
        INFO(name);
        CHECK(std::find(served.begin(), served.end(), name) != served.end());
    }
    // Frames it leaves to the full decoder: CQ strings, anonymous senders, cards, unknown segments,
    // the bot's own messages posted as message_sent, notices and meta events.
    for (auto name : {"gocq_group_string", "gocq_group_anonymous", "napcat_group_cards", "napcat_unknown_segment",
                      "napcat_message_sent", "notice_group_recall", "meta_heartbeat"}) {
        INFO(name);
        if (std::filesystem::exists(fixture_dir() / (std::string(name) + ".json")))
            CHECK_FALSE(reader.read(fixture_text(name)));
    }
}

TEST_CASE("the fast reader reads every segment kind it knows and every ID type", "[onebot11][fast]") {
    fast_reader reader;
    auto d = both(reader, group_frame(R"(,"real_seq":"4411")",
                                      R"([{"type":"reply","data":{"id":"-2147480100"}},{"type":"at","data":{"qq":"30003000","name":"bo"}},)"
                                      R"({"type":"at","data":{"qq":"all"}},{"type":"text","data":{"text":" hi \"there\" \u4f60\ud83d\ude00"}},)"
                                      R"({"type":"face","data":{"id":"14"}},{"type":"image","data":{"file":"a.jpg","url":"https://x/a.jpg","summary":"[pic]"}}])"));
    REQUIRE(d);
    auto const& m = *d->event->as<bot::ev::group_message>();
    CHECK(m.from.role == bot::role::admin);
    CHECK(m.from.card == "Amy");
    CHECK(m.seq == bot::id(std::string("4411")));
    REQUIRE(m.content.segments().size() == 6);
    CHECK(std::get<seg::reply>(m.content.segments()[0]).message == bot::id(-2147480100));
    CHECK(std::get<seg::at>(m.content.segments()[1]).user == bot::id(30003000));
    CHECK(std::holds_alternative<seg::at_all>(m.content.segments()[2]));
    CHECK(std::get<seg::text>(m.content.segments()[3]).content == " hi \"there\" 你😀");
    CHECK(std::get<seg::image>(m.content.segments()[5]).summary == "[pic]");

    // IDs as strings, past INT64_MAX (Lagrange's unsigned numbers) and negative.
    auto big = both(reader, R"({"time":1700000000,"self_id":"10001000","post_type":"message","message_type":"group",)"
                            R"("message_id":-5,"group_id":18446744073709551615,"user_id":"u_abc","message":[]})");
    REQUIRE(big);
    CHECK(big->event->as<bot::ev::group_message>()->group == bot::id::from_unsigned(18446744073709551615ULL));
    CHECK(big->event->as<bot::ev::group_message>()->from.user == bot::id(std::string("u_abc")));
    // Numbers where the spec has strings (NapCat's face IDs), null where it has text.
    CHECK(both(reader, group_frame("", R"([{"type":"text","data":{"text":5}},{"type":"face","data":{"id":14}},)"
                                       R"({"type":"image","data":{"url":null,"file":12,"summary":false}}])")));
    // The bot's own message sent from another device (go-cqhttp: user_id == self_id).
    auto own = both(reader, R"({"time":1700000000,"self_id":10001000,"post_type":"message","message_type":"private",)"
                            R"("message_id":1,"user_id":10001000,"message":[{"type":"text","data":{"text":"x"}}]})");
    REQUIRE(own);
    CHECK(own->own);
}

TEST_CASE("the fast reader declines what it cannot read exactly as the full decoder would", "[onebot11][fast]") {
    fast_reader reader;
    auto text = [](char const* t) { return std::string(R"([{"type":"text","data":{"text":)") + t + "}}]"; };
    std::vector<std::string> declined{
        // Duplicate keys: the full decoder keeps the last one.
        group_frame(R"(,"group_id":5)", text(R"("a")")),
        group_frame("", R"([{"type":"text","data":{"text":"a","text":"b"}}])"),
        R"({"time":1,"self_id":1,"post_type":"message","message_type":"group","message_id":1,"group_id":2,"user_id":3,"sender":{"card":"a","card":"b"},"message":[]})",
        // Bytes and escapes parse_json repairs.
        group_frame("", text("\"a\\ud800b\"")),
        group_frame("", text("\"a\xFF\"")),
        group_frame("", text("\"a\x01\"")),
        // Floats where IDs are, odd types of optional fields.
        group_frame("", text("5.5")),
        group_frame(R"(,"sub_type":5)", text(R"("a")")),
        group_frame(R"(,"message_sent_type":false)", text(R"("a")")),
        R"({"time":1.5,"self_id":1,"post_type":"message","message_type":"group","message_id":1,"group_id":2,"user_id":3,"message":[]})",
        R"({"time":1,"self_id":1,"post_type":"message","message_type":"group","message_id":1.0,"group_id":2,"user_id":3,"message":[]})",
        R"({"time":1,"self_id":1,"post_type":"message","message_type":"group","message_id":1,"user_id":3,"message":[]})",
        R"({"time":1,"self_id":1,"post_type":"message","message_type":"group","message_id":1,"group_id":2,"user_id":3,"message":null})",
        R"({"time":1,"self_id":1,"post_type":"message","message_type":"group","message_id":1,"group_id":2,"user_id":3,"message":"[CQ:face,id=1]"})",
        R"({"time":1,"self_id":1,"post_type":"message","message_type":"guild","message_id":1,"group_id":2,"user_id":3,"message":[]})",
        R"({"time":1,"self_id":1,"post_type":"message","message_type":"group","message_id":1,"group_id":2,"user_id":3,"message":[]} x)",
        group_frame(R"(,"anonymous":{"id":1,"name":"x","flag":"f"})", text(R"("a")")),
        group_frame("", R"([{"type":"at","data":{"qq":null}}])"),
        group_frame("", R"([{"type":"face","data":{"id":true}}])"),
        group_frame("", R"([{"type":"text"}])"),
        // Action responses and frames past the size bound.
        R"({"status":"ok","retcode":0,"data":{"message_id":5},"echo":3})",
        group_frame("", text(("\"" + std::string(fast_reader::max_bytes, 'a') + "\"").c_str())),
        std::string(70, '[') + std::string(70, ']'),
    };
    for (auto const& t : declined) {
        INFO(t.substr(0, 300));
        CHECK_FALSE(reader.read(t));
    }
    // After all of that the reader still serves (its parser is reused).
    CHECK(both(reader, group_frame("", text(R"("again")"))));
}

TEST_CASE("the fast reader and the full decoder agree on every frame of the fuzz seeds", "[onebot11][fast]") {
    fast_reader reader;
    auto seeds = fixture_dir().parent_path().parent_path() / "fuzz" / "corpus" / "fuzz_onebot11_frame";
    REQUIRE(std::filesystem::exists(seeds));
    int served = 0;
    for (auto const& entry : std::filesystem::directory_iterator(seeds))
        if (both(reader, read_file(entry.path()))) ++served;
    CHECK(served >= 5);
}
