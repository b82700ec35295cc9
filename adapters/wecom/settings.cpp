#include "adapters/wecom/settings.hpp"

#include <algorithm>
#include <cctype>

#include "adapters/net/auth.hpp"

namespace adapters::wecom {

namespace {

bool alnum(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isalnum(c) != 0; });
}

std::optional<bot::expectation> absolute_path(std::string const& p) {
    if (p.empty() || p.front() != '/') return bot::expect::english_only("a path starting with /");
    return std::nullopt;
}

std::optional<bot::expectation> corp_id_shape(std::string const& id) {
    if (id.empty()) return std::nullopt;  // required only when enabled, checked in read()
    bool ok = id.size() == 18 && (id.rfind("ww", 0) == 0 || id.rfind("wx", 0) == 0) &&
              std::all_of(id.begin() + 2, id.end(), [](unsigned char c) { return std::isxdigit(c) != 0; });
    if (!ok) return bot::expect::english_only("a corp ID: \"ww\" and 16 hex digits, as on the admin console's 我的企业 page");
    return std::nullopt;
}

std::optional<bot::expectation> api_base_shape(std::string const& base) {
    auto scheme = base.find("://");
    auto name = base.substr(0, scheme == std::string::npos ? 0 : scheme);
    if ((name != "https" && name != "http") || base.size() <= scheme + 3)
        return bot::expect::english_only("an https:// address such as https://qyapi.weixin.qq.com");
    return std::nullopt;
}

std::optional<bot::expectation> token_shape(std::string const& t) {
    if (t.empty()) return std::nullopt;
    if (auto p = token_problem(t)) return bot::expect::english_only(*p);
    return std::nullopt;
}

std::optional<bot::expectation> key_shape(std::string const& k) {
    if (k.empty()) return std::nullopt;
    if (auto p = aes_key_problem(k)) return bot::expect::english_only(*p);
    return std::nullopt;
}

std::optional<bot::expectation> secret_shape(std::string const& s) {
    if (s.empty()) return std::nullopt;
    bool ok = s.size() >= 16 && s.size() <= 128 && std::all_of(s.begin(), s.end(), [](unsigned char c) {
                  return std::isalnum(c) != 0 || c == '-' || c == '_';
              });
    if (!ok) return bot::expect::english_only("the app's Secret: 16 to 128 letters, digits, '-' or '_'");
    return std::nullopt;
}

}  // namespace

std::optional<std::string> token_problem(std::string_view token) {
    if (token.empty() || token.size() > 32 || !alnum(token))
        return "a callback Token of 1 to 32 letters and digits, as the callback settings page generates";
    return std::nullopt;
}

std::optional<std::string> aes_key_problem(std::string_view key) {
    if (key.size() != 43 || !alnum(key))
        return "an EncodingAESKey of exactly 43 letters and digits, as the callback settings page generates";
    return std::nullopt;
}

std::optional<std::string> webhook_key_of(std::string_view text) {
    std::string key(text);
    if (text.find("://") != std::string_view::npos) {
        auto q = text.find('?');
        if (q == std::string_view::npos) return std::nullopt;
        auto found = net::query_param(text.substr(text.find('/', text.find("://") + 3)), "key");
        if (!found) return std::nullopt;
        key = *found;
    }
    // A UUID: 8-4-4-4-12, letters and digits between the dashes.
    if (key.size() != 36) return std::nullopt;
    for (std::size_t i = 0; i < key.size(); ++i) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? key[i] != '-' : std::isalnum(static_cast<unsigned char>(key[i])) == 0) return std::nullopt;
    }
    return key;
}

void common_settings::describe(bot::schema<common_settings>& s) {
    s.field("enabled", &common_settings::enabled, "serve WeCom (企业微信): the intelligent bot, the app, group robots");
    s.field("corp_id", &common_settings::corp_id, "the corporation's ID (企业ID), \"ww\" and 16 hex digits")
        .check(&common_settings::corp_id, corp_id_shape);
    s.field("api_base", &common_settings::api_base, "the WeCom API (tests point it at a local server)")
        .check(&common_settings::api_base, api_base_shape);
    s.field("call_timeout", &common_settings::call_timeout, "how long one API call may take");
    s.field("host", &common_settings::host, "address the callback listener binds (behind your HTTPS proxy)");
    s.range("port", &common_settings::port, 0, 65535, "port the callback listener binds");
    s.range("max_connections", &common_settings::max_connections, 1, 10000,
            "callback connections open at once; more are closed as they arrive");
    s.range("webhook_per_minute", &common_settings::webhook_per_minute, 1, 20,
            "messages a minute through one group robot (WeCom allows 20)");
}

