#pragma once
/// What leaves for WeCom: messages rendered as text, group robots paced within their limit, and the
/// intelligent bot's response URLs, each used once within its hour.

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapters/wecom/api.hpp"
#include "bot/message.hpp"

namespace adapters::wecom {

/// A message as WeCom text: mentions become "@name" (their user IDs listed apart, for the group
/// robot's mentioned_list), other media a short placeholder.
struct rendered {
    std::string text;
    std::vector<std::string> mentioned;  ///< user IDs, "@all" for a mention of everyone
    std::string reply_to;                ///< the message it answers, when it quotes one
};
rendered render(bot::message const& msg);

/// Plain text made safe for WeCom markdown (the only text a response_url takes): characters that
/// would format, link or tag are replaced by their full-width forms, so member text shows as typed.
std::string markdown_safe(std::string_view text);

/// Group robots (群机器人): each key posts at most `per_minute` messages in any minute, one at a time.
class webhook_sender {
public:
    /// `window` is WeCom's minute; tests shorten it.
    webhook_sender(api_client& api, asio::any_io_executor ex, int per_minute,
                   std::chrono::milliseconds window = std::chrono::minutes(1))
        : api_(api), ex_(std::move(ex)), per_minute_(per_minute), window_(window) {}

    /// Posts `msg` through robot `key`, waiting for a free slot. An answer of 45009 (over the limit)
    /// means nothing was posted: the robot is rested for a minute and the message tried once more.
    /// Any other failure is returned as it is, never resent (the message may have arrived).
    bot::task<api_reply> send(std::string key, nlohmann::json msg);
    /// Times WeCom answered 45009 (for tests and the status line).
    std::uint64_t rate_limited() const { return rate_limited_; }

private:
    struct robot {
        std::deque<std::chrono::steady_clock::time_point> sent;  ///< within the last minute
        std::chrono::steady_clock::time_point rested_until{};
        std::unique_ptr<async_gate> gate;
    };
    bot::task<> wait_for_slot(robot& r);

    api_client& api_;
    asio::any_io_executor ex_;
    int per_minute_;
    std::chrono::milliseconds window_;
    std::map<std::string, robot> robots_;
    std::uint64_t rate_limited_ = 0;
};

/// The intelligent bot's response URLs: each callback brings one, usable once within an hour.
class response_urls {
public:
    /// Keeps the URL for chat `chat` (a group ID, or "u:" + user for a single chat).
    void add(std::string const& chat, std::string const& message_id, std::string url,
             std::chrono::steady_clock::time_point now);
    /// The URL to answer with: the one for `reply_to` if given and still unused, else the newest
    /// unused one of the chat; it is used up. nullopt when none is left within its hour.
    std::optional<std::string> take(std::string const& chat, std::string const& reply_to,
                                    std::chrono::steady_clock::time_point now);

private:
    struct entry {
        std::string message_id;
        std::string url;
        std::chrono::steady_clock::time_point expires;
    };
    std::map<std::string, std::deque<entry>> by_chat_;
};

}  // namespace adapters::wecom
