#pragma once
/// The rules of the weekly best share as plain functions over values: what a /提名 message names,
/// whether a check-in is long enough to nominate itself, who wins a vote (and how a tie is broken),
/// the week a vote opening belongs to, and CSV cells for the archive.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/id.hpp"
#include "bot/message.hpp"
#include "bot/scheduler.hpp"

namespace plugins::bestshare {

/// What a /提名 message points at: a quoted message, or an @-mentioned member with the text after it.
struct nomination_request {
    std::optional<bot::id> quoted;         ///< the message id of a reply (quote) before the command
    std::optional<bot::id> quoted_author;  ///< the mention a QQ client puts after a quote: its author
    std::optional<bot::id> target;         ///< the first member @-mentioned after the command word
    std::string target_name;               ///< the mention's display hint
    std::string text;                      ///< what follows the mention (trimmed)
};
nomination_request read_nomination(bot::message const& m);

/// Whether a check-in's text nominates itself: at least `min_chars` characters (0 = never).
bool long_enough(std::string_view text, int min_chars);

/// One nominated share as the count sees it.
struct candidate {
    std::int64_t id = 0;
    int num = 0;
    std::int64_t at = 0;  ///< when it was nominated (unix seconds)
    int votes = 0;
};
/// The winner: most votes; on a tie the share nominated first (earlier `at`, then the smaller
/// number). Nobody wins a vote in which no one voted.
std::optional<std::int64_t> pick_winner(std::vector<candidate> const& all);

/// The next time the weekly vote opens after `after` (nullopt when it never opens automatically).
std::optional<bot::time_point> next_opening(int weekday, int minute_of_day, bot::time_point after,
                                            bot::time_zone const& tz);

/// "#3", "3", "第3期" → 3; nullopt for anything else.
std::optional<int> parse_number(std::string_view text);

/// A CSV cell: quoted when it holds a comma, quote or line break; a leading = + - @ is defused.
std::string csv_cell(std::string_view text);
std::string csv_row(std::vector<std::string> const& cells);

}  // namespace plugins::bestshare
