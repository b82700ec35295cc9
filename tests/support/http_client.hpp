#pragma once
/// A blocking HTTP/1.1 client for tests: one request to 127.0.0.1, with headers both ways.

#include <chrono>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace testing {

/// An HTTP answer; status 0 when the server did not answer in time or closed the connection.
struct http_reply {
    int status = 0;
    std::string body;
    std::map<std::string, std::string> headers;  ///< by lowercase name; repeated headers joined by "\n"

    std::string header(std::string const& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
};

using http_headers = std::vector<std::pair<std::string, std::string>>;

/// One request to 127.0.0.1:`port` (`target` is path plus query).
http_reply http_call(unsigned short port, std::string const& method, std::string const& target,
                     std::string const& body = {}, std::string const& content_type = {}, http_headers const& headers = {},
                     std::chrono::milliseconds timeout = std::chrono::seconds(5));

}  // namespace testing
