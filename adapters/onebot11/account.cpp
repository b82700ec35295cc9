#include <spdlog/spdlog.h>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "adapters/onebot11/actions.hpp"
#include "adapters/onebot11/adapter.hpp"

namespace adapters::onebot11 {

using nlohmann::json;

namespace {

bot::status as_status(bot::result<json> const& r) {
    if (!r) return r.err();
    return parse_status(*r);
}

}  // namespace

account::account(adapter& owner, bot::id self)
    : owner_(owner), self_(std::move(self)), calls_(owner.core().io().get_executor()) {
    caps_.recall = true;
    caps_.mute = true;
    caps_.kick = true;
    caps_.member_info = true;
    caps_.member_list = true;
    caps_.join_requests = true;
    caps_.red_packet_events = false;  // only lucky_king, which names no owed packet's payer reliably
    caps_.poke = true;
    caps_.needs_pacing = true;
    caps_.whole_mute = true;     // set_group_whole_ban; QQ's whole-group mute never silences admins
    caps_.set_card = true;       // set_group_card
    caps_.special_title = true;  // set_group_special_title; QQ refuses it unless the bot owns the group
    caps_.essence = true;        // set_essence_msg (go-cqhttp, NapCat, Lagrange extension)
}

std::string const& account::name() const { return owner_.config().common.platform; }

std::shared_ptr<link> account::action_link() const {
    for (auto it = links_.rbegin(); it != links_.rend(); ++it)
        if ((*it)->carries_actions() && (*it)->ws->is_open()) return *it;
    return nullptr;
}

void account::link_added() { waiting_for_link_.wake(); }

void account::remember_request(bot::id const& flag, bool invite) {
    if (requests_.size() > 10000) requests_.clear();
    requests_[flag.str()] = invite;
}

bot::task<std::shared_ptr<link>> account::link_for_call(std::chrono::steady_clock::time_point deadline) {
    auto l = action_link();
    // No connection now: wait for one (a reconnect takes seconds) rather than fail at once.
    while (!l && !owner_.http_api_url_ && !owner_.stopping_ && std::chrono::steady_clock::now() < deadline) {
        co_await waiting_for_link_.wait(owner_.core().io().get_executor(), deadline);
        l = action_link();
    }
    co_return l;
}

std::chrono::steady_clock::time_point account::call_deadline() const {
    return std::chrono::steady_clock::now() +
           std::chrono::duration_cast<std::chrono::milliseconds>(owner_.config().common.call_timeout);
}

bot::task<bot::result<json>> account::call(std::function<json(json echo)> const& build) {
    auto deadline = call_deadline();
    auto l = co_await link_for_call(deadline);
    auto echo = calls_.next_echo();
    auto frame = build(echo);
    if (!l) {
        if (owner_.http_api_url_) co_return co_await owner_.http_call(std::move(frame));
        co_return no_connection();
    }
    co_return co_await calls_.send(*l->ws, echo, frame, deadline);
}

bot::error account::no_connection() const {
    return bot::error{bot::errc::not_connected, "account " + self_.str() + " has no connection"};
}

bot::task<bot::result<bot::id>> account::send(bot::target to, bot::message msg) {
    // Written as text, not as a JSON tree: a send is the action of nearly every reply.
    auto built = send_msg_text(to, msg);
    if (!built) co_return built.err();
    auto deadline = call_deadline();
    auto l = co_await link_for_call(deadline);
    auto echo = calls_.next_echo();
    bot::result<json> r = no_connection();
    if (l)
        r = co_await calls_.send(*l->ws, echo, built->with_echo(echo), built->action, deadline);
    else if (owner_.http_api_url_)
        r = co_await owner_.http_call(json::parse(built->with_echo(echo)));
    if (!r) co_return r.err();
    co_return parse_message_id(*r);
}

bot::task<bot::status> account::recall(bot::id message_id) {
    auto r = co_await call([&](json echo) { return delete_msg(message_id, std::move(echo)); });
    co_return as_status(r);
}

bot::task<bot::status> account::mute(bot::id group, bot::id user, std::chrono::seconds duration) {
    auto r = co_await call([&](json echo) { return set_group_ban(group, user, duration, std::move(echo)); });
    co_return as_status(r);
}

bot::task<bot::status> account::kick(bot::id group, bot::id user, bool reject_rejoin) {
    auto r = co_await call([&](json echo) { return set_group_kick(group, user, reject_rejoin, std::move(echo)); });
    co_return as_status(r);
}

bot::task<bot::result<bot::member_info>> account::member(bot::id group, bot::id user) {
    auto r = co_await call([&](json echo) { return get_group_member_info(group, user, false, std::move(echo)); });
    if (!r) co_return r.err();
    co_return parse_member_info(*r);
}

bot::task<bot::result<std::vector<bot::member_info>>> account::members(bot::id group) {
    auto r = co_await call([&](json echo) { return get_group_member_list(group, std::move(echo)); });
    if (!r) co_return r.err();
    co_return parse_member_list(*r);
}

bot::task<bot::status> account::answer_request(bot::request_answer answer) {
    auto it = requests_.find(answer.flag.str());
    bool invite = it != requests_.end() && it->second;
    auto r = co_await call([&](json echo) { return onebot11::answer_request(answer, invite, std::move(echo)); });
    if (r && it != requests_.end()) requests_.erase(answer.flag.str());
    co_return as_status(r);
}

bot::task<bot::status> account::mute_all(bot::id group, bool on) {
    auto r = co_await call([&](json echo) { return set_group_whole_ban(group, on, std::move(echo)); });
    co_return as_status(r);
}

bot::task<bot::status> account::set_card(bot::id group, bot::id user, std::string card) {
    auto r = co_await call([&](json echo) { return set_group_card(group, user, card, std::move(echo)); });
    co_return as_status(r);
}

bot::task<bot::status> account::set_title(bot::id group, bot::id user, std::string title) {
    auto r = co_await call([&](json echo) { return set_group_special_title(group, user, title, std::move(echo)); });
    co_return as_status(r);
}

bot::task<bot::status> account::set_essence(bot::id message_id) {
    auto r = co_await call([&](json echo) { return set_essence_msg(message_id, std::move(echo)); });
    co_return as_status(r);
}

}  // namespace adapters::onebot11
