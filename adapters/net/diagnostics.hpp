#pragma once
/// Small helpers the protocol adapters share for log lines and request headers, and the counters
/// they keep.

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "adapters/net/beast.hpp"

namespace adapters::net {

/// A frame shortened for a log line, with its size when cut.
std::string excerpt(std::string_view text, std::size_t max = 160);
/// A request header's value; empty when absent.
std::string header_value(request const& req, std::string_view name);
/// "address:port" of the other end, or "?".
std::string peer_of(beast::tcp_stream const& stream);

/// `"key"`, for error messages about a field.
std::string quoted(std::string_view key);
/// "an object", "a string", "null", ... for error messages about a JSON value.
std::string json_kind(nlohmann::json const& v);

/// What an adapter has seen, for logs and tests.
struct adapter_stats {
    std::uint64_t frames = 0;
    std::uint64_t events = 0;
    std::uint64_t own_messages = 0;
    std::uint64_t malformed = 0;
    std::uint64_t ignored = 0;
    std::uint64_t refused_connections = 0;
    std::uint64_t connections = 0;
};

}  // namespace adapters::net
