#include "bot/sightings.hpp"

#include <catch2/catch.hpp>

using namespace std::chrono;

namespace {

steady_clock::time_point at(seconds s) { return steady_clock::time_point{} + hours(1) + s; }

bot::event message(std::string const& user, bot::message text, std::int64_t second, bot::id seq = {}) {
    bot::ev::group_message m{bot::id(1), bot::id("g1"), bot::sender{bot::id(user), user, {}, bot::role::member},
                             std::move(text), false, std::move(seq)};
    return bot::event{"qq", bot::id("a1"), bot::time_point{seconds{second}}, m};
}

bot::message_print print(bot::event const& e) { return bot::message_print::of(e, *e.as<bot::ev::group_message>()); }

bot::message_print print(std::string const& user, std::string const& text, std::int64_t second = 1000) {
    return print(message(user, bot::message(text), second));
}

}  // namespace

TEST_CASE("copies of one message through two accounts are one message", "[sightings]") {
    bot::sightings s(seconds(120), 1000);
    auto [first, is_new] = s.record("qq/a1", bot::id(11), print("alice", "/ping"), at(0s));
    CHECK(is_new);
    auto [again, again_new] = s.record("qq/b1", bot::id(-22), print("alice", "/ping"), at(0s));
    CHECK_FALSE(again_new);
    CHECK(again == first);
    CHECK(s.id_for(first, "qq/a1") == bot::id(11));
    CHECK(s.id_for(first, "qq/b1") == bot::id(-22));
    CHECK_FALSE(s.id_for(first, "qq/c1"));
}

TEST_CASE("n identical messages seen through each account are n messages", "[sightings]") {
    bot::sightings s(seconds(120), 1000);
    CHECK(s.record("qq/a1", bot::id(1), print("alice", "+1"), at(0s)).second);
    CHECK(s.record("qq/a1", bot::id(2), print("alice", "+1"), at(0s)).second);
    CHECK_FALSE(s.record("qq/b1", bot::id(8), print("alice", "+1"), at(0s)).second);
    CHECK_FALSE(s.record("qq/b1", bot::id(9), print("alice", "+1"), at(0s)).second);
    CHECK(s.record("qq/b1", bot::id(10), print("alice", "+1"), at(0s)).second);
    CHECK(s.size() == 3);
}

TEST_CASE("another sender, other words or another group make another message", "[sightings]") {
    bot::sightings s(seconds(120), 1000);
    CHECK(s.record("qq/a1", bot::id(1), print("alice", "hi"), at(0s)).second);
    CHECK(s.record("qq/b1", bot::id(2), print("bob", "hi"), at(0s)).second);
    CHECK(s.record("qq/b1", bot::id(3), print("alice", "hi!"), at(0s)).second);
    auto elsewhere = message("alice", bot::message("hi"), 1000);
    std::get<bot::ev::group_message>(elsewhere.payload).group = bot::id("g2");
    CHECK(s.record("qq/b1", bot::id(4), print(elsewhere), at(0s)).second);
}

TEST_CASE("a copy a second off still matches, two seconds off does not", "[sightings]") {
    bot::sightings s(seconds(120), 1000);
    CHECK(s.record("qq/a1", bot::id(1), print("alice", "hi", 1000), at(0s)).second);
    CHECK_FALSE(s.record("qq/b1", bot::id(2), print("alice", "hi", 1001), at(0s)).second);
    CHECK(s.record("qq/c1", bot::id(3), print("alice", "hi", 1002), at(0s)).second);
}

TEST_CASE("the group's sequence number matches copies whose times differ", "[sightings]") {
    bot::sightings s(seconds(120), 1000);
    auto one = message("alice", bot::message("hi"), 1000, bot::id("5123"));
    auto other = message("alice", bot::message("hi"), 1010, bot::id("5123"));
    CHECK(s.record("qq/a1", bot::id(1), print(one), at(0s)).second);
    CHECK_FALSE(s.record("qq/b1", bot::id(2), print(other), at(0s)).second);
}

TEST_CASE("per-account parts of a message do not change its print", "[sightings]") {
    // Quoted message IDs and image URLs (with their download keys) differ per account on QQ.
    bot::message seen_by_a;
    seen_by_a.reply_to(bot::id(-100)).text("看 ").image("https://multimedia.nt.qq.com.cn/x?rkey=AAA");
    bot::message seen_by_b;
    seen_by_b.reply_to(bot::id(-900)).text("看 ").image("https://multimedia.nt.qq.com.cn/x?rkey=BBB");
    CHECK(print(message("alice", seen_by_a, 1000)).content == print(message("alice", seen_by_b, 1000)).content);
    bot::message mentions;
    mentions.at(bot::id("a1")).text(" 看");
    bot::message other_mention;
    other_mention.at(bot::id("b1")).text(" 看");
    CHECK(print(message("alice", mentions, 1000)).content != print(message("alice", other_mention, 1000)).content);
}

TEST_CASE("messages are forgotten after the window, and never more than max_entries are kept", "[sightings]") {
    bot::sightings s(seconds(10), 100);
    CHECK(s.record("qq/a1", bot::id(1), print("alice", "hi"), at(0s)).second);
    CHECK(s.record("qq/b1", bot::id(2), print("alice", "hi"), at(10s)).second);
    for (int i = 0; i < 500; ++i) s.record("qq/a1", bot::id(i), print("bob", std::to_string(i)), at(11s));
    CHECK(s.size() == 100);
    // The newest are still known; the oldest made room.
    CHECK_FALSE(s.record("qq/b1", bot::id(1), print("bob", "499"), at(11s)).second);
    CHECK(s.record("qq/b1", bot::id(1), print("bob", "0"), at(11s)).second);
}
