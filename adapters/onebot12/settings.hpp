#pragma once
/// [adapters.onebot12] and its transport tables, as read from bot.toml.

#include <chrono>
#include <cstdint>
#include <string>

#include "bot/config_file.hpp"
#include "bot/config_schema.hpp"

namespace adapters::onebot12 {

/// [adapters.onebot12]: what both transports share.
struct common_settings {
    bool enabled = false;
    std::string access_token;  ///< required from the implementation when set (and sent to it)
    std::chrono::seconds call_timeout{15};
    std::chrono::seconds heartbeat{30};  ///< expected until the implementation's heartbeat says otherwise
    std::int64_t max_frame_bytes = 4 << 20;
    std::int64_t max_parked_bytes = 256 << 20;  ///< events read while paused to reach an answer, memory and disk
    std::int64_t max_connections = 64;  ///< open connections per listener; more are closed at once
    std::int64_t max_accounts = 64;     ///< bot accounts one adapter serves; events of more are dropped
    static void describe(bot::schema<common_settings>& s);
};

/// [adapters.onebot12.server]: reverse WebSocket (the implementation dials us).
struct server_settings {
    bool enabled = true;
    std::string host = "127.0.0.1";
    int port = 8082;
    std::string ws_path = "/onebot/v12/ws";  ///< "/" is accepted too
    static void describe(bot::schema<server_settings>& s);
};

/// [adapters.onebot12.client]: forward WebSocket (we dial the implementation).
struct client_settings {
    bool enabled = false;
    std::string url = "ws://127.0.0.1:8080/";
    int reconnect_min_ms = 250;
    int reconnect_max_ms = 30000;
    static void describe(bot::schema<client_settings>& s);
};

struct settings {
    common_settings common;
    server_settings server;
    client_settings client;

    /// Reads the tables; bad values throw config_error naming the key and line.
    static settings read(bot::config_file& file);
};

}  // namespace adapters::onebot12
