#pragma once
/// Outgoing connections: dial a WebSocket, post JSON over HTTP, and the reconnect backoff.

#include <chrono>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "adapters/net/beast.hpp"

namespace adapters::net {

/// `ws://host:port/path` or `http://host:port/path` (TLS is left to a local proxy).
struct url {
    std::string scheme;  ///< "ws" or "http"
    std::string host;
    std::string port;
    std::string target = "/";

    /// Parses a URL; nullopt with `error` set when it is not one of the two forms.
    static std::optional<url> parse(std::string_view text, std::string* error = nullptr);
    std::string str() const { return scheme + "://" + host + ":" + port + target; }
};

using headers = std::vector<std::pair<std::string, std::string>>;

/// Connects and completes the WebSocket handshake, or throws boost::system::system_error.
asio::awaitable<ws_stream> dial_ws(url const& to, headers extra, std::chrono::milliseconds timeout);

/// POSTs `body` as JSON to `to` (its target plus `path`), returning the response, or throws
/// boost::system::system_error (connection, timeout).
asio::awaitable<response> post_json(url const& to, std::string const& path, std::string body, headers extra,
                                    std::chrono::milliseconds timeout);

/// Exponential backoff with full jitter: each failure doubles the ceiling up to `max`.
class backoff {
public:
    backoff(std::chrono::milliseconds min, std::chrono::milliseconds max) : min_(min), max_(max), ceiling_(min) {}
    /// The wait before the next attempt.
    std::chrono::milliseconds next();
    void reset() { ceiling_ = min_; }

private:
    std::chrono::milliseconds min_, max_, ceiling_;
    std::minstd_rand rng_{std::random_device{}()};
};

}  // namespace adapters::net
