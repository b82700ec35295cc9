// Image fetching for the QR check, over HTTP or HTTPS (Beast and Asio's TLS come compiled from
// qunbot_net).

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <filesystem>
#include <fstream>
#include <optional>

#include "plugins/antiad/qr.hpp"

namespace plugins::antiad {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct url_parts {
    bool tls = false;
    std::string host;
    std::string port;
    std::string target = "/";
};

std::optional<url_parts> parse_url(std::string const& url) {
    url_parts u;
    std::string rest;
    if (url.starts_with("http://")) {
        rest = url.substr(7);
        u.port = "80";
    } else if (url.starts_with("https://")) {
        rest = url.substr(8);
        u.port = "443";
        u.tls = true;
    } else {
        return std::nullopt;
    }
    auto slash = rest.find('/');
    auto authority = rest.substr(0, slash);
    if (slash != std::string::npos) u.target = rest.substr(slash);
    auto colon = authority.rfind(':');
    if (colon != std::string::npos && authority.find(']') == std::string::npos) {
        u.port = authority.substr(colon + 1);
        authority = authority.substr(0, colon);
    }
    u.host = authority;
    if (u.host.empty() || u.port.empty()) return std::nullopt;
    return u;
}

fetched read_local(std::string const& path, std::size_t max_bytes) {
    std::error_code ec;
    auto size = std::filesystem::file_size(path, ec);
    if (ec) return {{}, "cannot read " + path};
    if (size > max_bytes) return {{}, "image too large"};
    std::ifstream in(path, std::ios::binary);
    std::string bytes(size, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(size));
    if (!in) return {{}, "cannot read " + path};
    return {std::move(bytes), {}};
}

struct download_state {
    std::size_t max_bytes;
    std::chrono::steady_clock::time_point deadline;
    fetched out;
    std::string redirect;
};

template <typename Stream>
asio::awaitable<void> exchange(Stream& stream, url_parts const& u, download_state& st) {
    http::request<http::empty_body> req{http::verb::get, u.target, 11};
    req.set(http::field::host, u.host);
    req.set(http::field::user_agent, "qunbot");
    co_await http::async_write(stream, req, asio::use_awaitable);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(st.max_bytes);
    parser.header_limit(16 * 1024);
    co_await http::async_read(stream, buffer, parser, asio::use_awaitable);
    auto& res = parser.get();
    auto code = res.result_int();
    if (code >= 300 && code < 400 && res.count(http::field::location)) {
        st.redirect = std::string(res[http::field::location]);
        co_return;
    }
    if (code != 200) {
        st.out.error = "HTTP " + std::to_string(code);
        co_return;
    }
    st.out.bytes = std::move(res.body());
}

asio::awaitable<void> download(url_parts u, download_state& st) {
    auto ex = co_await asio::this_coro::executor;
    tcp::resolver resolver(ex);
    auto endpoints = co_await resolver.async_resolve(u.host, u.port, asio::use_awaitable);
    if (!u.tls) {
        beast::tcp_stream stream(ex);
        stream.expires_at(st.deadline);
        co_await stream.async_connect(endpoints, asio::use_awaitable);
        co_await exchange(stream, u, st);
        co_return;
    }
    asio::ssl::context tls(asio::ssl::context::tls_client);
    tls.set_default_verify_paths();
    tls.set_verify_mode(asio::ssl::verify_peer);
    beast::ssl_stream<beast::tcp_stream> stream(ex, tls);
    // SNI; the OpenSSL macro for this uses a C cast.
    SSL_ctrl(stream.native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, u.host.data());
    stream.set_verify_callback(asio::ssl::host_name_verification(u.host));
    beast::get_lowest_layer(stream).expires_at(st.deadline);
    co_await beast::get_lowest_layer(stream).async_connect(endpoints, asio::use_awaitable);
    co_await stream.async_handshake(asio::ssl::stream_base::client, asio::use_awaitable);
    co_await exchange(stream, u, st);
}

}  // namespace

fetched fetch_image(std::string const& url, std::size_t max_bytes, std::chrono::milliseconds timeout) {
    if (url.starts_with("file://")) return read_local(url.substr(7), max_bytes);
    if (url.find("://") == std::string::npos) return read_local(url, max_bytes);

    download_state st{max_bytes, std::chrono::steady_clock::now() + timeout, {}, {}};
    std::string next = url;
    for (int hops = 0; hops < 4; ++hops) {
        auto u = parse_url(next);
        if (!u) return {{}, "unsupported URL " + next};
        st.redirect.clear();
        bool finished = false;
        {
            asio::io_context io;
            asio::co_spawn(io, download(*u, st), [&](std::exception_ptr e) {
                finished = true;
                if (!e) return;
                try {
                    std::rethrow_exception(e);
                } catch (std::exception const& ex) {
                    st.out.error = ex.what();
                }
            });
            auto left = st.deadline - std::chrono::steady_clock::now();
            if (left > std::chrono::steady_clock::duration::zero()) io.run_for(left);
        }
        if (!finished) return {{}, "timeout"};
        if (st.redirect.empty()) return std::move(st.out);
        next = st.redirect;
    }
    return {{}, "too many redirects"};
}

}  // namespace plugins::antiad
