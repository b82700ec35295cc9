#pragma once
/// The browser sandbox: WebSocket clients of the console sandbox. Each line typed in a browser is
/// handled as if typed at the terminal (as the member chosen in the page), and every transcript
/// line goes to every browser, so the terminal and the page show the same chat.

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "adapters/net/http_listener.hpp"
#include "adapters/net/ws_link.hpp"
#include "bot/core.hpp"

namespace adapters::console {
class adapter;
}

namespace web {

namespace net = adapters::net;

class sandbox_hub {
public:
    sandbox_hub(bot::core& c, adapters::console::adapter& sandbox);
    ~sandbox_hub();

    /// Takes a WebSocket upgrade to /sandbox/ws: accepted when `allowed` (a superuser's session from
    /// this origin), else answered 403.
    void accept(net::request req, net::beast::tcp_stream stream, net::http_listener::slot held, bool allowed);
    void close_all();
    /// The simulated group's members, for the page's member list.
    std::vector<std::string> members() const;
    std::string current_user() const;
    std::size_t clients() const { return links_.size(); }

private:
    net::asio::awaitable<void> open(net::request req, net::beast::tcp_stream stream, net::http_listener::slot held,
                                    bool allowed);
    void on_frame(std::string_view text);
    bot::task<> type(std::string as, std::string text);
    void broadcast(std::string const& line);

    bot::core& core_;
    adapters::console::adapter& sandbox_;
    std::vector<std::shared_ptr<net::ws_link>> links_;
    std::deque<std::string> history_;  ///< the last transcript lines, for a page that opens late
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace web
