#pragma once
/// Decodes one v12 frame (event, meta event or action response) into a typed outcome.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/event.hpp"

namespace adapters::onebot12 {

/// The `self` object: which bot account on which platform ("wechat", "qq", ...).
struct self_ref {
    std::string platform;
    bot::id user;

    bool empty() const { return user.empty(); }
    friend bool operator==(self_ref const&, self_ref const&) = default;
};

/// The implementation's `version` object, as the connect event reports it.
struct impl_version {
    std::string impl;     ///< "ComWechat", "onebots", "walle-q", ...
    std::string version;  ///< the implementation's own version
    std::string onebot_version;
};

/// One bot of a status_update (or a heartbeat that carries a status): an account and whether it is up.
struct bot_status {
    self_ref self;
    bool online = false;
};

/// What a frame turned out to be.
struct decoded {
    enum class kind {
        event,     ///< a typed event for the core, from the account in `self`
        meta,      ///< connect, heartbeat or status_update: see `meta_type`
        response,  ///< an answer to an action (no `type`): route it by `echo` to actions.hpp
        ignored,   ///< a type the core has no event for; `reason` says which and why
        error,     ///< malformed: `reason` names the field and what was wrong
    };
    enum class meta_kind { none, connect, heartbeat, status_update };

    kind what = kind::ignored;
    /// The event; for connect and heartbeat an ev::lifecycle with no account (meta events carry no
    /// `self`: they are about the connection, which may serve several bots). Empty for status_update.
    std::optional<bot::event> event;
    /// The bot's own message (user_id == self.user_id): decoded for logs and dedupe, never user input.
    bool own = false;
    std::string reason;
    nlohmann::json echo;  ///< response: the echo it carries (null when none)

    std::string event_id;  ///< the envelope's unique `id` (empty for responses)
    self_ref self;         ///< the account of a non-meta event
    meta_kind meta = meta_kind::none;
    std::optional<impl_version> version;                          ///< connect
    std::optional<std::chrono::milliseconds> heartbeat_interval;  ///< heartbeat, when positive
    std::vector<bot_status> bots;                                 ///< status_update (or a heartbeat's status)

    bool is(kind k) const { return what == k; }
    static decoded of(bot::event e, bool own = false) {
        decoded d;
        d.what = kind::event;
        d.event = std::move(e);
        d.own = own;
        return d;
    }
    static decoded ignore(std::string why) {
        decoded d;
        d.reason = std::move(why);
        return d;
    }
    static decoded fail(std::string why) {
        decoded d;
        d.what = kind::error;
        d.reason = std::move(why);
        return d;
    }
};

/// Decodes a parsed frame. Never throws.
decoded decode_frame(nlohmann::json const& frame);

/// Parses and decodes a text frame; invalid JSON is an error outcome. Never throws.
decoded decode_text(std::string_view text);

/// The table key for a frame: type "." detail_type, e.g. "message.group", "notice.wx.get_group_poke",
/// "meta.connect". Empty when `type` is missing or not a string.
std::string decoder_key(nlohmann::json const& frame);

}  // namespace adapters::onebot12
