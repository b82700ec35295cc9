#include "tests/support/fake_onebot.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <future>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include "tests/support/fake_io.hpp"

namespace testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using ws_stream = websocket::stream<beast::tcp_stream>;

namespace {

json connect_event(std::int64_t self_id) {
    return {{"time", 1763700000}, {"self_id", self_id}, {"post_type", "meta_event"},
            {"meta_event_type", "lifecycle"}, {"sub_type", "connect"}};
}

}  // namespace

struct onebot_peer::state : std::enable_shared_from_this<state> {
    state(asio::io_context& context, peer_options o) : io(context), opt(std::move(o)) {
        next_message_id = opt.kind == flavor::gocq ? -2147480000 : (opt.kind == flavor::lagrange ? 3000000000LL : 1000);
    }

    asio::io_context& io;
    std::optional<ws_stream> ws;
    peer_options opt;
    std::int64_t next_message_id;

    mutable std::mutex m;
    std::condition_variable cv;
    std::deque<json> actions;
    bool open = false;
    std::optional<int> close_code;
    std::deque<std::string> outq;
    bool writing = false;

    void start() {
        open = true;
        asio::co_spawn(io, [self = shared_from_this()] { return self->read_loop(); }, asio::detached);
    }

    asio::awaitable<void> read_loop() {
        auto self = shared_from_this();
        beast::flat_buffer buffer;
        for (;;) {
            boost::system::error_code ec;
            co_await ws->async_read(buffer, asio::redirect_error(asio::use_awaitable, ec));
            if (ec) {
                std::lock_guard lock(m);
                open = false;
                if (ec == websocket::error::closed) close_code = static_cast<int>(ws->reason().code);
                else if (!close_code) close_code = 1006;
                cv.notify_all();
                co_return;
            }
            auto text = beast::buffers_to_string(buffer.data());
            buffer.consume(buffer.size());
            auto frame = json::parse(text, nullptr, false);
            if (frame.is_discarded() || !frame.contains("action")) continue;
            auto const& silent = opt.silent_actions;
            bool answers = std::find(silent.begin(), silent.end(), frame.value("action", std::string())) == silent.end();
            if (opt.auto_answer && answers) send(answer(frame).dump());
            std::lock_guard lock(m);
            actions.push_back(std::move(frame));
            cv.notify_all();
        }
    }

    json answer(json const& request) {
        json data = nullptr;
        auto action = request.value("action", std::string());
        if (std::find(opt.fail_actions.begin(), opt.fail_actions.end(), action) != opt.fail_actions.end()) {
            json res = {{"status", "failed"}, {"retcode", 1200}, {"data", nullptr},
                        {"message", opt.fail_wording}, {"wording", opt.fail_wording}};
            if (request.contains("echo")) res["echo"] = request["echo"];
            return res;
        }
        if (action == "send_group_msg" || action == "send_private_msg" || action == "send_msg") {
            data = {{"message_id", next_message_id++}};
        } else if (action == "get_login_info") {
            data = {{"user_id", opt.self_id}, {"nickname", "qunbot"}};
        } else if (action == "get_group_member_info") {
            auto const& p = request["params"];
            auto user = p.value("user_id", json());
            bool me = user == json(opt.self_id) || user == json(std::to_string(opt.self_id));
            data = {{"group_id", p.value("group_id", json())}, {"user_id", user},
                    {"nickname", "member"}, {"card", ""}, {"role", me ? opt.self_role : std::string("member")}};
        } else if (action == "get_group_member_list") {
            data = json::array();
        }
        json res = {{"status", "ok"}, {"retcode", 0}, {"data", data}, {"message", ""}, {"wording", ""}};
        if (request.contains("echo")) res["echo"] = request["echo"];
        return res;
    }

    void send(std::string text) {
        outq.push_back(std::move(text));
        if (writing) return;
        writing = true;
        asio::co_spawn(io, [self = shared_from_this()] { return self->write_loop(); }, asio::detached);
    }

    asio::awaitable<void> write_loop() {
        auto self = shared_from_this();
        while (!outq.empty()) {
            boost::system::error_code ec;
            ws->text(true);
            co_await ws->async_write(asio::buffer(outq.front()), asio::redirect_error(asio::use_awaitable, ec));
            outq.pop_front();
            if (ec) {
                outq.clear();
                break;
            }
        }
        writing = false;
    }
};

onebot_peer::onebot_peer(std::shared_ptr<state> s) : s_(std::move(s)) {}

