#pragma once
/// The welcome plugin's message templates: key, default text (zh-CN) and placeholders.

#include <string>
#include <vector>

namespace plugins::welcome {

struct text_def {
    char const* key;
    char const* text;
    std::vector<std::string> placeholders;
};

/// Every template of the plugin, declared at registration and listed in the README.
std::vector<text_def> const& text_defs();

}  // namespace plugins::welcome
