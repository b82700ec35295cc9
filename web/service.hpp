#pragma once
/// The admin console: an HTTP service on the bot's io_context that shows and runs groups from a
/// browser. It reads through the core (settings schema, texts, panels the plugins contribute,
/// metrics) and changes things only by running the same chat commands as the signed-in person,
/// so permissions, validation and error texts are the chat's own. Also serves `/metrics`.

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/steady_timer.hpp>

#include "adapters/net/http_listener.hpp"
#include "bot/core.hpp"
#include "bot/plugin_context.hpp"
#include "web/access.hpp"
#include "web/audit.hpp"
#include "web/settings.hpp"

namespace adapters::console {
class adapter;
}

namespace web {

namespace net = adapters::net;

class sandbox_hub;

/// A numeric ID as a number (as platforms send them), anything else as text.
bot::id plain_id(std::string const& text);

/// Recent warnings and errors from the log, for the overview page.
class recent_log {
public:
    void add(std::string level, std::string line);
    std::vector<std::pair<std::string, std::string>> const& lines() const { return lines_; }
    /// Installs a sink on the default logger that copies warnings and errors here.
    static std::shared_ptr<recent_log> attach_to_logger();

private:
    std::vector<std::pair<std::string, std::string>> lines_;
};

class service {
public:
    /// `sandbox`, when set, is the console sandbox the browser sandbox page types into.
    service(bot::core& c, settings cfg, adapters::console::adapter* sandbox = nullptr);
    ~service();
    service(service const&) = delete;
    service& operator=(service const&) = delete;

    /// Listens; when the address is taken the error is logged and the bot runs on without it.
    bool start();
    /// The console sandbox the browser sandbox page types into (made after the service).
    void attach_sandbox(adapters::console::adapter* sandbox);
    void stop();
    bool listening() const { return listener_ != nullptr; }
    unsigned short port() const;
    /// A one-time sign-in link for `g`, as a full URL.
    std::string link_for(grant g);
    web::access& access() { return access_; }
    settings const& config() const { return cfg_; }
    void set_log(std::shared_ptr<recent_log> log) { log_ = std::move(log); }

    /// Answers one request (the listener's handler; public for tests that skip the socket).
    bot::task<net::response> respond(net::request req, std::string remote);

private:
    struct call;
    friend class pages;
    bot::task<net::response> route(call& c);
    bot::task<net::response> post(call& c);
    net::response get(call& c);
    /// Runs `command` as the signed-in person in group `g` and keeps the replies for the next page.
    /// `state`, when given, reads what the command changes: the audit log keeps it before and after.
    bot::task<std::string> run(call& c, bot::group_ref const& g, bot::message command, std::string what,
                               std::function<std::string()> state = {});
    void register_chat();
    void read_texts(bot::config_file& file);
    void sample();
    /// Who the signed-in person acts as in group `g`: themselves, or for a superuser signed in on
    /// another platform (or by password) a superuser of the group's platform; nullopt when none.
    std::optional<bot::sender> identity(grant const& who, bot::group_ref const& g) const;

    bot::core& core_;
    settings cfg_;
    adapters::console::adapter* sandbox_;
    bot::plugin_context ctx_;
    web::access access_;
    audit_log audit_;
    std::unique_ptr<net::http_listener> listener_;
    std::unique_ptr<sandbox_hub> hub_;
    std::shared_ptr<recent_log> log_;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
    /// Events received, sampled once a minute for the overview's chart (newest last).
    std::deque<std::pair<std::int64_t, double>> samples_;
    std::unique_ptr<net::asio::steady_timer> sampler_;
};

}  // namespace web