onebot_peer::~onebot_peer() {
    if (!s_) return;
    fake_io().run_sync([s = s_] {
        boost::system::error_code ec;
        if (s->ws) beast::get_lowest_layer(*s->ws).socket().close(ec);
    });
}

std::unique_ptr<onebot_peer> onebot_peer::dial(unsigned short port, peer_options opt, int* http_status) {
    auto s = std::make_shared<state>(fake_io().io, opt);
    std::promise<int> result;
    asio::co_spawn(s->io, [s, port, &result]() -> asio::awaitable<void> {
        auto const& o = s->opt;
        ws_stream ws(s->io);
        boost::system::error_code ec;
        co_await beast::get_lowest_layer(ws).async_connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port),
                                                             asio::redirect_error(asio::use_awaitable, ec));
        if (ec) {
            result.set_value(-1);
            co_return;
        }
        ws.set_option(websocket::stream_base::decorator([o](websocket::request_type& req) {
            if (o.send_self_id) req.set("X-Self-ID", std::to_string(o.self_id));
            req.set("X-Client-Role", o.role);
            switch (o.kind) {
                case flavor::napcat:
                    req.set(http::field::user_agent, "OneBot/11");
                    req.set(http::field::authorization, "Bearer " + o.token);
                    break;
                case flavor::gocq:
                    req.set(http::field::user_agent, "CQHttp/4.15.0");
                    if (!o.token.empty()) req.set(http::field::authorization, "Token " + o.token);
                    break;
                case flavor::lagrange:
                    req.set(http::field::user_agent, "Lagrange.OneBot");
                    if (!o.token.empty()) req.set(http::field::authorization, "Bearer " + o.token);
                    break;
            }
        }));
        websocket::response_type res;
        co_await ws.async_handshake(res, "127.0.0.1:" + std::to_string(port), o.path,
                                    asio::redirect_error(asio::use_awaitable, ec));
        if (ec) {
            result.set_value(static_cast<int>(res.result_int()));
            co_return;
        }
        s->ws.emplace(std::move(ws));
        s->start();
        if (o.send_connect) s->send(connect_event(o.self_id).dump());
        result.set_value(101);
    }, asio::detached);
    auto status = result.get_future().get();
    if (http_status) *http_status = status;
    if (status != 101) return nullptr;
    return std::make_unique<onebot_peer>(std::move(s));
}

peer_options const& onebot_peer::options() const { return s_->opt; }

void onebot_peer::send(json const& frame) { send_text(frame.dump()); }

void onebot_peer::send_text(std::string text) {
    asio::post(s_->io, [s = s_, text = std::move(text)]() mutable { s->send(std::move(text)); });
}

std::optional<json> onebot_peer::next_action(std::chrono::milliseconds timeout) {
    std::unique_lock lock(s_->m);
    if (!s_->cv.wait_for(lock, timeout, [&] { return !s_->actions.empty(); })) return std::nullopt;
    auto a = std::move(s_->actions.front());
    s_->actions.pop_front();
    return a;
}

std::vector<json> onebot_peer::actions_for(std::chrono::milliseconds d) {
    std::this_thread::sleep_for(d);
    std::lock_guard lock(s_->m);
    std::vector<json> out(s_->actions.begin(), s_->actions.end());
    s_->actions.clear();
    return out;
}

std::optional<int> onebot_peer::wait_closed(std::chrono::milliseconds timeout) {
    std::unique_lock lock(s_->m);
    if (!s_->cv.wait_for(lock, timeout, [&] { return !s_->open; })) return std::nullopt;
    return s_->close_code;
}

void onebot_peer::stop_reading() {
    asio::post(s_->io, [s = s_] {
        boost::system::error_code ec;
        // Cancelling the pending read leaves the socket open but unread: pings go unanswered.
        beast::get_lowest_layer(*s->ws).socket().cancel(ec);
    });
}

void onebot_peer::abort() {
    asio::post(s_->io, [s = s_] {
        boost::system::error_code ec;
        beast::get_lowest_layer(*s->ws).socket().close(ec);
    });
    wait_closed(std::chrono::seconds(2));
}

bool onebot_peer::is_open() const {
    std::lock_guard lock(s_->m);
    return s_->open;
}

