#pragma once
/// The console sandbox: a simulated chat where you type as members of groups, move time, and see
/// the bot's replies. It runs the real core, plugins and SQLite file; no account is needed.

#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "adapters/adapter.hpp"
#include "adapters/console/line_editor.hpp"
#include "bot/clock.hpp"
#include "bot/core.hpp"
#include "bot/platform.hpp"

namespace adapters::console {

/// [adapters.console]
struct settings {
    bool enabled = true;
    std::vector<std::string> groups{"读书会"};
    std::vector<std::string> members{"alice", "bob", "carol"};
    std::vector<std::string> admins{"alice"};
    std::string owner;              ///< empty: the first admin
    std::string start_time;         ///< "2026-03-02 09:00" in the bot's time zone; empty: now
    std::string bot_name = "qunbot";
    static void describe(bot::schema<settings>& s);
};

/// One simulated group.
struct group_state {
    std::string name;
    std::map<std::string, bot::role> members;       ///< by user name (the user's ID)
    std::map<std::string, bot::time_point> muted;   ///< muted until
    std::map<std::int64_t, std::string> messages;   ///< message ID → author, for recall
    bool all_muted = false;                         ///< whole-group mute: only admins and the owner speak
    std::map<std::string, std::string> cards;       ///< group cards set by the bot, by user
    std::map<std::string, std::string> titles;      ///< special titles set by the bot, by user
    std::set<std::int64_t> essence;                 ///< messages marked as essence
};

/// The simulated platform: it prints what the bot sends and keeps members and roles.
class sandbox_platform final : public bot::platform {
public:
    sandbox_platform(settings const& cfg, bot::clock& clk, std::FILE* out);

    std::string const& name() const override { return name_; }
    bot::id const& self_id() const override { return self_; }
    bot::capabilities const& caps() const override { return caps_; }

    bot::task<bot::result<bot::id>> send(bot::target to, bot::message msg) override;
    bot::task<bot::status> recall(bot::id message_id) override;
    bot::task<bot::status> mute(bot::id group, bot::id user, std::chrono::seconds duration) override;
    bot::task<bot::status> kick(bot::id group, bot::id user, bool reject_rejoin) override;
    bot::task<bot::result<bot::member_info>> member(bot::id group, bot::id user) override;
    bot::task<bot::result<std::vector<bot::member_info>>> members(bot::id group) override;
    bot::task<bot::status> answer_request(bot::request_answer answer) override;
    bot::task<bot::status> mute_all(bot::id group, bool on) override;
    bot::task<bot::status> set_card(bot::id group, bot::id user, std::string card) override;
    bot::task<bot::status> set_title(bot::id group, bot::id user, std::string title) override;
    bot::task<bot::status> set_essence(bot::id message_id) override;

    std::map<std::string, group_state>& groups() { return groups_; }
    group_state* find_group(std::string const& name);
    std::int64_t next_message_id() { return ++last_message_; }
    /// Prints one line of the transcript.
    void print(std::string const& line);
    /// What a member would see for a message: "@bob 你好 [图片]".
    std::string render(bot::message const& msg) const;
    /// Called when the bot removes a member, so the adapter can report the leave event.
    std::function<void(std::string const& group, std::string const& user)> on_kicked;
    /// When set, transcript lines go here instead of to the output (the line editor prints them
    /// above the line being typed).
    std::function<void(std::string line)> on_print;
    /// When set, also told every transcript line (the browser sandbox shows the same chat).
    std::function<void(std::string const& line)> on_transcript;

private:
    std::string name_ = "console";
    bot::id self_;
    bot::capabilities caps_;
    bot::clock& clock_;
    std::FILE* out_;
    std::map<std::string, group_state> groups_;
    std::int64_t last_message_ = 0;
};

/// The sandbox adapter: reads lines (typed, piped or from --script) and turns them into events.
/// Typed at a terminal, lines are edited with libedit (history in the data folder, TAB completion);
/// scripts and pipes are read as plain lines.
class adapter final : public adapters::adapter {
public:
    adapter(bot::core& core, bot::manual_clock& clk, settings cfg, std::FILE* in, std::FILE* out,
            std::function<void()> on_eof);
    ~adapter() override;

    std::string name() const override { return "console"; }
    void start() override;
    void stop() override;

    /// Handles one input line (a chat message or a ":" command); public for tests.
    bot::task<> handle_line(std::string line);
    sandbox_platform& platform() { return platform_; }
    /// Who is typing now, and the members of the current group (for the browser sandbox).
    std::string const& current_user() const { return user_; }
    std::vector<std::string> member_names();
    /// What TAB completes now: the ":" commands with their member and group names, and the bot's
    /// commands with each prefix; public for tests.
    std::vector<phrase> phrases();
    /// Where typed lines are remembered: console_history beside the database; empty for ":memory:".
    std::filesystem::path history_path() const;

private:
    bot::task<> command(std::string const& line);
    /// A group message from the current member; `reply_to` (non-zero) quotes that message.
    bot::task<> say(std::string const& text, std::int64_t reply_to = 0);
    bot::task<> emit(bot::ev::group_message msg);
    bot::task<> deliver(bot::event_payload payload);
    bot::message parse_text(std::string const& text) const;
    bot::sender sender_for(std::string const& user) const;
    void prompt();
    void greet();
    void start_editor();
    std::vector<phrase> sandbox_phrases();
    group_state& current();

    bot::core& core_;
    bot::manual_clock& clock_;
    settings cfg_;
    sandbox_platform platform_;
    std::FILE* in_;
    std::FILE* out_;
    std::function<void()> on_eof_;
    std::string group_;
    std::string user_;
    bool interactive_ = false;
    bool stopping_ = false;
    std::thread reader_;
    std::unique_ptr<line_editor> editor_;
};

}  // namespace adapters::console
