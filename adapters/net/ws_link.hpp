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

private:
    asio::awaitable<void> read_loop();
    /// Waits while backpressure holds reading back.
    asio::awaitable<void> wait_for_room();
    asio::awaitable<void> write_loop();
    void finish(std::string const& why);

    ws_stream ws_;
    std::string name_;
    link_limits limits_;
    handlers handlers_;
    std::deque<std::string> queue_;
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
