#pragma once
/// The last messages of each group that a plugin keeps in memory to act on later (/ad on a quoted
/// ad, /提名 on a quoted share): at most `per_group` per group and at most `max_bytes` in all,
/// however many groups there are. Past the byte bound the oldest entry of all the groups goes
/// first, so a quiet group keeps its few recent messages until the busy ones outgrow it.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>

namespace bot {

template <class T>
class recent_by_group {
public:
    /// `bytes` estimates what an entry holds (its heap strings included).
    recent_by_group(std::size_t per_group, std::size_t max_bytes, std::function<std::size_t(T const&)> bytes)
        : per_group_(per_group), max_bytes_(max_bytes), bytes_of_(std::move(bytes)) {}

    void add(std::string const& group, T item) {
        auto it = groups_.try_emplace(group).first;
        auto& list = it->second;
        auto size = bytes_of_(item) + overhead;
        list.push_back({next_seq_++, size, std::move(item)});
        bytes_ += size;
        ++entries_;
        if (list.size() == 1) fronts_.insert({list.front().seq, &it->first});
        if (list.size() > per_group_) drop_oldest(it);
        while (bytes_ > max_bytes_ && !fronts_.empty()) drop_oldest(groups_.find(*fronts_.begin()->second));
    }

    /// The group's newest entry that `match` accepts.
    template <class Match>
    std::optional<T> newest(std::string const& group, Match&& match) const {
        auto it = groups_.find(group);
        if (it == groups_.end()) return std::nullopt;
        for (auto e = it->second.rbegin(); e != it->second.rend(); ++e)
            if (match(e->item)) return e->item;
        return std::nullopt;
    }

    std::size_t size(std::string const& group) const {
        auto it = groups_.find(group);
        return it == groups_.end() ? 0 : it->second.size();
    }
    std::size_t size() const { return entries_; }
    std::size_t bytes() const { return bytes_; }

private:
    struct entry {
        std::uint64_t seq;
        std::size_t bytes;
        T item;
    };
    using groups = std::unordered_map<std::string, std::deque<entry>>;
    /// Counted per entry beyond what `bytes` says: the entry's place in the deque and the bookkeeping.
    static constexpr std::size_t overhead = sizeof(entry) + 16;

    void drop_oldest(typename groups::iterator it) {
        auto& list = it->second;
        auto front = fronts_.extract({list.front().seq, &it->first});
        bytes_ -= list.front().bytes;
        --entries_;
        list.pop_front();
        if (list.empty()) {
            groups_.erase(it);
        } else {
            // The same node, moved to the group's new oldest entry: no allocation per message.
            front.value().first = list.front().seq;
            fronts_.insert(std::move(front));
        }
    }

    std::size_t per_group_;
    std::size_t max_bytes_;
    std::function<std::size_t(T const&)> bytes_of_;
    groups groups_;
    /// Each group's oldest entry, oldest first: where the byte bound takes from. The key pointers
    /// stay valid while their group is in the map (unordered_map nodes do not move).
    std::set<std::pair<std::uint64_t, std::string const*>> fronts_;
    std::uint64_t next_seq_ = 0;
    std::size_t bytes_ = 0;
    std::size_t entries_ = 0;
};

}  // namespace bot
