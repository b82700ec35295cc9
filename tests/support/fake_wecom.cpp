#include "tests/support/fake_wecom.hpp"

#include <algorithm>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "tests/support/fake_io.hpp"

namespace testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using nlohmann::json;
using clock_type = std::chrono::steady_clock;

namespace {

struct answer {
    http::status status = http::status::ok;
    json body;
};

answer ok(json extra = json::object()) {
    extra["errcode"] = 0;
    extra["errmsg"] = "ok";
    return {http::status::ok, std::move(extra)};
}

answer error(int code, std::string message) {
    return {http::status::ok, json{{"errcode", code}, {"errmsg", std::move(message)}}};
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string url_decode(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+') {
            out += ' ';
        } else if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

std::map<std::string, std::string> parse_query(std::string_view q) {
    std::map<std::string, std::string> out;
    while (!q.empty()) {
        auto amp = q.find('&');
        auto pair = q.substr(0, amp);
        auto eq = pair.find('=');
        if (!pair.empty())
            out[url_decode(pair.substr(0, eq))] = eq == std::string_view::npos ? "" : url_decode(pair.substr(eq + 1));
        if (amp == std::string_view::npos) break;
        q.remove_prefix(amp + 1);
    }
    return out;
}

std::string text_of(json const& body, char const* field) {
    auto it = body.find(field);
    return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool external_userid(std::string const& id) { return id.starts_with("wm") || id.starts_with("wo"); }

long long unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

struct fake_wecom::state : std::enable_shared_from_this<state> {
    struct appchat {
        std::string name, owner;
        std::vector<std::string> users;
    };
    struct member {
        std::string userid;
        long long join_time = 0;
    };
    struct customer_group {
        std::string name, owner;
        long long create_time = 0;
        std::vector<member> members;
    };

    explicit state(fake_wecom_options o) : opt(std::move(o)) {}

    io_thread& thread = fake_io();
    tcp::acceptor acceptor{thread.io};
    std::vector<std::weak_ptr<beast::tcp_stream>> connections;  // touched on the io thread only
    fake_wecom_options opt;
    unsigned short port = 0;

    mutable std::mutex m;
    mutable std::condition_variable cv;
    std::vector<call> log;
    // tokens
    int next_token = 1;
    std::string token;
    clock_type::time_point token_expiry;
    std::set<std::string> expired;
    std::size_t token_requests = 0;
    int fail_code = 0;
    int fail_times = 0;
    std::chrono::milliseconds delay{0};
    // directory
    std::map<std::string, std::string> users;
    std::map<std::string, appchat> appchats;
    std::map<std::string, customer_group> groups;
    // robots and replies
    std::map<std::string, std::deque<clock_type::time_point>> webhooks;
    int forced_limits = 0;
    std::vector<webhook_message> webhook_log;
    std::map<std::string, bool> response_codes;  // code → used
    int next_code = 1;
    int next_msgid = 1;

    asio::awaitable<void> accept_loop() {
        auto self = shared_from_this();
        for (;;) {
            boost::system::error_code ec;
            auto socket = co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
            if (ec) co_return;
            auto stream = std::make_shared<beast::tcp_stream>(std::move(socket));
            connections.push_back(stream);
            std::erase_if(connections, [](auto const& w) { return w.expired(); });
            asio::co_spawn(thread.io, serve(stream), asio::detached);
        }
    }

    asio::awaitable<void> serve(std::shared_ptr<beast::tcp_stream> stream) {
        auto self = shared_from_this();
        beast::flat_buffer buffer;
        for (;;) {
            http::request<http::string_body> req;
            boost::system::error_code ec;
            co_await http::async_read(*stream, buffer, req, asio::redirect_error(asio::use_awaitable, ec));
            if (ec) co_return;
            call c;
            c.method = std::string(req.method_string());
            std::string_view target = req.target();
            auto question = target.find('?');
            c.path = std::string(target.substr(0, question));
            if (question != std::string_view::npos) c.query = parse_query(target.substr(question + 1));
            c.body = req.body().empty() ? json(nullptr) : json::parse(req.body(), nullptr, false);
            if (c.body.is_discarded()) c.body = nullptr;
            c.raw_body = req.body();
            bool const not_json = !req.body().empty() && c.body.is_null();

            if (c.path == "/cgi-bin/gettoken") {
                std::chrono::milliseconds wait{0};
                {
                    std::lock_guard lock(m);
                    ++token_requests;
                    wait = delay;
                }
                if (wait.count() > 0) {
                    asio::steady_timer timer(thread.io, wait);
                    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
                }
            }
            answer a;
            {
                std::lock_guard lock(m);
                a = handle(c, not_json);
                c.time = clock_type::now();
                c.errcode = a.body.value("errcode", 0);
                log.push_back(c);
            }
            cv.notify_all();

            http::response<http::string_body> res{a.status, req.version()};
            res.set(http::field::content_type, "application/json; charset=UTF-8");
            res.keep_alive(req.keep_alive());
            res.body() = a.body.dump();
            res.prepare_payload();
            co_await http::async_write(*stream, res, asio::redirect_error(asio::use_awaitable, ec));
            if (ec || !res.keep_alive()) {
                stream->socket().shutdown(tcp::socket::shutdown_send, ec);
                co_return;
            }
        }
    }

    // Everything below runs with `m` held.

    answer handle(call const& c, bool not_json) {
        bool const get = c.method == "GET";
        bool const post = c.method == "POST";
        if (c.path == "/cgi-bin/gettoken" && get) return gettoken(c);
        if (c.path == "/cgi-bin/webhook/send" && post) return not_json ? bad_json() : webhook_send(c);
        if (c.path == "/cgi-bin/aibot/response" && post) return not_json ? bad_json() : aibot_response(c);

        using handler = answer (state::*)(call const&);
        struct route {
            char const* method;
            char const* path;
            handler fn;
        };
        static constexpr route routes[] = {
            {"POST", "/cgi-bin/message/send", &state::message_send},
            {"POST", "/cgi-bin/appchat/send", &state::appchat_send},
            {"GET", "/cgi-bin/appchat/get", &state::appchat_get},
            {"GET", "/cgi-bin/user/get", &state::user_get},
            {"POST", "/cgi-bin/externalcontact/groupchat/get", &state::groupchat_get},
        };
        auto r = std::find_if(std::begin(routes), std::end(routes),
                              [&](route const& x) { return c.path == x.path && c.method == x.method; });
        if (r == std::end(routes)) return {http::status::not_found, {{"errcode", 404}, {"errmsg", "not found"}}};
        if (auto refused = check_token(c)) return *refused;
        if (post && (not_json || !c.body.is_object())) return bad_json();
        return (this->*(r->fn))(c);
    }

    static answer bad_json() { return error(47001, "data format error"); }

    std::optional<answer> check_token(call const& c) {
        auto it = c.query.find("access_token");
        if (it == c.query.end() || it->second.empty()) return error(41001, "access_token missing");
        if (expired.contains(it->second)) return error(42001, "access_token expired");
        if (it->second != token) return error(40014, "invalid access_token");
        if (clock_type::now() >= token_expiry) return error(42001, "access_token expired");
        return std::nullopt;
    }

    answer gettoken(call const& c) {
        if (fail_times > 0) {
            --fail_times;
            return error(fail_code, "fake failure");
        }
        auto corp = c.query.find("corpid");
        if (corp == c.query.end() || corp->second != opt.corp_id) return error(40013, "invalid corpid");
        auto secret = c.query.find("corpsecret");
        if (secret == c.query.end() || secret->second != opt.corp_secret) return error(40001, "invalid credential");
        token = "tok-" + std::to_string(next_token++);
        token_expiry = clock_type::now() + std::chrono::seconds(opt.expires_in);
        return ok({{"access_token", token}, {"expires_in", opt.expires_in}});
    }

    static std::optional<answer> check_content(json const& body) {
        auto type = text_of(body, "msgtype");
        if (type.empty()) return error(40008, "invalid message type");
        if (type == "text" || type == "markdown") {
            auto part = body.find(type);
            if (part == body.end() || !part->is_object() || text_of(*part, "content").empty())
                return error(44004, "empty content");
        }
        return std::nullopt;
    }

    answer message_send(call const& c) {
        auto agent = c.body.find("agentid");
        if (agent == c.body.end() || !(agent->is_number_integer() || agent->is_string()))
            return error(41011, "missing agentid");
        long long id = agent->is_string() ? std::atoll(agent->get<std::string>().c_str()) : agent->get<long long>();
        if (opt.agent_id != 0 && id != opt.agent_id) return error(40056, "invalid agentid");
        if (text_of(c.body, "touser").empty() && text_of(c.body, "toparty").empty() && text_of(c.body, "totag").empty())
            return error(81013, "user & party & tag all invalid");
        if (auto bad = check_content(c.body)) return *bad;
        return ok({{"invaliduser", ""}, {"msgid", "msg-" + std::to_string(next_msgid++)}});
    }

    answer appchat_send(call const& c) {
        if (!appchats.contains(text_of(c.body, "chatid"))) return error(86003, "chat not exist");
        if (auto bad = check_content(c.body)) return *bad;
        return ok();
    }

    answer appchat_get(call const& c) {
        auto id = c.query.contains("chatid") ? c.query.at("chatid") : std::string();
        auto it = appchats.find(id);
        if (it == appchats.end()) return error(86003, "chat not exist");
        return ok({{"chat_info",
                    {{"chatid", id}, {"name", it->second.name}, {"owner", it->second.owner},
                     {"userlist", it->second.users}, {"chat_type", 0}}}});
    }

    answer user_get(call const& c) {
        auto id = c.query.contains("userid") ? c.query.at("userid") : std::string();
        auto it = users.find(id);
        if (it == users.end()) return error(60111, "userid not found");
        return ok({{"userid", id}, {"name", it->second}, {"status", 1}});
    }

    std::string name_of(std::string const& userid) const {
        auto it = users.find(userid);
        return it == users.end() ? userid : it->second;
    }

    answer groupchat_get(call const& c) {
        auto id = text_of(c.body, "chat_id");
        auto it = groups.find(id);
        if (it == groups.end()) return error(40050, "chatid not exist");
        auto need = c.body.find("need_name");
        bool const names = need != c.body.end() && need->is_number_integer() && need->get<int>() == 1;
        auto const& g = it->second;
        json members = json::array();
        for (auto const& mem : g.members) {
            json entry{{"userid", mem.userid},
                       {"type", external_userid(mem.userid) ? 2 : 1},
                       {"join_time", mem.join_time},
                       {"join_scene", 1},
                       {"group_nickname", ""}};
            if (mem.userid != g.owner) entry["invitor"] = {{"userid", g.owner}};
            if (names) entry["name"] = name_of(mem.userid);
            members.push_back(std::move(entry));
        }
        return ok({{"group_chat",
                    {{"chat_id", id}, {"name", g.name}, {"owner", g.owner}, {"create_time", g.create_time},
                     {"member_list", members}, {"admin_list", json::array({{{"userid", g.owner}}})}}}});
    }

    answer webhook_send(call const& c) {
        auto key = c.query.contains("key") ? c.query.at("key") : std::string();
        auto hook = webhooks.find(key);
        if (hook == webhooks.end()) return error(93000, "invalid webhook url, hint: key not found");
        if (!c.body.is_object()) return bad_json();
        if (forced_limits > 0) {
            --forced_limits;
            return error(45009, "api freq out of limit");
        }
        auto now = clock_type::now();
        auto& sent = hook->second;
        while (!sent.empty() && now - sent.front() >= std::chrono::minutes(1)) sent.pop_front();
        if (static_cast<int>(sent.size()) >= opt.webhook_per_minute) return error(45009, "api freq out of limit");
        if (auto bad = check_content(c.body)) return *bad;
        sent.push_back(now);
        webhook_message msg{key, text_of(c.body, "msgtype"), {}, {}};
        if (auto part = c.body.find(msg.msgtype); part != c.body.end() && part->is_object()) {
            msg.content = text_of(*part, "content");
            if (auto list = part->find("mentioned_list"); list != part->end() && list->is_array())
                for (auto const& u : *list)
                    if (u.is_string()) msg.mentioned_list.push_back(u.get<std::string>());
        }
        webhook_log.push_back(std::move(msg));
        return ok();
    }

    answer aibot_response(call const& c) {
        auto code = c.query.contains("response_code") ? c.query.at("response_code") : std::string();
        auto it = response_codes.find(code);
        if (it == response_codes.end()) return error(fake_wecom::response_code_error, "invalid response_code");
        if (it->second) return error(fake_wecom::response_code_error, "response_code already used");
        if (!c.body.is_object()) return bad_json();
        auto type = text_of(c.body, "msgtype");
        if (type != "markdown" && type != "template_card") return error(40008, "invalid message type");
        if (auto bad = check_content(c.body)) return *bad;
        it->second = true;
        return ok();
    }
};

fake_wecom::fake_wecom(fake_wecom_options opt) : s_(std::make_shared<state>(std::move(opt))) {
    tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), 0);
    s_->acceptor.open(ep.protocol());
    s_->acceptor.bind(ep);
    s_->acceptor.listen();
    port_ = s_->acceptor.local_endpoint().port();
    s_->port = port_;
    asio::co_spawn(s_->thread.io, s_->accept_loop(), asio::detached);
}

fake_wecom::~fake_wecom() {
    // Sessions hold the state, so closing here is enough: nothing they touch goes away.
    s_->thread.run_sync([s = s_] {
        boost::system::error_code ec;
        s->acceptor.close(ec);
        for (auto const& w : s->connections)
            if (auto stream = w.lock()) stream->socket().close(ec);
    });
}

std::string fake_wecom::base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

fake_wecom_options const& fake_wecom::options() const { return s_->opt; }

void fake_wecom::fail_token(int errcode, int times) {
    std::lock_guard lock(s_->m);
    s_->fail_code = errcode;
    s_->fail_times = times;
}

void fake_wecom::token_delay(std::chrono::milliseconds delay) {
    std::lock_guard lock(s_->m);
    s_->delay = delay;
}

void fake_wecom::set_expires_in(int seconds) {
    std::lock_guard lock(s_->m);
    s_->opt.expires_in = seconds;
}

void fake_wecom::expire_token() {
    std::lock_guard lock(s_->m);
    if (!s_->token.empty()) s_->expired.insert(s_->token);
}

std::string fake_wecom::current_token() const {
    std::lock_guard lock(s_->m);
    return s_->token;
}

std::size_t fake_wecom::token_requests() const {
    std::lock_guard lock(s_->m);
    return s_->token_requests;
}

void fake_wecom::add_user(std::string const& userid, std::string const& name) {
    std::lock_guard lock(s_->m);
    s_->users[userid] = name;
}

void fake_wecom::add_appchat(std::string const& chatid, std::string const& name, std::string const& owner,
                             std::vector<std::string> const& userlist) {
    std::lock_guard lock(s_->m);
    s_->appchats[chatid] = {name, owner, userlist};
}

void fake_wecom::add_customer_group(std::string const& chat_id, std::string const& name, std::string const& owner,
                                    std::vector<std::string> const& members) {
    std::lock_guard lock(s_->m);
    auto now = unix_now();
    state::customer_group g{name, owner, now, {}};
    g.members.push_back({owner, now});
    for (auto const& id : members)
        if (id != owner) g.members.push_back({id, now});
    s_->groups[chat_id] = std::move(g);
}

void fake_wecom::add_customer_member(std::string const& chat_id, std::string const& userid) {
    std::lock_guard lock(s_->m);
    auto& g = s_->groups.at(chat_id);
    if (std::none_of(g.members.begin(), g.members.end(), [&](auto const& x) { return x.userid == userid; }))
        g.members.push_back({userid, unix_now()});
}

void fake_wecom::remove_customer_member(std::string const& chat_id, std::string const& userid) {
    std::lock_guard lock(s_->m);
    std::erase_if(s_->groups.at(chat_id).members, [&](auto const& x) { return x.userid == userid; });
}

void fake_wecom::add_webhook(std::string const& key) {
    std::lock_guard lock(s_->m);
    s_->webhooks[key];
}

void fake_wecom::rate_limit_next(int n) {
    std::lock_guard lock(s_->m);
    s_->forced_limits = n;
}

std::vector<fake_wecom::webhook_message> fake_wecom::webhook_messages() const {
    std::lock_guard lock(s_->m);
    return s_->webhook_log;
}

std::string fake_wecom::issue_response_code() {
    std::lock_guard lock(s_->m);
    auto code = "rc-" + std::to_string(s_->next_code++);
    s_->response_codes[code] = false;
    return base_url() + "/cgi-bin/aibot/response?response_code=" + code;
}

std::vector<fake_wecom::call> fake_wecom::calls() const {
    std::lock_guard lock(s_->m);
    return s_->log;
}

std::vector<fake_wecom::call> fake_wecom::calls(std::string const& path) const {
    std::lock_guard lock(s_->m);
    std::vector<call> out;
    for (auto const& c : s_->log)
        if (c.path == path) out.push_back(c);
    return out;
}

std::size_t fake_wecom::count(std::string const& path) const {
    std::lock_guard lock(s_->m);
    return static_cast<std::size_t>(
        std::count_if(s_->log.begin(), s_->log.end(), [&](call const& c) { return c.path == path; }));
}

std::vector<fake_wecom::call> fake_wecom::wait_for(std::string const& path, std::size_t n,
                                                   std::chrono::milliseconds timeout) const {
    {
        std::unique_lock lock(s_->m);
        s_->cv.wait_for(lock, timeout, [&] {
            return static_cast<std::size_t>(std::count_if(s_->log.begin(), s_->log.end(),
                                                          [&](call const& c) { return c.path == path; })) >= n;
        });
    }
    return calls(path);
}

}  // namespace testing
