// Several bot accounts in one group: one answer per message, through the preferred account, and a
// hung account does not hold up the others.
#include <catch2/catch.hpp>

#include "bot/core.hpp"
#include "bot/plugin_context.hpp"
#include "tests/support/fake_chat.hpp"

namespace {

using strings = std::vector<std::string>;

void ping(bot::plugin_context& ctx) {
    ctx.command({"ping"}, "在吗").handle([](bot::command_call& call) -> bot::task<> { co_await call.reply("pong"); });
    ctx.command({"checkin"}, "签到").handle([](bot::command_call& call) -> bot::task<> {
        co_await call.reply("签到成功 " + call.s().user_id().str());
    });
    ctx.on<bot::ev::member_joined>([](bot::session& s, bot::ev::member_joined const& e) -> bot::task<> {
        co_await s.send("欢迎 " + e.user.str());
    });
}

/// Accounts a1 and b1 in group g1, next to the chat's own account (which is in no group here).
struct two_accounts {
    // The platforms outlive the core, which keeps references to them.
    testing::fake_platform a{"test", bot::id("a1")};
    testing::fake_platform b{"test", bot::id("b1")};
    testing::fake_chat chat;

    explicit two_accounts(std::string const& toml = "") : chat(toml, {{"ping", &ping}}) {
        chat.bot().attach(a);
        chat.bot().attach(b);
    }
    // Sends still hanging when a check failed finish before the core and its io_context go.
    ~two_accounts() {
        a.release();
        b.release();
        settle();
    }
    two_accounts(two_accounts const&) = delete;
    two_accounts& operator=(two_accounts const&) = delete;

    /// The platform delivers an event through one account; the core queues it as adapters do.
    void sees(testing::fake_platform& through, bot::event_payload payload) {
        chat.bot().post(bot::event{"test", through.self_id(), chat.now(), std::move(payload)});
        settle();
    }
    void settle() {
        if (chat.io().stopped()) chat.io().restart();
        chat.io().poll();
    }
};

bot::ev::group_message says(std::string const& user, std::string const& text, std::int64_t mid) {
    return bot::ev::group_message{bot::id(mid), bot::id("g1"), bot::sender{bot::id(user), user, {}, bot::role::member},
                                  bot::message(text), false};
}

}  // namespace

TEST_CASE("a message seen through two accounts of a group is answered once, through the preferred one") {
    two_accounts t("[bot]\naccount_preference = [\"b1\"]\n");
    // Both accounts have been seen in the group before.
    t.sees(t.a, says("carol", "早", 1));
    t.sees(t.b, says("carol", "早", 9001));
    // QQ gives each account its own message ID for the same message.
    t.sees(t.a, says("alice", "/ping", 2));
    t.sees(t.b, says("alice", "/ping", 9002));
    CHECK(t.a.sent().empty());
    CHECK(t.b.sent() == strings{"pong"});
    CHECK(t.chat.bot().stats().duplicates == 2);
    // b had not seen the message when it answered: a's ID would quote another message there.
    CHECK_FALSE(t.b.actions.back().msg.first<bot::seg::reply>());
}

TEST_CASE("without a preference, the account that saw the message first answers it") {
    two_accounts t;
    t.sees(t.b, says("alice", "/checkin", 9002));
    t.sees(t.a, says("alice", "/checkin", 2));
    CHECK(t.a.sent().empty());
    CHECK(t.b.sent() == strings{"签到成功 alice"});
    // The account that saw it quotes it by its own ID.
    REQUIRE(t.b.actions.back().msg.first<bot::seg::reply>());
    CHECK(t.b.actions.back().msg.first<bot::seg::reply>()->message == bot::id(9002));
}

TEST_CASE("the same words said twice in one second through two accounts are two messages") {
    two_accounts t;
    t.sees(t.a, says("alice", "/ping", 2));
    t.sees(t.a, says("alice", "/ping", 3));
    t.sees(t.b, says("alice", "/ping", 9002));
    t.sees(t.b, says("alice", "/ping", 9003));
    CHECK(t.a.sent() == strings{"pong", "pong"});
    CHECK(t.b.sent().empty());
}

TEST_CASE("a preferred account that is not connected or not in the group does not answer") {
    two_accounts t("[bot]\naccount_preference = [\"qq:zz\", \"test:b1\", \"a1\"]\n");
    t.sees(t.a, says("alice", "/ping", 2));
    // b has not been seen in g1: a answers.
    CHECK(t.a.sent() == strings{"pong"});
    t.sees(t.b, says("alice", "/ping", 9002));
    t.sees(t.b, says("bob", "/ping", 9003));
    t.sees(t.a, says("bob", "/ping", 3));
    CHECK(t.b.sent() == strings{"pong"});
    t.chat.bot().detach(t.b);
    t.sees(t.a, says("carol", "/ping", 4));
    CHECK(t.a.sent() == strings{"pong", "pong"});
}

TEST_CASE("a message one of the bot's accounts sent is not user input for the others") {
    two_accounts t;
    t.sees(t.b, says("a1", "/ping", 9002));
    CHECK(t.b.sent().empty());
    CHECK(t.a.sent().empty());
    CHECK(t.chat.bot().stats().own_messages == 1);
}

TEST_CASE("a member joining a group with two bot accounts is welcomed once") {
    two_accounts t;
    t.sees(t.a, bot::ev::member_joined{bot::id("g1"), bot::id("dave"), {}, "approve", "dave"});
    t.sees(t.b, bot::ev::member_joined{bot::id("g1"), bot::id("dave"), {}, "approve", "dave"});
    CHECK(t.a.sent() == strings{"欢迎 dave"});
    CHECK(t.b.sent().empty());
}

