#pragma once
/// The plugins compiled into this binary (generated from the plugin folders at build time).

#include <string>
#include <vector>

namespace bot {

class plugin_context;

/// A plugin's name and its registration function.
struct plugin_entry {
    std::string name;
    void (*register_fn)(plugin_context&);
};

/// Every plugin folder under plugins/, in name order.
std::vector<plugin_entry> const& builtin_plugins();

}  // namespace bot
