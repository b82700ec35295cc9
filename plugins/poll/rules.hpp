#pragma once
/// The poll plugin's rules as plain functions over values: reading a /poll line and a /vote, the
/// deadline, the tally, the text bars, and CSV cells. No framework here; tests/rules_test.cpp.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/event.hpp"
#include "bot/timezone.hpp"

namespace plugins::poll {

/// A deadline as written: a duration ("2h"), a local date with an optional time
/// ("2026-03-04 20:00"), or a time of day alone ("20:00": the next such time).
struct deadline_spec {
    std::optional<std::chrono::seconds> after;
    std::optional<bot::civil_date> date;
    std::optional<int> minute_of_day;
};

/// Reads a deadline from its words; nullopt when it is not one.
std::optional<deadline_spec> parse_deadline(std::string_view text);
/// The instant a deadline names, seen at `now` in zone `tz`. A date alone means 23:59 that day.
bot::time_point resolve(deadline_spec const& d, bot::time_point now, bot::time_zone const& tz);

/// A poll as written: `问题 | 选项1 | 选项2 [--multi] [--anon] [--until 2h]`.
struct poll_spec {
    std::string question;
    std::vector<std::string> options;
    bool multi = false;
    bool anon = false;
    std::optional<deadline_spec> deadline;
};

/// A parsed /poll line, or the text key of what is wrong with it.
struct parsed_poll {
    std::optional<poll_spec> spec;
    std::string
        error;  ///< "err_format", "err_too_few", "err_too_many", "err_empty_option", "err_duplicate", "err_deadline"
};
parsed_poll parse_poll(std::string_view text, int max_options);

/// A vote as written: `[#P] N [N ...]` (spaces, commas or 、 between numbers).
struct vote_spec {
    std::optional<int> poll;
    std::vector<int> choices;  ///< as written, 1-based
};
/// nullopt when the words are not a vote.
std::optional<vote_spec> parse_vote(std::string_view text);

/// A poll or survey reference "#3" or "3"; nullopt otherwise.
std::optional<int> parse_ref(std::string_view text);

/// A leading "#S" and the words after it; no number when the text does not start with one.
std::pair<std::optional<int>, std::string> split_ref(std::string_view text);

/// Choices stored in a ballot ("1,3"), sorted and without repeats, and back.
std::string encode_choices(std::vector<int> choices);
std::vector<int> decode_choices(std::string_view text);

/// Votes per option (1..options) over the ballots' choices; choices out of range are not counted.
std::vector<int> tally(int options, std::vector<std::vector<int>> const& ballots);

/// A text bar for `count` scaled to `max` over `width` cells, then the count: "██████ 12".
/// A count above zero shows at least one cell; zero shows the count alone.
std::string render_bar(int count, int max, int width);

/// Splits on '|' (or the full-width '｜'), trimming each part.
std::vector<std::string> split_bars(std::string_view text);
/// The text without leading and trailing spaces.
std::string trim(std::string_view text);

/// One CSV cell: quoted when needed, and text a spreadsheet would run as a formula (starting with
/// = + - @, a tab or a carriage return) is defused with a leading apostrophe.
std::string csv_cell(std::string_view text);
/// A CSV line of cells, ending in "\r\n".
std::string csv_row(std::vector<std::string> const& cells);

}  // namespace plugins::poll
