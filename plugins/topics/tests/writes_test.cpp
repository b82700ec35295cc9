// Quiet detection writes nothing per message: members chatting all day leave the database alone
// (only the post check's own row is written, a few times per quiet spell).
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include "plugins/topics/tests/support.hpp"
#include "storage/database.hpp"

namespace {

/// Counts the committed write transactions of a database while it lives.
class commit_counter {
public:
    explicit commit_counter(storage::database& db) : handle_(db.raw().getHandle()) {
        sqlite3_commit_hook(handle_, &commit_counter::count_one, &count_);
    }
    ~commit_counter() { sqlite3_commit_hook(handle_, nullptr, nullptr); }
    commit_counter(commit_counter const&) = delete;
    commit_counter& operator=(commit_counter const&) = delete;
    int commits() const { return count_; }

private:
    static int count_one(void* n) {
        ++*static_cast<int*>(n);
        return 0;
    }
    sqlite3* handle_;
    int count_ = 0;
};

}  // namespace

TEST_CASE("members chatting write nothing to the database", "[topics][quiet]") {
    testing::fake_chat chat("", topics_test::loaded());
    topics_test::stocked(chat);
    chat.user("alice").says("第一条");  // the group is known and its check armed
    commit_counter counter(chat.bot().db());
    for (int i = 0; i < 60; ++i) {
        chat.advance(std::chrono::minutes(2));
        chat.user(i % 2 ? "alice" : "bob").says("聊天 " + std::to_string(i));
    }
    CHECK(counter.commits() == 0);
    CHECK(topics_test::posts(chat).empty());
}
