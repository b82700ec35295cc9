#pragma once
/// A small fake OneBot v12 implementation for the link tests: real WebSocket on loopback, exact v12
/// JSON, and ComWeChatBotClient's habits (subprotocol "12.ComWechat", `true` for send results,
/// no delete_message). It runs on its own thread; the test thread pumps the bot and polls it.

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace testing::onebot12 {

using nlohmann::json;

struct v12_options {
    std::string impl = "ComWechat";
    std::string platform = "wechat";
    std::vector<std::string> bots{"wxid_bot001"};  ///< what get_status reports
    std::string token;                              ///< sent as Authorization: Bearer, or in the query
    bool token_in_query = false;
    std::string path = "/onebot/v12/ws";
    std::string subprotocol = "12.ComWechat";  ///< offered on reverse dials; empty: none
    bool send_connect = true;                  ///< the connect event right after the handshake
    bool auto_answer = true;                   ///< answer each action (ok, or 10002 when unsupported)
    bool get_status = true;                    ///< false: get_status is an unsupported action
    bool message_ids = false;                  ///< send_message answers {message_id}; else `true` (ComWeChat)
    bool read_frames = true;                   ///< false: never reads, so pings go unanswered (a hung process)
};

/// One WebSocket connection, as the implementation sees it.
class v12_peer {
public:
    struct state;
    explicit v12_peer(std::shared_ptr<state> s);
    ~v12_peer();

    /// Reverse WebSocket: dials the bot. nullptr when refused (`http_status` gets the status);
    /// `protocol` gets the Sec-WebSocket-Protocol the bot answered with.
    static std::unique_ptr<v12_peer> dial(unsigned short port, v12_options opt, int* http_status = nullptr,
                                          std::string* protocol = nullptr);

    void send(json const& frame);
    void send_text(std::string text);
    /// Every action request received so far (answered already when auto_answer), oldest first.
    std::vector<json> actions() const;
    /// Removes and returns the first received action named `name`.
    std::optional<json> take(std::string const& name);
    /// The bot's close code once it closed the connection (1006 when dropped without one).
    std::optional<int> closed() const;
    bool is_open() const;
    /// Drops the TCP connection without a close handshake, like a killed process.
    void abort();
    /// Answers an action by hand (when auto_answer is off).
    void answer(json const& action, json data, std::string status = "ok", int retcode = 0);

    v12_options const& options() const;
    /// Event JSON as this implementation sends it, from bot `self`.
    json group_message(std::string const& self, std::string const& group, std::string const& user,
                       std::string const& text, std::string const& message_id) const;
    json connect_event() const;
    json heartbeat(int interval_ms) const;
    json status_update(std::vector<std::pair<std::string, bool>> const& bots) const;

private:
    std::shared_ptr<state> s_;
};

/// Forward WebSocket: an implementation's server the bot dials; connections become peers.
class v12_server {
public:
    explicit v12_server(v12_options opt, unsigned short port = 0);
    ~v12_server();
    unsigned short port() const { return port_; }
    /// The next connection the bot made, if one has arrived.
    std::unique_ptr<v12_peer> take_peer();
    /// The Authorization header of the last connection attempt.
    std::string last_authorization() const;
    /// Closes the listener and drops all connections, like a killed process.
    void kill();

    struct impl;

private:
    std::shared_ptr<impl> impl_;
    unsigned short port_ = 0;
};

}  // namespace testing::onebot12
