#include "plugins/stats/tally.hpp"

#include <algorithm>

namespace plugins::stats {

void tally::message(std::string const& group, bot::civil_date day, std::string const& user, std::string const& name,
                    bool question) {
    auto& d = at(group, day);
    ++d.messages;
    if (question) ++d.questions;
    if (user.empty()) return;
    auto [it, added] = d.members.try_emplace(user);
    if (added) ++member_days_;
    auto& m = it->second;
    if (m.name != name) m.name = name;
    ++m.messages;
}

day_delta& tally::at(std::string const& group, bot::civil_date day) {
    auto it = pending_.find(std::string_view(group));
    if (it == pending_.end()) it = pending_.emplace(group, std::unordered_map<long, day_delta>{}).first;
    return it->second[day.serial()];
}

deltas tally::take() {
    deltas out;
    for (auto& [group, days] : pending_)
        for (auto& [day, d] : days) out.emplace(std::make_pair(group, day), std::move(d));
    pending_.clear();
    member_days_ = 0;
    return out;
}

void tally::restore(deltas d) {
    for (auto& [key, older] : d) {
        auto& now = at(key.first, bot::civil_date::from_serial(key.second));
        now.messages += older.messages;
        now.questions += older.questions;
        now.answered += older.answered;
        now.joined += older.joined;
        now.left += older.left;
        for (auto& [user, m] : older.members) {
            auto [it, added] = now.members.try_emplace(user);
            if (added) ++member_days_;
            auto& mine = it->second;
            if (mine.name.empty()) mine.name = m.name;
            mine.messages += m.messages;
        }
    }
}

void question_book::asked(std::string const& group, std::string const& message_id, std::string const& asker,
                          bot::time_point at, bot::civil_date day) {
    auto& q = open_[group];
    q.push_back({message_id, asker, at, day});
    while (q.size() > per_group_) q.pop_front();
}

void question_book::expire(std::deque<question>& q, bot::time_point now, std::chrono::seconds window) {
    while (!q.empty() && q.front().at + window < now) q.pop_front();
}

std::vector<bot::civil_date> question_book::answer(std::string const& group, std::string const& reply_to,
                                                   std::vector<std::string> const& mentioned, std::string const& by,
                                                   bot::time_point at, std::chrono::seconds window) {
    std::vector<bot::civil_date> out;
    auto it = open_.find(group);
    if (it == open_.end()) return out;
    auto& q = it->second;
    expire(q, at, window);
    auto take = [&](auto found) {
        out.push_back(found->day);
        q.erase(found);
    };
    if (!reply_to.empty()) {
        auto found = std::find_if(q.begin(), q.end(), [&](question const& x) { return x.message_id == reply_to; });
        if (found != q.end() && found->asker != by) take(found);
    }
    for (auto const& asker : mentioned) {
        if (asker == by) continue;
        auto found = std::find_if(q.rbegin(), q.rend(), [&](question const& x) { return x.asker == asker; });
        if (found != q.rend()) take(std::next(found).base());
    }
    if (q.empty()) open_.erase(it);
    return out;
}

std::size_t question_book::open(std::string const& group) const {
    auto it = open_.find(group);
    return it == open_.end() ? 0 : it->second.size();
}

}  // namespace plugins::stats
