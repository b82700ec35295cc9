#include "bot/session.hpp"

#include <spdlog/spdlog.h>

#include "bot/core.hpp"

namespace bot {

session::session(core& c, event e, std::shared_ptr<bot::api> const& account, std::shared_ptr<bot::api> const& replier,
                 std::uint64_t sighting)
    : core_(c), event_(std::move(e)), api_(account), replier_(replier ? replier : account), sighting_(sighting) {
    group_ = event_.group();
}

bot::sender const* session::sender() const {
    if (auto m = event_.as<ev::group_message>()) return &m->from;
    if (auto p = event_.as<ev::private_message>()) return &p->from;
    return nullptr;
}

std::string session::user_name() const {
    if (auto s = sender()) return s->display_name();
    if (auto j = event_.as<ev::member_joined>(); j && !j->nickname.empty()) return j->nickname;
    return user_id().str();
}

bot::role session::role() const {
    if (auto s = sender()) return s->role;
    return role::member;
}

message const* session::content() const {
    if (auto m = event_.as<ev::group_message>()) return &m->content;
    if (auto p = event_.as<ev::private_message>()) return &p->content;
    return nullptr;
}

std::shared_ptr<command const> const& session::command_called() const {
    if (!command_) {
        auto const* c = content();
        std::shared_ptr<command const> found;
        if (c)
            if (auto m = core_.commands().match(*c, event_.self_id, core_.config().bot.command_prefixes)) found = m->cmd;
        command_ = std::move(found);
    }
    return *command_;
}

std::string session::text() const {
    auto c = content();
    return c ? c->plain_text() : std::string();
}

id session::message_id() const {
    if (auto m = event_.as<ev::group_message>()) return m->message_id;
    if (auto p = event_.as<ev::private_message>()) return p->message_id;
    return {};
}

bool session::is_superuser() const { return is_superuser(user_id()); }

bool session::is_superuser(id const& user) const { return core_.is_superuser(event_.platform, user); }

bool session::to_me() const {
    if (event_.is<ev::private_message>()) return true;
    auto c = content();
    return c && c->mentions(event_.self_id);
}

time_point session::now() const { return core_.clock().now(); }

time_point session::sent_at() const {
    auto now = this->now();
    auto sent = ev().time;
    switch (check_event_time(sent, now)) {
        case event_time_check::plausible: return sent;
        case event_time_check::missing: break;  // an event without a time: nothing to say
        case event_time_check::future:
            spdlog::warn("{} event {} says it was sent at {}, {}s ahead of the bot's clock; using the time it arrived",
                         ev().platform, ev().dedupe_key(), sent.time_since_epoch().count(), (sent - now).count());
            break;
        case event_time_check::too_old:
            spdlog::warn("{} event {} says it was sent at {}, {}s before it arrived; taking that for a wrong clock "
                         "and using the time it arrived",
                         ev().platform, ev().dedupe_key(), sent.time_since_epoch().count(), (now - sent).count());
            break;
    }
    return now;
}

time_zone const& session::tz() const {
    if (!tz_) tz_ = group_ ? core_.group_tz(*group_) : time_zone::must_load(core_.config().bot.timezone);
    return *tz_;
}

int session::close_hour() const { return group_ ? core_.group_close_hour(*group_) : core_.config().bot.day_close_hour; }

civil_date session::today() const { return day_of(now(), tz(), close_hour()); }

civil_time session::local_time() const { return tz().to_local(now()); }

namespace {

/// A message from `asked.user()` in the chat `asked` happened in.
bool from_member_in_chat(event const& asked, event const& e) {
    if (e.platform != asked.platform || e.user() != asked.user()) return false;
    // A group is the same through every bot account in it; a private chat is with one account.
    auto g = asked.group();
    if (auto const* m = e.as<ev::group_message>()) return g && m->group == g->group;
    if (e.is<ev::private_message>()) return !g && e.self_id == asked.self_id;
    return false;
}

}  // namespace

bool session::same_member_same_chat(event const& e) const { return from_member_in_chat(event_, e); }

task<wait_result> session::next_message(std::chrono::seconds timeout) {
    return wait_for([](event const&) { return true; }, timeout);
}

task<wait_result> session::wait_for(std::function<bool(event const&)> pred, std::chrono::seconds timeout) {
    std::function<bool(event const&)> both = [asked = event_, pred = std::move(pred)](event const& e) {
        return from_member_in_chat(asked, e) && pred(e);
    };
    return core_.wait(chain_, std::move(both), timeout);
}

task<result<id>> session::reply(message m) {
    auto id = message_id();
    // Message IDs are per account: another account quotes the message only by its own ID for it,
    // known once its copy has arrived; a foreign ID would quote some other message, or fail.
    auto through = replier();
    if (through && through != api()) {
        auto theirs = sighting_ ? core_.message_id_for(sighting_, *through) : std::nullopt;
        id = theirs.value_or(bot::id{});
    }
    if (!id.empty()) m.reply_to(id);
    return send(std::move(m));
}

task<result<id>> session::send(message m) {
    auto through = replier();
    if (!through) return [](std::string who) -> task<result<bot::id>> {
        co_return error{errc::not_connected, "the account " + who + " is not connected"};
    }(event_.self_id.str());
    // api::send keeps the account alive until the message is out (or the account went).
    if (group_) return through->send(target::group_of(group_->group), std::move(m));
    return through->send(target::user_of(user_id()), std::move(m));
}

}  // namespace bot
