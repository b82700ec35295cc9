#include "bot/api.hpp"

#include <spdlog/spdlog.h>

namespace bot {

namespace {

status unsupported(std::string_view what, std::string const& platform) {
    return error{errc::unsupported, std::string(what) + " is not supported on " + platform};
}

error gone(api const& a) {
    return error{errc::not_connected, "the account " + a.self_id().str() + " on " + a.platform_name() + " is not connected"};
}

/// Logs a failed moderation call; the caller decides what to tell the group.
template <typename T>
T logged(T r, std::string_view what) {
    if (!r) spdlog::warn("{} failed: {} {}", what, errc_name(r.err().code), r.err().detail);
    return r;
}

}  // namespace

task<status> api::recall(id message_id) {
    auto self = shared_from_this();  // the call keeps the account alive
    if (!platform_) co_return gone(*this);
    if (!caps().recall) co_return unsupported("recall", platform_name());
    co_return logged(co_await platform_->recall(std::move(message_id)), "recall");
}

task<status> api::mute(id group, id user, std::chrono::seconds duration) {
    auto self = shared_from_this();  // the call keeps the account alive
    if (!platform_) co_return gone(*this);
    if (!caps().mute) co_return unsupported("mute", platform_name());
    co_return logged(co_await platform_->mute(std::move(group), std::move(user), duration), "mute");
}

task<status> api::kick(id group, id user, bool reject_rejoin) {
    auto self = shared_from_this();  // the call keeps the account alive
    if (!platform_) co_return gone(*this);
    if (!caps().kick) co_return unsupported("kick", platform_name());
    co_return logged(co_await platform_->kick(std::move(group), std::move(user), reject_rejoin), "kick");
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
    co_return logged(co_await platform_->answer_request(std::move(answer)), "answer_request");
}

void api::detach() {
    platform_ = nullptr;
    outbox_.detach();
}

task<result<id>> api::send(target to, message msg) {
    auto self = shared_from_this();  // a send waiting for its slot keeps the outbox alive
    co_return co_await outbox_.send(std::move(to), std::move(msg));
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
