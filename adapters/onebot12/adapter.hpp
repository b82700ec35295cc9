#pragma once
/// The OneBot v12 adapter: WeChat (ComWeChatBotClient, onebots) and other v12 implementations over
/// reverse WebSocket (they dial us) and forward WebSocket (we dial them), both at once if wanted.
/// One connection may serve several bots, told apart by `self`; each bot is a bot::platform.

#include <chrono>
#include <functional>
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
#include "adapters/onebot12/decode.hpp"
#include "adapters/onebot12/profile.hpp"
#include "adapters/onebot12/settings.hpp"
#include "bot/core.hpp"
#include "bot/platform.hpp"

namespace adapters::onebot12 {

namespace asio = boost::asio;

class adapter;

/// The v12 subprotocol a reverse WebSocket offers ("12.ComWechat", also within a comma-separated
/// list), which the handshake echoes back; empty when none is offered.
std::string offered_v12_protocol(std::string_view header_value);

/// One live WebSocket and what we know about it.
struct link {
    std::shared_ptr<net::ws_link> ws;
    bool forward = false;       ///< we dialled it
    bool connected = false;     ///< its connect event arrived (it must be the first frame)
    std::string offered_impl;   ///< from Sec-WebSocket-Protocol "12.<impl>" (reverse only)
    profile impl = generic_profile();
    std::set<std::string> accounts;  ///< keys of the accounts it serves
};

/// One bot account (platform + user_id) as the core sees it.
class account final : public bot::platform {
public:
    account(adapter& owner, self_ref self);

    std::string const& name() const override { return self_.platform; }
    bot::id const& self_id() const override { return self_.user; }
    bot::capabilities const& caps() const override { return impl_.caps; }

    bot::task<bot::result<bot::id>> send(bot::target to, bot::message msg) override;
    bot::task<bot::status> recall(bot::id message_id) override;
    /// WeChat has no mute, and v12 no standard one: always unsupported.
    bot::task<bot::status> mute(bot::id group, bot::id user, std::chrono::seconds duration) override;
    /// Through the implementation's extension (wx.delete_groupmember); `reject_rejoin` has no equivalent.
    bot::task<bot::status> kick(bot::id group, bot::id user, bool reject_rejoin) override;
    bot::task<bot::result<bot::member_info>> member(bot::id group, bot::id user) override;
    bot::task<bot::result<std::vector<bot::member_info>>> members(bot::id group) override;
    bot::task<bot::status> answer_request(bot::request_answer answer) override;

    /// Sends the action `build` makes around a fresh echo and waits for its response. Waits up to
    /// the call timeout for a connection when none is up; never resends.
    bot::task<bot::result<nlohmann::json>> call(std::function<nlohmann::json(std::string const& echo)> const& build);

    self_ref const& self() const { return self_; }
    std::string key() const { return self_.platform + ":" + self_.user.str(); }
    profile const& impl() const { return impl_; }
    void set_impl(profile p) { impl_ = std::move(p); }
    /// Links that serve this account, newest last.
    std::vector<std::shared_ptr<link>>& links() { return links_; }
    void link_added();

private:
    std::shared_ptr<link> action_link() const;

    adapter& owner_;
    self_ref self_;
    profile impl_ = generic_profile();
    std::vector<std::shared_ptr<link>> links_;
    net::link_waiters waiting_for_link_;
};

using adapter_stats = net::adapter_stats;

class adapter final : public adapters::adapter {
public:
    adapter(bot::core& core, settings cfg);
    ~adapter() override;

    std::string name() const override { return "onebot12"; }
    void start() override;
    void stop() override;

    /// The port the reverse WebSocket server listens on (after start; 0 when it is off).
    unsigned short port() const { return net_.port(); }
    settings const& config() const { return cfg_; }
    bot::core& core() { return core_; }
    adapter_stats const& stats() { return net_.stats(); }
    /// The account for platform + user_id, when one has been seen.
    account* find(std::string const& platform, bot::id const& user);
    std::size_t account_count() const { return accounts_.size(); }

    /// Handles one text frame from a link.
    void handle_frame(std::string_view text, std::shared_ptr<link> const& from);

private:
    friend class account;
    /// The account for `self`, created on first sight; nullptr past `max_accounts`.
    account* account_for(self_ref const& self);
    void opened(std::shared_ptr<net::ws_link> const& ws, net::request const* req);
    net::response on_http(net::request const& req);
    void on_connect(std::shared_ptr<link> const& l, decoded const& d);
    void bind(std::shared_ptr<link> const& l, self_ref const& self);
    void link_closed(std::shared_ptr<link> const& l, std::string const& why);
    bot::task<> ask_status(std::shared_ptr<link> l);
    std::string next_echo();

    bot::core& core_;
    settings cfg_;
    net::link_manager net_;
    std::map<std::string, std::unique_ptr<account>> accounts_;
    std::vector<std::shared_ptr<link>> links_;  ///< every open link, bound or not
    net::pending_calls calls_;                  ///< responses carry no self: echoes are adapter-wide
    std::uint64_t last_echo_ = 0;
    std::uint64_t refused_accounts_ = 0;
    bool stopping_ = false;
};

}  // namespace adapters::onebot12
