#pragma once
/// A parsed configuration value with its source position. bot.toml is read by toml++ in one place
/// (config_file.cpp) and turned into these, so schemas and plugins never see the TOML library.

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace bot {

/// Where a value was written.
struct source_pos {
    std::string file;
    int line = 0;
    int column = 0;
};

/// A configuration error that names the file, line, key and what was expected.
class config_error : public std::runtime_error {
public:
    config_error(source_pos pos, std::string key, std::string problem);
    source_pos const& pos() const { return pos_; }
    std::string const& key() const { return key_; }
    std::string const& problem() const { return problem_; }

protected:
    /// For config_errors: the position, key and problem of the first, and a message of its own.
    config_error(source_pos pos, std::string key, std::string problem, std::string const& message);

private:
    source_pos pos_;
    std::string key_;
    std::string problem_;
};

/// Every error of a file, reported together: what() has one line each, ordered by position (errors
/// of the whole file, without a line, last). The first one is also this config_error's own.
class config_errors : public config_error {
public:
    explicit config_errors(std::vector<config_error> all);
    std::vector<config_error> const& all() const { return all_; }

private:
    config_errors(std::vector<config_error> sorted, int);
    std::vector<config_error> all_;
};

/// One TOML value: boolean, integer, float, string, array or table (keys in file order).
struct config_node {
    using array = std::vector<config_node>;
    using table = std::vector<std::pair<std::string, config_node>>;
    std::variant<std::monostate, bool, std::int64_t, double, std::string, array, table> value;
    source_pos pos;

    // Defaulted in config_node.cpp, where the type is complete. Left implicit, clang with libstdc++
    // instantiates std::pair<std::string, config_node> while config_node is still incomplete and
    // rejects the recursive `table`.
    config_node();
    config_node(config_node const&);
    config_node(config_node&&) noexcept;
    config_node& operator=(config_node const&);
    config_node& operator=(config_node&&) noexcept;
    ~config_node();

    bool is_table() const { return std::holds_alternative<table>(value); }
    table const& as_table() const { return std::get<table>(value); }
    /// "boolean", "integer", "float", "string", "array", "table".
    std::string_view type_name() const;
    /// The child at `key` when this is a table that has it.
    config_node const* find(std::string_view key) const;
};

}  // namespace bot
