#pragma once
/// The generator's side of one OneBot v11 connection and the phases run over it: closed loop at
/// saturation, open loop at a fixed offered rate, and the drain that finds missing actions.
///
/// Everything runs on one io_context thread.

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>

#include "bench/workload.hpp"

namespace bench {

namespace asio = boost::asio;
using ws_stream = boost::beast::websocket::stream<boost::beast::tcp_stream>;

struct connection_options {
    std::string host = "127.0.0.1";
    unsigned short port = 6711;
    std::string path = "/onebot/v11/ws";
    std::string token;
    /// Forward mode: listen on host:port and wait for the bot to dial in, instead of dialing it.
    bool listen = false;
    /// How long to keep trying before giving up on the connection.
    std::chrono::milliseconds connect_timeout{15000};
};

/// What one phase measured on the wire.
struct phase_result {
    std::string name;
    std::string mode;            ///< "closed" or "open"
    double offered_rate = 0;     ///< events/s (open loop)
    double seconds = 0;          ///< sending time
    std::uint64_t events = 0;
    std::uint64_t checkins = 0;  ///< events of the check-in kind among them
    double events_per_s = 0;     ///< events sent over the sending time (handled: in-flight is bounded or drained)
    double drain_seconds = 0;    ///< time after the last event until every expected action came (or gave up)
    std::uint64_t expected = 0, matched = 0, missing = 0, unexpected = 0, queries = 0;
    double p50_ms = 0, p90_ms = 0, p99_ms = 0, max_ms = 0;
    std::vector<std::string> missing_samples, unexpected_samples;
};

class driver {
public:
    driver(asio::io_context& io, connection_options conn, workload_options work);

    /// Connects (dials with retries, or accepts the bot's connection) and sends the lifecycle
    /// connect. Throws std::runtime_error when it cannot within the timeout.
    asio::awaitable<void> connect();
    /// Closes the connection (if open) and waits for the read side to end.
    asio::awaitable<void> disconnect();
    bool connected() const { return open_; }

    /// Keeps `window` events that expect actions in flight for `seconds`.
    asio::awaitable<phase_result> closed_loop(std::string name, double seconds, std::size_t window);
    /// Sends `rate` events/s on schedule for `seconds` (latency counted from the scheduled time).
    asio::awaitable<phase_result> open_loop(std::string name, double rate, double seconds,
                                            std::optional<kind> only = std::nullopt);
    /// Sends exactly `count` events, at most `window` expecting actions in flight (the smoke test).
    asio::awaitable<phase_result> fixed_count(std::string name, std::uint64_t count, std::size_t window);

    generator& events() { return gen_; }

private:
    enum class pacing { idle, closed, open };
    void begin(pacing p, std::size_t window);
    void send_event(clock::time_point at, std::optional<kind> only = std::nullopt);
    void refill();
    /// Queues an event frame; `urgent` frames (answers to actions) go out before any queued event,
    /// as an implementation answers actions independently of its event stream.
    void enqueue(std::string frame, bool urgent = false);
    void on_frame(std::string_view text);
    asio::awaitable<void> read_loop();
    asio::awaitable<void> write_loop();
    asio::awaitable<void> heartbeat_loop();
    asio::awaitable<void> sleep_for(std::chrono::nanoseconds d);
    asio::awaitable<phase_result> finish(std::string name, std::string mode, double rate,
                                         clock::time_point started, clock::time_point stopped);

    asio::io_context& io_;
    connection_options conn_;
    generator gen_;
    std::unique_ptr<ws_stream> ws_;
    std::deque<std::string> out_;
    std::deque<std::string> answers_;
    std::string current_;  ///< the frame being written
    bool writing_ = false;
    bool open_ = false;
    bool reading_ = false;
    std::shared_ptr<bool> alive_;
    ledger book_;
    pacing pacing_ = pacing::idle;
    std::size_t window_ = 0;
    std::uint64_t budget_ = UINT64_MAX;  ///< events the current phase may still send
    std::uint64_t sent_ = 0;
    std::uint64_t checkins_sent_ = 0;
    std::int64_t next_reply_id_ = 1;
};

}  // namespace bench
