#include "onebot12_fake.hpp"

#include <atomic>
#include <deque>
#include <future>
#include <mutex>
#include <thread>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include "tests/support/fake_io.hpp"

namespace testing::onebot12 {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using ws_stream = websocket::stream<beast::tcp_stream>;

namespace {

double now_seconds() {
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::atomic<int> event_ids{0};

json envelope(std::string const& type, std::string const& detail_type) {
    return json{{"id", "evt-" + std::to_string(++event_ids)},
                {"time", now_seconds()},
                {"type", type},
                {"detail_type", detail_type},
                {"sub_type", ""}};
}

}  // namespace

struct v12_peer::state : std::enable_shared_from_this<state> {
    state(asio::io_context& context, v12_options o) : io(context), opt(std::move(o)) {}

    asio::io_context& io;
    std::optional<ws_stream> ws;
    v12_options opt;
    int next_id = 0;

    mutable std::mutex m;
    std::deque<json> received;
    bool open = false;
    std::optional<int> close_code;
    std::deque<std::string> outq;
    bool writing = false;

    void start() {
        open = true;
        if (!opt.read_frames) return;
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
                close_code = ec == websocket::error::closed ? static_cast<int>(ws->reason().code) : 1006;
                co_return;
            }
            auto frame = json::parse(beast::buffers_to_string(buffer.data()), nullptr, false);
            buffer.consume(buffer.size());
            if (!frame.is_object() || !frame.contains("action")) continue;
            {
                std::lock_guard lock(m);
                received.push_back(frame);
            }
            if (opt.auto_answer) auto_answer(frame);
        }
    }

    void auto_answer(json const& action) {
        auto name = action.value("action", std::string());
        auto params = action.value("params", json::object());
        auto ok = [&](json data) { respond(action, std::move(data), "ok", 0, ""); };
        if (name == "get_status" && opt.get_status) {
            json bots = json::array();
            for (auto const& b : opt.bots)
                bots.push_back({{"self", {{"platform", opt.platform}, {"user_id", b}}}, {"online", true}});
            ok({{"good", true}, {"bots", bots}});
        } else if (name == "send_message") {
            if (opt.message_ids)
                ok({{"message_id", "msg-" + std::to_string(++next_id)}, {"time", now_seconds()}});
            else
                ok(true);
        } else if (name == "upload_file") {
            ok({{"file_id", "file-" + std::to_string(++next_id)}});
        } else if (name == "get_group_member_info") {
            ok({{"user_id", params.value("user_id", "")}, {"user_name", "小明"}, {"user_displayname", ""}});
        } else if (name == "get_group_member_list") {
            ok(json::array({{{"user_id", "wxid_ming2024"}, {"user_name", "小明"}, {"user_displayname", ""}}}));
        } else if (name == "delete_message" && opt.impl != "ComWechat") {
            ok(nullptr);
        } else if (name == "wx.delete_groupmember" || name == "wx.accept_friend") {
            ok(nullptr);
        } else {
            respond(action, nullptr, "failed", 10002, "Unsupported Action: " + name);
        }
    }

    void respond(json const& action, json data, std::string const& status, int retcode, std::string const& message) {
        json r{{"status", status}, {"retcode", retcode}, {"data", std::move(data)}, {"message", message}};
        if (action.contains("echo")) r["echo"] = action["echo"];
        write(r.dump());
    }

    void write(std::string text) {
        asio::post(io, [self = shared_from_this(), text = std::move(text)]() mutable {
            self->outq.push_back(std::move(text));
            if (self->writing) return;
            self->writing = true;  // before the loop runs, so a second post does not start another
            asio::co_spawn(self->io, self->write_loop(), asio::detached);
        });
    }

    asio::awaitable<void> write_loop() {
        auto self = shared_from_this();
        while (!outq.empty() && ws) {
            boost::system::error_code ec;
            ws->text(true);
            co_await ws->async_write(asio::buffer(outq.front()), asio::redirect_error(asio::use_awaitable, ec));
            outq.pop_front();
            if (ec) break;
        }
        writing = false;
    }
};

v12_peer::v12_peer(std::shared_ptr<state> s) : s_(std::move(s)) {}

