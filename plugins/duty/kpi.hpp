#pragma once
/// The duty KPI as plain values: what a shift counts in memory until it is written (in batches, never
/// one write per message), and which questions the duty admin answered.
///
/// - messages: group messages during the shift (commands included);
/// - members who took part: distinct senders during the shift;
/// - questions answered: messages of the member on duty that quote a recent question
///   (bot::looks_like_question) by someone else, or @-mention its asker within the answer window;
///   each question counts once;
/// - moderation: the moderation commands (/warn, /mute, /recall, /kick, ...) the member on duty ran.

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "bot/event.hpp"

namespace plugins::duty {

/// What a shift gathered and has not written yet.
struct shift_tally {
    std::int64_t messages = 0;
    std::set<bot::id> senders;
    /// Per member on duty: questions answered and moderation actions.
    std::map<bot::id, std::pair<std::int64_t, std::int64_t>> admin;
    bool empty() const { return messages == 0 && senders.empty() && admin.empty(); }
};

/// The counts of all groups, keyed by group and shift key, until taken for writing.
class tally {
public:
    void message(std::string const& group, std::string const& shift, bot::id const& sender);
    void answered(std::string const& group, std::string const& shift, bot::id const& admin, int n = 1);
    void moderated(std::string const& group, std::string const& shift, bot::id const& admin, int n = 1);
    /// Everything counted so far, leaving it empty.
    std::map<std::pair<std::string, std::string>, shift_tally> take();
    /// What is pending for one shift (nullptr when nothing).
    shift_tally const* pending(std::string const& group, std::string const& shift) const;
    /// Puts back what a failed write took.
    void restore(std::map<std::pair<std::string, std::string>, shift_tally> back);

private:
    std::map<std::pair<std::string, std::string>, shift_tally> pending_;
};

/// The recent questions of each group, bounded, to tell an answer when the duty admin replies.
class question_book {
public:
    static constexpr std::size_t per_group = 200;

    void asked(std::string const& group, bot::id const& message, bot::id const& asker, bot::time_point at);
    /// Whether a message by `admin` at `now` answers a question asked within `window`: it quotes one
    /// (`quoted`) or @-mentions an asker (`mentioned`). The question answered is forgotten, so it
    /// counts once. A message that quotes counts by its quote alone (platforms add an @ of the quoted
    /// author). Returns how many questions it answered.
    int answer(std::string const& group, bot::id const& admin, std::vector<bot::id> const& quoted,
               std::vector<bot::id> const& mentioned, bot::time_point now, std::chrono::seconds window);
    std::size_t size(std::string const& group) const;

private:
    struct question {
        bot::id message;
        bot::id asker;
        bot::time_point at;
    };
    std::unordered_map<std::string, std::deque<question>> groups_;
};

}  // namespace plugins::duty
