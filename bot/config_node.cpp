#include "bot/config_node.hpp"

namespace bot {

namespace {

// "bot.toml:12:5: plugins.checkin.remind_at: unknown key"; the line, column and key are left out
// when unknown, so a missing file reads "bot.toml: cannot read file: ...".
std::string format_error(source_pos const& pos, std::string const& key, std::string const& problem) {
    // Appends only: GCC 12 at -O3 warns (-Wrestrict, a false positive) on `":" + std::to_string(...)`.
    std::string out = pos.file.empty() ? std::string("<config>") : pos.file;
    if (pos.line > 0) out.append(":").append(std::to_string(pos.line));
    if (pos.line > 0 && pos.column > 0) out.append(":").append(std::to_string(pos.column));
    out.append(": ");
    if (!key.empty()) out.append(key).append(": ");
    return out.append(problem);
}

}  // namespace

config_error::config_error(source_pos pos, std::string key, std::string problem)
    : std::runtime_error(format_error(pos, key, problem)),
      pos_(std::move(pos)),
      key_(std::move(key)),
      problem_(std::move(problem)) {}

config_node::config_node() = default;
config_node::config_node(config_node const&) = default;
config_node::config_node(config_node&&) noexcept = default;
config_node& config_node::operator=(config_node const&) = default;
config_node& config_node::operator=(config_node&&) noexcept = default;
config_node::~config_node() = default;

std::string_view config_node::type_name() const {
    if (std::holds_alternative<bool>(value)) return "boolean";
    if (std::holds_alternative<std::int64_t>(value)) return "integer";
    if (std::holds_alternative<double>(value)) return "float";
    if (std::holds_alternative<std::string>(value)) return "string";
    if (std::holds_alternative<array>(value)) return "array";
    if (std::holds_alternative<table>(value)) return "table";
    return "empty value";
}

config_node const* config_node::find(std::string_view key) const {
    if (!is_table()) return nullptr;
    for (auto const& [name, child] : as_table())
        if (name == key) return &child;
    return nullptr;
}

}  // namespace bot
