#pragma once
/// A fake OneBot v11 implementation for tests: real WebSocket and HTTP on loopback, exact v11 JSON,
/// and the habits of real implementations (NapCat, go-cqhttp, Lagrange.OneBot). It runs on its own
/// thread; the test thread waits on what it receives.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace testing {

using nlohmann::json;

/// Which implementation to imitate.
enum class flavor {
    napcat,    ///< Authorization: Bearer <token> even when empty; array messages; message_sent echoes
    gocq,      ///< Authorization: Token <token>; CQ-string messages; negative int32 message_ids
    lagrange,  ///< Bearer only when a token is set; array messages; large positive message_ids
};

struct peer_options {
    flavor kind = flavor::napcat;
    std::int64_t self_id = 10001;
    std::string token;
    std::string role = "Universal";
    std::string path = "/onebot/v11/ws";
    bool send_connect = true;  ///< lifecycle connect right after the handshake
    bool auto_answer = true;   ///< answer every action with status ok (and a message_id for sends)
    bool send_self_id = true;  ///< the X-Self-ID header
    std::string self_role = "member";        ///< the bot's role in get_group_member_info of itself
    std::vector<std::string> fail_actions;   ///< actions answered as NapCat fails them (retcode 1200)
    std::string fail_wording = "消息不存在";  ///< the wording of those failures
    std::vector<std::string> silent_actions;  ///< actions never answered, as by an implementation that hangs on them
};

/// One WebSocket connection as the implementation sees it.
class onebot_peer {
public:
    struct state;
    ~onebot_peer();

    /// Reverse WebSocket: dials the bot. nullptr when refused; `http_status` gets the status.
    static std::unique_ptr<onebot_peer> dial(unsigned short port, peer_options opt, int* http_status = nullptr);

    void send(json const& frame);
    void send_text(std::string text);
    /// The next action request the bot sent (already answered when auto_answer), or nullopt.
    std::optional<json> next_action(std::chrono::milliseconds timeout = std::chrono::seconds(5));
    /// Every action that arrives within `d`.
    std::vector<json> actions_for(std::chrono::milliseconds d);
    /// Waits until the bot closes the connection; its close code (1006 when dropped without one).
    std::optional<int> wait_closed(std::chrono::milliseconds timeout = std::chrono::seconds(5));
    /// Stops reading (so pings go unanswered), like a hung implementation.
    void stop_reading();
    /// Drops the TCP connection without a close handshake, like a killed process.
    void abort();
    bool is_open() const;

    peer_options const& options() const;
    /// Event JSON shaped as this implementation sends it.
    json group_message(std::int64_t group, std::int64_t user, std::string const& text, json message_id) const;
    json lifecycle_connect() const;
    json heartbeat(int interval_ms) const;

    explicit onebot_peer(std::shared_ptr<state> s);

private:
    std::shared_ptr<state> s_;
};

/// Forward WebSocket: a OneBot server the bot dials; connections become peers.
class onebot_server {
public:
    explicit onebot_server(peer_options opt, unsigned short port = 0);
    ~onebot_server();
    unsigned short port() const { return port_; }
    /// The next connection the bot makes (nullptr after the timeout).
    std::unique_ptr<onebot_peer> accept(std::chrono::milliseconds timeout = std::chrono::seconds(5));
    /// Closes the listener and drops all connections, like a killed process.
    void kill();

    struct impl;

private:
    std::unique_ptr<impl> impl_;
    unsigned short port_ = 0;
};

/// An implementation's HTTP API (actions by POST /<action>), answering ok with a message_id.
class onebot_http_api {
public:
    explicit onebot_http_api(std::string token = {});
    ~onebot_http_api();
    unsigned short port() const { return port_; }
    /// The next action as {"action": name, "params": {...}}.
    std::optional<json> next_action(std::chrono::milliseconds timeout = std::chrono::seconds(5));

    struct impl;

private:
    std::unique_ptr<impl> impl_;
    unsigned short port_ = 0;
};

/// HTTP POST of one event to the bot, as go-cqhttp and NapCat do it; returns the HTTP status.
int post_event(unsigned short port, std::string const& path, json const& event, std::string const& secret = {},
               std::optional<std::string> signature_override = std::nullopt);

/// HTTP POST of a raw body with the given headers; returns the HTTP status (0 when the bot closed
/// the connection without answering).
int post_raw(unsigned short port, std::string const& path, std::string const& body,
             std::vector<std::pair<std::string, std::string>> const& headers = {});

/// HMAC-SHA1 over `body` as "sha1=<hex>", computed independently of the bot's code.
std::string hmac_sha1(std::string const& key, std::string const& body);

}  // namespace testing
