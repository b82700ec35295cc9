#include "adapters/onebot12/settings.hpp"

#include "adapters/net/client.hpp"

namespace adapters::onebot12 {

namespace {

std::optional<bot::expectation> ws_url(std::string const& text) {
    std::string error;
    auto u = net::url::parse(text, &error);
    if (!u) return bot::expect::english_only(error);
    if (u->scheme != "ws") return bot::expect::english_only("a ws:// URL");
    return std::nullopt;
}

std::optional<bot::expectation> absolute_path(std::string const& p) {
    if (p.empty() || p.front() != '/') return bot::expect::english_only("a path starting with /");
    return std::nullopt;
}

}  // namespace

void common_settings::describe(bot::schema<common_settings>& s) {
    s.field("enabled", &common_settings::enabled,
            "connect to a OneBot v12 implementation (ComWeChatBotClient, onebots, ...)");
    s.field("access_token", &common_settings::access_token,
            "token the implementation must present (Authorization: Bearer or ?access_token=); empty accepts any");
    s.field("call_timeout", &common_settings::call_timeout, "how long an action may take before it counts as failed");
    s.field("heartbeat", &common_settings::heartbeat,
            "expected heartbeat interval until the implementation reports its own; a link silent for 3x is dead");
    s.range("max_frame_bytes", &common_settings::max_frame_bytes, 1024, 64 << 20,
            "larger frames are dropped with a log line (the connection stays up)");
    s.range("max_parked_bytes", &common_settings::max_parked_bytes, 1 << 20, std::int64_t{64} << 30,
            "events read while paused, to reach an answer behind them, wait up to this many bytes (4 MiB in "
            "memory, the rest in a temporary file); past it reading stops until the queues drain");
    s.range("max_connections", &common_settings::max_connections, 1, 10000,
            "connections the server keeps open at once; more are closed as they arrive");
    s.range("max_accounts", &common_settings::max_accounts, 1, 10000,
            "bot accounts served at once; events for further accounts are dropped with a log line");
}

void server_settings::describe(bot::schema<server_settings>& s) {
    s.field("enabled", &server_settings::enabled, "accept reverse WebSocket connections");
    s.field("host", &server_settings::host, "address to listen on (0.0.0.0 for every interface)");
    s.range("port", &server_settings::port, 0, 65535, "port to listen on");
    s.field("ws_path", &server_settings::ws_path, "reverse WebSocket path (\"/\" is accepted too)")
        .check(&server_settings::ws_path, absolute_path);
}

void client_settings::describe(bot::schema<client_settings>& s) {
    s.field("enabled", &client_settings::enabled, "dial the implementation's forward WebSocket server");
    s.field("url", &client_settings::url, "its address, ws://host:port/").check(&client_settings::url, ws_url);
    s.range("reconnect_min_ms", &client_settings::reconnect_min_ms, 50, 60000, "first retry delay");
    s.range("reconnect_max_ms", &client_settings::reconnect_max_ms, 100, 600000, "longest retry delay");
}

settings settings::read(bot::config_file& file) {
    settings out;
    out.common = file.read<common_settings>("adapters.onebot12", {"server", "client"});
    out.server = file.read<server_settings>("adapters.onebot12.server");
    out.client = file.read<client_settings>("adapters.onebot12.client");
    return out;
}

}  // namespace adapters::onebot12