json onebot_peer::group_message(std::int64_t group, std::int64_t user, std::string const& text, json message_id) const {
    json msg = {{"time", 1763700000},
                {"self_id", s_->opt.self_id},
                {"post_type", "message"},
                {"message_type", "group"},
                {"sub_type", "normal"},
                {"message_id", message_id},
                {"group_id", group},
                {"user_id", user},
                {"anonymous", nullptr},
                {"raw_message", text},
                {"font", 0},
                {"sender", {{"user_id", user}, {"nickname", "member" + std::to_string(user)}, {"card", ""},
                            {"role", "member"}}}};
    if (s_->opt.kind == flavor::gocq) {
        msg["message"] = text;  // CQ string (callers escape & [ ] , as CQ text would)
    } else {
        msg["message"] = json::array({{{"type", "text"}, {"data", {{"text", text}}}}});
        msg["message_format"] = "array";
    }
    if (s_->opt.kind == flavor::napcat) msg["real_id"] = message_id;
    return msg;
}

json onebot_peer::lifecycle_connect() const { return connect_event(s_->opt.self_id); }

json onebot_peer::heartbeat(int interval_ms) const {
    return {{"time", 1763700000}, {"self_id", s_->opt.self_id}, {"post_type", "meta_event"},
            {"meta_event_type", "heartbeat"}, {"interval", interval_ms},
            {"status", {{"online", true}, {"good", true}}}};
}

// ---- forward server -----------------------------------------------------------------------------

struct onebot_server::impl {
    io_thread& thread = fake_io();
    tcp::acceptor acceptor{thread.io};
    peer_options opt;
    std::mutex m;
    std::condition_variable cv;
    std::deque<std::shared_ptr<onebot_peer::state>> accepted;
    std::vector<std::weak_ptr<onebot_peer::state>> all;

    asio::awaitable<void> accept_loop() {
        for (;;) {
            boost::system::error_code ec;
            auto socket = co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
            if (ec) co_return;
            asio::co_spawn(thread.io, handshake(std::move(socket)), asio::detached);
        }
    }

    asio::awaitable<void> handshake(tcp::socket socket) {
        beast::tcp_stream stream(std::move(socket));
        beast::flat_buffer buffer;
        http::request<http::string_body> req;
        boost::system::error_code ec;
        co_await http::async_read(stream, buffer, req, asio::redirect_error(asio::use_awaitable, ec));
        if (ec) co_return;
        if (!opt.token.empty()) {
            auto auth = std::string(req[http::field::authorization]);
            if (auth != "Bearer " + opt.token) {
                http::response<http::string_body> res{http::status::unauthorized, req.version()};
                res.body() = "token verify failed!";
                res.prepare_payload();
                co_await http::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
                co_return;
            }
        }
        auto s = std::make_shared<onebot_peer::state>(thread.io, opt);
        s->ws.emplace(std::move(stream));
        co_await s->ws->async_accept(req, asio::redirect_error(asio::use_awaitable, ec));
        if (ec) co_return;
        s->start();
        if (opt.send_connect) s->send(connect_event(opt.self_id).dump());
        std::lock_guard lock(m);
        accepted.push_back(s);
        all.push_back(s);
        cv.notify_all();
    }
};

onebot_server::onebot_server(peer_options opt, unsigned short port) : impl_(std::make_unique<impl>()) {
    impl_->opt = std::move(opt);
    tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), port);
    impl_->acceptor.open(ep.protocol());
    impl_->acceptor.set_option(asio::socket_base::reuse_address(true));
    impl_->acceptor.bind(ep);
    impl_->acceptor.listen();
    port_ = impl_->acceptor.local_endpoint().port();
    asio::co_spawn(impl_->thread.io, impl_->accept_loop(), asio::detached);
}

onebot_server::~onebot_server() {
    kill();
    // The acceptor belongs to the shared io thread: release it there.
    fake_io().run_sync([this] { impl_.reset(); });
}

std::unique_ptr<onebot_peer> onebot_server::accept(std::chrono::milliseconds timeout) {
    std::unique_lock lock(impl_->m);
    if (!impl_->cv.wait_for(lock, timeout, [&] { return !impl_->accepted.empty(); })) return nullptr;
    auto s = impl_->accepted.front();
    impl_->accepted.pop_front();
    return std::make_unique<onebot_peer>(std::move(s));
}

void onebot_server::kill() {
    if (!impl_) return;
    impl_->thread.run_sync([this] {
        boost::system::error_code ec;
        impl_->acceptor.close(ec);
        for (auto& w : impl_->all)
            if (auto s = w.lock(); s && s->ws) beast::get_lowest_layer(*s->ws).socket().close(ec);
    });
}

