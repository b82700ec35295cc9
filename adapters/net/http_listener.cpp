#include "adapters/net/http_listener.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bot/flow.hpp"

#include <algorithm>
#include <stdexcept>

#include "adapters/net/ws_link.hpp"

namespace adapters::net {

http_listener::http_listener(asio::io_context& io, std::string const& host, unsigned short port, handlers h,
                             std::size_t max_body, std::size_t max_connections)
    : io_(io), acceptor_(io), handlers_(std::move(h)), max_body_(max_body), max_connections_(max_connections) {
    boost::system::error_code ec;
    auto address = asio::ip::make_address(host, ec);
    if (ec) throw std::runtime_error("cannot listen on \"" + host + "\": not an IP address");
    tcp::endpoint endpoint(address, port);
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port) + ": " + ec.message());
    port_ = acceptor_.local_endpoint().port();
}

http_listener::~http_listener() {
    *alive_ = false;
    boost::system::error_code ignored;
    acceptor_.close(ignored);
}

std::string http_listener::address() const {
    boost::system::error_code ec;
    auto ep = acceptor_.local_endpoint(ec);
    return ec ? std::string("?") : ep.address().to_string() + ":" + std::to_string(ep.port());
}

void http_listener::start() {
    asio::co_spawn(io_, accept_loop(), asio::detached);
}

void http_listener::stop() {
    *alive_ = false;
    boost::system::error_code ignored;
    acceptor_.close(ignored);
}

asio::awaitable<void> http_listener::accept_loop() {
    auto alive = alive_;
    asio::steady_timer pause(io_);
    // Accept failures (no file descriptors left, say) repeat until something is freed: wait a
    // growing while between tries and log one line per 10 s with a count, never a loop at 100 %.
    auto delay = std::chrono::milliseconds(0);
    std::size_t failures = 0, full = 0;
    auto last_log = std::chrono::steady_clock::time_point{};
    auto may_log = [&] {
        auto now = std::chrono::steady_clock::now();
        if (now - last_log < std::chrono::seconds(10)) return false;
        last_log = now;
        return true;
    };
    while (*alive) {
        boost::system::error_code ec;
        auto socket = co_await acceptor_.async_accept(asio::redirect_error(asio::use_awaitable, ec));
        if (!*alive) co_return;
        if (ec) {
            if (ec == asio::error::operation_aborted) co_return;
            ++failures;
            delay = std::clamp(delay * 2, std::chrono::milliseconds(50), std::chrono::milliseconds(1000));
            if (may_log())
                spdlog::warn("http listener {}: accept failed {} time(s): {}; retrying every {} ms", address(), failures,
                             ec.message(), delay.count());
            pause.expires_after(delay);
            co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
            continue;
        }
        delay = std::chrono::milliseconds(0);
        if (*active_ >= max_connections_) {
            // Over the cap: close at once, so descriptors are never exhausted by one listener.
            ++turned_away_;
            ++full;
            if (may_log())
                spdlog::warn("http listener {}: {} connections are open (the limit); closed {} new one(s)", address(),
                             *active_, full);
            socket.close(ec);
            continue;
        }
        socket.set_option(tcp::no_delay(true), ec);
        asio::co_spawn(io_, serve(beast::tcp_stream(std::move(socket)), std::make_shared<connection_slot>(active_)),
                       asio::detached);
    }
}

asio::awaitable<void> http_listener::serve(beast::tcp_stream stream, slot held) {
    auto alive = alive_;
    beast::flat_buffer buffer;
    for (;;) {
        http::request_parser<http::string_body> parser;
        parser.body_limit(max_body_);
        parser.header_limit(16 * 1024);
        boost::system::error_code ec;
        stream.expires_after(std::chrono::seconds(30));
        co_await http::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
        if (!*alive) co_return;
        if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::connection_reset) {
            co_return;
        }
        if (ec) {
            auto status = ec == http::error::body_limit ? http::status::payload_too_large : http::status::bad_request;
            spdlog::warn("http listener {}: refused a request: {}", address(), ec.message());
            response res{status, 11};
            res.set(http::field::connection, "close");
            res.body() = ec.message();
            res.prepare_payload();
            co_await http::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
            co_return;
        }
        auto req = parser.release();
        stream.expires_never();
        if (is_upgrade(req)) {
            if (handlers_.upgrade) handlers_.upgrade(std::move(req), std::move(stream), std::move(held));
            co_return;
        }
        if (handlers_.admit) {
            co_await handlers_.admit();
            if (!*alive) co_return;
        }
        response res;
        if (handlers_.respond) {
            auto peer = stream.socket().remote_endpoint(ec);
            auto remote = ec ? std::string() : peer.address().to_string();
            // The handler may outlive the listener's stop; what it answers then is not written.
            res = co_await handlers_.respond(std::move(req), std::move(remote));
            if (!*alive) co_return;
        } else {
            res = handlers_.plain ? handlers_.plain(req) : make_response(req, http::status::not_found, "not found");
        }
        bool keep = res.keep_alive();
        stream.expires_after(std::chrono::seconds(30));
        co_await http::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
        if (ec || !keep) co_return;
    }
}

std::function<asio::awaitable<void>()> admit_when_room(bot::flow_control& flow) {
    return [&flow]() -> asio::awaitable<void> {
        while (!flow.open()) co_await flow.wait();
    };
}

response make_response(request const& req, http::status status, std::string body, std::string content_type) {
    response res{status, req.version()};
    res.set(http::field::server, "qunbot");
    if (!body.empty()) res.set(http::field::content_type, content_type);
    res.keep_alive(req.keep_alive());
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}

}  // namespace adapters::net
