#include "bot/api.hpp"

#include <spdlog/spdlog.h>

#include "bot/log_every.hpp"

namespace bot {

namespace {

status unsupported(std::string_view what, std::string const& platform) {
    return error{errc::unsupported, std::string(what) + " is not supported on " + platform};
}

error gone(api const& a) {
    return error{errc::not_connected, "the account " + a.self_id().str() + " on " + a.platform_name() + " is not connected"};
}

/// Logs a failed moderation call and tells the account's observer; the caller decides what to
/// tell the group.
template <typename T>
T logged(api const& a, T r, std::string_view what) {
    // One line per ten seconds at most: a platform that refuses or does not answer fails them all.
    static log_every failures;
    if (!r) {
        if (auto n = failures.due(); n == 1)
            spdlog::warn("{} failed: {} {}", what, errc_name(r.err().code), r.err().detail);
        else if (n > 1)
            spdlog::warn("{} moderation calls failed since the last such line; the last, {}: {} {}", n, what,
                         errc_name(r.err().code), r.err().detail);
    }
    a.note_action(what, bool(r));
    return r;
}

}  // namespace

task<status> api::recall(id message_id) {
    auto self = shared_from_this();  // the call keeps the account alive
    if (!platform_) co_return gone(*this);
    if (!caps().recall) co_return unsupported("recall", platform_name());
    co_return logged(*this, co_await platform_->recall(std::move(message_id)), "recall");
}

task<status> api::mute(id group, id user, std::chrono::seconds duration, std::string why) {
    auto self = shared_from_this();  // the call keeps the account alive
    if (!platform_) co_return gone(*this);
    if (!caps().mute) co_return unsupported("mute", platform_name());
    auto r = logged(*this, co_await platform_->mute(group, user, duration), "mute");
    if (r && on_mute_) on_mute_(group, user, duration, why);
    co_return r;
}

task<status> api::mute_all(id group, bool on) {
    auto self = shared_from_this();  // the call keeps the account alive
    if (!platform_) co_return gone(*this);
    if (!caps().whole_mute) co_return unsupported("whole-group mute", platform_name());
    co_return logged(*this, co_await platform_->mute_all(std::move(group), on), "mute_all");
}

task<status> api::set_card(id group, id user, std::string card) {
    auto self = shared_from_this();  // the call keeps the account alive
    if (!platform_) co_return gone(*this);
    if (!caps().set_card) co_return unsupported("setting group cards", platform_name());
    co_return logged(*this, co_await platform_->set_card(std::move(group), std::move(user), std::move(card)), "set_card");
}

task<status> api::set_title(id group, id user, std::string title) {
    auto self = shared_from_this();  // the call keeps the account alive
    if (!platform_) co_return gone(*this);
    if (!caps().special_title) co_return unsupported("special titles", platform_name());
    co_return logged(*this, co_await platform_->set_title(std::move(group), std::move(user), std::move(title)), "set_title");
}

task<status> api::set_essence(id message_id) {
    auto self = shared_from_this();  // the call keeps the account alive
    if (!platform_) co_return gone(*this);
    if (!caps().essence) co_return unsupported("essence messages", platform_name());
    co_return logged(*this, co_await platform_->set_essence(std::move(message_id)), "set_essence");
}

// The defaults for platforms without group administration.
task<status> platform::mute_all(id, bool) { co_return unsupported("whole-group mute", name()); }
task<status> platform::set_card(id, id, std::string) { co_return unsupported("setting group cards", name()); }
task<status> platform::set_title(id, id, std::string) { co_return unsupported("special titles", name()); }
task<status> platform::set_essence(id) { co_return unsupported("essence messages", name()); }

task<status> api::kick(id group, id user, bool reject_rejoin) {
    auto self = shared_from_this();  // the call keeps the account alive
    if (!platform_) co_return gone(*this);
    if (!caps().kick) co_return unsupported("kick", platform_name());
    co_return logged(*this, co_await platform_->kick(std::move(group), std::move(user), reject_rejoin), "kick");
}

task<result<member_info>> api::member(id group, id user) {
    auto self = shared_from_this();  // the call keeps the account alive
    if (!platform_) co_return gone(*this);
    if (!caps().member_info) co_return error{errc::unsupported, "member_info is not supported on " + platform_name()};
    co_return co_await platform_->member(std::move(group), std::move(user));
}

task<result<std::vector<member_info>>> api::members(id group) {
    auto self = shared_from_this();  // the call keeps the account alive
    if (!platform_) co_return gone(*this);
    if (!caps().member_list) co_return error{errc::unsupported, "member_list is not supported on " + platform_name()};
    co_return co_await platform_->members(std::move(group));
}

task<status> api::answer_request(request_answer answer) {
    auto self = shared_from_this();  // the call keeps the account alive
    if (!platform_) co_return gone(*this);
    if (!caps().join_requests) co_return unsupported("answering requests", platform_name());
    co_return logged(*this, co_await platform_->answer_request(std::move(answer)), "answer_request");
}

void api::detach() {
    platform_ = nullptr;
    outbox_.detach();
}

task<result<id>> api::send(target to, message msg) {
    auto self = shared_from_this();  // a send waiting for its slot keeps the outbox alive
    auto r = co_await outbox_.send(std::move(to), std::move(msg));
    note_action("send", bool(r));
    co_return r;
}

std::string_view errc_name(errc e) {
    switch (e) {
        case errc::unsupported: return "unsupported";
        case errc::not_connected: return "not_connected";
        case errc::timeout: return "timeout";
        case errc::rejected: return "rejected";
        case errc::bad_request: return "bad_request";
        case errc::not_found: return "not_found";
        case errc::internal: break;
    }
    return "internal";
}

}  // namespace bot
