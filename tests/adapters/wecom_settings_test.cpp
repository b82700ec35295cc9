// [adapters.wecom] as bot.toml states it: every bad key named with its line, secrets never echoed.
#include <catch2/catch.hpp>

#include "adapters/wecom/settings.hpp"
#include "bot/config_file.hpp"

namespace {

/// Every error reading `toml` gives, one line each.
std::vector<std::string> errors_of(std::string const& toml) {
    auto file = bot::config_file::parse(toml);
    file.collect_errors();
    (void)adapters::wecom::settings::read(file);
    std::vector<std::string> out;
    try {
        file.throw_errors();
    } catch (bot::config_errors const& all) {
        for (auto const& e : all.all()) out.emplace_back(e.what());
    } catch (bot::config_error const& e) {
        out.emplace_back(e.what());
    }
    return out;
}

bool any_has(std::vector<std::string> const& errors, std::string const& needle) {
    for (auto const& e : errors)
        if (e.find(needle) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("a complete WeCom configuration reads, webhook URLs included", "[wecom]") {
    auto file = bot::config_file::parse(R"(
[adapters.wecom]
enabled = true
corp_id = "ww0123456789abcdef"
[adapters.wecom.bot]
enabled = true
token = "QDG6eK"
encoding_aes_key = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"
[adapters.wecom.app]
enabled = true
agent_id = 1000002
secret = "abcdefghijklmnop_QRS-tuv"
[adapters.wecom.webhooks]
"wrkA" = "693a91f6-7b2c-4bc4-97a0-0ec2a1fa5aaa"
"wrkB" = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=11111111-2222-3333-4444-555555555555"
)");
    auto s = adapters::wecom::settings::read(file);
    CHECK(s.common.enabled);
    CHECK(s.aibot.enabled);
    CHECK(s.app.agent_id == 1000002);
    CHECK(s.webhooks.at("wrkA") == "693a91f6-7b2c-4bc4-97a0-0ec2a1fa5aaa");
    CHECK(s.webhooks.at("wrkB") == "11111111-2222-3333-4444-555555555555");
}

TEST_CASE("a broken WeCom configuration names every bad key, and never shows a secret", "[wecom]") {
    std::string const short_key = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2";  // 42 characters
    std::string const leaked_secret = "top secret value";
    auto errors = errors_of(R"(
[adapters.wecom]
enabled = true
corp_id = "corp-1"
[adapters.wecom.bot]
enabled = true
token = "has space"
encoding_aes_key = ")" + short_key + R"("
[adapters.wecom.app]
enabled = true
secret = ")" + leaked_secret + R"("
[adapters.wecom.webhooks]
"wrkA" = "not-a-key"
)");
    INFO(errors.size());
    CHECK(any_has(errors, "adapters.wecom.corp_id"));
    CHECK(any_has(errors, "adapters.wecom.bot.token"));
    CHECK(any_has(errors, "adapters.wecom.bot.encoding_aes_key"));
    CHECK(any_has(errors, "exactly 43 letters and digits, as the callback settings page generates, got a string of 42 characters"));
    CHECK(any_has(errors, "adapters.wecom.app.secret"));
    CHECK(any_has(errors, "adapters.wecom.app.agent_id"));
    CHECK(any_has(errors, "adapters.wecom.webhooks.wrkA"));
    CHECK(any_has(errors, "bot.toml:4:"));  // the corp_id line
    for (auto const& e : errors) {
        CHECK(e.find(short_key) == std::string::npos);
        CHECK(e.find("has space") == std::string::npos);
        CHECK(e.find(leaked_secret) == std::string::npos);
        CHECK(e.find("not-a-key") == std::string::npos);
    }
}

TEST_CASE("WeCom enabled with nothing to serve, or without a corp ID, is refused", "[wecom]") {
    auto errors = errors_of("[adapters.wecom]\nenabled = true\n");
    CHECK(any_has(errors, "corp ID"));
    CHECK(any_has(errors, "nothing to serve"));
    auto app_half = errors_of(
        "[adapters.wecom]\nenabled = true\ncorp_id = \"ww0123456789abcdef\"\n[adapters.wecom.app]\nenabled = true\n"
        "agent_id = 5\nsecret = \"abcdefghijklmnopqrstu\"\ntoken = \"abc\"\ncustomer_groups = true\n");
    CHECK(any_has(app_half, "both token and encoding_aes_key"));
}

TEST_CASE("webhook keys are read bare or from their URL", "[wecom]") {
    using adapters::wecom::webhook_key_of;
    CHECK(webhook_key_of("693a91f6-7b2c-4bc4-97a0-0ec2a1fa5aaa") == "693a91f6-7b2c-4bc4-97a0-0ec2a1fa5aaa");
    CHECK(webhook_key_of("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7b2c-4bc4-97a0-0ec2a1fa5aaa") ==
          "693a91f6-7b2c-4bc4-97a0-0ec2a1fa5aaa");
    CHECK_FALSE(webhook_key_of("693a91f6_7b2c-4bc4-97a0-0ec2a1fa5aaa"));
    CHECK_FALSE(webhook_key_of("https://qyapi.weixin.qq.com/cgi-bin/webhook/send"));
    CHECK_FALSE(webhook_key_of(""));
}
