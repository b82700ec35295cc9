#include "bot/texts.hpp"

#include <fmt/args.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <stdexcept>

namespace bot {

std::string format_template(std::string const& text, text_args const& args) {
    fmt::dynamic_format_arg_store<fmt::format_context> store;
    for (auto const& a : args) {
        // The store copies the name and value, so they need not outlive this call.
        if (auto i = std::get_if<std::int64_t>(&a.value)) {
            store.push_back(fmt::arg(a.name.c_str(), *i));
        } else {
            store.push_back(fmt::arg(a.name.c_str(), std::get<std::string>(a.value)));
        }
    }
    try {
        return fmt::vformat(text, store);
    } catch (fmt::format_error const& e) {
        throw std::runtime_error(e.what());
    }
}

void texts::define(std::string key, std::string default_text, std::vector<std::string> placeholders) {
    auto& e = entries_[std::move(key)];
    e.default_text = std::move(default_text);
    e.placeholders = std::move(placeholders);
}

texts::entry const& texts::get(std::string const& key) const {
    auto it = entries_.find(key);
    if (it == entries_.end()) throw std::invalid_argument("no message template named '" + key + "'");
    return it->second;
}

std::optional<std::string> texts::validate(std::string const& key, std::string const& text) const {
    auto it = entries_.find(key);
    if (it == entries_.end()) return "no message template named '" + key + "'";
    text_args sample;
    for (auto const& p : it->second.placeholders) sample.emplace_back(p, std::string("x"));
    try {
        format_template(text, sample);
    } catch (std::exception const& e) {
        std::string names;
        for (auto const& p : it->second.placeholders) names += (names.empty() ? "{" : ", {") + p + "}";
        return "a text using only the placeholders " + (names.empty() ? std::string("(none)") : names) +
               " with balanced braces ({{ and }} for literal braces): " + e.what();
    }
    return std::nullopt;
}

void texts::set_global(std::string const& key, std::string text) {
    if (auto problem = validate(key, text)) throw std::invalid_argument(*problem);
    entries_[key].global = std::move(text);
}

std::string texts::render(std::string const& group, std::string const& key, text_args const& args) const {
    auto const& e = get(key);
    if (!group.empty() && lookup_) {
        if (auto custom = lookup_(group, key)) {
            try {
                return format_template(*custom, args);
            } catch (std::exception const& ex) {
                spdlog::warn("group {} text '{}' does not render ({}); using the default", group, key, ex.what());
            }
        }
    }
    if (e.global) {
        try {
            return format_template(*e.global, args);
        } catch (std::exception const& ex) {
            spdlog::warn("text '{}' from bot.toml does not render ({}); using the default", key, ex.what());
        }
    }
    return format_template(e.default_text, args);
}

std::map<std::string, std::string> texts::list() const {
    std::map<std::string, std::string> out;
    for (auto const& [k, e] : entries_) out[k] = e.global ? *e.global : e.default_text;
    return out;
}

std::vector<std::string> texts::placeholders(std::string const& key) const { return get(key).placeholders; }

std::string const& texts::default_text(std::string const& key) const { return get(key).default_text; }

}  // namespace bot
