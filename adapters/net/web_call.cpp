#include "adapters/net/web_call.hpp"

#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/ssl.hpp>
#include <cctype>

namespace adapters::net {

std::optional<web_url> web_url::parse(std::string_view text, std::string* error) {
    auto fail = [&](std::string why) -> std::optional<web_url> {
        if (error) *error = std::move(why);
        return std::nullopt;
    };
    web_url u;
    if (text.starts_with("https://")) {
        text.remove_prefix(8);
    } else if (text.starts_with("http://")) {
        u.tls = false;
        text.remove_prefix(7);
    } else {
        return fail("expected an https:// (or http://) address");
    }
    auto slash = text.find('/');
    auto authority = text.substr(0, slash);
    if (slash != std::string_view::npos) u.path = std::string(text.substr(slash));
    while (!u.path.empty() && u.path.back() == '/') u.path.pop_back();
    auto colon = authority.rfind(':');
    if (colon != std::string_view::npos && authority.back() != ']') {
        u.host = std::string(authority.substr(0, colon));
        u.port = std::string(authority.substr(colon + 1));
    } else {
        u.host = std::string(authority);
        u.port = u.tls ? "443" : "80";
    }
    if (u.host.size() > 2 && u.host.front() == '[' && u.host.back() == ']') u.host = u.host.substr(1, u.host.size() - 2);
    if (u.host.empty()) return fail("the address has no host");
    if (u.port.empty() || u.port.find_first_not_of("0123456789") != std::string::npos)
        return fail("the port must be a number");
    return u;
}

std::string web_url::origin() const {
    return (tls ? "https://" : "http://") + host + ":" + port;
}

std::string url_encode(std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

namespace {

template <typename Stream>
asio::awaitable<response> exchange(Stream& stream, web_url const& to, http::verb verb, std::string const& target,
                                   std::string body, std::size_t max_body) {
    request req{verb, to.path + target, 11};
    req.set(http::field::host, to.host);
    req.set(http::field::user_agent, "qunbot");
    if (!body.empty()) req.set(http::field::content_type, "application/json; charset=utf-8");
    req.keep_alive(false);
    req.body() = std::move(body);
    req.prepare_payload();
    co_await http::async_write(stream, req, asio::use_awaitable);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(max_body);
    parser.header_limit(16 * 1024);
    co_await http::async_read(stream, buffer, parser, asio::use_awaitable);
    co_return parser.release();
}

}  // namespace

asio::awaitable<response> web_request(web_url const& to, http::verb verb, std::string const& target, std::string body,
                                      std::chrono::milliseconds timeout, std::size_t max_body) {
    auto ex = co_await asio::this_coro::executor;
    tcp::resolver resolver(ex);
    auto endpoints = co_await resolver.async_resolve(to.host, to.port, asio::use_awaitable);
    if (!to.tls) {
        beast::tcp_stream stream(ex);
        stream.expires_after(timeout);
        co_await stream.async_connect(endpoints, asio::use_awaitable);
        auto res = co_await exchange(stream, to, verb, target, std::move(body), max_body);
        boost::system::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
        co_return res;
    }
    asio::ssl::context tls(asio::ssl::context::tls_client);
    tls.set_default_verify_paths();
    tls.set_verify_mode(asio::ssl::verify_peer);
    beast::ssl_stream<beast::tcp_stream> stream(ex, tls);
    // SNI: the server picks its certificate by the name; OpenSSL's macro for it is a C cast.
    SSL_ctrl(stream.native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, const_cast<char*>(to.host.c_str()));
    stream.set_verify_callback(asio::ssl::host_name_verification(to.host));
    beast::get_lowest_layer(stream).expires_after(timeout);
    co_await beast::get_lowest_layer(stream).async_connect(endpoints, asio::use_awaitable);
    co_await stream.async_handshake(asio::ssl::stream_base::client, asio::use_awaitable);
    auto res = co_await exchange(stream, to, verb, target, std::move(body), max_body);
    boost::system::error_code ignored;
    beast::get_lowest_layer(stream).socket().shutdown(tcp::socket::shutdown_both, ignored);
    co_return res;
}

}  // namespace adapters::net
