#pragma once
/// Rules and permissions as values, combined with && and || and attached declaratively.

#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace bot {

class session;

/// A predicate over the event being handled, with a readable description ("group_admin || superuser").
class condition {
public:
    using fn = std::function<bool(session const&)>;
    condition(std::string name, fn test) : node_(std::make_shared<node>(node{std::move(name), std::move(test)})) {}

    bool operator()(session const& s) const { return node_->test(s); }
    std::string const& describe() const { return node_->name; }

    friend condition operator&&(condition const& a, condition const& b);
    friend condition operator||(condition const& a, condition const& b);
    friend condition operator!(condition const& a);

private:
    struct node {
        std::string name;
        fn test;
    };
    std::shared_ptr<node const> node_;
};

namespace rule {
/// Always true.
extern condition const always;
/// The event happened in a group.
extern condition const in_group;
/// The event is a private message.
extern condition const in_private;
/// The message @-mentions the bot, or is private.
extern condition const to_me;
}  // namespace rule

namespace perm {
/// Anyone.
extern condition const member;
/// A group admin or the group owner (by their role in the group the message came from).
extern condition const group_admin;
/// The group owner.
extern condition const group_owner;
/// A superuser listed in bot.toml [bot] superusers.
extern condition const superuser;
/// The usual admin check: group_admin || superuser.
extern condition const admin;
/// admin, or a member who holds the bot-level role 分管 (moderator) in the group now: granted for
/// good with `/role grant`, or on a duty shift. The moderation commands ask for it.
extern condition const moderator;
}  // namespace perm

/// Parses a permission expression from bot.toml, such as "group_admin || superuser" or
/// "(group_owner || group_admin) && !member"; names: member, group_admin, group_owner, superuser, admin,
/// moderator; throws std::invalid_argument saying what was expected.
condition parse_permission(std::string_view expr);

}  // namespace bot
