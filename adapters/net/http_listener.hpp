#pragma once
/// A TCP listener that reads HTTP requests and hands each one to its owner: WebSocket upgrades
/// take over the connection, plain requests get a response (keep-alive honoured).

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "adapters/net/beast.hpp"

namespace adapters::net {

class http_listener {
public:
    struct handlers {
        /// A WebSocket upgrade: the handler owns the stream from here (accept or refuse).
        std::function<void(request req, beast::tcp_stream stream)> upgrade;
        /// Any other request: the response to write back.
        std::function<response(request const& req)> plain;
    };

    /// Binds `host:port` (port 0 picks a free one). Throws std::runtime_error naming the address
    /// when it cannot bind.
    http_listener(asio::io_context& io, std::string const& host, unsigned short port, handlers h,
                  std::size_t max_body = 8u << 20);
    ~http_listener();

    void start();
    void stop();
    /// The bound port (useful with port 0).
    unsigned short port() const { return port_; }
    std::string address() const;

private:
    asio::awaitable<void> accept_loop();
    asio::awaitable<void> serve(beast::tcp_stream stream);

    asio::io_context& io_;
    tcp::acceptor acceptor_;
    handlers handlers_;
    std::size_t max_body_;
    unsigned short port_ = 0;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

/// A small response with a text body.
response make_response(request const& req, http::status status, std::string body = {},
                       std::string content_type = "text/plain; charset=utf-8");

}  // namespace adapters::net
