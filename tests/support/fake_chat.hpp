#pragma once
/// A chat transcript driver for tests: members say things in a group, time moves, and the test
/// reads what the bot answered. It runs the real core, router, plugins and a temporary SQLite file.

#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "bot/core.hpp"
#include "bot/plugin_registry.hpp"
#include "tests/support/async.hpp"
#include "tests/support/fake_platform.hpp"

namespace testing {

class fake_chat;

/// A member as the test drives them: `chat.user("alice").says("/checkin")`.
class member {
public:
    member(fake_chat& chat, bot::id user) : chat_(chat), user_(std::move(user)) {}
    /// Sends a group message (text, with "@name" of known users turned into mentions); returns its ID.
    bot::id says(std::string const& text);
    bot::id says(char const* text) { return says(std::string(text)); }
    bot::id says(bot::message msg);
    /// Sends a private message to the bot.
    bot::id whispers(std::string const& text);
    member& is(bot::role r);
    member& in(std::string group);
    /// Sets the group card the member's messages and member lookups carry.
    member& card(std::string card);
    /// The next message says it was sent at this local time ("2026-03-03 23:58", the bot's zone)
    /// and arrives now, as a late delivery (a reconnect, an offline backlog) does.
    member& sent_at(std::string const& local);
    void joins();
    void leaves();
    void sends_red_packet(std::optional<bot::fen> amount = std::nullopt);
    /// The group message says() would deliver, not delivered: for fake_chat::deliver_together.
    bot::event_payload message_event(std::string const& text);

private:
    fake_chat& chat_;
    bot::id user_;
    std::string group_;
    std::optional<bot::time_point> sent_;
};

class fake_chat {
public:
    /// `toml` is the bot.toml text; `plugins` the plugins to load (the core's commands always are).
    explicit fake_chat(std::string toml = "", std::vector<bot::plugin_entry> plugins = {},
                       std::string start = "2026-03-02 09:00");
    ~fake_chat();

    member user(bot::id u) { return member(*this, std::move(u)); }
    /// The default group's ID ("g1").
    std::string const& group() const { return group_; }
    bot::group_ref group_ref(std::string const& g = "") const;

    /// Everything the bot sent since the last clear(), as plain text.
    std::vector<std::string> sent() const;
    /// Everything the bot sent since the chat began, clear() or not.
    std::vector<std::string> sent_ever() const;
    /// True when something sent since the last clear() contains `needle`.
    bool replied(std::string const& needle) const;
    /// The text of the last message sent; empty when none.
    std::string last() const;
    /// Forgets what was sent so far.
    void clear();
    std::vector<action> const& actions() const { return platform_->actions; }

    /// Moves the clock forward by `d`, or to a local time "2026-03-03 21:00" (the bot's zone).
    void advance(std::chrono::seconds d);
    void advance_to(std::string const& local);
    bot::time_point now() const { return clock_->now(); }

    /// Delivers any event as the platform would.
    void deliver(bot::event_payload payload);
    /// Delivers an event that says it happened at `sent` (the platform's time), now.
    void deliver(bot::event_payload payload, bot::time_point sent);
    /// Delivers events in one turn of the loop, as one read from a busy socket does: each one's
    /// handling starts before the loop gets to what any of them posted.
    void deliver_together(std::vector<bot::event_payload> payloads);
    /// Stops everything and starts again on the same database file, as after a crash or restart;
    /// the platform then reports itself connected, as OneBot implementations do.
    void restart();
    /// Runs the shutdown hooks as a clean shutdown (SIGTERM) does before the accounts disconnect.
    void shut_down();

    bot::core& bot() { return *core_; }
    fake_platform& platform() { return *platform_; }
    boost::asio::io_context& io() { return io_; }
    std::filesystem::path const& db_path() const { return db_path_; }

private:
    friend class member;
    void boot();
    bot::sender sender_of(bot::id const& user, std::string const& group) const;
    bot::message parse(std::string const& text) const;

    std::string toml_;
    std::vector<bot::plugin_entry> plugins_;
    std::filesystem::path dir_;
    std::filesystem::path db_path_;
    std::string group_ = "g1";
    boost::asio::io_context io_;
    std::unique_ptr<bot::config_file> file_;
    std::unique_ptr<bot::manual_clock> clock_;
    std::unique_ptr<storage::database> db_;
    std::unique_ptr<fake_platform> platform_;
    std::unique_ptr<bot::core> core_;
    std::size_t seen_ = 0;
    std::int64_t next_message_ = 100;
    std::set<std::string> users_;
};

}  // namespace testing
