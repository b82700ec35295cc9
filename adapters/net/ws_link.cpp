#include "adapters/net/ws_link.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "bot/flow.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace adapters::net {

ws_link::ws_link(ws_stream stream, std::string name, link_limits limits)
    : ws_(std::move(stream)), name_(std::move(name)), limits_(limits), parked_(limits.max_parked_bytes) {
    ws_.read_message_max(limits_.hard_max_frame);
    ws_.auto_fragment(false);
}

ws_link::~ws_link() = default;

void ws_link::start(handlers h) {
    handlers_ = std::move(h);
    open_ = true;
    // The read side answers pings itself; a silent peer is found by set_liveness.
    set_liveness(std::chrono::seconds(30));
    asio::co_spawn(ws_.get_executor(), [self = shared_from_this()] { return self->read_loop(); }, asio::detached);
}

void ws_link::set_liveness(std::chrono::milliseconds interval) {
    // Peers announce the interval; an absurd one (zero, negative, INT64_MAX) must neither overflow
    // the arithmetic below nor make the link immortal or drop it at once.
    interval = std::clamp(interval, std::chrono::milliseconds(std::chrono::seconds(1)),
                          std::chrono::milliseconds(std::chrono::hours(1)));
    websocket::stream_base::timeout opt{};
    opt.handshake_timeout = std::chrono::seconds(10);
    // Beast pings after half the idle time without data and gives up after the whole of it.
    opt.idle_timeout = interval * 3;
    opt.keep_alive_pings = true;
    ws_.set_option(opt);
}

asio::awaitable<void> ws_link::read_loop() {
    auto self = shared_from_this();
    beast::flat_buffer buffer;
    std::string why = "closed";
    for (;;) {
        co_await wait_for_room();
        if (unpark()) continue;  // the frames handed on may have closed the gate again
        boost::system::error_code ec;
        auto n = co_await ws_.async_read(buffer, asio::redirect_error(asio::use_awaitable, ec));
        if (ec) {
            if (ec == websocket::error::closed) {
                why = "closed by the peer (" + std::to_string(ws_.reason().code) + " " +
                      std::string(ws_.reason().reason.c_str()) + ")";
            } else if (ec == websocket::error::message_too_big) {
                why = "a frame above " + std::to_string(limits_.hard_max_frame) + " bytes; closed with 1009";
            } else if (ec == beast::error::timeout) {
                why = "no traffic or pong in time; treated as dead";
            } else {
                why = ec.message();
            }
            break;
        }
        if (!ws_.got_text()) {
            spdlog::warn("{}: ignored a binary frame of {} bytes (only JSON text frames are understood)", name_, n);
        } else if (n > limits_.max_frame) {
            spdlog::warn("{}: dropped a frame of {} bytes, above the limit of {} bytes", name_, n, limits_.max_frame);
        } else if (handlers_.on_frame) {
            auto data = buffer.cdata();
            auto text = std::string_view(static_cast<char const*>(data.data()), data.size());
            if (parks(text)) {
                park(text);
            } else {
                handlers_.on_frame(text);
            }
        }
        buffer.consume(buffer.size());
        if (buffer.capacity() > (1u << 20)) buffer.shrink_to_fit();
    }
    finish(why);
}

bool ws_link::parks(std::string_view text) const {
    if (!handlers_.is_answer) return false;
    // Behind frames already parked, every frame but an answer waits its turn.
    bool paused = handlers_.flow && !handlers_.flow->open();
    return (paused || !parked_.empty()) && !handlers_.is_answer(text);
}

bool ws_link::unpark() {
    bool any = false;
    while (!parked_.empty() && (!handlers_.flow || handlers_.flow->open()) && handlers_.on_frame) {
        auto text = parked_.take();
        any = true;
        if (!text.empty()) handlers_.on_frame(text);
    }
    if (!answers_out_of_reach()) out_of_reach_told_ = false;
    return any;
}

