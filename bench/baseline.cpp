// qunbot-baseline: the wire-speed limit for the benchmark. A reverse WebSocket server with no
// framework and no database that gives the same answers as qunbot on the benchmark workload:
// a quoted reply to /checkin, recall plus an @-warning for an ad, an @-welcome for a newcomer.
#include <cstdlib>
#include <deque>
#include <iostream>
#include <memory>
#include <string>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <nlohmann/json.hpp>

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using nlohmann::json;

auto use_ec(boost::system::error_code& ec) { return asio::redirect_error(asio::use_awaitable, ec); }

/// The same markers the benchmark's ads carry; a real filter is the framework's job.
bool looks_like_ad(std::string const& text) {
    for (char const* marker : {"http", "www.", "加V", "微信", "薇信", "兼职", "加微"})
        if (text.find(marker) != std::string::npos) return true;
    return false;
}

class session : public std::enable_shared_from_this<session> {
public:
    explicit session(websocket::stream<beast::tcp_stream> ws) : ws_(std::move(ws)) {}

    asio::awaitable<void> run() {
        auto self = shared_from_this();
        beast::flat_buffer buffer;
        for (;;) {
            boost::system::error_code ec;
            co_await ws_.async_read(buffer, use_ec(ec));
            if (ec) break;
            auto data = buffer.cdata();
            handle(std::string_view(static_cast<char const*>(data.data()), data.size()));
            buffer.consume(buffer.size());
        }
        open_ = false;
    }

private:
    void handle(std::string_view text) {
        auto j = json::parse(text, nullptr, false);
        if (!j.is_object() || j.contains("echo")) return;  // action responses need nothing
        auto post = j.value("post_type", std::string());
        if (post == "message" && j.value("message_type", std::string()) == "group") {
            auto group = std::to_string(j.value("group_id", std::int64_t{0}));
            auto user = std::to_string(j.value("user_id", std::int64_t{0}));
            auto id = std::to_string(j.value("message_id", std::int64_t{0}));
            auto raw = j.value("raw_message", std::string());
            if (raw == "/checkin") {
                send(R"({"action":"send_group_msg","params":{"group_id":)" + group +
                     R"(,"message":[{"type":"reply","data":{"id":")" + id +
                     R"("}},{"type":"text","data":{"text":"✅ 打卡成功，今日第 1 位"}}]},"echo":)" + echo() + "}");
            } else if (looks_like_ad(raw)) {
                send(R"({"action":"delete_msg","params":{"message_id":)" + id + R"(},"echo":)" + echo() + "}");
                send(R"({"action":"send_group_msg","params":{"group_id":)" + group +
                     R"(,"message":[{"type":"at","data":{"qq":")" + user +
                     R"("}},{"type":"text","data":{"text":" 请勿发广告"}}]},"echo":)" + echo() + "}");
            }
        } else if (post == "notice" && j.value("notice_type", std::string()) == "group_increase") {
            auto group = std::to_string(j.value("group_id", std::int64_t{0}));
            auto user = std::to_string(j.value("user_id", std::int64_t{0}));
            send(R"({"action":"send_group_msg","params":{"group_id":)" + group +
                 R"(,"message":[{"type":"at","data":{"qq":")" + user +
                 R"("}},{"type":"text","data":{"text":" 欢迎新朋友！"}}]},"echo":)" + echo() + "}");
        }
    }

    std::string echo() { return std::to_string(++echo_); }

    void send(std::string frame) {
        out_.push_back(std::move(frame));
        if (writing_) return;
        writing_ = true;
        asio::co_spawn(ws_.get_executor(), write_loop(), asio::detached);
    }

    asio::awaitable<void> write_loop() {
        auto self = shared_from_this();
        while (!out_.empty() && open_) {
            boost::system::error_code ec;
            co_await ws_.async_write(asio::buffer(out_.front()), use_ec(ec));
            out_.pop_front();
            if (ec) break;
        }
        out_.clear();
        writing_ = false;
    }

    websocket::stream<beast::tcp_stream> ws_;
    std::deque<std::string> out_;
    bool writing_ = false;
    bool open_ = true;
    std::uint64_t echo_ = 0;
};

asio::awaitable<void> serve(tcp::socket socket) {
    boost::system::error_code nodelay_ec;
    socket.set_option(tcp::no_delay(true), nodelay_ec);
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    beast::http::request<beast::http::string_body> req;
    boost::system::error_code ec;
    co_await beast::http::async_read(stream, buffer, req, use_ec(ec));
    if (ec || !websocket::is_upgrade(req)) co_return;
    websocket::stream<beast::tcp_stream> ws(std::move(stream));
    co_await ws.async_accept(req, use_ec(ec));
    if (ec) co_return;
    ws.text(true);
    auto s = std::make_shared<session>(std::move(ws));
    co_await s->run();
}

asio::awaitable<void> listen(tcp::acceptor& acceptor) {
    for (;;) {
        boost::system::error_code ec;
        auto socket = co_await acceptor.async_accept(use_ec(ec));
        if (ec) co_return;
        asio::co_spawn(acceptor.get_executor(), serve(std::move(socket)), asio::detached);
    }
}

}  // namespace

int main(int argc, char** argv) {
    unsigned short port = argc > 1 ? static_cast<unsigned short>(std::atoi(argv[1])) : 6711;
    asio::io_context io;
    tcp::acceptor acceptor(io);
    tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), port);
    acceptor.open(ep.protocol());
    acceptor.set_option(asio::socket_base::reuse_address(true));
    acceptor.bind(ep);
    acceptor.listen();
    asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](auto, int) { io.stop(); });
    asio::co_spawn(io, listen(acceptor), asio::detached);
    std::cerr << "qunbot-baseline listening on 127.0.0.1:" << port << "\n";
    io.run();
    return 0;
}
