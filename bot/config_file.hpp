#pragma once
/// bot.toml, read once. Sections are claimed by the core, the adapters and the plugins through
/// typed schemas; whatever nobody claims is an unknown key and stops startup.

#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "bot/config_node.hpp"
#include "bot/config_schema.hpp"

namespace bot {

class config_file {
public:
    /// Reads and parses a file; a syntax error throws config_error with the line and column.
    static config_file load(std::string const& path);
    /// Parses text (named `name` in messages); for tests and `check-config`.
    static config_file parse(std::string_view text, std::string const& name = "bot.toml");

    std::string const& name() const { return name_; }
    config_node const& root() const { return *root_; }

    /// The node at a dotted path ("plugins.checkin"), or nullptr when absent. Marks it claimed.
    config_node const* section(std::string_view dotted);
    /// Reads the table at `dotted` into a T described by T::describe (defaults when absent),
    /// and marks it claimed. Bad keys and values are reported (see report()).
    template <describable_config T>
    T read(std::string_view dotted, std::vector<std::string> const& reserved = {}) {
        T out{};
        schema<T> s;
        T::describe(s);
        if (auto node = section(dotted))
            s.read(*node, std::string(dotted), out, reserved, [this](config_error e) { report(std::move(e)); });
        return out;
    }
    /// Marks a path as known even when absent (e.g. a plugin's texts table).
    void claim(std::string_view dotted);
    /// Reports every table or key that no part of the bot claimed, naming its line and the keys
    /// that are known at that level (when not collecting, the earliest in the file is thrown).
    void check_unclaimed();

    /// From now on errors are collected rather than thrown, so that startup reads the whole file
    /// and then reports every error at once (throw_errors()).
    void collect_errors() { collecting_ = true; }
    /// An error in this file: thrown at once, or collected after collect_errors().
    void report(config_error e);
    bool has_errors() const { return !errors_.empty(); }
    /// Throws config_errors with every collected error, if there is any.
    void throw_errors() const;

private:
    std::string name_;
    std::shared_ptr<config_node> root_;
    std::set<std::string, std::less<>> claimed_;
    bool collecting_ = false;
    std::vector<config_error> errors_;
};

}  // namespace bot
