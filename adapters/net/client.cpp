#include "adapters/net/client.hpp"

#include <boost/asio/use_awaitable.hpp>

namespace adapters::net {

std::optional<url> url::parse(std::string_view text, std::string* error) {
    auto fail = [&](std::string why) -> std::optional<url> {
        if (error) *error = std::move(why);
        return std::nullopt;
    };
    url u;
    auto sep = text.find("://");
    if (sep == std::string_view::npos) return fail("expected a URL like ws://127.0.0.1:3001/");
    u.scheme = std::string(text.substr(0, sep));
    if (u.scheme != "ws" && u.scheme != "http") {
        if (u.scheme == "wss" || u.scheme == "https")
            return fail("TLS (" + u.scheme + "://) is not built in; put a local proxy in front or use " +
                        (u.scheme == "wss" ? "ws://" : "http://"));
        return fail("expected ws:// or http://, got " + u.scheme + "://");
    }
    auto rest = text.substr(sep + 3);
    auto slash = rest.find('/');
    auto authority = rest.substr(0, slash);
    u.target = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
    auto colon = authority.rfind(':');
    if (colon == std::string_view::npos || authority.back() == ']') {
        u.host = std::string(authority);
        u.port = "80";
    } else {
        u.host = std::string(authority.substr(0, colon));
        u.port = std::string(authority.substr(colon + 1));
    }
    if (u.host.size() > 2 && u.host.front() == '[' && u.host.back() == ']') u.host = u.host.substr(1, u.host.size() - 2);
    if (u.host.empty()) return fail("the URL has no host");
    if (u.port.empty() || u.port.find_first_not_of("0123456789") != std::string::npos)
        return fail("the port must be a number");
    return u;
}

namespace {

asio::awaitable<beast::tcp_stream> connect(url const& to, std::chrono::milliseconds timeout) {
    auto ex = co_await asio::this_coro::executor;
    tcp::resolver resolver(ex);
    auto endpoints = co_await resolver.async_resolve(to.host, to.port, asio::use_awaitable);
    beast::tcp_stream stream(ex);
    stream.expires_after(timeout);
    co_await stream.async_connect(endpoints, asio::use_awaitable);
    stream.socket().set_option(tcp::no_delay(true));
    co_return stream;
}

}  // namespace

asio::awaitable<ws_stream> dial_ws(url const& to, headers extra, std::chrono::milliseconds timeout) {
    ws_stream ws(co_await connect(to, timeout));
    ws.set_option(websocket::stream_base::decorator([extra = std::move(extra)](websocket::request_type& req) {
        req.set(http::field::user_agent, "qunbot");
        for (auto const& [k, v] : extra) req.set(k, v);
    }));
    beast::get_lowest_layer(ws).expires_after(timeout);
    co_await ws.async_handshake(to.host + ":" + to.port, to.target, asio::use_awaitable);
    beast::get_lowest_layer(ws).expires_never();
    co_return ws;
}

asio::awaitable<response> post_json(url const& to, std::string const& path, std::string body, headers extra,
                                    std::chrono::milliseconds timeout) {
    auto stream = co_await connect(to, timeout);
    auto target = to.target;
    if (!target.empty() && target.back() == '/') target.pop_back();
    target += path;
    request req{http::verb::post, target, 11};
    req.set(http::field::host, to.host + ":" + to.port);
    req.set(http::field::user_agent, "qunbot");
    req.set(http::field::content_type, "application/json");
    for (auto const& [k, v] : extra) req.set(k, v);
    req.keep_alive(false);
    req.body() = std::move(body);
    req.prepare_payload();
    stream.expires_after(timeout);
    co_await http::async_write(stream, req, asio::use_awaitable);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64u << 20);
    co_await http::async_read(stream, buffer, parser, asio::use_awaitable);
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    co_return parser.release();
}

std::chrono::milliseconds backoff::next() {
    std::uniform_int_distribution<long long> pick(min_.count() / 2, std::max(min_.count() / 2, ceiling_.count()));
    auto wait = std::chrono::milliseconds(pick(rng_));
    ceiling_ = std::min(max_, ceiling_ * 2);
    return wait;
}

}  // namespace adapters::net
