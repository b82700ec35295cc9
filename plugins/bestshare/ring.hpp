#pragma once
/// The recent group messages a /提名 reply can quote: a bounded ring per group in memory (message
/// id → author, name, text), so that nothing is written per chat message. A message older than the
/// ring, or from before a restart, is unknown, and the member is told how to nominate instead.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>

#include "bot/id.hpp"

namespace plugins::bestshare {

struct seen_message {
    bot::id message;
    bot::id user;
    std::string name;
    std::string text;
};

class message_ring {
public:
    explicit message_ring(std::size_t per_group) : cap_(per_group) {}
    void add(std::string const& group, seen_message m);
    std::optional<seen_message> find(std::string const& group, bot::id const& message) const;
    /// The member's latest message that is not a command (does not start with "/").
    std::optional<seen_message> last_of(std::string const& group, bot::id const& user) const;
    std::size_t size(std::string const& group) const;

private:
    std::size_t cap_;
    std::map<std::string, std::deque<seen_message>> groups_;
};

}  // namespace plugins::bestshare
