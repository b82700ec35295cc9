#include "bench/driver.hpp"

#include <algorithm>
#include <stdexcept>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

namespace bench {

namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

/// Frames waiting to be written beyond which the generator holds back (the bot is not reading).
constexpr std::size_t max_backlog = 20000;

auto use_ec(boost::system::error_code& ec) { return asio::redirect_error(asio::use_awaitable, ec); }

}  // namespace

driver::driver(asio::io_context& io, connection_options conn, workload_options work)
    : io_(io), conn_(std::move(conn)), gen_(work) {}

asio::awaitable<void> driver::sleep_for(std::chrono::nanoseconds d) {
    asio::steady_timer t(io_, d);
    boost::system::error_code ec;
    co_await t.async_wait(use_ec(ec));
}

asio::awaitable<void> driver::connect() {
    auto deadline = clock::now() + conn_.connect_timeout;
    auto endpoint = tcp::endpoint(asio::ip::make_address(conn_.host), conn_.port);
    boost::system::error_code ec;
    if (conn_.listen) {
        tcp::acceptor acceptor(io_);
        acceptor.open(endpoint.protocol());
        acceptor.set_option(asio::socket_base::reuse_address(true));
        acceptor.bind(endpoint);
        acceptor.listen();
        asio::steady_timer give_up(io_, deadline);
        give_up.async_wait([&](boost::system::error_code e) {
            if (!e) acceptor.close();
        });
        auto socket = co_await acceptor.async_accept(use_ec(ec));
        give_up.cancel();
        if (ec) throw std::runtime_error("the bot did not connect within the timeout");
        socket.set_option(tcp::no_delay(true), ec);
        beast::tcp_stream stream(std::move(socket));
        beast::flat_buffer buffer;
        http::request<http::string_body> req;
        co_await http::async_read(stream, buffer, req, use_ec(ec));
        if (ec) throw std::runtime_error("bad handshake from the bot: " + ec.message());
        ws_ = std::make_unique<ws_stream>(std::move(stream));
        co_await ws_->async_accept(req, use_ec(ec));
        if (ec) throw std::runtime_error("WebSocket accept failed: " + ec.message());
    } else {
        for (;;) {
            auto ws = std::make_unique<ws_stream>(io_);
            co_await beast::get_lowest_layer(*ws).socket().async_connect(endpoint, use_ec(ec));
            if (!ec) {
                beast::get_lowest_layer(*ws).socket().set_option(tcp::no_delay(true), ec);
                auto const self = gen_.options().self_id;
                auto const token = conn_.token;
                ws->set_option(websocket::stream_base::decorator([self, token](websocket::request_type& req) {
                    req.set("X-Self-ID", std::to_string(self));
                    req.set("X-Client-Role", "Universal");
                    req.set(http::field::user_agent, "OneBot/11");
                    req.set(http::field::authorization, "Bearer " + token);
                }));
                auto host = conn_.host + ":" + std::to_string(conn_.port);
                co_await ws->async_handshake(host, conn_.path, use_ec(ec));
                if (!ec) {
                    ws_ = std::move(ws);
                    break;
                }
            }
            if (clock::now() > deadline)
                throw std::runtime_error("cannot connect to " + conn_.host + ":" + std::to_string(conn_.port) + ": " +
                                         ec.message());
            co_await sleep_for(std::chrono::milliseconds(1));
        }
    }
    ws_->text(true);
    ws_->auto_fragment(false);
    ws_->read_message_max(64u << 20);
    open_ = true;
    reading_ = true;
    alive_ = std::make_shared<bool>(true);
    out_.clear();
    answers_.clear();
    writing_ = false;
    asio::co_spawn(io_, read_loop(), asio::detached);
    asio::co_spawn(io_, heartbeat_loop(), asio::detached);
    enqueue(gen_.lifecycle_connect());
}

asio::awaitable<void> driver::disconnect() {
    if (ws_ && open_) {
        boost::system::error_code ec;
        websocket::close_reason reason(websocket::close_code::normal);
        co_await ws_->async_close(reason, use_ec(ec));
        open_ = false;
    }
    auto deadline = clock::now() + std::chrono::seconds(5);
    while (reading_ && clock::now() < deadline) co_await sleep_for(std::chrono::milliseconds(5));
    if (ws_) {
        boost::system::error_code ec;
        beast::get_lowest_layer(*ws_).socket().close(ec);
    }
    while (reading_ || writing_) co_await sleep_for(std::chrono::milliseconds(5));
    if (alive_) *alive_ = false;
    ws_.reset();
}

asio::awaitable<void> driver::heartbeat_loop() {
    auto alive = alive_;
    while (*alive && open_) {
        co_await sleep_for(std::chrono::seconds(5));
        if (*alive && open_) enqueue(gen_.heartbeat(5000));
    }
}

asio::awaitable<void> driver::read_loop() {
    beast::flat_buffer buffer;
    for (;;) {
        boost::system::error_code ec;
        co_await ws_->async_read(buffer, use_ec(ec));
        if (ec) break;
        auto data = buffer.cdata();
        on_frame(std::string_view(static_cast<char const*>(data.data()), data.size()));
        buffer.consume(buffer.size());
    }
    open_ = false;
    reading_ = false;
}

void driver::on_frame(std::string_view text) {
    auto a = read_action(text, gen_.options().self_id);
    if (!a) return;  // events the bot echoes, or anything else that is not an action
    enqueue(answer(*a, next_reply_id_++), true);
    if (book_.match(*a, clock::now()) && pacing_ == pacing::closed) refill();
}

