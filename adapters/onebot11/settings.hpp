#pragma once
/// [adapters.onebot11] and its transport tables, as read from bot.toml.

#include <chrono>
#include <string>

#include "bot/config_file.hpp"
#include "bot/config_schema.hpp"

namespace adapters::onebot11 {

/// [adapters.onebot11]: what every transport shares.
struct common_settings {
    bool enabled = false;
    std::string platform = "qq";  ///< the platform name events carry ("qq"; "wechat" for v11 WeChat bridges)
    std::string access_token;     ///< required from the implementation when set (and sent to it)
    std::chrono::seconds call_timeout{15};
    std::chrono::seconds heartbeat{30};  ///< expected heartbeat; a link silent for 3× this is dead
    std::int64_t max_frame_bytes = 1 << 20;
    std::int64_t max_parked_bytes = 256 << 20;  ///< events read while paused to reach an answer, memory and disk
    std::int64_t max_connections = 64;  ///< open connections per listener; more are closed at once
    std::int64_t max_accounts = 64;     ///< bot accounts one adapter serves; events of more are dropped
    static void describe(bot::schema<common_settings>& s);
};

/// [adapters.onebot11.server]: reverse WebSocket and HTTP POST receiver (the implementation dials us).
struct server_settings {
    bool enabled = true;
    std::string host = "127.0.0.1";
    int port = 8080;
    std::string ws_path = "/onebot/v11/ws";  ///< "/" is accepted too
    std::string http_path = "/onebot/v11/http";
    std::string secret;  ///< HMAC-SHA1 key for X-Signature on HTTP POST; empty: unsigned
    static void describe(bot::schema<server_settings>& s);
};

/// [adapters.onebot11.client]: forward WebSocket (we dial the implementation).
struct client_settings {
    bool enabled = false;
    std::string url = "ws://127.0.0.1:3001/";
    int reconnect_min_ms = 250;
    int reconnect_max_ms = 30000;
    static void describe(bot::schema<client_settings>& s);
};

/// [adapters.onebot11.http_api]: actions over HTTP when no WebSocket carries them.
struct http_api_settings {
    bool enabled = false;
    std::string url = "http://127.0.0.1:3000/";
    static void describe(bot::schema<http_api_settings>& s);
};

struct settings {
    common_settings common;
    server_settings server;
    client_settings client;
    http_api_settings http_api;

    /// Reads the tables; bad values throw config_error naming the key and line.
    static settings read(bot::config_file& file);
};

}  // namespace adapters::onebot11
