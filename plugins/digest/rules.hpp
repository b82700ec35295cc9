#pragma once
/// The Q&A digest's rules as plain functions over values: what is a question worth collecting,
/// which answers are the best, which period a digest covers, how a long digest is split, and how a
/// search keyword becomes a LIKE pattern.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/clock.hpp"
#include "bot/timezone.hpp"

namespace plugins::digest {

/// Who answered, best first: the group's owner or admins, then the bot's duty admins (分管), then
/// everyone else. Stored as its number, so keep the values.
enum class answer_rank { admin = 0, duty = 1, member = 2 };

/// One answer as the ranking sees it.
struct answer_value {
    std::string answerer;  ///< who answered (an encoded ID): one answer per answerer is listed
    answer_rank rank = answer_rank::member;
    std::size_t length = 0;  ///< in characters
    std::int64_t at = 0;     ///< when it was given (earlier wins a tie)
};

/// The positions in `answers` of the best ones, best first, at most `n`: each answerer's best
/// answer only; by rank, then longer first, then earlier first.
std::vector<std::size_t> best_answers(std::vector<answer_value> const& answers, int n);

/// Whether a member's message is a question worth collecting: it asks (bot::looks_like_question
/// with `words`, empty for the defaults) and has at least `min_length` characters.
bool worth_collecting(std::string_view text, std::vector<std::string> const& words, int min_length);

/// When the digest is posted: daily, or weekly on `weekday` (1 = Monday ... 7 = Sunday), at
/// `minute` after local midnight.
struct digest_schedule {
    bool weekly = false;
    int weekday = 7;
    int minute = 21 * 60;
};

/// The latest scheduled digest time at or before `t` in zone `tz`: the start of the period that
/// is running at `t` (what a digest posted at `t` covers begins there).
bot::time_point period_start(bot::time_point t, bot::time_zone const& tz, digest_schedule const& s);

/// The digest as messages: `blocks` (the head, then one per question, then the rest) joined with
/// blank lines into messages of at most `limit` bytes, at most `max_messages` of them. A block too
/// long for any message goes alone. `dropped` counts the blocks that did not fit.
struct split_digest {
    std::vector<std::string> messages;
    int dropped = 0;
};
split_digest split_blocks(std::vector<std::string> const& blocks, std::size_t limit, std::size_t max_messages);

/// A LIKE pattern that finds `keyword` anywhere, with '\', '%' and '_' escaped by '\' (use
/// `ESCAPE '\'`).
std::string like_pattern(std::string_view keyword);

/// "#12", "＃12" or "12" as 12; nothing for anything else.
std::optional<int> parse_number(std::string_view word);

}  // namespace plugins::digest
