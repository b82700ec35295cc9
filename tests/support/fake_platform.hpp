#pragma once
/// A platform that records what the bot does, with members and roles, and can fail on demand.

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/steady_timer.hpp>

#include "bot/platform.hpp"

namespace testing {

/// One thing the bot did on the platform.
struct action {
    std::string kind;  ///< "send", "recall", "mute", "kick", "answer", "mute_all", "card", "title", "essence"
    bot::target to;
    bot::message msg;
    bot::id message_id;
    bot::id user;
    std::chrono::seconds duration{0};
    bool approve = false;  ///< an answer's approval; for mute_all, on or off
    std::string text() const { return msg.plain_text(); }
};

class fake_platform final : public bot::platform {
public:
    explicit fake_platform(std::string name = "test", bot::id self = bot::id("bot"));

    std::string const& name() const override { return name_; }
    bot::id const& self_id() const override { return self_; }
    bot::capabilities const& caps() const override { return caps_; }

    bot::task<bot::result<bot::id>> send(bot::target to, bot::message msg) override;
    bot::task<bot::status> recall(bot::id message_id) override;
    bot::task<bot::status> mute(bot::id group, bot::id user, std::chrono::seconds duration) override;
    bot::task<bot::status> kick(bot::id group, bot::id user, bool reject_rejoin) override;
    bot::task<bot::result<bot::member_info>> member(bot::id group, bot::id user) override;
    bot::task<bot::result<std::vector<bot::member_info>>> members(bot::id group) override;
    bot::task<bot::status> answer_request(bot::request_answer answer) override;
    bot::task<bot::status> mute_all(bot::id group, bool on) override;
    /// The card or title goes in the action's msg, as text.
    bot::task<bot::status> set_card(bot::id group, bot::id user, std::string card) override;
    bot::task<bot::status> set_title(bot::id group, bot::id user, std::string title) override;
    bot::task<bot::status> set_essence(bot::id message_id) override;

    bot::capabilities caps_;
    std::vector<action> actions;
    /// The next `fail_sends` sends fail with `rejected` (like a platform's risk control).
    int fail_sends = 0;
    /// While set, recalls, mutes or kicks fail with `rejected` and `fail_reason`, as when the bot is
    /// not a group admin or the message is too old to recall; nothing is recorded for them.
    bool fail_recall = false;
    bool fail_mute = false;
    bool fail_kick = false;
    /// While set, whole-group mutes, cards, titles and essence fail the same way.
    bool fail_admin = false;
    std::string fail_reason = "bot is not an admin";
    /// While set, sends hang like a dead connection: each waits `hang_for` and then fails with
    /// `timeout`, unless release() lets it through first.
    bool hang_sends = false;
    std::chrono::milliseconds hang_for{std::chrono::hours(1)};
    /// Lets every hanging send go through now.
    void release();
    /// Sends waiting in a hang.
    std::size_t hanging() const { return hung_.size(); }
    /// The texts this account sent.
    std::vector<std::string> sent() const;
    std::map<std::string, std::map<std::string, bot::role>> roles;  ///< group → user → role
    std::map<std::string, std::string> cards;                        ///< user → group card, in every group
    /// The user's card, empty when none was set.
    std::string card_of(std::string const& user) const;

private:
    std::string name_;
    bot::id self_;
    std::int64_t next_id_ = 9000;
    std::vector<std::shared_ptr<boost::asio::steady_timer>> hung_;
};

}  // namespace testing
