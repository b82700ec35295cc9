#pragma once
/// Decodes one v11 frame (event, meta event or action response) into a typed outcome.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "bot/event.hpp"

namespace adapters::onebot11 {

/// What a frame turned out to be.
struct decoded {
    enum class kind {
        event,     ///< a typed event for the core
        meta,      ///< heartbeat or lifecycle: `event` holds an ev::lifecycle
        response,  ///< an answer to an action (no post_type): route it by `echo` to actions.hpp
        ignored,   ///< a type the core has no event for; `reason` says which and why
        error,     ///< malformed: `reason` names the field and what was wrong
    };
    kind what = kind::ignored;
    std::optional<bot::event> event;
    /// The bot's own message (message_sent, or user_id == self_id): decoded for logs and dedupe,
    /// never to be treated as user input.
    bool own = false;
    /// Heartbeat: milliseconds until the next one, when the implementation says.
    std::optional<std::chrono::milliseconds> heartbeat_interval;
    std::string reason;
    nlohmann::json echo;  ///< response: the echo it carries (null when none)

    bool is(kind k) const { return what == k; }
    static decoded of(bot::event e, bool own = false) { return {kind::event, std::move(e), own, {}, {}, {}}; }
    static decoded meta_of(bot::event e, std::optional<std::chrono::milliseconds> interval = {}) {
        return {kind::meta, std::move(e), false, interval, {}, {}};
    }
    static decoded ignore(std::string why) { return {kind::ignored, {}, false, {}, std::move(why), {}}; }
    static decoded fail(std::string why) { return {kind::error, {}, false, {}, std::move(why), {}}; }
};

/// Decodes a parsed frame. Never throws.
decoded decode_frame(nlohmann::json const& frame);

/// Parses and decodes a text frame; invalid JSON is an error outcome. Never throws.
decoded decode_text(std::string_view text);

/// The table key for a frame: "message.group", "notice.notify.poke", "meta_event.heartbeat", ...
/// (message_sent frames have keys of their own, "message_sent.group", bound to the same decoders).
/// Empty when post_type is missing or not a string.
std::string decoder_key(nlohmann::json const& frame);

}  // namespace adapters::onebot11