v12_peer::~v12_peer() {
    auto s = s_;
    fake_io().run_sync([s] {
        if (s->ws && s->open) {
            boost::system::error_code ec;
            beast::get_lowest_layer(*s->ws).socket().close(ec);
        }
    });
}

std::unique_ptr<v12_peer> v12_peer::dial(unsigned short port, v12_options opt, int* http_status, std::string* protocol) {
    auto& io = fake_io().io;
    auto s = std::make_shared<state>(io, std::move(opt));
    std::promise<bool> done;
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            boost::system::error_code ec;
            beast::tcp_stream tcp_stream(io);
            co_await tcp_stream.async_connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port),
                                              asio::redirect_error(asio::use_awaitable, ec));
            if (ec) {
                done.set_value(false);
                co_return;
            }
            s->ws.emplace(std::move(tcp_stream));
            auto const& o = s->opt;
            s->ws->set_option(websocket::stream_base::decorator([o](websocket::request_type& req) {
                req.set(http::field::user_agent, "OneBot/12 (" + o.platform + ") " + o.impl);
                if (!o.token.empty() && !o.token_in_query) req.set(http::field::authorization, "Bearer " + o.token);
                if (!o.subprotocol.empty()) req.set(http::field::sec_websocket_protocol, o.subprotocol);
            }));
            auto target = o.path;
            if (!o.token.empty() && o.token_in_query) target += "?access_token=" + o.token;
            websocket::response_type res;
            co_await s->ws->async_handshake(res, "127.0.0.1:" + std::to_string(port), target,
                                            asio::redirect_error(asio::use_awaitable, ec));
            if (http_status) *http_status = static_cast<int>(res.result_int());
            if (protocol) *protocol = std::string(res[http::field::sec_websocket_protocol]);
            done.set_value(!ec);
        },
        asio::detached);
    if (!done.get_future().get()) return nullptr;
    auto peer = std::make_unique<v12_peer>(s);
    fake_io().run_sync([s] { s->start(); });
    if (s->opt.send_connect) peer->send(peer->connect_event());
    return peer;
}

void v12_peer::send(json const& frame) {
    s_->write(frame.dump());
}

void v12_peer::send_text(std::string text) {
    s_->write(std::move(text));
}

std::vector<json> v12_peer::actions() const {
    std::lock_guard lock(s_->m);
    return {s_->received.begin(), s_->received.end()};
}

std::optional<json> v12_peer::take(std::string const& name) {
    std::lock_guard lock(s_->m);
    for (auto it = s_->received.begin(); it != s_->received.end(); ++it) {
        if (it->value("action", std::string()) == name) {
            auto out = std::move(*it);
            s_->received.erase(it);
            return out;
        }
    }
    return std::nullopt;
}

std::optional<int> v12_peer::closed() const {
    std::lock_guard lock(s_->m);
    return s_->close_code;
}

bool v12_peer::is_open() const {
    std::lock_guard lock(s_->m);
    return s_->open;
}

void v12_peer::abort() {
    auto s = s_;
    fake_io().run_sync([s] {
        boost::system::error_code ec;
        if (s->ws) beast::get_lowest_layer(*s->ws).socket().close(ec);
    });
}

void v12_peer::answer(json const& action, json data, std::string status, int retcode) {
    s_->respond(action, std::move(data), status, retcode, status == "ok" ? "" : "failed");
}

v12_options const& v12_peer::options() const {
    return s_->opt;
}

json v12_peer::group_message(std::string const& self, std::string const& group, std::string const& user,
                             std::string const& text, std::string const& message_id) const {
    auto e = envelope("message", "group");
    e["self"] = {{"platform", s_->opt.platform}, {"user_id", self}};
    e["message_id"] = message_id;
    e["message"] = json::array({{{"type", "text"}, {"data", {{"text", text}}}}});
    e["alt_message"] = text;
    e["group_id"] = group;
    e["user_id"] = user;
    return e;
}

json v12_peer::connect_event() const {
    auto e = envelope("meta", "connect");
    e["version"] = {{"impl", s_->opt.impl}, {"version", "1.2.0"}, {"onebot_version", "12"}};
    return e;
}

