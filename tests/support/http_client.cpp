#include "tests/support/http_client.hpp"

#include <algorithm>
#include <cctype>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

http_reply http_call(unsigned short port, std::string const& method, std::string const& target, std::string const& body,
                     std::string const& content_type, http_headers const& headers, std::chrono::milliseconds timeout) {
    // The asynchronous calls run on a private io_context on this thread, so the call blocks like
    // the synchronous ones but cannot hang a test when the server never answers.
    asio::io_context io;
    beast::tcp_stream stream(io);
    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, "127.0.0.1:" + std::to_string(port));
    if (!body.empty() && !content_type.empty()) req.set(http::field::content_type, content_type);
    for (auto const& [name, value] : headers) req.set(name, value);
    req.keep_alive(false);
    req.body() = body;
    req.prepare_payload();
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64u << 20);
    http_reply out;
    stream.expires_after(timeout);
    stream.async_connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), [&](beast::error_code ec) {
        if (ec) return;
        http::async_write(stream, req, [&](beast::error_code, std::size_t) {
            // Read even when the write failed: the server may answer and close before taking the body.
            http::async_read(stream, buffer, parser, [&](beast::error_code read_ec, std::size_t) {
                if (read_ec) return;
                auto const& res = parser.get();
                out.status = static_cast<int>(res.result_int());
                out.body = res.body();
                for (auto const& field : res) {
                    std::string name(field.name_string());
                    std::transform(name.begin(), name.end(), name.begin(),
                                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
                    auto& slot = out.headers[name];
                    slot += (slot.empty() ? "" : "\n") + std::string(field.value());
                }
            });
        });
    });
    io.run();
    return out;
}

}  // namespace testing
