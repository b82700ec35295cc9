#include "adapters/wecom/adapter.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "adapters/net/auth.hpp"
#include "bot/display.hpp"

namespace adapters::wecom {

namespace {

/// Long enough that a callback stamped up to the tolerance ahead is still remembered when it stops being accepted.
constexpr auto replay_window = std::chrono::minutes(31);
/// Callbacks stamped further than this from our clock are refused: a replay, or a wrong clock.
constexpr std::int64_t stamp_tolerance_s = 15 * 60;

net::web_url api_base_of(settings const& cfg) {
    std::string error;
    auto u = net::web_url::parse(cfg.common.api_base, &error);
    if (!u) throw std::runtime_error("adapters.wecom.api_base: " + error);
    return *u;
}

callback_cipher cipher_of(std::string const& table, std::string token, std::string const& key, std::string receive_id) {
    std::string error;
    auto c = callback_cipher::make(std::move(token), key, std::move(receive_id), &error);
    if (!c) throw std::runtime_error("[" + table + "]: " + error);
    return std::move(*c);
}

/// The value of <Encrypt> in an app callback, or "encrypt" in a bot callback.
std::optional<std::string> encrypted_field(std::string const& body, bool json) {
    if (json) {
        auto j = nlohmann::json::parse(body, nullptr, false);
        if (j.is_discarded() || !j.is_object()) return std::nullopt;
        auto e = j.find("encrypt");
        if (e == j.end() || !e->is_string()) return std::nullopt;
        return e->get<std::string>();
    }
    auto x = parse_xml(body);
    if (!x) return std::nullopt;
    auto e = x->get("Encrypt");
    if (!e) return std::nullopt;
    return *e;
}

}  // namespace

adapter::adapter(bot::core& core, settings cfg)
    : core_(core),
      cfg_(std::move(cfg)),
      api_(api_base_of(cfg_), std::chrono::duration_cast<std::chrono::milliseconds>(cfg_.common.call_timeout)),
      webhooks_(api_, core.io().get_executor(), static_cast<int>(cfg_.common.webhook_per_minute)),
      naming_(core.io().get_executor()) {
    if (cfg_.app.enabled)
        app_token_ = std::make_unique<token_source>(api_, core_.io().get_executor(), cfg_.common.corp_id, cfg_.app.secret);
    if (cfg_.aibot.enabled)
        routes_.push_back({cfg_.aibot.path, cipher_of("adapters.wecom.bot", cfg_.aibot.token, cfg_.aibot.encoding_aes_key, ""),
                           true});
    if (cfg_.app.enabled && !cfg_.app.token.empty())
        routes_.push_back({cfg_.app.path,
                           cipher_of("adapters.wecom.app", cfg_.app.token, cfg_.app.encoding_aes_key, cfg_.common.corp_id),
                           false});
}

adapter::~adapter() {
    *alive_ = false;
}

void adapter::start() {
    if (!routes_.empty()) {
        net::http_listener::handlers h;
        h.plain = [this](net::request const& req) { return on_http(req); };
        // While the core's queues are full, callbacks wait for their answer; WeCom retries one
        // unanswered for 5 s, and the retry is a duplicate the core drops.
        h.admit = net::admit_when_room(core_.flow());
        listener_ = std::make_unique<net::http_listener>(core_.io(), cfg_.common.host,
                                                         static_cast<unsigned short>(cfg_.common.port), std::move(h),
                                                         std::size_t{1} << 20,
                                                         static_cast<std::size_t>(cfg_.common.max_connections));
        listener_->start();
        for (auto const& r : routes_)
            spdlog::info("wecom: {} callbacks at http://{}{} (put your HTTPS proxy in front)",
                         r.is_bot ? "intelligent bot" : "app", listener_->address(), r.path);
    }
    bool with_app = cfg_.app.enabled;
    if (cfg_.aibot.enabled || !cfg_.webhooks.empty()) {
        bot_ = std::make_unique<bot_account>(*this, bot::id(cfg_.aibot.bot_id.empty() ? "aibot" : cfg_.aibot.bot_id), with_app);
        core_.attach(*bot_);
    }
    if (cfg_.app.enabled) {
        app_ = std::make_unique<app_account>(*this, bot::id("app:" + std::to_string(cfg_.app.agent_id)));
        core_.attach(*app_);
        if (cfg_.app.customer_groups) {
            customer_ = std::make_unique<customer_account>(*this, bot::id("customer"));
            core_.attach(*customer_);
        }
    }
    for (bot::platform* p : {static_cast<bot::platform*>(bot_.get()), static_cast<bot::platform*>(app_.get()),
                             static_cast<bot::platform*>(customer_.get())}) {
        if (!p) continue;
        post(bot::event{"wecom", p->self_id(), core_.clock().now(),
                        bot::ev::lifecycle{bot::ev::lifecycle::phase::connected}});
    }
}

void adapter::stop() {
    if (listener_) listener_->stop();
    for (bot::platform* p : {static_cast<bot::platform*>(bot_.get()), static_cast<bot::platform*>(app_.get()),
                             static_cast<bot::platform*>(customer_.get())})
        if (p) core_.detach(*p);
}

std::string const* adapter::webhook_for(std::string const& group) const {
    auto it = cfg_.webhooks.find(group);
    return it == cfg_.webhooks.end() ? nullptr : &it->second;
}

void adapter::post(bot::event e) {
    ++stats_.dispatched;
    core_.post(std::move(e));
}

bool adapter::first_sight(std::string const& key, std::chrono::steady_clock::time_point now) {
    for (auto it = seen_.begin(); it != seen_.end();) it = now - it->second > replay_window ? seen_.erase(it) : std::next(it);
    return seen_.emplace(key, now).second;
}

net::response adapter::on_http(net::request const& req) {
    auto path = std::string(net::target_path(std::string_view(req.target().data(), req.target().size())));
    for (auto const& r : routes_) {
        if (r.path != path) continue;
        if (req.method() == net::http::verb::get) return verify_url(req, r);
        if (req.method() == net::http::verb::post) return on_callback(req, r);
        return net::make_response(req, net::http::status::method_not_allowed, "GET or POST\n");
    }
    return net::make_response(req, net::http::status::not_found, "not found\n");
}

net::response adapter::refuse(net::request const& req, route_entry const& r, net::http::status status,
                              std::string const& why) {
    ++stats_.refused;
    spdlog::warn("wecom: a request at {} was refused: {}", r.path, why);
    return net::make_response(req, status, why + "\n");
}

std::optional<adapter::signed_query> adapter::signed_query_of(net::request const& req) {
    auto target = std::string_view(req.target().data(), req.target().size());
    auto sig = net::query_param(target, "msg_signature");
    auto ts = net::query_param(target, "timestamp");
    auto nonce = net::query_param(target, "nonce");
    if (!sig || !ts || !nonce) return std::nullopt;
    return signed_query{*sig, *ts, *nonce};
}

net::response adapter::verify_url(net::request const& req, route_entry const& r) {
    auto q = signed_query_of(req);
    auto echo = net::query_param(std::string_view(req.target().data(), req.target().size()), "echostr");
    if (!q || !echo) return refuse(req, r, net::http::status::bad_request, "missing msg_signature, timestamp, nonce or echostr");
    // Base64 has no spaces: a '+' the sender did not percent-encode was read as one.
    std::replace(echo->begin(), echo->end(), ' ', '+');
    if (!r.cipher->verify(q->signature, q->timestamp, q->nonce, *echo))
        return refuse(req, r, net::http::status::forbidden, "the signature does not match (check the Token)");
    std::string error;
    auto plain = r.cipher->decrypt(*echo, &error);
    if (!plain) {
        spdlog::warn("wecom: the echostr at {} did not decrypt ({}); check the EncodingAESKey", r.path, error);
        return refuse(req, r, net::http::status::bad_request, "echostr does not decrypt (check the EncodingAESKey)");
    }
    spdlog::info("wecom: {} callback URL verified", r.is_bot ? "intelligent bot" : "app");
    return net::make_response(req, net::http::status::ok, *plain);
}

net::response adapter::on_callback(net::request const& req, route_entry const& r) {
    auto q = signed_query_of(req);
    if (!q) return refuse(req, r, net::http::status::bad_request, "missing msg_signature, timestamp or nonce");
    auto const& sig = q->signature;
    auto const& ts = q->timestamp;
    auto const& nonce = q->nonce;
    auto encrypted = encrypted_field(req.body(), r.is_bot);
    if (!encrypted) return refuse(req, r, net::http::status::bad_request, r.is_bot ? "the body is not {\"encrypt\": ...}" : "the body has no <Encrypt>");
    if (!r.cipher->verify(sig, ts, nonce, *encrypted)) return refuse(req, r, net::http::status::forbidden, "the signature does not match");
    std::int64_t stamp = 0;
    try {
        stamp = std::stoll(ts);
    } catch (std::exception const&) {
        return refuse(req, r, net::http::status::bad_request, "the timestamp is not a number");
    }
    auto now_s = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    if (stamp < now_s - stamp_tolerance_s || stamp > now_s + stamp_tolerance_s)
        return refuse(req, r, net::http::status::forbidden,
                      "the timestamp is " + std::to_string(stamp - now_s) + "s from this machine's clock (check NTP)");
    std::string error;
    auto plain = r.cipher->decrypt(*encrypted, &error);
    if (!plain) {
        // Which step failed is for the log only: the sender learns nothing about the plaintext.
        spdlog::warn("wecom: a signed callback at {} did not decrypt ({}); check the EncodingAESKey", r.path, error);
        return refuse(req, r, net::http::status::bad_request, "the body does not decrypt");
    }
    auto answer = [&] { return net::make_response(req, net::http::status::ok, r.is_bot ? "" : "success"); };
    // WeCom's nonce does not repeat within two hours: the same timestamp and nonce again is a retry
    // (or a replay), whatever the body.
    if (!first_sight(r.path + "|" + ts + "|" + nonce, std::chrono::steady_clock::now())) {
        ++stats_.replayed;
        spdlog::info("wecom: a callback arrived again (timestamp {}, nonce {}); answered, not handled twice", bot::one_line(ts),
                     bot::one_line(nonce));
        return answer();
    }
    ++stats_.callbacks;
    if (r.is_bot)
        on_bot_plain(*plain);
    else
        on_app_plain(*plain);
    return answer();
}

void adapter::on_bot_plain(std::string const& plain) {
    if (!bot_) return;
    std::string error;
    auto cb = decode_bot(plain, bot_->self_id(), cfg_.aibot.name, core_.clock().now(), &error);
    if (!cb) {
        ++stats_.refused;
        spdlog::warn("wecom: an intelligent bot callback was not understood: {}", error);
        return;
    }
    if (!cfg_.aibot.bot_id.empty() && !cb->bot_id.empty() && cb->bot_id != cfg_.aibot.bot_id) {
        ++stats_.refused;
        spdlog::warn("wecom: a callback for another bot ({}) was dropped; this one is {}", bot::one_line(cb->bot_id),
                     cfg_.aibot.bot_id);
        return;
    }
    if (!cb->response_url.empty() && !cb->chat.empty())
        responses_.add(cb->chat, cb->message_id, cb->response_url, std::chrono::steady_clock::now());
    if (!cb->event) {
        spdlog::debug("wecom: bot callback not dispatched: {}", cb->ignored);
        return;
    }
    if (auto const* m = cb->event->as<bot::ev::group_message>()) {
        if (!webhook_for(m->group.str()) && known_groups_.insert(m->group.str()).second)
            spdlog::info("wecom: group {} reached the bot; to let it post there on its own (reminders, settlements), "
                         "add its group robot under [adapters.wecom.webhooks] as \"{}\" = \"<webhook key>\"",
                         bot::one_line(m->group.str()), bot::one_line(m->group.str()));
    }
    if (app_token_)
        asio::co_spawn(core_.io(), post_named(std::move(*cb->event)), asio::detached);
    else
        post(std::move(*cb->event));
}

bot::task<> adapter::post_named(bot::event e) {
    auto alive = alive_;
    co_await naming_.acquire();
    if (!*alive) co_return;
    bot::sender* from = nullptr;
    if (auto* g = std::get_if<bot::ev::group_message>(&e.payload)) from = &g->from;
    if (auto* p = std::get_if<bot::ev::private_message>(&e.payload)) from = &p->from;
    if (from && from->nickname.empty()) {
        auto const who = from->user.str();
        auto known = co_await app_user(who);
        if (!*alive) co_return;
        if (known) from->nickname = known->nickname;
    }
    post(std::move(e));
    naming_.release();
}

void adapter::on_app_plain(std::string const& plain) {
    std::string error;
    auto x = parse_xml(plain, &error);
    std::optional<app_callback> cb;
    if (x && app_) cb = decode_app(*x, cfg_.app.agent_id, app_->self_id(), core_.clock().now(), &error);
    if (!cb) {
        ++stats_.refused;
        spdlog::warn("wecom: an app callback was not understood: {}", error);
        return;
    }
    if (cb->message) asio::co_spawn(core_.io(), post_named(std::move(*cb->message)), asio::detached);
    if (cb->change) {
        if (!customer_) {
            spdlog::info("wecom: a customer group changed; set customer_groups = true under [adapters.wecom.app] to follow it");
            return;
        }
        asio::co_spawn(core_.io(), apply_change(std::move(*cb->change)), asio::detached);
    }
    if (!cb->message && !cb->change) spdlog::debug("wecom: app callback not dispatched: {}", cb->ignored);
}

bot::task<> adapter::apply_change(group_change c) {
    auto alive = alive_;
    if (c.users.empty()) {
        // WeCom did not list who changed: compare the group's members with those known before.
        auto known = customer_members_.find(c.chat_id);
        std::optional<std::set<std::string>> before;
        if (known != customer_members_.end()) before = known->second;
        auto const chat_id = c.chat_id;
        auto reply = co_await customer_group(chat_id);  // remembers the members it lists
        if (!*alive) co_return;
        if (!reply.ok()) {
            spdlog::warn("wecom: customer group {} changed, but its members could not be read: {}",
                         bot::one_line(c.chat_id), reply.describe());
            co_return;
        }
        if (!before) {
            spdlog::info("wecom: customer group {} changed before its members were known; following it from now",
                         bot::one_line(c.chat_id));
            co_return;
        }
        auto const& now = customer_members_[c.chat_id];
        for (auto const& u : c.joined ? now : *before)
            if (!(c.joined ? *before : now).count(u)) c.users.push_back(u);
    } else if (auto known = customer_members_.find(c.chat_id); known != customer_members_.end()) {
        for (auto const& u : c.users) {
            if (c.joined)
                known->second.insert(u);
            else
                known->second.erase(u);
        }
    }
    if (!customer_) co_return;
    for (auto& e : change_events(c, customer_->self_id())) post(std::move(e));
}

bot::task<bot::result<bot::id>> adapter::app_send_private(std::string users, std::string text) {
    if (!app_token_) co_return bot::error{bot::errc::unsupported, "no [adapters.wecom.app] to send private messages"};
    nlohmann::json body{{"touser", users},
                        {"msgtype", "text"},
                        {"agentid", cfg_.app.agent_id},
                        {"text", {{"content", text}}},
                        {"safe", 0}};
    std::string const target = "/cgi-bin/message/send";
    auto reply = co_await app_token_->post(target, body);
    if (!reply.ok()) co_return reply.to_error("message/send");
    auto msgid = reply.body.value("msgid", std::string());
    co_return msgid.empty() ? next_id() : bot::id(msgid);
}

bot::task<bot::result<bot::member_info>> adapter::app_user(std::string user) {
    if (auto it = users_.find(user); it != users_.end()) co_return it->second;
    if (!app_token_) co_return bot::error{bot::errc::unsupported, "member lookups need [adapters.wecom.app]"};
    auto target = "/cgi-bin/user/get?userid=" + net::url_encode(user);
    auto reply = co_await app_token_->get(target);
    if (!reply.ok()) {
        // WeCom's own no (outside the app's visible range, unknown) stands; a lost answer may not.
        if (reply.errcode != errcode::no_answer && reply.errcode != errcode::busy)
            users_[user] = bot::member_info{bot::id(user), {}, {}, bot::role::member, {}, {}, {}};
        co_return reply.to_error("user/get");
    }
    bot::member_info m{bot::id(user), reply.body.value("name", std::string()), {}, bot::role::member, {}, {}, {}};
    if (users_.size() > 10000) users_.clear();
    users_[user] = m;
    co_return m;
}

bot::task<api_reply> adapter::customer_group(std::string chat_id) {
    if (!app_token_) {
        api_reply none;
        none.errcode = errcode::bad_answer;
        none.errmsg = "customer groups need [adapters.wecom.app]";
        co_return none;
    }
    nlohmann::json body{{"chat_id", chat_id}, {"need_name", 1}};
    std::string const target = "/cgi-bin/externalcontact/groupchat/get";
    auto reply = co_await app_token_->post(target, body);
    if (reply.ok() && !(reply.body.contains("group_chat") && reply.body["group_chat"].is_object())) {
        reply.errcode = errcode::bad_answer;
        reply.errmsg = "groupchat/get answered without group_chat";
    }
    if (reply.ok()) {
        // Remembered, so that a later change WeCom does not itemise can be told apart.
        std::set<std::string> ids;
        for (auto const& m : reply.body["group_chat"].value("member_list", nlohmann::json::array()))
            if (m.is_object() && m.contains("userid") && m["userid"].is_string()) ids.insert(m["userid"].get<std::string>());
        if (customer_members_.size() > 10000 && !customer_members_.count(chat_id)) customer_members_.clear();
        customer_members_[chat_id] = std::move(ids);
    }
    co_return reply;
}

}  // namespace adapters::wecom
