#pragma once
/// A TCP listener that reads HTTP requests and hands each one to its owner: WebSocket upgrades
/// take over the connection, plain requests get a response (keep-alive honoured).

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "adapters/net/beast.hpp"

namespace bot {
class flow_control;
}

namespace adapters::net {

class http_listener {
public:
    /// One of the listener's connections; held by whoever owns the connection, released when it ends.
    struct connection_slot {
        explicit connection_slot(std::shared_ptr<std::size_t> count) : count_(std::move(count)) { ++*count_; }
        ~connection_slot() { --*count_; }
        connection_slot(connection_slot const&) = delete;
        connection_slot& operator=(connection_slot const&) = delete;

    private:
        std::shared_ptr<std::size_t> count_;
    };
    using slot = std::shared_ptr<connection_slot>;

    struct handlers {
        /// A WebSocket upgrade: the handler owns the stream and its slot from here (accept or refuse).
        std::function<void(request req, beast::tcp_stream stream, slot held)> upgrade;
        /// Any other request: the response to write back.
        std::function<response(request const& req)> plain;
        /// Any other request, answered asynchronously, with the peer's address; used instead of
        /// `plain` when set.
        std::function<asio::awaitable<response>(request req, std::string remote)> respond;
        /// Awaited before any request but an upgrade is handled: backpressure holds the answer
        /// (and so the sender's next request) while the core's queues are full.
        std::function<asio::awaitable<void>()> admit;
    };

    /// Binds `host:port` (port 0 picks a free one). Throws std::runtime_error naming the address
    /// when it cannot bind. Request bodies above `max_body` are refused (413) before they are
    /// read whole; connections beyond `max_connections` are closed as soon as they are accepted.
    http_listener(asio::io_context& io, std::string const& host, unsigned short port, handlers h,
                  std::size_t max_body = 1u << 20, std::size_t max_connections = 64);
    ~http_listener();

    void start();
    void stop();
    /// The bound port (useful with port 0).
    unsigned short port() const { return port_; }
    std::string address() const;
    /// Connections open now (plain requests and upgraded WebSockets).
    std::size_t connections() const { return *active_; }
    /// Connections closed at once because the cap was reached.
    std::size_t turned_away() const { return turned_away_; }

private:
    asio::awaitable<void> accept_loop();
    asio::awaitable<void> serve(beast::tcp_stream stream, slot held);

    asio::io_context& io_;
    tcp::acceptor acceptor_;
    handlers handlers_;
    std::size_t max_body_;
    std::size_t max_connections_;
    std::shared_ptr<std::size_t> active_ = std::make_shared<std::size_t>(0);
    std::size_t turned_away_ = 0;
    unsigned short port_ = 0;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

/// A small response with a text body.
/// An `admit` handler that waits while `flow` holds reading back (bot::flow_control).
std::function<asio::awaitable<void>()> admit_when_room(bot::flow_control& flow);

response make_response(request const& req, http::status status, std::string body = {},
                       std::string content_type = "text/plain; charset=utf-8");

}  // namespace adapters::net
