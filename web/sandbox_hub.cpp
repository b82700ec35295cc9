#include "web/sandbox_hub.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "adapters/console/console.hpp"
#include "adapters/net/auth.hpp"
#include "bot/display.hpp"

namespace web {

namespace {

constexpr std::size_t max_history = 300;
constexpr std::size_t max_clients = 16;
constexpr std::size_t max_line = 2000;  ///< bytes of one typed line

nlohmann::json line_json(std::string const& line) { return {{"line", line}}; }

}  // namespace

sandbox_hub::sandbox_hub(bot::core& c, adapters::console::adapter& sandbox) : core_(c), sandbox_(sandbox) {
    sandbox_.platform().on_transcript = [this, alive = alive_](std::string const& line) {
        if (*alive) broadcast(line);
    };
}

sandbox_hub::~sandbox_hub() {
    *alive_ = false;
    sandbox_.platform().on_transcript = nullptr;
    close_all();
}

std::vector<std::string> sandbox_hub::members() const { return sandbox_.member_names(); }
std::string sandbox_hub::current_user() const { return sandbox_.current_user(); }

void sandbox_hub::broadcast(std::string const& line) {
    history_.push_back(line);
    while (history_.size() > max_history) history_.pop_front();
    auto frame = line_json(line).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    for (auto const& l : links_) l->send(frame);
}

void sandbox_hub::close_all() {
    auto links = std::move(links_);
    links_.clear();
    for (auto const& l : links) l->close(net::websocket::close_code::going_away, "console stopping");
}

void sandbox_hub::accept(net::request req, net::beast::tcp_stream stream, net::http_listener::slot held, bool allowed) {
    net::asio::co_spawn(core_.io(), open(std::move(req), std::move(stream), std::move(held), allowed),
                        net::asio::detached);
}

net::asio::awaitable<void> sandbox_hub::open(net::request req, net::beast::tcp_stream stream,
                                             net::http_listener::slot held, bool allowed) {
    auto alive = alive_;
    boost::system::error_code ec;
    auto path = std::string(net::target_path(std::string_view(req.target().data(), req.target().size())));
    if (!allowed || path != "/sandbox/ws" || links_.size() >= max_clients) {
        auto res = net::make_response(req, allowed && path == "/sandbox/ws" ? net::http::status::service_unavailable
                                      : allowed                          ? net::http::status::not_found
                                                                         : net::http::status::forbidden,
                                      "the browser sandbox needs a superuser's console session\n");
        res.keep_alive(false);
        stream.expires_after(std::chrono::seconds(5));
        co_await net::http::async_write(stream, res, net::asio::redirect_error(net::asio::use_awaitable, ec));
        stream.socket().shutdown(net::tcp::socket::shutdown_both, ec);
        co_return;
    }
    net::ws_stream ws(std::move(stream));
    co_await ws.async_accept(req, net::asio::redirect_error(net::asio::use_awaitable, ec));
    if (!*alive || ec) co_return;
    net::link_limits limits;
    limits.max_frame = 8 * 1024;
    limits.hard_max_frame = 64 * 1024;
    limits.max_queued = 2000;
    auto link = std::make_shared<net::ws_link>(std::move(ws), "console sandbox", limits);
    link->hold(std::move(held));
    links_.push_back(link);
    std::weak_ptr<net::ws_link> weak = link;
    link->start({[this, alive](std::string_view text) {
                     if (*alive) on_frame(text);
                 },
                 [this, alive, weak](std::string const&) {
                     if (!*alive) return;
                     auto l = weak.lock();
                     std::erase_if(links_, [&](auto const& x) { return !x->is_open() || x == l; });
                 },
                 nullptr, {}, {}, {}});
    nlohmann::json hello{{"history", nlohmann::json::array()}, {"members", members()}, {"user", current_user()}};
    for (auto const& line : history_) hello["history"].push_back(line);
    link->send(hello.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void sandbox_hub::on_frame(std::string_view text) {
    auto msg = nlohmann::json::parse(text, nullptr, false);
    if (msg.is_discarded() || !msg.is_object() || !msg.contains("text") || !msg["text"].is_string()) return;
    auto line = bot::one_line(msg["text"].get<std::string>());
    auto as = msg.contains("as") && msg["as"].is_string() ? bot::one_line(msg["as"].get<std::string>()) : std::string();
    if (line.empty() || line.size() > max_line || as.size() > 200) return;
    net::asio::co_spawn(core_.io(), type(std::move(as), std::move(line)), net::asio::detached);
}

bot::task<> sandbox_hub::type(std::string as, std::string text) {
    auto word = text.substr(0, text.find(' '));
    // The page cannot end the bot; everything else is the terminal's own command.
    if (word == ":quit" || word == ":exit" || word == ":q") {
        broadcast("（浏览器沙盒不能退出机器人 / the browser sandbox cannot stop the bot）");
        co_return;
    }
    try {
        if (!as.empty() && as != sandbox_.current_user()) {
            auto switch_to = ":as " + as;
            co_await sandbox_.handle_line(switch_to);
        }
        co_await sandbox_.handle_line(text);
    } catch (std::exception const& e) {
        spdlog::error("console sandbox: a line failed: {}", e.what());
    }
}

}  // namespace web
