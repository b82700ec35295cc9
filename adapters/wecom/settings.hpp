#pragma once
/// [adapters.wecom] and its tables, as read from bot.toml. Secrets are checked for shape and never
/// echoed in an error or a log line.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "bot/config_file.hpp"
#include "bot/config_schema.hpp"

namespace adapters::wecom {

/// [adapters.wecom]: the corporation, the API and the callback listener every route shares.
struct common_settings {
    bool enabled = false;
    std::string corp_id;                                  ///< 企业ID, "ww" + 16 hex digits
    std::string api_base = "https://qyapi.weixin.qq.com";  ///< tests point this at a fake server
    std::chrono::seconds call_timeout{10};
    std::string host = "127.0.0.1";  ///< the callback listener, behind the operator's HTTPS proxy
    int port = 8090;
    std::int64_t max_connections = 64;
    std::int64_t webhook_per_minute = 20;  ///< WeCom allows a group robot 20 messages a minute
    static void describe(bot::schema<common_settings>& s);
};

/// [adapters.wecom.bot]: the intelligent bot (智能机器人) in API mode.
struct bot_settings {
    bool enabled = false;
    std::string path = "/wecom/bot";  ///< the callback URL's path
    std::string token;                ///< callback Token
    std::string encoding_aes_key;     ///< callback EncodingAESKey (43 characters)
    std::string bot_id;               ///< the Bot ID (aibotid); empty takes the one callbacks carry
    std::string name;                 ///< the bot's name as members @-mention it, when known
    static void describe(bot::schema<bot_settings>& s);
};

/// [adapters.wecom.app]: the self-built app (自建应用).
struct app_settings {
    bool enabled = false;
    std::int64_t agent_id = 0;
    std::string secret;               ///< the app's Secret, for access tokens
    std::string path = "/wecom/app";  ///< the callback URL's path (receiving messages and events)
    std::string token;                ///< callback Token; empty: the app only sends
    std::string encoding_aes_key;     ///< callback EncodingAESKey
    bool customer_groups = false;     ///< follow customer groups (客户群) through the app's callback
    static void describe(bot::schema<app_settings>& s);
};

struct settings {
    common_settings common;
    bot_settings aibot;  ///< [adapters.wecom.bot]
    app_settings app;
    /// [adapters.wecom.webhooks]: group chat ID → group robot webhook key (群机器人).
    std::map<std::string, std::string> webhooks;

    /// Reads the tables; bad values are reported to the file naming the key and line.
    static settings read(bot::config_file& file);
};

/// What is wrong with a callback Token (1–32 letters and digits), or nullopt.
std::optional<std::string> token_problem(std::string_view token);
/// What is wrong with an EncodingAESKey (exactly 43 letters and digits), or nullopt.
std::optional<std::string> aes_key_problem(std::string_view key);
/// A webhook key as configured: the key itself, or the whole webhook URL it came in
/// (".../cgi-bin/webhook/send?key=KEY"). nullopt when it has neither shape.
std::optional<std::string> webhook_key_of(std::string_view text);

}  // namespace adapters::wecom
