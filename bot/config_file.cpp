#include "bot/config_file.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <system_error>

namespace bot {

namespace {

source_pos position(toml::source_region const& where, std::string const& file) {
    return {file, static_cast<int>(where.begin.line), static_cast<int>(where.begin.column)};
}

// TOML dates and times have no config_node type; they become the text an admin would have
// quoted, so `remind_at = 21:00:00` reads like `remind_at = "21:00"`.
std::string date_time_text(toml::node const& n) {
    auto time_text = [](toml::time const& t) {
        auto hm = fmt::format("{:02}:{:02}", t.hour, t.minute);
        if (t.second == 0 && t.nanosecond == 0) return hm;
        return hm + fmt::format(":{:02}", t.second);
    };
    auto date_text = [](toml::date const& d) { return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day); };
    if (auto t = n.as_time()) return time_text(t->get());
    if (auto d = n.as_date()) return date_text(d->get());
    auto const& dt = n.as_date_time()->get();
    auto out = date_text(dt.date) + "T" + time_text(dt.time);
    if (dt.offset) {
        int m = dt.offset->minutes;
        out += m == 0 ? "Z" : fmt::format("{}{:02}:{:02}", m < 0 ? '-' : '+', std::abs(m) / 60, std::abs(m) % 60);
    }
    return out;
}

config_node convert(toml::node const& n, std::string const& file) {
    config_node out;
    out.pos = position(n.source(), file);
    if (auto t = n.as_table()) {
        config_node::table entries;
        for (auto const& [key, child] : *t) {
            entries.emplace_back(std::string(key.str()), convert(child, file));
            // Tables made implicitly by a dotted key have no position of their own.
            if (entries.back().second.pos.line == 0) entries.back().second.pos = position(key.source(), file);
        }
        // toml::table is sorted by key; keep the order of the file instead.
        std::stable_sort(entries.begin(), entries.end(), [](auto const& a, auto const& b) {
            return std::pair(a.second.pos.line, a.second.pos.column) <
                   std::pair(b.second.pos.line, b.second.pos.column);
        });
        out.value = std::move(entries);
    } else if (auto a = n.as_array()) {
        config_node::array items;
        for (auto const& item : *a) items.push_back(convert(item, file));
        out.value = std::move(items);
    } else if (auto s = n.as_string()) {
        out.value = s->get();
    } else if (auto i = n.as_integer()) {
        out.value = i->get();
    } else if (auto f = n.as_floating_point()) {
        out.value = f->get();
    } else if (auto b = n.as_boolean()) {
        out.value = b->get();
    } else {
        out.value = date_time_text(n);
    }
    return out;
}

std::vector<std::string_view> split_path(std::string_view dotted) {
    std::vector<std::string_view> parts;
    while (true) {
        auto dot = dotted.find('.');
        parts.push_back(dotted.substr(0, dot));
        if (dot == std::string_view::npos) return parts;
        dotted.remove_prefix(dot + 1);
    }
}

bool is_under(std::string_view path, std::string_view prefix) {
    return path.size() > prefix.size() && path.starts_with(prefix) && path[prefix.size()] == '.';
}

bool has_claim_under(std::set<std::string, std::less<>> const& claimed, std::string_view path) {
    return std::any_of(claimed.begin(), claimed.end(), [&](auto const& c) { return is_under(c, path); });
}

// The names claimed directly under `prefix` ("" for the top level), for "expected one of".
std::string names_under(std::set<std::string, std::less<>> const& claimed, std::string_view prefix) {
    std::set<std::string_view> names;
    for (std::string_view c : claimed) {
        if (!prefix.empty()) {
            if (!is_under(c, prefix)) continue;
            c.remove_prefix(prefix.size() + 1);
        }
        names.insert(c.substr(0, c.find('.')));
    }
    return fmt::format("{}", fmt::join(names, ", "));
}

}  // namespace

config_file config_file::load(std::string const& path) {
    auto fail = [&](std::string why) { return config_error({path, 0, 0}, "", "cannot read file" + why); };
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw fail(": it is a directory");
    errno = 0;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw fail(errno != 0 ? ": " + std::generic_category().message(errno) : "");
    std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) throw fail("");
    return parse(text, path);
}

config_file config_file::parse(std::string_view text, std::string const& name) {
    config_file out;
    out.name_ = name;
    try {
        // Both arguments as string_view: toml++ 3.3 finds parse(string_view, string&&) ambiguous otherwise.
        auto table = toml::parse(text, std::string_view(name));
        out.root_ = std::make_shared<config_node>(convert(table, name));
    } catch (toml::parse_error const& e) {
        // toml++ stops at the first syntax error, so nothing after it can be checked.
        throw config_error(position(e.source(), name), "",
                           "TOML syntax error: " + std::string(e.description()) +
                               " (the file is read no further; fix this and check again)");
    }
    out.root_->pos = {name, 1, 1};
    return out;
}

config_node const* config_file::section(std::string_view dotted) {
    claim(dotted);
    config_node const* node = root_.get();
    for (auto part : split_path(dotted)) {
        node = node->find(part);
        if (!node) return nullptr;
    }
    return node;
}

void config_file::claim(std::string_view dotted) {
    claimed_.emplace(dotted);
}

void config_file::report(config_error e) {
    if (!collecting_) throw e;
    errors_.push_back(std::move(e));
}

void config_file::throw_errors() const {
    if (!errors_.empty()) throw config_errors(errors_);
}

void config_file::check_unclaimed() {
    std::vector<config_error> found;
    auto report_at = [&](config_node const& at, std::string const& key, std::string problem) {
        found.emplace_back(at.pos, key, std::move(problem));
    };
    auto walk = [&](auto const& self, config_node const& table, std::string const& prefix) -> void {
        for (auto const& [key, child] : table.as_table()) {
            auto path = prefix.empty() ? key : prefix + "." + key;
            if (claimed_.contains(path)) continue;  // the claimed section's schema checks what is inside
            if (has_claim_under(claimed_, path)) {
                if (child.is_table())
                    self(self, child, path);
                else
                    report_at(child, path, "expected a table, got " + describe_config_value(child));
                continue;
            }
            auto known = names_under(claimed_, prefix);
            std::string what = child.is_table() ? "unknown table" : "unknown key";
            report_at(child, path, what + (known.empty() ? "; nothing is read here" : "; expected one of: " + known));
        }
    };
    walk(walk, *root_, "");
    // The earliest in the file first, not the first in walking order.
    std::stable_sort(found.begin(), found.end(), [](config_error const& x, config_error const& y) {
        return std::pair(x.pos().line, x.pos().column) < std::pair(y.pos().line, y.pos().column);
    });
    for (auto& e : found) report(std::move(e));
}

}  // namespace bot
