#pragma once
/// What every WebSocket/HTTP protocol adapter shares, written once: the listener with its
/// connection cap, the reverse-WebSocket handshake (path, access token, the protocol's own
/// checks), the forward dial loop with backoff, the set of live links with liveness and size
/// limits, JSON parsing with bounds, and the counters. A protocol adapter adds its codec and a
/// thin account type through the hooks.

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/steady_timer.hpp>

#include "adapters/net/client.hpp"
#include "adapters/net/diagnostics.hpp"
#include "adapters/net/http_listener.hpp"
#include "adapters/net/json_frame.hpp"
#include "adapters/net/ws_link.hpp"

namespace adapters::net {

/// The settings of one protocol's transports, as its adapter read them from bot.toml.
struct link_settings {
    std::string protocol;       ///< "onebot11", for log lines
    std::string access_token;   ///< required from every inbound transport when set (and sent when dialling)
    bool refuse_with_401 = false;  ///< answer a wrong token with 401 too (OneBot 12), not 403
    std::chrono::seconds heartbeat{30};
    std::size_t max_frame = 1 << 20;  ///< one limit for WebSocket frames and HTTP bodies
    std::size_t max_connections = 64;  ///< per listener; more are closed at once
    std::size_t max_parked = 256u << 20;  ///< events parked on a link with answers due (see link_limits)
    bool listen = false;
    std::string host = "127.0.0.1";
    unsigned short port = 0;
    std::string ws_path;       ///< reverse WebSocket path ("/" is accepted too)
    std::optional<url> dial;   ///< forward WebSocket: the implementation to dial
    std::chrono::milliseconds reconnect_min{250};
    std::chrono::milliseconds reconnect_max{30000};
};

/// The link settings from a OneBot adapter's tables (`common`, `server`, `client` with the same
/// keys in v11 and v12).
template <class Settings>
link_settings link_settings_from(Settings const& cfg, std::string protocol) {
    link_settings s;
    s.protocol = std::move(protocol);
    s.access_token = cfg.common.access_token;
    s.heartbeat = cfg.common.heartbeat;
    s.max_frame = static_cast<std::size_t>(cfg.common.max_frame_bytes);
    s.max_connections = static_cast<std::size_t>(cfg.common.max_connections);
    s.max_parked = static_cast<std::size_t>(cfg.common.max_parked_bytes);
    s.listen = cfg.server.enabled;
    s.host = cfg.server.host;
    s.port = static_cast<unsigned short>(cfg.server.port);
    s.ws_path = cfg.server.ws_path;
    if (cfg.client.enabled) s.dial = url::parse(cfg.client.url);
    s.reconnect_min = std::chrono::milliseconds(cfg.client.reconnect_min_ms);
    s.reconnect_max = std::chrono::milliseconds(cfg.client.reconnect_max_ms);
    return s;
}

/// Why a handshake or request was refused.
struct refusal {
    http::status status;
    std::string why;
};

/// Whether a frame is an answer to a call (OneBot v11 and v12 answers carry "retcode"; events do
/// not), without parsing it: for the frames a paused link parks.
bool looks_like_answer(std::string_view frame);

class link_manager {
public:
    struct hooks {
        /// The protocol's own checks of a reverse WebSocket request, after its path and token passed.
        std::function<std::optional<refusal>(request const& req)> vet;
        /// The subprotocol the handshake answers with; empty for none.
        std::function<std::string(request const& req)> subprotocol;
        /// What the link's name says besides protocol and peer ("10001 Universal"), for log lines.
        std::function<std::string(request const& req)> describe;
        /// A new open link: `req` is the upgrade request (nullptr when we dialled). Returns what
        /// handles its frames; `on_frame` gets the text and its JSON parsed within bounds.
        std::function<void(std::shared_ptr<ws_link> const& ws, request const* req)> opened;
        /// A plain HTTP request on the listener (the token is for the hook to check).
        std::function<response(request const& req)> plain;
        /// Backpressure (the core's): links stop reading and HTTP requests wait while it is closed.
        bot::flow_control* flow = nullptr;
        /// Whether calls sent on a link still wait for their answers.
        std::function<bool(ws_link const& ws)> answers_due;
        /// The answers due on a link are out of reach (see ws_link::handlers::out_of_reach):
        /// releases the calls waiting for them; returns how many.
        std::function<std::size_t(ws_link const& ws)> out_of_reach;
    };

    link_manager(asio::io_context& io, link_settings s, hooks h);
    ~link_manager();
    link_manager(link_manager const&) = delete;
    link_manager& operator=(link_manager const&) = delete;

    /// Binds the listener and starts dialling, as configured.
    void start();
    /// Stops accepting and dialling and closes every link (going away).
    void stop();

    /// Starts a link's read loop with these handlers and tracks it (liveness, stop, the dial loop).
    void run(std::shared_ptr<ws_link> const& ws, ws_link::handlers h);
    /// Parses a frame within the bounds, counting it; logs and counts one that is refused.
    json_frame parse(std::string_view text, std::string const& source);

    link_settings const& settings() const { return s_; }
    adapter_stats& stats() { return stats_; }
    unsigned short port() const { return listener_ ? listener_->port() : 0; }
    std::string address() const { return listener_ ? listener_->address() : std::string(); }
    bool stopping() const { return stopping_; }
    /// Counts a refused request and logs why.
    void refused(std::string const& peer, std::string_view path, std::string const& why);

private:
    asio::awaitable<void> accept(request req, beast::tcp_stream stream, http_listener::slot slot);
    asio::awaitable<void> dial_loop();
    asio::awaitable<void> pause(std::chrono::milliseconds d);
    link_limits limits() const;

    asio::io_context& io_;
    link_settings s_;
    hooks hooks_;
    std::unique_ptr<http_listener> listener_;
    std::vector<std::weak_ptr<ws_link>> links_;
    std::shared_ptr<asio::steady_timer> dial_wait_;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
    adapter_stats stats_;
    bool stopping_ = false;
};

}  // namespace adapters::net
