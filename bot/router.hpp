#pragma once
/// One ordered middleware chain with priorities and explicit `next`, plus typed event listeners.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "bot/session.hpp"
#include "bot/task.hpp"

namespace bot {

/// Continues the chain; a middleware that does not call it ends the event there.
using next_fn = std::function<task<>()>;
using middleware_fn = std::function<task<>(session&, next_fn)>;
using listener_fn = std::function<task<>(session&)>;
/// Whether a plugin is enabled for the event's group.
using enabled_fn = std::function<bool(std::string const& plugin, session const&)>;

/// Well-known middleware priorities: higher runs earlier.
namespace priority {
inline constexpr int moderation = 1000;  ///< anti-ad and other filters: before everything
inline constexpr int observe = 500;      ///< bookkeeping that sees every message (activity, stats)
inline constexpr int normal = 0;
}  // namespace priority

/// Registrations change by versions, as in the command table: each change builds a new immutable
/// list, and an event runs through the lists current when it arrived. A handler that registers or
/// removes middleware or listeners while the event is suspended changes what the next event sees.
class router {
public:
    /// The deepest a chain may nest `next` calls before the event is dropped with an error.
    static constexpr int max_depth = 64;

    /// Adds middleware; returns a handle for `remove`.
    std::uint64_t use(std::string plugin, std::string name, int priority, middleware_fn fn);
    /// Adds a listener for one event kind (the index of its type in event_payload).
    std::uint64_t on(std::string plugin, std::size_t kind, listener_fn fn);
    void remove(std::uint64_t handle);

    /// Runs the middleware in priority order (ties in registration order); the last `next` calls
    /// `terminal`. A middleware that throws ends this event's chain; the exception reaches the
    /// caller, which logs it (core::dispatch), and so does a chain deeper than max_depth.
    task<> run(session& s, listener_fn terminal, enabled_fn const& enabled) const;
    /// Runs the listeners for the session's event kind in registration order, until one stops it.
    task<> notify(session& s, enabled_fn const& enabled) const;

    std::size_t middleware_count() const { return chain_->size(); }

private:
    struct middleware_entry {
        std::uint64_t handle;
        std::string plugin;
        std::string name;
        int priority;
        middleware_fn fn;
    };
    struct listener_entry {
        std::uint64_t handle;
        std::string plugin;
        std::size_t kind;
        listener_fn fn;
    };
    using chain_list = std::vector<middleware_entry>;
    using listener_list = std::vector<listener_entry>;
    static task<> step(std::shared_ptr<chain_list const> chain, session& s, std::size_t index, int depth,
                       listener_fn const& terminal, enabled_fn const& enabled);

    std::shared_ptr<chain_list const> chain_ = std::make_shared<chain_list const>();
    std::shared_ptr<listener_list const> listeners_ = std::make_shared<listener_list const>();
    std::uint64_t next_handle_ = 1;
};

}  // namespace bot
