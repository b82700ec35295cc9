#include "bot/config_node.hpp"

#include <algorithm>
#include <tuple>

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

config_error::config_error(source_pos pos, std::string key, std::string problem, std::string const& message)
    : std::runtime_error(message), pos_(std::move(pos)), key_(std::move(key)), problem_(std::move(problem)) {}

namespace {

std::vector<config_error> in_file_order(std::vector<config_error> all) {
    // Errors of the whole file (no line) go last; among equals the order they were found in.
    std::stable_sort(all.begin(), all.end(), [](config_error const& a, config_error const& b) {
        auto order = [](source_pos const& p) { return std::tuple(p.line == 0, p.line, p.column); };
        return order(a.pos()) < order(b.pos());
    });
    return all;
}

std::string joined(std::vector<config_error> const& all) {
    std::string out;
    for (auto const& e : all) out.append(out.empty() ? "" : "\n").append(e.what());
    return out;
}

config_error const& first_of(std::vector<config_error> const& all) {
    if (all.empty()) throw std::logic_error("config_errors needs at least one error");
    return all.front();
}

}  // namespace

config_errors::config_errors(std::vector<config_error> all)
    : config_errors(in_file_order(std::move(all)), 0) {}

config_errors::config_errors(std::vector<config_error> sorted, int)
    : config_error(first_of(sorted).pos(), first_of(sorted).key(), first_of(sorted).problem(), joined(sorted)),
      all_(std::move(sorted)) {}

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
