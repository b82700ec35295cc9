// What the core keeps per plugin: services offered and required, and undoing a plugin's registrations.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <stdexcept>

#include "bot/core.hpp"

namespace bot {

void core::provide_service(std::string const& name, std::string const& plugin, std::type_index type,
                           std::shared_ptr<void> impl) {
    if (auto it = services_.find(name); it != services_.end())
        throw std::invalid_argument("plugin '" + plugin + "' provides the " + name + " service, which plugin '" +
                                    it->second.plugin + "' already provides");
    services_.emplace(name, service_entry{plugin, type, std::move(impl)});
}

void core::require_service(std::string const& name, std::string const& plugin, std::string const& provider) {
    service_needs_.push_back({name, plugin, provider});
}

std::shared_ptr<void> core::find_service(std::string const& name, std::type_index type) const {
    auto it = services_.find(name);
    if (it == services_.end() || it->second.type != type) return nullptr;
    return it->second.impl;
}

void core::add_listener(std::type_index type, std::string const& plugin, std::function<void(void*)> fn) {
    listeners_.push_back({type, plugin, std::move(fn)});
}

void core::notify(std::type_index type, void* notice) {
    // A copy: a listener may not add or remove listeners, but the list must not move under it.
    auto listeners = listeners_;
    for (auto const& l : listeners)
        if (l.type == type) l.fn(notice);
}

void core::check_services(std::vector<plugin_entry> const& built) const {
    for (auto const& need : service_needs_) {
        if (services_.count(need.name)) continue;
        // Only plugins that registered (the enabled ones) get here, so this one is on.
        auto node = file_.section("plugins." + need.plugin);
        auto pos = node ? node->pos : source_pos{file_.name()};
        auto in_build = std::any_of(built.begin(), built.end(), [&](auto const& p) { return p.name == need.provider; });
        std::string how =
            in_build ? "enable plugin '" + need.provider + "' ([plugins." + need.provider +
                           "] enabled = true), which provides it, or set [plugins." + need.plugin + "] enabled = false"
                     : "plugin '" + need.provider + "' provides it but is not in this build (plugins/" + need.provider +
                           " was removed or skipped); put it back, or set [plugins." + need.plugin + "] enabled = false";
        file_.report(config_error(pos, "plugins." + need.plugin,
                                  "plugin '" + need.plugin + "' needs the " + need.name +
                                      " service, which no enabled plugin provides: " + how));
    }
}

void core::forget_plugin(std::string const& plugin) {
    batch_.forget(plugin);
    std::erase_if(group_jobs_, [&](auto const& j) { return j.plugin == plugin; });
    config_keys_.erase(plugin);
    std::erase_if(shutdown_hooks_, [&](auto const& h) { return h.plugin == plugin; });
    if (!started_) std::erase_if(migrations_, [&](auto const& m) { return m.first == plugin; });
    std::erase_if(services_, [&](auto const& s) { return s.second.plugin == plugin; });
    std::erase_if(service_needs_, [&](auto const& n) { return n.plugin == plugin; });
    std::erase_if(listeners_, [&](auto const& l) { return l.plugin == plugin; });
    std::erase_if(panels_, [&](auto const& p) { return p.plugin == plugin; });
    std::erase_if(role_sources_, [&](auto const& r) { return r.plugin == plugin; });
}

}  // namespace bot
