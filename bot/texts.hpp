#pragma once
/// Keyed message templates: defaults in code (zh-CN), overridable in bot.toml and per group,
/// rendered with named placeholders ("欢迎 {name} 加入 {group}").

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace bot {

/// One named value for a template.
struct text_arg {
    std::string name;
    std::variant<std::int64_t, std::string> value;
    text_arg(std::string n, std::string v) : name(std::move(n)), value(std::move(v)) {}
    text_arg(std::string n, char const* v) : name(std::move(n)), value(std::string(v)) {}
    text_arg(std::string n, long v) : name(std::move(n)), value(static_cast<std::int64_t>(v)) {}
    text_arg(std::string n, long long v) : name(std::move(n)), value(static_cast<std::int64_t>(v)) {}
    text_arg(std::string n, unsigned long v) : name(std::move(n)), value(static_cast<std::int64_t>(v)) {}
    text_arg(std::string n, int v) : name(std::move(n)), value(static_cast<std::int64_t>(v)) {}
};
using text_args = std::vector<text_arg>;

/// The template registry.
class texts {
public:
    /// Per-group overrides are looked up through this (group key, template key) → text.
    using group_lookup = std::function<std::optional<std::string>(std::string const& group, std::string const& key)>;

    /// Declares a template with its default text and the placeholders it may use.
    void define(std::string key, std::string default_text, std::vector<std::string> placeholders);
    bool has(std::string const& key) const { return entries_.count(key) > 0; }
    /// Forgets every template whose key starts with `prefix` (a plugin's, when it goes).
    void forget_prefix(std::string const& prefix) {
        std::erase_if(entries_, [&](auto const& e) { return e.first.starts_with(prefix); });
    }
    /// Checks a text for a key: the placeholders must be among the declared ones and the braces
    /// balanced. Returns what is wrong, or nullopt.
    std::optional<std::string> validate(std::string const& key, std::string const& text) const;
    /// Sets the bot-wide text for a key (from bot.toml); throws std::invalid_argument when invalid.
    void set_global(std::string const& key, std::string text);
    void set_group_lookup(group_lookup fn) { lookup_ = std::move(fn); }

    /// Renders a key for a group (empty group: bot-wide). A per-group text that fails to render
    /// falls back to the bot-wide one, and that to the default, so a member always gets a message.
    std::string render(std::string const& group, std::string const& key, text_args const& args = {}) const;

    /// Keys with their current bot-wide text, for `/text list`.
    std::map<std::string, std::string> list() const;
    std::vector<std::string> placeholders(std::string const& key) const;
    std::string const& default_text(std::string const& key) const;

private:
    struct entry {
        std::string default_text;
        std::optional<std::string> global;
        std::vector<std::string> placeholders;
    };
    entry const& get(std::string const& key) const;
    std::map<std::string, entry> entries_;
    group_lookup lookup_;
};

/// Formats a template with named arguments; throws std::runtime_error on a bad template.
std::string format_template(std::string const& text, text_args const& args);

}  // namespace bot
