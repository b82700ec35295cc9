#pragma once
/// One WebSocket connection, either side: a read loop handing whole text frames to its owner, a
/// write queue (Beast allows one write at a time), size limits, and liveness by pings.
///
/// Everything runs on the io_context's single thread; a link is owned by a shared_ptr that its
/// own coroutines hold while they run.

#include <chrono>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "adapters/net/beast.hpp"
#include "adapters/net/parked_frames.hpp"
#include "bot/log_every.hpp"

namespace bot {
class flow_control;
}

namespace adapters::net {

/// Size limits of one link.
struct link_limits {
    /// Frames above this are read and dropped with a log line; the connection stays up.
    std::size_t max_frame = 1 << 20;
    /// Frames above this close the connection (1009, too big) so memory stays bounded.
    std::size_t hard_max_frame = 64u << 20;
    /// Outgoing frames queued beyond this many are refused (the peer is not reading).
    std::size_t max_queued = 4096;
    /// Events read while paused (to reach an answer behind them) kept in memory up to this many
    /// bytes of text; past it they wait in a temporary file.
    std::size_t max_parked_bytes = 4u << 20;
    /// All the events parked so, memory and disk together: past it the link stops reading until
    /// the queues drain, answers included, so a flood the bot cannot keep up with waits at the
    /// implementation and never fills the disk. The calls waiting for answers on the link are then
    /// released (handlers::out_of_reach) rather than left to time out one by one.
    std::size_t max_parked_total_bytes = 256u << 20;
};

class ws_link : public std::enable_shared_from_this<ws_link> {
public:
    struct handlers {
        std::function<void(std::string_view text)> on_frame;
        /// Called once when the connection ends, with why (for the log).
        std::function<void(std::string const& why)> on_close;
        /// Backpressure: when set, the read loop asks it before each frame and stops reading while
        /// the core's queues are full (see bot::flow_control).
        bot::flow_control* flow = nullptr;
        /// Whether calls sent on this link still wait for their answers (which come on it too).
        std::function<bool()> answers_due;
        /// Whether a frame is an answer to a call. When set, a frame read while backpressure holds
        /// reading back (only to reach an answer) that is not one is parked unparsed, in order, and
        /// handed on once the gate opens: the queues stay within their bound on a link that
        /// carries both events and answers.
        std::function<bool(std::string_view text)> is_answer;
        /// Called when the parked events reach their bound: the answers due on the link are out of
        /// reach until the queues drain. Releases the calls waiting for them (their outcome is
        /// unknown) so the handlers waiting on those calls go on and the queues can drain; returns
        /// how many it released, for the log.
        std::function<std::size_t()> out_of_reach;
    };

    /// `name` identifies the link in log lines ("onebot11 reverse 10001 Universal 127.0.0.1:50212").
    ws_link(ws_stream stream, std::string name, link_limits limits);
    ~ws_link();
    ws_link(ws_link const&) = delete;
    ws_link& operator=(ws_link const&) = delete;

    /// Starts the read loop; the stream must already be open (accepted or handshaken).
    void start(handlers h);
    /// Queues a text frame. False when the link is closed or its queue is full.
    bool send(std::string text);
    /// Sends a close frame after the queued writes, then ends the link.
    void close(websocket::close_code code, std::string reason);
    /// A link silent (no frame, no pong) for 3 × `interval` is dead; a ping goes out before that.
    /// The interval is clamped to 1 s … 1 h, as a peer announces it.
    void set_liveness(std::chrono::milliseconds interval);
    /// Keeps `resource` (a listener's connection slot) until the link ends.
    void hold(std::shared_ptr<void> resource) { held_ = std::move(resource); }

    bool is_open() const { return open_; }
    std::string const& name() const { return name_; }
    std::size_t queued() const { return queue_.size(); }
    /// Frames read while paused and not handed on yet, and how many of them wait on disk.
    std::size_t parked() const { return parked_.size(); }
    std::size_t parked_on_disk() const { return parked_.on_disk(); }
    std::size_t parked_bytes() const { return parked_.bytes(); }
    /// Whether the answers due on this link are out of reach: the events read to reach them met
    /// their bound, so nothing more is read until the queues drain. A call sent now is best not
    /// waited for.
    bool answers_out_of_reach() const { return parked_.bytes() >= limits_.max_parked_total_bytes; }

private:
    asio::awaitable<void> read_loop();
    /// Waits while backpressure holds reading back.
    asio::awaitable<void> wait_for_room();
    /// Hands on parked frames while the gate is open; true when it handed on any.
    bool unpark();
    /// Whether a frame just read waits instead of being handed on.
    bool parks(std::string_view text) const;
    /// Parks a frame read while paused; tells the owner when the parking reaches its bound.
    void park(std::string_view text);
    asio::awaitable<void> write_loop();
    void finish(std::string const& why);

    ws_stream ws_;
    std::string name_;
    link_limits limits_;
    handlers handlers_;
    std::deque<std::string> queue_;
    parked_frames parked_;
    std::chrono::steady_clock::time_point parked_logged_{};  ///< the last log line about parking
    bool out_of_reach_told_ = false;  ///< the owner was told of the bound for this time it was reached
    bot::log_every out_of_reach_log_;    ///< the log line about the bound
    std::size_t released_unlogged_ = 0;  ///< calls released since that line
    std::string in_flight_;  ///< the frame being written: owned here, so clearing the queue never frees it
    std::shared_ptr<void> held_;
    bool writing_ = false;
    bool open_ = false;
    bool closing_ = false;
    bool finished_ = false;
    websocket::close_reason close_reason_;
};

/// Whether a request is a WebSocket upgrade.
bool is_upgrade(request const& req);

}  // namespace adapters::net