void ws_link::park(std::string_view text) {
    auto now = std::chrono::steady_clock::now();
    if (parked_.empty() && now - parked_logged_ >= std::chrono::seconds(10)) {
        parked_logged_ = now;
        spdlog::info("{}: paused with answers due; the events read to reach them wait unparsed", name_);
    }
    parked_.park(text);
    if (!answers_out_of_reach() || out_of_reach_told_) return;
    out_of_reach_told_ = true;
    // Nothing more is read until the queues drain, so the answers due stay unread: the calls
    // waiting for them are released now rather than each holding its chat until its timeout,
    // which would keep the queues from draining.
    released_unlogged_ += handlers_.out_of_reach ? handlers_.out_of_reach() : 0;
    // Under a lasting flood the bound is met again each time the queues take some of the parked
    // events: one line per ten seconds says how often and how many calls it cost.
    auto times = out_of_reach_log_.due(now);
    if (times == 0) return;
    spdlog::warn("{}: {} events ({} bytes) read to reach answers wait; no more is read until the queues drain "
                 "(bound met {} times since the last such line). {} calls waiting for answers on this link were "
                 "released with their outcome unknown, as is each call sent on it until the queues drain",
                 name_, parked_.size(), parked_.bytes(), times, released_unlogged_);
    released_unlogged_ = 0;
}

asio::awaitable<void> ws_link::wait_for_room() {
    auto* flow = handlers_.flow;
    if (!flow) co_return;
    // A call sent on this link pokes the gate (send), so a paused loop looks again for its answer.
    while (open_ && !closing_ &&
           !flow->may_read(handlers_.answers_due && handlers_.answers_due() && !answers_out_of_reach()))
        co_await flow->wait();
}

bool ws_link::send(std::string text) {
    if (!open_ || closing_) return false;
    // A frame sent may be a call whose answer is due on this link: a paused read loop looks again.
    if (handlers_.flow && !handlers_.flow->open()) handlers_.flow->poke();
    if (queue_.size() >= limits_.max_queued) {
        spdlog::warn("{}: {} frames are waiting; the peer is not reading, frame refused", name_, queue_.size());
        return false;
    }
    queue_.push_back(std::move(text));
    if (!writing_) {
        writing_ = true;
        asio::co_spawn(ws_.get_executor(), [self = shared_from_this()] { return self->write_loop(); }, asio::detached);
    }
    return true;
}

asio::awaitable<void> ws_link::write_loop() {
    auto self = shared_from_this();
    while (!queue_.empty() && open_) {
        boost::system::error_code ec;
        ws_.text(true);
        // The frame leaves the queue before the write: finish() may clear the queue while the
        // write is suspended, and the buffer Beast is writing from must outlive that.
        in_flight_ = std::move(queue_.front());
        queue_.pop_front();
        co_await ws_.async_write(asio::buffer(in_flight_), asio::redirect_error(asio::use_awaitable, ec));
        in_flight_.clear();
        if (ec) {
            spdlog::warn("{}: write failed: {}", name_, ec.message());
            queue_.clear();
            beast::get_lowest_layer(ws_).close();
            break;
        }
    }
    if (closing_ && open_) {
        boost::system::error_code ec;
        co_await ws_.async_close(close_reason_, asio::redirect_error(asio::use_awaitable, ec));
        if (ec) beast::get_lowest_layer(ws_).close();
    }
    writing_ = false;
}

void ws_link::close(websocket::close_code code, std::string reason) {
    if (!open_ || closing_) return;
    closing_ = true;
    close_reason_ = websocket::close_reason(code, reason);
    if (handlers_.flow) handlers_.flow->poke();
    if (!writing_) {
        writing_ = true;
        asio::co_spawn(ws_.get_executor(), [self = shared_from_this()] { return self->write_loop(); }, asio::detached);
    }
}

void ws_link::finish(std::string const& why) {
    open_ = false;
    if (finished_) return;
    finished_ = true;
    queue_.clear();
    held_.reset();
    // Events read and parked are handed on even though the link ends: nothing read is lost.
    while (!parked_.empty() && handlers_.on_frame) {
        auto text = parked_.take();
        if (!text.empty()) handlers_.on_frame(text);
    }
    boost::system::error_code ignored;
    beast::get_lowest_layer(ws_).socket().close(ignored);
    if (handlers_.on_close) {
        auto on_close = std::move(handlers_.on_close);
        handlers_ = {};
        on_close(why);
    }
}

bool is_upgrade(request const& req) { return websocket::is_upgrade(req); }

}  // namespace adapters::net
