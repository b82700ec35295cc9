#pragma once
/// Recognises one group message seen through several bot accounts of the same group.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "bot/event.hpp"

namespace bot {

/// What identifies a group message in the group, whatever account saw it: its platform, group,
/// sender, time and a digest of its content, and the group's sequence number where the platform
/// reports one. Message IDs are not part of it: QQ gives each account its own.
struct message_print {
    std::uint64_t content = 0;  ///< platform, group, sender and content, without the time
    std::int64_t second = 0;    ///< the message's time, in Unix seconds
    std::uint64_t seq = 0;      ///< platform, group and sequence number; 0 when there is none

    /// The print of a group message event.
    static message_print of(event const& e, ev::group_message const& m);
};

/// Copies of group messages, by account. n identical messages (same sender, second and content)
/// seen through each of several accounts are n messages: a copy is a duplicate only when another
/// account has a copy of the same message that this account has not matched yet.
class sightings {
public:
    using steady = std::chrono::steady_clock::time_point;

    sightings(std::chrono::seconds window, std::size_t max_entries) : window_(window), max_entries_(max_entries) {}

    /// Records a copy seen through `account` (with the ID the message has there). Returns the
    /// message's serial number and whether this is its first copy, i.e. the event is new.
    std::pair<std::uint64_t, bool> record(std::string const& account, id message_id, message_print const& print,
                                          steady now);
    /// The ID the message has for `account`, once that account's copy has arrived.
    std::optional<id> id_for(std::uint64_t serial, std::string const& account) const;

    std::size_t size() const { return entries_.size(); }

private:
    struct entry {
        std::uint64_t serial = 0;
        steady seen{};
        message_print print;
        std::vector<std::pair<std::string, id>> copies;  ///< account → the message's ID there

        bool seen_by(std::string const& account) const;
    };
    entry* find(std::uint64_t serial);
    entry const* find(std::uint64_t serial) const;
    entry* match(std::string const& account, message_print const& print);
    void expire(steady now);
    static std::uint64_t bucket(std::uint64_t content, std::int64_t second);

    std::chrono::seconds window_;
    std::size_t max_entries_;
    std::uint64_t next_serial_ = 1;
    std::deque<entry> entries_;  ///< oldest first; serials are consecutive
    std::unordered_multimap<std::uint64_t, std::uint64_t> by_print_;  ///< bucket(content, second) → serial
    std::unordered_multimap<std::uint64_t, std::uint64_t> by_seq_;    ///< seq → serial
};

}  // namespace bot
