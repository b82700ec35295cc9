// The 分管 role through a duty shift: a duty admin's /mute (antiad's, which asks for the role) is
// refused one second before their shift, allowed from its first second to its last, and refused
// from the next shift's start, on ordinary days and on both 2026 US DST days in New York, where
// the shift spanning the change lasts 23 or 25 hours.
#include <catch2/catch.hpp>

#include "plugins/duty/tests/support.hpp"

using namespace duty_test;
using namespace std::chrono_literals;

namespace {

/// Whether `who` may /mute now (antiad answers "已禁言" or refuses by the permission check).
bool may_mute(duty_chat& chat, std::string const& who) {
    chat.clear();
    chat.user(who).says("/mute @carol 10m");
    auto allowed = chat.replied("已禁言 carol");
    auto refused = chat.replied("没有使用 /mute 的权限");
    REQUIRE(allowed != refused);
    return allowed;
}

/// New York, from Mon 2026-03-02 08:00: alice is on the shift of 03-01 (added first, on duty at
/// once), bob on 03-02, and so on in turn: alice has the shifts of 03-07 and 10-31.
struct new_york_roster : duty_chat {
    new_york_roster() : duty_chat(with_mute(), new_york) {
        admin("/set timezone America/New_York");
        admin("/duty add @alice");
        REQUIRE(replied("现在就由 TA 值班，到 03-02 09:00"));
        admin("/duty add @bob");
        REQUIRE(replied("TA 的下一班从 03-02 09:00 开始"));
    }
};

}  // namespace

TEST_CASE("a duty admin may moderate exactly from the start of their shift to its end", "[duty][rights]") {
    new_york_roster chat;
    CHECK(may_mute(chat, "alice"));
    chat.advance_to("2026-03-02 08:59");
    chat.advance(59s);
    CHECK_FALSE(may_mute(chat, "bob"));
    CHECK(may_mute(chat, "alice"));
    chat.advance(1s);
    CHECK(may_mute(chat, "bob"));
    CHECK_FALSE(may_mute(chat, "alice"));
    chat.advance_to("2026-03-03 08:59");
    chat.advance(59s);
    CHECK(may_mute(chat, "bob"));
    chat.advance(1s);
    CHECK_FALSE(may_mute(chat, "bob"));
    CHECK(may_mute(chat, "alice"));
    // Members who are not on the roster never are.
    CHECK_FALSE(may_mute(chat, "dave"));
}

TEST_CASE("on the spring-forward day the shift from Saturday 09:00 to Sunday 09:00 is 23 hours", "[duty][rights][dst]") {
    new_york_roster chat;
    chat.advance_to("2026-03-07 08:59");
    chat.advance(59s);
    CHECK_FALSE(may_mute(chat, "alice"));
    chat.advance(1s);
    auto start = chat.now();
    CHECK(may_mute(chat, "alice"));
    chat.advance_to("2026-03-08 08:59");
    chat.advance(59s);
    CHECK(chat.now() - start == 23h - 1s);
    CHECK(may_mute(chat, "alice"));
    chat.advance(1s);
    CHECK_FALSE(may_mute(chat, "alice"));
    CHECK(may_mute(chat, "bob"));
}

TEST_CASE("on the fall-back day the shift from Saturday 09:00 to Sunday 09:00 is 25 hours", "[duty][rights][dst]") {
    new_york_roster chat;
    chat.advance_to("2026-10-31 08:59");
    chat.advance(59s);
    CHECK_FALSE(may_mute(chat, "alice"));
    chat.advance(1s);
    auto start = chat.now();
    CHECK(may_mute(chat, "alice"));
    chat.advance_to("2026-11-01 08:59");
    chat.advance(59s);
    CHECK(chat.now() - start == 25h - 1s);
    CHECK(may_mute(chat, "alice"));
    chat.advance(1s);
    CHECK_FALSE(may_mute(chat, "alice"));
    CHECK(may_mute(chat, "bob"));
}

TEST_CASE("removing, skipping and switching the plugin off take the rights at once", "[duty][rights]") {
    duty_chat chat(with_mute(), "", "2026-03-02 10:00");
    chat.admin("/duty add @alice");
    chat.admin("/duty add @bob");
    CHECK(may_mute(chat, "alice"));
    chat.admin("/duty skip");
    CHECK(chat.replied("alice 的那一班（03-02 09:00 至 03-03 09:00）改由 bob 值班"));
    CHECK_FALSE(may_mute(chat, "alice"));
    CHECK(may_mute(chat, "bob"));
    chat.admin("/plugin off duty");
    CHECK_FALSE(may_mute(chat, "bob"));
    chat.admin("/plugin on duty");
    CHECK(may_mute(chat, "bob"));
    chat.admin("/duty remove @bob");
    CHECK(chat.replied("已把 bob 移出值班名单。现在值班的是 alice"));
    CHECK_FALSE(may_mute(chat, "bob"));
    CHECK(may_mute(chat, "alice"));
    // And the roster, with its skip, survives a restart.
    chat.restart();
    CHECK(may_mute(chat, "alice"));
}
