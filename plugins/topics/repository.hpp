#pragma once
/// The topic bank's SQL: topics with their state and rotation rounds, the posts made, and the
/// groups where the plugin was switched off.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "bot/id.hpp"
#include "bot/timezone.hpp"
#include "storage/migration.hpp"

namespace storage {
class database;
}

namespace plugins::topics {

std::vector<storage::migration> const& schema();

enum class topic_state { pending = 0, active = 1, removed = 2, rejected = 3 };

struct topic_row {
    int number = 0;
    std::string category;
    std::string text;
    topic_state state = topic_state::active;
    bot::id author;
    std::string author_name;
    std::int64_t created_at = 0;
    int rounds = 0;
    int posts = 0;
    std::optional<std::int64_t> last_posted_at;
};

struct post_row {
    std::int64_t at = 0;
    int number = 0;
    std::string category;
    std::string text;
    std::string how;  ///< "auto" or "now"
};

/// A new topic or suggestion.
struct new_topic {
    std::string category;
    std::string text;
    topic_state state = topic_state::active;
    bot::id author;
    std::string author_name;
    std::int64_t at = 0;
};

class repository {
public:
    explicit repository(storage::database& db) : db_(db) {}
    storage::database& db() { return db_; }

    /// Stores a topic under the group's next number and returns it. A topic enters the bank in the
    /// current round, so it is posted before any topic repeats. Call inside a transaction.
    int add(std::string const& g, new_topic const& t);
    std::optional<topic_row> find(std::string const& g, int number);
    /// The pending or active topic that reads like `text`, if any.
    std::optional<topic_row> find_live(std::string const& g, std::string const& text);
    /// Topics in one state, by category then number.
    std::vector<topic_row> in_state(std::string const& g, topic_state s);
    /// Moves a topic from one state to another; false when it was not in `from`.
    bool move(std::string const& g, int number, topic_state from, topic_state to, std::string const& by,
              std::int64_t at);
    /// Pending suggestions of one member.
    int pending_of(std::string const& g, bot::id const& user);

    /// Records a post of topic `number` and moves it to the next round.
    void record_post(std::string const& g, int number, std::int64_t at, bot::civil_date day, std::string const& how,
                     std::string const& by);
    int posts_on(std::string const& g, bot::civil_date day);
    std::optional<post_row> last_post(std::string const& g);
    std::vector<post_row> recent_posts(std::string const& g, int limit);

    /// Groups with a topic in the bank.
    std::vector<std::string> groups_with_bank();

private:
    storage::database& db_;
};

}  // namespace plugins::topics
