#include "bot/outbox.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "tests/support/async.hpp"
#include "tests/support/fake_platform.hpp"

using namespace std::chrono;
using bot::message;

namespace {

std::size_t code_points(std::string const& s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::size_t lines(std::string const& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')) + 1; }

std::string repeat(std::string const& unit, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += unit;
    return out;
}

/// The text of every part, after checking each part keeps within the limits and is not blank.
std::vector<std::string> split_texts(message const& m, std::size_t max_chars, std::size_t max_lines) {
    std::vector<std::string> out;
    for (auto const& part : bot::split_message(m, max_chars, max_lines)) {
        auto text = part.text_only();
        INFO("part: " << text);
        REQUIRE_FALSE(part.empty());
        REQUIRE((text.find_first_not_of('\n') != std::string::npos || part.segments().size() > 1 ||
                 !std::holds_alternative<bot::seg::text>(part.segments()[0])));
        REQUIRE(code_points(text) <= max_chars);
        REQUIRE(lines(text) <= max_lines);
        out.push_back(text);
    }
    return out;
}

}  // namespace

TEST_CASE("a short message is sent as it is", "[outbox][split]") {
    message m;
    m.reply_to(bot::id("m1")).text("hi ").at(bot::id("u1"));
    auto parts = bot::split_message(m, 100, 5);
    REQUIRE(parts.size() == 1);
    REQUIRE(parts[0] == m);
}

TEST_CASE("Chinese text is split by code points, not bytes", "[outbox][split]") {
    auto text = repeat("中", 25);  // 75 bytes
    auto parts = split_texts(message(text), 10, 100);
    REQUIRE(parts == std::vector<std::string>{repeat("中", 10), repeat("中", 10), repeat("中", 5)});
    REQUIRE(split_texts(message(repeat("中", 10)), 10, 100).size() == 1);
}

TEST_CASE("four-byte characters are never cut in half", "[outbox][split]") {
    auto text = repeat("😀a", 7);
    auto parts = split_texts(message(text), 4, 100);
    std::string joined;
    for (auto const& p : parts) joined += p;
    REQUIRE(joined == text);
    REQUIRE(parts.size() == 4);
}

TEST_CASE("too many lines are split into parts of at most max_lines", "[outbox][split]") {
    auto parts = split_texts(message("l1\nl2\nl3\nl4\nl5\nl6\nl7"), 1000, 3);
    REQUIRE(parts == std::vector<std::string>{"l1\nl2\nl3", "l4\nl5\nl6", "l7"});
}

TEST_CASE("splits prefer line breaks to cutting a line", "[outbox][split]") {
    auto parts = split_texts(message("第一行内容\n第二行内容\n第三行内容"), 12, 100);
    REQUIRE(parts == std::vector<std::string>{"第一行内容\n第二行内容", "第三行内容"});
}

TEST_CASE("a line longer than a part is cut and the rest continues", "[outbox][split]") {
    auto parts = split_texts(message("ab\n" + repeat("x", 12) + "\ncd"), 5, 100);
    REQUIRE(parts == std::vector<std::string>{"ab", "xxxxx", "xxxxx", "xx\ncd"});
}

TEST_CASE("blank lines and edges never produce an empty part", "[outbox][split]") {
    for (auto const* text : {"a\n\n\n\n\nb", "\n\n\n\n\n\n", "\nabc\n", "abcdef\n\n\n", "\n\n\nabcdefgh", "a\n\nb\n\nc\n\n"})
        for (std::size_t max_lines : {1, 2, 3})
            for (std::size_t max_chars : {1, 3, 4}) {
                INFO(text << " / " << max_chars << " chars / " << max_lines << " lines");
                auto parts = split_texts(message(text), max_chars, max_lines);
                std::string visible;
                for (auto const& p : parts) visible += p;
                visible.erase(std::remove(visible.begin(), visible.end(), '\n'), visible.end());
                std::string expected(text);
                expected.erase(std::remove(expected.begin(), expected.end(), '\n'), expected.end());
                REQUIRE(visible == expected);  // no character is lost
            }
}

TEST_CASE("a quote stays on the first part only", "[outbox][split]") {
    message m(repeat("字", 30));
    m.reply_to(bot::id(std::int64_t{-77}));
    auto parts = bot::split_message(m, 10, 100);
    REQUIRE(parts.size() == 3);
    REQUIRE(parts[0].first<bot::seg::reply>());
    REQUIRE(parts[0].first<bot::seg::reply>()->message == bot::id(std::int64_t{-77}));
    REQUIRE(std::holds_alternative<bot::seg::reply>(parts[0].segments().front()));
    REQUIRE_FALSE(parts[1].has<bot::seg::reply>());
    REQUIRE_FALSE(parts[2].has<bot::seg::reply>());
}

TEST_CASE("images and mentions are kept once, in order", "[outbox][split]") {
    message m;
    m.at(bot::id("u1"), "alice").text(repeat("a", 8)).image("http://x/1.png").text(repeat("b", 8));
    auto parts = bot::split_message(m, 10, 100);
    REQUIRE(parts.size() >= 2);
    std::vector<std::string_view> kinds;
    std::string text;
    for (auto const& p : parts) {
        REQUIRE_FALSE(p.empty());
        for (auto const& s : p.segments()) kinds.push_back(bot::segment_type(s));
        text += p.text_only();
    }
    REQUIRE(std::count(kinds.begin(), kinds.end(), "at") == 1);
    REQUIRE(std::count(kinds.begin(), kinds.end(), "image") == 1);
    REQUIRE(std::find(kinds.begin(), kinds.end(), "at") < std::find(kinds.begin(), kinds.end(), "image"));
    REQUIRE(text == repeat("a", 8) + repeat("b", 8));
    REQUIRE(parts[0].has<bot::seg::at>());
}

// ---- pacing ----

TEST_CASE("the pacer lets a burst through and then spaces sends by the interval", "[outbox][pacer]") {
    bot::pacer p(milliseconds(1000), 3);
    auto t0 = bot::pacer::clock::time_point{} + hours(5);
    std::vector<milliseconds> slots;
    for (int i = 0; i < 6; ++i) {
        auto at = p.earliest(t0);
        p.book(at);
        slots.push_back(duration_cast<milliseconds>(at - t0));
    }
    REQUIRE(slots == std::vector<milliseconds>{0ms, 0ms, 0ms, 1000ms, 2000ms, 3000ms});
}

TEST_CASE("after a quiet spell the pacer allows a full burst again", "[outbox][pacer]") {
    bot::pacer p(milliseconds(100), 2);
    auto t0 = bot::pacer::clock::time_point{} + hours(5);
    for (int i = 0; i < 5; ++i) p.book(p.earliest(t0));
    auto later = t0 + seconds(10);
    REQUIRE(p.earliest(later) == later);
    p.book(later);
    REQUIRE(p.earliest(later) == later);
    p.book(later);
    REQUIRE(p.earliest(later) == later + milliseconds(100));
}

TEST_CASE("a pacer with a burst of one spaces every send", "[outbox][pacer]") {
    bot::pacer p(milliseconds(250), 1);
    auto t0 = bot::pacer::clock::time_point{} + hours(5);
    REQUIRE(p.earliest(t0) == t0);
    p.book(t0);
    REQUIRE(p.earliest(t0) == t0 + 250ms);
    REQUIRE(p.earliest(t0 + 1s) == t0 + 1s);  // a late caller is not held back
}

namespace {

bot::outbox_settings fast_pacing() {
    bot::outbox_settings cfg;
    cfg.enabled = true;
    cfg.group_interval_ms = 20;
    cfg.group_burst = 2;
    cfg.global_interval_ms = 5;
    cfg.global_burst = 3;
    cfg.jitter_ms = 5;
    cfg.max_chars = 10;
    cfg.max_lines = 5;
    return cfg;
}

bot::task<> send_text(bot::outbox& box, bot::target to, std::string text, std::vector<bool>* results) {
    message m(std::move(text));
    auto r = co_await box.send(std::move(to), std::move(m));
    results->push_back(r.ok());
}

std::vector<std::string> sent_texts(testing::fake_platform const& p, std::string const& group = "") {
    std::vector<std::string> out;
    for (auto const& a : p.actions)
        if (a.kind == "send" && (group.empty() || a.to.group.str() == group)) out.push_back(a.text());
    return out;
}

}  // namespace

TEST_CASE("paced sends to one group all go out in the order they were made", "[outbox]") {
    boost::asio::io_context io;
    testing::fake_platform platform;
    bot::outbox box(platform, fast_pacing());
    std::vector<bool> results;
    std::vector<std::string> expected;
    for (int i = 0; i < 8; ++i) {
        expected.push_back("m" + std::to_string(i));
        boost::asio::co_spawn(io, send_text(box, bot::target::group_of(bot::id("g1")), expected.back(), &results),
                              boost::asio::detached);
    }
    io.run();
    REQUIRE(sent_texts(platform) == expected);
    REQUIRE(results == std::vector<bool>(8, true));
    REQUIRE(box.sent() == 8);
}

TEST_CASE("paced sends keep each group's order while groups share the account", "[outbox]") {
    boost::asio::io_context io;
    testing::fake_platform platform;
    bot::outbox box(platform, fast_pacing());
    std::vector<bool> results;
    for (int i = 0; i < 4; ++i)
        for (auto const* g : {"g1", "g2", "g3"})
            boost::asio::co_spawn(io, send_text(box, bot::target::group_of(bot::id(g)), g + std::to_string(i), &results),
                                  boost::asio::detached);
    io.run();
    REQUIRE(sent_texts(platform).size() == 12);
    REQUIRE(sent_texts(platform, "g2") == std::vector<std::string>{"g20", "g21", "g22", "g23"});
    REQUIRE(sent_texts(platform, "g3") == std::vector<std::string>{"g30", "g31", "g32", "g33"});
}

TEST_CASE("the parts of a long message are not interleaved with another message", "[outbox]") {
    boost::asio::io_context io;
    testing::fake_platform platform;
    bot::outbox box(platform, fast_pacing());
    std::vector<bool> results;
    auto to = bot::target::group_of(bot::id("g1"));
    boost::asio::co_spawn(io, send_text(box, to, "aaaaa\nbbbbb\nccccc\nddddd", &results), boost::asio::detached);
    boost::asio::co_spawn(io, send_text(box, to, "next", &results), boost::asio::detached);
    io.run();
    REQUIRE(sent_texts(platform) == std::vector<std::string>{"aaaaa", "bbbbb", "ccccc", "ddddd", "next"});
}

TEST_CASE("a failed send is reported once and not retried", "[outbox]") {
    boost::asio::io_context io;
    testing::fake_platform platform;
    platform.fail_sends = 1;
    bot::outbox box(platform, fast_pacing());
    auto to = bot::target::group_of(bot::id("g1"));
    message first("hello");
    auto r = testing::run(io, box.send(to, first));
    REQUIRE_FALSE(r);
    REQUIRE(r.err().code == bot::errc::rejected);
    REQUIRE(box.failed() == 1);
    REQUIRE(sent_texts(platform).empty());
    message second("again");
    auto r2 = testing::run(io, box.send(to, second));
    REQUIRE(r2);
    REQUIRE(sent_texts(platform) == std::vector<std::string>{"again"});
    REQUIRE(box.sent() == 1);
    REQUIRE(box.failed() == 1);
}

TEST_CASE("a failed part stops the rest of that message", "[outbox]") {
    boost::asio::io_context io;
    testing::fake_platform platform;
    auto cfg = fast_pacing();
    cfg.enabled = false;  // splitting applies even without pacing
    cfg.max_chars = 11;
    bot::outbox box(platform, cfg);
    auto to = bot::target::group_of(bot::id("g1"));
    message m("aaaaa\nbbbbb\nccccc\nddddd\neeeee\nfffff");
    auto ok = testing::run(io, box.send(to, m));
    REQUIRE(ok);
    REQUIRE(*ok == platform.actions.front().message_id);  // the first part's ID
    REQUIRE(sent_texts(platform).size() == 3);
    platform.fail_sends = 1;
    auto failed = testing::run(io, box.send(to, m));
    REQUIRE_FALSE(failed);
    REQUIRE(sent_texts(platform).size() == 3);
    REQUIRE(box.failed() == 1);
}

TEST_CASE("a slot booked with a long jitter still comes before every later booking", "[outbox]") {
    using namespace std::chrono_literals;
    bot::pacer p(100ms, 3);
    auto t0 = bot::pacer::clock::time_point{} + 1h;
    // The first send waited and got 900 ms of jitter on top.
    p.book(t0 + 900ms);
    auto next = p.earliest(t0);
    CHECK(next >= t0 + 900ms);
}
