#include <spdlog/spdlog.h>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "adapters/onebot12/actions.hpp"
#include "adapters/onebot12/adapter.hpp"

namespace adapters::onebot12 {

using nlohmann::json;

namespace {

using builder = std::function<json(std::string const& echo)>;

bot::status as_status(bot::result<json> const& r) {
    if (!r) return r.err();
    return parse_status(*r);
}

// A prepared frame with the call's echo put in.
builder with_echo(json frame) {
    return [frame = std::move(frame)](std::string const& echo) {
        auto f = frame;
        f["echo"] = echo;
        return f;
    };
}

}  // namespace

account::account(adapter& owner, self_ref self) : owner_(owner), self_(std::move(self)) {}

std::shared_ptr<link> account::action_link() const {
    for (auto it = links_.rbegin(); it != links_.rend(); ++it)
        if ((*it)->ws->is_open()) return *it;
    return nullptr;
}

void account::link_added() { waiting_for_link_.wake(); }

bot::task<bot::result<json>> account::call(builder const& build) {
    auto const timeout = std::chrono::duration_cast<std::chrono::milliseconds>(owner_.config().common.call_timeout);
    auto deadline = std::chrono::steady_clock::now() + timeout;
    auto l = action_link();
    // No connection now: wait for one (a reconnect takes seconds) rather than fail at once.
    while (!l && !owner_.stopping_ && std::chrono::steady_clock::now() < deadline) {
        co_await waiting_for_link_.wait(owner_.core().io().get_executor(), deadline);
        l = action_link();
    }
    if (!l) co_return bot::error{bot::errc::not_connected, "account " + self_.user.str() + " has no connection"};
    auto echo = owner_.next_echo();
    co_return co_await owner_.calls_.send(*l->ws, json(echo), build(echo), deadline);
}

bot::task<bot::result<bot::id>> account::send(bot::target to, bot::message msg) {
    // v12 sends media by file_id: pictures and files given by URL are uploaded first. One that
    // fails to upload is left out, with a log line, rather than failing the whole message.
    uploaded_files uploaded;
    auto needed = uploads_needed(msg);
    for (auto const& file : needed) {
        builder build = [&](std::string const& echo) { return upload_file(file, echo, self_); };
        auto r = co_await call(build);
        auto file_id = r ? parse_file_id(*r) : bot::result<std::string>(r.err());
        if (file_id)
            uploaded[file.url] = *file_id;
        else
            spdlog::warn("onebot12 {}: could not upload {} ({}); sending the message without it", self_.user.str(),
                         file.url, file_id.err().detail);
    }
    auto built = send_message(to, msg, impl_, uploaded, "", self_);
    if (!built) co_return built.err();
    auto build = with_echo(std::move(built).value());
    auto r = co_await call(build);
    if (!r) co_return r.err();
    co_return parse_message_id(*r);
}

bot::task<bot::status> account::recall(bot::id message_id) {
    if (!impl_.caps.recall) co_return bot::error{bot::errc::unsupported, impl_.name + " cannot recall messages"};
    builder build = [&](std::string const& echo) { return delete_message(message_id, echo, self_); };
    auto r = co_await call(build);
    co_return as_status(r);
}

bot::task<bot::status> account::mute(bot::id, bot::id, std::chrono::seconds) {
    co_return bot::error{bot::errc::unsupported, "OneBot v12 (" + impl_.name + ") has no mute"};
}

bot::task<bot::status> account::kick(bot::id group, bot::id user, bool) {
    auto built = onebot12::kick(group, user, impl_, "", self_);
    if (!built) co_return built.err();
    auto build = with_echo(std::move(built).value());
    auto r = co_await call(build);
    co_return as_status(r);
}

bot::task<bot::result<bot::member_info>> account::member(bot::id group, bot::id user) {
    builder build = [&](std::string const& echo) { return get_group_member_info(group, user, echo, self_); };
    auto r = co_await call(build);
    if (!r) co_return r.err();
    co_return parse_member_info(*r);
}

bot::task<bot::result<std::vector<bot::member_info>>> account::members(bot::id group) {
    builder build = [&](std::string const& echo) { return get_group_member_list(group, echo, self_); };
    auto r = co_await call(build);
    if (!r) co_return r.err();
    co_return parse_member_list(*r);
}

bot::task<bot::status> account::answer_request(bot::request_answer answer) {
    auto built = onebot12::answer_request(answer, impl_, "", self_);
    if (!built) co_return built.err();
    if (!built.value()) co_return bot::ok();  // a WeChat friend request is declined by not accepting it
    auto build = with_echo(std::move(*built.value()));
    auto r = co_await call(build);
    co_return as_status(r);
}

}  // namespace adapters::onebot12
