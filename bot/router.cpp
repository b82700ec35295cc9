#include "bot/router.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <stdexcept>

namespace bot {

std::uint64_t router::use(std::string plugin, std::string name, int prio, middleware_fn fn) {
    auto handle = next_handle_++;
    auto chain = std::make_shared<chain_list>(*chain_);
    auto pos = std::find_if(chain->begin(), chain->end(), [&](auto const& e) { return e.priority < prio; });
    chain->insert(pos, middleware_entry{handle, std::move(plugin), std::move(name), prio, std::move(fn)});
    chain_ = std::move(chain);
    return handle;
}

std::uint64_t router::on(std::string plugin, std::size_t kind, listener_fn fn) {
    auto handle = next_handle_++;
    auto listeners = std::make_shared<listener_list>(*listeners_);
    listeners->push_back(listener_entry{handle, std::move(plugin), kind, std::move(fn)});
    listeners_ = std::move(listeners);
    return handle;
}

void router::remove(std::uint64_t handle) {
    auto chain = std::make_shared<chain_list>(*chain_);
    std::erase_if(*chain, [&](auto const& e) { return e.handle == handle; });
    chain_ = std::move(chain);
    auto listeners = std::make_shared<listener_list>(*listeners_);
    std::erase_if(*listeners, [&](auto const& e) { return e.handle == handle; });
    listeners_ = std::move(listeners);
}

task<> router::run(session& s, listener_fn terminal, enabled_fn const& enabled) const {
    co_await step(chain_, s, 0, 0, terminal, enabled);
}

task<> router::step(std::shared_ptr<chain_list const> chain, session& s, std::size_t index, int depth,
                    listener_fn const& terminal, enabled_fn const& enabled) {
    if (s.stopped()) co_return;
    if (depth > max_depth) throw std::runtime_error("middleware chain deeper than " + std::to_string(max_depth));
    while (index < chain->size() && !enabled((*chain)[index].plugin, s)) ++index;
    if (index >= chain->size()) {
        co_await terminal(s);
        co_return;
    }
    auto const& entry = (*chain)[index];
    bool called = false;
    next_fn next = [&, index, depth]() -> task<> {
        if (called) throw std::logic_error("middleware '" + entry.name + "' called next twice");
        called = true;
        co_await step(chain, s, index + 1, depth + 1, terminal, enabled);
    };
    co_await entry.fn(s, next);
}

task<> router::notify(session& s, enabled_fn const& enabled) const {
    auto kind = s.ev().payload.index();
    auto listeners = listeners_;  // this event's version (see the class comment)
    for (auto const& l : *listeners) {
        if (l.kind != kind) continue;
        if (s.stopped()) break;
        if (!enabled(l.plugin, s)) continue;
        try {
            co_await l.fn(s);
        } catch (std::exception const& e) {
            // One failing listener does not keep the others from seeing the event.
            spdlog::error("listener of plugin '{}' failed on {}: {}", l.plugin, s.ev().kind(), e.what());
        }
    }
}

}  // namespace bot
