#include "plugins/duty/kpi.hpp"

#include <algorithm>

namespace plugins::duty {

void tally::message(std::string const& group, std::string const& shift, bot::id const& sender) {
    auto& t = pending_[{group, shift}];
    ++t.messages;
    t.senders.insert(sender);
}

void tally::answered(std::string const& group, std::string const& shift, bot::id const& admin, int n) {
    pending_[{group, shift}].admin[admin].first += n;
}

void tally::moderated(std::string const& group, std::string const& shift, bot::id const& admin, int n) {
    pending_[{group, shift}].admin[admin].second += n;
}

std::map<std::pair<std::string, std::string>, shift_tally> tally::take() {
    auto out = std::move(pending_);
    pending_.clear();
    return out;
}

shift_tally const* tally::pending(std::string const& group, std::string const& shift) const {
    auto it = pending_.find({group, shift});
    return it == pending_.end() ? nullptr : &it->second;
}

void tally::restore(std::map<std::pair<std::string, std::string>, shift_tally> back) {
    for (auto& [key, t] : back) {
        auto& mine = pending_[key];
        mine.messages += t.messages;
        mine.senders.merge(t.senders);
        for (auto const& [who, counts] : t.admin) {
            mine.admin[who].first += counts.first;
            mine.admin[who].second += counts.second;
        }
    }
}

void question_book::asked(std::string const& group, bot::id const& message, bot::id const& asker, bot::time_point at) {
    auto& q = groups_[group];
    q.push_back({message, asker, at});
    while (q.size() > per_group) q.pop_front();
}

int question_book::answer(std::string const& group, bot::id const& admin, std::vector<bot::id> const& quoted,
                          std::vector<bot::id> const& mentioned, bot::time_point now, std::chrono::seconds window) {
    auto it = groups_.find(group);
    if (it == groups_.end()) return 0;
    auto& q = it->second;
    std::erase_if(q, [&](question const& x) { return now - x.at > window; });
    int answered = 0;
    auto take = [&](auto pred) {
        // The latest matching question: a member asking twice is answered for the last one.
        auto found = std::find_if(q.rbegin(), q.rend(), pred);
        if (found == q.rend()) return;
        q.erase(std::next(found).base());
        ++answered;
    };
    for (auto const& m : quoted)
        take([&](question const& x) { return x.message == m && !(x.asker == admin); });
    // A quote decides alone: platforms add an @ of the quoted author to a reply, which is no second answer.
    if (!quoted.empty()) return answered;
    std::set<bot::id> askers(mentioned.begin(), mentioned.end());
    for (auto const& a : askers)
        if (!(a == admin)) take([&](question const& x) { return x.asker == a; });
    return answered;
}

std::size_t question_book::size(std::string const& group) const {
    auto it = groups_.find(group);
    return it == groups_.end() ? 0 : it->second.size();
}

}  // namespace plugins::duty