json v12_peer::heartbeat(int interval_ms) const {
    auto e = envelope("meta", "heartbeat");
    e["interval"] = interval_ms;
    return e;
}

json v12_peer::status_update(std::vector<std::pair<std::string, bool>> const& bots) const {
    auto e = envelope("meta", "status_update");
    json list = json::array();
    for (auto const& [user, online] : bots)
        list.push_back({{"self", {{"platform", s_->opt.platform}, {"user_id", user}}}, {"online", online}});
    e["status"] = {{"good", true}, {"bots", list}};
    return e;
}

// ---- forward server -----------------------------------------------------------------------------

struct v12_server::impl : std::enable_shared_from_this<impl> {
    impl(asio::io_context& context, v12_options o) : io(context), acceptor(context), opt(std::move(o)) {}

    asio::io_context& io;
    tcp::acceptor acceptor;
    v12_options opt;
    mutable std::mutex m;
    std::deque<std::shared_ptr<v12_peer::state>> accepted;
    std::vector<std::weak_ptr<v12_peer::state>> all;
    std::string authorization;

    asio::awaitable<void> accept_loop() {
        auto self = shared_from_this();
        for (;;) {
            boost::system::error_code ec;
            auto socket = co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
            if (ec) co_return;
            asio::co_spawn(io, serve(std::move(socket)), asio::detached);
        }
    }

    asio::awaitable<void> serve(tcp::socket socket) {
        auto self = shared_from_this();
        beast::tcp_stream stream(std::move(socket));
        beast::flat_buffer buffer;
        http::request<http::string_body> req;
        boost::system::error_code ec;
        co_await http::async_read(stream, buffer, req, asio::redirect_error(asio::use_awaitable, ec));
        if (ec) co_return;
        auto auth = std::string(req[http::field::authorization]);
        {
            std::lock_guard lock(m);
            authorization = auth;
        }
        if (!opt.token.empty() && auth != "Bearer " + opt.token) {
            http::response<http::string_body> res{http::status::unauthorized, req.version()};
            res.body() = "unauthorized";
            res.prepare_payload();
            co_await http::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
            co_return;
        }
        auto s = std::make_shared<v12_peer::state>(io, opt);
        s->ws.emplace(std::move(stream));
        co_await s->ws->async_accept(req, asio::redirect_error(asio::use_awaitable, ec));
        if (ec) co_return;
        s->start();
        if (opt.send_connect) {
            auto e = envelope("meta", "connect");
            e["version"] = {{"impl", opt.impl}, {"version", "1.2.0"}, {"onebot_version", "12"}};
            s->write(e.dump());
        }
        std::lock_guard lock(m);
        accepted.push_back(s);
        all.push_back(s);
    }
};

v12_server::v12_server(v12_options opt, unsigned short port) {
    auto& io = fake_io().io;
    impl_ = std::make_shared<impl>(io, std::move(opt));
    fake_io().run_sync([&] {
        tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), port);
        impl_->acceptor.open(ep.protocol());
        impl_->acceptor.set_option(tcp::acceptor::reuse_address(true));
        impl_->acceptor.bind(ep);
        impl_->acceptor.listen();
        port_ = impl_->acceptor.local_endpoint().port();
        asio::co_spawn(io, impl_->accept_loop(), asio::detached);
    });
}

v12_server::~v12_server() {
    kill();
}

std::unique_ptr<v12_peer> v12_server::take_peer() {
    std::lock_guard lock(impl_->m);
    if (impl_->accepted.empty()) return nullptr;
    auto s = impl_->accepted.front();
    impl_->accepted.pop_front();
    return std::make_unique<v12_peer>(s);
}

std::string v12_server::last_authorization() const {
    std::lock_guard lock(impl_->m);
    return impl_->authorization;
}

void v12_server::kill() {
    auto i = impl_;
    fake_io().run_sync([i] {
        boost::system::error_code ec;
        i->acceptor.close(ec);
        std::lock_guard lock(i->m);
        for (auto const& w : i->all)
            if (auto s = w.lock(); s && s->ws) beast::get_lowest_layer(*s->ws).socket().close(ec);
    });
}

}  // namespace testing::onebot12