TEST_CASE("plugins sending to a group outside an event use the preferred account there") {
    two_accounts t("[bot]\naccount_preference = [\"b1\"]\n");
    t.sees(t.a, says("carol", "早", 1));
    bot::group_ref g{"test", bot::id("a1"), bot::id("g1")};
    CHECK(t.chat.bot().account_for(g) == t.chat.bot().account("test", bot::id("a1")));
    t.sees(t.b, says("carol", "早", 9001));
    CHECK(t.chat.bot().account_for(g) == t.chat.bot().account("test", bot::id("b1")));
}

TEST_CASE("a hung account holds up only its own replies, not another account's in the same group") {
    two_accounts t;
    t.a.hang_sends = true;
    t.sees(t.a, says("alice", "/ping", 2));
    REQUIRE(t.a.hanging() == 1);
    // bob's message reaches b first (a is stuck) and b answers at once.
    t.sees(t.b, says("bob", "/ping", 9003));
    t.sees(t.a, says("bob", "/ping", 3));
    CHECK(t.b.sent() == strings{"pong"});
    t.a.release();
    t.settle();
    CHECK(t.a.sent() == strings{"pong"});
    CHECK(t.b.sent() == strings{"pong"});
}

TEST_CASE("replies fail over from a preferred account whose sends hang") {
    two_accounts t("[bot]\naccount_preference = [\"a1\", \"b1\"]\n[outbox]\nstall_after_ms = 0\n");
    t.sees(t.a, says("carol", "早", 1));
    t.sees(t.b, says("carol", "早", 9001));
    t.a.hang_sends = true;
    t.sees(t.a, says("alice", "/ping", 2));
    t.sees(t.b, says("alice", "/ping", 9002));
    REQUIRE(t.a.hanging() == 1);
    // a is preferred, but its send is stuck: b speaks meanwhile.
    t.sees(t.b, says("bob", "/ping", 9003));
    t.sees(t.a, says("bob", "/ping", 3));
    CHECK(t.b.sent() == strings{"pong"});
    t.a.release();
    t.settle();
    CHECK(t.a.sent() == strings{"pong"});
    CHECK(t.b.sent() == strings{"pong"});
    // Recovered, a is the preferred account again.
    t.sees(t.b, says("carol", "/ping", 9004));
    CHECK(t.a.sent() == strings{"pong", "pong"});
}

namespace {

/// What /twice saw: how its second reply ended, and whether its account was still there after.
std::vector<std::string> twice_results;

void twice(bot::plugin_context& ctx) {
    ctx.command({"twice"}, "两次").handle([](bot::command_call& call) -> bot::task<> {
        co_await call.reply("one");
        // With one send per group slot, this one waits for its slot: the account may go meanwhile.
        auto r = co_await call.reply("two");
        twice_results.push_back(r ? std::string("sent") : std::string(bot::errc_name(r.err().code)));
        twice_results.push_back(call.s().api() ? "account still there" : "account gone");
    });
}

}  // namespace

TEST_CASE("an account that goes while a reply waits for its send slot: the reply fails, nothing is touched") {
    twice_results.clear();
    testing::fake_chat chat("[outbox]\ngroup_interval_ms = 300\ngroup_burst = 1\njitter_ms = 0\n", {{"twice", &twice}});
    auto paced = std::make_unique<testing::fake_platform>("test", bot::id("p1"));
    paced->caps_.needs_pacing = true;
    REQUIRE(chat.bot().attach(*paced));
    chat.bot().post(bot::event{"test", bot::id("p1"), chat.now(), says("alice", "/twice", 1)});
    chat.io().poll();
    REQUIRE(paced->sent() == strings{"one"});
    // The adapter lets the account go and frees its platform object while "two" waits.
    chat.bot().detach(*paced);
    paced.reset();
    for (int i = 0; i < 50 && twice_results.size() < 2; ++i) chat.io().run_for(std::chrono::milliseconds(20));
    CHECK(twice_results == strings{"not_connected", "account gone"});
    CHECK_FALSE(chat.bot().account("test", bot::id("p1")));
}

TEST_CASE("a second connection for an account already connected is refused, and the first keeps serving") {
    two_accounts t;
    testing::fake_platform impostor{"test", bot::id("a1")};
    CHECK_FALSE(t.chat.bot().attach(impostor));
    // Re-attaching the same platform object is harmless.
    CHECK(t.chat.bot().attach(t.a) == t.chat.bot().account("test", bot::id("a1")));
    // The refused connection cannot detach the account it does not own.
    t.chat.bot().detach(impostor);
    t.sees(t.a, says("alice", "/ping", 2));
    CHECK(t.a.sent() == strings{"pong"});
    CHECK(impostor.sent().empty());
}

namespace {

double remembered(testing::fake_chat& chat) {
    auto text = chat.bot().metrics().prometheus();
    std::string const name = "\nqunbot_account_copies_remembered ";
    auto at = text.find(name);
    REQUIRE(at != std::string::npos);
    return std::stod(text.substr(at + name.size()));
}

}  // namespace

TEST_CASE("group messages are remembered to match copies only while the platform has several accounts") {
    testing::fake_chat one("", {{"ping", &ping}});
    one.user("alice").says("早");
    one.user("bob").says("/ping");
    CHECK(one.last() == "pong");
    CHECK(remembered(one) == 0);

    two_accounts t;
    t.sees(t.a, says("carol", "早", 1));
    t.sees(t.b, says("carol", "早", 9001));
    CHECK(remembered(t.chat) == 1);
}
