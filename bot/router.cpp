#include "bot/router.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <stdexcept>

namespace bot {

std::uint64_t router::use(std::string plugin, std::string name, int prio, middleware_fn fn) {
    auto handle = next_handle_++;
    auto pos = std::find_if(chain_.begin(), chain_.end(), [&](auto const& e) { return e.priority < prio; });
    chain_.insert(pos, middleware_entry{handle, std::move(plugin), std::move(name), prio, std::move(fn)});
    return handle;
}

std::uint64_t router::on(std::string plugin, std::size_t kind, listener_fn fn) {
    auto handle = next_handle_++;
    listeners_.push_back(listener_entry{handle, std::move(plugin), kind, std::move(fn)});
    return handle;
}

void router::remove(std::uint64_t handle) {
    std::erase_if(chain_, [&](auto const& e) { return e.handle == handle; });
    std::erase_if(listeners_, [&](auto const& e) { return e.handle == handle; });
}

task<> router::run(session& s, listener_fn terminal, enabled_fn const& enabled) const {
    co_await step(s, 0, 0, terminal, enabled);
}

task<> router::step(session& s, std::size_t index, int depth, listener_fn const& terminal,
                    enabled_fn const& enabled) const {
    if (s.stopped()) co_return;
    if (depth > max_depth) throw std::runtime_error("middleware chain deeper than " + std::to_string(max_depth));
    while (index < chain_.size() && !enabled(chain_[index].plugin, s)) ++index;
    if (index >= chain_.size()) {
        co_await terminal(s);
        co_return;
    }
    // A copy: a handler may register or remove middleware while this event is suspended.
    auto entry = chain_[index];
    bool called = false;
    next_fn next = [&, index, depth]() -> task<> {
        if (called) throw std::logic_error("middleware '" + entry.name + "' called next twice");
        called = true;
        co_await step(s, index + 1, depth + 1, terminal, enabled);
    };
    co_await entry.fn(s, next);
}

task<> router::notify(session& s, enabled_fn const& enabled) const {
    auto kind = s.ev().payload.index();
    // A copy: a listener may register or remove listeners while this event is suspended.
    std::vector<listener_entry> matching;
    for (auto const& l : listeners_)
        if (l.kind == kind) matching.push_back(l);
    for (auto const& l : matching) {
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
