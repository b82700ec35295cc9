#pragma once
/// What a wait for an event gives back: the event, or why there is none.

#include <optional>

#include "bot/event.hpp"

namespace bot {

/// How a wait ended.
enum class wait_outcome {
    event,      ///< a matching event arrived
    timed_out,  ///< the deadline on the bot's clock passed first
    cancelled,  ///< the bot is stopping; persisted state lets the flow resume after a restart
};

/// The result of `session::next_message`, `session::wait_for` and `plugin_context::wait_for`.
struct wait_result {
    wait_outcome outcome = wait_outcome::timed_out;
    std::optional<bot::event> ev;  ///< set exactly when outcome is `event`

    static wait_result got(bot::event e) { return {wait_outcome::event, std::move(e)}; }
    static wait_result ended(wait_outcome why) { return {why, std::nullopt}; }

    bool timed_out() const { return outcome == wait_outcome::timed_out; }
    bool cancelled() const { return outcome == wait_outcome::cancelled; }
    /// True when an event arrived.
    explicit operator bool() const { return outcome == wait_outcome::event; }
    bot::event const& operator*() const { return *ev; }
    bot::event const* operator->() const { return &*ev; }
};

}  // namespace bot
