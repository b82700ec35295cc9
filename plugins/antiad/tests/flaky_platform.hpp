#pragma once
// The fake chat's platform with recalls, mutes and kicks that fail on demand, as when the bot is
// not a group admin or the message is too old to recall. The recording fake has no switch for
// these (only for sends), so this decorator takes its place as the chat's account and forwards
// everything else to it.

#include <string>

#include "bot/core.hpp"
#include "bot/platform.hpp"
#include "tests/support/fake_chat.hpp"

namespace antiad_test {

class flaky_platform final : public bot::platform {
public:
    /// Becomes the chat's account until destroyed; then the recording fake is the account again.
    explicit flaky_platform(testing::fake_chat& chat) : chat_(chat) { chat_.bot().attach(*this); }
    ~flaky_platform() override { chat_.bot().attach(chat_.platform()); }
    flaky_platform(flaky_platform const&) = delete;
    flaky_platform& operator=(flaky_platform const&) = delete;

    bool fail_recall = false;
    bool fail_mute = false;
    bool fail_kick = false;
    /// What the platform answers when a call fails.
    std::string reason = "bot is not an admin";

    std::string const& name() const override { return inner().name(); }
    bot::id const& self_id() const override { return inner().self_id(); }
    bot::capabilities const& caps() const override { return inner().caps(); }

    bot::task<bot::result<bot::id>> send(bot::target to, bot::message msg) override {
        return inner().send(std::move(to), std::move(msg));
    }
    bot::task<bot::status> recall(bot::id message_id) override {
        if (fail_recall) return refuse();
        return inner().recall(std::move(message_id));
    }
    bot::task<bot::status> mute(bot::id group, bot::id user, std::chrono::seconds duration) override {
        if (fail_mute) return refuse();
        return inner().mute(std::move(group), std::move(user), duration);
    }
    bot::task<bot::status> kick(bot::id group, bot::id user, bool reject_rejoin) override {
        if (fail_kick) return refuse();
        return inner().kick(std::move(group), std::move(user), reject_rejoin);
    }
    bot::task<bot::result<bot::member_info>> member(bot::id group, bot::id user) override {
        return inner().member(std::move(group), std::move(user));
    }
    bot::task<bot::result<std::vector<bot::member_info>>> members(bot::id group) override {
        return inner().members(std::move(group));
    }
    bot::task<bot::status> answer_request(bot::request_answer answer) override {
        return inner().answer_request(std::move(answer));
    }

private:
    testing::fake_platform& inner() const { return chat_.platform(); }
    bot::task<bot::status> refuse() const {
        auto why = reason;
        co_return bot::error{bot::errc::rejected, why};
    }

    testing::fake_chat& chat_;
};

}  // namespace antiad_test
