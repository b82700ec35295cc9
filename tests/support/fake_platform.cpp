#include "tests/support/fake_platform.hpp"

#include <algorithm>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace testing {

using namespace bot;

fake_platform::fake_platform(std::string name, id self) : name_(std::move(name)), self_(std::move(self)) {
    caps_.needs_pacing = false;
    caps_.red_packet_events = true;
    caps_.whole_mute = true;
    caps_.set_card = true;
    caps_.special_title = true;
    caps_.essence = true;
}

task<result<id>> fake_platform::send(target to, message msg) {
    if (hang_sends) {
        auto ex = co_await boost::asio::this_coro::executor;
        auto timer = std::make_shared<boost::asio::steady_timer>(ex, hang_for);
        hung_.push_back(timer);
        auto [ec] = co_await timer->async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
        std::erase(hung_, timer);
        // Cancelled means released: the send goes through. Expired is the adapter's call_timeout.
        if (ec != boost::asio::error::operation_aborted) co_return error{errc::timeout, "no answer in time"};
    }
    if (fail_sends > 0) {
        --fail_sends;
        co_return error{errc::rejected, "risk control"};
    }
    auto mid = id(++next_id_);
    actions.push_back({"send", to, std::move(msg), mid, {}, {}, false});
    co_return mid;
}

void fake_platform::release() {
    hang_sends = false;
    for (auto const& t : hung_) t->cancel();
}

std::vector<std::string> fake_platform::sent() const {
    std::vector<std::string> out;
    for (auto const& a : actions)
        if (a.kind == "send") out.push_back(a.text());
    return out;
}

task<status> fake_platform::recall(id message_id) {
    if (fail_recall) co_return error{errc::rejected, fail_reason};
    actions.push_back({"recall", {}, {}, std::move(message_id), {}, {}, false});
    co_return ok();
}

task<status> fake_platform::mute(id group, id user, std::chrono::seconds duration) {
    if (fail_mute) co_return error{errc::rejected, fail_reason};
    actions.push_back({"mute", target::group_of(std::move(group)), {}, {}, std::move(user), duration, false});
    co_return ok();
}

task<status> fake_platform::kick(id group, id user, bool) {
    if (fail_kick) co_return error{errc::rejected, fail_reason};
    actions.push_back({"kick", target::group_of(std::move(group)), {}, {}, std::move(user), {}, false});
    co_return ok();
}

std::string fake_platform::card_of(std::string const& user) const {
    auto it = cards.find(user);
    return it == cards.end() ? std::string() : it->second;
}

task<result<member_info>> fake_platform::member(id group, id user) {
    auto r = roles[group.str()][user.str()];
    co_return member_info{user, user.str(), card_of(user.str()), r, {}, {}, {}};
}

task<result<std::vector<member_info>>> fake_platform::members(id group) {
    std::vector<member_info> out;
    for (auto const& [u, r] : roles[group.str()]) out.push_back({id(u), u, card_of(u), r, {}, {}, {}});
    co_return out;
}

task<status> fake_platform::answer_request(request_answer answer) {
    actions.push_back({"answer", {}, {}, answer.flag, {}, {}, answer.approve});
    co_return ok();
}

task<status> fake_platform::mute_all(id group, bool on) {
    if (fail_admin) co_return error{errc::rejected, fail_reason};
    actions.push_back({"mute_all", target::group_of(std::move(group)), {}, {}, {}, {}, on});
    co_return ok();
}

task<status> fake_platform::set_card(id group, id user, std::string card) {
    if (fail_admin) co_return error{errc::rejected, fail_reason};
    actions.push_back({"card", target::group_of(std::move(group)), message(card), {}, std::move(user), {}, false});
    co_return ok();
}

task<status> fake_platform::set_title(id group, id user, std::string title) {
    if (fail_admin) co_return error{errc::rejected, fail_reason};
    actions.push_back({"title", target::group_of(std::move(group)), message(title), {}, std::move(user), {}, false});
    co_return ok();
}

task<status> fake_platform::set_essence(id message_id) {
    if (fail_admin) co_return error{errc::rejected, fail_reason};
    actions.push_back({"essence", {}, {}, std::move(message_id), {}, {}, false});
    co_return ok();
}

}  // namespace testing
