// Conversations: a handler waits through its session for the member's next message in the chat,
// and learns whether it came, timed out, or the bot is stopping.
#include "bot/session.hpp"

#include <catch2/catch.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "bot/plugin_context.hpp"
#include "tests/support/fake_chat.hpp"

using namespace std::chrono_literals;

namespace {

/// Runs whatever is ready (restarting the io_context if it ran out of work before).
void run_ready(testing::fake_chat& chat) {
    if (chat.io().stopped()) chat.io().restart();
    chat.io().poll();
}

std::vector<bot::wait_outcome> outcomes;  ///< how the waits below ended, in order
bot::plugin_context* context = nullptr;

std::string text_of(bot::event const& e) {
    if (auto const* m = e.as<bot::ev::group_message>()) return m->content.plain_text();
    if (auto const* p = e.as<bot::ev::private_message>()) return p->content.plain_text();
    return {};
}

/// "/ask" waits 60 s for the member's next message; "/ask-name" only for one that is not a number.
void asker(bot::plugin_context& ctx) {
    context = &ctx;
    ctx.command({"ask"}, "问").handle([](bot::command_call& call) -> bot::task<> {
        co_await call.reply("说吧");
        auto answer = co_await call.s().next_message(60s);
        outcomes.push_back(answer.outcome);
        if (answer) co_await call.s().send("收到：" + text_of(*answer));
    });
    ctx.command({"ask-name"}, "问名字").handle([](bot::command_call& call) -> bot::task<> {
        std::function<bool(bot::event const&)> not_a_number = [](bot::event const& e) {
            auto text = e.as<bot::ev::group_message>()->content.plain_text();
            return text.find_first_not_of("0123456789") != std::string::npos;
        };
        auto answer = co_await call.s().wait_for(not_a_number, 60s);
        outcomes.push_back(answer.outcome);
        if (answer) co_await call.s().send("名字：" + answer->as<bot::ev::group_message>()->content.plain_text());
    });
    ctx.on<bot::ev::group_message>([](bot::session& s, bot::ev::group_message const&) -> bot::task<> {
        if (s.text() == "42") co_await s.send("听到 42");
    });
}

struct fixture {
    fixture() { outcomes.clear(); }
    testing::fake_chat chat{"", {{"asker", &asker}}};
};

}  // namespace

TEST_CASE("a wait ends as timed out when the bot's clock passes the deadline, not before") {
    fixture f;
    f.chat.user("alice").says("/ask");
    f.chat.advance(59s);
    CHECK(outcomes.empty());
    f.chat.advance(1s);
    CHECK(outcomes == std::vector{bot::wait_outcome::timed_out});
}

TEST_CASE("stopping the bot ends a wait as cancelled, not as timed out") {
    fixture f;
    f.chat.user("alice").says("/ask");
    f.chat.bot().stop();
    run_ready(f.chat);
    CHECK(outcomes == std::vector{bot::wait_outcome::cancelled});
}

TEST_CASE("next_message takes only the same member's message in the same chat") {
    fixture f;
    f.chat.user("alice").says("/ask");
    f.chat.user("bob").says("我是 bob");            // another member
    f.chat.user("alice").in("g2").says("别的群");    // another group
    f.chat.user("alice").whispers("私聊");           // a private chat
    CHECK(outcomes.empty());
    f.chat.user("alice").says("小爱");
    CHECK(outcomes == std::vector{bot::wait_outcome::event});
    CHECK(f.chat.last() == "收到：小爱");
}

TEST_CASE("a private conversation takes the member's next private message, not their group messages") {
    fixture f;
    f.chat.user("alice").whispers("/ask");
    f.chat.user("alice").says("群里说的");
    CHECK(outcomes.empty());
    f.chat.user("alice").whispers("私聊说的");
    CHECK(outcomes == std::vector{bot::wait_outcome::event});
}

TEST_CASE("wait_for adds its condition to the same member in the same chat, and other messages go on") {
    fixture f;
    f.chat.user("alice").says("/ask-name");
    f.chat.user("alice").says("42");  // not a name: the listener hears it
    CHECK(f.chat.last() == "听到 42");
    f.chat.user("bob").says("鲍勃");
    CHECK(outcomes.empty());
    f.chat.user("alice").says("小爱");
    CHECK(f.chat.last() == "名字：小爱");
}

TEST_CASE("a wait outside any event reports the event, a timeout or a stop") {
    fixture f;
    std::optional<bot::wait_result> got;
    auto wait = [&]() -> bot::task<> {
        std::function<bool(bot::event const&)> from_admin = [](bot::event const& e) {
            return e.user() == bot::id("admin");
        };
        got = co_await context->wait_for(from_admin, 30s);
    };
    boost::asio::co_spawn(f.chat.io(), wait(), boost::asio::detached);
    run_ready(f.chat);
    f.chat.user("admin").says("好");
    REQUIRE(got);
    CHECK(got->outcome == bot::wait_outcome::event);

    got.reset();
    boost::asio::co_spawn(f.chat.io(), wait(), boost::asio::detached);
    run_ready(f.chat);
    f.chat.advance(30s);
    REQUIRE(got);
    CHECK(got->timed_out());

    got.reset();
    boost::asio::co_spawn(f.chat.io(), wait(), boost::asio::detached);
    run_ready(f.chat);
    f.chat.bot().stop();
    run_ready(f.chat);
    REQUIRE(got);
    CHECK(got->cancelled());
}
