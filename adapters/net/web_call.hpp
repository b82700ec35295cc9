#pragma once
/// One HTTP or HTTPS request to a web API (WeCom's), answered and closed. HTTPS is verified against
/// the system's certificate authorities, with the host name checked.

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "adapters/net/beast.hpp"

namespace adapters::net {

/// `https://host[:port][/path]` or `http://…` (tests, local proxies).
struct web_url {
    bool tls = true;
    std::string host;
    std::string port;
    std::string path;  ///< without a trailing '/'; empty for the root

    /// nullopt with `error` set when `text` is neither form.
    static std::optional<web_url> parse(std::string_view text, std::string* error = nullptr);
    std::string origin() const;  ///< "https://host:port"
};

/// Sends `verb` to `target` (a path with its query, appended to the URL's path) with a JSON body
/// when `body` is not empty, and reads the response (at most `max_body` bytes). Throws
/// boost::system::system_error on a connection, TLS or timeout failure.
asio::awaitable<response> web_request(web_url const& to, http::verb verb, std::string const& target, std::string body,
                                      std::chrono::milliseconds timeout, std::size_t max_body = 4u << 20);

/// Percent-encodes a query value.
std::string url_encode(std::string_view text);

}  // namespace adapters::net