void bot_settings::describe(bot::schema<bot_settings>& s) {
    s.field("enabled", &bot_settings::enabled, "receive @-messages of the intelligent bot (智能机器人, API mode)");
    s.field("path", &bot_settings::path, "the path of the bot's callback URL").check(&bot_settings::path, absolute_path);
    s.field("token", &bot_settings::token, "the callback Token").secret().check(&bot_settings::token, token_shape);
    s.field("encoding_aes_key", &bot_settings::encoding_aes_key, "the callback EncodingAESKey (43 characters)")
        .secret()
        .check(&bot_settings::encoding_aes_key, key_shape);
    s.field("bot_id", &bot_settings::bot_id, "the Bot ID; callbacks for another bot are refused (empty: any)");
    s.field("name", &bot_settings::name, "the bot's name as members @-mention it");
}

void app_settings::describe(bot::schema<app_settings>& s) {
    s.field("enabled", &app_settings::enabled, "use the self-built app (自建应用): private messages, app group chats");
    s.range("agent_id", &app_settings::agent_id, 0, 9999999999, "the app's AgentId");
    s.field("secret", &app_settings::secret, "the app's Secret").secret().check(&app_settings::secret, secret_shape);
    s.field("path", &app_settings::path, "the path of the app's callback URL").check(&app_settings::path, absolute_path);
    s.field("token", &app_settings::token, "the callback Token (empty: the app only sends)")
        .secret()
        .check(&app_settings::token, token_shape);
    s.field("encoding_aes_key", &app_settings::encoding_aes_key, "the callback EncodingAESKey (43 characters)")
        .secret()
        .check(&app_settings::encoding_aes_key, key_shape);
    s.field("customer_groups", &app_settings::customer_groups,
            "follow customer groups (客户群): joins and leaves arrive through the app's callback");
}

settings settings::read(bot::config_file& file) {
    settings out;
    out.common = file.read<common_settings>("adapters.wecom", {"bot", "app", "webhooks"});
    out.aibot = file.read<bot_settings>("adapters.wecom.bot");
    out.app = file.read<app_settings>("adapters.wecom.app");
    auto const* top = file.section("adapters.wecom");
    bot::source_pos here = top ? top->pos : bot::source_pos{file.name()};
    auto pos_of = [&](std::string_view dotted) {
        auto const* n = file.section(dotted);
        return n ? n->pos : here;
    };
    if (auto const* hooks = file.section("adapters.wecom.webhooks")) {
        if (!hooks->is_table()) {
            file.report(bot::config_error(hooks->pos, "adapters.wecom.webhooks",
                                          "expected a table of group chat ID = webhook key"));
        } else {
            for (auto const& [group, value] : hooks->as_table()) {
                auto const* text = std::get_if<std::string>(&value.value);
                auto key = text ? webhook_key_of(*text) : std::nullopt;
                if (!key) {
                    file.report(bot::config_error(
                        value.pos, "adapters.wecom.webhooks." + group,
                        "expected a group robot's webhook key (8-4-4-4-12 characters) or its whole webhook URL, got " +
                            (text ? bot::describe_secret(value) : std::string(value.type_name()))));
                    continue;
                }
                out.webhooks[group] = *key;
            }
        }
    }
    if (!out.common.enabled) return out;
    auto need = [&](bool ok, std::string const& key, std::string const& what) {
        auto dot = key.rfind('.');
        if (!ok) file.report(bot::config_error(pos_of(key.substr(0, dot)), key, what));
    };
    need(!out.common.corp_id.empty(), "adapters.wecom.corp_id", "the corp ID (企业ID) is required with WeCom enabled");
    if (out.aibot.enabled) {
        need(!out.aibot.token.empty(), "adapters.wecom.bot.token", "the bot's callback Token is required");
        need(!out.aibot.encoding_aes_key.empty(), "adapters.wecom.bot.encoding_aes_key",
             "the bot's callback EncodingAESKey is required");
    }
    if (out.app.enabled) {
        need(out.app.agent_id > 0, "adapters.wecom.app.agent_id", "the app's AgentId is required");
        need(!out.app.secret.empty(), "adapters.wecom.app.secret", "the app's Secret is required");
        need(out.app.token.empty() == out.app.encoding_aes_key.empty(), "adapters.wecom.app.token",
             "the app's callback needs both token and encoding_aes_key (or neither, to only send)");
        need(!out.app.customer_groups || !out.app.token.empty(), "adapters.wecom.app.customer_groups",
             "following customer groups needs the app's callback (token and encoding_aes_key)");
    }
    need(!out.aibot.enabled || !out.app.enabled || out.aibot.path != out.app.path, "adapters.wecom.app.path",
         "the app's callback path must differ from the bot's");
    need(out.aibot.enabled || out.app.enabled || !out.webhooks.empty(), "adapters.wecom.enabled",
         "nothing to serve: enable [adapters.wecom.bot] or [adapters.wecom.app], or add [adapters.wecom.webhooks]");
    return out;
}

}  // namespace adapters::wecom