void driver::enqueue(std::string frame, bool urgent) {
    if (!open_) return;
    (urgent ? answers_ : out_).push_back(std::move(frame));
    if (writing_) return;
    writing_ = true;
    asio::co_spawn(io_, write_loop(), asio::detached);
}

asio::awaitable<void> driver::write_loop() {
    while ((!answers_.empty() || !out_.empty()) && open_) {
        auto& from = answers_.empty() ? out_ : answers_;
        current_ = std::move(from.front());
        from.pop_front();
        boost::system::error_code ec;
        co_await ws_->async_write(asio::buffer(current_), use_ec(ec));
        if (ec) {
            open_ = false;
            break;
        }
        if (pacing_ == pacing::closed && out_.size() < 64) refill();
    }
    if (!open_) {
        out_.clear();
        answers_.clear();
    }
    writing_ = false;
}

void driver::send_event(clock::time_point at, std::optional<kind> only) {
    auto e = gen_.next(only);
    book_.expect(e, at);
    ++sent_;
    if (e.what == kind::checkin) ++checkins_sent_;
    --budget_;
    enqueue(std::move(e.json));
}

void driver::refill() {
    while (budget_ > 0 && book_.pending_events() < window_ && out_.size() < max_backlog && open_)
        send_event(clock::now());
}

void driver::begin(pacing p, std::size_t window) {
    book_ = ledger{};
    pacing_ = p;
    window_ = window;
    sent_ = 0;
    checkins_sent_ = 0;
}

asio::awaitable<phase_result> driver::closed_loop(std::string name, double seconds, std::size_t window) {
    begin(pacing::closed, window);
    budget_ = UINT64_MAX;
    auto started = clock::now();
    refill();
    co_await sleep_for(std::chrono::duration_cast<clock::duration>(std::chrono::duration<double>(seconds)));
    budget_ = 0;
    auto stopped = clock::now();
    co_return co_await finish(std::move(name), "closed", 0, started, stopped);
}

asio::awaitable<phase_result> driver::fixed_count(std::string name, std::uint64_t count, std::size_t window) {
    begin(pacing::closed, window);
    budget_ = count;
    auto started = clock::now();
    refill();
    while (budget_ > 0 && open_) co_await sleep_for(std::chrono::milliseconds(2));
    auto stopped = clock::now();
    co_return co_await finish(std::move(name), "closed", 0, started, stopped);
}

asio::awaitable<phase_result> driver::open_loop(std::string name, double rate, double seconds, std::optional<kind> only) {
    begin(pacing::open, 0);
    budget_ = static_cast<std::uint64_t>(rate * seconds);
    auto const total = budget_;
    auto started = clock::now();
    auto const interval = std::chrono::duration<double>(1.0 / rate);
    while (budget_ > 0 && open_) {
        auto now = clock::now();
        auto due = std::min<std::uint64_t>(total, static_cast<std::uint64_t>(std::chrono::duration<double>(now - started) * rate / std::chrono::seconds(1)) + 1);
        while (sent_ < due && budget_ > 0 && out_.size() < max_backlog) {
            auto at = started + std::chrono::duration_cast<clock::duration>(interval * static_cast<double>(sent_));
            send_event(at, only);
        }
        // Wake at the next scheduled event, but at least every millisecond's worth of events.
        auto next_at = started + std::chrono::duration_cast<clock::duration>(interval * static_cast<double>(sent_));
        auto wait = std::max<clock::duration>(next_at - clock::now(), std::chrono::microseconds(200));
        co_await sleep_for(std::min<clock::duration>(wait, std::chrono::milliseconds(1)));
    }
    auto stopped = clock::now();
    co_return co_await finish(std::move(name), "open", rate, started, stopped);
}

asio::awaitable<phase_result> driver::finish(std::string name, std::string mode, double rate, clock::time_point started,
                                             clock::time_point stopped) {
    // Drain: wait for every expected action; give up when nothing arrives for 5 s.
    auto last_progress = clock::now();
    auto matched = book_.matched_actions;
    while (book_.pending_events() > 0 && open_) {
        co_await sleep_for(std::chrono::milliseconds(2));
        if (book_.matched_actions != matched) {
            matched = book_.matched_actions;
            last_progress = clock::now();
        } else if (clock::now() - last_progress > std::chrono::seconds(5)) {
            break;
        }
    }
    auto drained = clock::now();
    // A short grace period catches duplicates that trail the last expected action.
    co_await sleep_for(std::chrono::milliseconds(300));
    pacing_ = pacing::idle;

    phase_result r;
    r.name = std::move(name);
    r.mode = std::move(mode);
    r.offered_rate = rate;
    r.seconds = std::chrono::duration<double>(stopped - started).count();
    r.drain_seconds = std::chrono::duration<double>(drained - stopped).count();
    r.events = sent_;
    r.checkins = checkins_sent_;
    r.events_per_s = r.seconds > 0 ? static_cast<double>(sent_) / r.seconds : 0;
    r.expected = book_.expected_actions;
    r.matched = book_.matched_actions;
    r.missing = book_.missing_actions();
    r.unexpected = book_.unexpected_actions;
    r.queries = book_.queries;
    r.missing_samples = book_.missing_samples(5);
    r.unexpected_samples = book_.unexpected_samples;
    auto lat = std::move(book_.latencies_us);
    std::sort(lat.begin(), lat.end());
    r.p50_ms = percentile_ms(lat, 50);
    r.p90_ms = percentile_ms(lat, 90);
    r.p99_ms = percentile_ms(lat, 99);
    r.max_ms = lat.empty() ? 0 : lat.back() / 1000.0;
    book_.clear_pending();
    co_return r;
}

}  // namespace bench
