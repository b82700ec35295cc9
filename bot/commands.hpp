#pragma once
/// Commands: names with aliases, prefixes, typed arguments, rules, permissions and generated help.

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "bot/condition.hpp"
#include "bot/config_schema.hpp"
#include "bot/money.hpp"
#include "bot/session.hpp"

namespace bot {

/// The kinds of command argument.
enum class arg_kind {
    word,      ///< one whitespace-separated word
    text,      ///< the rest of the text (may be empty when optional)
    user,      ///< an @-mention, or a user ID typed as a number
    integer,   ///< a whole number
    duration,  ///< "10m", "2h", "3d", "1h30m"
    money,     ///< "50", "50.5元"
};

struct arg_spec {
    std::string name;
    arg_kind kind = arg_kind::word;
    bool optional = false;
    std::string help;
};

/// A parsed argument value.
using arg_value = std::variant<std::monostate, std::string, id, std::int64_t, std::chrono::seconds, money_amount>;

class command_call;
using command_handler = std::function<task<>(command_call&)>;

/// A registered command.
struct command {
    std::string plugin;
    std::vector<std::string> names;  ///< the first is the canonical name; others are aliases
    std::string help;
    std::vector<arg_spec> args;
    condition where = rule::always;
    condition permit = perm::member;
    std::optional<std::vector<std::string>> prefixes;  ///< unset: the bot's default prefixes
    std::vector<std::string> examples;
    bool hidden = false;
    command_handler handler;

    std::string const& name() const { return names.front(); }
    /// "/mute <@member> <duration> [reason]"
    std::string usage(std::string_view prefix) const;
};

/// What a command handler receives: the session, the command and its parsed arguments. It holds the
/// command it runs, so the handler stays valid while commands are added or removed meanwhile.
class command_call {
public:
    command_call(session& s, std::shared_ptr<command const> c, std::vector<arg_value> values, message attachments)
        : session_(s), command_(std::move(c)), values_(std::move(values)), attachments_(std::move(attachments)) {}

    session& s() const { return session_; }
    command const& cmd() const { return *command_; }

    /// Whether an optional argument was given.
    bool has(std::string_view name) const;
    std::string text(std::string_view name) const;  ///< word or text argument ("" when absent)
    id user(std::string_view name) const;
    std::int64_t integer(std::string_view name, std::int64_t fallback = 0) const;
    std::chrono::seconds duration(std::string_view name, std::chrono::seconds fallback = {}) const;
    fen money(std::string_view name, fen fallback = 0) const;
    /// Non-text segments that came with the command (images, files).
    message const& attachments() const { return attachments_; }

    task<result<id>> reply(message m) { return session_.reply(std::move(m)); }

private:
    arg_value const& get(std::string_view name) const;
    session& session_;
    std::shared_ptr<command const> command_;
    std::vector<arg_value> values_;
    message attachments_;
};

/// The outcome of matching a message against the commands.
struct command_match {
    std::shared_ptr<command const> cmd;  ///< kept alive while it runs, even if it is removed meanwhile
    std::string prefix;           ///< the prefix that was used
    std::vector<arg_value> values;
    message attachments;
    std::optional<std::string> error;  ///< set when the arguments did not parse: what was wrong
};

/// The set of registered commands and the parser that finds one in a message.
///
/// Like the router, the table changes by versions: an add or remove makes a new immutable version
/// (commands and their name index), and a message is matched against the version current when it
/// arrived. A running handler holds its command, so a change while it is suspended moves nothing
/// under it; the change applies to the next message. The version is built when it is first needed
/// after a change, so registering a plugin's commands one by one builds one index, not one per
/// command. Like the rest of the core, the table is used from the core thread only.
class command_table {
public:
    using command_ptr = std::shared_ptr<command const>;

    command_table();
    /// Adds a command; a name already taken by another command throws std::invalid_argument.
    void add(command c);
    void remove_plugin(std::string const& plugin);
    /// Every command, in registration order.
    std::vector<command_ptr> all() const { return commands_; }
    /// The command with this name or alias (ASCII case ignored), or nullptr.
    command_ptr find(std::string_view name) const;
    /// How many versions of the name index were built so far (one per first match after a change).
    std::size_t versions_built() const { return versions_built_; }

    /// Matches the message against the commands. `default_prefixes` apply to commands without their
    /// own. Leading quotes and a leading @-mention of `self` are skipped. Returns nullopt when no
    /// command name matched.
    std::optional<command_match> match(message const& msg, id const& self,
                                       std::vector<std::string> const& default_prefixes) const;

private:
    /// One command name split into lowercased words, for matching without rebuilding it per message.
    struct indexed_name {
        std::size_t command;  ///< index into version::commands
        std::size_t order;    ///< registration order of the name (command, then its names)
        std::vector<std::string> words;
    };
    /// One immutable state of the table.
    struct version {
        std::vector<command_ptr> commands;
        /// First word → the names starting with it, in registration order (command, then name).
        std::map<std::string, std::vector<indexed_name>, std::less<>> by_first_word;
        std::vector<std::string> own_prefixes;  ///< every prefix some command sets for itself
    };
    /// The command a message names: the longest matching name, and the prefix used.
    struct lookup_result {
        command_ptr cmd;
        std::string prefix;
        std::size_t words = 0;  ///< how many tokens the name took
    };
    static std::shared_ptr<version const> build(std::vector<command_ptr> commands);
    /// The version of the commands as they are now, built here when a change left none.
    std::shared_ptr<version const> current() const;
    /// Adds the names and aliases of `c`, lowercased (ASCII), to `by_name_`.
    void index_names(command_ptr const& c);

    std::vector<command_ptr> commands_;  ///< in registration order
    std::map<std::string, command_ptr, std::less<>> by_name_;  ///< lowercased name or alias → its command
    mutable std::shared_ptr<version const> current_;  ///< null after a change, until the next match
    mutable std::size_t versions_built_ = 0;
};

/// Parses one argument of a kind from a word; nullopt when it does not fit.
std::optional<arg_value> parse_arg(arg_kind kind, std::string_view word);
/// "a duration like 10m, 2h or 3d", ... for usage errors.
std::string_view arg_kind_hint(arg_kind kind);

}  // namespace bot
