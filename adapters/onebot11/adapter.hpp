#pragma once
/// The OneBot v11 adapter: QQ accounts served by NapCat, Lagrange.OneBot, LLOneBot or go-cqhttp
/// over reverse WebSocket (they dial us), forward WebSocket (we dial them), HTTP POST events and
/// HTTP API actions — several at once. Each account is a bot::platform for the core.

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <boost/asio/steady_timer.hpp>
#include <nlohmann/json.hpp>

#include "adapters/adapter.hpp"
#include "adapters/net/calls.hpp"
#include "adapters/net/diagnostics.hpp"
#include "adapters/net/client.hpp"
#include "adapters/net/http_listener.hpp"
#include "adapters/net/link_manager.hpp"
#include "adapters/net/ws_link.hpp"
#include "adapters/onebot11/decode.hpp"
#include "adapters/onebot11/fast_reader.hpp"
#include "adapters/onebot11/settings.hpp"
#include "bot/core.hpp"
#include "bot/platform.hpp"

namespace adapters::onebot11 {

namespace asio = boost::asio;

class adapter;

/// Which frames a WebSocket carries (X-Client-Role).
enum class role { universal, api, event };
std::string_view role_name(role r);
std::optional<role> parse_role(std::string_view header);

/// One live WebSocket and what we know about it.
struct link {
    std::shared_ptr<net::ws_link> ws;
    role what = role::universal;
    std::optional<bot::id> self;  ///< known from X-Self-ID, or learned from the first event
    bool carries_actions() const { return what != role::event; }
};

/// One QQ account as the core sees it.
class account final : public bot::platform {
public:
    account(adapter& owner, bot::id self);

    std::string const& name() const override;
    bot::id const& self_id() const override { return self_; }
    bot::capabilities const& caps() const override { return caps_; }

    bot::task<bot::result<bot::id>> send(bot::target to, bot::message msg) override;
    bot::task<bot::status> recall(bot::id message_id) override;
    bot::task<bot::status> mute(bot::id group, bot::id user, std::chrono::seconds duration) override;
    bot::task<bot::status> kick(bot::id group, bot::id user, bool reject_rejoin) override;
    bot::task<bot::result<bot::member_info>> member(bot::id group, bot::id user) override;
    bot::task<bot::result<std::vector<bot::member_info>>> members(bot::id group) override;
    bot::task<bot::status> answer_request(bot::request_answer answer) override;
    bot::task<bot::status> mute_all(bot::id group, bool on) override;
    bot::task<bot::status> set_card(bot::id group, bot::id user, std::string card) override;
    bot::task<bot::status> set_title(bot::id group, bot::id user, std::string title) override;
    bot::task<bot::status> set_essence(bot::id message_id) override;

    /// Sends an action built around a fresh echo and waits for its response. Waits up to the call
    /// timeout for a connection when none is up; never resends.
    bot::task<bot::result<nlohmann::json>> call(std::function<nlohmann::json(nlohmann::json echo)> const& build);
    /// The link a call goes out on, waiting for one until `deadline`; nullptr when there is none
    /// (the HTTP API, when configured, carries the call).
    bot::task<std::shared_ptr<link>> link_for_call(std::chrono::steady_clock::time_point deadline);
    std::chrono::steady_clock::time_point call_deadline() const;
    bot::error no_connection() const;

    /// Links that serve this account, newest last.
    std::vector<std::shared_ptr<link>>& links() { return links_; }
    void link_added();
    net::pending_calls& calls() { return calls_; }
    /// Join requests seen, by flag: true for an invitation (set_group_add_request needs the sub_type).
    void remember_request(bot::id const& flag, bool invite);

private:
    std::shared_ptr<link> action_link() const;

    adapter& owner_;
    bot::id self_;
    bot::capabilities caps_;
    std::vector<std::shared_ptr<link>> links_;
    net::pending_calls calls_;
    net::link_waiters waiting_for_link_;
    std::map<std::string, bool> requests_;
};

using adapter_stats = net::adapter_stats;

class adapter final : public adapters::adapter {
public:
    adapter(bot::core& core, settings cfg);
    ~adapter() override;

    std::string name() const override { return "onebot11"; }
    void start() override;
    void stop() override;

    /// The port the server listens on (after start; 0 when the server is off).
    unsigned short port() const { return net_.port(); }
    settings const& config() const { return cfg_; }
    bot::core& core() { return core_; }
    adapter_stats const& stats() { return net_.stats(); }
    account* find(bot::id const& self);
    std::size_t account_count() const { return accounts_.size(); }

    /// Handles one text frame from a link or an HTTP POST body (for tests and the transports).
    void handle_frame(std::string_view text, std::shared_ptr<link> const& from, std::optional<bot::id> self_hint);

private:
    friend class account;
    /// The account for `self`, created on first sight; nullptr past `max_accounts`.
    account* account_for(bot::id const& self);
    void opened(std::shared_ptr<net::ws_link> const& ws, net::request const* req);
    net::response on_http(net::request const& req);
    void bind(std::shared_ptr<link> const& l, bot::id const& self);
    void link_closed(std::shared_ptr<link> const& l, std::string const& why);
    /// The rest of handle_frame for a decoded event.
    void deliver(decoded d, std::shared_ptr<link> const& from, std::optional<bot::id> const& self_hint,
                 std::string const& source);
    bot::task<> ask_login(std::shared_ptr<link> l);
    /// Whether calls sent on `ws` still wait for their answers (backpressure keeps reading for them).
    bool answers_due(net::ws_link const& ws) const;
    /// Releases the calls waiting for answers on `ws`, out of reach for now; how many.
    std::size_t release_calls(net::ws_link const& ws);
    bot::task<bot::result<nlohmann::json>> http_call(nlohmann::json frame);

    bot::core& core_;
    settings cfg_;
    net::link_manager net_;
    fast_reader fast_;  ///< message frames without a JSON tree; the rest through decode_frame
    std::map<std::string, std::unique_ptr<account>> accounts_;
    std::vector<std::shared_ptr<link>> unbound_;  ///< links whose account is not known yet
    std::optional<net::url> http_api_url_;
    std::map<void const*, net::pending_calls*> login_probes_;  ///< get_login_info on links of unknown accounts
    std::uint64_t refused_accounts_ = 0;
    bool stopping_ = false;
};

}  // namespace adapters::onebot11
