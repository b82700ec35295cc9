#pragma once
/// What happened since the last write, in memory: per group and day the counters, and per member
/// their messages. A message only adds to these; a flush writes them all in one transaction.
/// The open questions wait here too, for a reply or a mention of the asker (bounded per group).

#include <cstddef>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "bot/clock.hpp"
#include "bot/timezone.hpp"

namespace plugins::stats {

struct member_delta {
    std::string name;
    int messages = 0;
};

/// The counts one group day gained since the last flush.
struct day_delta {
    int messages = 0;
    int questions = 0;
    int answered = 0;
    int joined = 0;
    int left = 0;
    std::unordered_map<std::string, member_delta> members;  ///< by encoded user ID
};

/// (group key, day serial) → what it gained, in the order the rows are written.
using deltas = std::map<std::pair<std::string, long>, day_delta>;

class tally {
public:
    /// A member's message (`user` empty for an anonymous one: counted, but for nobody).
    void message(std::string const& group, bot::civil_date day, std::string const& user, std::string const& name,
                 bool question);
    void answered(std::string const& group, bot::civil_date day) { ++at(group, day).answered; }
    void joined(std::string const& group, bot::civil_date day) { ++at(group, day).joined; }
    void left(std::string const& group, bot::civil_date day) { ++at(group, day).left; }
    bool empty() const { return pending_.empty(); }
    /// The member days counted since the last take(): what a flush writes besides the group days.
    std::size_t member_days() const { return member_days_; }
    /// Everything counted so far; the tally is empty afterwards.
    deltas take();
    /// Puts back what a failed write took, so the next flush tries again.
    void restore(deltas d);

private:
    /// Found by the group's key without copying it: a message costs two hash lookups.
    struct key_hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };
    day_delta& at(std::string const& group, bot::civil_date day);
    std::unordered_map<std::string, std::unordered_map<long, day_delta>, key_hash, std::equal_to<>> pending_;
    std::size_t member_days_ = 0;
};

/// The questions of each group still waiting for an answer, oldest first, at most `per_group`.
class question_book {
public:
    explicit question_book(std::size_t per_group = 200) : per_group_(per_group) {}

    void asked(std::string const& group, std::string const& message_id, std::string const& asker, bot::time_point at,
               bot::civil_date day);
    /// A message by `by` at `at`, quoting `reply_to` (empty: none) and mentioning `mentioned`: the
    /// days of the questions it answers. A reply answers the quoted question; a mention answers the
    /// asker's latest open question. Never the asker's own message, never after `window`, each once.
    std::vector<bot::civil_date> answer(std::string const& group, std::string const& reply_to,
                                        std::vector<std::string> const& mentioned, std::string const& by,
                                        bot::time_point at, std::chrono::seconds window);
    std::size_t open(std::string const& group) const;

private:
    struct question {
        std::string message_id;
        std::string asker;
        bot::time_point at;
        bot::civil_date day;
    };
    void expire(std::deque<question>& q, bot::time_point now, std::chrono::seconds window);
    std::size_t per_group_;
    std::map<std::string, std::deque<question>> open_;
};

}  // namespace plugins::stats
