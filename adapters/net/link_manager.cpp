#include "adapters/net/link_manager.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "adapters/net/auth.hpp"

namespace adapters::net {

bool looks_like_answer(std::string_view frame) {
    // A key "retcode" at any depth. Inside a JSON string a quote is escaped, so the quoted word
    // followed by a colon is a key; a message text cannot produce it.
    constexpr std::string_view key = "\"retcode\"";
    for (auto at = frame.find(key); at != std::string_view::npos; at = frame.find(key, at + 1)) {
        auto after = frame.find_first_not_of(" \t\r\n", at + key.size());
        if (after != std::string_view::npos && frame[after] == ':') return true;
    }
    return false;
}

link_manager::link_manager(asio::io_context& io, link_settings s, hooks h)
    : io_(io), s_(std::move(s)), hooks_(std::move(h)) {}

link_manager::~link_manager() {
    *alive_ = false;
    stopping_ = true;
}

void link_manager::start() {
    if (s_.listen) {
        http_listener::handlers h;
        h.upgrade = [this, alive = alive_](request req, beast::tcp_stream stream, http_listener::slot held) {
            if (*alive) asio::co_spawn(io_, accept(std::move(req), std::move(stream), std::move(held)), asio::detached);
        };
        h.plain = [this](request const& req) {
            return hooks_.plain ? hooks_.plain(req) : make_response(req, http::status::not_found, "not found\n");
        };
        if (hooks_.flow) h.admit = admit_when_room(*hooks_.flow);
        listener_ = std::make_unique<http_listener>(io_, s_.host, s_.port, std::move(h), s_.max_frame, s_.max_connections);
        listener_->start();
    }
    if (s_.dial) asio::co_spawn(io_, dial_loop(), asio::detached);
}

void link_manager::stop() {
    stopping_ = true;
    if (listener_) listener_->stop();
    if (dial_wait_) dial_wait_->cancel();
    for (auto const& weak : links_)
        if (auto ws = weak.lock()) ws->close(websocket::close_code::going_away, "qunbot is shutting down");
}

link_limits link_manager::limits() const {
    link_limits l;
    l.max_frame = s_.max_frame;
    l.max_parked_total_bytes = s_.max_parked;
    return l;
}

void link_manager::refused(std::string const& peer, std::string_view path, std::string const& why) {
    ++stats_.refused_connections;
    spdlog::warn("{}: refused {} to {}: {}", s_.protocol, peer, path, why);
}

json_frame link_manager::parse(std::string_view text, std::string const& source) {
    ++stats_.frames;
    auto frame = parse_json(text);
    if (!frame) {
        ++stats_.malformed;
        spdlog::warn("{}: dropped a frame that is {}: {}", source, frame.error, excerpt(text));
    } else if (frame.repaired) {
        spdlog::debug("{}: a frame with lone surrogates or bytes that are not UTF-8; they read as U+FFFD", source);
    }
    return frame;
}

void link_manager::run(std::shared_ptr<ws_link> const& ws, ws_link::handlers h) {
    ++stats_.connections;
    std::erase_if(links_, [](auto const& w) { return w.expired(); });
    links_.push_back(ws);
    // The dial loop waits for its link's end; a closed link wakes it.
    auto on_close = std::move(h.on_close);
    h.on_close = [this, alive = alive_, on_close = std::move(on_close)](std::string const& why) {
        if (on_close) on_close(why);
        if (*alive && dial_wait_) dial_wait_->cancel();
    };
    h.flow = hooks_.flow;
    if (hooks_.answers_due) {
        h.answers_due = [alive = alive_, due = hooks_.answers_due, raw = ws.get()] { return *alive && due(*raw); };
        h.is_answer = looks_like_answer;
    }
    if (hooks_.out_of_reach) {
        h.out_of_reach = [alive = alive_, release = hooks_.out_of_reach, raw = ws.get()] {
            return *alive ? release(*raw) : std::size_t{0};
        };
    }
    ws->start(std::move(h));
    ws->set_liveness(s_.heartbeat);
}

asio::awaitable<void> link_manager::accept(request req, beast::tcp_stream stream, http_listener::slot held) {
    auto alive = alive_;
    auto peer = peer_of(stream);
    auto target = std::string(req.target());
    auto path = target_path(target);
    auto const& ws_path = s_.ws_path;
    bool path_ok = path == ws_path || path == "/" ||
                   (path.size() == ws_path.size() + 1 && path.starts_with(ws_path) && path.back() == '/');
    std::optional<refusal> no;
    if (!path_ok) {
        no = refusal{http::status::not_found, "no WebSocket at " + std::string(path) + "; expected " + ws_path};
    } else if (auto outcome = check_token(req, s_.access_token); outcome != auth_outcome::ok) {
        no = refusal{s_.refuse_with_401 ? http::status::unauthorized : status_of(outcome), outcome == auth_outcome::missing
                                             ? "no access token (Authorization: Bearer …, Token … or ?access_token=)"
                                             : "wrong access token"};
    } else if (hooks_.vet) {
        no = hooks_.vet(req);
    }
    boost::system::error_code ec;
    if (no) {
        refused(peer, path, no->why);
        auto res = make_response(req, no->status, no->why + "\n");
        res.keep_alive(false);
        stream.expires_after(std::chrono::seconds(5));
        co_await http::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
        stream.socket().shutdown(tcp::socket::shutdown_both, ec);
        co_return;
    }
    auto protocol = hooks_.subprotocol ? hooks_.subprotocol(req) : std::string();
    auto name = s_.protocol + " reverse " + (hooks_.describe ? hooks_.describe(req) + " " : std::string()) + peer;
    ws_stream ws(std::move(stream));
    ws.set_option(websocket::stream_base::decorator([protocol](websocket::response_type& res) {
        res.set(http::field::server, "qunbot");
        if (!protocol.empty()) res.set(http::field::sec_websocket_protocol, protocol);
    }));
    co_await ws.async_accept(req, asio::redirect_error(asio::use_awaitable, ec));
    if (!*alive) co_return;
    if (ec) {
        spdlog::warn("{}: WebSocket handshake with {} failed: {}", s_.protocol, peer, ec.message());
        co_return;
    }
    auto link = std::make_shared<ws_link>(std::move(ws), name, limits());
    link->hold(std::move(held));
    spdlog::info("{}: connected", name);
    if (hooks_.opened) hooks_.opened(link, &req);
}

asio::awaitable<void> link_manager::pause(std::chrono::milliseconds d) {
    dial_wait_->expires_after(d);
    boost::system::error_code ec;
    co_await dial_wait_->async_wait(asio::redirect_error(asio::use_awaitable, ec));
}

asio::awaitable<void> link_manager::dial_loop() {
    auto alive = alive_;
    auto const& to = *s_.dial;
    backoff wait(s_.reconnect_min, s_.reconnect_max);
    dial_wait_ = std::make_shared<asio::steady_timer>(io_);
    int failures = 0;
    while (*alive && !stopping_) {
        headers extra;
        if (!s_.access_token.empty()) extra.emplace_back("Authorization", "Bearer " + s_.access_token);
        std::shared_ptr<ws_link> link;
        std::string failure;
        try {
            auto ws = co_await dial_ws(to, extra, std::chrono::seconds(10));
            if (!*alive || stopping_) co_return;
            link = std::make_shared<ws_link>(std::move(ws), s_.protocol + " forward " + to.str(), limits());
        } catch (boost::system::system_error const& e) {
            failure = e.code().message();
        }
        if (!*alive || stopping_) co_return;
        if (!link) {
            auto delay = wait.next();
            ++failures;
            spdlog::log(failures == 1 || failures % 10 == 0 ? spdlog::level::warn : spdlog::level::debug,
                        "{} forward {}: cannot connect ({}); retrying in {} ms", s_.protocol, to.str(), failure,
                        delay.count());
            co_await pause(delay);
            continue;
        }
        failures = 0;
        wait.reset();
        spdlog::info("{}: connected", link->name());
        if (hooks_.opened) hooks_.opened(link, nullptr);
        // Wait until the link ends (run() wakes us when it closes), then dial again after a pause.
        while (*alive && link->is_open() && !stopping_) co_await pause(std::chrono::hours(24));
        if (!*alive || stopping_) co_return;
        co_await pause(wait.next());
    }
}

}  // namespace adapters::net
