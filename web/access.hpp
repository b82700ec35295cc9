#pragma once
/// Who may use the console, and how they prove it: one-time sign-in links, sessions held in an
/// HttpOnly cookie, a CSRF token per session, and a limit on password attempts.

#include <chrono>
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "bot/event.hpp"
#include "bot/message.hpp"

namespace web {

using steady = std::chrono::steady_clock;

/// What a signed-in person may see: every group (superuser), or the groups they administer.
struct grant {
    std::string platform;  ///< the platform the person was recognised on ("qq", "console")
    bot::id user;
    std::string name;
    bool superuser = false;
    bot::role role = bot::role::admin;  ///< their role in `groups` when not a superuser
    std::set<std::string> groups;       ///< group keys; ignored for superusers

    bool may_see(std::string const& group_key) const { return superuser || groups.count(group_key) > 0; }
    /// "alice (superuser)" / "bob (admin of 1 group)", for the audit log.
    std::string who() const;
};

/// A button a page offered: the command it runs and where, remembered by the server so a posted
/// form names the action by token and cannot be altered.
struct offered_action {
    std::string group;
    bot::message command;
    std::string label;
};

struct session {
    std::string id;
    std::string csrf;
    grant who;
    steady::time_point expires;
    std::map<std::string, offered_action> actions;  ///< token → action, newest kept
    std::deque<std::string> action_order;
    std::string flash;  ///< a result to show on the next page
};

class access {
public:
    access(std::chrono::minutes link_life, std::chrono::hours session_life,
           std::function<steady::time_point()> now = [] { return steady::now(); });

    /// A new one-time link token for `g`.
    std::string issue_link(grant g);
    /// Exchanges a link token for a session, once; nullopt when unknown, used or expired.
    session* redeem(std::string const& token);
    /// A session for a password sign-in.
    session* open(grant g);
    /// The session a cookie names, while it lasts.
    session* find(std::string const& session_id);
    void close(std::string const& session_id);
    /// Remembers an action a page offers; returns its token.
    std::string offer(session& s, offered_action a);

    /// Password attempts: false when `who` (a remote address) has failed too often lately.
    bool may_try(std::string const& who);
    void failed(std::string const& who);

    std::size_t sessions() const { return sessions_.size(); }
    /// How long a link lasts, for the message that carries it.
    std::chrono::minutes link_life() const { return link_life_; }

private:
    void sweep();
    std::chrono::minutes link_life_;
    std::chrono::hours session_life_;
    std::function<steady::time_point()> now_;
    struct link {
        grant who;
        steady::time_point expires;
    };
    std::map<std::string, link> links_;
    std::map<std::string, session> sessions_;
    std::map<std::string, std::deque<steady::time_point>> failures_;
};

/// 32 random bytes as 64 hex digits (libsodium's randombytes).
std::string random_token();
/// Constant-time comparison of two tokens.
bool same_token(std::string const& a, std::string const& b);

}  // namespace web