// ---- HTTP ---------------------------------------------------------------------------------------

struct onebot_http_api::impl {
    io_thread& thread = fake_io();
    tcp::acceptor acceptor{thread.io};
    std::string token;
    std::int64_t next_id = 5000;
    std::mutex m;
    std::condition_variable cv;
    std::deque<json> actions;

    asio::awaitable<void> accept_loop() {
        for (;;) {
            boost::system::error_code ec;
            auto socket = co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
            if (ec) co_return;
            asio::co_spawn(thread.io, serve(std::move(socket)), asio::detached);
        }
    }

    asio::awaitable<void> serve(tcp::socket socket) {
        beast::tcp_stream stream(std::move(socket));
        beast::flat_buffer buffer;
        http::request<http::string_body> req;
        boost::system::error_code ec;
        co_await http::async_read(stream, buffer, req, asio::redirect_error(asio::use_awaitable, ec));
        if (ec) co_return;
        http::response<http::string_body> res{http::status::ok, req.version()};
        if (!token.empty() && std::string(req[http::field::authorization]) != "Bearer " + token) {
            res.result(http::status::forbidden);
            res.body() = R"({"message":"token verify failed!"})";
        } else {
            auto action = std::string(req.target()).substr(1);
            auto params = json::parse(req.body(), nullptr, false);
            json data = nullptr;
            if (action.starts_with("send_")) data = {{"message_id", next_id++}};
            res.body() = json{{"status", "ok"}, {"retcode", 0}, {"data", data}}.dump();
            std::lock_guard lock(m);
            actions.push_back({{"action", action}, {"params", params}});
            cv.notify_all();
        }
        res.set(http::field::content_type, "application/json");
        res.keep_alive(false);
        res.prepare_payload();
        co_await http::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
    }
};

onebot_http_api::onebot_http_api(std::string token) : impl_(std::make_unique<impl>()) {
    impl_->token = std::move(token);
    tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), 0);
    impl_->acceptor.open(ep.protocol());
    impl_->acceptor.bind(ep);
    impl_->acceptor.listen();
    port_ = impl_->acceptor.local_endpoint().port();
    asio::co_spawn(impl_->thread.io, impl_->accept_loop(), asio::detached);
}

onebot_http_api::~onebot_http_api() {
    fake_io().run_sync([this] {
        boost::system::error_code ec;
        impl_->acceptor.close(ec);
        impl_.reset();
    });
}

std::optional<json> onebot_http_api::next_action(std::chrono::milliseconds timeout) {
    std::unique_lock lock(impl_->m);
    if (!impl_->cv.wait_for(lock, timeout, [&] { return !impl_->actions.empty(); })) return std::nullopt;
    auto a = std::move(impl_->actions.front());
    impl_->actions.pop_front();
    return a;
}

std::string hmac_sha1(std::string const& key, std::string const& body) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), reinterpret_cast<unsigned char const*>(body.data()),
         body.size(), digest.data(), &length);
    std::string out = "sha1=";
    char buf[3];
    for (unsigned int i = 0; i < length; ++i) {
        std::snprintf(buf, sizeof buf, "%02x", digest[i]);
        out += buf;
    }
    return out;
}

int post_event(unsigned short port, std::string const& path, json const& event, std::string const& secret,
               std::optional<std::string> signature_override) {
    auto body = event.dump();
    std::vector<std::pair<std::string, std::string>> headers{
        {"X-Self-ID", event.contains("self_id") ? event["self_id"].dump() : std::string("10001")}};
    if (signature_override) headers.emplace_back("X-Signature", *signature_override);
    else if (!secret.empty()) headers.emplace_back("X-Signature", hmac_sha1(secret, body));
    return post_raw(port, path, body, headers);
}

int post_raw(unsigned short port, std::string const& path, std::string const& body,
             std::vector<std::pair<std::string, std::string>> const& headers) {
    asio::io_context io;
    beast::tcp_stream stream(io);
    stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    http::request<http::string_body> req{http::verb::post, path, 11};
    req.set(http::field::host, "127.0.0.1");
    req.set(http::field::content_type, "application/json");
    for (auto const& [name, value] : headers) req.set(name, value);
    req.body() = body;
    req.prepare_payload();
    boost::system::error_code ec;
    http::write(stream, req, ec);  // the bot may answer and close before the whole body is sent
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(stream, buffer, res, ec);
    return ec ? 0 : static_cast<int>(res.result_int());
}

}  // namespace testing
