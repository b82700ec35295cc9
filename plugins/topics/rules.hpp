#pragma once
/// The topic bank's rules as plain functions over values: when a quiet group gets its next topic,
/// which topic comes next, and how a command's words are read.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/clock.hpp"
#include "bot/timezone.hpp"

namespace plugins::topics {

/// The longest topic, in characters.
inline constexpr std::size_t max_topic_chars = 200;

/// The hours of a group's day in which the bot may post on its own, in local minutes after
/// midnight. An end at or before the start crosses midnight; equal ends mean around the clock.
struct waking_window {
    int start = 9 * 60;
    int end = 22 * 60;
};

/// What decides the next automatic post in a group.
struct post_plan {
    bot::time_point last_activity{};  ///< the later of the last member message and the last post
    std::chrono::seconds quiet{};     ///< how long the group must be quiet
    waking_window window;
    int cap = 0;            ///< posts per group day
    bot::civil_date today;  ///< the group day of `now`
    int posts_today = 0;    ///< posts already made on `today`
};

/// The earliest instant, not before `now`, at which the group has been quiet for `quiet` since its
/// last activity, that lies in a waking window, and whose group day (`close_hour` in `tz`) has a
/// post left under the cap. Nothing when the cap is zero. Quiet that ends at night waits for the
/// next waking start; any message before then moves `last_activity`, and so the post.
std::optional<bot::time_point> next_post_time(post_plan const& p, bot::time_point now, bot::time_zone const& tz,
                                              int close_hour);

/// A topic as the rotation sees it.
struct rotation_entry {
    int number = 0;
    std::string category;
    int rounds = 0;  ///< the bank rounds it was posted in
};

/// The next topic to post: one not yet posted in the current round (the fewest rounds), of another
/// category than the last post when one is left, the oldest first. Nothing for an empty bank.
std::optional<int> pick_next(std::vector<rotation_entry> const& bank, std::string const& last_category);

/// "#12", "＃12" or "12" as 12; nothing for anything else.
std::optional<int> parse_number(std::string_view word);

/// A topic as typed after /topic add or /topic suggest: an optional category, then the text.
struct typed_topic {
    std::string category;  ///< the configured name; empty for the default
    std::string text;      ///< trimmed
    std::string unknown;   ///< a category named in [brackets] that is not configured
};

/// Reads "[分类] 内容", "【分类】内容" or "分类 内容" (the first word a configured category) and
/// plain "内容". A bracketed name that is not a category is reported in `unknown`.
typed_topic read_topic(std::string_view input, std::vector<std::string> const& categories);

/// The configured category `name` matches (ASCII case ignored), or nothing.
std::optional<std::string> find_category(std::string_view name, std::vector<std::string> const& categories);

/// The form two topics are compared in for duplicates: white space runs as one space, ASCII
/// lowered, trailing punctuation dropped.
std::string normalized(std::string_view text);

}  // namespace plugins::topics
