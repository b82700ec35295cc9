#pragma once
/// The Q&A digest's SQL: the questions collected (numbered per group), their answers, and the
/// digests posted (one row per group and period, recorded when the post is decided).

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "bot/id.hpp"
#include "plugins/digest/rules.hpp"
#include "storage/migration.hpp"

namespace storage {
class database;
}

namespace plugins::digest {

std::vector<storage::migration> const& schema();

struct question_row {
    std::int64_t id = 0;
    int number = 0;
    std::string message_id;  ///< encoded
    bot::id asker;
    std::string asker_name;
    std::string text;
    std::int64_t at = 0;
    int answers = 0;
};

struct answer_row {
    bot::id answerer;
    std::string answerer_name;
    answer_rank rank = answer_rank::member;
    std::string text;
    std::int64_t at = 0;
};

struct new_question {
    std::string message_id;
    bot::id asker;
    std::string asker_name;
    std::string text;
    std::int64_t at = 0;
};

struct new_answer {
    std::string message_id;
    bot::id answerer;
    std::string answerer_name;
    answer_rank rank = answer_rank::member;
    std::string text;
    std::int64_t at = 0;
};

struct post_row {
    std::string period;
    std::int64_t at = 0;
    std::string how;  ///< "auto" or "now"
    int questions = 0;
    std::string message_id;  ///< encoded; empty until sent (or when the send failed)
    bool pinned = false;
};

class repository {
public:
    explicit repository(storage::database& db) : db_(db) {}
    storage::database& db() { return db_; }

    /// Stores a question under the group's next number; nothing (nullopt) when that message is
    /// already stored. Numbers are never reused, even after forget. Batched (batch_through), the
    /// row, its id and number included, waits in memory for the core's batch.
    std::optional<question_row> add_question(std::string const& g, new_question const& q);
    /// The group's questions asked at or after `since`, newest first, at most `limit`.
    std::vector<question_row> recent(std::string const& g, std::int64_t since, int limit);
    /// Stores an answer; false when that message already answers the question. Batched, it waits
    /// for the core's batch and the answer already given is skipped there.
    bool add_answer(std::int64_t question, new_answer const& a);

    /// Batches add_question and add_answer, which a busy group calls for one message in six or so
    /// and no reply waits for: `changed` tells the batch something waits, `flush` has the batch
    /// written, which every read of the questions and answers does first.
    void batch_through(std::function<void()> changed, std::function<void()> flush) {
        changed_ = std::move(changed);
        flush_ = std::move(flush);
    }
    /// The batch's writer: writes the questions and answers that wait, in the order they came.
    void write_pending();
    void pending_written() {
        questions_.clear();
        answers_.clear();
    }
    /// The group's questions asked in [from, to), oldest first, with their answer counts.
    std::vector<question_row> asked_between(std::string const& g, std::int64_t from, std::int64_t to);
    std::vector<answer_row> answers_of(std::int64_t question);
    std::optional<question_row> find(std::string const& g, int number);
    /// Removes a question's text, asker name and answers; its number stays used. False when none.
    bool forget(std::string const& g, int number);
    /// forget() for the question asked by message `message_id`: its number, or nullopt when none.
    std::optional<int> forget_message(std::string const& g, std::string const& message_id);
    /// Removes the answer given by message `message_id` in the group; false when none.
    bool forget_answer(std::string const& g, std::string const& message_id);
    /// Answered questions whose text or an answer matches the LIKE `pattern` (escaped with '\'),
    /// newest first.
    std::vector<question_row> search(std::string const& g, std::string const& pattern, int limit);
    /// How many questions the group has, and how many of them are answered.
    std::pair<int, int> counts(std::string const& g);

    /// Records the digest of a period; false when that period's digest was already recorded.
    bool record_post(std::string const& g, post_row const& p);
    void set_post_message(std::string const& g, std::string const& period, std::string const& message_id);
    void set_pinned(std::string const& g, std::string const& period);
    /// The group's digests, newest first.
    std::vector<post_row> posts(std::string const& g, int limit);

private:
    storage::database& db_;
    struct waiting_question {
        std::string group;
        question_row row;
    };
    struct waiting_answer {
        std::int64_t question = 0;
        new_answer answer;
    };
    std::vector<waiting_question> questions_;
    std::vector<waiting_answer> answers_;
    std::int64_t last_id_ = -1;                              ///< the largest question id given; -1 until read
    std::unordered_map<std::string, int> last_number_;  ///< group → its largest question number given
    std::function<void()> changed_;
    std::function<void()> flush_;

    void flush() {
        if (flush_ && (!questions_.empty() || !answers_.empty())) flush_();
    }
    bool stored(std::string const& g, std::string const& message_id);
    std::optional<question_row> insert_question(std::string const& g, new_question const& q);
    bool insert_answer(std::int64_t question, new_answer const& a);
};

}  // namespace plugins::digest
