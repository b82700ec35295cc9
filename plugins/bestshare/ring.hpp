#pragma once
/// The recent group messages a /提名 reply can quote: a ring per group in memory (message id →
/// author, name, text), bounded per group and in bytes over all groups, so that nothing is written
/// per chat message. A message older than the
/// ring, or from before a restart, is unknown, and the member is told how to nominate instead.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "bot/id.hpp"
#include "bot/recent_by_group.hpp"

namespace plugins::bestshare {

struct seen_message {
    bot::id message;
    bot::id user;
    std::string name;
    std::string text;
};

class message_ring {
public:
    /// The whole ring's bound in bytes, over all the groups.
    static constexpr std::size_t default_max_bytes = std::size_t{8} << 20;

    explicit message_ring(std::size_t per_group, std::size_t max_bytes = default_max_bytes);
    void add(std::string const& group, seen_message m) { recent_.add(group, std::move(m)); }
    std::optional<seen_message> find(std::string const& group, bot::id const& message) const;
    /// The member's latest message that is not a command (does not start with "/").
    std::optional<seen_message> last_of(std::string const& group, bot::id const& user) const;
    std::size_t size(std::string const& group) const { return recent_.size(group); }
    std::size_t bytes() const { return recent_.bytes(); }

private:
    bot::recent_by_group<seen_message> recent_;
};

}  // namespace plugins::bestshare
