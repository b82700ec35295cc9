#pragma once
/// The WeCom (企业微信) adapter: the intelligent bot's @-messages, the self-built app's private
/// messages and customer-group changes arrive by encrypted callback on one HTTP listener; answers
/// go out through response URLs, group robots and the app's API. Each route is one bot account.

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "adapters/adapter.hpp"
#include "adapters/net/http_listener.hpp"
#include "adapters/wecom/api.hpp"
#include "adapters/wecom/capabilities.hpp"
#include "adapters/wecom/crypto.hpp"
#include "adapters/wecom/decode.hpp"
#include "adapters/wecom/outgoing.hpp"
#include "adapters/wecom/settings.hpp"
#include "bot/core.hpp"
#include "bot/platform.hpp"

namespace adapters::wecom {

class adapter;

/// What the three routes' accounts share: WeCom has no recall of others' messages, mute, kick or
/// join requests, so those fail as unsupported.
class account_base : public bot::platform {
public:
    account_base(adapter& owner, bot::id self, bot::capabilities caps)
        : owner_(owner), self_(std::move(self)), caps_(caps) {}
    std::string const& name() const override;
    bot::id const& self_id() const override { return self_; }
    bot::capabilities const& caps() const override { return caps_; }
    bot::task<bot::status> recall(bot::id message_id) override;
    bot::task<bot::status> mute(bot::id group, bot::id user, std::chrono::seconds duration) override;
    bot::task<bot::status> kick(bot::id group, bot::id user, bool reject_rejoin) override;
    bot::task<bot::status> answer_request(bot::request_answer answer) override;
    /// A member by user ID through the app (user/get), where the app is configured.
    bot::task<bot::result<bot::member_info>> member(bot::id group, bot::id user) override;
    bot::task<bot::result<std::vector<bot::member_info>>> members(bot::id group) override;

protected:
    adapter& owner_;
    bot::id self_;
    bot::capabilities caps_;
};

/// The intelligent bot in internal groups (and its single chats).
class bot_account final : public account_base {
public:
    bot_account(adapter& owner, bot::id self, bool with_app)
        : account_base(owner, std::move(self), capabilities_of(route::bot, with_app)) {}
    bot::task<bot::result<bot::id>> send(bot::target to, bot::message msg) override;
};

/// The self-built app: members in private, and the group chats it created.
class app_account final : public account_base {
public:
    app_account(adapter& owner, bot::id self) : account_base(owner, std::move(self), capabilities_of(route::app, true)) {}
    bot::task<bot::result<bot::id>> send(bot::target to, bot::message msg) override;
    bot::task<bot::result<std::vector<bot::member_info>>> members(bot::id group) override;
};

/// Customer groups: joins and leaves, members; a group message goes to the owner to post.
class customer_account final : public account_base {
public:
    customer_account(adapter& owner, bot::id self)
        : account_base(owner, std::move(self), capabilities_of(route::customer, true)) {}
    bot::task<bot::result<bot::id>> send(bot::target to, bot::message msg) override;
    bot::task<bot::result<bot::member_info>> member(bot::id group, bot::id user) override;
    bot::task<bot::result<std::vector<bot::member_info>>> members(bot::id group) override;
};

/// Counters for tests and the status line.
struct wecom_stats {
    std::uint64_t callbacks = 0;        ///< accepted and decrypted
    std::uint64_t refused = 0;          ///< bad signature, undecryptable, stale, malformed
    std::uint64_t replayed = 0;         ///< answered again without dispatching
    std::uint64_t dispatched = 0;       ///< events posted to the core
};

class adapter final : public adapters::adapter {
public:
    adapter(bot::core& core, settings cfg);
    ~adapter() override;

    std::string name() const override { return "wecom"; }
    void start() override;
    void stop() override;

    /// The callback listener's port (after start; 0 when no callback is configured).
    unsigned short port() const { return listener_ ? listener_->port() : 0; }
    settings const& config() const { return cfg_; }
    wecom_stats const& stats() const { return stats_; }
    bot::core& core() { return core_; }

    // What the accounts use.
    api_client& api() { return api_; }
    token_source* app_token() { return app_token_.get(); }
    webhook_sender& webhooks() { return webhooks_; }
    response_urls& responses() { return responses_; }
    /// The group robot key configured for a group, or nullptr.
    std::string const* webhook_for(std::string const& group) const;
    /// Sends text to members privately through the app ("u1|u2"); the new message's ID.
    bot::task<bot::result<bot::id>> app_send_private(std::string users, std::string text);
    /// A member's name through the app (cached), or the error.
    bot::task<bot::result<bot::member_info>> app_user(std::string user);
    /// A customer group's details (groupchat/get), or the error.
    bot::task<api_reply> customer_group(std::string chat_id);
    /// An ID for a message WeCom gave none ("wecom-3").
    bot::id next_id() { return bot::id("wecom-" + std::to_string(++sent_)); }

    /// Handles one HTTP request to the callback listener (public for tests of odd requests).
    net::response on_http(net::request const& req);

private:
    struct route_entry {
        std::string path;
        std::optional<callback_cipher> cipher;
        bool is_bot = false;
    };
    /// The signature parameters WeCom puts on every callback URL.
    struct signed_query {
        std::string signature, timestamp, nonce;
    };
    static std::optional<signed_query> signed_query_of(net::request const& req);
    /// A refused request: counted, logged with the reason, answered with it.
    net::response refuse(net::request const& req, route_entry const& r, net::http::status status, std::string const& why);
    net::response verify_url(net::request const& req, route_entry const& r);
    net::response on_callback(net::request const& req, route_entry const& r);
    void on_bot_plain(std::string const& plain);
    void on_app_plain(std::string const& plain);
    bot::task<> apply_change(group_change c);
    void post(bot::event e);
    /// Posts a message event once its sender's name is looked up through the app, in arrival order.
    bot::task<> post_named(bot::event e);
    /// True the first time a callback's (timestamp, nonce, signature) is seen in the window.
    bool first_sight(std::string const& key, std::chrono::steady_clock::time_point now);

    bot::core& core_;
    settings cfg_;
    api_client api_;
    std::unique_ptr<token_source> app_token_;
    webhook_sender webhooks_;
    response_urls responses_;
    async_gate naming_;  ///< message events wait here for their sender's name, in order
    std::vector<route_entry> routes_;
    std::unique_ptr<net::http_listener> listener_;
    std::unique_ptr<bot_account> bot_;
    std::unique_ptr<app_account> app_;
    std::unique_ptr<customer_account> customer_;
    std::map<std::string, std::chrono::steady_clock::time_point> seen_;  ///< replay window
    std::map<std::string, std::set<std::string>> customer_members_;       ///< for changes WeCom did not list
    std::map<std::string, bot::member_info> users_;                        ///< names from user/get
    std::set<std::string> known_groups_;                                   ///< groups already named in the log
    std::uint64_t sent_ = 0;                                               ///< IDs for sends WeCom gives none
    wecom_stats stats_;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace adapters::wecom
