#include "tests/support/fake_platform.hpp"

namespace testing {

using namespace bot;

fake_platform::fake_platform(std::string name, id self) : name_(std::move(name)), self_(std::move(self)) {
    caps_.needs_pacing = false;
    caps_.red_packet_events = true;
}

task<result<id>> fake_platform::send(target to, message msg) {
    if (fail_sends > 0) {
        --fail_sends;
        co_return error{errc::rejected, "risk control"};
    }
    auto mid = id(++next_id_);
    actions.push_back({"send", to, std::move(msg), mid, {}, {}, false});
    co_return mid;
}

task<status> fake_platform::recall(id message_id) {
    actions.push_back({"recall", {}, {}, std::move(message_id), {}, {}, false});
    co_return ok();
}

task<status> fake_platform::mute(id group, id user, std::chrono::seconds duration) {
    actions.push_back({"mute", target::group_of(std::move(group)), {}, {}, std::move(user), duration, false});
    co_return ok();
}

task<status> fake_platform::kick(id group, id user, bool) {
    actions.push_back({"kick", target::group_of(std::move(group)), {}, {}, std::move(user), {}, false});
    co_return ok();
}

task<result<member_info>> fake_platform::member(id group, id user) {
    auto r = roles[group.str()][user.str()];
    co_return member_info{user, user.str(), {}, r, {}, {}};
}

task<result<std::vector<member_info>>> fake_platform::members(id group) {
    std::vector<member_info> out;
    for (auto const& [u, r] : roles[group.str()]) out.push_back({id(u), u, {}, r, {}, {}});
    co_return out;
}

task<status> fake_platform::answer_request(request_answer answer) {
    actions.push_back({"answer", {}, {}, answer.flag, {}, {}, answer.approve});
    co_return ok();
}

}  // namespace testing
